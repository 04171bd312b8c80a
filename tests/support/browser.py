"""A real headless Chromium for the browser tests: tabs that fail the test on any
JavaScript error, console error or unexpected dialog, and the few steps every story
takes (pick a role, open a quiz, answer it, read what was stored)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Locator,
    Page,
    expect,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"

MOUNTED = '[data-academy="quiz"][data-academy-mounted]'
NOTICE = "无法保存学习进度：浏览器存储不可用或已损坏。本页的操作在关闭页面后不会保留。"
# window.print() would open the print dialog; count the calls instead.
NO_PRINT_DIALOG = "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"
STORAGE_DISABLED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw Object.assign(new Error("localStorage is disabled"), { name: "SecurityError" }); },
});
"""


def browser_required() -> bool:
    """REQUIRE_BROWSER or CI set: without Chromium, the browser tests fail instead of skipping."""
    return bool(os.environ.get("REQUIRE_BROWSER") or os.environ.get("CI"))


class Tabs:
    """The browser tabs of one test. Every tab records JavaScript errors, console errors
    and dialogs in `errors`; the `tab` and `tabs` fixtures fail the test if any was
    recorded. A tab opened with confirm=True accepts confirm() as a reader would."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[BrowserContext] = []
        self.errors: list[str] = []

    def open(self, *init_scripts: str, confirm: bool = False, **context_options) -> Page:
        """A tab in a fresh browser profile (its own storage), running init_scripts first."""
        context = self.browser.new_context(accept_downloads=True, **context_options)
        for script in (NO_PRINT_DIALOG, *init_scripts):
            context.add_init_script(script)
        self.contexts.append(context)
        return self._watch(context.new_page(), confirm)

    def beside(self, tab: Page, confirm: bool = False) -> Page:
        """A second tab in the same profile as `tab`: same storage, as a reader's second tab."""
        return self._watch(tab.context.new_page(), confirm)

    def _watch(self, tab: Page, confirm: bool) -> Page:
        tab.errors = self.errors  # type: ignore[attr-defined]
        tab.on("pageerror", lambda error: self.errors.append(f"{tab.url}: {error.stack or error}"))
        tab.on("console", lambda message: self._console(tab, message))
        tab.on("dialog", lambda dialog: self._dialog(tab, dialog, confirm))
        return tab

    def _console(self, tab: Page, message: ConsoleMessage) -> None:
        if message.type == "error":
            source = message.location.get("url") or ""
            self.errors.append(
                f"{tab.url}: console: {message.text}" + (f" ({source})" if source else "")
            )

    def _dialog(self, tab: Page, dialog: Dialog, confirm: bool) -> None:
        if confirm and dialog.type == "confirm":
            dialog.accept()
        else:
            self.errors.append(f"{tab.url}: unexpected {dialog.type}() dialog: {dialog.message}")
            dialog.dismiss()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


# ------------------------------------------------------------------ steps of a story


def choose_role(tab: Page, root: str, role: str) -> None:
    """On the home page, press 我是… for role."""
    tab.goto(root + "index.html")
    button = tab.locator(f'[data-academy="role-picker"] button[data-role="{role}"]')
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def open_quiz(tab: Page, url: str) -> Locator:
    """Open a quiz page and wait until its widget is ready; the widget."""
    tab.goto(url)
    tab.wait_for_selector(MOUNTED)
    return tab.locator(MOUNTED).first


def submit_quiz(tab: Page, url: str) -> Locator:
    """Answer every question with its first choice, submit, and wait for the result."""
    quiz = open_quiz(tab, url)
    for fieldset in tab.locator("fieldset[data-question]").all():
        first = fieldset.locator("input").first
        if first.count():
            first.check()
    tab.locator('[data-academy="quiz"] button[type=submit]').first.click()
    tab.wait_for_selector("[data-academy-result]", state="visible")
    return quiz


def move_to(tab: Page, question: Locator, item: int, position: int) -> None:
    """Keyboard only: press Enter on the item's up or down button until it is at `position`."""
    for _ in range(20):
        items = question.locator("li[data-item]")
        current = [
            int(shown) for shown in items.evaluate_all("els => els.map(e => e.dataset.item)")
        ]
        index = current.index(item)
        if index == position:
            return
        direction = "up" if index > position else "down"
        button = question.locator(f'li[data-item="{item}"] button[data-move="{direction}"]')
        button.focus()
        tab.keyboard.press("Enter")
        # focus stays on the same button of the moved item
        assert button.evaluate("b => b === document.activeElement")
    raise AssertionError("item did not reach its position")


def tab_to(tab: Page, target: Locator, limit: int = 250) -> None:
    """Press Tab until target has focus: proves it is reachable by keyboard."""
    handle = target.element_handle()
    for _ in range(limit):
        if tab.evaluate("el => document.activeElement === el", handle):
            return
        tab.keyboard.press("Tab")
    raise AssertionError(f"{target} is not reachable with Tab")


def stored(tab: Page, site: str | Locator) -> dict:
    """What the site keeps in localStorage under academy:<site id>. `site` is the id, or an
    element carrying it in data-academy-site (a quiz widget)."""
    site_id = site if isinstance(site, str) else site.get_attribute("data-academy-site")
    return json.loads(tab.evaluate("key => localStorage.getItem(key)", f"academy:{site_id}"))


def axe_violations(tab: Page, scope: str | None = None) -> list[str]:
    """Serious and critical axe-core violations on the page, or inside the element `scope`."""
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate(
        "async scope => (await axe.run(scope ? document.querySelector(scope) : document,"
        " {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))",
        scope,
    )
    return [json.dumps(violation, ensure_ascii=False) for violation in found]
