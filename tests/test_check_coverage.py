"""`academy check --coverage` and `--format json`: what the course leaves uncovered."""

from __future__ import annotations

import json
from pathlib import Path

from support.site import ROOT, academy, page, project_files, write_project

BANK = """\
id: cover
version: 1
title: 覆盖测验
questions:
  - id: with-ref
    type: truefalse
    dimension: 岗位认知
    level: soc-ops
    prompt: 对吗？
    answer: true
    explanation: 对。
    refs: [soc/a.md#gone]
  - id: whole-page
    type: truefalse
    dimension: 岗位认知
    level: soc-m1
    prompt: 对吗？
    answer: true
    explanation: 对。
    refs: [soc/a.md]
"""

PATH = """\
---
title: 运营专员学习路径
summary: 路径
minutes: 3
roles: [operator]
spcm: [岗位认知]
path:
  modules:
    - id: one
      title: 第一部分
      steps:
        - page: soc/a.md
---

# 运营专员学习路径
"""


def covered(tmp_path: Path) -> Path:
    root = write_project(
        tmp_path,
        {
            "index.md": page("首页"),
            "soc/a.md": page("甲", "## 甲节 {#here}\n\n正文。"),
            "soc/b.md": page("乙"),
            "paths/operator.md": PATH,
        },
    )
    (root / "quizzes" / "cover.yml").write_text(BANK, encoding="utf-8")
    return root


def test_coverage_as_json_lists_every_kind_of_gap(tmp_path):
    result = academy(covered(tmp_path), "check", "--coverage", "--format", "json")
    document = json.loads(result.stdout)
    # The broken ref is also an error of the check itself, with file and line.
    assert result.returncode == 1 and document["ok"] is False
    assert any(
        p["path"] == "quizzes/cover.yml" and p["line"] == 12 and "#gone" in p["message"]
        for p in document["problems"]
    )
    coverage = document["coverage"]
    assert coverage["pages_in_no_path"] == ["soc/b.md"]
    assert coverage["quizzes_in_no_path"] == ["cover"]
    assert (
        coverage["questions_without_refs"] == []
    )  # refs are required: a missing one is an error of the check
    assert [(r["question"], r["target"]) for r in coverage["broken_refs"]] == [
        ("with-ref", "soc/a.md#gone")
    ]
    cells = {(c["dimension"], c["level"]): c for c in coverage["cells"]}
    assert len(cells) == 8 * 4
    assert (
        cells[("岗位认知", "soc-ops")]["questions"] == 1
        and cells[("价值观", "soc-ops")]["questions"] == 0
    )
    assert {"dimension": "价值观", "level": "soc-ops", "questions": 0, "indicators": 3} in coverage[
        "cells_without_questions"
    ]


def test_coverage_as_text_tables(tmp_path):
    root = covered(tmp_path)
    (root / "quizzes" / "cover.yml").write_text(BANK.replace("#gone", "#here"), encoding="utf-8")
    result = academy(root, "check", "--coverage")
    assert result.returncode == 0, result.stdout + result.stderr  # gaps are advice, not errors
    assert "检查通过" in result.stdout
    assert "没有知识题的格子（30）" in result.stdout
    assert "不在任何学习路径中的页面（1）\n  soc/b.md" in result.stdout
    assert "没有复习链接（refs）的题目：无" in result.stdout
    assert "指向不存在小节的复习链接：无" in result.stdout


def test_a_question_without_refs_is_an_error_with_its_line(tmp_path):
    root = covered(tmp_path)
    (root / "quizzes" / "cover.yml").write_text(
        BANK.replace("refs: [soc/a.md]", "refs: []"), encoding="utf-8"
    )
    result = academy(root, "check", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert result.returncode == 1
    assert [(p["path"], p["line"]) for p in problems] == [("quizzes/cover.yml", 20)]


def test_json_without_coverage_and_with_a_broken_model(tmp_path):
    root = covered(tmp_path)
    (root / "quizzes" / "spcm.yml").write_text("name: [\n", encoding="utf-8")
    result = academy(root, "check", "--format", "json", "--coverage")
    document = json.loads(result.stdout)
    assert result.returncode == 1 and "coverage" not in document
    assert (
        document["problems"][0]["path"] == "quizzes/spcm.yml"
        and document["problems"][0]["line"] >= 1
    )
    assert "Traceback" not in result.stderr


def test_bad_format_is_a_usage_error(tmp_path):
    result = academy(covered(tmp_path), "check", "--format", "xml")
    assert result.returncode == 2 and "用法错误" in result.stderr


def test_check_on_the_shipped_course_is_clean():
    # Its speed is measured with `time academy check` (README), not asserted here.
    result = academy(ROOT, "check", "--coverage", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["ok"] is True
    assert json.loads(result.stdout)["advice"] == []


def test_every_course_page_has_objectives_and_a_question_checks_each():
    result = academy(ROOT, "check", "--coverage", "--format", "json")
    coverage = json.loads(result.stdout)["coverage"]
    assert coverage["pages_without_objectives"] == []
    assert coverage["objectives_without_questions"] == []


def test_a_meta_page_with_spcm_is_flagged_and_never_offered_for_review(tmp_path):
    """The guide and the dashboard are not study material: `spcm` on them is advice to
    remove, and quiz review lists take only pages a learning path teaches."""
    from academy.core.course import check_sources

    root = covered(tmp_path)
    guide = page("作者指南")  # carries spcm, as every page of the test helper does
    (root / "content" / "guide.md").write_text(guide, encoding="utf-8")
    result = academy(root, "check")
    assert "content/guide.md:6: 这个页面不在任何学习路径中，却写了 spcm" in result.stdout
    files = project_files(root)
    course, _ = check_sources(files)
    assert course is not None
    assert all("guide.md" not in pages for pages in course.teaching().values())
