"""Search work during `mkdocs build`, called from plugin.py: related reading
from the rendered pages, and Material's search index improved after it is
written. (The Whoosh index is `academy search`'s.)"""

from __future__ import annotations

from pathlib import Path

from .analyzer import Segmenter
from .emphasis import emphasised
from .material import improve_index_file
from .related import Link, excluded, split_target
from .similar import SimilarSections, html_sections
from .terms import Terms, load_terms


class SearchBuild:
    def __init__(self, terms_folder: Path, shown_terms: str = "search") -> None:
        """Raises ProblemsFound when the dictionary or the synonym list cannot be read."""
        self.terms: Terms = load_terms(terms_folder if terms_folder.is_dir() else None, shown_terms)
        self.segmenter = Segmenter.for_terms(self.terms)
        self.similar: SimilarSections | None = None  # set by use_pages once pages are rendered
        self.emphasis: dict[str, list[str]] = {}  # search location → bold and defined words

    def note_emphasis(self, pages: dict[str, str]) -> None:
        """Bold and defined words of the rendered pages ({page URL: html}), for the search index."""
        self.emphasis = {}
        for url, html in pages.items():
            self.emphasis.update(emphasised(html, url))

    def use_pages(self, pages: dict[str, str], exclude: list[str]) -> None:
        """Related reading from the rendered pages ({page: html}).

        Excluded pages (quizzes, paths, the home page …) are left out of the
        corpus altogether: they are never suggested and get no list.
        """
        self.similar = SimilarSections(
            section for page, html in sorted(pages.items()) if not excluded(page, exclude)
            for section in html_sections(page, html)
        )

    def related(self, page: str, setting: bool | tuple[str, ...], count: int, titles: dict[str, str]) -> list[Link]:
        """The related sections for `page`: pinned, computed, or none."""
        if setting is False or self.similar is None:
            return []
        if isinstance(setting, tuple):
            return [Link(*split_target(t), self._title(titles, *split_target(t))) for t in setting]
        return [Link(s.page, s.anchor, self._title(titles, s.page, s.anchor, s.heading))
                for s in self.similar.related(page, count)]

    def _title(self, titles: dict[str, str], page: str, anchor: str, heading: str = "") -> str:
        if anchor and not heading and self.similar is not None:
            heading = next((s.heading for i in self.similar.by_page.get(page, [])
                            if (s := self.similar.sections[i]).anchor == anchor), "")
        base = titles.get(page, page)
        return f"{base} · {heading}" if heading else base

    def improve_material(self, site_dir: Path) -> bool:
        return improve_index_file(site_dir / "search" / "search_index.json", self.segmenter, emphasis=self.emphasis)
