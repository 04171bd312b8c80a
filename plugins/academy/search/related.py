"""Related reading ("相关阅读") under each content page (computed in similar.py).

A page's front matter can turn the list off (`related: false`) or pin its own
(`related: [soc/norms.md#on-call-escalation, soc/spcm.md]`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatch
from html import escape

TITLE = "相关阅读"


@dataclass(frozen=True)
class Link:
    page: str
    anchor: str
    title: str  # shown text, e.g. 生产操作规范与重大故障流程 · 夜间与节假日升级


def split_target(value: str) -> tuple[str, str]:
    page, _, anchor = value.partition("#")
    return page, anchor


def excluded(page: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch(page, pattern) for pattern in patterns)


def render(links: list[tuple[str, str]]) -> str:
    """The 相关阅读 list: (href, text) pairs; nothing at all for an empty list.

    `data-search-exclude` keeps it out of Material's search index; the heading
    has no id, so it adds no section to the index or the table of contents.
    """
    if not links:
        return ""
    items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in links)
    return (
        f'<aside class="academy-related" aria-label="{TITLE}" data-search-exclude>'
        f'<h2 class="academy-related__title">{TITLE}</h2><ul>{items}</ul></aside>'
    )
