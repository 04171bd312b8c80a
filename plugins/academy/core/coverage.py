"""What the course leaves uncovered: SPCM cells, pages and quizzes outside paths, refs.

Pure: works on the loaded model and course (no MkDocs). Coverage gaps are
advice for trainers, not errors: the build does not fail on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .course import Course
from .model import Model
from .objectives import questions_by_objective

HOME = "index.md"


@dataclass(frozen=True)
class Cell:
    dimension: str
    level: str
    questions: int  # knowledge questions in every quiz bank
    indicators: int  # behavioural indicators in the model


@dataclass(frozen=True)
class QuestionRef:
    quiz: str
    question: str
    source: str
    line: int
    target: str = ""  # page#anchor for a broken ref


@dataclass(frozen=True)
class ObjectiveGap:
    page: str  # path shown to trainers
    line: int
    id: str
    text: str


@dataclass
class Coverage:
    cells: list[Cell] = field(default_factory=list)
    pages_in_no_path: list[str] = field(default_factory=list)
    quizzes_in_no_path: list[str] = field(default_factory=list)
    questions_without_refs: list[QuestionRef] = field(default_factory=list)
    broken_refs: list[QuestionRef] = field(default_factory=list)
    objectives_without_questions: list[ObjectiveGap] = field(default_factory=list)
    pages_without_objectives: list[str] = field(default_factory=list)  # study pages

    @property
    def cells_without_questions(self) -> list[Cell]:
        return [c for c in self.cells if not c.questions]

    @property
    def cells_without_indicators(self) -> list[Cell]:
        return [c for c in self.cells if not c.indicators]

    @property
    def gaps(self) -> int:
        return (
            len(self.cells_without_questions)
            + len(self.cells_without_indicators)
            + len(self.pages_in_no_path)
            + len(self.quizzes_in_no_path)
            + len(self.questions_without_refs)
            + len(self.broken_refs)
            + len(self.objectives_without_questions)
            + len(self.pages_without_objectives)
        )

    def as_json(self) -> dict[str, object]:
        def cell(c: Cell) -> dict[str, object]:
            return {
                "dimension": c.dimension,
                "level": c.level,
                "questions": c.questions,
                "indicators": c.indicators,
            }

        def ref(r: QuestionRef) -> dict[str, object]:
            found: dict[str, object] = {
                "quiz": r.quiz,
                "question": r.question,
                "path": r.source,
                "line": r.line,
            }
            if r.target:
                found["target"] = r.target
            return found

        return {
            "cells": [cell(c) for c in self.cells],
            "cells_without_questions": [cell(c) for c in self.cells_without_questions],
            "cells_without_indicators": [cell(c) for c in self.cells_without_indicators],
            "pages_in_no_path": self.pages_in_no_path,
            "quizzes_in_no_path": self.quizzes_in_no_path,
            "questions_without_refs": [ref(r) for r in self.questions_without_refs],
            "broken_refs": [ref(r) for r in self.broken_refs],
            "objectives_without_questions": [
                {"path": o.page, "line": o.line, "id": o.id, "text": o.text}
                for o in self.objectives_without_questions
            ],
            "pages_without_objectives": self.pages_without_objectives,
        }


def measure_coverage(model: Model, course: Course, ids: Mapping[str, set[str]]) -> Coverage:
    """`ids`: element ids of the rendered pages that quiz refs point into."""
    found = Coverage(cells=_cells(model, course))
    used_pages = {
        step.target
        for path in course.paths
        for step in path.steps
        if step.kind in ("page", "section", "reflection")
    }
    path_pages = {path.page for path in course.paths}
    found.pages_in_no_path = sorted(
        page
        for page, meta in course.pages.metas.items()
        if page not in used_pages
        and page not in path_pages
        and page != HOME
        and "path" not in meta.data
    )
    used_quizzes = {
        step.target for path in course.paths for step in path.steps if step.kind == "quiz"
    }
    found.quizzes_in_no_path = sorted(set(course.quizzes) - used_quizzes)
    _check_refs(found, course, ids)
    _check_objectives(found, course)
    return found


def _check_objectives(found: Coverage, course: Course) -> None:
    """Study pages without objectives, and objectives no question checks."""
    studied = {
        step.target
        for path in course.paths
        for step in path.steps
        if step.kind in ("page", "section")
    }
    checked = questions_by_objective(course.quizzes)
    for page, meta in sorted(course.pages.metas.items()):
        if page in studied and not meta.objectives:
            found.pages_without_objectives.append(course.shown_as(page))
        for objective in meta.objectives:
            if objective.id not in checked:
                found.objectives_without_questions.append(
                    ObjectiveGap(
                        course.shown_as(page), objective.line, objective.id, objective.text
                    )
                )


def _cells(model: Model, course: Course) -> list[Cell]:
    """Knowledge questions and behaviour indicators per (dimension, level)."""
    counts: dict[tuple[str, str], int] = {}
    for quiz in course.quizzes.values():
        for question in quiz.questions:
            if question.is_knowledge:
                counts[(question.dimension, question.level)] = (
                    counts.get((question.dimension, question.level), 0) + 1
                )
    cells = []
    for level in model.level_ids:
        for dimension in model.dimensions:
            indicators = len(model.indicators_of(dimension, level))
            cells.append(Cell(dimension, level, counts.get((dimension, level), 0), indicators))
    return cells


def _check_refs(found: Coverage, course: Course, ids: Mapping[str, set[str]]) -> None:
    """Knowledge questions without refs, and refs to anchors the pages do not have."""
    for quiz in sorted(course.quizzes.values(), key=lambda q: q.id):
        for question in quiz.questions:
            if question.is_knowledge and not question.refs:
                found.questions_without_refs.append(
                    QuestionRef(quiz.id, question.id, quiz.source, question.line)
                )
            for page, anchor, line in question.refs:
                if anchor and page in ids and anchor not in ids[page]:
                    found.broken_refs.append(
                        QuestionRef(quiz.id, question.id, quiz.source, line, f"{page}#{anchor}")
                    )
