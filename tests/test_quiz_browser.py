"""Quizzes in a real Chromium: answering, feedback, the SPCM result, export,
history, keyboard-only ordering, instant navigation, file:// and hostile text.

Everything runs against real builds: the shipped course (over HTTP with
instant navigation on, and from file://) and small projects in tmp_path.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from academy.scoring.ladder import score_attempt
from academy.scoring.profile import score_profile
from support.browser import (
    MOUNTED,
    NOTICE,
    STORAGE_DISABLED,
    choose_role,
    move_to,
    open_quiz,
    stored,
)
from support.site import Build, page, run_build, serve, write_project
from test_scoring_browser import as_python_numbers

pytestmark = pytest.mark.browser

QUIZ = "quizzes/soc-intro.html"


# ------------------------------------------------------------------ helpers


def data_of(quiz, name: str):
    return json.loads(quiz.get_attribute(f"data-{name}"))


def answer(tab: Page, quiz, plan: dict[str, str]) -> None:
    """Answer every knowledge question: plan maps question id → right | wrong | partial | skip."""
    spec = data_of(quiz, "spec")
    for question in spec["questions"]:
        how = plan.get(question["id"], "right")
        fieldset = quiz.locator(f'fieldset[data-question="{question["id"]}"]')
        kind = question["type"]
        if how == "skip":
            continue
        if kind == "single":
            value = (
                question["answer"][0]
                if how == "right"
                else (question["answer"][0] + 1) % fieldset.locator("input").count()
            )
            fieldset.locator(f'input[value="{value}"]').check()
        elif kind == "multiple":
            chosen = question["answer"] if how == "right" else question["answer"][:1]
            for value in chosen:
                fieldset.locator(f'input[value="{value}"]').check()
        elif kind == "truefalse":
            value = question["answer"] if how == "right" else not question["answer"]
            fieldset.locator(f'input[value="{str(value).lower()}"]').check()
        elif kind == "ordering" and how == "right":
            for position, item in enumerate(question["answer"]):
                move_to(tab, fieldset, item, position)
        elif kind == "rating":
            for row in range(fieldset.locator(".academy-q__rating").count()):
                fieldset.locator(".academy-q__rating").nth(row).locator('input[value="3"]').check()


def python_score(quiz, answers: dict, role: str | None) -> dict:
    spec = data_of(quiz, "spec")
    roles = data_of(quiz, "roles")
    target = roles[role]["target"] if role else None
    focus = (roles[role]["dimensions"] or None) if role else None
    return score_attempt(spec, answers, target, focus)


def key_of(quiz) -> str:
    """Where the quiz keeps its attempts: results["<quiz>@<version>"]."""
    return f"{quiz.get_attribute('data-quiz')}@{quiz.get_attribute('data-version')}"


def right_of(score: dict) -> tuple[int, int]:
    """(knowledge questions answered fully right, knowledge questions)."""
    knowledge = [q for q in score["questions"].values() if "earned" in q]
    return sum(q["earned"] >= q["possible"] for q in knowledge), len(knowledge)


def js_number(value: float) -> str:
    """A number as the widget shows it (two decimals at most)."""
    shown = round(value * 100) / 100
    return str(int(shown)) if shown.is_integer() else repr(shown)


def same_json(browser: dict, python: dict) -> bool:
    return json.dumps(as_python_numbers(browser), sort_keys=True) == json.dumps(
        python, sort_keys=True
    )


# ---------------------------------------------------------------- the flow


def test_operator_takes_a_quiz_and_sees_feedback_result_and_gaps(tab, http_root):
    choose_role(tab, http_root, "operator")
    quiz = open_quiz(tab, http_root + QUIZ)
    spec = data_of(quiz, "spec")
    kinds = {q["id"]: q["type"] for q in spec["questions"]}
    first = lambda kind: next(q for q, k in kinds.items() if k == kind)  # noqa: E731
    wrong, partial, skipped = first("single"), first("multiple"), first("truefalse")
    answer(tab, quiz, {wrong: "wrong", partial: "partial", skipped: "skip"})
    quiz.locator("button[type=submit]").click()

    result = quiz.locator("[data-academy-result]")
    expect(result).to_be_visible()
    assert result.evaluate("r => r === document.activeElement"), "focus moves to the result"
    expect(quiz.locator("[data-academy-live]")).to_contain_text("已提交")

    # per-question feedback, marked with text and not colour alone
    feedback = lambda qid: quiz.locator(f'fieldset[data-question="{qid}"] [data-academy-feedback]')  # noqa: E731
    expect(feedback(wrong)).to_be_visible()
    expect(feedback(wrong)).to_contain_text("回答错误")
    expect(feedback(wrong)).to_contain_text("正确答案：")
    expect(feedback(partial)).to_contain_text("部分正确（得分率")
    expect(feedback(skipped)).to_contain_text("未作答")
    right = next(q for q in kinds if q not in (wrong, partial, skipped))
    expect(feedback(right)).to_contain_text("回答正确")
    assert (
        quiz.locator(
            f'fieldset[data-question="{right}"] .academy-q__verdict [aria-hidden="true"]'
        ).count()
        == 1
    )
    ordering = first("ordering")
    expect(feedback(ordering)).to_contain_text("正确顺序")
    expect(feedback(ordering).locator(".academy-q__refs a").first).to_be_visible()
    # inputs are locked after submitting
    assert quiz.locator("fieldset.academy-q:disabled").count() == len(kinds)

    # the SPCM result: a summary first, then one card per dimension
    answers = stored(tab, quiz)["results"][key_of(quiz)]["attempts"][-1]["answers"]
    right, asked = right_of(python_score(quiz, answers, "operator"))
    assert asked == len(kinds)
    expect(result.locator(".academy-result__knowledge")).to_contain_text(
        f"答对 {right} / {asked} 题"
    )
    expect(result.locator(".academy-spcm__verdict")).to_contain_text("SOC-运营岗位")
    expect(result.locator(".academy-spcm__verdict")).to_contain_text("你的角色考核 8 个维度")
    expect(result.locator(".academy-spcm__added")).to_contain_text(
        f"提供了 {asked} 道题的证据（答对 {right} / {asked} 题）"
    )
    actions = result.locator(".academy-spcm__actions > li")
    assert 1 <= actions.count() <= 3
    for link in actions.locator("a").all():
        assert link.get_attribute("href").startswith(http_root)
    cards = result.locator(".academy-spcm__dimensions > .academy-spcm__cards > .academy-spcm-card")
    dimensions = data_of(quiz, "spec")["model"]["dimensions"]
    assert cards.count() == len(dimensions)
    assert cards.locator("h4").all_inner_texts() == [
        d for group in data_of(quiz, "groups") for d in group["dimensions"]
    ]
    expect(cards.first.locator(".academy-spcm-card__target")).to_have_text("目标：SOC-运营岗位")
    assert cards.first.locator(".academy-spcm-ladder > li").count() == 4
    # no fractional points anywhere in the result
    assert not re.search(r"\d+\.\d+\s*/\s*\d+", result.inner_text())
    for kind in ("radar", "bars"):
        chart = result.locator(f"svg.academy-chart--{kind}")
        expect(chart).to_be_visible()
        assert chart.get_attribute("role") == "img"
        assert chart.locator("title").count() == 1 and chart.locator("desc").count() == 1
        assert "SOC-运营岗位" in chart.locator("title").text_content()
    radar = result.locator("svg.academy-chart--radar")
    assert radar.locator("text.academy-chart__label").count() == len(dimensions)
    assert radar.locator("polygon.academy-chart__target").count() == 1
    assert result.locator("svg.academy-chart--bars line.academy-chart__threshold").count() == 1

    # review links: the refs of the questions missed first, then data-review; study pages only
    missed = next(q for q in spec["questions"] if q["id"] == wrong)
    card = result.locator(f'.academy-spcm-card[data-dimension="{missed["dimension"]}"]')
    expect(card.locator(".academy-spcm-card__review-title")).to_have_text("复习（答错的题在前）：")
    refs = quiz.locator(f'fieldset[data-question="{wrong}"] .academy-q__refs a').evaluate_all(
        "links => links.map(a => a.href)"
    )
    first_link = card.locator(".academy-spcm-card__review a").first.evaluate("a => a.href")
    assert first_link in refs or any(
        first_link
        in quiz.locator(f'fieldset[data-question="{q["id"]}"] .academy-q__refs a').evaluate_all(
            "ls => ls.map(a => a.href)"
        )
        for q in spec["questions"]
        if q["dimension"] == missed["dimension"]
    )
    hrefs = result.locator(".academy-spcm-card__review a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert hrefs and not [
        h for h in hrefs if re.search(r"/(me|404)\.html|/guide/|/log/|/paths/", h)
    ]
    assert tab.errors == []


def test_export_is_rescored_identically_in_python_and_history_survives(tab, http_root, tmp_path):
    choose_role(tab, http_root, "operator")
    quiz = open_quiz(tab, http_root + QUIZ)
    spec = data_of(quiz, "spec")
    plan = {q["id"]: ("right" if n % 3 else "wrong") for n, q in enumerate(spec["questions"])}
    answer(tab, quiz, plan)
    quiz.locator(".academy-quiz__name input").fill("张三")
    quiz.locator("button[type=submit]").click()
    expect(quiz.locator("[data-academy-result]")).to_be_visible()
    shown = quiz.locator("[data-academy-result] .academy-result__facts").inner_text()
    key = key_of(quiz)

    with tab.expect_download() as info:
        quiz.get_by_role("button", name="导出结果（JSON）").click()
    download = info.value
    assert download.suggested_filename.startswith("测验结果-soc-intro-")
    assert download.suggested_filename.endswith(".json")
    path = tmp_path / "result.json"
    download.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["format"] == "academy-result" and exported["schema"] == 1
    assert exported["site"] == quiz.get_attribute("data-build")
    assert exported["quiz"] == {
        "id": "soc-intro",
        "version": int(quiz.get_attribute("data-version")),
    }
    assert exported["trainee"] == {"name": "张三"}
    assert exported["role"] == "operator"
    assert exported["started"] <= exported["submitted"]
    rescored = python_score(quiz, exported["answers"], exported["role"])
    assert same_json(exported["score"], rescored)
    right, asked = right_of(rescored)
    assert f"答对 {right} / {asked} 题" in shown

    # stored with the shared schema, next to the role
    data = stored(tab, quiz)
    assert data["schema"] == 1 and data["role"] == "operator"
    attempts = data["results"][key]["attempts"]
    assert len(attempts) == 1
    # with what 我的学习 scores the profile: the page's spec, question refs and review links
    assert data["results"][key]["spec"] == spec
    assert data["results"][key]["refs"] and data["results"][key]["review"]
    assert set(attempts[0]) >= {"started", "submitted", "name", "role", "answers", "score", "order"}
    assert same_json(attempts[0]["score"], rescored)

    # reload: the last result and the history are shown
    tab.reload()
    quiz = tab.locator(MOUNTED).first
    tab.wait_for_selector(MOUNTED)
    result = quiz.locator("[data-academy-result]")
    expect(result).to_be_visible()
    expect(result).to_contain_text("上次提交于")
    expect(quiz.locator("[data-academy-history] tbody tr")).to_have_count(1)
    expect(quiz.locator("[data-academy-feedback]:visible").first).to_be_visible()
    assert quiz.locator(".academy-quiz__name input").input_value() == "张三"

    # retake keeps the history
    quiz.get_by_role("button", name="重新作答").click()
    expect(result).to_be_hidden()
    assert quiz.locator("fieldset.academy-q:disabled").count() == 0
    assert quiz.locator("[data-academy-feedback]:visible").count() == 0
    assert quiz.locator("input:checked").count() == 0
    answer(tab, quiz, {})
    quiz.locator("button[type=submit]").click()
    expect(result).to_be_visible()
    expect(quiz.locator("[data-academy-history] tbody tr")).to_have_count(2)
    attempts = stored(tab, quiz)["results"][key]["attempts"]
    assert len(attempts) == 2
    assert attempts[1]["score"]["knowledge"]["share"] == 1
    expect(quiz.locator("[data-academy-history] tbody tr").first).to_contain_text("100%")

    quiz.get_by_role("button", name="打印报告").click()
    assert tab.evaluate("window.__printed") == 1
    assert tab.errors == []


def test_no_role_says_so_and_has_no_gaps(tab, http_root):
    quiz = open_quiz(tab, http_root + QUIZ)
    answer(tab, quiz, {})
    quiz.locator("button[type=submit]").click()
    result = quiz.locator("[data-academy-result]")
    expect(result.locator(".academy-spcm__no-role")).to_have_text(
        "尚未选择角色：到首页选择“我是…”，结果会与你的目标级别比较。"
    )
    assert result.locator(".academy-spcm-card__standing").count() == 0
    assert result.locator("polygon.academy-chart__target").count() == 0
    assert tab.errors == []


def test_ordering_question_by_keyboard_only(tab, http_root):
    quiz = open_quiz(tab, http_root + QUIZ)
    spec = data_of(quiz, "spec")
    question = next(q for q in spec["questions"] if q["type"] == "ordering")
    fieldset = quiz.locator(f'fieldset[data-question="{question["id"]}"]')
    items = fieldset.locator("li[data-item]")
    first_item = items.first.get_attribute("data-item")
    text = items.first.locator(".academy-q__item-text").inner_text().strip()

    down = fieldset.locator(f'li[data-item="{first_item}"] button[data-move="down"]')
    up = fieldset.locator(f'li[data-item="{first_item}"] button[data-move="up"]')
    up.focus()
    tab.keyboard.press("Tab")
    assert down.evaluate("b => b === document.activeElement"), "Tab reaches the down button"
    tab.keyboard.press("Space")
    assert items.nth(1).get_attribute("data-item") == first_item
    assert down.evaluate("b => b === document.activeElement"), (
        "focus stays on the moved item's button"
    )
    expect(quiz.locator("[data-academy-live]")).to_have_text(f"「{text}」现在是第 2 项")

    for position, item in enumerate(question["answer"]):
        move_to(tab, fieldset, item, position)
    quiz.locator("button[type=submit]").focus()
    tab.keyboard.press("Enter")
    expect(fieldset.locator("[data-academy-feedback]")).to_contain_text("回答正确")
    assert tab.errors == []


def footer_link_to(site: Path, target: str) -> str:
    """A page whose footer 'next' link leads to target."""
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        marker = 'class="md-footer__link md-footer__link--next"'
        if marker in html:
            start = html.index(marker)
            href_start = html.rfind("<a ", 0, start)
            if target.rsplit("/", maxsplit=1)[-1] in html[href_start : start + 200]:
                return path.relative_to(site).as_posix()
    raise AssertionError(f"no page links to {target} in its footer")


def test_quiz_mounts_after_instant_navigation(tab, http_root, built_site):
    choose_role(tab, http_root, "operator")
    before = footer_link_to(built_site.site, QUIZ)
    tab.goto(http_root + before)
    tab.evaluate("window.__stayed = true")
    tab.locator("a.md-footer__link--next").click()
    tab.wait_for_url("**/" + QUIZ)
    tab.wait_for_selector(MOUNTED)
    assert tab.evaluate("window.__stayed === true"), "the click reloaded the page"
    quiz = tab.locator(MOUNTED).first
    answer(tab, quiz, {})
    quiz.locator("button[type=submit]").click()
    expect(quiz.locator("[data-academy-result]")).to_contain_text("100%")
    assert len(stored(tab, quiz)["results"][key_of(quiz)]["attempts"]) == 1

    # away and back again, still without a reload: mounted once, the result restored
    tab.locator("a.md-footer__link--prev").click()
    tab.wait_for_url("**/" + before)
    tab.wait_for_selector(f'a.md-footer__link--next[href$="{QUIZ}"]')
    tab.locator("a.md-footer__link--next").click()
    tab.wait_for_url("**/" + QUIZ)
    tab.wait_for_selector(MOUNTED)
    assert tab.evaluate("window.__stayed === true")
    quiz = tab.locator(MOUNTED).first
    expect(quiz.locator("[data-academy-result]")).to_contain_text("上次提交于")
    assert (
        quiz.locator(".academy-q__letter").count()
        == quiz.locator(".academy-q__options .academy-q__option").count()
        - 2 * quiz.locator('fieldset[data-type="truefalse"]').count()
    )
    quiz.get_by_role("button", name="重新作答").click()
    answer(tab, quiz, {})
    quiz.locator("button[type=submit]").click()
    expect(quiz.locator("[data-academy-history] tbody tr")).to_have_count(2)
    assert len(stored(tab, quiz)["results"][key_of(quiz)]["attempts"]) == 2
    assert tab.errors == []


def test_quiz_works_from_a_file_share(tab, built_site):
    root = built_site.site.as_uri() + "/"
    choose_role(tab, root, "team-lead")
    quiz = open_quiz(tab, root + QUIZ)
    answer(tab, quiz, {})
    quiz.locator("button[type=submit]").click()
    result = quiz.locator("[data-academy-result]")
    expect(result).to_contain_text("100%")
    expect(result).to_contain_text("SOC-管理一级")
    tab.reload()
    tab.wait_for_selector(MOUNTED)
    expect(tab.locator(MOUNTED).locator("[data-academy-result]")).to_contain_text("上次提交于")
    assert tab.errors == []


def test_quiz_without_storage_works_from_memory_and_says_so(tabs, http_root):
    tab = tabs.open(STORAGE_DISABLED)
    quiz = open_quiz(tab, http_root + QUIZ)
    # (Material's own scripts report the disabled storage as page errors; ours never throw.)
    tabs.errors.clear()
    expect(quiz.locator("[data-academy-notice]")).to_have_text(NOTICE)
    answer(tab, quiz, {})
    quiz.locator("button[type=submit]").click()
    expect(quiz.locator("[data-academy-result]")).to_contain_text("100%")
    expect(quiz.locator("[data-academy-history] tbody tr")).to_have_count(1)
    assert tabs.errors == []


def test_corrupt_stored_results_do_not_break_the_quiz(tab, http_root):
    quiz = open_quiz(tab, http_root + QUIZ)
    key = "academy:" + quiz.get_attribute("data-academy-site")
    entry = key_of(quiz)
    bad = {
        "schema": 1,
        "role": "operator",
        "done": {},
        "log": {},
        "extra": "kept",
        "results": {
            entry: {
                "attempts": [
                    {"submitted": "x", "answers": "<img src=x onerror=window.__pwned=1>"},
                    7,
                    None,
                ],
                "note": "kept",
            }
        },
    }
    tab.evaluate("([key, value]) => localStorage.setItem(key, JSON.stringify(value))", [key, bad])
    tab.reload()
    quiz = open_quiz(tab, http_root + QUIZ)
    expect(quiz.locator("[data-academy-result]")).to_contain_text("上次提交于 x")
    quiz.get_by_role("button", name="重新作答").click()
    answer(tab, quiz, {})
    quiz.locator("button[type=submit]").click()
    data = stored(tab, quiz)
    assert data["extra"] == "kept" and data["results"][entry]["note"] == "kept"
    assert len(data["results"][entry]["attempts"]) == 4
    assert tab.evaluate("window.__pwned") is None
    assert tab.errors == []


# ------------------------------------------------------------ hostile text

HOSTILE = [
    "</script><script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1>",
    "[点我](javascript:window.__pwned=1)",
    "{{ config.site_name }}",
]
TEXT = " ".join(HOSTILE)


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


HOSTILE_QUIZ = f"""\
id: hostile
version: 1
title: {quoted("测验：" + TEXT)}
description: {quoted(TEXT)}
roles: [operator]
shuffle: true
questions:
  - id: q-single
    type: single
    dimension: 岗位认知
    level: soc-ops
    prompt: {quoted("单选 " + TEXT)}
    options:
      - {quoted("甲 " + TEXT)}
      - {quoted("乙 " + TEXT)}
      - {quoted("丙 {{ x }}")}
    answer: A
    explanation: {quoted("解析 " + TEXT)}
    refs: [index.md#sec]
  - id: q-multiple
    type: multiple
    dimension: SOC专业
    level: soc-ops
    prompt: {quoted("多选 " + TEXT)}
    options:
      - {quoted("一 " + TEXT)}
      - {quoted("二 " + TEXT)}
      - 三
    answer: [A, B]
    explanation: {quoted(TEXT)}
    refs: [index.md#sec]
  - id: q-truefalse
    type: truefalse
    dimension: 价值观
    level: soc-ops
    prompt: {quoted("判断 " + TEXT)}
    answer: true
    explanation: {quoted(TEXT)}
    refs: [index.md#sec]
  - id: q-ordering
    type: ordering
    dimension: 岗位技能
    level: soc-ops
    prompt: {quoted("排序 " + TEXT)}
    items:
      - {quoted("第一 " + HOSTILE[0])}
      - {quoted("第二 " + HOSTILE[1])}
      - {quoted("第三 " + HOSTILE[2])}
      - {quoted("第四 " + HOSTILE[3])}
    explanation: {quoted(TEXT)}
    refs: [index.md#sec]
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Build:
    project = write_project(
        tmp_path_factory.mktemp("hostile"),
        {
            "index.md": page("首页", "## 小节 {#sec}\n\n正文。\n\n<!-- academy:role-picker -->\n"),
            "check.md": page(
                "检查", "## 一题 {#one}\n\n<!-- academy:check hostile/q-truefalse -->\n"
            ),
        },
    )
    (project / "quizzes" / "hostile.yml").write_text(
        textwrap.dedent(HOSTILE_QUIZ), encoding="utf-8"
    )
    build = run_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def hostile_roots(hostile_site) -> Iterator[dict[str, str]]:
    """The hostile site over HTTP and from file://."""
    with serve(hostile_site.site) as http_root:
        yield {"http": http_root, "file": hostile_site.site.as_uri() + "/"}


def assert_harmless(tab: Page, scope: str = MOUNTED) -> None:
    assert tab.evaluate("window.__pwned") is None
    assert tab.locator(f"{scope} :is(img, script, iframe), [onerror]").count() == 0
    hrefs = tab.locator(f"{scope} a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert not [href for href in hrefs if href.strip().lower().startswith("javascript:")]


@pytest.mark.xdist_group("hostile-quiz-site")  # both on one worker: one build
@pytest.mark.parametrize("where", ["http", "file"])
def test_hostile_quiz_text_never_runs(tab, hostile_roots, where):
    root = hostile_roots[where]
    choose_role(tab, root, "operator")
    quiz = open_quiz(tab, root + "quizzes/hostile.html")
    assert_harmless(tab)
    # shuffled: letters follow the shown order, answers stay in original indices
    answer(tab, quiz, {"q-multiple": "partial"})
    quiz.locator("button[type=submit]").click()
    result = quiz.locator("[data-academy-result]")
    expect(result).to_be_visible()
    # author text set by the script shows literally; server-rendered Markdown is sanitised
    expect(result.locator("h2")).to_have_text("测验结果：" + quiz.get_attribute("data-title"))
    assert quiz.get_attribute("data-title") == "测验：" + TEXT
    expect(quiz.locator('fieldset[data-question="q-single"]')).to_contain_text("丙 {{ x }}")
    expect(quiz.locator('fieldset[data-question="q-single"] .academy-q__prompt')).to_contain_text(
        "{{ config.site_name }}"
    )
    attempt = stored(tab, quiz)["results"]["hostile@1"]["attempts"][0]
    assert attempt["answers"]["q-single"] == 0 and sorted(attempt["answers"]["q-multiple"]) == [0]
    assert sorted(attempt["order"]["q-single"]) == [0, 1, 2]
    assert same_json(attempt["score"], python_score(quiz, attempt["answers"], "operator"))
    assert_harmless(tab)
    tab.reload()
    tab.wait_for_selector(MOUNTED)
    assert_harmless(tab)

    # the embedded knowledge check: feedback only
    tab.goto(root + "check.html")
    tab.wait_for_selector(MOUNTED)
    check = tab.locator(MOUNTED)
    assert check.get_attribute("data-embedded") == "true"
    check.locator('input[value="true"]').check()
    check.get_by_role("button", name="检查答案").click()
    expect(check.locator("[data-academy-feedback]")).to_contain_text("回答正确")
    assert check.locator("[data-academy-result]").is_hidden()
    assert check.locator("[data-academy-history]").inner_text() == ""
    assert_harmless(tab)
    assert tab.errors == []

    # The quiz page around the widget: title and description, rendered by the plugin.
    tab.goto(root + "quizzes/hostile.html")
    tab.wait_for_selector(MOUNTED)
    assert_harmless(tab, "article")


def test_self_assessment_rates_indicators_and_scores_like_python(tab, http_root):
    choose_role(tab, http_root, "team-lead")
    quiz = open_quiz(tab, http_root + "quizzes/spcm-self.html")
    spec = data_of(quiz, "spec")
    assert "rating" in {q["type"] for q in spec["questions"]}
    rating = quiz.locator(".academy-q__rating").first
    assert rating.get_attribute("role") == "radiogroup"
    assert rating.locator("input").count() == 4 and rating.locator("label").count() == 4
    answer(tab, quiz, {})  # knowledge all right, 基本符合 (3) everywhere: 2/3 ≥ the threshold
    quiz.locator("button[type=submit]").click()
    result = quiz.locator("[data-academy-result]")
    expect(result).to_contain_text("（得分率 100%）")
    attempt = stored(tab, quiz)["results"][key_of(quiz)]["attempts"][0]
    profile = score_profile({"spcm-self": spec}, {"spcm-self": attempt["answers"]}, "soc-m1")
    verdict = result.locator(".academy-spcm__verdict")
    if profile["overall"] is None and profile["overall_status"] == "insufficient":
        expect(verdict).to_contain_text("证据还不够判定你的级别")
    # the self-ratings in the words of the scale, and what they are
    expect(result.locator(".academy-spcm-card").first).to_contain_text("自评：运营岗位“基本符合”")
    expect(result.locator(".academy-spcm__meaning")).to_contain_text("自评是你对自己的看法")
    low = [d for d, c in profile["calibration"].items() if c["flag"] == "low"]
    for dimension in low:  # knowledge 100% against a self-rating of 2/3: the self-image is too low
        expect(
            result.locator(
                f'.academy-spcm-card[data-dimension="{dimension}"] .academy-spcm-card__calibration'
            )
        ).to_contain_text("自评偏低")
    ratings = [attempt["answers"][q["id"]] for q in spec["questions"] if q["type"] == "rating"]
    assert all(set(values) == {3} for values in ratings)
    assert same_json(attempt["score"], python_score(quiz, attempt["answers"], "team-lead"))
    assert tab.errors == []
