"""The JSON shapes of the ladder scoring: its input (Spec, Responses) and its output
(Score). They are TypedDicts, not classes, because the same JSON travels to the
browser's scoring.js and back in exported result files; see ladder.py for the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NotRequired, TypeAlias, TypedDict, final

# ---------------------------------------------------------------- the input


class Weights(TypedDict):
    knowledge: float
    self: float


class ModelSpec(TypedDict):
    levels: list[str]  # level ids, lowest first
    dimensions: list[str]
    threshold: float
    weights: Weights
    calibration_margin: NotRequired[float]  # 0.2 when absent


class QuestionSpec(TypedDict):
    id: str
    type: str  # single | multiple | truefalse | ordering | rating
    dimension: str
    level: str
    points: NotRequired[float]  # knowledge questions
    # Knowledge questions of a page with answer keys: the truefalse truth, or the
    # correct option indices (single, multiple) / item indices in order (ordering).
    answer: NotRequired[list[int] | bool | None]
    indicators: NotRequired[int]  # rating questions: how many ratings count


class Spec(TypedDict):
    model: ModelSpec
    questions: list[QuestionSpec]


# What a trainee answered, by question id: single → option index; multiple →
# [indices]; truefalse → bool; ordering → [item indices in the trainee's order];
# rating → [1–4 per indicator, null when skipped]. It comes from a browser or a
# file, so nothing about a value is trusted: the scoring checks each one it uses.
Responses: TypeAlias = Mapping[str, object]


# --------------------------------------------------------------- the output


# @final: so that `"earned" in score` tells the two kinds of QuestionScore apart.
@final
class KnowledgeQuestionScore(TypedDict):
    earned: float
    possible: float


@final
class RatingQuestionScore(TypedDict):
    rating: float | None  # mean of the ratings on the 0–1 scale; None when none given


QuestionScore: TypeAlias = KnowledgeQuestionScore | RatingQuestionScore


class KnowledgeScore(TypedDict):
    earned: float
    possible: float
    share: float | None


class CellScore(TypedDict):
    """One (dimension, level) cell."""

    knowledge: float | None
    self: float | None
    evidence: float | None
    passed: bool | None


class GapCell(TypedDict):
    level: str
    status: Literal["unassessed", "failed"]
    shortfall: float | None


class Gap(TypedDict):
    dimension: str
    reached: str | None
    target: str
    cells: list[GapCell]


class Calibration(TypedDict):
    self_level: str | None
    knowledge_level: str | None
    self: float | None
    knowledge: float | None
    flag: Literal["high", "low", "ok"] | None


class Score(TypedDict):
    questions: dict[str, QuestionScore]
    knowledge: KnowledgeScore
    cells: dict[str, dict[str, CellScore]]  # dimension → level → cell
    reached: dict[str, str | None]
    assessed: dict[str, bool]
    overall: str | None
    target: str | None
    gaps: list[Gap]
    calibration: dict[str, Calibration]
