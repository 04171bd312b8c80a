"""Simulated trainees through the real banks and the real scoring
(scripts/simulate_assessment.py): the level means what it claims."""

from __future__ import annotations

import importlib.util
from collections import Counter

import pytest

from support.site import ROOT

ATTEMPTS = 200
spec = importlib.util.spec_from_file_location(
    "simulate", ROOT / "scripts" / "simulate_assessment.py"
)
assert spec is not None and spec.loader is not None
simulate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(simulate)
COURSE = simulate.load_course()
LEVELS = {level.name: index for index, level in enumerate(COURSE.model.levels)}
ROLES = ("operator", "team-lead", "branch-manager", "general-manager", "developer")


def share_placed(counts: Counter[str]) -> float:
    return sum(n for name, n in counts.items() if name in LEVELS) / ATTEMPTS


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["blind", "test-wise"])
def test_guessing_by_habit_reaches_no_level(kind, role):
    assert share_placed(simulate.simulate(COURSE, kind, role, ATTEMPTS)) <= 0.05


@pytest.mark.parametrize("role", ROLES)
def test_rating_yourself_top_marks_never_places_you_above_what_you_know(role):
    counts = simulate.simulate(COURSE, "over-rater", role, ATTEMPTS)
    assert all(LEVELS[name] == 0 for name in counts if name in LEVELS), (
        counts
    )  # knows 运营岗位 only


def test_ratings_without_knowledge_decide_nothing():
    """Top self-ratings in every cell and no knowledge question: no level, 证据不足."""
    spec = simulate.scoring_spec(COURSE.quizzes["spcm-self"], COURSE.model)
    ratings = {
        "model": spec["model"],
        "questions": [q for q in spec["questions"] if q["type"] == "rating"],
    }
    answers = {q["id"]: [4] * q["indicators"] for q in ratings["questions"]}
    score = simulate.score_profile({"spcm-self": ratings}, {"spcm-self": answers}, "soc-m3")
    assert score["overall"] is None and score["overall_status"] == "insufficient"
    assert score["calibration"]["价值观"]["self_level"] == "soc-m3"  # shown beside, never counted


@pytest.mark.parametrize("role", ["operator", "developer"])
def test_a_diligent_novice_reaches_the_operator_level(role):
    counts = simulate.simulate(COURSE, "novice", role, ATTEMPTS)
    assert counts[COURSE.model.levels[0].name] >= 0.9 * ATTEMPTS, counts


@pytest.mark.parametrize("role", ROLES)
def test_one_slip_does_not_drop_an_expert_below_the_target(role):
    target = COURSE.model.role(role).target
    counts = simulate.simulate(COURSE, "expert", role, ATTEMPTS)
    wanted = LEVELS[next(level.name for level in COURSE.model.levels if level.id == target)]
    assert all(name in LEVELS and LEVELS[name] >= wanted for name in counts), counts
