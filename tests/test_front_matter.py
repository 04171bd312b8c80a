"""Every page's front matter is checked strictly; a bad page fails the build with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.core.front_matter import read_page_meta
from academy.core.model import load_model
from academy.core.problems import ProblemsFound
from support.site import ROOT, page, run_build, write_project

MODEL = load_model(ROOT / "quizzes" / "spcm.yml")

GOOD = """\
---
title: 值班与升级
summary: 夜间出故障时找谁
minutes: 8
roles: [operator, team-lead]
spcm: [岗位技能, SOC专业]
---

# 值班与升级
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        read_page_meta(text, "content/on-call.md", MODEL)
    return [p.format() for p in caught.value.problems]


def test_a_correct_page_is_read_with_its_values():
    meta = read_page_meta(GOOD, "content/on-call.md", MODEL)
    assert (meta.title, meta.minutes, meta.roles, meta.spcm) == (
        "值班与升级",
        8,
        ("operator", "team-lead"),
        ("岗位技能", "SOC专业"),
    )


def test_missing_front_matter():
    [message] = problems("# 值班与升级\n")
    assert message.startswith("content/on-call.md:1:1: 页面缺少页首信息")


def test_front_matter_never_closed():
    [message] = problems("---\ntitle: x\n\n# 值班与升级\n")
    assert message.startswith("content/on-call.md:1:1:") and "没有用 --- 结束" in message


def test_spcm_is_optional_for_pages_that_are_not_course_content():
    lines = [line for line in GOOD.splitlines(keepends=True) if not line.startswith("spcm:")]
    assert read_page_meta("".join(lines), "content/on-call.md", MODEL).spcm == ()


@pytest.mark.parametrize("key", ["title", "summary", "minutes", "roles"])
def test_each_required_key_is_required(key):
    lines = [line for line in GOOD.splitlines(keepends=True) if not line.startswith(f"{key}:")]
    [message] = problems("".join(lines))
    assert f"缺少必填项“{key}”" in message
    assert message.startswith("content/on-call.md:2:")


@pytest.mark.parametrize("value", ["十", "0", "-5", "7.5", "601", "true", "'8'"])
def test_minutes_must_be_a_whole_number_of_minutes(value):
    [message] = problems(GOOD.replace("minutes: 8", f"minutes: {value}"))
    assert message.startswith("content/on-call.md:4: minutes")
    assert "整数" in message


def test_unknown_role_names_line_and_choices():
    [message] = problems(
        GOOD.replace("roles: [operator, team-lead]", "roles:\n  - operator\n  - 运营专员")
    )
    assert message.startswith("content/on-call.md:7: roles 中的角色“运营专员”不存在")
    assert "operator" in message and "team-lead" in message


def test_full_width_comma_in_a_list_is_explained():
    [message] = problems(GOOD.replace("[operator, team-lead]", "[operator，team-lead]"))
    assert "全角逗号" in message


def test_unknown_dimension():
    [message] = problems(GOOD.replace("[岗位技能, SOC专业]", "[岗位技能, 沟通能力]"))
    assert message.startswith("content/on-call.md:6: spcm 中的SPCM 维度“沟通能力”不存在")


def test_duplicate_list_item():
    [message] = problems(GOOD.replace("[岗位技能, SOC专业]", "[岗位技能, 岗位技能]"))
    assert "重复" in message


def test_empty_title():
    [message] = problems(GOOD.replace("title: 值班与升级", "title:"))
    assert message.startswith("content/on-call.md:2: “title”不能为空")


def test_roles_must_be_a_list():
    [message] = problems(GOOD.replace("roles: [operator, team-lead]", "roles: operator"))
    assert message.startswith("content/on-call.md:5: “roles”应当是一个非空列表")


def test_front_matter_that_is_not_a_mapping():
    [message] = problems("---\ntitle： 值班\n---\n")
    assert message.startswith("content/on-call.md:2:")
    assert "全角冒号" in message


def test_every_problem_of_a_page_is_reported_at_once():
    text = GOOD.replace("minutes: 8", "minutes: 八").replace("[岗位技能, SOC专业]", "[沟通]")
    assert len(problems(text)) == 2


# Through a real `mkdocs build --strict`, as a trainer runs it


@pytest.mark.build
def test_invalid_yaml_fails_the_build_instead_of_becoming_page_text(tmp_path: Path):
    broken = "---\ntitle: 值班\nsummary: 流程: 发现 → 处置\nminutes: 5\nroles: [operator]\nspcm: [岗位技能]\n---\n\n# 值班\n"
    project = write_project(tmp_path, {"index.md": page("首页"), "on-call.md": broken})
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "content/on-call.md:3:" in build.output
    assert "Traceback" not in build.output
    assert not (tmp_path / "site" / "on-call.html").exists()


@pytest.mark.build
def test_problems_in_several_pages_are_all_listed_and_files_are_untouched(tmp_path: Path):
    duplicate = page("甲").replace("minutes: 5", "minutes: 5\nminutes: 6")
    unknown_role = page("乙").replace("roles: [operator]", "roles: [trainee]")
    project = write_project(
        tmp_path, {"index.md": page("首页"), "a.md": duplicate, "b.md": unknown_role}
    )
    before = {p: p.read_bytes() for p in (project / "content").iterdir()}
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "content/a.md:5:1: 重复的键“minutes”" in build.output
    assert "content/b.md:5: roles 中的角色“trainee”不存在" in build.output
    assert "Traceback" not in build.output
    assert before == {p: p.read_bytes() for p in (project / "content").iterdir()}
