"""The MkDocs adapter: hooks that hand MkDocs' pages to the engine-free parts.

The checks are core.course's pipeline, the widgets render through the
Python-Markdown extension of render/, and the search work is search/'s.
"""

from __future__ import annotations

import hashlib
import logging
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from academy.core.course import Course, CourseFiles, check_rendered, check_sources, shown_path
from academy.core.glossary import GLOSSARY_PAGE
from academy.core.links import element_ids
from academy.core.problems import Problem, format_all
from academy.core.xapi import SCRIPT as XAPI_SCRIPT
from academy.core.xapi import SETTINGS_FILE as XAPI_SETTINGS
from academy.core.xapi import endpoint_problem, settings_script, with_slash
from academy.render.extension import AcademyExtension
from academy.render.glossary_page import glossary_page_source
from academy.render.learning import UrlFor
from academy.render.page import CourseWidgets, PageRef
from academy.render.quiz_page import quiz_page, quiz_page_source

from .build_log import BUILD_LOG
from .config import AcademyConfig
from .nav import add_to_nav
from .search_hooks import SearchHooks

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
# quizzes on the pages that have them.
SCRIPTS = ["assets/academy/a11y.js", "assets/academy/academy.js"]
STYLESHEETS = ["assets/academy/a11y.css", "assets/academy/academy.css"]
FIX_AND_REBUILD = "处错误，请修改后重新构建"


