"""academy check: every problem in the content, as `path:line:column: message`."""

from __future__ import annotations

import argparse

from . import USAGE, open_project, report_problems

HELP = "检查所有页面、学习路径、测验题库和能力模型文件，列出全部问题"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    project = open_project(args.config_file)
    if project is None:
        return USAGE
    return report_problems(project.problems)
