"""Classical item analysis of one quiz over one attempt per trainee (their first).

For each knowledge question (item), over n attempts:
- facility: mean share of the item's points earned (0–1; high = easy);
- discrimination: Pearson correlation between the item's score and the score on
  the rest of the test (total minus this item: the corrected item-total
  correlation, Moodle's "discrimination index"; for 0/1 items this is the
  point-biserial correlation);
- upper–lower: facility in the top 27 % of attempts by total score minus
  facility in the bottom 27 % (at least one attempt per group; ties in the
  total keep the order the attempts were given in);
- choices: how often each option was picked, and how often it was left blank.
The test: mean and standard deviation (n − 1) of the total, and Cronbach's
alpha k/(k−1)·(1 − Σ item variances / total variance), which for 0/1 items is
KR-20. Values that need more attempts or some spread are None.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

EASY = 0.9  # facility at or above: too easy
HARD = 0.3  # facility below: too hard
WEAK = 0.2  # discrimination below (and ≥ 0): discriminates little
GROUP_SHARE = 0.27
MIN_ATTEMPTS = 5  # fewer attempts: no flags (too little evidence)
MIN_PAIRS = 3  # fewer pairs: no correlation
NO_SPREAD = 1e-12  # a sum of squares (or variance) at or below this: no spread
LETTERS = 26  # options A–Z; later ones are shown by number

FLAG_TEXT = {
    "too-easy": "太容易",
    "too-hard": "太难",
    "negative": "区分度为负：总分低的学员反而答得更好，请检查答案是否写错",
    "weak": "区分度低",
    "distractor": "有错误选项被选得比正确答案还多，请检查答案或题干",
}


@dataclass(frozen=True)
class Item:
    id: str
    kind: str  # single | multiple | truefalse | ordering
    points: float
    options: int  # number of choices (ordering: items)
    key: tuple[int, ...] = ()  # choice: correct indices
    truth: bool | None = None  # truefalse


@dataclass
class Choice:
    label: str
    count: int
    correct: bool


@dataclass
class ItemResult:
    item: Item
    attempts: int
    facility: float | None
    discrimination: float | None
    upper_lower: float | None
    choices: list[Choice]
    blank: int
    flags: list[str] = field(default_factory=list)


@dataclass
class TestResult:
    attempts: int
    items: list[ItemResult]
    possible: float
    mean: float | None
    sd: float | None
    minimum: float | None
    maximum: float | None
    alpha: float | None


def letter(index: int) -> str:
    return chr(ord("A") + index) if 0 <= index < LETTERS else str(index)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def variance(values: Sequence[float], ddof: int = 0) -> float | None:
    if len(values) <= ddof:
        return None
    centre = sum(values) / len(values)
    return sum((v - centre) ** 2 for v in values) / (len(values) - ddof)


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None when either side has no spread."""
    if len(xs) < MIN_PAIRS or len(xs) != len(ys):
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= NO_SPREAD or syy <= NO_SPREAD:
        return None
    return sxy / math.sqrt(sxx * syy)


def analyse(
    items: Sequence[Item],
    scores: Sequence[Sequence[float]],
    responses: Sequence[Mapping[str, Any]],
) -> TestResult:
    """`scores[j][i]`: points attempt j earned on item i; `responses[j]`: its raw answers
    by item id."""
    n = len(scores)
    totals = [sum(row) for row in scores]
    order = sorted(range(n), key=lambda j: -totals[j])  # stable: ties keep input order
    group = max(1, round(GROUP_SHARE * n)) if n > 1 else 0
    upper, lower = order[:group], order[n - group :] if group else []
    results = []
    for i, item in enumerate(items):
        shares = [row[i] / item.points if item.points else 0.0 for row in scores]
        rest = [totals[j] - scores[j][i] for j in range(n)]
        facility = mean(shares)
        upper_lower = None
        if group and n > 1:
            upper_lower = (
                sum(shares[j] for j in upper) / group - sum(shares[j] for j in lower) / group
            )
        choices, blank = _choices(item, [r.get(item.id) for r in responses])
        result = ItemResult(
            item,
            n,
            facility,
            correlation([row[i] for row in scores], rest),
            upper_lower,
            choices,
            blank,
        )
        result.flags = _flags(result)
        results.append(result)
    item_variances = [variance([row[i] for row in scores]) or 0.0 for i in range(len(items))]
    total_variance = variance(totals)
    alpha = None
    if len(items) > 1 and total_variance and total_variance > NO_SPREAD:
        k = len(items)
        alpha = k / (k - 1) * (1 - sum(item_variances) / total_variance)
    sd = variance(totals, ddof=1)
    return TestResult(
        n,
        results,
        sum(item.points for item in items),
        mean(totals),
        None if sd is None else math.sqrt(sd),
        min(totals) if totals else None,
        max(totals) if totals else None,
        alpha,
    )


def _is_index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _choices(item: Item, responses: Sequence[Any]) -> tuple[list[Choice], int]:
    """The choices to show for the item, and how many responses left it blank."""
    if item.kind == "truefalse":
        return _truefalse_choices(item, responses)
    if item.kind in ("single", "multiple"):
        return _option_choices(item, responses)
    return _ordering_choices(item, responses)


def _truefalse_choices(item: Item, responses: Sequence[Any]) -> tuple[list[Choice], int]:
    blank = 0
    counts = {True: 0, False: 0}
    for response in responses:
        if isinstance(response, bool):
            counts[response] += 1
        else:
            blank += 1
    return [
        Choice("正确", counts[True], item.truth is True),
        Choice("错误", counts[False], item.truth is False),
    ], blank


def _picked(response: Any, options: int) -> set[int]:
    """The valid option indices a single or multiple choice response picked."""
    if _is_index(response):
        picked = {response}
    elif isinstance(response, list):
        picked = {r for r in response if _is_index(r)}
    else:
        picked = set()
    return {p for p in picked if 0 <= p < options}


def _option_choices(item: Item, responses: Sequence[Any]) -> tuple[list[Choice], int]:
    blank = 0
    counts = [0] * item.options
    for response in responses:
        picked = _picked(response, item.options)
        if not picked:
            blank += 1
        for index in picked:
            counts[index] += 1
    return [Choice(letter(i), counts[i], i in item.key) for i in range(item.options)], blank


def _ordering_choices(item: Item, responses: Sequence[Any]) -> tuple[list[Choice], int]:
    """How many responses were fully right, partly right, or wrong."""
    blank = right = partly = wrong = 0
    for response in responses:
        if not isinstance(response, list) or not response:
            blank += 1
            continue
        # A response may have more or fewer items than the question: compare the common part.
        key = item.key or range(item.options)
        placed = sum(1 for got, want in zip(response, key, strict=False) if got == want)
        if placed == item.options and len(response) == item.options:
            right += 1
        elif placed:
            partly += 1
        else:
            wrong += 1
    return [
        Choice("全部正确", right, True),
        Choice("部分正确", partly, False),
        Choice("全错", wrong, False),
    ], blank


def _flags(result: ItemResult) -> list[str]:
    if result.attempts < MIN_ATTEMPTS or result.facility is None:
        return []
    flags = []
    if result.facility >= EASY:
        flags.append("too-easy")
    elif result.facility < HARD:
        flags.append("too-hard")
    if result.discrimination is not None:
        if result.discrimination < 0:
            flags.append("negative")
        elif result.discrimination < WEAK:
            flags.append("weak")
    if result.item.kind == "single":
        key_count = max((c.count for c in result.choices if c.correct), default=0)
        if any(not c.correct and c.count > key_count for c in result.choices):
            flags.append("distractor")
    return flags
