"""A site project as the `academy` command sees it: settings read from mkdocs.yml
(the command's only use of MkDocs), and the build's check pipeline over its files."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from academy.core.course import (
    Course,
    CourseFiles,
    check_rendered,
    check_sources,
    markdown_files,
    shown_path,
)
from academy.core.front_matter import split_front_matter
from academy.core.glossary import GLOSSARY_PAGE
from academy.core.links import check_links, check_nav, element_ids
from academy.core.model import Model
from academy.core.problems import Problem, ProblemsFound, format_all, read_utf8
from academy.core.xapi import endpoint_problem
from academy.render.glossary_page import glossary_page_source
from academy.render.quiz_page import quiz_page


@dataclass(frozen=True)
class Settings:
    base: Path
    docs_dir: Path
    model: Path
    log_page: str
    search_terms: str  # folder of the search vocabulary, relative to base
    item_checks: str  # "error", "warn" or "off"
    glossary: Path | None  # the 术语表 YAML
    reflection_questions: list[str]  # the learning log's prompts
    nav: set[str] | None  # the pages in the nav, when a page left out fails the build
    extensions: list[Any]
    extension_configs: dict[str, Any]
    site_url: str | None = None  # the IRIs of learning records start with it


def read_settings(config_file: Path) -> Settings | None:
    """docs_dir and the model path, read the way `mkdocs build` reads them."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        print(
            f"找不到站点配置文件 {config_file}。请在项目根目录运行，或用 -f 指定。", file=sys.stderr
        )
        return None
    try:
        read_utf8(config_file, config_file.name)
    except ProblemsFound as found:
        print(format_all(found.problems), file=sys.stderr)
        return None
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        print(f"{config_file}: {error}", file=sys.stderr)
        return None
    plugin = config.plugins.get("academy")
    if plugin is None:
        print(f"{config_file}: 没有启用 academy 插件。", file=sys.stderr)
        return None
    endpoint = plugin.config.xapi.endpoint
    problem = endpoint_problem(endpoint, config.site_url) if endpoint is not None else None
    if problem:
        print(f"{config_file}: {problem}", file=sys.stderr)
        return None
    return Settings(
        base=config_file.resolve().parent,
        docs_dir=Path(config.docs_dir),
        model=Path(plugin.config.model),
        log_page=plugin.config.learning_log_page,
        search_terms=plugin.config.search_terms,
        item_checks=plugin.config.item_checks,
        glossary=Path(plugin.config.glossary) if plugin.config.glossary else None,
        reflection_questions=list(plugin.config.reflection_questions),
        nav=_nav_pages(config),
        extensions=config.markdown_extensions,
        extension_configs=config.mdx_configs,
        site_url=config.site_url or None,
    )


def _nav_pages(config: Any) -> set[str] | None:
    """The pages the nav lists, when MkDocs warns about a page it leaves out."""
    omitted = config.validation.nav.omitted_files
    if not config.nav or config.not_in_nav or omitted < logging.WARNING:
        return None
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config.nav)
    return found


@dataclass
class Project:
    settings: Settings
    course: Course | None
    problems: list[Problem]
    # element ids of every rendered page (when the checks rendered them): the sections
    ids: dict[str, set[str]] = field(default_factory=dict)

    @property
    def model(self) -> Model | None:
        return self.course.model if self.course is not None else None


def load_project(settings: Settings, anchors: bool = True) -> Project:
    """Run the build's checks.

    `anchors` also renders the pages that steps, refs and pins point into.
    """
    files = CourseFiles(
        pages=markdown_files(settings.docs_dir, settings.base),
        model=settings.model,
        model_shown=shown_path(settings.model, settings.base),
        log_page=settings.log_page,
        terms=settings.base / settings.search_terms,
        terms_shown=settings.search_terms,
        item_checks=settings.item_checks,
        glossary=settings.glossary,
        glossary_shown=shown_path(settings.glossary, settings.base) if settings.glossary else "",
    )
    course, problems = check_sources(files)
    ids: dict[str, set[str]] = {}
    if anchors and course is not None and not problems:
        problems, ids = _check_rendered_pages(settings, course)
    return Project(settings, course, problems, ids)


def _check_rendered_pages(
    settings: Settings, course: Course
) -> tuple[list[Problem], dict[str, set[str]]]:
    """What the build finds once pages are rendered: the sections that steps, refs and
    pins point at, every link and image of every page, and the nav; and the element
    ids of the rendered pages."""
    sources = {
        page: (settings.docs_dir / page).read_text(encoding="utf-8-sig")
        for page in course.pages.metas
    }
    if course.glossary is not None:
        sources[GLOSSARY_PAGE] = glossary_page_source(course.glossary, course)
    written: dict[str, list[str]] = {}
    rendered = {
        page: _render(settings, page, source, written.setdefault(page, []))
        for page, source in sources.items()
    }
    ids = {page: element_ids(html) for page, html in rendered.items()}
    files = {
        file.relative_to(settings.docs_dir).as_posix()
        for file in settings.docs_dir.rglob("*")
        if file.is_file()
    }
    files |= {quiz_page(quiz_id) for quiz_id in course.quizzes} | set(sources)
    content = {page: found for page, found in written.items() if page in course.pages.metas}
    problems = (
        check_rendered(course, ids)
        + check_links(content, sources, ids, files, course.shown_as)
        + check_nav(set(course.pages.metas), settings.nav, course.shown_as)
    )
    return problems, ids


def _render(settings: Settings, page: str, source: str, links: list[str] | None = None) -> str:
    """A page's Markdown as the site's Markdown extensions render it; `links` gets the
    href of each Markdown link and the src of each image, as MkDocs reads them."""
    _, body = split_front_matter(source, page)
    extensions = list(settings.extensions)
    if links is not None:
        extensions.append(_LinkCollector(links))
    renderer = Markdown(extensions=extensions, extension_configs=settings.extension_configs)
    return str(renderer.convert(body))


class _LinkCollector(Extension):
    def __init__(self, found: list[str]) -> None:
        super().__init__()
        self.found = found

    def extendMarkdown(self, md: Markdown) -> None:
        # where MkDocs reads them: on the element tree, after the other treeprocessors
        md.treeprocessors.register(_CollectLinks(md, self.found), "academy-links", 0)


class _CollectLinks(Treeprocessor):
    def __init__(self, md: Markdown, found: list[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, root: Element) -> None:
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(str(element.tag))
            link = element.get(attribute) if attribute else None
            if link is not None:
                self.found.append(link)