class AcademyPlugin(BasePlugin[AcademyConfig]):
    def __init__(self) -> None:
        self.course: Course | None = None
        self.widgets: AcademyExtension | None = None
        self.search: SearchHooks | None = None
        self.site = ""
        self._files: Files | None = None

    # Runs before Material's offline plugin, which adds a CDN copy of the
    # iframe-worker shim unless a local one is already listed.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Register the plugin's static files."""
        if not self.config.enabled:
            return None
        BUILD_LOG.install()
        self.site = (
            self.config.site_id or hashlib.sha256(config.site_name.encode()).hexdigest()[:10]
        )
        if not config.site_url:
            log.info(
                "site_url 未设置：页面之间将整页加载"
                "（即时导航需要站点地址，见 README 的 Hosting 一节）"
            )
        # jieba (Material's Chinese segmentation) reports its dictionary loading
        # on every build; trainers only need to see problems, unless they build
        # with --verbose.
        verbose = logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)
        logging.getLogger("jieba").setLevel(logging.DEBUG if verbose else logging.WARNING)
        config.theme.dirs.append(str(TEMPLATES))
        head = [STORAGE_GUARD, FILE_PROTOCOL_FIX]
        if self.config.vendored_assets:
            head += [SEARCH_WORKER_SHIM, LOCAL_DIAGRAMS]
        head.append(SEARCH_QUERY)  # wraps the search worker: after the shim
        _add_missing(config.extra.setdefault("polyfills", []), head)
        _add_missing(config.extra_javascript, SCRIPTS)
        _add_missing(config.extra_css, STYLESHEETS)
        if self.config.xapi.endpoint is not None:
            problem = endpoint_problem(self.config.xapi.endpoint, config.site_url)
            if problem:
                where = _shown(config.config_file_path or "mkdocs.yml", config)
                raise PluginError(f"{where}: {problem}")
            _add_missing(config.extra_javascript, [XAPI_SETTINGS, XAPI_SCRIPT])
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Check every trainer's file before anything is rendered; fail with all problems."""
        if not self.config.enabled:
            return None
        self.course = _check(self.config, files, config)
        BUILD_LOG.docs_dir, BUILD_LOG.shown_as = Path(config.docs_dir), self.course.shown_as
        self.search = SearchHooks(self.course, self.config, _material_index(config))
        self._files = files
        widgets = CourseWidgets(self.course, self.site, self.config.reflection_questions)
        self.widgets = AcademyExtension(widgets)
        # MkDocs passes the list to Python-Markdown, which takes extension objects too.
        extensions = cast("list[object]", config.markdown_extensions)
        extensions[:] = [e for e in extensions if not isinstance(e, AcademyExtension)] + [
            self.widgets
        ]
        for quiz in self.course.quizzes.values():
            src = quiz_page(quiz.id)
            if files.get_file_from_path(src) is None:
                files.append(
                    File.generated(config, src, content=quiz_page_source(quiz, self.course))
                )
            add_to_nav(config.nav, src)
        if self.config.xapi.endpoint is not None and config.site_url:
            files.append(File.generated(config, XAPI_SETTINGS, content=self._xapi_settings(config)))
        glossary = self.course.glossary
        if glossary is not None and files.get_file_from_path(GLOSSARY_PAGE) is None:
            source = glossary_page_source(glossary, self.course)
            files.append(File.generated(config, GLOSSARY_PAGE, content=source))
            add_to_nav(config.nav, GLOSSARY_PAGE, section=None)
        return files

    def _xapi_settings(self, config: MkDocsConfig) -> str:
        """What xapi.js needs: where to send, and the IRIs' base (the site's address)."""
        assert self.config.xapi.endpoint is not None and config.site_url
        return settings_script(
            {
                "endpoint": with_slash(self.config.xapi.endpoint),
                "launch": self.config.xapi.launch,
                "base": with_slash(config.site_url),
                "site": self.site,
                "course": config.site_name,
            }
        )

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give templates the strictly read front matter and a title that cannot be markup;
        tell the widgets which page Markdown renders next."""
        if self.course is None or self.widgets is None:
            return None
        meta = self.course.pages.metas.get(page.file.src_uri)
        if meta is not None:
            # Material prints titles unescaped in <title>, the header and the nav.
            page.meta = {**meta.data, "title": escape(meta.title)}
            if page.title == meta.title:  # not a title given in the nav
                page.title = escape(meta.title)
        self.widgets.page = PageRef(page.file.src_uri, _links_from(page, files))
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hand the page, widgets included, to the search work."""
        if self.widgets is not None:
            self.widgets.page = None
        if self.search is not None:
            self.search.page_rendered(page.file.src_uri, page.url, html)
        return html

    def _check_rendered(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """All pages are rendered: the sections that steps, refs and pins point at must exist."""
        if self.course is not None:
            # A --dirty build renders only the pages that changed: the others keep
            # their last check.
            ids = {
                file.src_uri: element_ids(file.page.content)
                for file in files.documentation_pages()
                if file.page is not None and file.page.content is not None
            }
            _fail_on(check_rendered(self.course, ids))
        return env

    def _hand_pages_to_search(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.search is not None:
            self.search.use_pages(
                {
                    f.src_uri: (f.url, f.page.content or "")
                    for f in files.documentation_pages()
                    if f.page is not None
                }
            )
        return env

    on_env = CombinedEvent(_check_rendered, _hand_pages_to_search)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Append 相关阅读 (related reading); runs before Material's search indexes the page
        (the academy plugin is listed after search in mkdocs.yml)."""
        if self.search is not None and self._files is not None and page.content is not None:
            page.content += self.search.related_html(
                page.file.src_uri, _links_from(page, self._files)
            )
        return context

    @event_priority(
        -50
    )  # after Material's search writes its index, before the offline plugin inlines it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.search is not None:
            self.search.post_build(Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        if self.search is not None:
            self.search.close()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when trainers' data outside docs_dir changes."""
        if self.config.enabled:
            server.watch(str(Path(self.config.model).parent))
            server.watch(str(_base(config) / self.config.search_terms))
            if self.config.glossary:
                server.watch(self.config.glossary)
        return server


def _check(options: AcademyConfig, files: Files, config: MkDocsConfig) -> Course:
    """The core's check pipeline over the pages MkDocs found; PluginError lists every problem."""
    docs = _shown(config.docs_dir, config)  # once: resolving every page's path is slow at scale
    pages = [
        (
            Path(file.abs_src_path),
            file.src_uri,
            f"{docs}/{file.src_uri}"
            if file.generated_by is None
            else _shown(file.abs_src_path, config),
        )
        for file in files.documentation_pages()
        if file.abs_src_path
    ]
    course, problems = check_sources(
        CourseFiles(
            pages=pages,
            model=Path(options.model),
            model_shown=_shown(options.model, config),
            log_page=options.learning_log_page,
            terms=_base(config) / options.search_terms,
            terms_shown=options.search_terms,
            item_checks=options.item_checks,
            glossary=Path(options.glossary) if options.glossary else None,
            glossary_shown=_shown(options.glossary, config) if options.glossary else "",
        )
    )
    for advice in course.advice if course is not None else []:
        log.info("建议修改：%s", advice.format())  # info, not warning: --strict fails on warnings
    _fail_on(problems)
    assert course is not None
    return course


def _links_from(page: Page, files: Files) -> UrlFor:
    """Links from `page` to (docs-relative path, anchor).

    Paths the checks accepted are exact src_uris.
    """

    def url_for(src: str, anchor: str) -> str:
        file = files.src_uris.get(src)
        url = get_relative_url(file.url, page.url) if file else src
        return f"{url}#{anchor}" if anchor else url

    return url_for


def _material_index(config: MkDocsConfig) -> Any:
    """Material's search index of this build: it adds sections to its `entries` list
    as it indexes each page. None without Material's search."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list):
            return index
    return None


def _add_missing(listed: list[Any], wanted: list[str]) -> None:
    listed.extend(item for item in wanted if item not in listed)


def _fail_on(problems: list[Problem]) -> None:
    if problems:
        raise PluginError(f"{len(problems)} {FIX_AND_REBUILD}：\n" + format_all(problems))


def _base(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def _shown(path: str, config: MkDocsConfig) -> str:
    return shown_path(path, _base(config))
