"""academy publish DEST: strict build elsewhere, verify, then swap into DEST atomically."""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from academy.core.problems import format_all
from academy.publish.swap import (
    IncompleteSite,
    Layout,
    PublishError,
    check_destination,
    check_previous,
    locked,
    published_at,
    recover,
    roll_back,
    swap_in,
    write_marker,
)
from academy.publish.verify import missing_pages, outside_references

from .common import FINDINGS, OK, USAGE, open_project, report_problems
from .progress_bar import stage

HELP = "构建并发布站点到指定文件夹：先在临时文件夹严格构建并校验，再整体替换，保留上一版本以便回滚"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dest",
        metavar="目标文件夹",
        help="站点发布到这里，例如 /var/www/onboarding 或共享盘上的文件夹",
    )
    parser.add_argument(
        "--rollback",
        action="store_true",
        help="不构建，恢复上一次发布之前的版本（再执行一次即撤销回滚）",
    )
    parser.add_argument(
        "--site-url",
        metavar="地址",
        help="站点的访问地址，例如 http://soc.intranet.example/onboarding/"
        "（默认取环境变量 SITE_URL）",
    )


# What a file operation's failure means, for someone who does not read English.
REASONS = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许这个操作",
    errno.EROFS: "文件系统是只读的",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EBUSY: "文件夹正被其他程序使用",
}


class Interrupted(Exception):
    """The publish was stopped (Ctrl+C or kill); the finally blocks clean up."""


def run(args: argparse.Namespace) -> int:
    dest = Path(args.dest).absolute()
    layout = Layout(dest)
    try:
        with _stoppable():
            if args.rollback:
                return _rollback(layout)
            return _publish(args, layout)
    except PublishError as error:
        print(f"{dest}: {error}", file=sys.stderr)
        if error.hint:
            print(f"    提示：{error.hint}", file=sys.stderr)
        return FINDINGS if isinstance(error, IncompleteSite) else USAGE
    except Interrupted:
        print(f"{dest}: 发布被中断，站点保持原样。", file=sys.stderr)
        return FINDINGS
    except OSError as error:
        reason = REASONS.get(error.errno or 0, error.strerror or "未知错误")
        print(
            f"{error.filename or dest}: 文件操作失败（{reason}），站点保持原样。", file=sys.stderr
        )
        print("    提示：检查目标文件夹的权限和磁盘空间。", file=sys.stderr)
        return USAGE


@contextmanager
def _stoppable() -> Iterator[None]:
    """Ctrl+C and kill (SIGTERM) end the run through its finally blocks, not mid-step."""

    def stop(signum: int, frame: object) -> None:
        raise Interrupted

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _recover(layout: Layout) -> None:
    for line in recover(layout):
        print(f"上次发布被中断：{line}。", file=sys.stderr)


def _rollback(layout: Layout) -> int:
    if not layout.dest.parent.is_dir():
        raise PublishError(f"{layout.dest.parent} 不存在")
    with locked(layout):
        _recover(layout)
        atomic = roll_back(layout)
    print(f"已回滚：{layout.dest} 现在是 {published_at(layout.dest)} 发布的版本。")
    print(f"刚才的版本保存在 {layout.previous}，再执行一次 --rollback 即可恢复。")
    if not atomic:
        print("注意：此文件系统不支持原子交换，切换时站点有极短时间不可用。", file=sys.stderr)
    return OK


