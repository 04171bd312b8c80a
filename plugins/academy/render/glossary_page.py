"""The glossary page (generated from the trainer's YAML) and the links from each
page's first use of a term to its entry."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from html import escape

from academy.core.course import Course
from academy.core.glossary import Glossary, Term

from .quiz_page import ref_title

# Searching a term shows its entry first: only the term and its other names are
# indexed (the definition and the link are kept out, so the entry does not win
# queries about other things) and the page is boosted.
SEARCH_BOOST = 4


def glossary_page_source(glossary: Glossary, course: Course) -> str:
    """The Markdown of the 术语表 page: an index of the terms, then one section each."""
    front = {
        "title": escape(glossary.title),
        "summary": "新员工会遇到的术语，每条一两句解释，并链接到讲它的小节",
        "search": {"boost": SEARCH_BOOST},
    }
    lines = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items()
    )
    intro = glossary.intro or (
        "新员工在本站会遇到的词，每条一两句解释，并链接到讲它的小节。"
        "各页面第一次出现这些词时，也会链接到这里。"
    )
    index = " · ".join(f"[{_text(term.term)}](#{term.id})" for term in glossary.terms)
    sections = "\n".join(_section(term, course) for term in glossary.terms)
    return (
        f"---\n{lines}---\n\n# {_text(glossary.title)}\n\n{intro}\n\n"
        '<div class="academy-glossary-index" data-search-exclude markdown>\n'
        f"{index}\n</div>\n\n{sections}"
    )


def _section(term: Term, course: Course) -> str:
    target = term.page + (f"#{term.anchor}" if term.anchor else "")
    also = f"也叫：{'、'.join(_text(name) for name in term.also)}" if term.also else ""
    see = f"详见：[{_text(ref_title(course, term.page, term.anchor))}]({target})"
    return (
        f"## {_text(term.term)} {{#{term.id}}}\n\n"
        f"<div data-search-exclude markdown>\n{term.definition}\n</div>\n\n{also}\n\n"
        f"<div data-search-exclude markdown>\n{see}\n</div>\n"
    )


def _text(text: str) -> str:
    """Plain text inside generated Markdown: no emphasis or links by accident."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


# Where a term is never linked: links, code, headings, diagrams, admonition titles.
SKIP_TAGS = {"a", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}
_LATIN = re.compile(r"[A-Za-z0-9]")
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")


class TermLinker:
    """Links the first use of each glossary term on a page to its entry."""

    def __init__(self, glossary: Glossary) -> None:
        self.by_name: dict[str, Term] = {
            name: term for term in glossary.terms for name in term.names
        }
        names = sorted(self.by_name, key=len, reverse=True)  # longest first: 紧急变更 before 变更
        self.pattern = re.compile("|".join(_bounded(name) for name in names)) if names else None
        self.titles = {
            term.id: _MARKUP.sub(lambda m: m.group(1) or "", term.definition)
            for term in glossary.terms
        }

    def link(self, root: etree.Element, href: Callable[[str], str]) -> None:
        """Rewrite `root` in place; `href(term_id)` is the link to the entry from this page."""
        if self.pattern is not None:
            self._link_within(root, set(), href)

    def _link_within(
        self, element: etree.Element, linked: set[str], href: Callable[[str], str]
    ) -> None:
        """In document order: the element's text, then each child and the text after it."""
        if element.tag in SKIP_TAGS or "admonition-title" in (element.get("class") or ""):
            return
        if element.text:
            element.text, links = self._split(element.text, linked, href)
            for offset, link in enumerate(links):
                element.insert(offset, link)
        for child in list(element):
            self._link_within(child, linked, href)
            if child.tail:
                child.tail, links = self._split(child.tail, linked, href)
                at = list(element).index(child) + 1
                for offset, link in enumerate(links):
                    element.insert(at + offset, link)

    def _split(
        self, text: str, linked: set[str], href: Callable[[str], str]
    ) -> tuple[str, list[etree.Element]]:
        """`text` up to the first new term, and the links (each carrying the text after it)."""
        assert self.pattern is not None
        head: str | None = None
        links: list[etree.Element] = []
        position = 0
        for match in self.pattern.finditer(text):
            term = self.by_name[match.group()]
            if term.id in linked:
                continue
            linked.add(term.id)
            before = text[position : match.start()]
            if links:
                links[-1].tail = (links[-1].tail or "") + before
            else:
                head = before
            link = etree.Element(
                "a",
                {"href": href(term.id), "class": "academy-term", "title": self.titles[term.id]},
            )
            link.text = match.group()
            links.append(link)
            position = match.end()
        if not links:
            return text, []
        links[-1].tail = text[position:]
        return head or "", links


def _bounded(name: str) -> str:
    """A name as a pattern; Latin letters at its ends may not run on into a longer word."""
    pattern = re.escape(name)
    if _LATIN.match(name[0]):
        pattern = r"(?<![A-Za-z0-9])" + pattern
    if _LATIN.match(name[-1]):
        pattern += r"(?![A-Za-z0-9])"
    return pattern
