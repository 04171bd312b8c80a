"""The words a page emphasises, per section: bold text and defined terms."""

from __future__ import annotations

import re
from html import unescape

_PIECE = re.compile(r'<h[2-6][^>]*\sid="([^"]+)"|<(strong|b|dt)(?:\s[^>]*)?>(.*?)</\2>', re.S)
_TAG = re.compile(r"<[^>]+>")


def emphasised(html: str, url: str) -> dict[str, list[str]]:
    """{search location: emphasised phrases} for one rendered page.

    Locations are Material's: `url` for the text before the first heading,
    `url#id` for each section.
    """
    found: dict[str, list[str]] = {}
    location = url
    for match in _PIECE.finditer(html):
        anchor, _, inner = match.groups()
        if anchor is not None:
            location = f"{url}#{anchor}"
            continue
        phrase = unescape(_TAG.sub("", inner)).strip()
        if phrase:
            found.setdefault(location, []).append(phrase)
    return found
