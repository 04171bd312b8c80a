"""Generated and mutated input never crashes a loader: it loads, or it gives a path:line problem."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy.core.front_matter import read_page_meta
from academy.core.model import load_model
from academy.core.problems import ProblemsFound
from academy.core.quizzes import load_quizzes
from academy.core.strict_yaml import load_yaml
from academy.scoring.result_files import rescore_file
from support.site import ROOT, project_files
from test_quiz import BANK

MODEL = load_model(ROOT / "quizzes" / "spcm.yml")
SHIPPED_MODEL = (ROOT / "quizzes" / "spcm.yml").read_text(encoding="utf-8")
PAGE = (ROOT / "content" / "soc" / "mission.md").read_text(encoding="utf-8")
TRAPS = [
    "\t",
    "：",
    "，",
    "“",
    "”",
    "\u3000",
    "－ ",
    "\ufeff",
    " #",
    "no",
    "on",
    "12:30",
    "2024-06-01",
    "\n",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "&a",
    "*a",
    "!!python/name:os.system",
    "|",
    ">",
    "%",
    "@",
    "`",
]

mutations = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10_000),
        st.sampled_from(TRAPS) | st.text(max_size=3),
        st.booleans(),
    ),
    max_size=6,
)


def mutate(text: str, edits: list[tuple[int, str, bool]]) -> str:
    for position, insert, replace in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + (1 if replace else 0) :]
    return text


def assert_clean_failure(found: ProblemsFound, path: str) -> None:
    for problem in found.problems:
        assert problem.path == path
        assert problem.line >= 1
        assert problem.message


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=200))
def test_any_text_is_yaml_or_a_problem(text):
    try:
        load_yaml(text, "x.yml")
    except ProblemsFound as found:
        assert_clean_failure(found, "x.yml")


@FAST
@given(mutations)
def test_mutated_front_matter_loads_or_names_its_line(edits):
    text = mutate(PAGE, edits)
    try:
        read_page_meta(text, "content/soc/mission.md", MODEL)
    except ProblemsFound as found:
        assert_clean_failure(found, "content/soc/mission.md")


@FAST
@given(mutations)
def test_mutated_quiz_bank_loads_or_names_its_line(edits):
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "demo.yml"
        file.write_text(mutate(BANK, edits), encoding="utf-8")
        _, problems = load_quizzes(
            [(file, "quizzes/demo.yml")], MODEL, {"soc/mission.md": 1, "soc/norms.md": 1}
        )
        for problem in problems:
            assert problem.path == "quizzes/demo.yml" and problem.line >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_mutated_model_loads_or_names_its_line(edits):
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "spcm.yml"
        file.write_text(mutate(SHIPPED_MODEL, edits), encoding="utf-8")
        try:
            load_model(file, shown_as="quizzes/spcm.yml")
        except ProblemsFound as found:
            assert_clean_failure(found, "quizzes/spcm.yml")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


@FAST
@given(
    st.fixed_dictionaries(
        {
            "format": st.just("academy-result") | st.just("academy-response") | json_values,
            "schema": st.just(1) | json_values,
        },
        optional={
            "quiz": st.just({"id": "soc-intro", "version": 1}) | json_values,
            "answers": st.dictionaries(
                st.sampled_from(["history-1995", "mission-tools", "x"]), json_values, max_size=3
            )
            | json_values,
            "role": st.sampled_from(["operator", "nope"]) | json_values,
            "trainee": json_values,
            "score": json_values,
            "checksum": json_values,
        },
    )
)
def test_hostile_result_files_are_rescored_or_rejected(data):
    from academy.core.course import check_sources

    global _QUIZZES
    if "_QUIZZES" not in globals():
        files = project_files(ROOT)
        course, _ = check_sources(files)
        assert course is not None
        _QUIZZES = course.quizzes
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "r.json"
        file.write_text(json.dumps(data), encoding="utf-8")
        rescore_file(file, "r.json", _QUIZZES, MODEL)  # must not raise
