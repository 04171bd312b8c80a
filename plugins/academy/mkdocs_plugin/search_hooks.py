"""What plugin.py calls for search: one object per build, kept MkDocs-light."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from academy.core.course import Course
from academy.search.build import SearchBuild
from academy.search.material import share_segmenter
from academy.search.related import render
from academy.search.work import InWorker, SearchWork, WorkerLost, start

UrlFor = Callable[[str, str], str]
log = get_plugin_logger(__name__)
WORKER_NOTE = "相关阅读在第二个进程中计算"
SHARED_SEGMENTER_NOTE = "Material 的搜索索引用同一个分词器切词，重复出现的短语只切一次"


class SearchHooks:
    def __init__(self, course: Course, options: Any, material_index: Any) -> None:
        """`material_index`: Material's search index, when the build has one."""
        self.build = SearchBuild(course.terms)
        self.course = course
        self.options = options
        self.titles = {page: meta.title for page, meta in course.pages.metas.items()}
        self.material_index = material_index
        self.sent: dict[str, str] = {}  # page -> the html handed to the work
        self.pages: dict[str, tuple[str, str]] = {}
        self.work: SearchWork | InWorker | None = None
        if options.related_reading or options.improve_search:
            self.work = start(self._new_work(), options.search_worker)
            if isinstance(self.work, InWorker):
                log.debug(WORKER_NOTE)

    def _new_work(self) -> SearchWork:
        return SearchWork(
            self.build.terms,
            self.options.related_reading,
            tuple(self.options.related_exclude),
            self.options.improve_search,
        )

    def page_rendered(self, page: str, url: str, html: str) -> None:
        if self.work is not None:
            self.sent[page] = html
            self.work.add_page(page, url, html)

    def use_pages(self, pages: dict[str, tuple[str, str]]) -> None:
        """Every page is rendered: {docs-relative path: (page URL, html)}."""
        self.pages = pages
        if self.work is not None:
            if self.sent.keys() != pages.keys() or any(
                self.sent[page] != html for page, (_, html) in pages.items()
            ):
                # Another plugin changed pages after us, or only some were rendered.
                self._redo_in_process()
            self.work.pages_done()
        # jieba's dictionary loads here while a worker computes related reading
        segmenter = self.build.prepare_segmenter()
        if self.material_index is not None and share_segmenter(self.material_index, segmenter):
            log.debug(SHARED_SEGMENTER_NOTE)
        if self.work is None:
            return
        try:
            self.build.reading = self.work.related_reading()
            if self.options.improve_search:
                self.work = self.work.for_the_index()
            else:
                self.close()
        except WorkerLost:
            self._redo_in_process()
            self.work.pages_done()
            self.build.reading = self.work.related_reading()

    def _redo_in_process(self) -> None:
        if self.work is not None:
            self.work.close()
        self.work = self._new_work()
        for page, (url, html) in sorted(self.pages.items()):
            self.work.add_page(page, url, html)

    def related_html(self, page: str, url_for: UrlFor) -> str:
        """The 相关阅读 block for a page; "" where it is off or nothing is related."""
        meta = self.course.pages.metas.get(page)
        if meta is None or not self.options.related_reading:
            return ""
        links = self.build.related(page, meta.related, self.titles)
        return render([(url_for(link.page, link.anchor), link.title) for link in links])

    def post_build(self, site_dir: Path) -> None:
        if self.work is None:
            return
        if self.options.improve_search:
            index = site_dir / "search" / "search_index.json"
            self.work.for_the_index().improve_index_file(index)
        self.close()

    def close(self) -> None:
        if self.work is not None:
            self.work.close()
            self.work = None
