"""axe-core (vendored from npm, tests only) on every page type, light and dark: no serious or critical violation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import submit_quiz

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGE_TYPES = {
    "home": "index.html",
    "content": "soc/norms.html",
    "path": "paths/operator.html",
    "dashboard": "me.html",
    "learning log": "log/index.html",
    "quiz": "quizzes/soc-intro.html",
    "author guide": "guide/index.html",
}


def violations(tab) -> list[str]:
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))"
    )
    return [json.dumps(v, ensure_ascii=False) for v in result]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(chromium, http_root, kind, scheme):
    context = chromium.new_context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto(http_root + PAGE_TYPES[kind])
    tab.wait_for_load_state("networkidle")
    found = violations(tab)
    context.close()
    assert found == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("quiz", ["soc-intro", "spcm-self"])
def test_quiz_results_have_no_serious_violations(chromium, http_root, quiz, scheme):
    context = chromium.new_context(color_scheme=scheme)
    tab = context.new_page()
    submit_quiz(tab, http_root, quiz)  # feedback, result table, charts, gaps
    found = violations(tab)
    context.close()
    assert found == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_open_has_no_serious_violations(chromium, http_root, scheme):
    context = chromium.new_context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto(http_root + "index.html")
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill("重大故障")
    box.press("End")
    tab.wait_for_selector(".md-search-result__item", timeout=15000)
    tab.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('符合条件')")
    tab.wait_for_timeout(500)  # let the result list settle before auditing it
    found = violations(tab)
    context.close()
    assert found == []
