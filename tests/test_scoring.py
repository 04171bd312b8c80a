"""The SPCM ladder scoring in Python against the shared, hand-computed vectors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from academy.scoring.ladder import score_attempt

VECTORS = json.loads(
    (Path(__file__).parent / "data" / "scoring_vectors.json").read_text(encoding="utf-8")
)


def assert_contains(actual, expected, where="result"):
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} missing"
            assert_contains(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (
            f"{where}: {actual!r} != {expected!r}"
        )
        for index, (got, want) in enumerate(zip(actual, expected, strict=False)):
            assert_contains(got, want, f"{where}[{index}]")
    else:
        assert (actual == expected and type(actual) is not bool) or actual is expected, (
            f"{where}: {actual!r} != {expected!r}"
        )


@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=[v["name"] for v in VECTORS["vectors"]])
def test_python_scoring_matches_the_shared_vectors(vector):
    spec = {
        "model": {**VECTORS["model"], **vector.get("model", {})},
        "questions": vector["questions"],
    }
    result = score_attempt(spec, vector["responses"], vector["target"])
    assert_contains(result, vector["expected"])
    json.dumps(result)  # results are exported as JSON
