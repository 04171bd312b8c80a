"""Shared fixtures: real builds of the shipped site and of small sites written in tmp_path."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
BIN = Path(sys.executable).parent


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
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the built site is served on in browser tests (its SITE_URL)."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Build:
    """The shipped course, built once per test session for http://127.0.0.1:<site_port>/."""
    build = run_build(
        ROOT, tmp_path_factory.mktemp("built") / "site", site_url=f"http://127.0.0.1:{site_port}/"
    )
    assert build.returncode == 0, build.output
    return build


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


def write_project(root: Path, pages: dict[str, str], nav: list[str] | None = None) -> Path:
    """A minimal project using the real model and the real mkdocs.yml settings."""
    (root / "quizzes").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "quizzes" / "spcm.yml", root / "quizzes" / "spcm.yml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\n"
    if nav is not None:
        config += "nav:\n" + "".join(f"  - {page}\n" for page in nav)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in pages.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def page(title: str = "页面", body: str = "正文。") -> str:
    return PAGE.format(title=title, body=body)


def browser_required() -> bool:
    return bool(os.environ.get("REQUIRE_BROWSER") or os.environ.get("CI"))


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by playwright; skipped (or failed in CI) without it."""
    if not CHROMIUM.exists():
        message = (
            "Browser tests need Debian's Chromium at /usr/bin/chromium "
            "(apt-get install chromium fonts-noto-cjk)."
        )
        if browser_required():
            pytest.fail(message + " REQUIRE_BROWSER is set, so this is a failure.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def http_root(built_site: Build, site_port: int):
    """The built site served over HTTP at its SITE_URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site_port}/"
    server.shutdown()
    server.server_close()


def open_quiz(tab, root: str, name: str) -> None:
    """Open a generated quiz page and wait until its widget is ready."""
    tab.goto(root + f"quizzes/{name}.html")
    tab.wait_for_selector('[data-academy="quiz"][data-academy-mounted]')


def submit_quiz(tab, root: str, name: str) -> None:
    """Answer every question with its first choice, submit, and wait for the result."""
    open_quiz(tab, root, name)
    for fieldset in tab.locator("fieldset[data-question]").all():
        first = fieldset.locator("input").first
        if first.count():
            first.check()
    tab.locator('[data-academy="quiz"] button[type=submit]').first.click()
    tab.wait_for_selector("[data-academy-result]", state="visible")
