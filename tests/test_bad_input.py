"""What a trainer can get wrong in the files they edit: each mistake is reported by
`academy check` and the strict build alike, once, at the line to edit, in Chinese,
and nothing else is reported because of it."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import BIN, page, run_build, write_project
from support.site import path_page
from test_check_parity import BANK, check_and_build

VALID_BANK = BANK.replace("answer: [A, F]", "answer: [A, C]").replace(
    "#no-such-section", "#incident"
)
# Lines of VALID_BANK a mistake is written on.
TITLE_LINE, PROMPT_LINE, OPTIONS_LINE, ANSWER_LINE = 3, 17, 18, 19


def project_with(tmp_path: Path, pages: dict[str, str] | None = None) -> Path:
    project = write_project(
        tmp_path / "project",
        {
            "index.md": page("首页"),
            "soc/a.md": page("甲页", "## 事件 {#incident}\n\n正文。"),
            "log/index.md": page("学习日志", "<!-- academy:learning-log -->"),
            **(pages or {}),
        },
    )
    (project / "quizzes" / "basics.yml").write_text(VALID_BANK, encoding="utf-8")
    return project


def rewrite(file: Path, old: str, new: str, encoding: str = "utf-8") -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_bytes(text.replace(old, new, 1).encode(encoding))


def bank(project: Path) -> Path:
    return project / "quizzes" / "basics.yml"


def page_a(project: Path) -> Path:
    return project / "content" / "soc" / "a.md"


MISTAKES: dict[str, tuple[Callable[[Path], None], tuple[str, int, str]]] = {
    # a question nobody can answer right
    "multiple-choice answer is an empty list": (
        lambda p: rewrite(bank(p), "answer: [A, C]", "answer: []"),
        ("quizzes/basics.yml", ANSWER_LINE, "答案是空的"),
    ),
    "multiple-choice answer is empty text": (
        lambda p: rewrite(bank(p), "answer: [A, C]", 'answer: ""'),
        ("quizzes/basics.yml", ANSWER_LINE, "答案是空的"),
    ),
    "multiple-choice answer left blank": (
        lambda p: rewrite(bank(p), "answer: [A, C]", "answer:"),
        ("quizzes/basics.yml", ANSWER_LINE, "答案是空的"),
    ),
    # where YAML gives up at the end of the text, the line that opened it
    "quote never closed in front matter": (
        lambda p: rewrite(page_a(p), "summary: 测试页面", 'summary: "测试页面'),
        ("content/soc/a.md", 3, "引号从第 3 行开始，到第 6 行仍未结束"),
    ),
    "quote never closed in a bank": (
        lambda p: rewrite(bank(p), "title: 基础测验", "title: '基础测验"),
        ("quizzes/basics.yml", TITLE_LINE, "引号从第 3 行开始"),
    ),
    "bracket never closed in a bank": (
        lambda p: rewrite(bank(p), "options: [甲, 乙, 丙]", "options: [甲, 乙, 丙"),
        ("quizzes/basics.yml", OPTIONS_LINE, "方括号“[”从第 18 行开始"),
    ),
    # invisible characters at their own line and column
    "NUL pasted into front matter": (
        lambda p: rewrite(page_a(p), "summary: 测试页面", "summary: 测试\x00页面"),
        ("content/soc/a.md", 3, "第 12 列有一个看不见的控制字符（U+0000）"),
    ),
    "ESC pasted into a bank": (
        lambda p: rewrite(bank(p), "prompt: 哪些说法对？", "prompt: 哪些\x1b[31m说法对？"),
        ("quizzes/basics.yml", PROMPT_LINE, "控制字符（U+001B）"),
    ),
    # indentation: the line that has too many spaces
    "key indented one space too far": (
        lambda p: rewrite(page_a(p), "summary: 测试页面", " summary: 测试页面，包括甲和乙"),
        ("content/soc/a.md", 3, "这一行的缩进不对"),
    ),
    # encoding: the first line that is not UTF-8
    "bank saved in GBK": (
        lambda p: rewrite(bank(p), "title: 基础测验", "title: 基础测验", encoding="gbk"),
        ("quizzes/basics.yml", 3, "不是 UTF-8"),
    ),
    "page saved in GBK": (
        lambda p: page_a(p).write_bytes(page("甲页", "## 事件 {#incident}").encode("gbk")),
        ("content/soc/a.md", 2, "不是 UTF-8"),
    ),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_a_mistake_is_reported_once_at_its_line_by_check_and_build(tmp_path, name):
    mistake, (file, line, message) = MISTAKES[name]
    project = project_with(tmp_path)
    mistake(project)

    from_check, from_build = check_and_build(project, tmp_path / "site")

    assert from_check == from_build
    assert len(from_check) == 1, from_check  # nothing else is reported because of it
    [(found_file, found_line, found_message)] = from_check
    assert (found_file, found_line) == (file, line) and message in found_message, from_check
    prose = re.sub(r"UTF-8|YAML|U\+[0-9A-F]{4}", "", found_message)
    assert not any("a" <= ch.lower() <= "z" for ch in prose), found_message  # Chinese only


@pytest.mark.parametrize(
    "pages, expected",
    [
        (  # a step that is the path page itself
            {
                "paths/operator.md": path_page(
                    "page: soc/a.md",
                    "page: paths/operator.md",
                    role="operator",
                    title="运营专员学习路径",
                )
            },
            {("content/paths/operator.md", 13)},
        ),
        (  # two path pages whose steps lead into each other
            {
                "paths/operator.md": path_page(
                    "page: soc/a.md",
                    "page: paths/team-lead.md",
                    role="operator",
                    title="运营专员学习路径",
                ),
                "paths/team-lead.md": path_page(
                    "page: soc/a.md",
                    "page: paths/operator.md",
                    role="team-lead",
                    title="小组长学习路径",
                ),
            },
            {("content/paths/operator.md", 13), ("content/paths/team-lead.md", 13)},
        ),
    ],
)
def test_a_path_cannot_lead_to_a_path_page(tmp_path, pages, expected):
    project = project_with(tmp_path, pages)

    from_check, from_build = check_and_build(project, tmp_path / "site")

    assert from_check == from_build
    assert {(file, line) for file, line, _ in from_check} == expected
    assert all("是一条学习路径的页面" in message for _, _, message in from_check)


def test_a_broken_bank_is_not_also_reported_as_missing_from_the_paths(tmp_path):
    taking_quiz = path_page(
        "page: soc/a.md", "quiz: basics", role="operator", title="运营专员学习路径"
    )
    project = project_with(tmp_path, {"paths/operator.md": taking_quiz})
    rewrite(bank(project), "answer: [A, C]", "answer: []")

    from_check, from_build = check_and_build(project, tmp_path / "site")

    assert from_check == from_build
    assert {(file, line) for file, line, _ in from_check} == {("quizzes/basics.yml", ANSWER_LINE)}


@pytest.mark.build
def test_check_search_and_build_print_nothing_from_the_word_segmenter(tmp_path):
    # jieba announces every dictionary load in English; a trainer sees only our words.
    project = project_with(tmp_path)
    env = dict(os.environ, TMPDIR=str(tmp_path))  # no dictionary cache from earlier runs
    runs = [
        subprocess.run(
            [str(BIN / "academy"), *args], cwd=project, capture_output=True, text=True, env=env
        )
        for args in (["check"], ["search", "事件"])
    ]
    build = run_build(project, tmp_path / "site")
    for output in [run.stdout + run.stderr for run in runs] + [build.output]:
        assert "prefix dict" not in output and "Loading model" not in output, output
        assert "Traceback" not in output
    # asked for, the libraries' own output is there to help find a problem
    verbose = subprocess.run(
        [str(BIN / "academy"), "--verbose", "search", "事件"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert verbose.returncode == 0 and "Loading model" in verbose.stderr, verbose.stderr
    assert "Loading model" in run_build(project, tmp_path / "site2", "--verbose").output


def test_a_model_saved_in_gbk_is_reported_at_its_first_chinese_line(tmp_path):
    project = project_with(tmp_path)
    model = project / "quizzes" / "spcm.yml"
    data = model.read_text(encoding="utf-8").encode("gbk", "replace")
    first = next(n for n, line in enumerate(data.splitlines(), 1) if not line.isascii())
    model.write_bytes(data)

    from_check, from_build = check_and_build(project, tmp_path / "site")

    assert from_check == from_build
    assert [(file, line) for file, line, _ in from_check] == [("quizzes/spcm.yml", first)]
    assert "不是 UTF-8" in next(iter(from_check))[2]
