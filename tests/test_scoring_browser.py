"""The browser's SPCM scoring (scoring.js) in a real Chromium, against the shared
vectors and against the Python implementation: both must give the same JSON."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from academy.scoring.ladder import score_attempt
from academy.scoring.profile import score_profile
from support.browser import Tabs
from test_scoring import VECTORS, assert_contains

pytestmark = pytest.mark.browser

SCORING_JS = (
    Path(__file__).resolve().parent.parent
    / "plugins"
    / "academy"
    / "templates"
    / "assets"
    / "academy"
    / "scoring.js"
)

# JSON.stringify in the page, so the numbers reach Python exactly as the browser exports them.
SCORE = (
    "([spec, responses, target, focus]) =>"
    " JSON.stringify(Academy.scoring.scoreAttempt(spec, responses, target, focus))"
)


@pytest.fixture(scope="module")
def scoring_page(chromium):
    """One tab for the whole module, with scoring.js loaded on an empty page."""
    tabs = Tabs(chromium)
    tab = tabs.open()
    tab.set_content("<!doctype html><meta charset=utf-8><title>scoring</title>")
    tab.add_script_tag(path=str(SCORING_JS))
    yield tab
    tabs.close()
    assert tabs.errors == []


COUNTS = {"items", "missing"}  # whole numbers in Python's output too


def as_python_numbers(value, key=""):
    """JSON numbers from the browser as Python's scoring produces them: every number a
    float, but the counts of questions."""
    if isinstance(value, dict):
        return {name: as_python_numbers(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [as_python_numbers(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and key not in COUNTS:
        return float(value)
    return value


def browser_score(tab, spec, responses, target, focus=None):
    return json.loads(tab.evaluate(SCORE, [spec, responses, target, focus]))


def assert_same_json(python_result, browser_result):
    ours = json.dumps(python_result, sort_keys=True, ensure_ascii=False)
    theirs = json.dumps(as_python_numbers(browser_result), sort_keys=True, ensure_ascii=False)
    assert theirs == ours
    # Keys also come in the same order (ids here are never integer-like).
    assert json.dumps(as_python_numbers(browser_result), ensure_ascii=False) == json.dumps(
        python_result, ensure_ascii=False
    )


def test_scoring_adds_one_frozen_object_to_the_academy_namespace_and_nothing_else(scoring_page):
    shape = scoring_page.evaluate(
        """() => ({
          type: typeof Academy.scoring,
          frozen: Object.isFrozen(Academy.scoring),
          keys: Object.keys(Academy.scoring).sort(),
          namespace: Object.keys(window.Academy),
          oldGlobal: "AcademyScoring" in window,
        })"""
    )
    assert shape == {
        "type": "object",
        "frozen": True,
        "keys": ["profileSpec", "questionCredit", "round4", "scoreAttempt", "scoreProfile"],
        "namespace": ["scoring"],
        "oldGlobal": False,
    }


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=[v["name"] for v in VECTORS["vectors"]])
def test_browser_scoring_matches_the_shared_vectors_and_python(scoring_page, vector):
    spec = {
        "model": {**VECTORS["model"], **vector.get("model", {})},
        "questions": vector["questions"],
    }
    browser = browser_score(scoring_page, spec, vector["responses"], vector["target"])
    assert_contains(browser, vector["expected"])
    assert_same_json(score_attempt(spec, vector["responses"], vector["target"]), browser)


def test_round4_rounds_half_up_like_python(scoring_page):
    samples = [
        0.00005,
        0.12345,
        0.33335,
        0.66665,
        1 / 3,
        2 / 3,
        0.5,
        0.99995,
        0.6 - 1e-12,
        0.0,
        1.0,
    ]
    got = scoring_page.evaluate("xs => xs.map(Academy.scoring.round4)", samples)
    from academy.scoring.ladder import round4

    assert [float(x) for x in got] == [round4(x) for x in samples]


def random_case(generator: random.Random) -> tuple[dict, dict, str | None]:
    levels = ["l1", "l2", "l3"]
    dimensions = ["A", "B"]
    weights = generator.choice([(0.6, 0.4), (0.5, 0.5), (0.7, 0.3), (1, 2)])
    model = {
        "levels": levels,
        "dimensions": dimensions,
        "threshold": generator.choice([0.6, 0.5, 0.75, 2 / 3]),
        "weights": {"knowledge": weights[0], "self": weights[1]},
    }
    if generator.random() < 0.7:
        model["calibration_margin"] = generator.choice([0.2, 0.1, 0.25, 1 / 3])
    if generator.random() < 0.7:
        model["min_items"] = generator.choice([1, 2, 3])
    if generator.random() < 0.7:
        model["knowledge_floor"] = generator.choice([0, 0.5, 0.4, 2 / 3])
    questions, responses = [], {}
    for number in range(generator.randint(1, 14)):
        kind = generator.choice(["single", "multiple", "truefalse", "ordering", "rating"])
        question = {
            "id": f"q{number}",
            "type": kind,
            "dimension": generator.choice(dimensions),
            "level": generator.choice(levels),
        }
        if kind == "rating":
            question["indicators"] = generator.randint(1, 7)
            response = [generator.choice([1, 2, 3, 4, None]) for _ in range(question["indicators"])]
        else:
            question["points"] = generator.choice([1, 1, 2, 3, 0.5, 1.5])
            if kind == "single":
                question["answer"] = [generator.randrange(4)]
                response = generator.randrange(4)
            elif kind == "truefalse":
                question["answer"] = generator.random() < 0.5
                response = generator.random() < 0.5
            elif kind == "multiple":
                question["answer"] = sorted(generator.sample(range(6), generator.randint(1, 5)))
                response = generator.sample(range(6), generator.randint(0, 6))
            else:
                size = generator.randint(3, 8)
                question["answer"] = list(range(size))
                response = generator.sample(range(size), size)
        questions.append(question)
        if generator.random() < 0.85:
            responses[question["id"]] = response
    target = generator.choice([*levels, None])
    focus = generator.choice([None, None, ["A"], ["B"], ["B", "A"], ["C"]])
    return {"model": model, "questions": questions}, responses, target, focus


def test_browser_and_python_agree_on_random_attempts(scoring_page):
    generator = random.Random(20240601)
    cases = [random_case(generator) for _ in range(400)]
    browser = scoring_page.evaluate(
        "cases => cases.map(([s, r, t, f]) => JSON.stringify(Academy.scoring.scoreAttempt(s, r, t, f)))",
        [list(case) for case in cases],
    )
    for (spec, responses, target, focus), result in zip(cases, browser, strict=False):
        assert_same_json(score_attempt(spec, responses, target, focus), json.loads(result))


def test_browser_and_python_agree_on_random_profiles(scoring_page):
    """Several banks' kept attempts scored together, as 我的学习 and academy report do."""
    generator = random.Random(20261202)
    cases = []
    for _ in range(150):
        spec, _, target, focus = random_case(generator)
        specs, answers = {}, {}
        for bank in generator.sample(["b", "a", "c-2", "quiz"], generator.randint(1, 4)):
            bank_spec, responses, _, _ = random_case(generator)
            specs[bank] = {"model": spec["model"], "questions": bank_spec["questions"]}
            if generator.random() < 0.8:
                answers[bank] = responses
        cases.append((specs, answers, target, focus))
    cases = [case for case in cases if case[1]]
    browser = scoring_page.evaluate(
        "cases => cases.map(([s, a, t, f]) => JSON.stringify(Academy.scoring.scoreProfile(s, a, t, f)))",
        [list(case) for case in cases],
    )
    for (specs, answers, target, focus), result in zip(cases, browser, strict=False):
        assert_same_json(score_profile(specs, answers, target, focus), json.loads(result))


