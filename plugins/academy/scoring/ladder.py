"""SPCM ladder scoring. The browser runs the same rules (assets/academy/scoring.js);
both are checked against the shared vectors in tests/data/scoring_vectors.json.

Works on plain JSON-like data so that both implementations read the same input:

spec = {
  "model": {"levels": [...ordered ids], "dimensions": [...], "threshold": 0.6,
            "weights": {"knowledge": 0.7, "self": 0.3}, "min_items": 3,
            "knowledge_floor": 0.5},
  "questions": [{"id", "type", "dimension", "level", "points", "answer"?, "indicators"?}, ...]
}
responses = {question id: single → option index; multiple → [indices];
             truefalse → bool; ordering → [item indices in the trainee's order];
             rating → [1–4 per indicator, null when skipped]}

Rules (also in quizzes/spcm.yml and the author guide):
- single, truefalse: all or nothing.
- multiple: (right options chosen − wrong options chosen) / right options, at least 0.
- ordering: share of items placed in their correct position.
- rating: (r − 1) / 3 per rated indicator, averaged over the cell.
- A cell (dimension × level) is decided only on enough evidence: at least
  `min_items` knowledge questions. With fewer it is "insufficient" (证据不足),
  neither passed nor failed, whatever the self-rating says.
- A decided cell's knowledge share k is points earned / points possible; its
  evidence is k, or (w_k·k + w_s·s) / (w_k + w_s) when it has a self-rating s.
  It passes when evidence ≥ threshold and k ≥ knowledge_floor (ties pass): a
  rating moves a borderline verdict, but never carries a cell whose knowledge
  is below the floor.
- A dimension reaches level L when every level up to L passes; the first
  failed or insufficient level stops the ladder, and `stopped` says which.
- Overall is the lowest level reached over all dimensions. When some dimension
  reaches no level, overall is null and `overall_status` says why:
  "not_reached" when some dimension failed its lowest level, "insufficient"
  when the lowest level lacks evidence (and none failed).
- Calibration, per dimension, compares the two kinds of evidence on the decided
  cells that have both: when the mean self-rating exceeds the mean knowledge share
  by at least `calibration_margin`, the self-image is too high ("high"); the
  reverse is "low"; otherwise "ok"; null when no cell has both. It also gives
  the level the self-ratings alone would reach (shown beside, never counted)
  and the level knowledge alone reaches.
Numbers in the output are rounded to 4 decimals (half up).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeGuard

from .types import (
    Calibration,
    CellScore,
    CellStatus,
    Gap,
    GapCell,
    ModelSpec,
    OverallStatus,
    QuestionScore,
    QuestionSpec,
    Responses,
    Score,
    Spec,
    Stop,
)

EPSILON = 1e-9
MIN_ITEMS = 3  # knowledge questions that decide a cell, when the model does not say
KNOWLEDGE_FLOOR = 0.5  # knowledge share below which no rating can pass a cell
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
    items: dict[Cell, int] = field(default_factory=dict)
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
        tally.items[cell] = tally.items.get(cell, 0) + 1
        tally.total_earned += got
        tally.total_possible += points
        tally.questions[question["id"]] = {"earned": round4(got), "possible": round4(points)}
    return tally


def _cell_score(tally: _Tally, cell: Cell, model: ModelSpec) -> CellScore:
    weight_k = model["weights"]["knowledge"]
    weight_s = model["weights"]["self"]
    items = tally.items.get(cell, 0)
    knowledge = tally.earned[cell] / tally.possible[cell] if tally.possible.get(cell) else None
    values = tally.ratings.get(cell) or []
    self_rating = mean(values) if values else None
    evidence: float | None = None
    status: CellStatus = "insufficient"
    if knowledge is not None and items >= model.get("min_items", MIN_ITEMS):
        evidence = knowledge
        if self_rating is not None:
            evidence = (weight_k * knowledge + weight_s * self_rating) / (weight_k + weight_s)
        floor = model.get("knowledge_floor", KNOWLEDGE_FLOOR)
        passed = evidence >= model["threshold"] - EPSILON and knowledge >= floor - EPSILON
        status = "passed" if passed else "failed"
    return {
        "items": items,
        "knowledge": None if knowledge is None else round4(knowledge),
        "self": None if self_rating is None else round4(self_rating),
        "evidence": None if evidence is None else round4(evidence),
        "passed": None if status == "insufficient" else status == "passed",
        "status": status,
    }


def _climb(cells: dict[str, CellScore], levels: list[str]) -> tuple[str | None, Stop | None]:
    """The level a dimension reaches, and the cell that stopped it (None at the top)."""
    top = None
    for level in levels:
        status = cells[level]["status"]
        if status != "passed":
            return top, {"level": level, "status": status}
        top = level
    return top, None


def _gap(
    cells: dict[str, CellScore], levels: list[str], goal: int, model: ModelSpec
) -> list[GapCell]:
    """The cells up to the target level (index `goal`) that did not pass."""
    short: list[GapCell] = []
    for level in levels[: goal + 1]:
        cell = cells[level]
        if cell["status"] == "passed":
            continue
        evidence = cell["evidence"]
        short.append(
            {
                "level": level,
                "status": cell["status"],
                "shortfall": None
                if evidence is None
                else round4(max(0.0, model["threshold"] - evidence)),
                "missing": max(0, model.get("min_items", MIN_ITEMS) - cell["items"]),
            }
        )
    return short


def _overall(
    reached: dict[str, str | None], stopped: dict[str, Stop | None], levels: list[str]
) -> tuple[str | None, OverallStatus]:
    tops = [top for top in reached.values() if top is not None]
    if len(tops) == len(reached) and tops:
        return min(tops, key=levels.index), "reached"
    lowest = [
        stop["status"] for dim, stop in stopped.items() if reached[dim] is None and stop is not None
    ]
    return None, "not_reached" if "failed" in lowest else "insufficient"


def score_attempt(
    spec: Spec, responses: Responses, target: str | None, focus: Sequence[str] | None = None
) -> Score:
    """`focus`: the dimensions the trainee's role is assessed on (all when None); the
    overall level and the gaps are over these, cells and levels over every dimension."""
    model = spec["model"]
    levels = model["levels"]
    every = model["dimensions"]
    dimensions = [d for d in every if focus is None or d in focus] or every
    margin = model.get("calibration_margin", 0.2)

    tally = _tally(spec, responses)
    cells = {
        dimension: {level: _cell_score(tally, (dimension, level), model) for level in levels}
        for dimension in every
    }
    climbs = {dimension: _climb(cells[dimension], levels) for dimension in every}
    reached = {dimension: climbs[dimension][0] for dimension in every}
    stopped = {dimension: climbs[dimension][1] for dimension in every}
    assessed = {d: any(cells[d][lv]["items"] > 0 for lv in levels) for d in every}
    overall, overall_status = _overall(
        {d: reached[d] for d in dimensions}, {d: stopped[d] for d in dimensions}, levels
    )
    limited_by = (
        [d for d in dimensions if reached[d] == overall]
        if overall is not None
        else [d for d in dimensions if reached[d] is None]
    )
    calibration = {d: _calibration(cells[d], levels, model["threshold"], margin) for d in every}

    gaps: list[Gap] = []
    if target in levels:
        goal = levels.index(target)
        for dimension in dimensions:
            top = reached[dimension]
            if top is not None and levels.index(top) >= goal:
                continue
            short = _gap(cells[dimension], levels, goal, model)
            gaps.append({"dimension": dimension, "reached": top, "target": target, "cells": short})

    return {
        "questions": tally.questions,
        "knowledge": {
            "earned": round4(tally.total_earned),
            "possible": round4(tally.total_possible),
            "share": (
                round4(tally.total_earned / tally.total_possible) if tally.total_possible else None
            ),
            "items": sum(tally.items.values()),
        },
        "cells": cells,
        "reached": reached,
        "stopped": stopped,
        "assessed": assessed,
        "overall": overall,
        "overall_status": overall_status,
        "limited_by": limited_by,
        "focus": dimensions,
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
    """The level one source alone would reach; knowledge only on decided cells."""
    top = None
    for level in levels:
        value = cells[level][source]
        if value is None or value < threshold - EPSILON:
            break
        if source == "knowledge" and cells[level]["status"] == "insufficient":
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
        if (
            cells[level]["status"] != "insufficient"
            and knowledge is not None
            and self_rating is not None
        ):
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
