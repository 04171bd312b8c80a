"""The query set (tests/data/queries.yml) run through scripts/search_eval.py:
Whoosh (`academy search`) and the site's search box in Chromium, both held to
issue 6's thresholds: exact-term recall@5 ≥ 0.95 and
MRR ≥ 0.90 with no empty result, paraphrase recall@5 ≥ 0.80.
"""

from __future__ import annotations

import importlib.util
import json
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


# A new colleague asks which courses are theirs, in their own words: both searches
# put their role's learning path among the first five pages.
ROLE_QUESTIONS = [
    ("小组长要学哪些课", "paths/team-lead.md"),
    ("我是做开发的需要学什么", "paths/developer.md"),
    ("运营专员从哪里开始", "paths/operator.md"),
    ("总经理要学什么", "paths/general-manager.md"),
]


def test_academy_search_answers_which_path_is_mine():
    rankings = search_eval.whoosh_rankings([text for text, _ in ROLE_QUESTIONS])
    assert {text: path for text, path in ROLE_QUESTIONS if path not in rankings[text][:5]} == {}


@pytest.mark.browser
def test_site_search_box_answers_which_path_is_mine(chromium, built_site, http_root):
    rankings = search_eval.browser_rankings(chromium, http_root, [t for t, _ in ROLE_QUESTIONS])
    assert {text: path for text, path in ROLE_QUESTIONS if path not in rankings[text][:5]} == {}


def test_academy_search_and_the_site_search_cover_the_same_pages(built_site):
    index = json.loads((built_site.site / "search" / "search_index.json").read_text("utf-8"))
    in_site = {search_eval.page_of(doc["location"], "") for doc in index["docs"]}
    assert {"paths/team-lead.md", "quizzes/soc-intro.md", "glossary.md"} <= in_site
    assert search_eval.whoosh_pages() == in_site
