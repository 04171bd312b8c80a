"""Subcommands of `academy`; see academy.cli.main."""

from __future__ import annotations

import sys
from pathlib import Path

from academy.core.problems import Problem, format_all

from .settings import Project, Settings, load_project, read_settings

OK, FINDINGS, USAGE = 0, 1, 2


def open_project(config_file: str, anchors: bool = True) -> Project | None:
    """The checked project, or None (after printing why) when mkdocs.yml cannot be used."""
    settings: Settings | None = read_settings(Path(config_file))
    if settings is None:
        return None
    return load_project(settings, anchors=anchors)


def usage_error(prog: str, message: str) -> int:
    """What a command line that cannot be used prints, in one form for every command."""
    print(f"{prog}: 用法错误：{message}", file=sys.stderr)
    return USAGE


def report_problems(problems: list[Problem]) -> int:
    if problems:
        print(format_all(problems))
        print(f"\n发现 {len(problems)} 处问题。", file=sys.stderr)
        return FINDINGS
    print("检查通过：没有发现问题。")
    return OK
