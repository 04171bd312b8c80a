"""academy report: a cohort report (HTML + CSV) from trainees' exported result files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from academy.core.xapi import with_slash
from academy.report.attempts import result_files
from academy.report.lrs import (
    AUTH_VARIABLE,
    LrsError,
    Query,
    address_problem,
    collect_statements,
    credentials,
    fetch_statements,
    lrs_time,
    registration_of,
)
from academy.report.write import Written, write_collected, write_report

from .common import FINDINGS, OK, USAGE, open_project, report_problems
from .progress_bar import Progress
from .settings import Project

HELP = (
    "把学员导出的测验结果文件（或学习记录系统 LRS 中的记录）汇总成培训报告："
    "级别分布、能力差距、题目分析（HTML 和 CSV）"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results",
        nargs="*",
        metavar="结果",
        help="结果文件（.json），或存放结果文件的文件夹（包含子文件夹）；用 --lrs 时不写",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="输出文件夹",
        help="报告写到这个文件夹（不存在时自动创建）",
    )
    lrs = parser.add_argument_group(
        "从学习记录系统读取",
        f"登录信息从环境变量 {AUTH_VARIABLE}（用户名:密码）或 netrc 文件读取，不在命令行中写",
    )
    lrs.add_argument(
        "--lrs",
        metavar="地址",
        help="学习记录系统的 xAPI 地址（例如 https://lrs.example.com/xAPI/），"
        "读取本站测验发送的记录，代替结果文件",
    )
    lrs.add_argument("--since", metavar="时间", help="只读取此时间之后存入的记录，例如 2026-09-01")
    lrs.add_argument(
        "--registration", metavar="报名编号", help="只读取这一期培训（xAPI registration）的记录"
    )
    lrs.add_argument(
        "--netrc", metavar="文件", help="登录信息所在的 netrc 文件（默认 $NETRC 或 ~/.netrc）"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="并行评分的进程数（默认等于 CPU 核数）",
    )


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    source = _input_files(args, out) if args.lrs is None else _lrs_query(args, out)
    if source is None:
        return USAGE
    project = open_project(args.config_file, anchors=False)
    if project is None:
        return USAGE
    if project.problems or project.model is None or project.course is None:
        print("站点内容有错误，无法按题库评分；请先修正：", file=sys.stderr)
        return report_problems(project.problems)
    try:
        if isinstance(source, Query):
            written = _from_lrs(source, args.netrc, out, project)
            if written is None:
                return USAGE
        else:
            with Progress(len(source), "评分") as bar:
                written = write_report(
                    source,
                    out,
                    project.course.quizzes,
                    project.model,
                    project.course,
                    args.workers,
                    advance=bar.advance,
                )
    except OSError as error:
        print(
            f"{error.filename or out}: 无法写入报告（{error.strerror}）。"
            "\n    提示：检查输出文件夹是否可写。",
            file=sys.stderr,
        )
        return USAGE
    for problem in sorted(written.rejected):
        print(f"拒绝  {problem.format()}")
    for attempt in written.altered:
        print(
            f"改动  {attempt.file}: 文件中的得分与按题库重新计算的结果不同，"
            "报告使用重新计算的得分。"
        )
    unit = "条记录" if isinstance(source, Query) else "个结果文件"
    print(
        f"已评分 {len(written.attempts)} {unit}（{len(written.cohort.profiles)} 位学员），"
        f"拒绝 {len(written.rejected)} 个，得分被改动 {len(written.altered)} 个。"
    )
    print(f"报告：{written.files[0]}")
    print("表格：" + "、".join(str(f) for f in written.files[1:]))
    return FINDINGS if written.rejected or written.altered else OK


def _lrs_query(args: argparse.Namespace, out: Path) -> Query | None:
    """What to read from the LRS, or None after saying what is wrong with the command line."""
    problem = address_problem(args.lrs)
    since = lrs_time(args.since) if args.since else None
    registration = registration_of(args.registration) if args.registration else None
    if args.since and since is None:
        problem = f"--since 的时间“{args.since}”无法识别，请写成 2026-09-01 或 2026-09-01T08:30"
    elif args.registration and registration is None:
        problem = f"--registration 的“{args.registration}”不是 xAPI 报名编号（UUID）"
    elif args.results:
        problem = "结果文件和 --lrs 只能选一种：同一次作答会被算两次"
    elif out.exists() and not out.is_dir():
        problem = f"{out}: 已存在同名文件，不是文件夹；换一个输出文件夹，例如 -o 报告/"
    if problem:
        print(f"academy report: 用法错误：{problem}", file=sys.stderr)
        return None
    return Query(args.lrs, since, registration)


def _from_lrs(query: Query, netrc: str | None, out: Path, project: Project) -> Written | None:
    """The report of the site's quiz records in the LRS; None after saying why it failed."""
    assert project.model is not None and project.course is not None
    site_url = project.settings.site_url
    if not site_url:
        print(
            "mkdocs.yml 没有站点地址 site_url：学习记录中的活动 id 由站点发送记录时的地址组成。"
            "\n    提示：按构建站点时的地址运行，例如 SITE_URL=https://academy.example.com/ "
            "academy report --lrs …",
            file=sys.stderr,
        )
        return None
    try:
        auth = credentials(query.endpoint, Path(netrc) if netrc else None)
        statements = list(fetch_statements(query, auth))
    except LrsError as error:
        print(f"{error}", file=sys.stderr)
        return None
    collected, records = collect_statements(
        statements, with_slash(site_url), project.course.quizzes, project.model
    )
    print(
        f"从 {query.endpoint} 读取了 {len(statements)} 条“完成”记录，"
        f"其中本站测验的作答 {records} 条。"
    )
    return write_collected(collected, out, project.course.quizzes, project.model, project.course)


def _arguments_problem(args: argparse.Namespace, out: Path) -> str | None:
    """What is wrong with a command line that reads result files (None when nothing is)."""
    if out.exists() and not out.is_dir():
        return f"{out}: 已存在同名文件，不是文件夹。\n    提示：换一个输出文件夹，例如 -o 报告/"
    if args.workers is not None and args.workers < 1:
        return "--workers 必须是正整数。"
    if args.since or args.registration or args.netrc:
        return (
            "academy report: 用法错误：--since、--registration 和 --netrc 只用于 --lrs"
            "（从学习记录系统读取）；读取结果文件时不能筛选。"
        )
    if not args.results:
        return "academy report: 用法错误：请给出结果文件或文件夹，或用 --lrs 从学习记录系统读取。"
    return None


def _input_files(args: argparse.Namespace, out: Path) -> list[Path] | None:
    """The result files to read; None (after saying why) when the arguments are wrong."""
    problem = _arguments_problem(args, out)
    if problem:
        print(problem, file=sys.stderr)
        return None
    files, missing = result_files([Path(p) for p in args.results])
    for path in missing:
        print(
            f"{path}: 找不到这个文件或文件夹。"
            "\n    提示：检查路径是否写错；路径中有空格时请加引号。",
            file=sys.stderr,
        )
    if missing:
        return None
    if not files:
        print(
            "没有找到任何 .json 结果文件。"
            "\n    提示：把学员导出的结果文件放到一个文件夹里，再把文件夹作为参数。",
            file=sys.stderr,
        )
        return None
    return files
