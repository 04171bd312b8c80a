"""SPCM ladder scoring. The browser runs the same rules (assets/academy/scoring.js);
both are checked against the shared vectors in tests/data/scoring_vectors.json.

Works on plain JSON-like data so that both implementations read the same input:

spec = {
  "model": {"levels": [...ordered ids], "dimensions": [...], "threshold": 0.6,
            "weights": {"knowledge": 0.6, "self": 0.4}},
  "questions": [{"id", "type", "dimension", "level", "points", "answer"?, "indicators"?}, ...]
}
responses = {question id: single → option index; multiple → [indices];
             truefalse → bool; ordering → [item indices in the trainee's order];
             rating → [1–4 per indicator, null when skipped]}

Rules (also in the author guide):
- single, truefalse: all or nothing.
- multiple: (right options chosen − wrong options chosen) / right options, at least 0.
- ordering: share of items placed in their correct position.
- rating: (r − 1) / 3 per rated indicator, averaged over the cell.
- A cell's evidence is its knowledge share (points earned / points possible),
  its self-rating, or their weighted mean when it has both. It passes when
  evidence ≥ threshold (a tie passes).
- A dimension reaches level L when every level up to L has evidence and
  passes; the first unassessed or failed level stops the ladder.
- Overall is the lowest level reached over all dimensions; it is null when
  any dimension is unassessed or reaches no level.
- Calibration, per dimension, compares the two kinds of evidence on the cells
  that have both: when the mean self-rating exceeds the mean knowledge share
  by at least `calibration_margin`, the self-image is too high ("high"); the
  reverse is "low"; otherwise "ok"; null when no cell has both. It also gives
  the level each source alone would reach (the same ladder on one source).
Numbers in the output are rounded to 4 decimals (half up).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal, TypeGuard

from .types import (
    Calibration,
    CellScore,
    Gap,
    GapCell,
    ModelSpec,
    QuestionScore,
    QuestionSpec,
    Responses,
    Score,
    Spec,
)

EPSILON = 1e-9
LOWEST_RATING, HIGHEST_RATING = 1, 4

Cell = tuple[str, str]  # (dimension, level)


def round4(value: float) -> float:
    return math.floor(value * 10000 + 0.5) / 10000


def mean(values: list[float]) -> float:
    """Left-to-right sum, as in the browser: Python 3.12's sum() compensates
    rounding errors for floats and could differ in the last bit."""
    total = 0.0
    for value in values:
        total += value
    return total / len(values)


def _is_index(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _key(question: QuestionSpec) -> list[int]:
    """The answer key of a choice or ordering question."""
    answer = question.get("answer")
    if not isinstance(answer, list):
        raise TypeError(f"question {question['id']!r} has no answer key")
    return answer


def question_credit(question: QuestionSpec, response: object) -> float:
    """Share (0–1) of a knowledge question's points earned by `response`."""
    kind = question["type"]
    if response is None:
        return 0.0
    if kind == "single":
        return 1.0 if _is_index(response) and [response] == question.get("answer") else 0.0
    if kind == "truefalse":
        return 1.0 if isinstance(response, bool) and response == question.get("answer") else 0.0
    if kind == "multiple":
        return _multiple_credit(question, response)
    if kind == "ordering":
        return _ordering_credit(question, response)
    return 0.0


def _multiple_credit(question: QuestionSpec, response: object) -> float:
    if not isinstance(response, list):
        return 0.0
    answer = _key(question)
    chosen = {r for r in response if _is_index(r)}
    right = len(chosen & set(answer))
    wrong = len(chosen - set(answer))
    return max(0.0, (right - wrong) / len(answer))


def _ordering_credit(question: QuestionSpec, response: object) -> float:
    if not isinstance(response, list):
        return 0.0
    answer = _key(question)
    if len(response) != len(answer):
        return 0.0
    placed = sum(1 for got, want in zip(response, answer, strict=True) if got == want)
    return placed / len(answer)


def rating_values(question: QuestionSpec, response: object) -> list[float]:
    if not isinstance(response, list):
        return []
    values = []
    for value in response[: question.get("indicators", len(response))]:
        if _is_index(value) and LOWEST_RATING <= value <= HIGHEST_RATING:
            values.append((value - LOWEST_RATING) / (HIGHEST_RATING - LOWEST_RATING))
    return values


@dataclass
class _Tally:
    """Points and ratings per cell, and each question's own score."""

    earned: dict[Cell, float] = field(default_factory=dict)
    possible: dict[Cell, float] = field(default_factory=dict)
    ratings: dict[Cell, list[float]] = field(default_factory=dict)
    questions: dict[str, QuestionScore] = field(default_factory=dict)
    total_earned: float = 0.0
    total_possible: float = 0.0


def _tally(spec: Spec, responses: Responses) -> _Tally:
    tally = _Tally()
    for question in spec["questions"]:
        cell = (question["dimension"], question["level"])
        response = responses.get(question["id"])
        if question["type"] == "rating":
            values = rating_values(question, response)
            tally.ratings.setdefault(cell, []).extend(values)
            average = mean(values) if values else None
            tally.questions[question["id"]] = {
                "rating": None if average is None else round4(average)
            }
            continue
        points = question["points"]
        got = question_credit(question, response) * points
        tally.earned[cell] = tally.earned.get(cell, 0.0) + got
        tally.possible[cell] = tally.possible.get(cell, 0.0) + points
        tally.total_earned += got
        tally.total_possible += points
        tally.questions[question["id"]] = {"earned": round4(got), "possible": round4(points)}
    return tally


