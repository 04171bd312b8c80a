"""Learning paths written by trainers: parsing and every validation message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from academy.core.course import Course, check_sources
from academy.core.model import load_model
from support.site import BIN, ROOT, page, project_files, run_build, write_project

# One worker takes the whole module, so each build below is made once.
pytestmark = pytest.mark.xdist_group("path-builds")

MODEL = load_model(ROOT / "quizzes" / "spcm.yml")

PATH_PAGE = """\
---
title: 运营专员学习路径
summary: 测试路径
minutes: 3
roles: [operator]
spcm: [岗位认知]
path:
{path}
---

# 运营专员学习路径

介绍。
"""

GOOD_PATH = """\
  modules:
    - id: day-1
      title: 第一天
      steps:
        - page: soc/a.md
        - page: soc/b.md#incident
          optional: true
        - reflection: day-1
    - id: day-2
      title: 第二天
      steps:
        - page: soc/b.md
          minutes: 7
"""


BASICS_QUIZ = """\
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
    refs: [soc/a.md]
"""


def course_in(
    tmp_path: Path, path_yaml: str, name: str = "operator.md", extra: dict[str, str] | None = None
):
    pages = {
        "index.md": page("首页"),
        "soc/a.md": page("甲页").replace("minutes: 5", "minutes: 12"),
        "soc/b.md": page("乙页", "## 事件处理 {#incident}\n\n正文。"),
        "log/index.md": page("学习日志"),
        f"paths/{name}": PATH_PAGE.format(path=path_yaml),
        **(extra or {}),
    }
    project = write_project(tmp_path, pages)
    bank = project / "quizzes" / "basics.yml"
    bank.write_text(BASICS_QUIZ, encoding="utf-8")
    return check_project(project)


def check_project(project: Path) -> Course:
    """The course as the build's check pipeline reads the project's sources."""
    files = project_files(project)
    course, _ = check_sources(files)
    assert course is not None
    return course


def messages(tmp_path: Path, path_yaml: str, **kwargs) -> list[str]:
    return [p.format() for p in course_in(tmp_path, path_yaml, **kwargs).problems]


def line_in_file(path_yaml: str, needle: str) -> int:
    """Line number in the path page of the first line containing needle (front matter starts at 1)."""
    text = PATH_PAGE.format(path=path_yaml)
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_path_reads_modules_steps_and_times(tmp_path):
    course = course_in(tmp_path, GOOD_PATH)
    assert course.problems == []
    [path] = course.paths
    assert path.role == "operator" and path.title == "运营专员学习路径"
    assert [m.id for m in path.modules] == ["day-1", "day-2"]
    first, section, reflection, last = path.steps
    assert (first.id, first.kind, first.minutes, first.required) == ("page:soc/a", "page", 12, True)
    assert (section.id, section.kind, section.required) == ("page:soc/b#incident", "section", False)
    assert section.title == "乙页 · 事件处理"
    assert (reflection.id, reflection.kind, reflection.target) == (
        "reflection:day-1",
        "reflection",
        "log/index.md",
    )
    assert last.minutes == 7
    assert path.minutes == 12 + 5 + 15 + 7
    assert path.required_minutes == 12 + 15 + 7


def test_explicit_step_id_keeps_progress_when_a_page_moves(tmp_path):
    course = course_in(
        tmp_path,
        GOOD_PATH.replace(
            "        - page: soc/a.md\n", "        - page: soc/a.md\n          id: page:old/place\n"
        ),
    )
    assert course.paths[0].steps[0].id == "page:old/place"


def test_quiz_step(tmp_path):
    course = course_in(tmp_path, GOOD_PATH.replace("- reflection: day-1", "- quiz: basics"))
    step = course.paths[0].steps[2]
    assert (step.id, step.kind, step.title, step.minutes) == ("quiz:basics", "quiz", "基础测验", 5)


CASES = [
    ("- page: soc/a.md", "- page: soc/missing.md", "页面“soc/missing.md”不存在"),
    ("- page: soc/a.md", "- page: a.md", "是不是 soc/a.md？"),
    ("- page: soc/a.md", "- page: soc/a", "要写成 content 文件夹里的 .md 文件路径"),
    ("- reflection: day-1", "- quiz: advanced", "测验“advanced”不存在"),
    ("- reflection: day-1", "- reflection: 第一天", "不能用作 id"),
    ("- reflection: day-1", "- page: soc/a.md", "步骤“page:soc/a”在这条路径里重复"),
    (
        "- page: soc/a.md",
        "- page: soc/a.md\n          quiz: basics",
        "要写且只写 page、quiz、reflection 中的一项",
    ),
    ("- page: soc/a.md", "- minutes: 5", "要写且只写 page、quiz、reflection 中的一项"),
    ("- page: soc/a.md", "- page: soc/a.md\n          must: true", "步骤中有不认识的项“must”"),
    ("optional: true", "optional: yes", "optional 只能写 true 或 false"),
    ("minutes: 7", "minutes: 七", "步骤的 minutes 必须是 1 到 600 之间的整数"),
    ("- id: day-2", "- id: day-1", "模块 id“day-1”重复"),
    ("- id: day-2", "- id: Day 2", "不能用作 id"),
    ("      title: 第二天\n", "", "模块缺少必填项“title”"),
]


@pytest.mark.parametrize("old, new, expected", CASES, ids=[c[2][:12] for c in CASES])
def test_every_mistake_is_reported_with_its_file_and_line(tmp_path, old, new, expected):
    path_yaml = GOOD_PATH.replace(old, new, 1)
    [message] = messages(tmp_path, path_yaml)
    assert expected in message
    assert message.startswith("content/paths/operator.md:")
    line = int(message.split(":")[1])
    text_lines = PATH_PAGE.format(path=path_yaml).splitlines()
    assert 8 <= line <= len(text_lines), "the line must be inside the path's front matter"


def test_message_points_at_the_exact_line_of_a_missing_page(tmp_path):
    path_yaml = GOOD_PATH.replace("- page: soc/a.md", "- page: soc/missing.md")
    [message] = messages(tmp_path, path_yaml)
    assert message.startswith(
        f"content/paths/operator.md:{line_in_file(path_yaml, 'soc/missing.md')}:"
    )


def test_path_for_a_role_that_does_not_exist(tmp_path):
    [message] = messages(tmp_path, GOOD_PATH, name="trainee.md")
    assert "学习路径的角色“trainee”不存在" in message


def test_explicit_role_overrides_the_file_name(tmp_path):
    course = course_in(tmp_path, "  role: team-lead\n" + GOOD_PATH, name="leads.md")
    assert course.paths[0].role == "team-lead"


def test_two_paths_for_one_role(tmp_path):
    other = PATH_PAGE.format(path="  role: operator\n" + GOOD_PATH)
    found = messages(tmp_path, GOOD_PATH, extra={"paths/operator-2.md": other})
    assert len(found) == 1
    assert "角色“operator”已经有学习路径" in found[0]


def test_modules_must_be_a_list(tmp_path):
    [message] = messages(tmp_path, "  modules: day-1\n")
    assert "“modules”应当是一个非空列表" in message


def test_reflection_needs_the_learning_log_page(tmp_path):
    project = write_project(
        tmp_path,
        {
            "soc/a.md": page("甲"),
            "paths/operator.md": PATH_PAGE.format(
                path=GOOD_PATH.replace("soc/b.md#incident", "soc/a.md").replace(
                    "soc/b.md", "soc/a.md#x"
                )
            ),
        },
    )
    assert any(
        "反思步骤需要学习日志页面 log/index.md" in p.format()
        for p in check_project(project).problems
    )


# Through real builds


def build_with_path(tmp_path: Path, path_yaml: str, strict: bool = True):
    pages = {
        "index.md": page("首页"),
        "soc/a.md": page("甲页"),
        "soc/b.md": page("乙页", "## 事件处理 {#incident}\n\n正文。"),
        "log/index.md": page("学习日志", "<!-- academy:learning-log -->"),
        "paths/operator.md": PATH_PAGE.format(path=path_yaml),
    }
    project = write_project(tmp_path, pages)
    if not strict:
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("strict: true", "strict: false"),
            encoding="utf-8",
        )
        return run_build(project, tmp_path / "site", "--no-strict")
    return run_build(project, tmp_path / "site")


@pytest.mark.build
@pytest.mark.parametrize("strict", [True, False])
def test_a_bad_path_fails_the_build_strict_or_not(tmp_path, strict):
    build = build_with_path(tmp_path, GOOD_PATH.replace("soc/a.md", "soc/nope.md"), strict=strict)
    assert build.returncode != 0
    assert "content/paths/operator.md:" in build.output and "soc/nope.md" in build.output
    assert "Traceback" not in build.output


UNKNOWN_ANCHOR = GOOD_PATH.replace("soc/b.md#incident", "soc/b.md#nowhere")


@pytest.fixture(scope="module")
def unknown_anchor(tmp_path_factory):
    """A project whose path has a section step to an anchor its page lacks, and its build."""
    root = tmp_path_factory.mktemp("unknown-anchor")
    return root, build_with_path(root, UNKNOWN_ANCHOR)


@pytest.mark.build
def test_a_section_step_with_an_unknown_anchor_fails_the_build(unknown_anchor):
    _, build = unknown_anchor
    assert build.returncode != 0
    assert (
        f"content/paths/operator.md:{line_in_file(UNKNOWN_ANCHOR, '#nowhere')}: 页面 soc/b.md 中没有小节“#nowhere”"
        in build.output
    )


@pytest.mark.build
def test_a_dirty_rebuild_checks_the_sections_of_the_pages_it_renders(tmp_path):
    assert build_with_path(tmp_path, GOOD_PATH, strict=False).returncode == 0
    # `mkdocs serve --dirty` and `build --dirty` render only the pages changed since the last build
    index = tmp_path / "content" / "index.md"
    os.utime(index, (index.stat().st_mtime + 60,) * 2)
    rebuild = run_build(tmp_path, tmp_path / "site", "--no-strict", "--dirty")
    assert rebuild.returncode == 0, rebuild.output
    assert "没有小节" not in rebuild.output

    changed = tmp_path / "content" / "soc" / "b.md"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("{#incident}", "{#elsewhere}"), encoding="utf-8"
    )
    rebuild = run_build(tmp_path, tmp_path / "site", "--no-strict", "--dirty")
    assert rebuild.returncode != 0 and "页面 soc/b.md 中没有小节“#incident”" in rebuild.output


@pytest.mark.build
def test_academy_check_finds_the_unknown_anchor_too(unknown_anchor):
    import subprocess

    project, _ = unknown_anchor
    result = subprocess.run(
        [str(BIN / "academy"), "check"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "没有小节“#nowhere”" in result.stdout


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    """GOOD_PATH built once."""
    root = tmp_path_factory.mktemp("good-path")
    build = build_with_path(root, GOOD_PATH)
    assert build.returncode == 0, build.output
    return build.site


@pytest.mark.build
def test_path_page_lists_modules_steps_and_times(good_site):
    html = (good_site / "paths" / "operator.html").read_text(encoding="utf-8")
    assert 'data-academy="path"' in html
    assert "第一天" in html and "第二天" in html
    assert "共 <b>4</b> 步" in html
    assert 'data-step="page:soc/b#incident"' in html and 'href="../soc/b.html#incident"' in html
    assert "选修" in html and "必修" in html


@pytest.mark.build
def test_pages_in_a_path_get_the_path_bar_and_others_get_nothing(good_site):
    in_path = (good_site / "soc" / "a.html").read_text(encoding="utf-8")
    assert 'data-academy="pathbar"' in in_path and "第 1 步，共 4 步" in in_path
    assert 'href="b.html#incident"' in in_path  # next step
    home = (good_site / "index.html").read_text(encoding="utf-8")
    assert "data-academy=" not in home


@pytest.mark.build
def test_widget_text_is_kept_out_of_the_search_index(good_site):
    index = (good_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "标记为已完成" not in index


@pytest.mark.build
def test_unknown_widget_placeholder_is_reported(tmp_path):
    project = write_project(tmp_path, {"index.md": page("首页", "<!-- academy:dashbaord -->")})
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "content/index.md:11:1: 不认识的组件“academy:dashbaord”" in build.output


@pytest.mark.build
def test_the_author_guide_example_path_builds(tmp_path):
    """The guide's example role and path, added to the shipped course, build and render."""
    import re
    import shutil

    guide = (ROOT / "content" / "guide" / "index.md").read_text(encoding="utf-8")
    role_yaml, path_page = re.findall(
        r"```yaml\n(.*?)```", guide[guide.index("{#add-path}") :], re.S
    )[:2]
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "quizzes", project / "quizzes")
    shutil.copyfile(ROOT / "glossary.yml", project / "glossary.yml")
    (project / "content" / "paths" / "on-call.md").write_text(
        path_page + "\n# 值班工程师学习路径\n", encoding="utf-8"
    )
    model = project / "quizzes" / "spcm.yml"
    text = model.read_text(encoding="utf-8")
    roles = text.index("\nroles:\n") + len("\nroles:\n")
    end_of_roles = re.search(r"^\S", text[roles:], re.M).start() + roles  # the next top-level line
    model.write_text(text[:end_of_roles] + role_yaml + text[end_of_roles:], encoding="utf-8")
    config = (
        (ROOT / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("      - me.md\n", "      - me.md\n      - paths/on-call.md\n")
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    html = (tmp_path / "site" / "paths" / "on-call.html").read_text(encoding="utf-8")
    assert "重点复习：重大故障流程" in html and "共 <b>5</b> 步" in html
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "值班工程师" in home


@pytest.mark.build
def test_placeholders_shown_as_code_examples_are_not_widgets(tmp_path):
    body = "```markdown\n<!-- academy:quiz nowhere -->\n```\n\n写 `<!-- academy:nothing -->` 即可。"
    project = write_project(tmp_path, {"index.md": page("首页", body)})
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "&lt;!-- academy:quiz nowhere --&gt;" in (tmp_path / "site" / "index.html").read_text(
        encoding="utf-8"
    )
