"""The built site in a real headless Chromium, over HTTP and opened from file://:
every page loads with nothing from outside and without a script error, and nothing
runs off the screen at phone, tablet or desktop width (light over HTTP, dark from
file://, as a first visit shows it)."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, Request

from support.browser import Tabs
from support.layout import check_widths
from support.site import ROOT

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = ("data:", "blob:", "about:")


def diagram_count(page: Path) -> int:
    return page.read_text(encoding="utf-8").count('<pre class="mermaid">')


def wait_for_diagrams(tab, count: int, name: str = "") -> None:
    """Until Material has swapped each diagram's source for its drawing (in the tab a
    reader would be looking at; a busy two-core runner can take many seconds)."""
    if count:
        tab.bring_to_front()
        try:
            tab.wait_for_function(
                "n => document.querySelectorAll('div.mermaid').length >= n",
                arg=count,
                timeout=60_000,
            )
        except Exception as error:
            drawn = tab.evaluate("document.querySelectorAll('div.mermaid').length")
            raise AssertionError(f"{name or tab.url}: {drawn} of {count} diagrams drawn") from error


def site_pages(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if path.name != "404.html"
    )


def visit_all(
    tabs: Tabs, root: str, site: Path, scheme: str, at_once: int = 4
) -> tuple[list[str], list[str]]:
    """Open every page in the colour scheme, a few tabs at a time, each until its network
    has been quiet for half a second, and look for what runs off the screen at each
    width; return the requests that left the site and what ran off. (JavaScript and
    console errors go to tabs.errors.)"""
    outside: list[str] = []
    overflow: list[str] = []
    pool = [tabs.open(color_scheme=scheme) for _ in range(at_once)]
    loading: dict[Page, set[Request]] = {tab: set() for tab in pool}
    last_change: dict[Page, float] = {}

    def started(tab: Page, request: Request) -> None:
        if not request.url.startswith((root, *LOCAL_SCHEMES)):
            outside.append(request.url)
        loading[tab].add(request)
        last_change[tab] = time.monotonic()

    def ended(tab: Page, request: Request) -> None:
        loading[tab].discard(request)
        last_change[tab] = time.monotonic()

    for tab in pool:
        tab.on("request", lambda request, tab=tab: started(tab, request))
        tab.on("requestfinished", lambda request, tab=tab: ended(tab, request))
        tab.on("requestfailed", lambda request, tab=tab: ended(tab, request))
    names = site_pages(site)
    for start in range(0, len(names), at_once):
        batch = list(zip(pool, names[start : start + at_once], strict=False))
        for tab, name in batch:
            tab.goto(root + name, wait_until="commit")
        for tab, name in batch:
            tab.wait_for_load_state("load")
            deadline = time.monotonic() + 30
            while loading[tab] or time.monotonic() - last_change[tab] < 0.5:
                assert time.monotonic() < deadline, f"{name}: still loading {loading[tab]}"
                tab.wait_for_timeout(50)  # lets playwright deliver the tab's events
            # Mermaid is fetched on pages with diagrams only; each one gets drawn
            wait_for_diagrams(tab, diagram_count(site / name), name)
            check_widths(tab, name, overflow)
    return outside, overflow


def test_every_page_loads_over_http_with_nothing_from_outside_and_fits_the_screen(
    tabs, built_site, http_root
):
    outside, overflow = visit_all(tabs, http_root, built_site.site, "light")
    assert outside == []
    assert tabs.errors == []
    assert overflow == []


def test_every_page_loads_from_file_share_with_nothing_from_outside_and_fits_the_screen(
    tabs, built_site
):
    root = built_site.site.as_uri() + "/"
    outside, overflow = visit_all(tabs, root, built_site.site, "dark")
    assert outside == []
    assert tabs.errors == []
    assert overflow == []


def test_diagrams_are_drawn_without_network(tab, built_site, http_root):
    tab.goto(http_root + "soc/history.html")
    expected = diagram_count(built_site.site / "soc" / "history.html")
    wait_for_diagrams(tab, expected)
    drawings = tab.locator("div.mermaid")
    assert drawings.count() == expected >= 1
    for index in range(drawings.count()):
        assert drawings.nth(index).bounding_box()["height"] > 40


SEARCHES = [
    ("重大故障", "soc/norms.html"),
    ("岗位胜任能力模型", "soc/spcm.html"),
    ("发展历程", "soc/history.html"),
    ("频繁变更需求", "production/changing-requirements.html"),
    ("工作台", "platform/adevops.html"),
]


def search(tab, query: str) -> list[str]:
    """Type a query as a reader does and return the result links once they settle."""
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key events, not on fill
    tab.wait_for_selector(".md-search-result__item", timeout=15000)
    links = ".md-search-result__item > a"
    previous: list[str] = []
    for _ in range(60):
        tab.wait_for_timeout(50)
        current = tab.locator(links).evaluate_all("links => links.map(a => a.href)")
        if current == previous:
            break
        previous = current
    return previous


@pytest.mark.parametrize("where", ["http", "file"])
def test_chinese_query_in_search_box_finds_the_page(tab, built_site, http_root, where):
    root = http_root if where == "http" else built_site.site.as_uri() + "/"
    tab.goto(root + "index.html")
    for query, expected in SEARCHES:
        tab.goto(root + "index.html")
        hits = search(tab, query)[:5]
        assert any(urlsplit(hit).path.endswith(expected) for hit in hits), (query, hits)


@pytest.mark.parametrize("where", ["http", "file"])
def test_every_word_of_a_chinese_query_counts_and_is_highlighted(tab, built_site, http_root, where):
    # Material alone searches 故障分级 as 故障 (the last word is dropped) and
    # 开发者OP as 开发OP, which finds nothing.
    root = http_root if where == "http" else built_site.site.as_uri() + "/"
    for query, expected, marked in [
        ("故障分级", "soc/norms.html#fault-levels", "分级"),
        ("开发者OP", "platform/developer-op.html", "OP"),
    ]:
        tab.goto(root + "index.html")
        # (a query that is a glossary term shows that entry first; the page follows)
        hits = [urlsplit(hit) for hit in search(tab, query)]
        hits = [hit for hit in hits if not hit.path.endswith("/glossary.html")]
        assert hits[0].path.endswith(expected.split("#")[0]), (
            query,
            hits[:3],
        )  # the page ranks first
        assert any(
            hit.path == hits[0].path and hit.fragment == urlsplit(expected).fragment
            for hit in hits[:4]
        )
        page = tab.locator(".md-search-result__list > li").filter(
            has_not=tab.locator("a[href*='glossary.html']")
        )
        marks = page.first.locator("mark").all_inner_texts()
        assert marked in marks, (query, marks)
        assert (
            tab.locator("input.md-search__input").input_value() == query
        )  # the reader's text is untouched


def test_instant_navigation_over_http_keeps_the_page_and_draws_diagrams(tab, built_site, http_root):
    tab.goto(http_root + "soc/mission.html")
    assert diagram_count(built_site.site / "soc" / "mission.html") == 0  # Mermaid is not loaded yet
    tab.evaluate("window.__stayed = true")
    tab.locator("a.md-footer__link--next").click()
    tab.wait_for_url("**/soc/history.html")
    wait_for_diagrams(tab, diagram_count(built_site.site / "soc" / "history.html"))
    assert tab.evaluate("window.__stayed === true"), "the click reloaded the page"
    assert tab.errors == []


def test_file_share_pages_mount_material_components(tab, built_site):
    tab.goto(built_site.site.as_uri() + "/soc/history.html")
    wait_for_diagrams(tab, diagram_count(built_site.site / "soc" / "history.html"))
    # Tables are wrapped for horizontal scrolling once Material mounts the content
    assert tab.locator(".md-typeset__scrollwrap").count() >= 1


def test_searching_a_glossary_term_shows_the_glossary_first_with_its_entry(
    tab, built_site, http_root
):
    # The entry is usually the first section under it; the box searches the last
    # word as a prefix, so for 运营 the rarer 运营单 can come before it.
    terms = yaml.safe_load((ROOT / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    misses = []
    tab.goto(http_root + "index.html")
    for term in terms:
        search(tab, term["term"])
        group = tab.locator(".md-search-result__item").first.locator("a")
        links = [urlsplit(a) for a in group.evaluate_all("links => links.map(a => a.href)")]
        if not (
            links[0].path.endswith("/glossary.html")
            and term["id"] in [link.fragment for link in links]
        ):
            misses.append((term["term"], [(link.path, link.fragment) for link in links[:3]]))
        tab.locator("input.md-search__input").fill("")  # the next search starts from nothing
        tab.locator("input.md-search__input").press("End")
        tab.wait_for_selector(".md-search-result__item", state="detached")
    assert misses == [], "\n".join(map(str, misses))
