"""The course's widgets as a Python-Markdown extension, so that any engine that
renders pages with Python-Markdown can show them.

The engine says which page is being rendered through `AcademyExtension.page`
(the MkDocs plugin sets it before each page; another engine would set it from
its own page context). Pages rendered while it is None are left as they are.

It works on the element tree, not on the finished HTML: the <!-- academy:… -->
comments are raw HTML in Python-Markdown's stash, so each is replaced there,
and the path bar goes in as a stashed block after the page's <h1>. (A
postprocessor would also be run on every heading's text by the toc extension.)
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from academy.core.glossary import GLOSSARY_PAGE

from .page import CourseWidgets, PageRef

# After the inline patterns have stashed inline HTML (20) and after toc (5),
# before MkDocs rewrites relative links (0; widget links are already relative).
PRIORITY = 1


class AcademyExtension(Extension):
    def __init__(self, widgets: CourseWidgets) -> None:
        super().__init__()
        self.widgets = widgets
        self.page: PageRef | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Widgets(md, self), "academy", PRIORITY)


class _Widgets(Treeprocessor):
    def __init__(self, md: Markdown, extension: AcademyExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        if page is None:
            return
        widgets = self.extension.widgets
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):
            if isinstance(block, str) and "academy:" in block:
                stash[index] = widgets.replace(block, page)
        if widgets.terms is not None and page.src != GLOSSARY_PAGE:
            # A link to the Markdown file, which the engine turns into the page's URL
            # (and validates) as it does every link an author writes.
            glossary = posixpath.relpath(GLOSSARY_PAGE, posixpath.dirname(page.src) or ".")
            widgets.terms.link(root, lambda term_id: f"{glossary}#{term_id}")
        bar, end = widgets.around(page)
        if bar:
            root.insert(self._after_title(root), self._block(bar))
        if end:
            root.append(self._block(end))

    def _after_title(self, root: etree.Element) -> int:
        """Where the element after the page's <h1> goes: a Markdown heading, or one
        written as raw HTML (as generated quiz pages do); the top without one."""
        stash = self.md.htmlStash
        for index, child in enumerate(root):
            if child.tag == "h1":
                return index + 1
            if child.tag == "p" and child.text and not len(child):
                block = _stashed(stash, child.text.strip())
                if isinstance(block, str) and block.lstrip().startswith("<h1"):
                    return index + 1
        return 0

    def _block(self, html: str) -> etree.Element:
        paragraph = etree.Element("p")
        paragraph.text = self.md.htmlStash.store(html)
        return paragraph


def _stashed(stash: Any, text: str) -> object:
    """The raw HTML block a paragraph of only a stash placeholder stands for."""
    for index in range(stash.html_counter):
        if text == stash.get_placeholder(index):
            return stash.rawHtmlBlocks[index]
    return None