def _publish(args: argparse.Namespace, layout: Layout) -> int:
    stage("1/4 检查内容…")
    project = open_project(args.config_file, anchors=True)
    if project is None:
        return USAGE
    if project.problems or project.course is None:
        print("站点内容有错误，未发布（目标文件夹保持原样）：", file=sys.stderr)
        return report_problems(project.problems)
    if project.course.scaffold:
        print(
            "新建时的示例文字还没有换成真正的内容，未发布（目标文件夹保持原样）：", file=sys.stderr
        )
        return report_problems(project.course.scaffold)
    settings = project.settings
    check_destination(layout.dest, settings.base, settings.docs_dir)
    site_url = args.site_url if args.site_url is not None else os.environ.get("SITE_URL", "")
    with locked(layout):
        _recover(layout)
        check_previous(layout)
        check_space(layout)
        staging = layout.staging()
        try:
            status = _build_and_verify(
                args.config_file, settings.base, staging, site_url, project, args.verbose
            )
            if status != OK:
                return status
            stage("4/4 切换到新版本…")
            atomic = swap_in(staging, layout)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    print(f"已发布到 {layout.dest}。")
    if layout.previous.exists():
        print(f"上一版本保存在 {layout.previous}；如需恢复：academy publish {args.dest} --rollback")
    if not atomic:
        print("注意：此文件系统不支持原子交换，切换时站点有极短时间不可用。", file=sys.stderr)
    return OK


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _megabytes(size: int) -> str:
    return f"{max(size, 1) / 1_000_000:.1f} MB"


def check_space(layout: Layout) -> None:
    """Refuse before building when the new version would not fit beside the live one
    and the kept one (it is built in full before the old kept version is deleted)."""
    if not layout.dest.is_dir():
        return
    needed = _size(layout.dest) * 11 // 10  # a new version is about as large as the last
    free = shutil.disk_usage(layout.dest.parent).free
    if free < needed:
        raise PublishError(
            f"磁盘空间不足：新版本约需 {_megabytes(needed)}，{layout.dest.parent} "
            f"所在的磁盘只剩 {_megabytes(free)}，未发布（站点保持原样）",
            f"清理这块磁盘；或删除上一版本 {layout.previous}（删除后不能回滚）再发布。",
        )


def _disk_full(staging: Path, output: str) -> str | None:
    """The message for a build that stopped because the disk filled up, else None."""
    if "No space left on device" not in output and "Errno 28" not in output:
        return None
    written = _size(staging) if staging.exists() else 0
    return (
        f"磁盘空间不足：构建写到 {_megabytes(written)} 时磁盘已满，未发布（站点保持原样）。\n"
        f"    提示：站点需要的空间大于 {_megabytes(written)}；"
        f"在 {staging.parent} 所在的磁盘上至少留出 {_megabytes(written * 2)} 再发布。"
    )


def _die_with_parent() -> None:
    """Runs in the build process before it starts: on Linux it is killed with academy,
    instead of writing on into a folder nobody will use."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _build_and_verify(
    config_file: str, base: Path, staging: Path, site_url: str, project: object, verbose: bool
) -> int:
    stage("2/4 在临时文件夹中严格构建…")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "-f",
            str(Path(config_file).absolute()),
            "-d",
            str(staging),
            *(["--verbose"] if verbose else []),
        ],
        cwd=base,
        env=env,
        capture_output=True,
        text=True,
        check=False,  # a failed build is reported below, with its output
        preexec_fn=_die_with_parent,  # no threads run here, so preexec_fn is safe
    )
    if verbose:
        print(build.stdout + build.stderr, end="")
    full = _disk_full(staging, build.stdout + build.stderr)
    if build.returncode != 0 and full:
        print(full, file=sys.stderr)
        return FINDINGS
    if build.returncode != 0:
        if not verbose:  # else the whole output is already shown above
            lines = [
                line
                for line in (build.stdout + build.stderr).splitlines()
                # MkDocs' closing "Aborted with …" line: the Chinese one below says it
                if line.strip() and not line.startswith(("INFO", "Aborted with"))
            ]
            print("\n".join(lines[-60:]))
        print("\n构建失败，未发布（目标文件夹保持原样）。", file=sys.stderr)
        return FINDINGS
    stage("3/4 校验构建结果…")
    course = project.course  # type: ignore[attr-defined]
    sources = [*course.pages.metas, *(f"quizzes/{quiz_id}.md" for quiz_id in course.quizzes)]
    problems = missing_pages(staging, sources) + outside_references(staging, site_url)
    if problems:
        print(format_all(problems).replace(staging.name + "/", "site/"))
        print(f"\n校验发现 {len(problems)} 处问题，未发布（目标文件夹保持原样）。", file=sys.stderr)
        return FINDINGS
    write_marker(staging, len(sources))
    return OK
