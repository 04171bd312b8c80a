"""Widgets an author places in a page with an HTML comment, e.g. `<!-- academy:dashboard -->`.

A comment is invisible if the plugin is ever turned off, and survives
Markdown untouched. `quiz` and `check` take an argument:
`<!-- academy:quiz soc-intro -->`, `<!-- academy:check soc-intro/mission-goal -->`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .problems import Problem

WIDGETS = ("role-picker", "dashboard", "learning-log")
WITH_ARGUMENT = ("quiz", "check")
PLACEHOLDER = re.compile(r"<!--\s*academy:([^\s>]*)(?:\s+([^\s>]+))?\s*-->")


@dataclass(frozen=True)
class Placeholder:
    name: str
    argument: str
    line: int
    column: int


_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")


def find_placeholders(text: str) -> list[Placeholder]:
    """Placeholders in the page, leaving out examples inside code."""
    found: list[Placeholder] = []
    if "academy:" not in text:  # most pages: no need to walk the lines
        return found
    fence = ""
    for number, line in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(line)
        if opening and (not fence or opening.group(1) == fence):
            fence = "" if fence else opening.group(1)
            continue
        if fence:
            continue
        visible = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
        for match in PLACEHOLDER.finditer(visible):
            found.append(
                Placeholder(match.group(1), match.group(2) or "", number, match.start() + 1)
            )
    return found


def placeholder_problems(
    placeholders: list[Placeholder], shown: str, questions: Mapping[str, set[str]]
) -> list[Problem]:
    """`questions` maps each quiz id to its question ids."""
    problems = []
    usage = "、".join(
        [f"<!-- academy:{n} -->" for n in WIDGETS]
        + ["<!-- academy:quiz 测验id -->", "<!-- academy:check 测验id/题目id -->"]
    )
    for item in placeholders:
        mistake = _mistake(item, questions, usage)
        if mistake is not None:
            problems.append(Problem(shown, item.line, item.column, *mistake))
    return problems


def _mistake(
    item: Placeholder, questions: Mapping[str, set[str]], usage: str
) -> tuple[str, str] | None:
    """(message, hint) when the placeholder cannot be rendered."""
    if item.name in WIDGETS:
        if item.argument:
            return (
                f"组件“academy:{item.name}”后面不需要写内容",
                f"写成 <!-- academy:{item.name} -->",
            )
    elif item.name == "quiz":
        if item.argument not in questions:
            return (
                f"测验“{item.argument}”不存在",
                "可用的测验 id：" + ("、".join(sorted(questions)) or "（还没有测验）"),
            )
    elif item.name == "check":
        quiz, _, question = item.argument.partition("/")
        if quiz not in questions or question not in questions[quiz]:
            return (
                f"题目“{item.argument}”不存在",
                "写成 测验id/题目id，例如 <!-- academy:check soc-intro/mission-goal -->",
            )
    else:
        return (f"不认识的组件“academy:{item.name}”", "可用的组件：" + usage)
    return None


def replace_placeholders(html: str, render: Callable[[str, str], str | None]) -> str:
    def swap(match: re.Match[str]) -> str:
        rendered = render(match.group(1), match.group(2) or "")
        return match.group(0) if rendered is None else rendered

    return PLACEHOLDER.sub(swap, html) if "academy:" in html else html
