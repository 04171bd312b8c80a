"""axe-core (vendored from npm, tests only) on every page type, light and dark: no
serious or critical violation. Each page is audited in the light scheme, then again
after the reader presses 切换到深色模式 in the header."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from support.browser import axe_violations, submit_quiz

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "index.html",
    "content": "soc/norms.html",
    "path": "paths/operator.html",
    "dashboard": "me.html",
    "learning log": "log/index.html",
    "quiz": "quizzes/soc-intro.html",
    "author guide": "guide/index.html",
}


def in_both_schemes(tab: Page) -> dict[str, list[str]]:
    """The violations in the light scheme, then in the dark one."""
    body = tab.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    light = axe_violations(tab)
    tab.locator('label[title="切换到深色模式"]').click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    return {"light": light, "dark": axe_violations(tab)}


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(tabs, http_root, kind):
    tab = tabs.open(color_scheme="light")
    tab.goto(http_root + PAGE_TYPES[kind])
    tab.wait_for_load_state("networkidle")
    assert in_both_schemes(tab) == {"light": [], "dark": []}


@pytest.mark.parametrize("quiz", ["soc-intro", "spcm-self"])
def test_quiz_results_have_no_serious_violations(tabs, http_root, quiz):
    tab = tabs.open(color_scheme="light")
    submit_quiz(tab, http_root + f"quizzes/{quiz}.html")  # feedback, result table, charts, gaps
    assert in_both_schemes(tab) == {"light": [], "dark": []}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_open_has_no_serious_violations(tabs, http_root, scheme):
    tab = tabs.open(color_scheme=scheme)
    tab.goto(http_root + "index.html")
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill("重大故障")
    box.press("End")
    tab.wait_for_selector(".md-search-result__item", timeout=15000)
    tab.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('符合条件')"
    )
    tab.wait_for_timeout(500)  # let the result list settle before auditing it
    assert axe_violations(tab) == []
