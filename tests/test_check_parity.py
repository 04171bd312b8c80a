"""`academy check` and `mkdocs build --strict` report the same problems, at the
same file and line: a trainer who fixes what `check` says never meets a build
that fails for something else, and a build never passes what `check` rejects."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, run_build
from support.site import page, path_page, write_project

FINDING = re.compile(
    r"^(?:.*?Error: |.*?(?:ERROR|WARNING)\s+-\s+)?\s*([\w./-]+\.(?:md|yml|txt)):(\d+)(?::(\d+))?: (.+)$"
)

BANK = """\
id: basics
version: 1
title: 基础测验
questions:
  - id: q1
    type: truefalse
    dimension: 岗位认知
    level: soc-ops
    prompt: 甲页讲的是甲。
    answer: true
    explanation: 见甲页。
    refs: [soc/a.md#no-such-section]
  - id: q2
    type: multiple
    dimension: 岗位认知
    level: soc-ops
    prompt: 哪些说法对？
    options: [甲, 乙, 丙]
    answer: [A, F]
    explanation: 见甲页。
    refs: [soc/a.md]
"""


ADVICE = "建议修改"


def findings(lines: list[str]) -> set[tuple[str, int, str]]:
    """(file, line, message) of every `path:line[:column]: message` line."""
    found = set()
    for line in lines:
        match = FINDING.match(line.split("建议修改：")[-1])
        if match:
            found.add((match.group(1), int(match.group(2)), match.group(4)))
    return found


def check_and_build(project: Path, site: Path) -> tuple[set, set]:
    """The problems `academy check` and the build report; their advice must agree too."""
    check = subprocess.run(
        [str(BIN / "academy"), "check"], cwd=project, capture_output=True, text=True, timeout=300
    )
    build = run_build(project, site)
    assert check.returncode == 1, check.stdout + check.stderr
    assert build.returncode == 1, build.output
    assert "Traceback" not in build.output + check.stderr
    errors, _, advice = check.stdout.partition(f"\n{ADVICE}（")
    build_lines = build.output.splitlines()
    assert findings(advice.splitlines()) == findings(
        [line for line in build_lines if f"{ADVICE}：" in line]
    )
    return findings(errors.splitlines()), findings(
        [line for line in build_lines if f"{ADVICE}：" not in line]
    )


def with_glossary(project: Path, see: str) -> None:
    """A glossary whose one term is taught at `see` and retires 导师."""
    (project / "glossary.yml").write_text(
        f"terms:\n  - term: 带教老师\n    id: mentor\n    definition: 带新员工的人。\n"
        f"    see: {see}\n    retired: [导师]\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - academy:\n", "  - academy:\n      glossary: glossary.yml\n"),
        encoding="utf-8",
    )


def related_page(title: str, pins: str) -> str:
    return page(title).replace("spcm: [岗位认知]\n", f"spcm: [岗位认知]\nrelated: [{pins}]\n")


def test_every_problem_in_the_sources_is_reported_alike(tmp_path):
    project = write_project(
        tmp_path / "project",
        {
            "index.md": page("首页"),
            "soc/a.md": page(
                "甲页", "## 事件 {#incident}\n\n正文。\n\n<!-- academy:quiz no-such-quiz -->"
            ),
            "soc/pinned.md": related_page("固定相关阅读", "soc/does-not-exist.md"),
            "soc/roles.md": page("角色").replace("roles: [operator]", "roles: [astronaut]"),
            "soc/goals.md": page("目标").replace(
                "spcm: [岗位认知]\n",
                "spcm: [岗位认知]\nobjectives:\n  goals-vague: 了解运营\n",
            ),
            "paths/operator.md": path_page("page: soc/a.md", "page: soc/missing.md"),
            "log/index.md": page("学习日志", "<!-- academy:learning-log -->"),
        },
    )
    (project / "quizzes" / "basics.yml").write_text(BANK, encoding="utf-8")
    with_glossary(project, "soc/nowhere.md")
    (project / "search").mkdir()
    (project / "search" / "synonyms.yml").write_text("- [夜间, 半夜]\n- 单个词\n", encoding="utf-8")
    (project / "search" / "dictionary.txt").write_text("ops 10\nsre\n巡检 100\n", encoding="gbk")

    from_check, from_build = check_and_build(project, tmp_path / "site")

    assert from_check == from_build
    files = {file for file, _, _ in from_check}
    assert {
        "content/soc/pinned.md",  # a related pin to a missing page
        "content/soc/roles.md",  # front matter: an unknown role
        "content/paths/operator.md",  # a path step to a missing page
        "content/soc/a.md",  # a placeholder for a missing quiz
        "quizzes/basics.yml",  # a quiz bank: an answer outside the options
        "search/synonyms.yml",  # a one-word synonym group
        "search/dictionary.txt",  # not UTF-8
        "content/soc/goals.md",  # an objective no question can check
        "glossary.yml",  # a term taught on a page that does not exist
    } <= files
    assert any(
        file == "content/soc/goals.md" and line == 8 and "无法用题目检验" in message
        for file, line, message in from_check
    )
    assert ("search/synonyms.yml", 2, "每组同义词至少要有两个词") in from_check
    assert any(
        file == "search/dictionary.txt" and line == 3 and "UTF-8" in message
        for file, line, message in from_check
    )


def test_sections_that_do_not_exist_are_reported_alike(tmp_path):
    project = write_project(
        tmp_path / "project",
        {
            "index.md": page("首页"),
            "soc/a.md": page("甲页", "## 事件 {#incident}\n\n正文。"),
            "soc/pinned.md": related_page("固定相关阅读", "soc/a.md#no-such-section"),
            "paths/operator.md": path_page("page: soc/a.md", "page: soc/a.md#no-such-step"),
            "log/index.md": page("学习日志", "<!-- academy:learning-log -->"),
        },
    )
    (project / "quizzes" / "basics.yml").write_text(
        BANK.replace("answer: [A, F]", "answer: [A, C]"), encoding="utf-8"
    )
    with_glossary(project, "soc/a.md#no-such-term-section")

    from_check, from_build = check_and_build(project, tmp_path / "site")

    assert from_check == from_build
    assert {file for file, _, _ in from_check} == {
        "content/soc/pinned.md",
        "content/paths/operator.md",
        "quizzes/basics.yml",
        "glossary.yml",
    }


def objectives_page(title: str, objectives: str, body: str = "正文。") -> str:
    return page(title, body).replace(
        "spcm: [岗位认知]\n", f"spcm: [岗位认知]\nobjectives:\n{objectives}"
    )


def test_objectives_and_retired_terms_are_reported_alike(tmp_path):
    project = write_project(
        tmp_path / "project",
        {
            "index.md": page("首页"),
            "soc/a.md": objectives_page("甲页", "  a-name: 说出甲的名字\n", "请找导师确认。"),
            "soc/b.md": objectives_page("乙页", "  a-name: 说出乙的名字\n"),
            "log/index.md": page("学习日志", "<!-- academy:learning-log -->"),
        },
    )
    bank = BANK.replace("answer: [A, F]", "answer: [A, C]").replace(
        "    refs: [soc/a.md]\n", "    refs: [soc/a.md]\n    objectives: [a-name, no-such-goal]\n"
    )
    (project / "quizzes" / "basics.yml").write_text(bank, encoding="utf-8")
    with_glossary(project, "soc/a.md")

    from_check, from_build = check_and_build(project, tmp_path / "site")

    assert from_check == from_build
    assert from_check == {
        ("content/soc/a.md", 13, "“导师”是术语表中停用的说法"),
        ("content/soc/b.md", 8, "学习目标的 id“a-name”已在 content/soc/a.md 中用过"),
        ("quizzes/basics.yml", 22, "题目“q2”检验的学习目标“no-such-goal”不存在"),
    }


@pytest.mark.parametrize("broken", ["levels: [", "levels: []\n"])
def test_a_broken_model_is_reported_alike(tmp_path, broken):
    project = write_project(tmp_path / "project", {"index.md": page("首页")})
    (project / "quizzes" / "spcm.yml").write_text(broken, encoding="utf-8")

    from_check, from_build = check_and_build(project, tmp_path / "site")

    assert from_check == from_build
    assert from_check and {file for file, _, _ in from_check} == {"quizzes/spcm.yml"}


def test_broken_links_and_pages_left_out_of_the_nav_are_reported_alike(tmp_path):
    body = (
        "## 事件 {#incident}\n\n"
        "见[缺页](missing.md)、[错小节](b.md#nowhere)和[本页小节](#not-here)。\n\n"
        "[绝对路径](/soc/b.md)、[没有文件](somewhere)、![示意图](pic.png)。\n\n"
        "这些是好的：[乙页](b.md#part)、[测验](../quizzes/basics.md)、[首页](../index.md)。\n"
    )
    project = write_project(
        tmp_path / "project",
        {
            "index.md": page("首页"),
            "soc/a.md": page("甲页", body),
            "soc/b.md": page("乙页", "## 部分 {#part}\n\n正文。"),
            "soc/left-out.md": page("不在目录里的页"),
            "log/index.md": page("学习日志", "<!-- academy:learning-log -->"),
        },
        nav=["index.md", "soc/a.md", "soc/b.md", "log/index.md"],
    )
    (project / "quizzes" / "basics.yml").write_text(
        BANK.replace("answer: [A, F]", "answer: [A, C]").replace("#no-such-section", ""),
        encoding="utf-8",
    )

    from_check, from_build = check_and_build(project, tmp_path / "site")

    assert from_check == from_build
    source = (project / "content" / "soc" / "a.md").read_text(encoding="utf-8").splitlines()
    first = 1 + next(n for n, text in enumerate(source) if "[缺页]" in text)
    lines = {(file, line) for file, line, _ in from_check}
    assert lines == {
        ("content/soc/a.md", first),  # 缺页, 错小节, 本页小节
        ("content/soc/a.md", first + 2),  # 绝对路径, 没有文件, 示意图
        ("content/soc/left-out.md", 1),
    }
    messages = " ".join(message for _, _, message in from_check)
    for link in ("missing.md", "b.md#nowhere", "#not-here", "/soc/b.md", "somewhere", "pic.png"):
        assert f"链接 {link} " in messages
