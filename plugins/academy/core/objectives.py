"""Learning objectives: what pages promise (front matter `objectives:`) and which
questions check each promise (a question's `objectives:`).

Pure: works on checked front matter and quiz banks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .front_matter import Objective, PageMeta
from .problems import Problem
from .quizzes import Quiz


@dataclass(frozen=True)
class PageObjective:
    page: str  # docs-relative path
    objective: Objective


def all_objectives(metas: Mapping[str, PageMeta]) -> dict[str, PageObjective]:
    """Objective id -> where it is defined (the first page, if an id is used twice)."""
    found: dict[str, PageObjective] = {}
    for page, meta in sorted(metas.items()):
        for objective in meta.objectives:
            found.setdefault(objective.id, PageObjective(page, objective))
    return found


def objective_problems(
    metas: Mapping[str, PageMeta], quizzes: Mapping[str, Quiz], shown: Mapping[str, str]
) -> list[Problem]:
    """An objective id defined on two pages; a question naming an objective no page has."""
    problems = []
    defined = all_objectives(metas)
    for page, meta in sorted(metas.items()):
        for objective in meta.objectives:
            first = defined[objective.id]
            if first.page != page:
                problems.append(
                    Problem(
                        shown.get(page, page),
                        objective.line,
                        0,
                        f"学习目标的 id“{objective.id}”已在 "
                        f"{shown.get(first.page, first.page)} 中用过",
                        "题目用 id 找到目标，所以每个 id 在全站只能用一次；"
                        "换一个 id，例如在前面加上页面名。",
                    )
                )
    # An objective of a page whose front matter cannot be read is not known yet.
    all_read = all(meta.readable for meta in metas.values())
    for quiz in quizzes.values():
        for question in quiz.questions:
            for objective_id, line in question.objectives:
                if objective_id not in defined and all_read:
                    problems.append(
                        Problem(
                            quiz.source,
                            line,
                            0,
                            f"题目“{question.id}”检验的学习目标“{objective_id}”不存在",
                            "写某个页面页首信息 objectives 中的 id；"
                            "`academy check --coverage` 列出全部学习目标。",
                        )
                    )
    return problems


def questions_by_objective(quizzes: Mapping[str, Quiz]) -> dict[str, list[str]]:
    """Objective id -> the questions (`quiz/question`) that check it."""
    found: dict[str, list[str]] = {}
    for quiz in quizzes.values():
        for question in quiz.questions:
            for objective_id, _ in question.objectives:
                found.setdefault(objective_id, []).append(f"{quiz.id}/{question.id}")
    return found
