"""The Whoosh implementation of SearchEngine: one document per page section.

The index lives in a folder outside site/ (by default .academy/search-index)
and is updated incrementally: each page's digest is stored with its sections,
and only pages whose digest changed are re-indexed. A change of dictionary or
synonyms (or of this schema) rebuilds the whole index.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.highlight import ContextFragmenter, Formatter, get_text
from whoosh.query import Or, Query, Term
from whoosh.scoring import BM25F

from .analyzer import Segmenter
from .engine import Hit, UpdateStats
from .material import page_boost
from .sections import Section
from .whoosh_analysis import whoosh_analyzer

SCHEMA_VERSION = 1
META = "academy-index.json"
FIELDS = ("title", "heading", "content", "keywords")
SYNONYM_BOOST = 0.7
SNIPPET = 120  # characters of context shown per result
# Pages that list other pages (learning paths, quizzes) match many queries
# without being the answer; they rank below the pages they point to (patterns
# match a section's page#anchor, the first that matches counts). The top of a
# path page says whom it is for, which answers 「小组长要学哪些课」: it keeps
# its weight.
DEFAULT_PAGE_WEIGHTS = {"paths/*#?*": 0.3, "quizzes/*": 0.5, "me.md#*": 0.3}


class _Brackets(Formatter):
    """Matched words in 【】: readable in a terminal and in JSON."""

    between = "…"

    def format_token(self, text: str, token: object, replace: bool = False) -> str:
        return f"【{get_text(text, token, replace)}】"


def _schema(segmenter: Segmenter) -> Schema:
    analyzer = whoosh_analyzer(segmenter)
    return Schema(
        key=ID(unique=True, stored=True),
        page=ID(stored=True),
        digest=ID(stored=True),
        anchor=STORED(),
        url=STORED(),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=3.0),
        heading=TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        content=TEXT(analyzer=analyzer, stored=True),
        keywords=TEXT(analyzer=analyzer, field_boost=0.8),
    )


class WhooshIndex:
    """SearchEngine over Whoosh; `folder=None` keeps the index in memory."""

    def __init__(
        self,
        folder: Path | None,
        segmenter: Segmenter,
        page_weights: dict[str, float] | None = None,
    ) -> None:
        self.folder = folder
        self.segmenter = segmenter
        self.page_weights = DEFAULT_PAGE_WEIGHTS if page_weights is None else page_weights
        self.schema = _schema(segmenter)
        self._rebuilt = False
        self.ix = self._open()

    def _open(self) -> Any:  # a whoosh.index.Index (Whoosh has no type hints)
        fingerprint = {"version": SCHEMA_VERSION, "terms": self.segmenter.terms.fingerprint}
        if self.folder is None:
            self._rebuilt = True
            return RamStorage().create_index(self.schema)
        meta = self.folder / META
        try:
            current = json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else None
        except ValueError:
            current = None
        if current == fingerprint and whoosh_index.exists_in(str(self.folder)):
            try:
                return whoosh_index.open_dir(str(self.folder), schema=self.schema)
            except Exception:  # a damaged index is rebuilt, never a crash
                pass
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        ix = whoosh_index.create_in(str(self.folder), self.schema)
        meta.write_text(json.dumps(fingerprint), encoding="utf-8")
        self._rebuilt = True
        return ix

    # -- updating -------------------------------------------------------------

    def digests(self) -> dict[str, str]:
        with self.ix.searcher() as searcher:
            return {fields["page"]: fields["digest"] for fields in searcher.all_stored_fields()}

    def update(self, pages: dict[str, tuple[str, list[Section]]]) -> UpdateStats:
        stats = UpdateStats(rebuilt=self._rebuilt)
        self._rebuilt = False
        known = self.digests()
        changed = [page for page, (digest, _) in pages.items() if known.get(page) != digest]
        removed = [page for page in known if page not in pages]
        stats.unchanged = len(pages) - len(changed)
        if not changed and not removed:
            return stats
        writer = self.ix.writer()
        try:
            for page in removed + changed:
                writer.delete_by_term("page", page)
            for page in changed:
                digest, sections = pages[page]
                for section in sections:
                    writer.add_document(
                        key=section.key,
                        page=page,
                        digest=digest,
                        anchor=section.anchor,
                        url=section.url,
                        title=section.title,
                        heading=section.heading,
                        content=section.text,
                        keywords=" ".join(
                            sorted(self.segmenter.synonyms_in(f"{section.heading} {section.text}"))
                        ),
                    )
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        stats.added, stats.removed = sorted(changed), sorted(removed)
        return stats

    def page_text(self, page: str) -> str:
        """The indexed text of a page (headings and sections), for more-like-this."""
        with self.ix.searcher() as searcher:
            parts = [
                f"{fields['heading']}\n{fields['content']}"
                for fields in searcher.documents(page=page)
            ]
        return "\n".join(parts)

    def heading(self, page: str, anchor: str) -> str | None:
        with self.ix.searcher() as searcher:
            fields = searcher.document(key=f"{page}#{anchor}")
        return None if fields is None else str(fields["heading"])

    # -- searching ------------------------------------------------------------

    def _query(self, words: list[str]) -> Query | None:
        clauses: list[Query] = []
        for word in words:
            clauses.append(Or([Term(field, word) for field in FIELDS]))
            for synonym in self.segmenter.terms.synonyms_of(word):
                for token in self.segmenter.terms_of(synonym):
                    clauses.append(
                        Or([Term(field, token) for field in FIELDS], boost=SYNONYM_BOOST)
                    )
        return Or(clauses) if clauses else None

    def _weight(self, key: str) -> float:
        return page_boost(key, self.page_weights)

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        parsed = self._query(self.segmenter.terms_of(query))
        if parsed is None:
            return []
        with self.ix.searcher(weighting=BM25F()) as searcher:
            results = searcher.search(parsed, limit=max(limit * 5, 50), terms=True)
            results.formatter = _Brackets()
            results.fragmenter = ContextFragmenter(maxchars=90, surround=24)
            # ties broken by key, so a rebuilt and an updated index rank alike
            ranked = sorted(
                results,
                key=lambda hit: (-round(hit.score * self._weight(hit["key"]), 6), hit["key"]),
            )[:limit]
            return [
                self._hit(hit, hit.score * self._weight(hit["key"]), snippet=True) for hit in ranked
            ]

    def related(self, text: str, limit: int, exclude: set[str], numterms: int = 10) -> list[Hit]:
        with self.ix.searcher(weighting=BM25F()) as searcher:
            terms = searcher.key_terms_from_text("content", text, numterms=numterms)
            if not terms:
                return []
            query = Or(
                [
                    Term(field, word, boost=weight)
                    for word, weight in terms
                    for field in ("content", "heading")
                ]
            )
            mask = Or([Term("page", page) for page in exclude]) if exclude else None
            hits: list[Hit] = []
            seen: set[str] = set()
            found = searcher.search(query, limit=limit * 10, mask=mask)
            for hit in sorted(found, key=lambda hit: (-round(hit.score, 6), hit["key"])):
                if hit["page"] in seen:
                    continue
                seen.add(hit["page"])
                hits.append(self._hit(hit, hit.score))
                if len(hits) == limit:
                    break
            return hits

    def _hit(self, hit: Any, score: float, snippet: bool = False) -> Hit:
        """`hit`: a whoosh.searching.Hit."""
        text = ""
        if snippet:
            text = (
                hit.highlights("content", top=1)
                or hit.highlights("heading")
                or hit["content"][:SNIPPET]
            )
            text = " ".join(text.split())[:SNIPPET]
        url = f"{hit['url']}#{hit['anchor']}" if hit["anchor"] else hit["url"]
        return Hit(
            hit["page"], hit["anchor"], hit["title"], hit["heading"], url, float(score), text
        )
