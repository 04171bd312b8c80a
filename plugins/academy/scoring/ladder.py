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
from typing import Any

EPSILON = 1e-9


def round4(value: float) -> float:
    return math.floor(value * 10000 + 0.5) / 10000


def mean(values: list[float]) -> float:
    """Left-to-right sum, as in the browser: Python 3.12's sum() compensates
    rounding errors for floats and could differ in the last bit."""
    total = 0.0
    for value in values:
        total += value
    return total / len(values)


def question_credit(question: dict[str, Any], response: Any) -> float:
    """Share (0–1) of a knowledge question's points earned by `response`."""
    kind = question["type"]
    answer = question.get("answer")
    if response is None:
        return 0.0
    if kind == "single":
        return 1.0 if isinstance(response, int) and not isinstance(response, bool) and [response] == answer else 0.0
    if kind == "truefalse":
        return 1.0 if isinstance(response, bool) and response == answer else 0.0
    if kind == "multiple":
        if not isinstance(response, list):
            return 0.0
        chosen = {r for r in response if isinstance(r, int) and not isinstance(r, bool)}
        right = len(chosen & set(answer))
        wrong = len(chosen - set(answer))
        return max(0.0, (right - wrong) / len(answer))
    if kind == "ordering":
        if not isinstance(response, list) or len(response) != len(answer):
            return 0.0
        placed = sum(1 for got, want in zip(response, answer) if got == want)
        return placed / len(answer)
    return 0.0


def rating_values(question: dict[str, Any], response: Any) -> list[float]:
    if not isinstance(response, list):
        return []
    values = []
    for value in response[: question.get("indicators", len(response))]:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4:
            values.append((value - 1) / 3)
    return values


def score_attempt(spec: dict[str, Any], responses: dict[str, Any], target: str | None) -> dict[str, Any]:
    model = spec["model"]
    levels: list[str] = model["levels"]
    dimensions: list[str] = model["dimensions"]
    threshold = model["threshold"]
    weight_k = model["weights"]["knowledge"]
    weight_s = model["weights"]["self"]
    margin = model.get("calibration_margin", 0.2)

    earned: dict[tuple[str, str], float] = {}
    possible: dict[tuple[str, str], float] = {}
    ratings: dict[tuple[str, str], list[float]] = {}
    questions: dict[str, Any] = {}
    total_earned = 0.0
    total_possible = 0.0
    for question in spec["questions"]:
        cell = (question["dimension"], question["level"])
        response = responses.get(question["id"])
        if question["type"] == "rating":
            values = rating_values(question, response)
            ratings.setdefault(cell, []).extend(values)
            average = mean(values) if values else None
            questions[question["id"]] = {"rating": None if average is None else round4(average)}
            continue
        points = question["points"]
        got = question_credit(question, response) * points
        earned[cell] = earned.get(cell, 0.0) + got
        possible[cell] = possible.get(cell, 0.0) + points
        total_earned += got
        total_possible += points
        questions[question["id"]] = {"earned": round4(got), "possible": round4(points)}

    cells: dict[str, dict[str, Any]] = {}
    for dimension in dimensions:
        cells[dimension] = {}
        for level in levels:
            cell = (dimension, level)
            knowledge = earned[cell] / possible[cell] if possible.get(cell) else None
            values = ratings.get(cell) or []
            self_rating = mean(values) if values else None
            if knowledge is not None and self_rating is not None:
                evidence = (weight_k * knowledge + weight_s * self_rating) / (weight_k + weight_s)
            else:
                evidence = knowledge if knowledge is not None else self_rating
            cells[dimension][level] = {
                "knowledge": None if knowledge is None else round4(knowledge),
                "self": None if self_rating is None else round4(self_rating),
                "evidence": None if evidence is None else round4(evidence),
                "passed": None if evidence is None else evidence >= threshold - EPSILON,
            }

    reached: dict[str, str | None] = {}
    for dimension in dimensions:
        top = None
        for level in levels:
            if cells[dimension][level]["passed"] is not True:
                break
            top = level
        reached[dimension] = top
    assessed = {d: any(cells[d][lv]["evidence"] is not None for lv in levels) for d in dimensions}
    overall = None
    if all(assessed.values()) and all(reached[d] is not None for d in dimensions):
        overall = min((reached[d] for d in dimensions), key=lambda lv: levels.index(lv))  # type: ignore[arg-type]

    calibration = {d: _calibration(cells[d], levels, threshold, margin) for d in dimensions}

    gaps = []
    if target in levels:
        goal = levels.index(target)
        for dimension in dimensions:
            top = reached[dimension]
            if top is not None and levels.index(top) >= goal:
                continue
            short = []
            for level in levels[: goal + 1]:
                cell = cells[dimension][level]
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
            gaps.append({"dimension": dimension, "reached": top, "target": target, "cells": short})

    return {
        "questions": questions,
        "knowledge": {
            "earned": round4(total_earned),
            "possible": round4(total_possible),
            "share": round4(total_earned / total_possible) if total_possible else None,
        },
        "cells": cells,
        "reached": reached,
        "assessed": assessed,
        "overall": overall,
        "target": target,
        "gaps": gaps,
        "calibration": calibration,
    }


def _ladder(cells: dict[str, Any], levels: list[str], source: str, threshold: float) -> str | None:
    top = None
    for level in levels:
        value = cells[level][source]
        if value is None or value < threshold - EPSILON:
            break
        top = level
    return top


def _calibration(cells: dict[str, Any], levels: list[str], threshold: float, margin: float) -> dict[str, Any]:
    both = [cells[lv] for lv in levels if cells[lv]["knowledge"] is not None and cells[lv]["self"] is not None]
    flag = None
    self_mean = knowledge_mean = None
    if both:
        self_mean = mean([c["self"] for c in both])
        knowledge_mean = mean([c["knowledge"] for c in both])
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
