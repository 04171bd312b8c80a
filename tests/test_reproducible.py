"""Two builds of the same checkout, at different times and in different folders, are byte-identical."""

from __future__ import annotations

import filecmp
import shutil
import time

import pytest

from support.site import ROOT, run_build

pytestmark = pytest.mark.build


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    copies = []
    for name in ("first", "second"):
        project = tmp_path / name / "checkout"
        shutil.copytree(
            ROOT,
            project,
            ignore=shutil.ignore_patterns(
                ".venv", "site", ".git", "node_modules", ".academy", "__pycache__", ".pytest_cache"
            ),
        )
        build = run_build(project, tmp_path / name / "site", site_url="http://soc.example/")
        assert build.returncode == 0, build.output
        copies.append(tmp_path / name / "site")
        time.sleep(1.1)
    first, second = copies
    assert tree(first) == tree(second)
    _, mismatch, errors = filecmp.cmpfiles(first, second, tree(first), shallow=False)
    assert mismatch == [] and errors == []
