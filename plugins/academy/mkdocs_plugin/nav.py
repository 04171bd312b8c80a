"""The generated quiz pages in mkdocs.yml's `nav`, under 测验 unless a trainer placed them."""

from __future__ import annotations

from typing import Any

QUIZ_SECTION = "测验"


def add_to_nav(nav: list[Any] | None, src: str) -> None:
    """List `src` under 测验 (created at the end when missing).

    No nav means MkDocs lists every page.
    """
    if nav is None or src in nav_entries(nav):
        return
    for entry in nav:
        if isinstance(entry, dict) and isinstance(entry.get(QUIZ_SECTION), list):
            entry[QUIZ_SECTION].append(src)
            return
    nav.append({QUIZ_SECTION: [src]})


def nav_entries(nav: Any) -> set[str]:
    """Every page listed anywhere in `nav`."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(nav_entries(item) for item in nav))
    if isinstance(nav, dict):
        return set().union(*(nav_entries(item) for item in nav.values()))
    return set()
