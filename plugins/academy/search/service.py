"""Where the search vocabulary and the index live in a project, and how the
`academy search` command brings the index up to date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from academy.core.search_terms import Terms, load_terms

from .analyzer import Segmenter
from .corpus import SitePages, read_sections
from .engine import UpdateStats
from .whoosh_index import WhooshIndex

TERMS_FOLDER = "search"  # the trainer's dictionary.txt and synonyms.yml
INDEX_FOLDER = ".academy/search-index"  # outside site/, ignored by git


@dataclass(frozen=True)
class SearchSettings:
    terms_folder: Path
    index_folder: Path

    @classmethod
    def for_project(
        cls, base: Path, terms: str = TERMS_FOLDER, index: str = INDEX_FOLDER
    ) -> SearchSettings:
        return cls(base / terms, base / index)


def open_index(
    settings: SearchSettings, terms: Terms | None = None, in_memory: bool = False
) -> WhooshIndex:
    """The project's index (created when missing); raises ProblemsFound for a bad vocabulary."""
    terms = (
        terms
        if terms is not None
        else load_terms(settings.terms_folder, settings.terms_folder.name)
    )
    return WhooshIndex(None if in_memory else settings.index_folder, Segmenter.for_terms(terms))


def refresh(index: WhooshIndex, docs_dir: Path, site: SitePages) -> UpdateStats:
    """Re-index the pages whose source changed since the index last saw them."""
    pages = read_sections(docs_dir, site, index.segmenter.terms.fingerprint, index.digests())
    return index.update(pages)


def searchable_pages(metas: Mapping[str, object]) -> dict[str, str]:
    """docs-relative path → title of every content page."""
    return {page: getattr(meta, "title", page) for page, meta in metas.items()}
