"""academy score: re-score exported result files against the repository's quiz keys."""

from __future__ import annotations

import argparse
from pathlib import Path

from academy.core.problems import Problem
from academy.scoring.result_files import rescore_file

from .common import FINDINGS, OK, USAGE, open_project, report_problems

HELP = "按当前题库重新评分学员导出的测验结果文件，并核对结果是否一致"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", nargs="+", metavar="结果文件", help="学员导出的 .json 结果文件")


def run(args: argparse.Namespace) -> int:
    project = open_project(args.config_file, anchors=False)
    if project is None:
        return USAGE
    if project.problems or project.model is None or project.course is None:
        return report_problems(project.problems)
    model, quizzes = project.model, project.course.quizzes
    levels = {level.id: level.name for level in model.levels}
    status = OK
    for path in map(Path, args.results):
        outcome = rescore_file(path, str(path), quizzes, model)
        if isinstance(outcome, Problem):
            print(f"拒绝  {outcome.format()}")
            status = FINDINGS
            continue
        knowledge = outcome.score["knowledge"]
        share = "—" if knowledge["share"] is None else f"{knowledge['share']:.0%}"
        overall = levels.get(outcome.score["overall"] or "", "无法确定")
        summary = (
            f"{outcome.trainee or '（未填姓名）'}，"
            f"测验 {outcome.quiz.id} 第 {outcome.quiz.version} 版，"
            f"知识题 {knowledge['earned']:g}/{knowledge['possible']:g}（{share}），"
            f"综合级别：{overall}"
        )
        if outcome.is_response:
            if outcome.checksum_ok:
                print(f"评分  {path}: {summary}")
            else:
                status = FINDINGS
                print(
                    f"评分  {path}: {summary}"
                    "\n    注意：答卷校验码与作答内容不符，答卷在提交后可能被修改过。"
                )
        elif outcome.matches:
            print(f"一致  {path}: {summary}")
        else:
            status = FINDINGS
            print(
                f"不一致  {path}: 文件中的得分与重新计算的结果不同（文件可能被修改过）。"
                f"重新计算：{summary}"
            )
            for difference in outcome.differences()[:10]:
                print(f"    {difference}")
    return status
