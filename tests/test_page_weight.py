"""scripts/page_weight.py on the shipped site: the plugin's site-wide scripts and
stylesheets stay within 15 KB gzip, and a page in no path and with no quiz
carries no markup of ours (related reading aside)."""

from __future__ import annotations

import re
import subprocess
import sys

from support.site import ROOT


def test_site_wide_weight_is_within_budget_and_plain_pages_carry_no_markup(built_site):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "page_weight.py"), "--site", str(built_site.site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    total = int(re.search(r"(\d+) B  total, budget 15360 B", result.stdout).group(1))
    assert 0 < total <= 15 * 1024
    assert "assets/academy/academy.js" in result.stdout.split("on demand")[0]
    assert "quiz.js" not in result.stdout.split("on demand")[0]  # quizzes load on quiz pages only
    assert (
        "mermaid" not in result.stdout.split("on demand")[0]
    )  # and diagrams on pages with diagrams
    assert "markup on a page in no path and with no quiz: none" in result.stdout
