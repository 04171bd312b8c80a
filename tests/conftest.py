"""Fixtures shared by the whole suite: the shipped course built once per test run, served
over HTTP, and a real Chromium with one `tab` fixture. The helpers are in tests/support/."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Page

from support.browser import CHROMIUM, CHROMIUM_ARGS, Tabs, browser_required
from support.site import (
    BIN,
    ROOT,
    Build,
    build_once,
    free_port,
    page,
    run_build,
    serve,
    write_project,
)

# Re-exported for the tests that still import them from conftest (test_check_parity.py);
# the rest import from support.site.
__all__ = ["BIN", "ROOT", "Build", "page", "run_build", "write_project"]

SHIPPED = "academy_shipped_site"  # where the workers of one run find the shared build
_shared = pytest.StashKey[tuple[dict, ExitStack]]()  # in the controller: that, and its server


# ---------------------------------------------------- the shipped site, once per test run


def pytest_configure(config: pytest.Config) -> None:
    """With test workers (pytest-xdist), the controller serves one folder on one port for the
    whole run: the first worker that needs the shipped site builds it there for that address,
    the others wait for it, and it stays served until the last worker is done."""
    workers = (
        config.getoption("numprocesses", default=None)
        if config.pluginmanager.hasplugin("xdist")
        else None
    )
    if hasattr(config, "workerinput") or not workers or config.option.collectonly:
        return
    stack = ExitStack()
    folder = Path(tempfile.mkdtemp(prefix="academy-shipped-"))
    stack.callback(shutil.rmtree, folder, ignore_errors=True)
    port = free_port()
    stack.enter_context(serve(folder / "site", port=port))
    config.stash[_shared] = ({"folder": str(folder), "port": port}, stack)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """(pytest-xdist, in the controller) Tell each worker where the shared build is."""
    if _shared in node.config.stash:
        node.workerinput[SHIPPED] = node.config.stash[_shared][0]


def pytest_unconfigure(config: pytest.Config) -> None:
    if _shared in config.stash:
        config.stash[_shared][1].close()


def _shared_build(config: pytest.Config) -> dict | None:
    return getattr(config, "workerinput", {}).get(SHIPPED)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that stands on the shipped site's build is a build test (`-m "not build"`).
    The browser tests, the slowest, are handed out first, so that the workers' last tests
    are short ones and they finish together."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.build)
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


@pytest.fixture(scope="session")
def site_port(pytestconfig: pytest.Config) -> int:
    """The port the built site is served on in browser tests (its SITE_URL)."""
    shared = _shared_build(pytestconfig)
    return shared["port"] if shared else free_port()


@pytest.fixture(scope="session")
def built_site(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory, site_port: int
) -> Build:
    """The shipped course, built once per test run for http://127.0.0.1:<site_port>/."""
    shared = _shared_build(pytestconfig)
    folder = Path(shared["folder"]) if shared else tmp_path_factory.mktemp("built")
    build = build_once(folder, ROOT, f"http://127.0.0.1:{site_port}/")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def http_root(pytestconfig: pytest.Config, built_site: Build, site_port: int) -> Iterator[str]:
    """The built site served over HTTP at its SITE_URL."""
    if _shared_build(pytestconfig):  # served by the controller
        yield f"http://127.0.0.1:{site_port}/"
        return
    with serve(built_site.site, port=site_port) as root:
        yield root


# ---------------------------------------------------------------- Chromium


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
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tabs(chromium) -> Iterator[Tabs]:
    """Tabs for one test; any JavaScript error, console error or unexpected dialog fails it."""
    opened = Tabs(chromium)
    yield opened
    opened.close()
    assert opened.errors == []


@pytest.fixture
def tab(tabs: Tabs) -> Page:
    """One tab in a fresh browser profile, watched like every tab of `tabs`."""
    return tabs.open()
