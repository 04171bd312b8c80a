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


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "loadgroup", False):  # a worker, with --dist loadgroup
        config.pluginmanager.register(_GroupsOnOneWorker(), "academy-xdist-groups")
    workers = (
        config.getoption("numprocesses", default=None)
        if config.pluginmanager.hasplugin("xdist")
        else None
    )
    if workers and not hasattr(config, "workerinput") and not config.option.collectonly:
        _serve_the_shipped_site(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _shared in config.stash:
        config.stash[_shared][1].close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that stands on the shipped site's build is a build test (`-m "not build"`).
    The browser tests, the slowest, are handed out first, so that the workers' last tests
    are short ones and they finish together."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.build)
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


# ------------------------------------------------------------ two workers (pytest-xdist)


def _serve_the_shipped_site(config: pytest.Config) -> None:
    """In the controller: one folder served on one port for the whole run. The first worker
    that needs the shipped site builds it there for that address (built_site), the others
    wait for it, and it stays served until the last worker is done."""
    stack = ExitStack()
    folder = Path(tempfile.mkdtemp(prefix="academy-shipped-"))
    stack.callback(shutil.rmtree, folder, ignore_errors=True)
    port = free_port()
    stack.enter_context(serve(folder / "site", port=port))
    config.stash[_shared] = ({"folder": str(folder), "port": port}, stack)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """(In the controller) Tell each worker where the shared build is."""
    if _shared in node.config.stash:
        node.workerinput[SHIPPED] = node.config.stash[_shared][0]


def _shared_build(config: pytest.Config) -> dict | None:
    return getattr(config, "workerinput", {}).get(SHIPPED)


class _GroupsOnOneWorker:
    """`--dist loadgroup` sends the tests of one xdist_group to one worker by the suffix
    "@<group>" on their ids. pytest-xdist 3.8 writes that suffix where pytest 8 kept the id,
    and pytest 9 keeps it elsewhere, so without this every group is spread over the workers
    (and its module's shared build is made by each). Does nothing once the suffix is there."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            groups = sorted({str(mark.args[0]) for mark in item.iter_markers("xdist_group")})
            node_id = getattr(item, "_id", None)  # pytest 9's NodeId
            if groups and node_id is not None and "@" not in item.nodeid:
                item._id = type(node_id).parse(f"{item.nodeid}@{'_'.join(groups)}")


# ---------------------------------------------------- the shipped site, once per test run


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
