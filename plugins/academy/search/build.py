"""The search vocabulary of a build, and the related-reading links of each
page (computed by work.py). (The Whoosh index is `academy search`'s.)"""

from __future__ import annotations

from academy.core.search_terms import Terms

from .analyzer import Segmenter
from .related import Link, split_target
from .similar import RelatedReading


class SearchBuild:
    def __init__(self, terms: Terms) -> None:
        self.terms = terms
        self.reading: RelatedReading | None = None  # set once every page is rendered

    def prepare_segmenter(self) -> Segmenter:
        """Load jieba's dictionary with the trainer's words, before Material's search cuts
        the pages with it."""
        return Segmenter.for_terms(self.terms)

    def related(
        self, page: str, setting: bool | tuple[str, ...], titles: dict[str, str]
    ) -> list[Link]:
        """The related sections for `page`: pinned, computed, or none."""
        if setting is False or self.reading is None:
            return []
        if isinstance(setting, tuple):
            return [Link(*split_target(t), self._title(titles, *split_target(t))) for t in setting]
        return [
            Link(s.page, s.anchor, self._title(titles, s.page, s.anchor, s.heading))
            for s in self.reading.lists.get(page, [])
        ]

    def _title(self, titles: dict[str, str], page: str, anchor: str, heading: str = "") -> str:
        if anchor and not heading and self.reading is not None:
            heading = self.reading.headings.get((page, anchor), "")
        base = titles.get(page, page)
        return f"{base} · {heading}" if heading else base
