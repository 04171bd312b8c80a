"""`academy new`: scaffolding never overwrites, keeps mkdocs.yml and the model intact,
and what it writes passes the checks. Also runs the author guide's workflow examples."""

from __future__ import annotations

import difflib
import json
import os
import re
import select
import shlex
import shutil
import subprocess

import pytest

from support.lrs import PASSWORD, USER, Ralph
from support.site import BIN, ROOT, academy, page, run_build, write_project

GUIDE = ROOT / "content" / "guide" / "index.md"


def added_lines(before: str, after: str) -> list[str]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [line for line in diff if line.startswith("- ")], "nothing may be removed or changed"
    return [line[2:] for line in diff if line.startswith("+ ")]


@pytest.fixture
def project(tmp_path):
    return write_project(
        tmp_path / "project",
        {
            "index.md": page("首页"),
            "soc/a.md": page("甲"),
            "log/index.md": page("学习日志"),
        },
        nav=["index.md", "soc/a.md", "log/index.md"],
    )


def test_new_page_is_valid_and_added_to_the_nav_next_to_its_folder(project):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = academy(
        project,
        "new",
        "page",
        "soc/on-call.md",
        "--title",
        "值班: 升级",
        "--spcm",
        "岗位技能,SOC专业",
        "--roles",
        "operator",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已创建页面：content/soc/on-call.md" in result.stdout
    text = (project / "content" / "soc" / "on-call.md").read_text(encoding="utf-8")
    assert (
        text.startswith('---\ntitle: "值班: 升级"\n')
        and "spcm: [岗位技能, SOC专业]" in text
        and "# 值班: 升级" in text
    )
    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert added_lines(before, after) == ["  - soc/on-call.md"]
    assert after.index("- soc/on-call.md") > after.index("- soc/a.md") > 0
    assert after.index("- soc/on-call.md") < after.index("- log/index.md")
    assert academy(project, "check").returncode == 0


def test_the_shipped_config_keeps_its_comments_and_tags(project):
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = academy(
        project, "new", "page", "content/soc/on-call.md", "--title", "值班", "--spcm", "岗位技能"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert added_lines(before, after) == ["      - soc/on-call.md"]
    assert (
        after.index("- soc/on-call.md")
        == after.index("- soc/qualified.md") + len("- soc/qualified.md") + 7
    )
    assert (
        "!!python/name:pymdownx.superfences.fence_code_format" in after
        and "# The address the site is served at" in after
    )


def test_nothing_is_ever_overwritten(project):
    original = (project / "content" / "soc" / "a.md").read_text(encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = academy(project, "new", "page", "soc/a.md", "--title", "新", "--spcm", "岗位技能")
    assert (
        result.returncode == 2
        and "content/soc/a.md 已经存在" in result.stderr
        and "不会覆盖" in result.stderr
    )
    assert (project / "content" / "soc" / "a.md").read_text(encoding="utf-8") == original
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config


@pytest.mark.parametrize(
    "args, message",
    [
        (["page", "../evil.md", "--title", "x", "--spcm", "岗位技能"], "不能使用"),
        (["page", "Soc/A.md", "--title", "x", "--spcm", "岗位技能"], "不能使用"),
        (["page", "soc/b.md", "--title", "x", "--spcm", "沟通"], "SPCM 维度“沟通”不存在"),
        (["page", "soc/b.md", "--title", "x", "--spcm", "岗位技能", "--minutes", "0"], "1 到 600"),
        (["path", "on-call"], "academy new role on-call"),
        (["role", "operator", "--name", "重复"], "角色“operator”已经存在"),
        (["role", "On_Call", "--name", "x"], "不能使用"),
        (["role", "on-call", "--name", "x", "--target", "soc-m9"], "级别“soc-m9”不存在"),
        (["quiz", "spcm", "--title", "x"], "已被使用"),
        (["quiz", "q1", "--title", "x", "--ref", "nope.md"], "复习页面“nope.md”不存在"),
    ],
)
def test_refusals_say_why_and_write_nothing(project, args, message):
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = academy(project, "new", *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and "提示" in result.stderr and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_missing_kind_or_title_is_a_usage_error(project):
    assert academy(project, "new").returncode == 2
    assert academy(project, "new", "page", "soc/x.md", "--spcm", "岗位技能").returncode == 2
    help_text = academy(project, "new", "page", "--help")
    assert help_text.returncode == 0 and "页面标题" in help_text.stdout


def test_role_then_path_then_quiz(project):
    model_before = (project / "quizzes" / "spcm.yml").read_text(encoding="utf-8")
    assert (
        academy(
            project, "new", "role", "on-call", "--name", "值班工程师: 夜班", "--target", "soc-m1"
        ).returncode
        == 0
    )
    model_after = (project / "quizzes" / "spcm.yml").read_text(encoding="utf-8")
    assert added_lines(model_before, model_after) == [
        "  - id: on-call",
        '    name: "值班工程师: 夜班"',
        "    target: soc-m1",
    ]
    (project / "content" / "soc" / "night.md").write_text(
        page("夜班").replace("[operator]", "[on-call]"), encoding="utf-8"
    )
    config = project / "mkdocs.yml"  # a page written by hand goes into the nav by hand
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - soc/a.md\n", "  - soc/a.md\n  - soc/night.md\n"),
        encoding="utf-8",
    )
    result = academy(project, "new", "path", "on-call")
    assert result.returncode == 0, result.stdout + result.stderr
    path = (project / "content" / "paths" / "on-call.md").read_text(encoding="utf-8")
    assert (
        "roles: [on-call]" in path
        and "- page: soc/night.md" in path
        and "- reflection: day-1" in path
    )
    assert "paths/on-call.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    again = academy(project, "new", "path", "on-call")
    assert again.returncode == 2 and "已创建" not in again.stdout
    assert (
        academy(
            project, "new", "quiz", "night", "--title", "夜班测验", "--ref", "soc/night.md"
        ).returncode
        == 0
    )
    check = academy(project, "check", "--coverage", "--format", "json")
    assert check.returncode == 0, check.stdout
    assert "night" in json.loads(check.stdout)["coverage"]["quizzes_in_no_path"]


def guide_examples() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    workflow = text[
        text.index("## 培训师的工作流程 {#trainer-workflow}") : text.index("\n## 本页要点")
    ]
    blocks = re.findall(r"```text\n(.*?)```", workflow, re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("academy ")]


# What a trainer writes in place of the scaffolds' example text.
REAL_TEXT = {
    "（示例题目，请替换）": "",
    "（一句话说明这个测验检查什么）": "检查值班与升级的要点",
    "（一句话说明本页讲什么）": "值班时该做什么、该找谁",
    "（解析：为什么 A 是正确答案）": "先确认影响范围，才能决定找谁。",
    "- 正确的选项": "- 先确认影响范围，再按级别升级",
    "- 错误的选项": "- 先查清根本原因，再向上报告",
    "- 另一个错误的选项": "- 等到上班时间再统一处理",
}


def write_over_the_examples(project):
    from academy.core.scaffold_text import LEFT_TEXT

    for file in [*(project / "content").rglob("*.md"), *(project / "quizzes").glob("*.yml")]:
        lines = file.read_text(encoding="utf-8").splitlines()
        for index, written in enumerate(lines):
            line = written
            for example, real in REAL_TEXT.items():
                if line.strip() == example or (example.startswith("（") and example in line):
                    line = line.replace(example, real)
            if any(text in line for text in LEFT_TEXT):  # a Markdown line of example text
                line = "值班时先确认影响范围，再按升级规则联系相关的人。"
            lines[index] = line
        file.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.build
def test_the_author_guide_workflow_runs_as_written(project, tmp_path):
    examples = guide_examples()
    assert [e.split()[1] for e in examples] == ["new"] * 4 + [
        "check",
        "publish",
        "publish",
        "report",
        "report",
    ]
    for example in examples[:5]:
        result = academy(project, *shlex.split(example)[1:])
        assert result.returncode == 0, f"{example}\n{result.stdout}{result.stderr}"
    write_over_the_examples(project)  # as the guide asks before publishing
    dest = tmp_path / "www" / "onboarding"
    dest.parent.mkdir()
    publish, rollback = (
        shlex.split(e.replace("/var/www/onboarding", str(dest)))[1:] for e in examples[5:7]
    )
    for args in (publish, publish, rollback):
        result = academy(project, *args)
        assert result.returncode == 0, f"{args}\n{result.stdout}{result.stderr}"
    results = project / "结果"
    results.mkdir()
    (results / "张三.json").write_text(
        json.dumps(
            {
                "format": "academy-result",
                "schema": 1,
                "quiz": {"id": "on-call", "version": 1},
                "trainee": {"name": "张三"},
                "role": "on-call",
                "submitted": "2026-11-24T09:00:00Z",
                "answers": {"example-single": 0},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    report = academy(project, *shlex.split(examples[7])[1:])
    assert report.returncode == 0, report.stdout + report.stderr
    assert "张三" in (project / "报告" / "report.html").read_text(encoding="utf-8")

    # the same report from a Learning Record Store, the example's address made real
    ralph = Ralph(tmp_path / "lrs", "http://127.0.0.1:1")
    ralph.start()
    try:
        from_lrs = shlex.split(examples[8].replace("https://lrs.example.com/xAPI/", ralph.endpoint))
        env = {"ACADEMY_LRS_AUTH": f"{USER}:{PASSWORD}", "SITE_URL": "http://academy.example.com/"}
        report = academy(project, *from_lrs[1:], env=env)
    finally:
        ralph.stop()
    assert report.returncode == 0, report.stdout + report.stderr
    assert "已评分 0 条记录" in report.stdout


def test_example_text_left_from_academy_new_is_listed_and_blocks_publishing(project, tmp_path):
    from test_check_parity import findings

    assert academy(project, "new", "quiz", "drill", "--title", "演练").returncode == 0
    assert (
        academy(
            project, "new", "page", "soc/b.md", "--title", "乙", "--spcm", "岗位技能"
        ).returncode
        == 0
    )
    bank = (project / "quizzes" / "drill.yml").read_text(encoding="utf-8").splitlines()
    left_in_bank = {n for n, line in enumerate(bank, 1) if "（" in line or "的选项" in line}

    check = academy(project, "check")
    assert check.returncode == 0  # advice while writing: the page can be previewed
    listed = {found for found in findings(check.stdout.splitlines()) if "示例文字" in found[2]}
    comments = {n for n, line in enumerate(bank, 1) if line.lstrip().startswith("#")}
    assert {
        line for file, line, _ in listed if file == "quizzes/drill.yml"
    } == left_in_bank - comments
    assert any(file == "content/soc/b.md" for file, _, _ in listed)

    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0
    from_build = findings([line.split("建议修改：")[-1] for line in build.output.splitlines()])
    assert {found for found in from_build if "示例文字" in found[2]} == listed

    refused = academy(project, "publish", str(tmp_path / "www"))
    assert refused.returncode == 1 and "示例文字还没有换成真正的内容，未发布" in refused.stderr
    assert not (tmp_path / "www").exists()


def test_the_example_texts_looked_for_are_the_ones_academy_new_writes():
    from academy.core.scaffold_text import LEFT_TEXT

    cli = ROOT / "plugins" / "academy" / "cli"
    lines = [
        line
        for file in sorted((cli / "scaffold_files").iterdir())
        for line in file.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    defaults = re.findall(r'default="(（[^"]*）)"', (cli / "new.py").read_text(encoding="utf-8"))
    assert defaults  # the page summary
    for text in LEFT_TEXT:
        assert any(text in line for line in lines + defaults), text
    for line in lines + defaults:  # every example written in （…） is looked for
        if "（" in line:
            assert any(text in line for text in LEFT_TEXT), line


def in_a_terminal(project, args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run academy with a terminal for input and output, typing each answer at a prompt."""
    master, slave = os.openpty()
    run = subprocess.Popen(
        [str(BIN / "academy"), *args], cwd=project, stdin=slave, stdout=slave, stderr=slave
    )
    os.close(slave)
    seen = b""

    def read(until: bytes | None) -> None:
        nonlocal seen
        while until is None or not seen.rstrip().endswith(until):
            ready, _, _ = select.select([master], [], [], 60)
            assert ready, seen.decode("utf-8", "replace")
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the command ended and closed the terminal
                return
            if not chunk:
                return
            seen += chunk

    for answer in answers:
        read(b">")
        os.write(master, answer.encode("utf-8") + b"\n")
    read(None)
    os.close(master)
    return run.wait(timeout=60), seen.decode("utf-8", "replace")


def test_new_page_asks_for_what_it_needs_in_a_terminal(project):
    # path, title, dimensions by number and by name, roles left to all
    code, shown = in_a_terminal(
        project, ["new", "page"], ["soc/on-call.md", "值班与升级", "99", "5,SOC专业", ""]
    )
    assert code == 0, shown
    assert "新页面放在哪里" in shown and "本页培养哪些 SPCM 维度" in shown
    assert "没有“99”这一项" in shown  # a wrong choice is asked again
    text = (project / "content" / "soc" / "on-call.md").read_text(encoding="utf-8")
    assert "title: 值班与升级" in text
    fifth = model_dimensions()[4]
    assert f"spcm: [{fifth}, SOC专业]" in text


def test_new_role_asks_for_its_name_and_a_script_gets_a_usage_error(project):
    code, shown = in_a_terminal(project, ["new", "role", "on-call"], ["", "值班工程师"])
    assert code == 0, shown
    assert "这一项必须填写" in shown
    assert "name: 值班工程师" in (project / "quizzes" / "spcm.yml").read_text(encoding="utf-8")
    piped = academy(project, "new", "quiz")  # no terminal: as before, nothing is asked
    assert piped.returncode == 2 and "缺少必填的参数：测验id、--title" in piped.stderr


def model_dimensions() -> tuple[str, ...]:
    from academy.core.model import load_model

    return load_model(ROOT / "quizzes" / "spcm.yml").dimensions
