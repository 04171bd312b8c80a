"""The MkDocs adapter: wires MkDocs events to the pure modules of the package."""

from __future__ import annotations

import hashlib
import itertools
import json
from html import escape
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .config import AcademyConfig
from academy.core.course import Course, check_course, shown_path
from academy.core.model import Model, load_model
from academy.core.learning_paths import LearningPath, check_anchors
from academy.core.placeholders import replace_placeholders
from academy.core.quizzes import Question, Quiz, check_quiz_refs, quiz_files
from academy.render.quiz import QuizRenderer
from academy.render.learning import UrlFor
from academy.core.problems import Problem, ProblemsFound, format_all
from .search_hooks import SearchHooks
from academy.render.learning import (
    render_dashboard,
    render_learning_log,
    render_path,
    render_pathbar,
    render_role_picker,
)

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent.parent / "templates"
FILE_PROTOCOL_FIX = "assets/academy/file-protocol.js"
STORAGE_GUARD = "assets/academy/storage-guard.js"
SEARCH_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
SEARCH_QUERY = "assets/academy/search-query.js"
# Material loads Mermaid from a CDN on pages with diagrams; this loads the vendored copy instead.
LOCAL_DIAGRAMS = "assets/academy/local-diagrams.js"
# On every page; academy.js loads the parts for dashboards, learning logs and
# quizzes (scoring.js, quiz.js, quiz.css) on the pages that have them.
SCRIPTS = ["assets/academy/a11y.js", "assets/academy/academy.js"]
STYLESHEETS = ["assets/academy/a11y.css", "assets/academy/academy.css"]
REVIEW_LINKS = 8  # pages to review per SPCM dimension under a quiz result
QUIZ_FOLDER = "quizzes"  # where generated quiz pages live in the site
HTML_ID = re.compile(r'\sid="([^"]+)"')


