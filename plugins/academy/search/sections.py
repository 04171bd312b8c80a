"""Sections of a rendered page: the text under each heading, as plain text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

_SKIP = {"script", "style", "object", "svg", "template"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_BLOCK = {
    "p",
    "li",
    "tr",
    "td",
    "th",
    "pre",
    "div",
    "section",
    "blockquote",
    "dt",
    "dd",
    "details",
    "summary",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
_SPACE = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class Section:
    page: str  # docs-relative source path
    anchor: str  # heading id; "" for the part before the first h2
    title: str  # the page's title
    heading: str  # the heading text; "" for the top of the page
    text: str  # plain text of the section
    url: str  # page URL relative to the site root

    @property
    def key(self) -> str:
        return f"{self.page}#{self.anchor}"

    @property
    def location(self) -> str:
        return f"{self.url}#{self.anchor}" if self.anchor else self.url


class _Splitter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, str, list[str]]] = [("", "", [])]  # (anchor, heading, text)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.heading: list[str] | None = None
        self.heading_id = ""

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        classes = (names.get("class") or "").split()
        skip = (
            tag in _SKIP
            or "data-search-exclude" in names
            or "headerlink" in classes
            or "mermaid" in classes
            or "academy-related" in classes
        )
        if tag not in _VOID:
            self.stack.append((tag, skip))
        if re.fullmatch(r"h[1-6]", tag) and not self._skipping():
            self.heading, self.heading_id = [], names.get("id") or ""
        elif tag in _BLOCK:
            self._text().append("\n")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if re.fullmatch(r"h[1-6]", tag) and self.heading is not None:
            heading = _SPACE.sub(" ", "".join(self.heading)).strip()
            if tag == "h1" or not self.heading_id:
                self.parts[-1][2].append("\n")
            else:
                self.parts.append((self.heading_id, heading, []))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self._text().append(data)

    def _text(self) -> list[str]:
        return self.heading if self.heading is not None else self.parts[-1][2]


def split_sections(html: str, page: str, title: str, url: str) -> list[Section]:
    """One Section per h2–h6 with an id, plus the page's opening text."""
    splitter = _Splitter()
    splitter.feed(html)
    splitter.close()
    sections = []
    for anchor, heading, chunks in splitter.parts:
        text = "\n".join(
            line.strip()
            for line in _SPACE.sub(" ", unescape("".join(chunks))).splitlines()
            if line.strip()
        )
        if anchor or text:
            sections.append(Section(page, anchor, title, heading, text, url))
    return sections


def digest(*parts: str) -> str:
    value = hashlib.sha256()
    for part in parts:
        value.update(part.encode())
        value.update(b"\0")
    return value.hexdigest()[:16]
