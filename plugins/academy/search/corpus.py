"""The sections of every page of the site, read from the Markdown sources the
same way the build renders them (for `academy search` outside a build): the
trainers' pages and the pages the build generates (quizzes, the glossary)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from academy.core.front_matter import split_front_matter

from .sections import Section, digest, split_sections


def page_url(page: str) -> str:
    """Site URL of a docs-relative Markdown path (the site has use_directory_urls: false)."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


@dataclass(frozen=True)
class SitePages:
    """The pages `academy search` indexes, to be rendered as the build renders them:
    docs-relative path → title; the Markdown of the pages the build generates; the
    Markdown extensions (the widget extension among them) and a hook that tells it
    the page; and, for a page with widgets, a digest of what else it shows."""

    titles: dict[str, str]
    extensions: list[Any]
    configs: dict[str, Any]
    generated: dict[str, str] = field(default_factory=dict)
    before_page: Callable[[str], None] | None = None
    depends: dict[str, str] = field(default_factory=dict)


def read_sections(
    docs_dir: Path, site: SitePages, fingerprint: str, known: dict[str, str] | None = None
) -> dict[str, tuple[str, list[Section]]]:
    """{page: (digest, sections)} for the site's pages.

    A page whose source (and, for a page with widgets, what else it shows) is
    unchanged keeps its digest, so its sections are only rendered when the index
    needs them; callers pass the digests they know.
    """
    import markdown

    pages: dict[str, tuple[str, list[Section]]] = {}
    for page, title in sorted(site.titles.items()):
        if page in site.generated:
            source = site.generated[page]
        else:
            source = (docs_dir / page).read_text(encoding="utf-8-sig")
        page_digest = digest(source, fingerprint, site.depends.get(page, ""))
        if known and known.get(page) == page_digest:
            pages[page] = (page_digest, [])  # unchanged: the index keeps its sections
            continue
        _, body = split_front_matter(source, page)
        if site.before_page is not None:
            site.before_page(page)
        renderer = markdown.Markdown(extensions=site.extensions, extension_configs=site.configs)
        html = renderer.convert(body)
        pages[page] = (page_digest, split_sections(html, page, title, page_url(page)))
    return pages
