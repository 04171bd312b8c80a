"""The query set (tests/data/queries.yml) run through scripts/search_eval.py:
Whoosh (`academy search`) and the site's search box in Chromium, both held to
issue 6's thresholds: exact-term recall@5 ≥ 0.95 and
MRR ≥ 0.90 with no empty result, paraphrase recall@5 ≥ 0.80.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from support.site import ROOT

spec = importlib.util.spec_from_file_location("search_eval", ROOT / "scripts" / "search_eval.py")
search_eval = importlib.util.module_from_spec(spec)
sys.modules["search_eval"] = search_eval
spec.loader.exec_module(search_eval)

SETS = search_eval.load_queries()
TEXTS = [q.text for items in SETS.values() for q in items]


def test_the_query_set_is_big_enough_and_points_at_real_pages():
    assert len(SETS["exact"]) >= 40 and len(SETS["paraphrase"]) >= 20
    for query in SETS["exact"] + SETS["paraphrase"]:
        for page in query.pages:
            assert (ROOT / "content" / page).is_file(), (query.text, page)


def test_whoosh_meets_the_thresholds():
    rankings = search_eval.whoosh_rankings(TEXTS)
    exact = search_eval.measure(SETS["exact"], rankings)
    paraphrase = search_eval.measure(SETS["paraphrase"], rankings)
    assert exact.recall5 >= 0.95 and exact.mrr >= 0.90 and exact.empty == 0, exact.misses
    assert paraphrase.recall5 >= 0.80, paraphrase.misses


@pytest.mark.browser
def test_site_search_box_meets_the_thresholds(chromium, built_site, http_root):
    # The box searches the same index with the same worker from file:// (only the
    # worker's loading differs: test_browser.py searches from there).
    rankings = search_eval.browser_rankings(chromium, http_root, TEXTS)
    exact = search_eval.measure(SETS["exact"], rankings)
    paraphrase = search_eval.measure(SETS["paraphrase"], rankings)
    assert exact.recall5 >= 0.95 and exact.mrr >= 0.90 and exact.empty == 0, exact.misses
    assert paraphrase.recall5 >= 0.80, paraphrase.misses
