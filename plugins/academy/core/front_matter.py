"""Front matter of content pages: split it off, parse it strictly, check it.

MkDocs itself renders front matter it cannot parse as page text and exits 0,
so every page is read here first and a broken one fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .checker import IDENTIFIER, Checker
from .model import Model
from .problems import Problem, ProblemsFound
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
    related: bool | tuple[str, ...] = True  # 相关阅读: computed (True), off (False) or pinned pages
    related_lines: tuple[int, ...] = ()  # line of each pinned page
    objectives: tuple[Objective, ...] = ()  # 学习目标, in the order written
    readable: bool = True  # False: the front matter could not be read (already reported)

    @classmethod
    def unreadable(cls, path: str) -> PageMeta:
        """Stands for a page whose front matter has a reported problem, so that links
        to the page are not reported as links to a missing page as well."""
        data = Map()
        data.key_lines = {}
        return cls(path, "", 1, (), (), data, related=False, readable=False)


@dataclass(frozen=True)
class Objective:
    """One thing a trainee can do after reading the page, checked by quiz questions."""

    id: str
    text: str
    line: int


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
        [
            Problem(
                path,
                1,
                1,
                "页首信息（front matter）以 --- 开始，但没有用 --- 结束",
                "在页首信息的最后一行之后加一行 `---`。",
            )
        ]
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
                    "在文件第一行写 `---`，接着写 title、summary、minutes、roles"
                    "（课程页面再写 spcm），"
                    "再用一行 `---` 结束。",
                )
            ]
        )
    data = load_yaml(yaml_text, path, first_line=2)
    check = Checker(path)
    meta = check.mapping(
        data, "页首信息", required=("title", "summary", "minutes", "roles"), line=2
    )
    if meta is None:
        raise ProblemsFound(check.problems)

    title = check.text(meta, "title") or ""
    summary = check.text(meta, "summary") or ""
    minutes = _minutes(check, meta)
    roles = _choices(check, meta, "roles", model.role_ids, "角色")
    spcm = _choices(check, meta, "spcm", model.dimensions, "SPCM 维度")
    related, related_lines = _related(check, meta)
    objectives = _objectives(check, meta)
    if check.problems:
        raise ProblemsFound(check.problems)
    return PageMeta(title, summary, minutes, roles, spcm, meta, related, related_lines, objectives)


# Verbs that name no observable behaviour: nobody can check "了解" with a question.
UNTESTABLE_VERBS = ("了解", "理解", "掌握", "熟悉", "认识", "知道", "学习")
OBJECTIVES_HINT = (
    "每条写成“目标 id: 读完本页能做到的事”，例如 "
    "`norms-change-order: 按顺序写出一次生产变更从申请到关闭的环节`；"
    "id 只用小写英文字母、数字和连字符。"
)


def _objectives(check: Checker, meta: Map) -> tuple[Objective, ...]:
    """`objectives:` maps an id (questions name it) to what the reader can then do."""
    if "objectives" not in meta:
        return ()
    value = meta.get("objectives")
    if not isinstance(value, Map) or not value:
        check.problem(
            meta.line_of("objectives"),
            "objectives（学习目标）应当是“目标 id: 目标”的列表",
            OBJECTIVES_HINT,
        )
        return ()
    found = []
    for key in value:
        line = value.line_of(key)
        text = value.get(key)
        if not IDENTIFIER.match(key):
            check.problem(line, f"学习目标的 id“{key}”不能用作 id", OBJECTIVES_HINT)
        elif not isinstance(text, str) or not text.strip():
            check.problem(line, f"学习目标“{key}”没有写内容", OBJECTIVES_HINT)
        elif text.strip().startswith(UNTESTABLE_VERBS):
            check.problem(
                line,
                f"学习目标“{key}”以“{text.strip()[:2]}”开头，无法用题目检验",
                "用能检验的动词开头：说出、写出、按顺序写出、判断、区分、找出、填写、举例说明。",
            )
        else:
            found.append(Objective(key, text.strip(), line))
    return tuple(found)


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


_RELATED_TARGET = re.compile(r"^[^\s#]+\.md(?:#[\w-]+)?$")


def _related(check: Checker, meta: Map) -> tuple[bool | tuple[str, ...], tuple[int, ...]]:
    """`related: false` turns 相关阅读 off; a list pins its pages (`page.md` or `page.md#id`)."""
    if "related" not in meta:
        return True, ()
    value = meta.get("related")
    if isinstance(value, bool):
        return value, ()
    hint = (
        "写 `related: false` 关闭相关阅读，"
        "或列出页面：`related: [soc/norms.md, soc/spcm.md#levels]`。"
    )
    if not isinstance(value, list):
        check.problem(
            meta.line_of("related"),
            f"related（相关阅读）应当是 false 或页面列表，现在是“{value}”",
            hint,
        )
        return True, ()
    targets: list[str] = []
    lines: list[int] = []
    for item, line in check.items(meta, "related"):
        target = item.strip() if isinstance(item, str) else ""
        if not _RELATED_TARGET.match(target):
            check.problem(line, f"related 中的“{item}”不是页面路径", hint)
        elif target in targets:
            check.problem(line, f"related 中的页面“{target}”重复", "每个页面只写一次。")
        else:
            targets.append(target)
            lines.append(line)
    return tuple(targets), tuple(lines)


def _choices(
    check: Checker, meta: Map, key: str, allowed: tuple[str, ...], what: str
) -> tuple[str, ...]:
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
