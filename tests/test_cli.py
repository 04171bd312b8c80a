"""`academy check`: the same checks as the build, for trainers in a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, page, write_project

ACADEMY = Path(sys.executable).parent / "academy"


def academy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ACADEMY), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_check_passes_on_the_shipped_course():
    result = academy("check", cwd=ROOT)
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
    result = academy("check", cwd=project)
    assert result.returncode == 1
    assert "content/a.md:4: minutes" in result.stdout
    assert "content/b.md:6: spcm 中的SPCM 维度“沟通”不存在" in result.stdout
    assert "发现 2 处问题" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_check_without_a_site_config_is_a_usage_error(tmp_path):
    result = academy("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "找不到站点配置文件" in result.stderr


def test_unknown_command_is_a_usage_error(tmp_path):
    result = academy("frobnicate", cwd=tmp_path)
    assert result.returncode == 2


def test_help_is_in_chinese():
    result = academy("--help", cwd=ROOT)
    assert result.returncode == 0
    assert "检查" in result.stdout
