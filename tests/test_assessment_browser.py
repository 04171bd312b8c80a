"""Assessment depth in a real Chromium: an assessed quiz from answering to the
downloaded response file graded in Python, the printable receipt, calibration
and the explained placement, the retake policy, the SPCM profile on 我的学习,
and keyboard / screen-reader labels on the new UI.

One small project is built once (module scope) and served on its own port.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from academy.core.model import load_model
from academy.core.quizzes import load_quizzes
from academy.scoring.result_files import answers_checksum, rescore_file
from support.browser import MOUNTED, axe_violations, choose_role, move_to, open_quiz, stored
from support.site import run_build, serve, write_project

# One worker takes the whole module, so the project is built once.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("assessment-site")]

PAGE = """\
---
title: {title}
summary: 测试页面
minutes: 5
roles: [operator, team-lead]
spcm: [{spcm}]
---

# {title}

{body}
"""

PATH = """\
---
title: 小组长学习路径
summary: 测试路径
minutes: 3
roles: [team-lead]
spcm: [职业素质]
path:
  modules:
    - id: one
      title: 第一部分
      steps:
        - page: soc/a.md
        - page: soc/b.md
        - quiz: drill
        - page: soc/c.md
---

# 小组长学习路径

介绍。
"""

# Secrets of the assessed quiz: none of them may reach the browser.
EXAM_SECRETS = ["考核解析甲", "考核解析乙", "考核解析丙", "考核解析丁"]

EXAM = """\
id: exam
version: 3
title: 结业考核
description: 考核测验。
roles: [operator, team-lead]
mode: assessed
retake:
  keep: last
  wait_minutes: 30
