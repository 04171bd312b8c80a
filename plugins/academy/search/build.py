"""Search work during `mkdocs build`, called from plugin.py: bring the Whoosh
index up to date, compute related reading and review suggestions, and improve
Material's search index after it is written."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.index import LockError

from .analyzer import Segmenter
from .engine import UpdateStats
from .material import improve_index_file
from .related import Link, excluded, split_target, suggest
from .similar import SimilarSections, html_sections
from .service import refresh
from .terms import Terms, load_terms
from .whoosh_index import WhooshIndex

log = logging.getLogger("mkdocs.plugins.academy.search")


class SearchBuild:
    def __init__(self, terms_folder: Path, index_folder: Path | None, shown_terms: str = "search") -> None:
        """Raises ProblemsFound when the dictionary or the synonym list cannot be read."""
        self.terms: Terms = load_terms(terms_folder if terms_folder.is_dir() else None, shown_terms)
        self.segmenter = Segmenter.for_terms(self.terms)
        self.index_folder = index_folder
        self.index: WhooshIndex | None = None
        self.stats = UpdateStats()
        self.digests: dict[str, str] = {}
        self.cache: dict[str, dict] = {}  # page → {"digest", "links", "deps"}: related lists of the last build
        self.similar: SimilarSections | None = None  # the build's related reading (see use_pages)

    def use_pages(self, pages: dict[str, str]) -> None:
        """Related reading and review suggestions from the rendered pages ({page: html})."""
        self.similar = SimilarSections(
            section for page, html in sorted(pages.items()) for section in html_sections(page, html)
        )

    def prepare(self, docs_dir: Path, titles: dict[str, str], extensions: list[Any], configs: dict[str, Any]) -> None:
        """Index the pages whose source changed since the last build (all, the first time)."""
        try:
            self.index = WhooshIndex(self.index_folder, self.segmenter)
            self.stats = refresh(self.index, docs_dir, titles, extensions, configs)
        except (LockError, OSError) as error:  # another build holds the index: work in memory
            log.debug("search index in memory: %s", error)
            self.index_folder = None
            self.index = WhooshIndex(None, self.segmenter)
            self.stats = refresh(self.index, docs_dir, titles, extensions, configs)
        self.digests = self.index.digests()
        self.cache = self._read_cache()

    # Related lists are cached beside the index: a page's list is computed again
    # when the page or one of the pages it lists changed. (A new page shows up in
    # other pages' lists when those change, or after `academy search --rebuild`.)
    def _cache_file(self) -> Path | None:
        return self.index_folder / "related.json" if self.index_folder else None

    def _read_cache(self) -> dict[str, dict]:
        file = self._cache_file()
        if file is None or self.stats.rebuilt or not file.is_file():
            return {}
        try:
            return dict(json.loads(file.read_text(encoding="utf-8")))
        except (ValueError, OSError):
            return {}

    def save_cache(self) -> None:
        file = self._cache_file()
        if file is not None and file.parent.is_dir():
            try:
                file.write_text(json.dumps(self.cache, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            except OSError as error:
                log.debug("related reading cache not written: %s", error)

    def _computed(self, page: str, count: int, patterns: list[str], title: Callable[[str, str], str]) -> list[Link]:
        assert self.index is not None
        key = json.dumps([count, patterns])
        entry = self.cache.get(page)
        if (entry and entry.get("key") == key and entry.get("digest") == self.digests.get(page)
                and all(self.digests.get(dep) == digest for dep, digest in entry.get("deps", {}).items())):
            return [Link(target, anchor, title(target, anchor)) for target, anchor in entry["links"]]
        text = self.index.page_text(page)
        links = suggest(self.index, text, count, {page}, patterns, title) if text.strip() else []
        self.cache[page] = {"key": key, "digest": self.digests.get(page), "links": [[l.page, l.anchor] for l in links],
                            "deps": {l.page: self.digests.get(l.page) for l in links}}
        return links

    def title_of(self, titles: dict[str, str]) -> Callable[[str, str], str]:
        def title(page: str, anchor: str) -> str:
            heading = self.index.heading(page, anchor) if self.index and anchor else None
            base = titles.get(page, page)
            return f"{base} · {heading}" if heading else base

        return title

    def related(self, page: str, setting: bool | tuple[str, ...], count: int, patterns: list[str],
                titles: dict[str, str]) -> list[Link]:
        """The related sections for `page`: pinned, computed, or none."""
        if setting is False:
            return []
        if self.similar is not None:
            if isinstance(setting, tuple):
                return [Link(*split_target(t), self._title(titles, *split_target(t))) for t in setting]
            if excluded(page, patterns):
                return []
            return [Link(s.page, s.anchor, self._title(titles, s.page, s.anchor, s.heading))
                    for s in self.similar.related(page, count, self._skipped(patterns))]
        if self.index is None:
            return []
        title = self.title_of(titles)
        if isinstance(setting, tuple):
            return [Link(*split_target(target), title(*split_target(target))) for target in setting]
        if excluded(page, patterns):
            return []
        return self._computed(page, count, patterns, title)

    def _skipped(self, patterns: list[str]) -> set[str]:
        """Pages that take no part in related reading (computed once per build)."""
        assert self.similar is not None
        key = tuple(patterns)
        if getattr(self, "_skip_key", None) != key:
            self._skip_key = key
            self._skip = {page for page in self.similar.by_page if excluded(page, patterns)}
        return self._skip

    def _title(self, titles: dict[str, str], page: str, anchor: str, heading: str = "") -> str:
        if anchor and not heading and self.similar is not None:
            heading = next((s.heading for i in self.similar.by_page.get(page, [])
                            if (s := self.similar.sections[i]).anchor == anchor), "")
        base = titles.get(page, page)
        return f"{base} · {heading}" if heading else base

    def review(self, text: str, count: int, patterns: list[str], titles: dict[str, str]) -> list[Link]:
        """Pages to review for a quiz question that names none itself."""
        if not text.strip():
            return []
        if self.similar is not None:
            return [Link(s.page, s.anchor, self._title(titles, s.page, s.anchor, s.heading))
                    for s in self.similar.like_text(text, count, self._skipped(patterns))]
        if self.index is None:
            return []
        return suggest(self.index, text, count, set(), patterns, self.title_of(titles))

    def improve_material(self, site_dir: Path) -> bool:
        return improve_index_file(site_dir / "search" / "search_index.json", self.segmenter)
