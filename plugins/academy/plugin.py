"""The MkDocs adapter: wires MkDocs events to the pure modules of the package."""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .config import AcademyConfig
from .content import Course, check_course, shown_path
from .model import Model, load_model
from .paths import LearningPath, check_anchors
from .placeholders import replace_placeholders, used_widgets
from .problems import Problem, ProblemsFound, format_all
from .widgets import (
    render_dashboard,
    render_learning_log,
    render_path,
    render_pathbar,
    render_role_picker,
)

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
FILE_PROTOCOL_FIX = "assets/academy/file-protocol.js"
SEARCH_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
DIAGRAM_RENDERER = "assets/vendor/mermaid/mermaid.min.js"
DIAGRAM_SETUP = "assets/academy/diagrams.js"
SCRIPT = "assets/academy/academy.js"
STYLESHEET = "assets/academy/academy.css"
HTML_ID = re.compile(r'\sid="([^"]+)"')


class AcademyPlugin(BasePlugin[AcademyConfig]):
    def __init__(self) -> None:
        self.model: Model | None = None
        self.course: Course | None = None
        self.paths: dict[str, LearningPath] = {}
        self.memberships: dict[str, list[tuple[LearningPath, int]]] = {}
        self.site = ""
        self.shown: dict[str, str] = {}

    # Runs before Material's offline plugin, which adds a CDN copy of the
    # iframe-worker shim unless a local one is already listed.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load the model and register the plugin's static files."""
        if not self.config.enabled:
            return None
        try:
            self.model = load_model(Path(self.config.model), shown_as=_shown(self.config.model, config))
        except ProblemsFound as found:
            raise PluginError("能力模型文件有错误：\n" + format_all(found.problems)) from None
        self.site = self.config.site_id or hashlib.sha256(config.site_name.encode()).hexdigest()[:10]
        if not config.site_url:
            log.info("site_url 未设置：页面之间将整页加载（即时导航需要站点地址，见 README 的 Hosting 一节）")
        # jieba (Material's Chinese segmentation) reports its dictionary
        # loading on every build; trainers only need to see problems.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        config.theme.dirs.append(str(TEMPLATES))
        polyfills = config.extra.setdefault("polyfills", [])
        if FILE_PROTOCOL_FIX not in polyfills:
            polyfills.append(FILE_PROTOCOL_FIX)
        scripts = [SCRIPT]
        if self.config.vendored_assets:
            if SEARCH_WORKER_SHIM not in polyfills:
                polyfills.append(SEARCH_WORKER_SHIM)
            scripts = [DIAGRAM_RENDERER, DIAGRAM_SETUP, SCRIPT]
        for script in scripts:
            if script not in config.extra_javascript:
                config.extra_javascript.append(script)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Check every page and path before anything is rendered; fail with all problems."""
        if not self.config.enabled or self.model is None:
            return None
        sources = [
            (Path(file.abs_src_path), file.src_uri, _shown(file.abs_src_path, config))
            for file in files.documentation_pages()
            if file.abs_src_path
        ]
        self.shown = {key: shown for _, key, shown in sources}
        self.course = check_course(sources, self.model, self.config.learning_log_page, quizzes={})
        _fail_on(self.course.problems, "处错误，请修改后重新构建")
        self.paths = {path.role: path for path in self.course.paths}
        self.memberships = {}
        for path in self.course.paths:
            for index, step in enumerate(path.steps):
                if step.kind != "quiz":
                    self.memberships.setdefault(step.target, []).append((path, index))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Add the learning widgets this page asks for or belongs to."""
        if not self.config.enabled or self.model is None:
            return None

        def url_for(src: str, anchor: str) -> str:
            file = files.get_file_from_path(src)
            url = get_relative_url(file.url, page.url) if file else src
            return f"{url}#{anchor}" if anchor else url

        def quiz_page(quiz_id: str) -> str:
            return f"quizzes/{quiz_id}.md"

        src = page.file.src_uri
        widgets = used_widgets(html)
        if widgets:
            render = {}
            if "role-picker" in widgets:
                render["role-picker"] = render_role_picker(self.site, self.model, self.paths, url_for)
            if "dashboard" in widgets:
                home = url_for("index.md", "")
                render["dashboard"] = render_dashboard(self.site, self.model, self.paths, url_for, quiz_page, home)
            if "learning-log" in widgets:
                render["learning-log"] = render_learning_log(self.site, self.config.reflection_questions)
            html = replace_placeholders(html, render)
        for path in self.paths.values():
            if path.page == src:
                html += render_path(self.site, path, url_for, quiz_page)
        memberships = self.memberships.get(src)
        if memberships:
            bar, end = render_pathbar(self.site, memberships, url_for, quiz_page)
            heading_end = html.find("</h1>")
            if heading_end >= 0:
                html = html[: heading_end + 5] + bar + html[heading_end + 5 :]
            else:
                html = bar + html
            html += end
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """All pages are rendered now: check that section steps point at real ids."""
        if not self.config.enabled or self.course is None:
            return env
        ids = {
            file.src_uri: set(HTML_ID.findall(file.page.content or ""))
            for file in files.documentation_pages()
            if file.page is not None
        }
        problems = check_anchors(self.course.paths, ids, lambda key: self.shown.get(key, key))
        _fail_on(problems, "处错误，请修改后重新构建")
        return env

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when trainers' data outside docs_dir changes."""
        if self.config.enabled:
            server.watch(str(Path(self.config.model).parent))
        return server


def _fail_on(problems: list[Problem], what: str) -> None:
    if problems:
        raise PluginError(f"{len(problems)} {what}：\n" + format_all(problems))


def _shown(path: str, config: MkDocsConfig) -> str:
    return shown_path(path, Path(config.config_file_path or ".").resolve().parent)
