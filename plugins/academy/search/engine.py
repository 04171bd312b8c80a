"""The small interface between the site and a full-text engine, so Whoosh can be replaced."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .sections import Section


@dataclass(frozen=True)
class Hit:
    page: str  # docs-relative source path, e.g. soc/norms.md
    anchor: str  # section id, "" for the top of the page
    title: str  # page title
    heading: str  # section heading ("" for the top of the page)
    url: str  # site URL relative to the site root, with #anchor
    score: float
    snippet: str = ""  # plain text with the matched words in 【】

    def as_json(self) -> dict[str, object]:
        return {
            "page": self.page,
            "anchor": self.anchor,
            "title": self.title,
            "section": self.heading,
            "url": self.url,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass
class UpdateStats:
    added: list[str] = field(default_factory=list)  # pages (re)indexed
    removed: list[str] = field(default_factory=list)  # pages gone from the content
    unchanged: int = 0
    rebuilt: bool = False  # the whole index was rebuilt


class SearchEngine(Protocol):
    def update(self, pages: dict[str, tuple[str, list[Section]]]) -> UpdateStats:
        """Bring the index in line with `pages` ({page: (digest, sections)})."""

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Ranked sections for a trainee's query."""

    def related(self, text: str, limit: int, exclude: set[str]) -> list[Hit]:
        """Sections most like `text`, at most one per page, none from `exclude` pages."""
