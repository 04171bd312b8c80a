"""Problems found in authors' files, reported as `path:line:column: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file a trainer wrote, and how to fix it."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.column:
            where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n    提示：{self.hint}"
        return text


class ProblemsFound(Exception):
    """Raised by loaders when a file cannot be used; carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


def format_all(problems: list[Problem]) -> str:
    return "\n".join(p.format() for p in sorted(problems))


def read_utf8(file: Path, shown: str) -> str:
    """The text of a trainer's file; ProblemsFound at the first byte that is not UTF-8."""
    data = file.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    line,
                    column,
                    "文件不是 UTF-8 编码（从这里开始无法按 UTF-8 读取）",
                    "用编辑器把此文件另存为 UTF-8 编码（例如记事本的“另存为 → 编码：UTF-8”）。",
                )
            ]
        ) from None
