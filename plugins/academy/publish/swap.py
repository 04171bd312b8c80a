"""Publish a built site into a folder that trainees use, never leaving it half-written.

Layout next to DEST (hidden, so nginx's deny-dotfiles rule keeps them private):
  .DEST.new-XXXX/    the build being prepared (removed when anything fails)
  .DEST.previous/    the version before the last publish, for --rollback
  .DEST.trash-XXXX/  a folder being deleted (renamed first, so nothing that
                     counts is ever half deleted)
  .DEST.swap-XXXX/   DEST parked for a moment by a rollback without atomic swap
  .DEST.publish.lock held while publishing
A published folder carries MARKER, written last and counting the site's files;
a folder without it is never deleted. At every instant DEST is a complete site
(the old or the new one) and .DEST.previous is complete or absent; the next
publish or rollback puts right whatever a killed one left (`recover`).

The swap exchanges the two folders in one step with Linux renameat2
(RENAME_EXCHANGE). Where that is unavailable (another OS, some network file
systems) it falls back to two renames, with a moment in between where DEST is
missing; `swap_is_atomic` tells which one was used.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

MARKER = ".academy-publish.json"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class PublishError(Exception):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class IncompleteSite(PublishError):
    """What a rollback would restore is not a complete site."""


@dataclass(frozen=True)
class Layout:
    dest: Path

    @property
    def previous(self) -> Path:
        return self.dest.parent / f".{self.dest.name}.previous"

    @property
    def lock(self) -> Path:
        return self.dest.parent / f".{self.dest.name}.publish.lock"

    def staging(self) -> Path:
        folder = Path(tempfile.mkdtemp(dir=self.dest.parent, prefix=f".{self.dest.name}.new-"))
        mask = os.umask(0)
        os.umask(mask)
        folder.chmod(0o777 & ~mask)  # mkdtemp makes it private; the web server must read it
        return folder


def is_published(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def _files(site: Path) -> int:
    return sum(1 for path in site.rglob("*") if path.is_file() and path.name != MARKER)


def write_marker(site: Path, pages: int) -> None:
    """Mark `site` as a complete published site: written last, atomically."""
    info = {
        "published": datetime.now(UTC).isoformat(timespec="seconds"),
        "pages": pages,
        "files": _files(site),
    }
    draft = site / f"{MARKER}.tmp"
    draft.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    os.replace(draft, site / MARKER)


def missing_files(folder: Path) -> int | None:
    """How many of a published site's files are gone (0: complete); None if unmarked."""
    try:
        info = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    expected = info.get("files") if isinstance(info, dict) else None
    if not isinstance(expected, int):
        return 0  # marked before files were counted
    return max(expected - _files(folder), 0)


def is_complete(folder: Path) -> bool:
    return folder.is_dir() and not folder.is_symlink() and missing_files(folder) == 0


def published_at(folder: Path) -> str:
    try:
        return str(json.loads((folder / MARKER).read_text(encoding="utf-8")).get("published", "?"))
    except (OSError, ValueError, AttributeError):
        return "?"


