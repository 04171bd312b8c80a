"""A whole journey with the keyboard only: pick a role, follow the path, take a quiz, land on the result."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support.browser import tab_to

pytestmark = pytest.mark.browser


def press(tab, target, key: str = "Enter") -> None:
    tab_to(tab, target, limit=600)
    tab.keyboard.press(key)


def test_keyboard_only_journey_through_a_path_and_a_quiz(tab, http_root):
    tab.goto(http_root + "index.html")

    press(tab, tab.locator('button.academy-role[data-role="operator"]'))
    expect(tab.locator('button.academy-role[data-role="operator"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    press(tab, tab.locator("[data-academy-role-status] a").first)
    tab.wait_for_url("**/paths/operator.html")

    press(tab, tab.locator("[data-academy-continue]"))
    tab.wait_for_url("**/soc/index.html")
    press(tab, tab.locator(".academy-pagedone [data-academy-done]"), "Space")
    expect(tab.locator(".academy-pagedone [data-academy-done]")).to_have_attribute(
        "aria-pressed", "true"
    )
    # Focus moved on to the next step; follow it.
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/soc/mission.html")

    tab.goto(http_root + "quizzes/soc-intro.html")
    form = tab.locator("[data-academy-quiz-form]")
    for fieldset in form.locator("fieldset.academy-q").all():
        kind = fieldset.get_attribute("data-type")
        if kind in ("single", "truefalse", "multiple"):
            press(tab, fieldset.locator("input").first, "Space")
            expect(fieldset.locator("input").first).to_be_checked()
        elif kind == "ordering":
            press(tab, fieldset.locator("[data-move='down']").first, "Enter")
    press(tab, form.locator("button[type='submit']"))
    result = tab.locator("[data-academy-result]")
    expect(result).to_be_visible()
    assert tab.evaluate(
        "document.activeElement === document.querySelector('[data-academy-result]')"
    )
    expect(result).to_contain_text("知识题")
    assert tab.errors == []
