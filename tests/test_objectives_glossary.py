"""Learning objectives on each page and the glossary (术语表), as a trainer writes them
and a trainee sees them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.site import academy, page, run_build, write_project

pytestmark = pytest.mark.build

GLOSSARY = """\
title: 术语表
terms:
  - term: 变更
    id: change
    definition: 对生产环境的**任何**修改，见[规范](soc/norms.md)。
    see: soc/norms.md#change-control
  - term: 紧急变更
    id: emergency-change
    also: [抢修变更]
    definition: 为恢复业务走的简化审批。
    see: soc/norms.md#change-control
  - term: EP
    id: ep
    definition: 开发者OP 的架构名称。
    see: soc/norms.md
  - term: 带教老师
    id: mentor
    definition: 带新员工的同事。
    see: soc/norms.md
    retired: [导师]
"""

NORMS = """\
## 变更控制 {#change-control}

先说紧急变更，再说变更本身：每次变更都要审批。

`变更` 在代码里不链接，[变更](#change-control) 在链接里也不链接。

STEP 和 DEPLOY 里没有 EP，单独的 EP 才是。

| 表格 | 说明 |
| --- | --- |
| 抢修变更 | 是紧急变更的别名 |
"""

OBJECTIVES = """\
objectives:
  norms-order: 按顺序写出变更的环节
  norms-who: 判断一次故障该找谁 <处理>
"""

PATH = """\
---
title: 运营专员学习路径
summary: 路径
minutes: 3
roles: [operator]
path:
  modules:
    - id: day-1
      title: 第一天
      steps:
        - page: soc/norms.md
        - page: soc/plain.md
---

# 运营专员学习路径
"""

BANK = """\
id: norms
version: 1
title: 规范测验
questions:
  - id: order
    type: truefalse
    dimension: 岗位认知
    level: soc-ops
    prompt: 变更在审批之后执行。
    answer: true
    explanation: 先审批后执行。
    refs: [soc/norms.md#change-control]
    objectives: [norms-order]
"""


def course(root: Path) -> Path:
    norms = page("生产操作规范", NORMS).replace(
        "spcm: [岗位认知]\n", "spcm: [岗位认知]\n" + OBJECTIVES
    )
    project = write_project(
        root,
        {
            "index.md": page("首页"),
            "soc/norms.md": norms,
            "soc/plain.md": page("没有目标的页面"),
            "paths/operator.md": PATH,
            "log/index.md": page("学习日志", "<!-- academy:learning-log -->"),
        },
    )
    (project / "quizzes" / "norms.yml").write_text(BANK, encoding="utf-8")
    (project / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - academy:\n", "  - academy:\n      glossary: glossary.yml\n"
        ),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("glossary")
    project = course(root / "project")
    build = run_build(project, root / "site")
    assert build.returncode == 0, build.output
    return root / "site"


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_objectives_open_the_page_right_after_its_title(built):
    html = article((built / "soc" / "norms.html").read_text(encoding="utf-8"))
    title = html.index("</h1>")
    box = html.index("academy-objectives")
    assert title < box < html.index('id="change-control"')
    assert "学习目标" in html and "读完本页，你能：" in html
    assert "<li>按顺序写出变更的环节</li>" in html
    assert "<li>判断一次故障该找谁 &lt;处理&gt;</li>" in html  # text, never markup
    plain = article((built / "soc" / "plain.html").read_text(encoding="utf-8"))
    assert "academy-objectives" not in plain


def term_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="academy-term" href="([^"]+)"[^>]*>([^<]+)</a>', html)


def test_each_term_links_to_its_entry_on_first_use_only(built):
    html = article((built / "soc" / "norms.html").read_text(encoding="utf-8"))
    assert term_links(html) == [
        ("../glossary.html#emergency-change", "紧急变更"),  # the longer term wins
        ("../glossary.html#change", "变更"),
        ("../glossary.html#ep", "EP"),  # not inside STEP or DEPLOY
    ]
    heading = re.search(r"<h2[^>]*>.*?</h2>", html, re.S)
    assert heading is not None and "academy-term" not in heading.group()
    assert "<code>变更</code>" in html
    link = re.search(r'title="对生产环境的任何修改，见规范。"', html)
    assert link is not None  # the definition as a plain-text tooltip


def test_the_glossary_page_lists_every_term_with_where_it_is_taught(built):
    html = article((built / "glossary.html").read_text(encoding="utf-8"))
    ids = re.findall(r'<h2 id="([^"]+)"', html)
    assert ids == ["change", "emergency-change", "ep", "mentor"]
    assert '<a href="#emergency-change">紧急变更</a>' in html  # the index at the top
    assert "也叫：抢修变更" in html
    assert '<a href="soc/norms.html#change-control">生产操作规范 · 变更控制</a>' in html
    assert "<strong>任何</strong>" in html  # definitions are Markdown
    assert term_links(html) == []  # the glossary does not link to itself
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary.html"' in home  # in the navigation


def test_search_finds_a_glossary_entry_by_its_names_not_by_its_definition(built):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {
        doc["location"]: doc for doc in index["docs"] if doc["location"].startswith("glossary")
    }
    entry = entries["glossary.html#emergency-change"]
    assert entry["title"].replace("\u200b", "") == "紧急变更"
    assert "抢修变更" in entry["text"].replace("\u200b", "")  # its other names are found too
    assert "任何" not in entry["text"]  # a definition word does not lead here
    assert entry["boost"] > 1  # and the entry ranks above the pages that use the term


def test_coverage_lists_objectives_no_question_checks_and_pages_without_objectives(tmp_path):
    project = course(tmp_path / "project")
    result = academy(project, "check", "--coverage")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "没有题目检验的学习目标（1）" in result.stdout
    assert "content/soc/norms.md:9: norms-who：判断一次故障该找谁 <处理>" in result.stdout
    assert "没有学习目标的课程页面（1）\n  content/soc/plain.md" in result.stdout
    as_json = json.loads(academy(project, "check", "--coverage", "--format", "json").stdout)
    coverage = as_json["coverage"]
    assert [gap["id"] for gap in coverage["objectives_without_questions"]] == ["norms-who"]
    assert coverage["pages_without_objectives"] == ["content/soc/plain.md"]


def test_an_untestable_objective_is_a_problem_with_the_verbs_to_use(tmp_path):
    project = course(tmp_path / "project")
    norms = project / "content" / "soc" / "norms.md"
    norms.write_text(
        norms.read_text(encoding="utf-8").replace("判断一次故障该找谁", "了解故障处理"),
        encoding="utf-8",
    )
    result = academy(project, "check")
    assert result.returncode == 1
    assert (
        "content/soc/norms.md:9: 学习目标“norms-who”以“了解”开头，无法用题目检验" in result.stdout
    )
    assert "判断" in result.stdout  # the hint names testable verbs


def test_retired_words_are_found_in_prose_and_banks_but_not_in_code(tmp_path):
    project = course(tmp_path / "project")
    page_text = (
        "请联系导师。\n\n`导师` 是旧说法。\n\n````markdown\n```yaml\nretired: [导师]\n```\n"
        "导师\n````\n\n最后再问一次导师。\n"
    )
    (project / "content" / "soc" / "plain.md").write_text(
        page("没有目标的页面", page_text), encoding="utf-8"
    )
    bank = project / "quizzes" / "norms.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("先审批后执行。", "先问导师。"), encoding="utf-8"
    )
    result = academy(project, "check")
    assert result.returncode == 1
    found = re.findall(r"^([\w/.-]+:\d+:\d+): “导师”是术语表中停用的说法", result.stdout, re.M)
    assert found == [
        "content/soc/plain.md:11:4",
        "content/soc/plain.md:22:7",
        "quizzes/norms.yml:11:20",
    ]
    assert "改为“带教老师”（glossary.yml 第 16 行）" in result.stdout
