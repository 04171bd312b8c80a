"""Small helpers that check hand-written YAML values and collect Problems."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .problems import Problem
from .strict_yaml import Map, Seq, trap_hint

IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Checker:
    """Collects problems for one file while its values are checked."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._seen: dict[tuple[str, str], int] = {}

    def problem(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, 0, message, hint))

    def mapping(
        self, value: Any, what: str, required: tuple[str, ...] = (), line: int = 1
    ) -> Map | None:
        if not isinstance(value, Map):
            shown = "" if value is None else f"（现在是：{str(value)[:40]}）"
            hint = trap_hint(str(value)) or "每行写成“键: 值”的形式，冒号是半角并且后面有空格。"
            self.problem(getattr(value, "line", line), f"{what}应当是“键: 值”的列表{shown}", hint)
            return None
        for key in required:
            if key not in value:
                self.problem(value.line, f"{what}缺少必填项“{key}”", f"加上一行 `{key}: …`")
        return value

    def text(self, entry: Map, key: str, optional: bool = False) -> str | None:
        value = entry.get(key)
        if value is None:
            if not optional and key in entry:
                self._empty(entry, key)
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(entry.line_of(key), f"“{key}”应当是一段文字", f"例如 `{key}: 文字`")
            return None
        text = str(value).strip()
        if not text:
            self._empty(entry, key)
            return None
        return text

    def _empty(self, entry: Map, key: str) -> None:
        self.problem(entry.line_of(key), f"“{key}”不能为空", f"在 `{key}:` 后面填写内容")

    def identifier(self, entry: Map, key: str) -> str | None:
        value = self.text(entry, key)
        if value is not None and not IDENTIFIER.match(value):
            self.problem(
                entry.line_of(key),
                f"“{key}”的值“{value}”不能用作 id",
                "id 只能包含小写英文字母、数字和连字符，例如 `team-lead`。",
            )
            return None
        return value

    def items(self, entry: Map, key: str) -> Iterator[tuple[Any, int]]:
        value = entry.get(key)
        if key not in entry:
            return
        if not isinstance(value, Seq) or not value:
            self.problem(
                entry.line_of(key),
                f"“{key}”应当是一个非空列表",
                trap_hint(str(value)) or f"例如 `{key}: [a, b]`，或每项一行，以 `- ` 开头。",
            )
            return
        for index, item in enumerate(value):
            yield item, value.line_of(index)

    def unknown_keys(self, entry: Map, allowed: set[str], what: str) -> None:
        """A problem for every key of `entry` that is not in `allowed`."""
        for key in entry:
            if key not in allowed:
                self.problem(
                    entry.line_of(key),
                    f"{what}中有不认识的项“{key}”",
                    "可以写的项：" + "、".join(sorted(allowed)),
                )

    def unique(self, what: str, value: str, line: int) -> bool:
        first = self._seen.get((what, value))
        if first is not None:
            self.problem(
                line, f"{what}“{value}”重复（第 {first} 行已经用过）", "每个 id 只能出现一次。"
            )
            return False
        self._seen[(what, value)] = line
        return True
