"""Related sections for the build, in memory and in linear time.

Whoosh's more-like-this scored every section sharing any key term, which made
related reading quadratic in the size of the course. Here sections become
sparse vectors of character bigrams (CJK) and words (Latin), weighted by
tf-idf; terms found in many sections carry no signal and are left out of the
inverted lists, so each lookup touches few sections.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape
from operator import itemgetter

_HEADING = re.compile(r'<h([2-6])[^>]*\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_EXCLUDED = re.compile(r"<(nav|aside|div|section)[^>]*data-search-exclude[^>]*>.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_BIGRAM = re.compile(r"(?=([\u4e00-\u9fff]{2}))")  # overlapping: 岗位职责 → 岗位 位职 职责
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+]+|[0-9]{2,}")
MAX_DF = 50
# A section is represented by its heading and opening (two or three sentences):
# what it is about shows there, and reading every word of long sections made up
# most of the cost.
TEXT_PER_SECTION = 250
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


_TERM, _WEIGHT = itemgetter(0), itemgetter(1)


def _heaviest(weights: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    """Heaviest first, ties by term: two stable sorts on C-level keys (no key function
    written in Python, which made up most of the cost)."""
    return sorted(sorted(weights, key=_TERM), key=_WEIGHT, reverse=True)


@dataclass(frozen=True)
class PageSection:
    page: str
    anchor: str  # "" for the text before the first heading
    heading: str


def terms(text: str) -> Counter[str]:
    """Character bigrams of the Chinese text and the Latin words and numbers, counted."""
    found: Counter[str] = Counter(_BIGRAM.findall(text))
    words = _WORD.findall(text)
    if words:
        found.update(word.lower() for word in words)
    return found


def html_sections(page: str, html: str) -> list[tuple[PageSection, str]]:
    """(section, plain text) for the opening text and each h2–h6 with an id."""
    html = _EXCLUDED.sub(" ", _HEADERLINK.sub("", html))
    parts = []
    position, anchor, heading = 0, "", ""
    for match in _HEADING.finditer(html):
        parts.append((PageSection(page, anchor, heading), html[position : match.start()]))
        anchor, heading = match.group(2), unescape(_TAG.sub("", match.group(3))).strip()
        position = match.end()
    parts.append((PageSection(page, anchor, heading), html[position:]))
    return [(section, unescape(_TAG.sub(" ", body))) for section, body in parts]


@dataclass
class RelatedReading:
    """What the pages need from the corpus: each page's list, and the headings of its sections."""

    lists: dict[str, list[PageSection]]
    headings: dict[tuple[str, str], str]  # (page, anchor) -> heading, for pinned links


class Corpus:
    """The sections of the rendered pages, counted as the pages come."""

    def __init__(self) -> None:
        self.counted: list[tuple[PageSection, Counter[str]]] = []
        self.frequency: Counter[str] = Counter()  # term -> sections that have it

    def add_page(self, page: str, html: str) -> None:
        for section, text in html_sections(page, html):
            found = terms(section.heading + "\n" + text[:TEXT_PER_SECTION])
            if found:
                self.counted.append((section, found))
                self.frequency.update(found.keys())

    def related_reading(self, limit: int) -> RelatedReading:
        # by page, whatever order the pages came in: ties are broken by position
        similar = SimilarSections(
            sorted(self.counted, key=lambda item: item[0].page), self.frequency
        )
        return RelatedReading(
            {page: similar.related(page, limit) for page in similar.by_page},
            {(section.page, section.anchor): section.heading for section in similar.sections},
        )


class SimilarSections:
    def __init__(
        self,
        counted: Iterable[tuple[PageSection, Counter[str]]],
        frequency: Counter[str],
        terms_per_section: int = 40,
    ) -> None:
        """`counted`: sections and their terms; `frequency`: how many of them have each term."""
        self.sections: list[PageSection] = []
        counts: list[Counter[str]] = []
        for section, found in counted:
            self.sections.append(section)
            counts.append(found)
        total = len(counts)
        # A term in more than this many sections says little about any of them;
        # the cap also bounds the work per lookup, keeping the build linear.
        self.max_df = min(MAX_DF, max(8, total // 20))
        # idf depends on a term's document frequency alone: one value per frequency
        by_df = [0.0] + [math.log((1 + total) / (1 + df)) + 1 for df in range(1, self.max_df + 1)]
        rare = len(by_df)
        self.postings: dict[str, list[tuple[int, float]]] = {}
        self.vectors: list[dict[str, float]] = []
        for index, found in enumerate(counts):
            # tf is 1 + log(n); most terms occur once, where that is 1
            weights = {
                t: by_df[df] if n == 1 else (1 + math.log(n)) * by_df[df]
                for t, n in found.items()
                if (df := frequency[t]) < rare
            }
            top = dict(_heaviest(weights.items())[:terms_per_section])
            norm = math.sqrt(sum(w * w for w in top.values())) or 1.0
            vector = {t: w / norm for t, w in top.items()}
            self.vectors.append(vector)
            for term, weight in vector.items():
                self.postings.setdefault(term, []).append((index, weight))
        self.by_page: dict[str, list[int]] = {}
        for index, section in enumerate(self.sections):
            self.by_page.setdefault(section.page, []).append(index)

    def _query(self, vectors: Iterable[dict[str, float]], size: int = 20) -> dict[str, float]:
        merged: Counter[str] = Counter()
        for vector in vectors:
            merged.update(vector)
        return dict(_heaviest(merged.items())[:size])

    def _rank(self, query: dict[str, float], limit: int, skip: str) -> list[PageSection]:
        scores: dict[int, float] = {}
        for term, weight in query.items():
            for index, other in self.postings.get(term, ()):
                scores[index] = scores.get(index, 0.0) + weight * other
        best: dict[str, tuple[float, int]] = {}
        for index, score in scores.items():
            page = self.sections[index].page
            if page == skip:
                continue
            if page not in best or (score, -index) > (best[page][0], -best[page][1]):
                best[page] = (score, index)
        ranked = sorted(best.values(), key=lambda item: (-item[0], item[1]))[:limit]
        return [self.sections[index] for _, index in ranked]

    def related(self, page: str, limit: int) -> list[PageSection]:
        """The most similar section of each of the `limit` most similar other pages."""
        query = self._query(self.vectors[i] for i in self.by_page.get(page, []))
        return self._rank(query, limit, page)
