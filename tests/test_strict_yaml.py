"""The strict YAML loader trainers' files are read with."""

from __future__ import annotations

import pytest

from academy.problems import ProblemsFound
from academy.strict_yaml import load_yaml


def problem_of(text: str, first_line: int = 1):
    with pytest.raises(ProblemsFound) as caught:
        load_yaml(text, "content/page.md", first_line)
    [problem] = caught.value.problems
    return problem


def test_duplicate_key_is_an_error_naming_both_lines():
    problem = problem_of("title: 一\nminutes: 5\ntitle: 二\n", first_line=2)
    assert (problem.path, problem.line) == ("content/page.md", 4)
    assert "重复的键“title”" in problem.message
    assert "第 2 行" in problem.message


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "No", "YES"])
def test_yaml_1_1_booleans_stay_text(word):
    assert load_yaml(f"answer: {word}\n", "x.yml")["answer"] == word


def test_only_true_and_false_are_booleans():
    assert load_yaml("a: true\nb: false\n", "x.yml") == {"a": True, "b": False}


def test_dates_and_clock_times_stay_text():
    data = load_yaml("date: 2024-06-01\ntime: 12:30\n", "x.yml")
    assert data == {"date": "2024-06-01", "time": "12:30"}


def test_numbers_are_still_numbers():
    assert load_yaml("a: 10\nb: 1.5\nc: -3\n", "x.yml") == {"a": 10, "b": 1.5, "c": -3}


def test_lines_of_keys_and_items_are_file_lines():
    data = load_yaml("title: x\nroles:\n  - a\n  - b\n", "x.md", first_line=2)
    assert data.line_of("roles") == 3
    assert data["roles"].item_lines == [4, 5]


def test_tab_indentation_gets_a_hint_in_chinese():
    problem = problem_of("roles:\n\t- operator\n")
    assert problem.line == 2
    assert "Tab" in problem.hint


def test_full_width_colon_in_broken_yaml_gets_a_hint():
    problem = problem_of("title: 标题\nroles： [a, b]\n  minutes: 3\n")
    assert "全角冒号" in problem.hint


def test_unclosed_list_reports_line_and_column():
    problem = problem_of("title: x\nroles: [a, b\n")
    assert problem.line >= 2
    assert problem.column >= 1
    assert problem.format().startswith(f"content/page.md:{problem.line}:{problem.column}: YAML 格式错误")


def test_byte_order_mark_is_ignored():
    assert load_yaml("\ufefftitle: x\n", "x.yml") == {"title": "x"}


def test_python_tags_are_refused():
    problem = problem_of("a: !!python/object/apply:os.system [echo]\n")
    assert "不支持的 YAML 标签" in problem.message
