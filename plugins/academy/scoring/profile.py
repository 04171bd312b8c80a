"""A trainee's SPCM profile: the evidence of every quiz bank taken, scored together.

Each bank counts with its kept attempt (the retake rule, `keep`: the best, the
last or the first attempt; `average` counts the last attempt's answers, as its
levels are the last attempt's). The questions of all kept attempts form one
spec (ids prefixed with the quiz id) and are scored by the ladder like one
attempt, so a cell pools its questions over banks. The browser does the same
in assets/academy/scoring.js (`scoreProfile`), checked against this in tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from .ladder import score_attempt
from .types import QuestionSpec, Responses, Score, Spec

Attempt = TypeVar("Attempt")


def kept_attempt(
    attempts: Sequence[Attempt], keep: str, share: Callable[[Attempt], float | None]
) -> Attempt | None:
    """The attempt that counts: `attempts` oldest first, `share` its knowledge share."""
    if not attempts:
        return None
    if keep == "first":
        return attempts[0]
    if keep != "best":
        return attempts[-1]
    ranks = [-1.0 if (value := share(a)) is None else value for a in attempts]
    best = max(ranks)
    return attempts[len(ranks) - 1 - ranks[::-1].index(best)]  # ties go to the later attempt


def profile_spec(specs: Mapping[str, Spec]) -> Spec:
    """One spec from several banks' specs (same model): question ids become `quiz/question`."""
    questions: list[QuestionSpec] = []
    for quiz_id in sorted(specs):
        questions += [{**q, "id": f"{quiz_id}/{q['id']}"} for q in specs[quiz_id]["questions"]]
    if not specs:
        raise ValueError("a profile needs at least one quiz bank")
    return {"model": next(iter(specs.values()))["model"], "questions": questions}


def profile_responses(answers: Mapping[str, Responses]) -> dict[str, object]:
    """The kept attempts' answers under the ids of profile_spec()."""
    return {
        f"{quiz_id}/{qid}": value
        for quiz_id, given in answers.items()
        for qid, value in given.items()
    }


def score_profile(
    specs: Mapping[str, Spec],
    answers: Mapping[str, Responses],
    target: str | None,
    focus: Sequence[str] | None = None,
) -> Score:
    """The profile over the banks in `answers` (quiz id → the kept attempt's answers)."""
    taken = {quiz_id: specs[quiz_id] for quiz_id in answers if quiz_id in specs}
    return score_attempt(profile_spec(taken), profile_responses(answers), target, focus)


def describe_overall(score: Score, level_names: Mapping[str, str]) -> str:
    """The overall result as the trainee and the trainer read it: a level name,
    未达到 <the lowest level> (tried and not passed) or 证据不足 (not enough answered)."""
    if score["overall"] is not None:
        return level_names.get(score["overall"], score["overall"])
    if score["overall_status"] == "not_reached":
        lowest = next(iter(level_names.values()), "")
        return f"未达到 {lowest}".strip()
    return "证据不足"
