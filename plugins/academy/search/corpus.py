"""The sections of every content page, read from the Markdown sources the
same way the build renders them (for `academy search` outside a build)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from academy.core.front_matter import split_front_matter

from .sections import Section, digest, split_sections


def page_url(page: str) -> str:
    """Site URL of a docs-relative Markdown path (the site has use_directory_urls: false)."""
    return page[: -len(".md")] + ".html" if page.endswith(".md") else page


def read_sections(
    docs_dir: Path,
    titles: dict[str, str],
    extensions: list[Any],
    configs: dict[str, Any],
    fingerprint: str,
    known: dict[str, str] | None = None,
) -> dict[str, tuple[str, list[Section]]]:
    """{page: (digest, sections)} for the pages in `titles` (docs-relative path → title).

    A page whose source is unchanged keeps its digest, so its sections are only
    rendered when the index needs them; callers pass the digests they know.
    """
    import markdown

    pages: dict[str, tuple[str, list[Section]]] = {}
    for page, title in sorted(titles.items()):
        source = (docs_dir / page).read_text(encoding="utf-8-sig")
        page_digest = digest(source, fingerprint)
        if known and known.get(page) == page_digest:
            pages[page] = (page_digest, [])  # unchanged: the index keeps its sections
            continue
        _, body = split_front_matter(source, page)
        renderer = markdown.Markdown(extensions=extensions, extension_configs=configs)
        html = renderer.convert(body)
        pages[page] = (page_digest, split_sections(html, page, title, page_url(page)))
    return pages
