"""Real projects written into a folder, real `mkdocs build --strict` runs, and one quiet
HTTP server: the harness every build and browser test stands on."""

from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from academy.core.course import CourseFiles, markdown_files

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

PAGE = """\
---
title: {title}
summary: 测试页面
minutes: 5
roles: [operator]
spcm: [岗位认知]
---

# {title}

{body}
"""


def page(title: str = "页面", body: str = "正文。") -> str:
    """A content page with valid front matter."""
    return PAGE.format(title=title, body=body)


def path_page(*steps: str, role: str = "operator", title: str = "运营专员学习路径") -> str:
    """A learning path for `role` with one module, 第一天, whose steps are written as in
    its YAML: `page: soc/a.md`, `quiz: basics` (the first step is on line 12)."""
    listed = "".join(f"        - {step}\n" for step in steps)
    return (
        f"---\ntitle: {title}\nsummary: 测试路径\nminutes: 3\nroles: [{role}]\n"
        "spcm: [岗位认知]\npath:\n  modules:\n    - id: day-1\n      title: 第一天\n"
        f"      steps:\n{listed}---\n\n# {title}\n"
    )


def write_project(root: Path, pages: dict[str, str], nav: list[str] | None = None) -> Path:
    """A minimal project using the real model and the real mkdocs.yml settings."""
    (root / "quizzes").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "quizzes" / "spcm.yml", root / "quizzes" / "spcm.yml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\n"
    # A trainer's site keeps the default: item-writing findings are advice.
    config = config.replace("      item_checks: error\n", "")
    # Nor does it have this repository's glossary (tests that want one write it).
    config = config.replace("      glossary: glossary.yml\n", "")
    if nav is not None:
        config += "nav:\n" + "".join(f"  - {page}\n" for page in nav)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in pages.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def run_build(project: Path, site: Path, *extra: str, site_url: str = "") -> Build:
    """`mkdocs build --strict` as a user runs it, from the project folder."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-d", str(site), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def build_once(folder: Path, project: Path, site_url: str) -> Build:
    """Build `project` into folder/site for `site_url` the first time any test process asks
    (under a lock on the folder); every later caller, in any process, gets that build."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = folder / "build.json"
        if not result.exists():
            build = run_build(project, folder / "site", site_url=site_url)
            result.write_text(json.dumps([build.returncode, build.output]), encoding="utf-8")
        returncode, output = json.loads(result.read_text(encoding="utf-8"))
    return Build(returncode, output, folder / "site")


def academy(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The `academy` command as a trainer runs it, in the folder `cwd` (with `env` added to
    the environment)."""
    return subprocess.run(
        [str(BIN / "academy"), *args],
        cwd=cwd,
        env={**os.environ, **env} if env else None,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging every request; sends `headers` with every response."""

    headers_to_send: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that navigates away mid-download closes the connection; that is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(folder: Path, port: int = 0, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1 (any free port unless given); yields its root URL."""
    handler = type("Handler", (_QuietHandler,), {"headers_to_send": dict(headers or {})})
    server = _QuietServer(("127.0.0.1", port), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def project_files(root: Path) -> CourseFiles:
    """The files of a project laid out as write_project() and this repository lay them out."""
    return CourseFiles(
        markdown_files(root / "content", root),
        root / "quizzes" / "spcm.yml",
        "quizzes/spcm.yml",
        "log/index.md",
        root / "search",
        "search",
    )
