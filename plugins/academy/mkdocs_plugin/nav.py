"""Generated pages (quizzes, the glossary) in mkdocs.yml's `nav`, unless a trainer placed them."""

from __future__ import annotations

from typing import Any

QUIZ_SECTION = "测验"


def add_to_nav(nav: list[Any] | None, src: str, section: str | None = QUIZ_SECTION) -> None:
    """List `src` under `section` (created at the end when missing), or at the end
    when `section` is None; unless a trainer listed it. No nav means MkDocs lists
    every page."""
    if nav is None or src in nav_entries(nav):
        return
    if section is None:
        nav.append(src)
        return
    for entry in nav:
        if isinstance(entry, dict) and isinstance(entry.get(section), list):
            entry[section].append(src)
            return
    nav.append({section: [src]})


def nav_entries(nav: Any) -> set[str]:
    """Every page listed anywhere in `nav`."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(nav_entries(item) for item in nav))
    if isinstance(nav, dict):
        return set().union(*(nav_entries(item) for item in nav.values()))
    return set()
