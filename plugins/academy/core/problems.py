"""Problems found in authors' files, reported as `path:line:column: message`."""

from __future__ import annotations

from dataclasses import dataclass


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