class AcademyPlugin(BasePlugin[AcademyConfig]):
    def __init__(self) -> None:
        self.model: Model | None = None
        self.course: Course | None = None
        self.paths: dict[str, LearningPath] = {}
        self.memberships: dict[str, list[tuple[LearningPath, int]]] = {}
        self.teaching: dict[str, list[str]] = {}  # SPCM dimension -> pages that teach it, for quiz review lists
        self.site = ""
        self.shown: dict[str, str] = {}
        self.build = ""
        self.quizzes: QuizRenderer | None = None
        self.search: SearchHooks | None = None
        self._files: Files | None = None

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
        head = [STORAGE_GUARD, FILE_PROTOCOL_FIX]
        if self.config.vendored_assets:
            head += [SEARCH_WORKER_SHIM, LOCAL_DIAGRAMS]
        head.append(SEARCH_QUERY)  # wraps the search worker: after the shim
        for polyfill in head:
            if polyfill not in polyfills:
                polyfills.append(polyfill)
        for script in SCRIPTS:
            if script not in config.extra_javascript:
                config.extra_javascript.append(script)
        for sheet in STYLESHEETS:
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Check every page and path before anything is rendered; fail with all problems."""
        if not self.config.enabled or self.model is None:
            return None
        docs = _shown(config.docs_dir, config)  # once: resolving every page's path is slow at scale
        sources = [
            (Path(file.abs_src_path), file.src_uri, f"{docs}/{file.src_uri}" if file.generated_by is None
             else _shown(file.abs_src_path, config))
            for file in files.documentation_pages()
            if file.abs_src_path
        ]
        self.shown = {key: shown for _, key, shown in sources}
        self._files = files
        model_file = Path(self.config.model)
        banks = [(bank, _shown(str(bank), config)) for bank in quiz_files(model_file.parent, model_file)]
        self.course = check_course(sources, self.model, self.config.learning_log_page, banks)
        _fail_on(self.course.problems, "处错误，请修改后重新构建")
        try:  # search vocabulary and related reading (academy.search)
            base = Path(config.config_file_path or ".").resolve().parent
            self.search = SearchHooks.start(self.config, base, self.course, lambda key: self.shown.get(key, key),
                                            _material_index(config))
        except ProblemsFound as found:
            _fail_on(found.problems, "处错误，请修改后重新构建")
        self.build = _build_id([model_file, *(bank for bank, _ in banks)])
        self.quizzes = QuizRenderer(self.model, self.site, self.build)
        self.paths = {path.role: path for path in self.course.paths}
        self.teaching = self.course.pages.teaching()
        self.memberships = {}
        for path in self.course.paths:
            for index, step in enumerate(path.steps):
                target = quiz_page(step.target) if step.kind == "quiz" else step.target
                self.memberships.setdefault(target, []).append((path, index))
        for quiz in self.course.quizzes.values():
            src = quiz_page(quiz.id)
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, content=_quiz_page_source(quiz, self.model)))
            _add_to_nav(config, src)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Give templates the strictly read front matter, and a title that cannot be markup."""
        meta = self.course.pages.metas.get(page.file.src_uri) if self.course else None
        if meta is not None:
            # Material prints titles unescaped in <title>, the header and the nav.
            page.meta = {**meta.data, "title": escape(meta.title)}
            if page.title == meta.title:  # not a title given in the nav
                page.title = escape(meta.title)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Add the learning widgets this page asks for or belongs to."""
        if not self.config.enabled or self.model is None:
            return None

        url_for = _links_from(page, files)
        src = page.file.src_uri
        model = self.model

        def render(name: str, argument: str) -> str | None:
            if name == "role-picker":
                return render_role_picker(self.site, model, self.paths, url_for)
            if name == "dashboard":
                return render_dashboard(self.site, model, self.paths, url_for, quiz_page, url_for("index.md", ""))
            if name == "learning-log":
                return render_learning_log(self.site, self.config.reflection_questions)
            if name in ("quiz", "check") and self.course is not None:
                quiz_id, _, question_id = argument.partition("/")
                quiz = self.course.quizzes.get(quiz_id)
                if quiz is None:
                    return None
                only = quiz.question(question_id) if name == "check" else None
                assert self.quizzes is not None
                root = url_for("index.md", "").removesuffix("index.html") or "./"
                return self.quizzes.render(
                    quiz, lambda q: self._ref_links(q, url_for), self._review(quiz, url_for), only, root
                )
            return None

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
        if self.search is not None:
            self.search.page_rendered(src, page.url, html)
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """All pages are rendered now: check that section steps point at real ids."""
        if not self.config.enabled or self.course is None:
            return env
        ids = {  # a --dirty build renders only the pages that changed: the others keep their last check
            file.src_uri: set(HTML_ID.findall(file.page.content))
            for file in files.documentation_pages()
            if file.page is not None and file.page.content is not None
        }
        problems = check_anchors(self.course.paths, ids, lambda key: self.shown.get(key, key))
        problems += check_quiz_refs(self.course.quizzes, ids)
        _fail_on(problems, "处错误，请修改后重新构建")
        if self.search is not None:
            self.search.use_pages(
                {f.src_uri: (f.url, f.page.content or "") for f in files.documentation_pages() if f.page is not None}
            )
        return env

    def _ref_links(self, question: Question, url_for: UrlFor) -> list[dict[str, str]]:
        return [{"href": url_for(page, anchor), "title": self._ref_title(page, anchor)} for page, anchor, _ in question.refs]

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Append 相关阅读 (related reading); runs before Material's search indexes the page."""
        if self.search is not None and self._files is not None and page.content is not None:
            self.search.index_grown()  # the sections of the pages indexed before this one
            page.content += self.search.related_html(page.file.src_uri, _links_from(page, self._files))
        return context

    @event_priority(-50)  # after Material's search writes its index, before the offline plugin inlines it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.search is not None:
            self.search.post_build(Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        if self.search is not None:
            self.search.close()

    def _ref_title(self, page: str, anchor: str) -> str:
        assert self.course is not None
        meta = self.course.pages.metas.get(page)
        title = meta.title if meta else page
        heading = self.course.pages.headings.get(page, {}).get(anchor)
        return f"{title} · {heading}" if heading else title

    def _review(self, quiz: Quiz, url_for: UrlFor) -> dict[str, list[dict[str, str]]]:
        """Pages to review per dimension: this quiz's refs first, then pages that teach it."""
        assert self.model is not None
        review: dict[str, list[dict[str, str]]] = {}
        for dimension in self.model.dimensions:
            links: list[dict[str, str]] = []
            seen: set[str] = set()
            refs = [(page, anchor) for q in quiz.questions if q.dimension == dimension for page, anchor, _ in q.refs]
            for page, anchor in itertools.chain(refs, ((page, "") for page in self.teaching.get(dimension, ()))):
                href = url_for(page, anchor)
                if href not in seen:
                    seen.add(href)
                    links.append({"href": href, "title": self._ref_title(page, anchor)})
                    if len(links) == REVIEW_LINKS:
                        break
            review[dimension] = links
        return review

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when trainers' data outside docs_dir changes."""
        if self.config.enabled:
            server.watch(str(Path(self.config.model).parent))
        return server


def _links_from(page: Page, files: Files) -> UrlFor:
    """Links from `page` to (docs-relative path, anchor); paths the checks accepted are exact src_uris."""
    def url_for(src: str, anchor: str) -> str:
        file = files.src_uris.get(src)
        url = get_relative_url(file.url, page.url) if file else src
        return f"{url}#{anchor}" if anchor else url

    return url_for


def _material_index(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The list Material's search plugin adds index sections to, as it indexes each page."""
    for plugin in config.plugins.values():
        entries = getattr(getattr(plugin, "search_index", None), "entries", None)
        if isinstance(entries, list):
            return entries
    return None


def quiz_page(quiz_id: str) -> str:
    return f"{QUIZ_FOLDER}/{quiz_id}.md"


def _quiz_page_source(quiz: Quiz, model: Model) -> str:
    dimensions = sorted({q.dimension for q in quiz.questions}, key=model.dimensions.index)
    # Material's templates print page titles unescaped; quiz text is data, never markup.
    title = escape(quiz.title)
    front = {
        "title": title,
        "summary": escape(quiz.description or quiz.title),
        "minutes": quiz.minutes,
        "roles": list(quiz.roles or model.role_ids),
        "spcm": dimensions,
    }
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
    # Raw HTML, so that Markdown cannot turn quiz text into links or markup.
    intro = f'<p class="academy-quiz__intro">{escape(quiz.description)}</p>\n\n' if quiz.description else ""
    return f"---\n{lines}---\n\n<h1>{title}</h1>\n\n{intro}<!-- academy:quiz {quiz.id} -->\n"


def _add_to_nav(config: MkDocsConfig, src: str) -> None:
    """Quiz pages are generated; list them under 测验 unless the author placed them."""
    if config.nav is None or src in _nav_entries(config.nav):
        return
    for entry in config.nav:
        if isinstance(entry, dict) and "测验" in entry and isinstance(entry["测验"], list):
            entry["测验"].append(src)
            return
    config.nav.append({"测验": [src]})


def _nav_entries(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_nav_entries(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_nav_entries(item) for item in nav.values())) if nav else set()
    return set()


def _build_id(sources: list[Path]) -> str:
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes() if source.is_file() else b"")
    return digest.hexdigest()[:12]


def _fail_on(problems: list[Problem], what: str) -> None:
    if problems:
        raise PluginError(f"{len(problems)} {what}：\n" + format_all(problems))


def _shown(path: str, config: MkDocsConfig) -> str:
    return shown_path(path, Path(config.config_file_path or ".").resolve().parent)
