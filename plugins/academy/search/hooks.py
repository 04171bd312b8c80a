"""What plugin.py calls for search: one object per build, kept MkDocs-light."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..content import Course
from ..problems import Problem, ProblemsFound
from .build import SearchBuild
from .related import check_pins, render

UrlFor = Callable[[str, str], str]


class SearchHooks:
    def __init__(self, build: SearchBuild, course: Course, options: Any) -> None:
        self.build = build
        self.course = course
        self.options = options
        self.titles = {page: meta.title for page, meta in course.pages.metas.items()}

    @classmethod
    def start(cls, options: Any, base: Path, course: Course, shown: Callable[[str], str]) -> "SearchHooks":
        """Read the vocabulary; raise ProblemsFound for bad files or pins."""
        build = SearchBuild(base / options.search_terms, options.search_terms)
        pins = {page: tuple(zip(meta.related, meta.related_lines))
                for page, meta in course.pages.metas.items() if isinstance(meta.related, tuple)}
        problems: list[Problem] = check_pins(pins, set(course.pages.metas), shown)
        if problems:
            raise ProblemsFound(problems)
        return cls(build, course, options)

    def use_pages(self, pages: dict[str, tuple[str, str]]) -> None:
        """The rendered pages: {docs-relative path: (page URL, html)}."""
        if self.options.improve_search:
            self.build.note_emphasis({url: html for url, html in pages.values()})
        if self.options.related_reading:
            self.build.use_pages({page: html for page, (_, html) in pages.items()}, list(self.options.related_exclude))

    def related_html(self, page: str, url_for: UrlFor) -> str:
        """The 相关阅读 block for a page; "" where it is off or nothing is related."""
        meta = self.course.pages.metas.get(page)
        count = self.options.related_reading
        if meta is None or not count:
            return ""
        links = self.build.related(page, meta.related, count, self.titles)
        return render([(url_for(link.page, link.anchor), link.title) for link in links])

    def post_build(self, site_dir: Path) -> None:
        if self.options.improve_search:
            self.build.improve_material(site_dir)
