"""MkDocs' own messages in Chinese, for trainers who do not read English: the lines
every build and `mkdocs serve` print, and its link warnings, which become the same
`path:line: message` that `academy check` prints (core/links.py).

A logging filter on MkDocs' loggers rewrites each record it knows and lets the rest
through unchanged; the warning level stays, so `--strict` counts what it counted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from academy.core import links
from academy.core.problems import Problem

# The same modules under MkDocs and under ProperDocs, its continuation.
LOGGERS = tuple(
    f"{engine}.{module}"
    for engine in ("mkdocs", "properdocs")
    for module in (
        "commands.build",
        "commands.serve",
        "livereload",
        "structure.pages",
        "structure.nav",
    )
)

_Rewrite = Callable[[re.Match[str]], str]

_LINES: list[tuple[re.Pattern[str], _Rewrite]] = [
    (re.compile(r"Cleaning site directory$"), lambda m: "清空站点文件夹"),
    (
        re.compile(r"Building documentation to directory: (.+)$"),
        lambda m: f"正在构建站点，输出到 {m[1]}",
    ),
    (
        re.compile(r"Documentation built in ([\d.]+) seconds$"),
        lambda m: f"站点构建完成，用时 {m[1]} 秒",
    ),
    (
        re.compile(r"The directory contains stale files\. Use --clean to remove them\.$"),
        lambda m: "站点文件夹里有旧文件；加 --clean 可以先清空",
    ),
    (re.compile(r"Building documentation\.\.\.$"), lambda m: "正在构建站点…"),
    (re.compile(r"Serving on (\S+)"), lambda m: f"预览地址：{m[1]}"),
    (
        re.compile(r"Watching paths for changes: (.+)$"),
        lambda m: f"正在监视这些文件夹的改动：{m[1]}",
    ),
    (re.compile(r"Detected file changes$"), lambda m: "发现文件有改动，重新构建"),
    (re.compile(r"Reloading browsers$"), lambda m: "刷新浏览器中的页面"),
    (re.compile(r"Browser connected: (\S+)"), lambda m: f"浏览器已连接：{m[1]}"),
    (re.compile(r"Shutting down\.\.\.$"), lambda m: "正在停止预览"),
    (re.compile(r"A 'dirty' build is being performed"), lambda m: "只重建改动过的页面（--dirty）"),
]

_OMITTED = re.compile(
    r'The following pages exist in the docs directory, but are not included in the "nav"'
    r" configuration:\n(.*)",
    re.S,
)
_DOC = r"Doc file '(?P<src>[^']+)' contains "
_SUGGESTION = r"(?: Did you mean '[^']*'\?)?$"
_LINKS: list[tuple[re.Pattern[str], Callable[[str, int, re.Match[str]], Problem]]] = [
    (
        re.compile(
            _DOC + r"a link '(?P<link>[^']+)', but the target(?: '(?P<target>[^']+)')? is not"
            r" found among documentation files\." + _SUGGESTION
        ),
        lambda shown, line, m: links.missing_target(
            shown, line, m["link"], m["target"] or m["link"].lstrip("/")
        ),
    ),
    (
        re.compile(
            _DOC + r"a link '(?P<link>[^']+)', but the doc '(?P<target>[^']+)' does not contain"
            r" an anchor '#(?P<anchor>[^']+)'\.$"
        ),
        lambda shown, line, m: links.missing_anchor(
            shown, line, m["link"], m["target"], m["anchor"]
        ),
    ),
    (
        re.compile(_DOC + r"a link '(?P<link>#(?P<anchor>[^']+))', but there is no such anchor"),
        lambda shown, line, m: links.missing_anchor(shown, line, m["link"], "", m["anchor"]),
    ),
    (
        re.compile(_DOC + r"an absolute link '(?P<link>[^']+)', it was left as is\." + _SUGGESTION),
        lambda shown, line, m: links.absolute_link(shown, line, m["link"]),
    ),
    (
        re.compile(
            _DOC
            + r"an unrecognized relative link '(?P<link>[^']+)', it was left as is\."
            + _SUGGESTION
        ),
        lambda shown, line, m: links.unrecognized_link(shown, line, m["link"]),
    ),
]


class ChineseBuildLog(logging.Filter):
    """Rewrites the MkDocs records it knows into Chinese. `docs_dir` and `shown_as` (set
    once the course is read) give a link warning its file as trainers know it and its line."""

    def __init__(self) -> None:
        super().__init__()
        self.docs_dir: Path | None = None
        self.shown_as: Callable[[str], str] = lambda page: page

    def install(self) -> None:
        for name in LOGGERS:
            logging.getLogger(name).addFilter(self)  # once: a filter is added only once

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        rewritten = self._link(text) or self._omitted(text) or self._line(text)
        if rewritten is not None:
            record.msg, record.args = rewritten, ()
        return True

    def _line(self, text: str) -> str | None:
        for pattern, rewrite in _LINES:
            match = pattern.match(text)
            if match:
                return rewrite(match)
        return None

    def _link(self, text: str) -> str | None:
        for pattern, problem in _LINKS:
            match = pattern.match(text)
            if match:
                src = match["src"]
                return problem(
                    self.shown_as(src), self._line_of(src, match["link"]), match
                ).format()
        return None

    def _omitted(self, text: str) -> str | None:
        match = _OMITTED.match(text)
        if match is None:
            return None
        pages = [
            line.strip().removeprefix("- ").replace("\\", "/") for line in match[1].splitlines()
        ]
        return "\n".join(
            links.missing_from_nav(self.shown_as(page)).format() for page in pages if page
        )

    def _line_of(self, src: str, link: str) -> int:
        file = self.docs_dir / src if self.docs_dir is not None else None
        if file is None or not file.is_file():
            return 1
        return links.link_line(file.read_text(encoding="utf-8-sig"), link)


BUILD_LOG = ChineseBuildLog()
