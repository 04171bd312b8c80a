"""Widgets an author places in a page with an HTML comment, e.g. `<!-- academy:dashboard -->`.

A comment is invisible if the plugin is ever turned off, and survives
Markdown untouched.
"""

from __future__ import annotations

import re

from .problems import Problem

WIDGETS = ("role-picker", "dashboard", "learning-log")
PLACEHOLDER = re.compile(r"<!--\s*academy:([^\s>]*)\s*-->")


def placeholder_problems(text: str, shown: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in PLACEHOLDER.finditer(line):
            if match.group(1) not in WIDGETS:
                problems.append(
                    Problem(
                        shown,
                        number,
                        match.start() + 1,
                        f"不认识的组件“academy:{match.group(1)}”",
                        "可用的组件：" + "、".join(f"<!-- academy:{name} -->" for name in WIDGETS),
                    )
                )
    return problems


def replace_placeholders(html: str, render: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: render.get(match.group(1), match.group(0)), html)


def used_widgets(html: str) -> set[str]:
    return {match.group(1) for match in PLACEHOLDER.finditer(html)}
