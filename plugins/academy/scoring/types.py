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
    min_items: NotRequired[int]  # knowledge questions that decide a cell; 3 when absent
    knowledge_floor: NotRequired[float]  # 0.5 when absent


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
    items: int  # knowledge questions scored


CellStatus: TypeAlias = Literal["passed", "failed", "insufficient"]
OverallStatus: TypeAlias = Literal["reached", "not_reached", "insufficient"]


class CellScore(TypedDict):
    """One (dimension, level) cell."""

    items: int  # knowledge questions behind it
    knowledge: float | None
    self: float | None
    evidence: float | None  # None while the cell is insufficient
    passed: bool | None  # None while the cell is insufficient
    status: CellStatus


class Stop(TypedDict):
    """The cell that stopped a dimension's ladder."""

    level: str
    status: Literal["failed", "insufficient"]


class GapCell(TypedDict):
    level: str
    status: Literal["failed", "insufficient"]
    shortfall: float | None  # failed: how far the evidence is below the threshold
    missing: int  # insufficient: knowledge questions still needed


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
    stopped: dict[str, Stop | None]  # None when the dimension reached the top level
    assessed: dict[str, bool]  # the dimension has knowledge questions
    overall: str | None
    overall_status: OverallStatus
    limited_by: list[str]  # the dimensions at the overall level (or reaching none)
    focus: list[str]  # the dimensions the overall level and the gaps are over
    target: str | None
    gaps: list[Gap]
    calibration: dict[str, Calibration]
