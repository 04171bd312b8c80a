"""Search work during `mkdocs build`, called from plugin.py: bring the Whoosh
index up to date, compute related reading and review suggestions, and improve
Material's search index after it is written."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.index import LockError

from .analyzer import Segmenter
from .engine import UpdateStats
from .material import improve_index_file
from .related import Link, excluded, split_target, suggest
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

    def prepare(self, docs_dir: Path, titles: dict[str, str], extensions: list[Any], configs: dict[str, Any]) -> None:
        """Index the pages whose source changed since the last build (all, the first time)."""
        try:
            self.index = WhooshIndex(self.index_folder, self.segmenter)
            self.stats = refresh(self.index, docs_dir, titles, extensions, configs)
        except (LockError, OSError) as error:  # another build holds the index: work in memory
            log.debug("search index in memory: %s", error)
            self.index = WhooshIndex(None, self.segmenter)
            self.stats = refresh(self.index, docs_dir, titles, extensions, configs)

    def title_of(self, titles: dict[str, str]) -> Callable[[str, str], str]:
        def title(page: str, anchor: str) -> str:
            heading = self.index.heading(page, anchor) if self.index and anchor else None
            base = titles.get(page, page)
            return f"{base} · {heading}" if heading else base

        return title

    def related(self, page: str, setting: bool | tuple[str, ...], count: int, patterns: list[str],
                titles: dict[str, str]) -> list[Link]:
        """The related sections for `page`: pinned, computed, or none."""
        if setting is False or self.index is None:
            return []
        title = self.title_of(titles)
        if isinstance(setting, tuple):
            return [Link(*split_target(target), title(*split_target(target))) for target in setting]
        if excluded(page, patterns):
            return []
        text = self.index.page_text(page)
        if not text.strip():
            return []
        return suggest(self.index, text, count, {page}, patterns, title)

    def review(self, text: str, count: int, patterns: list[str], titles: dict[str, str]) -> list[Link]:
        """Pages to review for a quiz question that names none itself."""
        if self.index is None or not text.strip():
            return []
        return suggest(self.index, text, count, set(), patterns, self.title_of(titles))

    def improve_material(self, site_dir: Path) -> bool:
        return improve_index_file(site_dir / "search" / "search_index.json", self.segmenter)
