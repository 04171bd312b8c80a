"""The MkDocs adapter: wires MkDocs events to the pure modules of the package."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .config import AcademyConfig
from .content import check_pages, shown_path
from .frontmatter import PageMeta
from .model import Model, load_model
from .problems import ProblemsFound, format_all

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
SEARCH_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
FILE_PROTOCOL_FIX = "assets/academy/file-protocol.js"
DIAGRAM_RENDERER = "assets/vendor/mermaid/mermaid.min.js"
DIAGRAM_SETUP = "assets/academy/diagrams.js"


class AcademyPlugin(BasePlugin[AcademyConfig]):
    def __init__(self) -> None:
        self.model: Model | None = None
        self.metas: dict[str, PageMeta] = {}

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
        if not config.site_url:
            log.info("site_url 未设置：页面之间将整页加载（即时导航需要站点地址，见 README 的 Hosting 一节）")
        # jieba (Material's Chinese segmentation) reports its dictionary
        # loading on every build; trainers only need to see problems.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        config.theme.dirs.append(str(TEMPLATES))
        polyfills = config.extra.setdefault("polyfills", [])
        if FILE_PROTOCOL_FIX not in polyfills:
            polyfills.append(FILE_PROTOCOL_FIX)
        if self.config.vendored_assets and SEARCH_WORKER_SHIM not in polyfills:
            polyfills.append(SEARCH_WORKER_SHIM)
            for script in (DIAGRAM_RENDERER, DIAGRAM_SETUP):
                if script not in config.extra_javascript:
                    config.extra_javascript.append(script)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Read every page's front matter strictly; fail with all problems."""
        if not self.config.enabled or self.model is None:
            return None
        pages = [
            (Path(file.abs_src_path), _shown(file.abs_src_path, config))
            for file in files.documentation_pages()
            if file.abs_src_path
        ]
        metas, problems = check_pages(pages, self.model)
        if problems:
            raise PluginError(f"{len(problems)} 处页面错误，请修改后重新构建：\n" + format_all(problems))
        self.metas = metas
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Give templates the strictly parsed front matter (no yes/no booleans, no dates)."""
        meta = self.metas.get(_shown(page.file.abs_src_path or "", config))
        if meta is not None:
            page.meta = dict(meta.data)
        return markdown

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when trainers' data outside docs_dir changes."""
        if self.config.enabled:
            server.watch(str(Path(self.config.model).parent))
        return server


def _shown(path: str, config: MkDocsConfig) -> str:
    return shown_path(path, Path(config.config_file_path or ".").resolve().parent)
