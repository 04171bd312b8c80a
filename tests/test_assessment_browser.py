"""Assessment depth in a real Chromium: an assessed quiz from answering to the
downloaded response file graded in Python, the printable receipt, calibration
and the explained placement, the retake policy, the dashboard's 我的提升计划,
and keyboard / screen-reader labels on the new UI.

One small project is built once (module scope) and served on its own port.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import textwrap
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from academy.core.model import load_model
from academy.core.quizzes import load_quizzes
from academy.scoring.result_files import answers_checksum, rescore_file
from conftest import run_build, write_project

pytestmark = pytest.mark.browser

NO_PRINT_DIALOG = "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"
MOUNTED = '[data-academy="quiz"][data-academy-mounted]'
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

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
    f"  - id: r-{n}\n    type: rating\n    dimension: {d}\n    level: soc-ops\n" for n, d in enumerate(OTHER_DIMENSIONS)
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

# A known answer set for the drill (role team-lead, target 管理一级):
#   岗位认知  运营岗位: knowledge 2/2, self 3 → 86.7% passes; 管理一级: knowledge 0, self 4 → 40%, short by 20%
#   职业素质  运营岗位: knowledge 1, self 2 (33.3%) → 73.3% passes
#   the six other dimensions: self 3 at 运营岗位 only → pass, 管理一级 not assessed
MIXED = {"k-ops-1": 0, "k-ops-2": 0, "k-m1": 1, "r-gw-ops": 3, "r-gw-m1": 4, "k-zy": "true", "r-zy": 2}
ALL_RIGHT = {"k-ops-1": 0, "k-ops-2": 0, "k-m1": 0, "r-gw-ops": 4, "r-gw-m1": 4, "k-zy": "true", "r-zy": 4}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


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
    (project / "quizzes" / "exam.yml").write_text(EXAM, encoding="utf-8")
    (project / "quizzes" / "drill.yml").write_text(DRILL, encoding="utf-8")
    (project / "quizzes" / "avg.yml").write_text(AVERAGE, encoding="utf-8")
    build = run_build(project, project / "site")
    assert build.returncode == 0, build.output
    return project


@pytest.fixture(scope="module")
def root(project) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def tab(chromium) -> Iterator[Page]:
    context = chromium.new_context(accept_downloads=True)
    context.add_init_script(NO_PRINT_DIALOG)
    tab = context.new_page()
    tab.errors = []  # type: ignore[attr-defined]
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))  # type: ignore[attr-defined]
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)  # type: ignore[attr-defined]
    yield tab
    context.close()


# ------------------------------------------------------------------ helpers


def choose_role(tab: Page, root: str, role: str) -> None:
    tab.goto(root + "index.html")
    button = tab.locator(f'[data-academy="role-picker"] button[data-role="{role}"]')
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def open_quiz(tab: Page, url: str):
    tab.goto(url)
    tab.wait_for_selector(MOUNTED)
    return tab.locator(MOUNTED).first


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


def move_to(tab: Page, question, item: int, position: int) -> None:
    for _ in range(20):
        order = [int(v) for v in question.locator("li[data-item]").evaluate_all("els => els.map(e => e.dataset.item)")]
        index = order.index(item)
        if index == position:
            return
        button = question.locator(f'li[data-item="{item}"] button[data-move="{"up" if index > position else "down"}"]')
        button.focus()
        tab.keyboard.press("Enter")
    raise AssertionError("item did not reach its position")


def stored(tab: Page, quiz) -> dict:
    key = "academy:" + quiz.get_attribute("data-academy-site")
    return json.loads(tab.evaluate("key => localStorage.getItem(key)", key))


def focused_is(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def axe_violations(tab: Page) -> list[str]:
    """axe-core on the quiz widget at rest (no hovered button: Material's hover colours are its own)."""
    tab.mouse.move(0, 0)
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate(
        "async () => (await axe.run(document.querySelector('[data-academy=\"quiz\"]'), {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary).join(' | '))"
    )
    return list(found)


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
    assert response["answers"] == {"pick-one": 1, "pick-many": [0], "yes-no": False, "order": [0, 1, 2], "rate": response["answers"]["rate"]}
    assert set(response["answers"]["rate"]) == {3}
    assert "score" not in response
    assert response["checksum"] == answers_checksum("exam", 3, response["answers"])

    # graded in Python against the keys in the repository
    model = load_model(project / "quizzes" / "spcm.yml")
    pages = {name: object() for name in ("soc/a.md", "soc/b.md", "soc/c.md")}
    quizzes, problems = load_quizzes([(project / "quizzes" / "exam.yml", "quizzes/exam.yml")], model, pages)
    assert problems == []
    graded = rescore_file(path, path.name, quizzes, model)
    assert graded.is_response and graded.checksum_ok and graded.matches
    assert graded.trainee == "李四" and graded.role == "operator"
    assert graded.score["knowledge"] == {"earned": 4.0, "possible": 5.0, "share": 0.8}
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
    for text in [*EXAM_SECRETS, "正确答案", "回答正确", "回答错误", "部分正确", "知识题得分", "综合级别"]:
        assert text not in page_text, text
    assert quiz.locator(".academy-q__mark, [data-academy-feedback], .academy-result__table").count() == 0
    assert tab.content().count("考核解析") == 0
    assert quiz.locator("fieldset.academy-q:disabled").count() == 5

    # stored without a score; the history shows the checksum, not a score
    attempt = stored(tab, quiz)["results"]["exam@3"]["attempts"][0]
    assert "score" not in attempt and attempt["mode"] == "assessed" and attempt["checksum"] == response["checksum"]
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
    assert axe_violations(tab) == []

    # reopened: the receipt again, still without correctness
    tab.reload()
    quiz = tab.locator(MOUNTED).first
    tab.wait_for_selector(MOUNTED)
    expect(quiz.locator("[data-academy-result]")).to_contain_text("上次提交于")
    expect(quiz.locator("[data-academy-checksum]")).to_have_text(response["checksum"])
    assert quiz.locator(".academy-q__mark").count() == 0
    assert tab.errors == []


# --------------------------------------------- calibration and placement


def test_calibration_and_placement_explain_themselves(tab, root):
    choose_role(tab, root, "team-lead")
    quiz = open_quiz(tab, root + "quizzes/drill.html")
    answer_drill(quiz, MIXED)
    submit(tab, quiz)
    result = quiz.locator("[data-academy-result]")
    expect(result).to_be_visible()
    assert focused_is(result)
    expect(result.locator(".academy-result__overall")).to_have_text("综合级别：SOC-运营岗位")
    expect(result.locator(".academy-result__why")).to_have_text(
        "为什么是运营岗位而不是管理一级：管理一级的「岗位认知」差 20%，"
        "「价值观」「智商」「情商」「职业素质」「岗位技能」「行业知识」「SOC专业」未评估。"
    )

    # the ladder cell by cell
    placement = result.locator("table.academy-placement")
    expect(placement.locator("caption")).to_have_text("各维度 × 各级别的判定")
    assert placement.locator("thead th").all_inner_texts() == ["维度", "运营岗位", "管理一级", "管理二级", "管理三级", "结论"]
    assert placement.locator('thead th[scope="col"]').count() == 6
    row = placement.locator('tr[data-dimension="岗位认知"]')
    assert row.locator("th").get_attribute("scope") == "row"
    cells = [text.strip() for text in row.locator("td").all_inner_texts()]
    assert cells == ["✓ 通过 86.7%", "✗ 差 20%（40%）", "○ 未评估", "○ 未评估", "达到运营岗位；管理一级差 20%"]
    expect(placement.locator('tr[data-dimension="情商"] td').last).to_have_text("达到运营岗位；管理一级未评估")
    # icons are decorative; the words carry the meaning
    assert row.locator('td [aria-hidden="true"]').count() == 4

    # self-rating and knowledge side by side, with the plain-Chinese flag
    calibration = result.locator("table.academy-calibration")
    assert calibration.locator("thead th").all_inner_texts() == ["维度", "自评", "知识测验", "对照"]
    high = calibration.locator('tr[data-dimension="岗位认知"]')
    expect(high.locator("td").nth(0)).to_contain_text("平均 83.3%")
    expect(high.locator("td").nth(0)).to_contain_text("可达 SOC-管理一级")
    expect(high.locator("td").nth(1)).to_contain_text("平均 50%")
    expect(high.locator("td").nth(1)).to_contain_text("可达 SOC-运营岗位")
    expect(high.locator("td").nth(2)).to_have_text("▲ 自评达到管理一级，知识测验仅 50% → 自评偏高")
    expect(calibration.locator('tr[data-dimension="职业素质"] td').nth(2)).to_have_text(
        "▼ 知识测验 100%，自评未达到运营岗位 → 自评偏低"
    )
    expect(calibration.locator('tr[data-dimension="价值观"] td').nth(2)).to_have_text("只有自评，没有知识题，无法对照")
    # the knowledge share: 3 of 4 points
    expect(result).to_contain_text("知识题得分 3/4（75%）")
    assert axe_violations(tab) == []
    assert tab.errors == []


# ------------------------------------------- retake policy and the dashboard


def plan_links(tab: Page, dimension: str) -> list[str]:
    return tab.locator(f'.academy-plan__gap[data-dimension="{dimension}"] .academy-plan__links a').all_inner_texts()


def test_retake_policy_keeps_the_best_and_the_dashboard_plans_in_path_order(tab, root):
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
    expect(result.locator(".academy-result__kept")).to_have_text("保留的成绩（最好成绩）：第 1 次作答，知识题 75%（即本次）")
    expect(result.locator(".academy-result__wait")).to_contain_text("建议 10 分钟后再作答")
    attempt = stored(tab, quiz)["results"]["drill@1"]["attempts"][0]
    assert [gap["dimension"] for gap in attempt["plan"]][:4] == ["价值观", "智商", "情商", "岗位认知"]
    gap = next(g for g in attempt["plan"] if g["dimension"] == "岗位认知")
    assert gap["links"][0] == {"href": "soc/c.html", "title": "丙页"}  # site-root-relative
    assert gap["cells"] == [{"level": "soc-m1", "name": "SOC-管理一级", "status": "failed", "shortfall": 0.2}]

    # the dashboard: gaps with pages in the path's order, then the quiz again
    tab.goto(root + "me.html")
    plan = tab.locator("[data-academy-plan]")
    expect(plan.get_by_role("heading", name="我的提升计划", level=2)).to_be_visible()
    block = plan.locator('.academy-plan__quiz[data-quiz="drill"]')
    expect(block.locator("h3")).to_have_text("练习测验")
    expect(block.locator(".academy-plan__basis")).to_contain_text("依据：保留的成绩（最好成绩），第 1 次作答")
    gaps = block.locator(".academy-plan__gap")
    assert gaps.count() == 8
    # gaps with pages in the path come first, in path order
    assert gaps.evaluate_all("els => els.map(e => e.dataset.dimension)")[:2] == ["岗位认知", "职业素质"]
    expect(gaps.first).to_contain_text("岗位认知：已达到 SOC-运营岗位，目标 SOC-管理一级（管理一级差 20%）")
    # data-review gave 丙, 乙, 甲·小节, 甲, 丁; the path reads 甲, 乙, (quiz), 丙; 丁 is in no path
    assert plan_links(tab, "岗位认知") == ["复习：甲页 · 小节", "复习：甲页", "复习：乙页", "复习：丙页", "复习：丁页"]
    assert plan_links(tab, "职业素质") == ["复习：乙页", "复习：我的学习"]
    review = block.locator('.academy-plan__gap[data-dimension="岗位认知"] .academy-plan__links')
    assert review.get_attribute("aria-label") == "岗位认知：要复习的页面"
    again = block.locator(".academy-plan__next a")
    expect(again).to_have_text("练习测验")
    assert again.evaluate("a => a.href") == root + "quizzes/drill.html"
    # links work from the dashboard, by keyboard
    first = review.locator("a").first
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
    expect(quiz.locator(".academy-result__kept")).to_have_text("保留的成绩（最好成绩）：第 2 次作答，知识题 100%（即本次）")
    quiz.get_by_role("button", name="重新作答").click()
    answer_drill(quiz, MIXED)
    submit(tab, quiz)
    expect(quiz.locator(".academy-result__kept")).to_have_text("保留的成绩（最好成绩）：第 2 次作答，知识题 100%")
    rows = quiz.locator("[data-academy-history] tbody tr")
    expect(rows).to_have_count(3)
    assert [rows.nth(i).locator("td").last.inner_text() for i in range(3)] == ["", "✓ 保留", ""]

    # reopened: the kept result is shown, and says so
    tab.reload()
    quiz = tab.locator(MOUNTED).first
    tab.wait_for_selector(MOUNTED)
    expect(quiz.locator(".academy-result__restored")).to_contain_text("显示保留的成绩（最好成绩")
    expect(quiz.locator(".academy-result__restored")).to_contain_text("上次提交于")
    expect(quiz.locator("[data-academy-result]")).to_contain_text("知识题得分 4/4（100%）")

    # the dashboard follows the kept attempt: 岗位认知 reached 管理一级, no longer a gap
    tab.goto(root + "me.html")
    block = tab.locator('.academy-plan__quiz[data-quiz="drill"]')
    expect(block.locator(".academy-plan__basis")).to_contain_text("第 2 次作答")
    expect(block.locator('.academy-plan__gap[data-dimension="岗位认知"]')).to_have_count(0)
    expect(block.locator('.academy-plan__gap[data-dimension="职业素质"]')).to_have_count(1)
    assert tab.errors == []


def test_average_policy_and_a_quiz_outside_the_path(tab, root):
    """keep: average shows the mean knowledge share and uses the last attempt's levels and plan."""
    tab.goto(root + "me.html")
    expect(tab.locator("[data-academy-plan]")).to_contain_text("还没有测验结果")
    choose_role(tab, root, "team-lead")
    quiz = open_quiz(tab, root + "quizzes/avg.html")
    expect(quiz.locator("[data-academy-policy]")).to_have_text("保留方式：平均——多次作答时，知识题得分取各次平均，级别取最后一次。")
    quiz.locator('input[value="true"]').check()
    submit(tab, quiz)
    quiz.get_by_role("button", name="重新作答").click()
    assert quiz.locator("[data-academy-wait]").is_hidden()  # no waiting time in this quiz
    quiz.locator('input[value="false"]').check()
    submit(tab, quiz)
    expect(quiz.locator(".academy-result__kept")).to_have_text("保留的成绩（平均）：2 次作答的知识题平均 50%，级别取最后一次作答")
    rows = quiz.locator("[data-academy-history] tbody tr")
    assert [rows.nth(i).locator("td").last.inner_text() for i in range(2)] == ["计入平均；级别取此次", "计入平均"]

    tab.goto(root + "me.html")
    block = tab.locator('.academy-plan__quiz[data-quiz="avg"]')
    expect(block.locator(".academy-plan__basis")).to_contain_text("保留的成绩（平均），第 2 次作答")
    gap = block.locator('.academy-plan__gap[data-dimension="岗位认知"]')
    expect(gap).to_contain_text("岗位认知：尚未达到任何级别，目标 SOC-管理一级（运营岗位差 60%，管理一级未评估）")
    assert plan_links(tab, "岗位认知") == ["复习：甲页", "复习：乙页", "复习：丙页", "复习：丁页"]
    # not in the path: the quiz link comes from the page it was taken on
    assert block.locator(".academy-plan__next a").evaluate("a => a.href") == root + "quizzes/avg.html"
    assert tab.errors == []


def test_hostile_stored_plan_links_never_become_script_links(tab, root):
    choose_role(tab, root, "team-lead")
    quiz = open_quiz(tab, root + "quizzes/drill.html")
    key = "academy:" + quiz.get_attribute("data-academy-site")
    attempt = {
        "submitted": "2026-01-01T00:00:00Z", "role": "team-lead", "answers": {}, "score": {"knowledge": {"share": 0.5}},
        "plan": [{"dimension": "<img src=x onerror=window.__pwned=1>", "reachedName": None, "targetName": "<b>x</b>",
                  "cells": [], "links": [{"href": "javascript:window.__pwned=1", "title": "坏"},
                                         {"href": "soc/b.html", "title": "<script>window.__pwned=2</script>"}]}],
    }
    tab.evaluate(
        """([key, attempt]) => { const data = JSON.parse(localStorage.getItem(key));
             data.results["evil@1"] = {title: "<img src=x onerror=window.__pwned=3>", keep: "best", attempts: [attempt]};
             localStorage.setItem(key, JSON.stringify(data)); }""",
        [key, attempt],
    )
    tab.goto(root + "me.html")
    block = tab.locator('.academy-plan__quiz[data-quiz="evil"]')
    expect(block.locator("h3")).to_have_text("<img src=x onerror=window.__pwned=3>")
    hrefs = block.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs == [root + "soc/b.html"]
    assert tab.locator("[data-academy-plan] :is(img, script)").count() == 0
    assert tab.evaluate("window.__pwned") is None
    assert re.search(r"<script>window.__pwned=2</script>", block.inner_text())
    assert tab.errors == []
