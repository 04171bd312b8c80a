"""academy report: a cohort report (HTML + CSV) from trainees' exported result files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from academy.report.attempts import result_files
from academy.report.write import write_report

from .common import FINDINGS, OK, USAGE, open_project, report_problems
from .progress_bar import Progress

HELP = "把学员导出的测验结果文件汇总成培训报告：级别分布、能力差距、题目分析（HTML 和 CSV）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results",
        nargs="+",
        metavar="结果",
        help="结果文件（.json），或存放结果文件的文件夹（包含子文件夹）",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="输出文件夹",
        help="报告写到这个文件夹（不存在时自动创建）",
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
    files = _input_files(args, out)
    if files is None:
        return USAGE
    project = open_project(args.config_file, anchors=False)
    if project is None:
        return USAGE
    if project.problems or project.model is None or project.course is None:
        print("站点内容有错误，无法按题库评分；请先修正：", file=sys.stderr)
        return report_problems(project.problems)
    try:
        with Progress(len(files), "评分") as bar:
            written = write_report(
                files,
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
    print(
        f"已评分 {len(written.attempts)} 个结果文件（{len(written.cohort.profiles)} 位学员），"
        f"拒绝 {len(written.rejected)} 个，得分被改动 {len(written.altered)} 个。"
    )
    print(f"报告：{written.files[0]}")
    print("表格：" + "、".join(str(f) for f in written.files[1:]))
    return FINDINGS if written.rejected or written.altered else OK


def _input_files(args: argparse.Namespace, out: Path) -> list[Path] | None:
    """The result files to read; None (after saying why) when the arguments are wrong."""
    if out.exists() and not out.is_dir():
        print(
            f"{out}: 已存在同名文件，不是文件夹。\n    提示：换一个输出文件夹，例如 -o 报告/",
            file=sys.stderr,
        )
        return None
    if args.workers is not None and args.workers < 1:
        print("--workers 必须是正整数。", file=sys.stderr)
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