def _cell_score(tally: _Tally, cell: Cell, model: ModelSpec) -> CellScore:
    weight_k = model["weights"]["knowledge"]
    weight_s = model["weights"]["self"]
    knowledge = tally.earned[cell] / tally.possible[cell] if tally.possible.get(cell) else None
    values = tally.ratings.get(cell) or []
    self_rating = mean(values) if values else None
    evidence: float | None
    if knowledge is not None and self_rating is not None:
        evidence = (weight_k * knowledge + weight_s * self_rating) / (weight_k + weight_s)
    else:
        evidence = knowledge if knowledge is not None else self_rating
    return {
        "knowledge": None if knowledge is None else round4(knowledge),
        "self": None if self_rating is None else round4(self_rating),
        "evidence": None if evidence is None else round4(evidence),
        "passed": None if evidence is None else evidence >= model["threshold"] - EPSILON,
    }


def _reached(cells: dict[str, CellScore], levels: list[str]) -> str | None:
    top = None
    for level in levels:
        if cells[level]["passed"] is not True:
            break
        top = level
    return top


def _gap(
    cells: dict[str, CellScore], levels: list[str], goal: int, threshold: float
) -> list[GapCell]:
    """The cells up to the target level (index `goal`) that did not pass."""
    short: list[GapCell] = []
    for level in levels[: goal + 1]:
        cell = cells[level]
        if cell["passed"] is True:
            continue
        evidence = cell["evidence"]
        short.append(
            {
                "level": level,
                "status": "unassessed" if evidence is None else "failed",
                "shortfall": None if evidence is None else round4(max(0.0, threshold - evidence)),
            }
        )
    return short


def score_attempt(spec: Spec, responses: Responses, target: str | None) -> Score:
    model = spec["model"]
    levels = model["levels"]
    dimensions = model["dimensions"]
    threshold = model["threshold"]
    margin = model.get("calibration_margin", 0.2)

    tally = _tally(spec, responses)
    cells = {
        dimension: {level: _cell_score(tally, (dimension, level), model) for level in levels}
        for dimension in dimensions
    }
    reached = {dimension: _reached(cells[dimension], levels) for dimension in dimensions}
    assessed = {d: any(cells[d][lv]["evidence"] is not None for lv in levels) for d in dimensions}
    tops = [top for d in dimensions if (top := reached[d]) is not None]
    overall = None
    if all(assessed.values()) and len(tops) == len(dimensions):
        overall = min(tops, key=levels.index)

    calibration = {d: _calibration(cells[d], levels, threshold, margin) for d in dimensions}

    gaps: list[Gap] = []
    if target in levels:
        goal = levels.index(target)
        for dimension in dimensions:
            top = reached[dimension]
            if top is not None and levels.index(top) >= goal:
                continue
            short = _gap(cells[dimension], levels, goal, threshold)
            gaps.append({"dimension": dimension, "reached": top, "target": target, "cells": short})

    return {
        "questions": tally.questions,
        "knowledge": {
            "earned": round4(tally.total_earned),
            "possible": round4(tally.total_possible),
            "share": (
                round4(tally.total_earned / tally.total_possible) if tally.total_possible else None
            ),
        },
        "cells": cells,
        "reached": reached,
        "assessed": assessed,
        "overall": overall,
        "target": target,
        "gaps": gaps,
        "calibration": calibration,
    }


def _ladder(
    cells: dict[str, CellScore],
    levels: list[str],
    source: Literal["self", "knowledge"],
    threshold: float,
) -> str | None:
    top = None
    for level in levels:
        value = cells[level][source]
        if value is None or value < threshold - EPSILON:
            break
        top = level
    return top


def _calibration(
    cells: dict[str, CellScore], levels: list[str], threshold: float, margin: float
) -> Calibration:
    """Compares the two kinds of evidence on the cells that have both."""
    selves: list[float] = []
    knowledges: list[float] = []
    for level in levels:
        self_rating, knowledge = cells[level]["self"], cells[level]["knowledge"]
        if knowledge is not None and self_rating is not None:
            selves.append(self_rating)
            knowledges.append(knowledge)
    flag: Literal["high", "low", "ok"] | None = None
    self_mean = knowledge_mean = None
    if selves:
        self_mean = mean(selves)
        knowledge_mean = mean(knowledges)
        if self_mean - knowledge_mean >= margin - EPSILON:
            flag = "high"
        elif knowledge_mean - self_mean >= margin - EPSILON:
            flag = "low"
        else:
            flag = "ok"
    return {
        "self_level": _ladder(cells, levels, "self", threshold),
        "knowledge_level": _ladder(cells, levels, "knowledge", threshold),
        "self": None if self_mean is None else round4(self_mean),
        "knowledge": None if knowledge_mean is None else round4(knowledge_mean),
        "flag": flag,
    }
