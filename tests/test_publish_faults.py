"""`academy publish` stopped at any moment (killed, interrupted, out of disk) never
leaves the published site wrong, and the next run repairs what it left by itself.

The swap is stopped at every one of its file operations in turn (and a delete
half way through); after each stop the site in use is a complete version, the
kept version is complete or absent, and recovery, publishing and rolling back
all work. Real runs are killed while their build is writing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from academy.publish import swap
from academy.publish.swap import Layout, PublishError, recover, roll_back, swap_in, write_marker
from support.site import BIN, academy, page, write_project


class Killed(BaseException):
    """The process stopping here (not an Exception, so nothing catches it)."""


def make_site(folder: Path, version: int, files: int = 6) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"版本{version}", encoding="utf-8")
    for number in range(files):
        (folder / "pages").mkdir(exist_ok=True)
        (folder / "pages" / f"p{number}.html").write_text(f"{version}/{number}", encoding="utf-8")
    write_marker(folder, files + 1)
    return folder


def version(folder: Path) -> int | None:
    """The version a folder holds if it is a complete published site, else None."""
    if not swap.is_complete(folder):
        return None
    return int((folder / "index.html").read_text(encoding="utf-8").removeprefix("版本"))


def stray(layout: Layout) -> list[str]:
    return [p.name for kind in ("new", "trash", "swap") for p in swap.leftovers(layout, kind)]


class StopAfter:
    """Raise Killed at the n-th file operation of the swap (n counted from 0); a
    delete that is stopped removes half of its files first."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, n: int, atomic: bool) -> None:
        self.n, self.count = n, 0
        real_rename, real_rmtree, real_exchange = os.rename, shutil.rmtree, swap.exchange

        def step(action: Callable[[], object], partial: Callable[[], None] | None = None):
            if self.count == self.n:
                self.count += 1
                if partial:
                    partial()
                raise Killed
            self.count += 1
            return action()

        def rename(first, second):
            return step(lambda: real_rename(first, second))

        def rmtree(folder, ignore_errors=False):
            def half() -> None:
                files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
                for file in files[: len(files) // 2]:
                    file.unlink()

            return step(lambda: real_rmtree(folder, ignore_errors=ignore_errors), half)

        def exchange(first, second):
            return step(lambda: real_exchange(first, second) if atomic else False)

        monkeypatch.setattr(swap.os, "rename", rename)
        monkeypatch.setattr(swap.shutil, "rmtree", rmtree)
        monkeypatch.setattr(swap, "exchange", exchange)


def published_twice(root: Path) -> Layout:
    """DEST holds version 1, the kept version is 0."""
    dest = root / "www" / "site"
    make_site(dest, 1)
    make_site(root / "www" / ".site.previous", 0)
    return Layout(dest)


@pytest.fixture
def layout(tmp_path: Path) -> Layout:
    return published_twice(tmp_path)


def assert_sound(layout: Layout, allowed: set[int]) -> None:
    assert version(layout.dest) in allowed
    assert not layout.previous.exists() or version(layout.previous) is not None


def assert_usable(layout: Layout) -> None:
    """Recovery, then publishing and rolling back, work and leave nothing behind."""
    live = version(layout.dest)
    recover(layout)
    assert version(layout.dest) == live and stray(layout) == []
    staging = make_site(layout.dest.parent / ".site.new-next", 9)
    swap_in(staging, layout)
    assert version(layout.dest) == 9 and version(layout.previous) == live
    roll_back(layout)
    assert version(layout.dest) == live and version(layout.previous) == 9
    assert stray(layout) == []


@pytest.mark.parametrize("atomic", [True, False], ids=["exchange", "two-renames"])
def test_a_publish_stopped_at_any_step_leaves_a_complete_site_and_recovers(
    tmp_path, monkeypatch, atomic
):
    for n in range(20):
        layout = published_twice(tmp_path / f"try-{n}")
        staging = make_site(layout.dest.parent / ".site.new-abc", 2)
        with monkeypatch.context() as patch:
            StopAfter(patch, n, atomic)
            try:
                swap_in(staging, layout)
                stopped = False
            except Killed:
                stopped = True
        if atomic:  # with RENAME_EXCHANGE the site in use is never missing, even mid-swap
            assert_sound(layout, {1, 2})
        recover(layout)
        assert_sound(layout, {1, 2})
        assert version(layout.dest) == 2 or stopped
        assert_usable(layout)
        if not stopped:
            assert n >= 2  # the swap has at least a delete, a swap and a rename to stop at
            break


@pytest.mark.parametrize("atomic", [True, False], ids=["exchange", "two-renames"])
def test_a_rollback_stopped_at_any_step_leaves_a_complete_site_and_recovers(
    tmp_path, monkeypatch, atomic
):
    for n in range(20):
        layout = published_twice(tmp_path / f"try-{n}")
        with monkeypatch.context() as patch:
            StopAfter(patch, n, atomic)
            try:
                roll_back(layout)
                stopped = False
            except Killed:
                stopped = True
        recover(layout)
        assert_sound(layout, {0, 1})
        assert version(layout.previous) in {0, 1}  # a rollback never loses a version
        assert_usable(layout)
        if not stopped:
            break


def test_a_rollback_refuses_a_kept_version_that_is_not_complete(layout):
    (layout.previous / "pages" / "p3.html").unlink()
    with pytest.raises(swap.IncompleteSite, match="缺少 1 个文件"):
        roll_back(layout)
    assert version(layout.dest) == 1


def test_folders_publish_did_not_make_are_never_removed(layout):
    mine = layout.dest.parent / "site.new-report"  # not hidden: not a name publish uses
    mine.mkdir()
    (layout.previous / swap.MARKER).unlink()  # a kept version a person copied by hand
    recover(layout)
    assert mine.is_dir() and (layout.previous / "index.html").is_file()
    with pytest.raises(PublishError, match="不是本命令发布的站点"):
        swap.check_previous(layout)


# ------------------------------------------------------------------ real runs


SLOW_BUILD = """\
import time

def on_post_page(output, page, config):
    time.sleep(1.5)
    return output
"""

DISK_FULL = """\
import errno

def on_post_page(output, page, config):
    if page.file.src_uri == "b.md":
        raise OSError(errno.ENOSPC, "No space left on device")
    return output
"""


@pytest.fixture
def project(tmp_path) -> Path:
    return write_project(
        tmp_path / "project",
        {f"{name}.md": page(f"页面{name}") for name in ("index", "a", "b", "c", "d", "e")},
    )


def with_hook(project: Path, hook: str) -> None:
    (project / "hook.py").write_text(hook, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hook.py\n")


def published(project: Path, dest: Path) -> dict[str, bytes]:
    result = academy(project, "publish", str(dest))
    assert result.returncode == 0, result.stdout + result.stderr
    return snapshot(dest)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def build_child(parent: int, timeout: float = 60) -> int:
    """The pid of the mkdocs build that `parent` started, once it runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if f"\nPPid:\t{parent}\n" in status and b"mkdocs" in command:
                return int(entry.name)
        time.sleep(0.05)
    raise AssertionError("the build never started")


def gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = (Path("/proc") / str(pid) / "status").read_text()
        except OSError:
            return True
        if "\nState:\tZ" in state:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.build
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill", "term"])
def test_killing_publish_mid_build_stops_the_build_and_the_next_run_cleans_up(
    project, tmp_path, sig
):
    dest = tmp_path / "www" / "site"
    dest.parent.mkdir()
    before = published(project, dest)
    with_hook(project, SLOW_BUILD)
    run = subprocess.Popen(
        [str(BIN / "academy"), "publish", str(dest)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    child = build_child(run.pid)
    run.send_signal(sig)
    _, err = run.communicate(timeout=60)
    assert gone(child, timeout=3), "the build went on writing after academy was stopped"
    assert snapshot(dest) == before
    if sig == signal.SIGTERM:  # stopped through its own clean-up
        assert run.returncode == 1 and "发布被中断，站点保持原样" in err
        assert "Traceback" not in err
    (project / "hook.py").write_text("", encoding="utf-8")
    again = academy(project, "publish", str(dest))
    assert again.returncode == 0, again.stdout + again.stderr
    assert stray(Layout(dest)) == [] and kept_version(dest) == before


def kept_version(dest: Path) -> dict[str, bytes]:
    """The files of the version kept for --rollback."""
    return snapshot(dest.parent / f".{dest.name}.previous")


@pytest.mark.build
def test_a_disk_that_fills_up_during_the_build_is_reported_in_chinese(project, tmp_path):
    dest = tmp_path / "www" / "site"
    dest.parent.mkdir()
    before = published(project, dest)
    with_hook(project, DISK_FULL)
    result = academy(project, "publish", str(dest))
    assert result.returncode == 1
    assert "磁盘空间不足" in result.stderr and "MB" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(dest) == before and stray(Layout(dest)) == []


def test_a_disk_too_small_for_the_new_version_is_refused_before_building(layout, monkeypatch):
    from academy.cli import publish

    monkeypatch.setattr(
        publish.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 10**9, 10)
    )
    with pytest.raises(PublishError, match=r"磁盘空间不足：新版本约需 .* MB.*只剩 .* MB"):
        publish.check_space(layout)
