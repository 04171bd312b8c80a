"""`academy check`: the same checks as the build, for trainers in a terminal."""

from __future__ import annotations

from support.site import ROOT, academy, page, write_project


def test_check_passes_on_the_shipped_course():
    result = academy(ROOT, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "检查通过" in result.stdout


def test_check_lists_every_problem_with_file_and_line(tmp_path):
    project = write_project(
        tmp_path,
        {
            "index.md": page("首页"),
            "a.md": page("甲").replace("minutes: 5", "minutes: 五"),
            "b.md": page("乙").replace("spcm: [岗位认知]", "spcm: [沟通]"),
        },
    )
    result = academy(project, "check")
    assert result.returncode == 1
    assert "content/a.md:4: minutes" in result.stdout
    assert "content/b.md:6: spcm 中的SPCM 维度“沟通”不存在" in result.stdout
    assert "发现 2 处问题" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_check_without_a_site_config_is_a_usage_error(tmp_path):
    result = academy(tmp_path, "check")
    assert result.returncode == 2
    assert "找不到站点配置文件" in result.stderr


def test_unknown_command_is_a_usage_error(tmp_path):
    result = academy(tmp_path, "frobnicate")
    assert result.returncode == 2


def test_help_is_in_chinese():
    result = academy(ROOT, "--help")
    assert result.returncode == 0
    assert "检查" in result.stdout
