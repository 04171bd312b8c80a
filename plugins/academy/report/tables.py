"""The report's CSV files (formula-injection-safe, see csv_safe)."""

from __future__ import annotations

from pathlib import Path

from academy.core.problems import Problem
from academy.scoring.item_analysis import FLAG_TEXT
from academy.scoring.profile import describe_overall

from .attempts import STATUS_TEXT, Attempt
from .cohort import Cohort
from .csv_safe import write_csv


def write_tables(
    out: Path, cohort: Cohort, attempts: list[Attempt], rejected: list[Problem]
) -> list[Path]:
    model = cohort.model
    names = {lv.id: lv.name for lv in model.levels}
    roles = {r.id: r.name for r in model.roles}
    trainees = out / "trainees.csv"
    write_csv(
        trainees,
        [
            "姓名",
            "角色",
            "目标级别",
            "综合级别",
            "达到目标",
            *model.dimensions,
            "测验",
            "提交次数",
            "首次提交",
            "最近提交",
            "得分被改动的文件数",
        ],
        (
            [
                p.name,
                roles.get(p.role or "", ""),
                names.get(p.target or "", ""),
                describe_overall(p.score, names),
                None
                if not p.target
                else (
                    model.level_ids.index(p.overall) >= model.level_ids.index(p.target)
                    if p.overall
                    else False
                ),
                *(names.get(p.score["reached"][d] or "", "") for d in model.dimensions),
                " ".join(p.quizzes),
                p.attempts,
                p.first_submitted,
                p.last_submitted,
                p.altered,
            ]
            for p in cohort.profiles
        ),
    )
    questions = out / "questions.csv"
    write_csv(
        questions,
        [
            "测验",
            "版本",
            "题目",
            "题型",
            "维度",
            "级别",
            "分值",
            "作答人数",
            "难度（得分率）",
            "区分度",
            "高低分组差",
            "选项分布",
            "未答",
            "标记",
        ],
        (
            [
                qa.quiz.id,
                qa.quiz.version,
                r.item.id,
                r.item.kind,
                q.dimension,
                q.level,
                r.item.points,
                r.attempts,
                _round(r.facility),
                _round(r.discrimination),
                _round(r.upper_lower),
                "；".join(f"{c.label}{'(正确)' if c.correct else ''}:{c.count}" for c in r.choices),
                r.blank,
                "；".join(FLAG_TEXT[f] for f in r.flags),
            ]
            for qa in cohort.analyses
            for r in qa.analysis.items
            for q in [qa.quiz.question(r.item.id)]
            if q is not None
        ),
    )
    attempts_file = out / "attempts.csv"
    write_csv(
        attempts_file,
        [
            "文件",
            "姓名",
            "角色",
            "测验",
            "版本",
            "提交时间",
            "第一次作答",
            "得分",
            "满分",
            "得分率",
            "综合级别",
            "核对结果",
        ],
        (
            [
                a.file,
                a.name,
                a.role or "",
                a.quiz,
                a.version,
                a.submitted.isoformat(),
                a.first,
                a.earned,
                a.possible,
                a.share,
                names.get(a.overall or "", "未达到 / 证据不足"),
                STATUS_TEXT[a.status],
            ]
            for a in attempts
        ),
    )
    rejected_file = out / "rejected.csv"
    write_csv(
        rejected_file,
        ["文件", "行", "原因", "提示"],
        ([p.path, p.line, p.message, p.hint] for p in sorted(rejected)),
    )
    return [trainees, questions, attempts_file, rejected_file]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