questions:
  - id: pick-one
    type: single
    dimension: 岗位认知
    level: soc-ops
    prompt: 选择正确的一项。
    options: [甲项, 乙项, 丙项]
    answer: B
    explanation: 考核解析甲。
    refs: [soc/a.md#sec]
  - id: pick-many
    type: multiple
    dimension: SOC专业
    level: soc-m1
    points: 2
    prompt: 选择两项。
    options: [一, 二, 三, 四]
    answer: [A, C]
    explanation: 考核解析乙。
    refs: [soc/b.md]
  - id: yes-no
    type: truefalse
    dimension: 职业素质
    level: soc-ops
    prompt: 这是对的。
    answer: false
    explanation: 考核解析丙。
    refs: [soc/b.md]
  - id: order
    type: ordering
    dimension: 岗位技能
    level: soc-ops
    prompt: 排序。
    items: [发现, 定级, 处置]
    explanation: 考核解析丁。
    refs: [soc/c.md]
  - id: rate
    type: rating
    dimension: 价值观
    level: soc-ops
"""

OTHER_DIMENSIONS = ["价值观", "智商", "情商", "岗位技能", "行业知识", "SOC专业"]

DRILL = """\
id: drill
version: 1
title: 练习测验
roles: [operator, team-lead]
retake:
  keep: best
  wait_minutes: 10
questions:
  - id: k-ops-1
    type: single
    dimension: 岗位认知
    level: soc-ops
    prompt: 练习一。
    options: [对, 错]
    answer: A
    explanation: 练习解析一。
    refs: [soc/c.md]
  - id: k-ops-2
    type: single
    dimension: 岗位认知
    level: soc-ops
    prompt: 练习二。
    options: [对, 错]
    answer: A
    explanation: 练习解析二。
    refs: [soc/b.md]
  - id: k-m1
    type: single
    dimension: 岗位认知
    level: soc-m1
    prompt: 练习三。
    options: [对, 错]
    answer: A
    explanation: 练习解析三。
    refs: [soc/a.md#sec]
  - id: r-gw-ops
    type: rating
    dimension: 岗位认知
    level: soc-ops
  - id: r-gw-m1
    type: rating
    dimension: 岗位认知
    level: soc-m1
  - id: k-zy
    type: truefalse
    dimension: 职业素质
    level: soc-ops
    prompt: 练习四。
    answer: true
    explanation: 练习解析四。
    refs: [soc/b.md]
  - id: r-zy
    type: rating
    dimension: 职业素质
    level: soc-ops
""" + "".join(
    f"  - id: r-{n}\n    type: rating\n    dimension: {d}\n    level: soc-ops\n"
    for n, d in enumerate(OTHER_DIMENSIONS)
)

AVERAGE = """\
id: avg
version: 1
title: 平均测验
roles: [operator, team-lead]
retake:
  keep: average
questions:
  - id: t1
    type: truefalse
    dimension: 岗位认知
    level: soc-ops
    prompt: 平均题。
    answer: true
    explanation: 平均解析。
    refs: [soc/d.md]
"""

# A known answer set for the drill (role team-lead, target 管理一级; min_items 1, weights 0.8/0.2):
#   岗位认知  运营岗位: knowledge 2/2, self 3 → 93% passes;
#             管理一级: knowledge 0, self 4 → 20% fails
#   职业素质  运营岗位: knowledge 1/1, self 2 (33%) → 87% passes; 管理一级: no question
#   the six other dimensions: self-ratings only → 证据不足
MIXED = {
    "k-ops-1": 0,
    "k-ops-2": 0,
    "k-m1": 1,
    "r-gw-ops": 3,
    "r-gw-m1": 4,
    "k-zy": "true",
    "r-zy": 2,
}
ALL_RIGHT = {
    "k-ops-1": 0,
    "k-ops-2": 0,
    "k-m1": 0,
    "r-gw-ops": 4,
    "r-gw-m1": 4,
    "k-zy": "true",
    "r-zy": 4,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("assessment")
    pages = {
        "index.md": PAGE.format(title="首页", spcm="职业素质", body="<!-- academy:role-picker -->"),
        "me.md": PAGE.format(title="我的学习", spcm="职业素质", body="<!-- academy:dashboard -->"),
        "soc/a.md": PAGE.format(title="甲页", spcm="岗位认知", body="## 小节 {#sec}\n\n正文。"),
        "soc/b.md": PAGE.format(title="乙页", spcm="岗位认知", body="正文。"),
        "soc/c.md": PAGE.format(title="丙页", spcm="岗位认知", body="正文。"),
        "soc/d.md": PAGE.format(title="丁页", spcm="岗位认知", body="正文。"),
        "paths/team-lead.md": PATH,
    }
    project = write_project(root, pages)
    # The drill's cells have one or two knowledge questions: decide them on one.
    model = project / "quizzes" / "spcm.yml"
    text = model.read_text(encoding="utf-8")
    assert "  min_items: 3\n" in text
    model.write_text(text.replace("  min_items: 3\n", "  min_items: 1\n"), encoding="utf-8")
    (project / "quizzes" / "exam.yml").write_text(EXAM, encoding="utf-8")
    (project / "quizzes" / "drill.yml").write_text(DRILL, encoding="utf-8")
    (project / "quizzes" / "avg.yml").write_text(AVERAGE, encoding="utf-8")
    build = run_build(project, project / "site")
    assert build.returncode == 0, build.output
    return project


@pytest.fixture(scope="module")
def root(project) -> Iterator[str]:
    with serve(project / "site") as url:
        yield url


# ------------------------------------------------------------------ helpers


def rate(fieldset, value: int) -> None:
    rows = fieldset.locator(".academy-q__rating")
    for row in range(rows.count()):
        rows.nth(row).locator(f'input[value="{value}"]').check()


def answer_drill(quiz, plan: dict) -> None:
    for qid, value in plan.items():
        fieldset = quiz.locator(f'fieldset[data-question="{qid}"]')
        if qid.startswith("r-"):
            rate(fieldset, value)
        else:
            fieldset.locator(f'input[value="{value}"]').check()
    for number in range(len(OTHER_DIMENSIONS)):
        rate(quiz.locator(f'fieldset[data-question="r-{number}"]'), 3)


def submit(tab: Page, quiz) -> None:
    """By keyboard: focus the submit button and press Enter."""
    quiz.locator("button[type=submit]").focus()
    tab.keyboard.press("Enter")


def focused_is(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def widget_violations(tab: Page) -> list[str]:
    """axe-core on the quiz widget at rest (no hovered button: Material's hover colours are
    its own)."""
    tab.mouse.move(0, 0)
    return axe_violations(tab, '[data-academy="quiz"]')


# ------------------------------------------------------------ assessed mode


def test_assessed_quiz_downloads_a_response_the_trainer_grades(tab, root, project, tmp_path):
    html = (project / "site" / "quizzes" / "exam.html").read_text(encoding="utf-8")
    for secret in EXAM_SECRETS:
        assert secret not in html

    choose_role(tab, root, "operator")
    quiz = open_quiz(tab, root + "quizzes/exam.html")
    policy = quiz.locator("[data-academy-policy]")
    expect(policy).to_contain_text("考核测验：提交后会下载答卷文件")
    expect(policy).to_contain_text("保留方式：最后一次")
    expect(policy).not_to_contain_text("建议间隔")  # the waiting time is for practice mode only
    spec = json.loads(quiz.get_attribute("data-spec"))
    assert all("answer" not in question for question in spec["questions"])

    # pick-one right, pick-many half right (1 of 2 points), yes-no right, order right, rate 3
    quiz.locator('fieldset[data-question="pick-one"] input[value="1"]').check()
    quiz.locator('fieldset[data-question="pick-many"] input[value="0"]').check()
    quiz.locator('fieldset[data-question="yes-no"] input[value="false"]').check()
    order = quiz.locator('fieldset[data-question="order"]')
    for position, item in enumerate([0, 1, 2]):
        move_to(tab, order, item, position)
    rate(quiz.locator('fieldset[data-question="rate"]'), 3)
    quiz.locator(".academy-quiz__name input").fill("李四")
    expect(quiz.locator("button[type=submit]")).to_have_text("提交并下载答卷")
    with tab.expect_download() as info:
        submit(tab, quiz)
    download = info.value
    assert download.suggested_filename == f"答卷-exam-{date.today().isoformat()}.json"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    response = json.loads(path.read_text(encoding="utf-8"))
    assert response["format"] == "academy-response" and response["schema"] == 1
    assert response["site"] == quiz.get_attribute("data-build")
    assert response["quiz"] == {"id": "exam", "version": 3}
    assert response["trainee"] == {"name": "李四"} and response["role"] == "operator"
    assert response["started"] <= response["submitted"]
    assert response["answers"] == {
        "pick-one": 1,
        "pick-many": [0],
        "yes-no": False,
        "order": [0, 1, 2],
        "rate": response["answers"]["rate"],
    }
    assert set(response["answers"]["rate"]) == {3}
    assert "score" not in response
    assert response["checksum"] == answers_checksum("exam", 3, response["answers"])

    # graded in Python against the keys in the repository
    model = load_model(project / "quizzes" / "spcm.yml")
    pages = {name: object() for name in ("soc/a.md", "soc/b.md", "soc/c.md")}
    quizzes, problems = load_quizzes(
        [(project / "quizzes" / "exam.yml", "quizzes/exam.yml")], model, pages
    )
    assert problems == []
    graded = rescore_file(path, path.name, quizzes, model)
    assert graded.is_response and graded.checksum_ok and graded.matches
    assert graded.trainee == "李四" and graded.role == "operator"
    assert graded.score["knowledge"] == {"earned": 4.0, "possible": 5.0, "share": 0.8, "items": 4}
    assert graded.score["questions"]["pick-many"] == {"earned": 1.0, "possible": 2.0}

    # the receipt: focused, announced, with the same checksum as the file; no correctness anywhere
    result = quiz.locator("[data-academy-result]")
    expect(result).to_be_visible()
    assert focused_is(result)
    heading_id = result.get_attribute("aria-labelledby")
    expect(tab.locator(f"#{heading_id}")).to_have_text("答卷回执：结业考核")
    expect(result.locator("[data-academy-checksum]")).to_have_text(response["checksum"])
    for text in ("结业考核", "第 3 版", "李四", "5/5 题", "校验码", download.suggested_filename):
        expect(result).to_contain_text(text)
    expect(quiz.locator("[data-academy-live]")).to_contain_text("校验码 " + response["checksum"])
    page_text = tab.locator("body").inner_text()
    for text in [
        *EXAM_SECRETS,
        "正确答案",
        "回答正确",
        "回答错误",
        "部分正确",
        "知识题得分",
        "综合级别",
    ]:
        assert text not in page_text, text
    assert (
        quiz.locator(".academy-q__mark, [data-academy-feedback], .academy-result__table").count()
        == 0
    )
    assert tab.content().count("考核解析") == 0
    assert quiz.locator("fieldset.academy-q:disabled").count() == 5

    # stored without a score; the history shows the checksum, not a score
    attempt = stored(tab, quiz)["results"]["exam@3"]["attempts"][0]
    assert (
        "score" not in attempt
        and attempt["mode"] == "assessed"
        and attempt["checksum"] == response["checksum"]
    )
    expect(quiz.locator("[data-academy-history] tbody tr")).to_have_count(1)
    expect(quiz.locator("[data-academy-history]")).to_contain_text(response["checksum"])

    # printing and downloading again work from the keyboard
    print_button = result.get_by_role("button", name="打印回执")
    print_button.focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate("window.__printed") == 1
    with tab.expect_download() as again:
        result.get_by_role("button", name="再次下载答卷").click()
    assert again.value.suggested_filename == download.suggested_filename
    assert widget_violations(tab) == []

    # reopened: the receipt again, still without correctness
    tab.reload()
    quiz = tab.locator(MOUNTED).first
    tab.wait_for_selector(MOUNTED)
    expect(quiz.locator("[data-academy-result]")).to_contain_text("上次提交于")
    expect(quiz.locator("[data-academy-checksum]")).to_have_text(response["checksum"])
    assert quiz.locator(".academy-q__mark").count() == 0
    assert tab.errors == []


# --------------------------------------------- calibration and placement


def card(result, dimension: str):
    return result.locator(f'.academy-spcm-card[data-dimension="{dimension}"]')


def test_calibration_and_placement_explain_themselves(tab, root):
    choose_role(tab, root, "team-lead")
    quiz = open_quiz(tab, root + "quizzes/drill.html")
    answer_drill(quiz, MIXED)
    submit(tab, quiz)
    result = quiz.locator("[data-academy-result]")
    expect(result).to_be_visible()
    assert focused_is(result)
    # the summary: six dimensions have no knowledge question at all
    verdict = result.locator(".academy-spcm__verdict")
    expect(verdict).to_contain_text("证据还不够判定你的级别（目标是 SOC-管理一级）。")
    expect(verdict).to_contain_text(
        "你的角色考核 8 个维度：0 个已达到目标，1 个未达到，7 个证据不足。"
    )
    expect(result.locator(".academy-spcm__added")).to_have_text(
        "这次测验为 3 个格子提供了 4 道题的证据（答对 3 / 4 题），其中 3 个格子因此可以判定。"
    )
    # the knowledge share of this attempt, in questions
    expect(result.locator(".academy-result__knowledge")).to_have_text(
        "本次知识题答对 3 / 4 题（得分率 75%）"
    )

    # one card per dimension: level, target, evidence and, folded, how it was placed
    gw = card(result, "岗位认知")
    expect(gw.locator(".academy-spcm-card__standing")).to_have_text("✗ 未达到目标")
    expect(gw.locator(".academy-spcm-card__level")).to_contain_text("已达到：SOC-运营岗位")
    expect(gw.locator(".academy-spcm-card__target")).to_have_text("目标：SOC-管理一级")
    steps = gw.locator(".academy-spcm-ladder > li")
    states = steps.evaluate_all(
        "els => els.map(e => e.className.match(/--(passed|failed|insufficient|later)/)[1])"
    )
    assert states == ["passed", "failed", "later", "later"]
    assert gw.locator(".academy-spcm-card__evidence li").all_inner_texts() == [
        "知识题：答对 2 / 3 题",
        "自评：运营岗位“基本符合”，管理一级“完全符合”",
    ]
    gw.locator("summary", has_text="级别是怎样判定的").click()
    assert gw.locator(".academy-spcm-card__placement li").all_inner_texts() == [
        "运营岗位：2 道知识题得分率 100%，自评“基本符合” → 证据 93%，通过",
        "管理一级：1 道知识题得分率 0%，自评“完全符合” → 证据 20%，未通过（要达到 60%）",
        "管理二级、管理三级：还没有题目",
        "对照：自评平均 83%，知识题 50% → 自评偏高",
    ]
    expect(card(result, "职业素质").locator(".academy-spcm-card__calibration")).to_have_text(
        "对照：自评平均 33%，知识题 100% → 自评偏低"
    )
    eq = card(result, "情商")
    expect(eq.locator(".academy-spcm-card__standing")).to_have_text("○ 证据不足")
    expect(eq.locator(".academy-spcm-card__missing")).to_have_text(
        "证据不足：运营岗位还差 1 题，管理一级还差 1 题"
    )

    # what the level means: how many questions stand behind each cell
    meaning = result.locator(".academy-spcm__meaning")
    meaning.locator("summary").click()
    expect(meaning).to_contain_text("至少要有 1 道知识题才判定")
    expect(meaning).to_contain_text("自评是你对自己的看法")
    row = meaning.locator("table.academy-spcm__items tr", has_text="岗位认知")
    assert row.locator("th, td").all_inner_texts() == ["岗位认知", "2", "1", "—", "—"]
    assert widget_violations(tab) == []
    assert tab.errors == []


# ------------------------------------------- retake policy and the dashboard


def review_links(tab: Page, dimension: str) -> list[str]:
    return tab.locator(
        f'.academy-plan .academy-spcm-card[data-dimension="{dimension}"]'
        " .academy-spcm-card__review a"
    ).all_inner_texts()


def test_retake_policy_keeps_the_best_and_the_dashboard_shows_the_profile(tab, root):
    choose_role(tab, root, "team-lead")
    quiz = open_quiz(tab, root + "quizzes/drill.html")
    policy = quiz.locator("[data-academy-policy]")
    expect(policy).to_contain_text("保留方式：最好成绩——多次作答时，以知识题得分最高的一次为准")
    expect(policy).to_contain_text("两次作答之间建议间隔 10 分钟（仅为建议，不限制作答）")
    expect(quiz.locator("[data-academy-wait]")).to_be_hidden()

    # attempt 1: the mixed answers (75%)
    answer_drill(quiz, MIXED)
    submit(tab, quiz)
    result = quiz.locator("[data-academy-result]")
    expect(result.locator(".academy-result__kept")).to_have_text(
        "保留的成绩（最好成绩）：第 1 次作答，知识题 75%（即本次）"
    )
    expect(result.locator(".academy-result__wait")).to_contain_text("建议 10 分钟后再作答")
    # stored with what 我的学习 needs: the spec, the refs, the review links (site-root-relative)
    entry = stored(tab, quiz)["results"]["drill@1"]
    assert entry["spec"] == json.loads(quiz.get_attribute("data-spec"))
    assert entry["refs"]["k-m1"] == [{"href": "soc/a.html#sec", "title": "甲页 · 小节"}]
    assert entry["review"]["岗位认知"][0] == {"href": "soc/c.html", "title": "丙页"}

    # 我的学习: the same profile, the missed question's page first, then the quiz again
    tab.goto(root + "me.html")
    plan = tab.locator("[data-academy-plan]")
    expect(plan.get_by_role("heading", name="我的 SPCM 结果", level=2)).to_be_visible()
    expect(plan.locator(".academy-spcm__verdict")).to_contain_text(
        "0 个已达到目标，1 个未达到，7 个证据不足"
    )
    assert review_links(tab, "岗位认知")[0] == "甲页 · 小节"
    expect(plan.locator(".academy-spcm-card__review-title").first).to_be_visible()
    actions = plan.locator(".academy-spcm__actions > li")
    assert actions.all_inner_texts()[0].startswith("阅读：甲页 · 小节")
    again = actions.locator("a", has_text="练习测验")
    assert again.evaluate("a => a.href") == root + "quizzes/drill.html"
    hrefs = plan.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert root + "me.html" not in hrefs
    # links work from the dashboard, by keyboard
    first = plan.locator(".academy-spcm__actions a").first
    first.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(root + "soc/a.html#sec")

    # attempt 2 is better (100%), attempt 3 worse again: best keeps attempt 2
    quiz = open_quiz(tab, root + "quizzes/drill.html")
    expect(quiz.locator("[data-academy-result]")).to_contain_text("上次提交于")
    quiz.get_by_role("button", name="重新作答").click()
    # too early: advised, never blocked
    wait = quiz.locator("[data-academy-wait]")
    expect(wait).to_be_visible()
    expect(wait).to_contain_text("建议 10 分钟后再作答")
    expect(quiz.locator("[data-academy-live]")).to_contain_text("建议 10 分钟后再作答")
    assert quiz.locator("fieldset.academy-q:disabled").count() == 0
    answer_drill(quiz, ALL_RIGHT)
    submit(tab, quiz)
    expect(quiz.locator(".academy-result__kept")).to_have_text(
        "保留的成绩（最好成绩）：第 2 次作答，知识题 100%（即本次）"
    )
    quiz.get_by_role("button", name="重新作答").click()
    answer_drill(quiz, MIXED)
    submit(tab, quiz)
    expect(quiz.locator(".academy-result__kept")).to_have_text(
        "保留的成绩（最好成绩）：第 2 次作答，知识题 100%"
    )
    expect(quiz.locator(".academy-spcm__added")).to_contain_text("SPCM 结果计入的是第 2 次作答")
    rows = quiz.locator("[data-academy-history] tbody tr")
    expect(rows).to_have_count(3)
    assert [rows.nth(i).locator("td").last.inner_text() for i in range(3)] == ["", "✓ 保留", ""]

    # reopened: the kept result is shown, and says so
    tab.reload()
    quiz = tab.locator(MOUNTED).first
    tab.wait_for_selector(MOUNTED)
    expect(quiz.locator(".academy-result__restored")).to_contain_text("显示保留的成绩（最好成绩")
    expect(quiz.locator(".academy-result__restored")).to_contain_text("上次提交于")
    expect(quiz.locator("[data-academy-result]")).to_contain_text(
        "知识题答对 4 / 4 题（得分率 100%）"
    )

    # 我的学习 follows the kept attempt: 岗位认知 reached 管理一级
    tab.goto(root + "me.html")
    expect(
        tab.locator(
            '.academy-plan .academy-spcm-card[data-dimension="岗位认知"]'
            " .academy-spcm-card__standing"
        )
    ).to_have_text("✓ 达到目标")
    expect(tab.locator(".academy-plan .academy-spcm__meaning")).to_contain_text(
        "练习测验：第 2 次作答"
    )
    assert tab.errors == []


def test_average_policy_and_a_quiz_outside_the_path(tab, root):
    """keep: average shows the mean knowledge share; the profile counts the last attempt."""
    tab.goto(root + "me.html")
    expect(tab.locator("[data-academy-plan]")).to_contain_text("还没有测验成绩")
    choose_role(tab, root, "team-lead")
    quiz = open_quiz(tab, root + "quizzes/avg.html")
    expect(quiz.locator("[data-academy-policy]")).to_have_text(
        "保留方式：平均——多次作答时，知识题得分取各次平均，级别取最后一次。"
    )
    quiz.locator('input[value="true"]').check()
    submit(tab, quiz)
    quiz.get_by_role("button", name="重新作答").click()
    assert quiz.locator("[data-academy-wait]").is_hidden()  # no waiting time in this quiz
    quiz.locator('input[value="false"]').check()
    submit(tab, quiz)
    expect(quiz.locator(".academy-result__kept")).to_have_text(
        "保留的成绩（平均）：2 次作答的知识题平均 50%，级别取最后一次作答"
    )
    rows = quiz.locator("[data-academy-history] tbody tr")
    assert [rows.nth(i).locator("td").last.inner_text() for i in range(2)] == [
        "计入平均；级别取此次",
        "计入平均",
    ]

    tab.goto(root + "me.html")
    plan = tab.locator("[data-academy-plan]")
    expect(plan.locator(".academy-spcm__verdict")).to_contain_text(
        "你还未达到 SOC-运营岗位，目标是 SOC-管理一级。"
    )
    assert review_links(tab, "岗位认知")[0] == "丁页"  # the missed question's ref
    # not in the path: the quiz link comes from the page it was taken on
    again = plan.locator(".academy-spcm__actions a", has_text="平均测验")
    assert again.evaluate("a => a.href") == root + "quizzes/avg.html"
    assert tab.errors == []


def test_hostile_stored_results_never_become_script_links(tab, root):
    choose_role(tab, root, "team-lead")
    quiz = open_quiz(tab, root + "quizzes/drill.html")
    key = "academy:" + quiz.get_attribute("data-academy-site")
    spec = json.loads(quiz.get_attribute("data-spec"))
    hostile = [
        {"href": "javascript:window.__pwned=1", "title": "坏"},
        {"href": "soc/b.html", "title": "<script>window.__pwned=2</script>"},
    ]
    entry = {
        "title": "<img src=x onerror=window.__pwned=3>",
        "keep": "best",
        "spec": spec,
        "refs": {"k-ops-1": hostile},
        "review": {"岗位认知": hostile},
        "attempts": [
            {"submitted": "2026-01-01T00:00:00Z", "role": "team-lead", "answers": {"k-ops-1": 1}}
        ],
    }
    tab.evaluate(
        """([key, entry]) => { const data = JSON.parse(localStorage.getItem(key));
             data.results["evil@1"] = entry;
             localStorage.setItem(key, JSON.stringify(data)); }""",
        [key, entry],
    )
    tab.goto(root + "me.html")
    plan = tab.locator("[data-academy-plan]")
    expect(plan.locator(".academy-spcm-card").first).to_be_visible()
    hrefs = plan.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert root + "soc/b.html" in hrefs
    assert not [href for href in hrefs if not href.startswith(root)]
    assert tab.locator("[data-academy-plan] :is(img, script)").count() == 0
    assert tab.evaluate("window.__pwned") is None
    assert "<script>window.__pwned=2</script>" in plan.inner_text()
    plan.locator(".academy-spcm__meaning summary").click()
    expect(plan.locator(".academy-spcm__counted")).to_contain_text(
        "<img src=x onerror=window.__pwned=3>"
    )
    assert tab.errors == []
