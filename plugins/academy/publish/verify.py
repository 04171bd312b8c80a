"""Verify a built site before it is published: every page present, and nothing in
an HTML or CSS file that loads or links outside the site folder."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from academy.core.problems import Problem

URL_ATTRIBUTES = {
    "src",
    "href",
    "data",
    "poster",
    "action",
    "formaction",
    "background",
    "xlink:href",
    "manifest",
    "cite",
}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_HARMLESS = ("data:", "blob:", "mailto:", "tel:", "#", "about:blank")


def expected_pages(sources: Iterable[str]) -> list[tuple[str, tuple[str, str]]]:
    """(docs-relative source, the two places MkDocs may write it) for each Markdown page."""
    found = []
    for source in sources:
        path = PurePosixPath(source)
        if path.name in ("index.md", "README.md"):
            flat = folder = str(path.parent / "index.html")
        else:
            flat = str(path.with_suffix(".html"))
            folder = str(path.with_suffix("") / "index.html")
        found.append((source, (flat.removeprefix("./"), folder.removeprefix("./"))))
    return found


def missing_pages(site: Path, sources: Iterable[str]) -> list[Problem]:
    problems = []
    for source, places in expected_pages(sources):
        if not any((site / place).is_file() for place in places):
            problems.append(
                Problem(
                    source,
                    1,
                    0,
                    f"构建结果中缺少这个页面（应为 {places[0]}）",
                    "检查页面是否被 mkdocs.yml 的 exclude_docs 或 draft_docs 排除。",
                )
            )
    return problems


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (line, tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.found.append((line, tag, value))
            elif name in ("srcset", "imagesrcset"):
                self.found += [
                    (line, tag, part.strip().split(" ")[0])
                    for part in value.split(",")
                    if part.strip()
                ]
            elif name == "style":
                self.found += [(line, tag, url) for url in _css_urls(value)]
            elif name == "content" and tag == "meta" and "url=" in value.lower():
                self.found.append((line, tag, value[value.lower().index("url=") + 4 :].strip()))


def _css_urls(text: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in _CSS_URL.finditer(text)]


def outside_references(site: Path, site_url: str = "") -> list[Problem]:
    """References in HTML and CSS files that leave `site` or point at nothing.

    Absolute addresses are allowed only under `site_url` (canonical links); a
    path starting with / (MkDocs writes 404.html that way) must lie under the
    site's own path on the server."""
    site_path = urlsplit(site_url).path or "/"
    allowed_prefixes = (site_url.rstrip("/") + "/",) if site_url else ()
    problems: list[Problem] = []
    root = site.resolve()
    for file in sorted(site.rglob("*")):
        if file.suffix not in (".html", ".css") or not file.is_file():
            continue
        shown = file.relative_to(site).as_posix()
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.suffix == ".html":
            parser = _Links()
            parser.feed(text)
            references = list(parser.found)
            for block in re.finditer(r"<style[^>]*>(.*?)</style>", text, re.S | re.I):
                line = text.count("\n", 0, block.start()) + 1
                references += [(line, "style", url) for url in _css_urls(block.group(1))]
        else:
            references = [
                (text.count("\n", 0, m.start()) + 1, "css", m.group(2) or m.group(4))
                for m in _CSS_URL.finditer(text)
            ]
        for line, tag, url in references:
            problem = _judge(root, file, url.strip(), allowed_prefixes, site_path)
            if problem:
                problems.append(
                    Problem(
                        f"{site.name}/{shown}",
                        line,
                        0,
                        f"<{tag}> 的地址“{url[:120]}”{problem}",
                        _HINT,
                    )
                )
    return problems


_HINT = (
    "站点必须能在内网和共享文件夹中离线使用："
    "把文件放进 content/ 并用相对路径引用，不要引用外部网址。"
)


def _judge(
    root: Path, file: Path, url: str, allowed: tuple[str, ...], site_path: str
) -> str | None:
    if not url or url.lower().startswith(_HARMLESS):
        return None
    if any(url.startswith(prefix) for prefix in allowed if prefix):
        return None
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return "指向站点以外"
    return _judge_path(root, file, parts.path, site_path) if parts.path else None


def _judge_path(root: Path, file: Path, path: str, site_path: str) -> str | None:
    """A link within the site: it must stay in the site folder and name a file there."""
    base = site_path.rstrip("/") + "/"
    if path.startswith("/"):
        if not path.startswith(base):
            return "指向站点文件夹以外"
        target = root / unquote(path[len(base) :])
    else:
        target = file.parent / unquote(path)
    target = target.resolve()
    if not target.is_relative_to(root):
        return "指向站点文件夹以外"
    if not target.exists():
        return "指向的文件不存在"
    return None
