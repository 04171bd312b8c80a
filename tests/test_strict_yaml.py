"""The strict YAML loader trainers' files are read with."""

from __future__ import annotations

import pytest

from academy.core.front_matter import read_page_meta
from academy.core.model import load_model
from academy.core.problems import ProblemsFound
from academy.core.strict_yaml import load_yaml
from support.site import ROOT


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
    assert problem.format().startswith(
        f"content/page.md:{problem.line}:{problem.column}: YAML 格式错误"
    )


def test_byte_order_mark_is_ignored():
    assert load_yaml("\ufefftitle: x\n", "x.yml") == {"title": "x"}


def test_python_tags_are_refused():
    problem = problem_of("a: !!python/object/apply:os.system [echo]\n")
    assert "不支持的 YAML 标签" in problem.message


# The typing mistakes Chinese authors make, each answered with a Chinese hint on the right line.
TRAPS = [
    ("tab", "title: x\nroles:\n\t- operator\n", 3, "Tab"),
    ("full-width colon", "title: 标题\nroles： [a, b]\n  minutes: 3\n", 2, "全角冒号"),
    ("curly quotes", "title: “标题: 副标题”\n", 1, "中文引号"),
    ("ideographic space indent", "title: x\nroles:\n\u3000\u3000- operator\n", 3, "全角空格"),
    ("text after a comment mark", "title: x\nsummary: 学习 #1 的内容\n", 2, "注释"),
    ("duplicate key", "title: x\nsummary: y\ntitle: z\n", 3, "删除或合并"),
]


@pytest.mark.parametrize("name, text, line, hint", TRAPS, ids=[trap[0] for trap in TRAPS])
def test_each_yaml_trap_gets_a_chinese_hint_on_its_line(name, text, line, hint):
    problem = problem_of(text)
    assert hint in problem.hint, (name, problem.format())
    assert problem.line == line


# Valid YAML that means something else than the author meant: the page check says so.
FRONT_MATTER_TRAPS = [
    ("full-width comma", "roles: [operator，developer]", "全角逗号"),
    ("full-width dash", "roles:\n  － operator", "全角“－”"),
    ("full-width colon without a space", "title：标题", "全角冒号"),
]


@pytest.mark.parametrize(
    "name, lines, hint", FRONT_MATTER_TRAPS, ids=[trap[0] for trap in FRONT_MATTER_TRAPS]
)
def test_front_matter_traps_get_a_chinese_hint_on_their_line(name, lines, hint):
    text = f"---\nsummary: 摘要\nminutes: 5\nspcm: [岗位认知]\n{lines}\n---\n正文\n"
    with pytest.raises(ProblemsFound) as caught:
        read_page_meta(text, "content/page.md", load_model(ROOT / "quizzes" / "spcm.yml"))
    hinted = [problem for problem in caught.value.problems if hint in problem.hint]
    assert hinted and hinted[0].line == 5, [problem.format() for problem in caught.value.problems]


def test_a_comment_with_a_space_and_numbers_with_comments_are_fine():
    assert load_yaml(
        "id: x   # 与文件名一致\nversion: 1 #改题目时加 1\nsummary: '学习 #1'\n", "x.yml"
    ) == {"id": "x", "version": 1, "summary": "学习 #1"}


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "y", "n"])
def test_yaml_1_1_booleans_are_text_in_front_matter(word):
    assert load_yaml(f"title: {word}\n", "x.yml") == {"title": word}


def test_clock_times_and_dates_stay_as_written():
    assert load_yaml("start: 12:30\nday: 2024-01-01\n", "x.yml") == {
        "start": "12:30",
        "day": "2024-01-01",
    }


def test_byte_order_mark_before_front_matter_is_ignored():
    assert load_yaml("\ufefftitle: 标题\n", "x.yml") == {"title": "标题"}
