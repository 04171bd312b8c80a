"""academy check: every problem in the content, as `path:line:column: message`."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from academy.core.coverage import measure_coverage
from academy.core.problems import format_all

from .common import FINDINGS, OK, USAGE, open_project, report_problems
from .coverage_text import format_coverage
from .settings import Project

HELP = "检查所有页面、学习路径、测验题库和能力模型文件，列出全部问题"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="同时列出覆盖情况：没有题目或行为指标的 SPCM 格子、不在学习路径中的页面和测验、"
        "没有复习链接的题目、"
        "指向不存在小节的复习链接、没有题目检验的学习目标、没有学习目标的课程页面"
        "（仅供参考，不影响退出码）",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        metavar="格式",
        help="输出格式：text（默认，给人看）或 json（给程序读）",
    )


def run(args: argparse.Namespace) -> int:
    project = open_project(args.config_file)
    if project is None:
        return USAGE
    coverage = None
    if args.coverage and project.model is not None and project.course is not None:
        coverage = measure_coverage(project.model, project.course, project.ids)
    if args.format == "json":
        return _json(project, coverage)
    status = report_problems(project.problems)
    advice = project.course.advice if project.course is not None else []
    if advice:
        print(
            f"\n建议修改（{len(advice)} 处，不影响构建；题目写法的问题可用 mkdocs.yml 中 "
            "academy 的 item_checks: error 当作错误，新建时的示例文字在改好之前不能发布）："
        )
        print(format_all(advice))
    if coverage is not None and project.model is not None:
        print()
        print(format_coverage(coverage, project.model))
    elif args.coverage:
        print("\n能力模型文件有错误，无法统计覆盖情况。", file=sys.stderr)
    return status


def _json(project: Project, coverage: object) -> int:
    problems = sorted(project.problems)
    advice = sorted(project.course.advice) if project.course is not None else []
    document: dict[str, object] = {
        "ok": not problems,
        "problems": [asdict(p) for p in problems],
        "advice": [asdict(p) for p in advice],
    }
    if coverage is not None:
        document["coverage"] = coverage.as_json()  # type: ignore[attr-defined]
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return FINDINGS if problems else OK
