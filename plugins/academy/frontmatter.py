"""Front matter of content pages: split it off, parse it strictly, check it.

MkDocs itself renders front matter it cannot parse as page text and exits 0,
so every page is read here first and a broken one fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Model
from .problems import Problem, ProblemsFound
from .schema import Checker
from .strict_yaml import Map, load_yaml, trap_hint

_OPENING = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
MAX_MINUTES = 600


@dataclass(frozen=True)
class PageMeta:
    title: str
    summary: str
    minutes: int
    roles: tuple[str, ...]
    spcm: tuple[str, ...]
    data: Map  # everything the author wrote, for later checks


def split_front_matter(text: str, path: str) -> tuple[str | None, str]:
    """Return (front matter YAML or None, body); the YAML starts on line 2."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or not _OPENING.match(lines[0].rstrip("\r\n")):
        return None, text
    for index in range(1, len(lines)):
        if _CLOSING.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    raise ProblemsFound(
        [Problem(path, 1, 1, "页首信息（front matter）以 --- 开始，但没有用 --- 结束", "在页首信息的最后一行之后加一行 `---`。")]
    )


def read_page_meta(text: str, path: str, model: Model) -> PageMeta:
    """Parse and check a page's front matter; raise ProblemsFound with every problem."""
    yaml_text, _ = split_front_matter(text, path)
    if yaml_text is None:
        raise ProblemsFound(
            [
                Problem(
                    path,
                    1,
                    1,
                    "页面缺少页首信息（front matter）",
                    "在文件第一行写 `---`，接着写 title、summary、minutes、roles、spcm，再用一行 `---` 结束。",
                )
            ]
        )
    data = load_yaml(yaml_text, path, first_line=2)
    check = Checker(path)
    meta = check.mapping(data, "页首信息", required=("title", "summary", "minutes", "roles", "spcm"), line=2)
    if meta is None:
        raise ProblemsFound(check.problems)

    title = check.text(meta, "title") or ""
    summary = check.text(meta, "summary") or ""
    minutes = _minutes(check, meta)
    roles = _choices(check, meta, "roles", model.role_ids, "角色")
    spcm = _choices(check, meta, "spcm", model.dimensions, "SPCM 维度")
    if check.problems:
        raise ProblemsFound(check.problems)
    return PageMeta(title, summary, minutes, roles, spcm, meta)


def _minutes(check: Checker, meta: Map) -> int:
    value = meta.get("minutes")
    if "minutes" not in meta:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_MINUTES:
        check.problem(
            meta.line_of("minutes"),
            f"minutes（预计阅读分钟数）必须是 1 到 {MAX_MINUTES} 之间的整数，现在是“{value}”",
            "例如 `minutes: 10`，不要写单位或小数。",
        )
        return 0
    return value


def _choices(check: Checker, meta: Map, key: str, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    chosen: list[str] = []
    for item, line in check.items(meta, key):
        value = item if isinstance(item, str) else str(item)
        if value not in allowed:
            hint = trap_hint(value) or "可选：" + "、".join(allowed)
            check.problem(line, f"{key} 中的{what}“{value}”不存在", hint)
        elif value in chosen:
            check.problem(line, f"{key} 中的{what}“{value}”重复", "每项只写一次。")
        else:
            chosen.append(value)
    return tuple(chosen)
