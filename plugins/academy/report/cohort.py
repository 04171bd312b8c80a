"""From attempts to what the report shows: trainee profiles, item analyses, weak spots."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from academy.core.course import Course
from academy.core.model import Model
from academy.core.quizzes import Quiz
from academy.scoring.item_analysis import Item, TestResult, analyse
from academy.scoring.profile import kept_attempt, score_profile
from academy.scoring.spec import scoring_spec
from academy.scoring.types import Score, Spec

from .attempts import ALTERED, Attempt

NO_ROLE = ""


@dataclass
class Profile:
    """A trainee's standing: the kept attempt of every quiz taken, scored together."""

    key: str
    name: str
    role: str | None
    target: str | None
    quizzes: list[str]
    attempts: int
    altered: int
    first_submitted: str
    last_submitted: str
    score: Score

    @property
    def overall(self) -> str | None:
        return self.score["overall"]


@dataclass
class QuizAnalysis:
    quiz: Quiz
    analysis: TestResult


@dataclass
class WeakDimension:
    dimension: str
    below: int  # trainees with a target whose level in this dimension is below it
    of: int
    pages: list[tuple[str, str]]  # (docs-relative page, title)


@dataclass
class Cohort:
    model: Model
    profiles: list[Profile]
    analyses: list[QuizAnalysis]
    weakest: list[WeakDimension]
    # (role, path title, [(quiz id, quiz title, trainees of the role who took it,
    #                      trainees of the role)])
    progress: list[tuple[str, str, list[tuple[str, str, int, int]]]] = field(default_factory=list)


def build_cohort(
    attempts: list[Attempt], quizzes: dict[str, Quiz], model: Model, course: Course | None
) -> Cohort:
    specs = {quiz_id: scoring_spec(quiz, model) for quiz_id, quiz in quizzes.items()}
    profiles = _profiles(attempts, specs, quizzes, model)
    analyses = [
        QuizAnalysis(
            quiz, analyse_quiz(quiz, [a for a in attempts if a.first and a.quiz == quiz.id])
        )
        for quiz in sorted(quizzes.values(), key=lambda q: q.id)
        if any(a.quiz == quiz.id for a in attempts)
    ]
    return Cohort(
        model,
        profiles,
        analyses,
        _weakest(profiles, model, course, quizzes),
        _progress(profiles, course, quizzes),
    )


def analyse_quiz(quiz: Quiz, firsts: list[Attempt]) -> TestResult:
    questions = [q for q in quiz.questions if q.is_knowledge]
    items = [
        Item(
            q.id,
            q.type,
            q.points,
            len(q.options) if q.type != "truefalse" else 2,
            q.answer,
            q.truth,
        )
        for q in questions
    ]
    scores = [[attempt.items.get(q.id, 0.0) for q in questions] for attempt in firsts]
    return analyse(items, scores, [attempt.answers for attempt in firsts])


def _profiles(
    attempts: list[Attempt], specs: dict[str, Spec], quizzes: dict[str, Quiz], model: Model
) -> list[Profile]:
    """One profile per trainee: the kept attempt of each quiz (its retake rule), scored together."""
    by_person: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_person.setdefault(attempt.person, []).append(attempt)
    profiles = []
    for key, mine in by_person.items():
        mine.sort(key=lambda a: a.submitted)
        kept: dict[str, Attempt] = {}
        for quiz_id in sorted({a.quiz for a in mine}):
            of_quiz = [a for a in mine if a.quiz == quiz_id]
            chosen = kept_attempt(of_quiz, quizzes[quiz_id].keep, lambda a: a.share)
            if chosen is not None:
                kept[quiz_id] = chosen
        role = next((a.role for a in reversed(mine) if a.role), None)
        model_role = model.role(role) if role else None
        target = model_role.target if model_role else None
        focus = (model_role.dimensions or None) if model_role else None
        answers = {quiz_id: attempt.answers for quiz_id, attempt in kept.items()}
        score = score_profile(specs, answers, target, focus)
        profiles.append(
            Profile(
                key,
                mine[0].name,
                role,
                target,
                sorted(kept),
                len(mine),
                sum(a.status == ALTERED for a in mine),
                mine[0].submitted.isoformat(timespec="minutes"),
                mine[-1].submitted.isoformat(timespec="minutes"),
                score,
            )
        )
    profiles.sort(key=lambda p: (p.role or "~", p.name or "~", p.key))
    return profiles


def level_index(model: Model, level: str | None) -> int:
    """0 for no level, 1 for the lowest level, …"""
    return model.level_ids.index(level) + 1 if level in model.level_ids else 0


def _weakest(
    profiles: list[Profile], model: Model, course: Course | None, quizzes: dict[str, Quiz]
) -> list[WeakDimension]:
    targeted = [p for p in profiles if p.target]
    found = []
    for dimension in model.dimensions:
        below = sum(
            1
            for p in targeted
            if level_index(model, p.score["reached"][dimension]) < level_index(model, p.target)
        )
        found.append(
            WeakDimension(dimension, below, len(targeted), _pages_for(dimension, course, quizzes))
        )
    found.sort(key=lambda w: (-w.below, model.dimensions.index(w.dimension)))
    return found


def _pages_for(
    dimension: str, course: Course | None, quizzes: dict[str, Quiz], limit: int = 5
) -> list[tuple[str, str]]:
    """Pages the quizzes send a trainee to for this dimension, then pages that teach it."""
    metas = course.pages.metas if course else {}
    counted: Counter[str] = Counter()
    for quiz in quizzes.values():
        for question in quiz.questions:
            if question.dimension == dimension:
                counted.update(page for page, _, _ in question.refs)
    pages = [page for page, _ in counted.most_common()]
    pages += course.teaching().get(dimension, []) if course else []
    unique = list(dict.fromkeys(pages))[:limit]
    return [(page, metas[page].title if page in metas else page) for page in unique]


def _progress(
    profiles: list[Profile], course: Course | None, quizzes: dict[str, Quiz]
) -> list[tuple[str, str, list[tuple[str, str, int, int]]]]:
    if course is None:
        return []
    rows = []
    for path in course.paths:
        members = [p for p in profiles if p.role == path.role]
        steps = []
        for step in path.steps:
            if step.kind == "quiz" and step.target in quizzes:
                done = sum(1 for p in members if step.target in p.quizzes)
                steps.append((step.target, quizzes[step.target].title, done, len(members)))
        if steps:
            rows.append((path.role, path.title, steps))
    return rows