@contextmanager
def locked(layout: Layout) -> Iterator[None]:
    """One publish at a time per DEST; the lock goes away with the process."""
    with open(layout.lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(
                f"{layout.dest} 正在被另一个发布命令使用", "等另一个发布结束后再试。"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _sync(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def check_previous(layout: Layout) -> None:
    """The kept version is replaced by the next publish: only ever delete our own."""
    previous = layout.previous
    if not previous.exists() and not previous.is_symlink():
        return
    if previous.is_symlink() or not previous.is_dir() or not is_published(previous):
        raise PublishError(
            f"{previous} 不是本命令发布的站点，不能删除",
            "请先把它移到别处（它可能是手工复制的旧站点），再重新发布。",
        )


def _set_aside(folder: Path, layout: Layout, kind: str) -> Path:
    """Rename `folder` to a fresh hidden name of this `kind` (trash, swap)."""
    target = Path(tempfile.mkdtemp(dir=layout.dest.parent, prefix=f".{layout.dest.name}.{kind}-"))
    os.rmdir(target)
    os.rename(folder, target)
    return target


def _discard(folder: Path, layout: Layout) -> None:
    """Delete by renaming first: a kill mid-delete leaves only a trash folder."""
    shutil.rmtree(_set_aside(folder, layout, "trash"), ignore_errors=True)


def leftovers(layout: Layout, kind: str) -> list[Path]:
    """The folders of `kind` (new, trash, swap) that an earlier run left."""
    found = layout.dest.parent.glob(f".{layout.dest.name}.{kind}-*")
    return sorted(path for path in found if path.is_dir() and not path.is_symlink())


def recover(layout: Layout) -> list[str]:
    """Put right what a killed publish or rollback left; what was done, in words.
    Call it holding the lock."""
    done = []
    dest, previous = layout.dest, layout.previous
    parked = [folder for folder in leftovers(layout, "swap") if is_complete(folder)]
    if not dest.exists():  # killed between two renames of a swap without RENAME_EXCHANGE
        back = parked.pop(0) if parked else previous if is_complete(previous) else None
        if back is not None:
            os.rename(back, dest)
            done.append(f"恢复了 {dest}")
    if parked and not previous.exists():  # a rollback killed before its last rename
        os.rename(parked.pop(0), previous)
    for kind in ("new", "swap", "trash"):
        for folder in leftovers(layout, kind):
            if folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
                done.append(f"删除了中断时留下的 {folder.name}")
    _sync(dest.parent)
    return done


def swap_in(staging: Path, layout: Layout) -> bool:
    """Make `staging` the live DEST; the old DEST becomes previous. True if atomic."""
    dest = layout.dest
    if not dest.exists():
        os.rename(staging, dest)
        _sync(dest.parent)
        return True
    check_previous(layout)
    if layout.previous.exists():
        _discard(layout.previous, layout)
    if exchange(staging, dest):
        os.rename(staging, layout.previous)  # staging now holds the old version
        atomic = True
    else:
        os.rename(dest, layout.previous)
        os.rename(staging, dest)
        atomic = False
    _sync(dest.parent)
    return atomic


def roll_back(layout: Layout) -> bool:
    """Swap DEST and previous (a second rollback redoes the publish). True if atomic."""
    dest, previous = layout.dest, layout.previous
    if not previous.is_dir() or not is_published(previous):
        raise PublishError(
            f"没有可以恢复的上一版本（{previous} 不存在）", "至少发布两次之后才能回滚。"
        )
    missing = missing_files(previous)
    if missing:
        raise IncompleteSite(
            f"上一版本不完整（缺少 {missing} 个文件），不能用它回滚",
            "当前站点保持原样；重新发布一次即可得到完整的站点。",
        )
    if not dest.is_dir():
        os.rename(previous, dest)
        return True
    if exchange(previous, dest):
        _sync(dest.parent)
        return True
    parked = _set_aside(dest, layout, "swap")
    os.rename(previous, dest)
    os.rename(parked, previous)
    _sync(dest.parent)
    return False


def check_destination(dest: Path, project: Path, docs_dir: Path) -> None:
    """Refuse destinations where a swap could hurt the project itself."""
    if dest.exists() and not dest.is_dir():
        raise PublishError(
            f"{dest} 已存在，但不是文件夹", "发布目标必须是文件夹（或尚不存在的路径）。"
        )
    if not dest.parent.is_dir():
        raise PublishError(
            f"{dest.parent} 不存在", "先建好上一级文件夹，例如 mkdir -p " + str(dest.parent)
        )
    resolved = dest.resolve()
    if (
        resolved == project
        or project.is_relative_to(resolved)
        or resolved.is_relative_to(docs_dir.resolve())
    ):
        raise PublishError(
            f"不能发布到 {dest}：它包含项目本身或位于 content 文件夹中",
            "选择项目以外的文件夹，例如 /var/www/onboarding。",
        )
