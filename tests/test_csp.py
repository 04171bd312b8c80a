"""The hosting example's Content-Security-Policy: exactly the strict policy of
issue 8, kept up to date by `make site`, and every page type works under it in
Chromium without a single violation (diagrams, quizzes, results, search)."""

from __future__ import annotations

import re

import pytest

from academy.publish.csp import inline_script_hashes, policy, write_policy
from support.browser import open_quiz, submit_quiz
from support.site import ROOT, serve

NGINX = ROOT / "hosting" / "nginx.conf"
STRICT = [
    "default-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "worker-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
]
# Collected from the first script on: anything the policy blocks, with where it came from.
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));"""


def nginx_headers() -> dict[str, str]:
    """The headers the example config sends with pages (the outer location)."""
    text = NGINX.read_text(encoding="utf-8")
    outer = text[
        text.index("location /onboarding/") : text.index('location ~ "^/onboarding/assets')
    ]
    return dict(re.findall(r'add_header\s+(\S+)\s+"([^"]*)"\s+always;', outer))


def test_the_nginx_policy_is_the_strict_one_with_every_inline_script_hashed(built_site):
    value = nginx_headers()["Content-Security-Policy"]
    directives = [part.strip() for part in value.split(";")]
    assert all(directive in directives for directive in STRICT), directives
    script = next(d for d in directives if d.startswith("script-src")).split()
    assert script[1] == "'self'" and all(source.startswith("'sha256-") for source in script[2:])
    missing = inline_script_hashes(built_site.site) - set(script[2:])
    assert not missing, (
        f"update hosting/nginx.conf: python -m academy.publish.csp site/ --write hosting/nginx.conf ({missing})"
    )
    assert (
        NGINX.read_text(encoding="utf-8").count(value) == 2
    )  # pages and hashed assets send the same policy


def test_writing_the_policy_replaces_both_copies_and_nothing_else(tmp_path, built_site):
    config = tmp_path / "nginx.conf"
    original = NGINX.read_text(encoding="utf-8")
    config.write_text(original.replace("'sha256-", "'sha256-old", 1), encoding="utf-8")
    assert write_policy(config, policy(inline_script_hashes(built_site.site)))
    updated = config.read_text(encoding="utf-8")
    assert "sha256-old" not in updated and updated.count(
        "Content-Security-Policy"
    ) == original.count("Content-Security-Policy")
    assert not write_policy(
        config, policy(inline_script_hashes(built_site.site))
    )  # already current


@pytest.fixture(scope="module")
def strict_root(built_site):
    """The built site served with the example's headers, on its own port."""
    with serve(built_site.site, headers=nginx_headers()) as root:
        yield root


def _diagrams(tab, root: str) -> None:
    tab.goto(root + "platform/adevops.html")
    tab.wait_for_selector("div.mermaid", timeout=20_000)
    box = tab.locator("div.mermaid").first.bounding_box()
    assert box and box["height"] > 40  # drawn, under the policy


def _search(tab, root: str) -> None:
    tab.goto(root + "index.html")
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill("重大故障")
    box.press("End")
    tab.wait_for_selector(".md-search-result__item", timeout=15_000)


PAGE_TYPES = {
    "home": lambda tab, root: (
        tab.goto(root + "index.html"),
        tab.wait_for_selector("[data-academy='role-picker'] button"),
    ),
    "content page with diagrams": _diagrams,
    "path": lambda tab, root: (
        tab.goto(root + "paths/operator.html"),
        tab.wait_for_selector(".academy-path, [data-academy-path]"),
    ),
    "dashboard": lambda tab, root: (
        tab.goto(root + "me.html"),
        tab.wait_for_selector("[data-academy='dashboard']"),
    ),
    "learning log": lambda tab, root: (
        tab.goto(root + "log/index.html"),
        tab.wait_for_selector("[data-academy='learning-log']"),
    ),
    "author guide": lambda tab, root: tab.goto(root + "guide/index.html"),
    "quiz before submitting": lambda tab, root: open_quiz(tab, root + "quizzes/soc-intro.html"),
    "quiz after submitting": lambda tab, root: submit_quiz(tab, root + "quizzes/soc-intro.html"),
    "self-assessment result": lambda tab, root: submit_quiz(tab, root + "quizzes/spcm-self.html"),
    "search open": _search,
}


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_every_page_type_works_under_the_policy_without_a_violation(tabs, strict_root, kind):
    tab = tabs.open(LISTEN)
    console: list[str] = []
    tab.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    PAGE_TYPES[kind](tab, strict_root)
    tab.wait_for_timeout(300)  # late work (diagrams, charts) reports too
    violations = tab.evaluate("window.__violations")
    assert violations == [] and console == [] and tabs.errors == []
