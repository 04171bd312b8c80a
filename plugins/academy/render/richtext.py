"""One shared Markdown renderer for all quiz text, with an allow-list sanitiser.

Quiz prompts, options and explanations are Markdown written by trainers;
whatever they contain, only these tags and attributes reach the page.
"""

from __future__ import annotations

import re
from html import escape

import markdown
import nh3

# Text without any Markdown or HTML syntax renders as itself.
_PLAIN = re.compile(r"[^*_`\[\]<>&#|\\!~\n=+\-.0-9()]*")

TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "kbd",
    "mark",
    "del",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


class RichText:
    def __init__(self) -> None:
        self._markdown = markdown.Markdown(extensions=["tables", "sane_lists"])
        self._cache: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Markdown → sanitised HTML (paragraphs allowed)."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._render(text)
        return cached

    def _render(self, text: str) -> str:
        if _PLAIN.fullmatch(text.strip()):
            return f"<p>{escape(text.strip())}</p>"
        html = self._markdown.reset().convert(text)
        # Only links within the site: no scheme may survive (javascript:, http:, data: …).
        return nh3.clean(
            html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=set(), link_rel="noopener"
        )

    def inline(self, text: str) -> str:
        """Like block(), without the wrapping paragraph of a one-line text."""
        html = self.block(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[3:-4]
        return html
