"""academy score: re-score exported result files against the repository's quiz keys."""

from __future__ import annotations

import argparse
from pathlib import Path

from academy.core.problems import Problem
from academy.scoring.profile import describe_overall
from academy.scoring.result_files import Rescored, RescoredProfile, rescore_any

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
        outcome = rescore_any(path, str(path), quizzes, model)
        if isinstance(outcome, Problem):
            print(f"拒绝  {outcome.format()}")
            status = FINDINGS
        elif isinstance(outcome, RescoredProfile):
            status = max(status, _profile(path, outcome, levels))
        else:
            status = max(status, _attempt(path, outcome, levels))
    return status


def _attempt(path: Path, outcome: Rescored, levels: dict[str, str]) -> int:
    knowledge = outcome.score["knowledge"]
    share = "—" if knowledge["share"] is None else f"{knowledge['share']:.0%}"
    summary = (
        f"{outcome.trainee or '（未填姓名）'}，"
        f"测验 {outcome.quiz.id} 第 {outcome.quiz.version} 版，"
        f"知识题 {knowledge['earned']:g}/{knowledge['possible']:g}（{share}），"
        f"这次测验的综合级别：{describe_overall(outcome.score, levels)}"
    )
    if outcome.is_response:
        print(f"评分  {path}: {summary}")
        if outcome.checksum_ok:
            return OK
        print("    注意：答卷校验码与作答内容不符，答卷在提交后可能被修改过。")
        return FINDINGS
    if outcome.matches:
        print(f"一致  {path}: {summary}")
        return OK
    print(f"不一致  {path}: 文件中的得分与重新计算的结果不同（文件可能被修改过）。")
    print(f"    重新计算：{summary}")
    for difference in outcome.differences()[:10]:
        print(f"    {difference}")
    return FINDINGS


def _profile(path: Path, outcome: RescoredProfile, levels: dict[str, str]) -> int:
    quizzes = "、".join(f"{a.quiz.id}（第 {a.quiz.version} 版）" for a in outcome.attempts)
    who = outcome.trainee or "（未填姓名）"
    summary = (
        f"{who} 的 SPCM 结果，来自 {len(outcome.attempts)} 个测验：{quizzes}；"
        f"综合级别：{describe_overall(outcome.score, levels)}"
    )
    if outcome.matches:
        print(f"一致  {path}: {summary}")
        return OK
    print(f"不一致  {path}: 文件中的 SPCM 结果与重新计算的不同（文件可能被修改过）。")
    print(f"    重新计算：{summary}")
    for difference in outcome.differences()[:10]:
        print(f"    {difference}")
    return FINDINGS
