"""Every command's help and every usage error reads in Chinese: the only Latin
letters a trainer sees are command and option names, paths, ids and acronyms."""

from __future__ import annotations

import re

import pytest

from support.site import ROOT, academy, page, run_build, write_project

COMMANDS = [
    [],
    ["check"],
    ["score"],
    ["new"],
    ["new", "page"],
    ["new", "quiz"],
    ["new", "path"],
    ["new", "role"],
    ["report"],
    ["publish"],
    ["search"],
]

# What may stay Latin: the commands themselves, format values and acronyms.
ALLOWED = {
    "academy", "check", "score", "new", "report", "publish", "search",
    "page", "quiz", "path", "role", "id", "text", "json", "content",
    "roles", "spcm", "title", "summary", "minutes",  # front matter keys
    "SPCM", "SOC", "HTML", "CSV", "JSON", "CPU", "SITE_URL", "N",
    # learning records: the standard's names a trainer configures by
    "LRS", "xAPI", "registration", "netrc", "NETRC", "ACADEMY_LRS_AUTH",
}  # fmt: skip
CODE = re.compile(
    r"--?[A-Za-z][\w-]*"  # options
    r"|\S*[/.]\S*"  # paths, file names, addresses
    r"|`[^`]*`"
    r"|\b[a-z0-9]+(?:-[a-z0-9]+)+\b"  # ids such as on-call
)


def latin_prose(text: str) -> set[str]:
    words = set(re.findall(r"[A-Za-z][A-Za-z_]*", CODE.sub(" ", text)))
    return words - ALLOWED


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "academy")
def test_help_and_usage_errors_speak_chinese(command):
    shown = academy(ROOT, *command, "--help")
    assert shown.returncode == 0, shown.stderr
    assert "用法：" in shown.stdout and "显示本帮助并退出" in shown.stdout
    assert latin_prose(shown.stdout) == set(), shown.stdout

    wrong = academy(ROOT, *command, "--no-such-option")
    assert wrong.returncode == 2
    assert "用法错误" in wrong.stderr and "Traceback" not in wrong.stderr
    assert latin_prose(wrong.stderr) == set(), wrong.stderr


@pytest.mark.parametrize(
    "command, missing",
    [
        (["new", "quiz"], "缺少必填的参数"),
        (["new", "page", "soc/x.md"], "缺少必填的参数"),
        (["search"], "缺少必填的参数"),
        (["publish"], "缺少必填的参数"),
        (["check", "--format", "xmlish"], "没有 'xmlish' 这一项"),
    ],
)
def test_a_missing_or_wrong_argument_is_explained_in_chinese(command, missing):
    result = academy(ROOT, *command)
    assert result.returncode == 2 and missing in result.stderr, result.stderr
    assert latin_prose(result.stderr.replace("xmlish", "")) == set(), result.stderr


LOG_LEVELS = {"INFO", "WARNING", "ERROR", "DEBUG"}  # the level MkDocs puts before each line


@pytest.mark.build
def test_the_build_speaks_chinese(built_site):
    # MkDocs' own lines too: cleaning, building to a folder, the time it took.
    lines = [line for line in built_site.output.splitlines() if line.strip()]
    assert any("站点构建完成" in line for line in lines), built_site.output
    assert latin_prose("\n".join(lines)) - LOG_LEVELS == set(), built_site.output


def test_a_broken_link_fails_the_build_in_chinese_with_its_line(tmp_path):
    project = write_project(
        tmp_path / "project",
        {"index.md": page("首页", "见[值班](duty.md)。"), "log/index.md": page("学习日志")},
    )
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 1
    shown = [line for line in build.output.splitlines() if "content/index.md" in line]
    assert shown == ["WARNING -  content/index.md:11: 链接 duty.md 指向的 duty.md 不存在"], (
        build.output
    )
    assert "Doc file" not in build.output and "Traceback" not in build.output