def test_malformed_responses_score_like_python(scoring_page):
    """Stored or exported answers can be anything JSON allows; both sides treat them alike."""
    spec = {
        "model": VECTORS["model"],
        "questions": [
            {
                "id": "s",
                "type": "single",
                "dimension": "A",
                "level": "l1",
                "points": 1,
                "answer": [1],
            },
            {
                "id": "t",
                "type": "truefalse",
                "dimension": "A",
                "level": "l1",
                "points": 1,
                "answer": True,
            },
            {
                "id": "m",
                "type": "multiple",
                "dimension": "B",
                "level": "l1",
                "points": 2,
                "answer": [0, 2],
            },
            {
                "id": "o",
                "type": "ordering",
                "dimension": "B",
                "level": "l2",
                "points": 1,
                "answer": [0, 1, 2],
            },
            {"id": "r", "type": "rating", "dimension": "A", "level": "l2", "indicators": 2},
            {
                "id": "constructor",
                "type": "single",
                "dimension": "A",
                "level": "l3",
                "points": 1,
                "answer": [0],
            },
        ],
    }
    attempts = [
        {"s": True, "t": 1, "m": [0, 0, 2, True, "2", None], "o": [0, 1], "r": [4, 4, 4, 1]},
        {"s": "1", "t": "true", "m": "0,2", "o": "012", "r": [0, 5, "3", True, None, 4]},
        {"s": [1], "t": None, "m": [2, 0, 1], "o": [[0], 1, 2], "r": {"0": 4}},
        {"s": 1, "t": True, "m": [0, 2], "o": [0, 1, 2], "r": [4, 3], "constructor": 0},
        {},
    ]
    for responses in attempts:
        for target in ["l1", "l3", None, "unknown"]:
            browser = browser_score(scoring_page, spec, responses, target)
            assert_same_json(score_attempt(spec, responses, target), browser)
