"""axe-core (vendored from npm, tests only) on every page type, light and dark: no serious or critical violation."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(tabs, http_root, kind, scheme):
    tab = tabs.open(color_scheme=scheme)
    tab.goto(http_root + PAGE_TYPES[kind])
    tab.wait_for_load_state("networkidle")
    assert axe_violations(tab) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("quiz", ["soc-intro", "spcm-self"])
def test_quiz_results_have_no_serious_violations(tabs, http_root, quiz, scheme):
    tab = tabs.open(color_scheme=scheme)
    submit_quiz(tab, http_root + f"quizzes/{quiz}.html")  # feedback, result table, charts, gaps
    assert axe_violations(tab) == []


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
