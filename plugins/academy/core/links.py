"""Links and images in the trainers' pages, and the nav, checked as MkDocs checks
them when it builds (`validation:` in mkdocs.yml makes each of these a warning, so a
strict build fails on it): a relative link must reach a file of the site, a #section
must exist, a link may not be absolute or name no file, and every page is in the nav.

`academy check` finds them here in the rendered pages; the build reports MkDocs'
own findings through the same messages (mkdocs_plugin/build_log.py), so the two
say the same thing at the same line.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from functools import partial
from urllib.parse import unquote, urlsplit

from .problems import Problem

_ELEMENT_ID = re.compile(r'\sid="([^"]+)"')


def element_ids(html: str) -> set[str]:
    """The id of every element of a rendered page: the #sections a link may point at."""
    return set(_ELEMENT_ID.findall(html))


def link_line(source: str, link: str) -> int:
    """The line of `source` where `link` is written (the first; 1 when it is not found)."""
    for form in (f"]({link}", f"]: {link}", link):
        at = source.find(form)
        if at >= 0:
            return source.count("\n", 0, at) + 1
    return 1


def missing_target(shown: str, line: int, link: str, target: str) -> Problem:
    return Problem(
        shown,
        line,
        0,
        f"链接 {link} 指向的 {target} 不存在",
        "写出从本页所在文件夹到目标文件的相对路径（例如 norms.md 或 ../soc/index.md），"
        "或删掉这个链接。",
    )


def missing_anchor(shown: str, line: int, link: str, target: str, anchor: str) -> Problem:
    where = f" {target} " if target else "本页"
    return Problem(
        shown,
        line,
        0,
        f"链接 {link} 指向的小节“#{anchor}”在{where}中不存在",
        "检查目标小节标题后面的 {#id}，或去掉 # 及其后面的部分，链接到整页。",
    )


def absolute_link(shown: str, line: int, link: str) -> Problem:
    return Problem(
        shown,
        line,
        0,
        f"链接 {link} 以 / 开头",
        "站点可能放在内网的子路径下，这样的链接会失效；改写为从本页算起的相对路径，"
        "例如 ../soc/norms.md。",
    )


def unrecognized_link(shown: str, line: int, link: str) -> Problem:
    return Problem(
        shown,
        line,
        0,
        f"链接 {link} 没有指向具体的文件",
        "链接到页面时写出它的 .md 文件名，例如 norms.md 或 ../soc/index.md。",
    )


def missing_from_nav(shown: str) -> Problem:
    return Problem(
        shown,
        1,
        0,
        "这个页面没有列入 mkdocs.yml 的 nav，读者在目录里找不到它",
        "在 mkdocs.yml 的 nav 中加上这个页面（写 content/ 下的路径），或删掉这个文件。",
    )


def check_nav(
    pages: set[str], nav: set[str] | None, shown_as: Callable[[str], str]
) -> list[Problem]:
    """The pages missing from the nav (`nav` None: no nav, or MkDocs does not warn)."""
    if nav is None:
        return []
    return [missing_from_nav(shown_as(page)) for page in sorted(pages - nav)]


Finding = Callable[[str, int], Problem]  # the problem, given the page's shown path and line


def check_links(
    written: Mapping[str, list[str]],
    sources: Mapping[str, str],
    ids: Mapping[str, set[str]],
    files: set[str],
    shown_as: Callable[[str], str],
) -> list[Problem]:
    """Every broken link and image of the pages: `written` holds, per docs-relative
    page, the href of each Markdown link and the src of each image, as MkDocs reads
    them (raw HTML is not checked, by MkDocs either).

    `files`: docs-relative paths of every file of the site, generated pages included;
    `ids`: element ids of the pages a link may point into.
    """
    problems = []
    for page, page_links in sorted(written.items()):
        for link in dict.fromkeys(page_links):
            finding = _finding(page, link, ids, files)
            if finding is not None:
                problems.append(finding(shown_as(page), link_line(sources.get(page, ""), link)))
    return problems


def _finding(page: str, link: str, ids: Mapping[str, set[str]], files: set[str]) -> Finding | None:
    parts = urlsplit(link)
    anchor = unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    target = target.lstrip("/")
    finding: Finding | None = None
    if parts.scheme or parts.netloc:
        pass  # outside the site (the publish check looks at what pages load)
    elif parts.path.startswith(("/", "\\")):
        finding = partial(absolute_link, link=link)
    elif not parts.path:
        if anchor and page in ids and anchor not in ids[page]:
            finding = partial(missing_anchor, link=link, target="", anchor=anchor)
    elif target not in files:
        if posixpath.splitext(parts.path)[1]:
            finding = partial(missing_target, link=link, target=target)
        else:
            finding = partial(unrecognized_link, link=link)
    elif anchor and target in ids and anchor not in ids[target]:
        finding = partial(missing_anchor, link=link, target=target, anchor=anchor)
    return finding
