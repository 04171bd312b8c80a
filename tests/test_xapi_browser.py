"""Learning records in a real Chromium against a real LRS (Ralph): a trainee launched
with the xAPI launch parameters completes a page and quizzes while the LRS is up, down
and up again; every statement arrives once, as valid xAPI, and `academy report --lrs`
gives the same tables as `academy report` over the files the pages handed out.

One small project is built once (module scope), served on its own port, with Ralph on
another port (cross-origin, allowed by Ralph's CORS setting).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, Route, expect

from academy.core.xapi import SETTINGS_FILE
from support.browser import STORAGE_DISABLED, axe_violations, choose_role, open_quiz
from support.lrs import AUTH, Ralph
from support.site import academy, free_port, page, path_page, run_build, serve, write_project

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("xapi-site")]

DRILL = """\
id: drill
version: 2
title: 练习测验
roles: [operator]
retake:
  keep: best
questions:
  - id: pick
    type: single
    dimension: 岗位认知
    level: soc-ops
    prompt: 值班时发现告警，第一步做什么？
    options: [先确认影响范围, 先关闭告警]
    answer: A
    explanation: 先确认影响。
    refs: [soc/a.md]
  - id: many
    type: multiple
    dimension: 岗位认知
    level: soc-m1
    prompt: 哪些属于交接内容？
    options: [未结事件, 午餐安排, 待办变更]
    answer: [A, C]
    explanation: 交接讲工作。
    refs: [soc/a.md]
  - id: judge
    type: truefalse
    dimension: 职业素质
    level: soc-ops
    prompt: 发现隐患应当记录并上报。
    answer: true
    explanation: 记录并上报。
    refs: [soc/a.md]
  - id: steps
    type: ordering
    dimension: 岗位技能
    level: soc-ops
    prompt: 把故障处理的环节排好。
    items: [发现, 定级, 处置]
    explanation: 先发现再定级。
    refs: [soc/a.md]
  - id: self
    type: rating
    dimension: 岗位认知
    level: soc-ops
"""

EXAM = """\
id: exam
version: 1
title: 结业考核
roles: [operator]
mode: assessed
questions:
  - id: pick
    type: single
    dimension: 岗位认知
    level: soc-ops
    prompt: 交接班时最先核对什么？
    options: [未结事件, 值班表格式]
    answer: A
    explanation: 考核解析。
    refs: [soc/a.md]
  - id: judge
    type: truefalse
    dimension: 职业素质
    level: soc-ops
    prompt: 变更前需要写好回退方案。
    answer: true
    explanation: 考核解析。
    refs: [soc/a.md]
"""

ACTOR = {"objectType": "Agent", "mbox": "mailto:wang@example.com", "name": "王小明"}
REGISTRATION = "4d6b1f2e-8c1a-4b7e-9a55-2f0c3d9e7b10"
PENDING = "[data-academy-xapi-pending]"


@dataclass
class Site:
    project: Path
    root: str
    ralph: Ralph


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("xapi")
    port = free_port()
    root = f"http://127.0.0.1:{port}/"
    ralph = Ralph(folder / "lrs", root)
    pages = {
        "index.md": page("首页", "<!-- academy:role-picker -->"),
        "me.md": page("我的学习", "<!-- academy:dashboard -->"),
        "soc/a.md": page("交接班", "交接班的要点。"),
        "paths/operator.md": path_page("page: soc/a.md", "quiz: drill"),
    }
    project = write_project(folder / "project", pages)
    (project / "quizzes" / "drill.yml").write_text(DRILL, encoding="utf-8")
    (project / "quizzes" / "exam.yml").write_text(EXAM, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "  - academy:\n", f"  - academy:\n      xapi:\n        endpoint: {ralph.endpoint}\n"
        ),
        encoding="utf-8",
    )
    build = run_build(project, project / "site", site_url=root)
    assert build.returncode == 0, build.output
    ralph.start()
    try:
        with serve(project / "site", port=port) as url:
            yield Site(project, url, ralph)
    finally:
        ralph.stop()


def launch_link(site: Site, page: str) -> str:
    """The address an LMS opens: the page with the xAPI launch parameters."""
    return (
        f"{site.root}{page}?endpoint={quote(site.ralph.endpoint, safe='')}"
        f"&auth={quote(AUTH, safe='')}&actor={quote(json.dumps(ACTOR), safe='')}"
        f"&registration={REGISTRATION}"
    )


def answer_drill(quiz, tab: Page) -> None:
    quiz.locator('fieldset[data-question="pick"] input[value="0"]').check()
    quiz.locator('fieldset[data-question="many"] input[value="0"]').check()
    quiz.locator('fieldset[data-question="judge"] input[value="true"]').check()
    for row in quiz.locator('fieldset[data-question="self"] .academy-q__rating').all():
        row.locator('input[value="3"]').check()
    quiz.locator(".academy-quiz__name input").fill("王小明")


def outbox(tab: Page) -> dict:
    site_id = tab.locator("[data-academy-site]").first.get_attribute("data-academy-site")
    stored = tab.evaluate("key => localStorage.getItem(key)", f"academy:{site_id}:xapi")
    return json.loads(stored) if stored else {"queue": [], "sent": [], "failed": []}


def lrs_refused(tabs, endpoint: str, tab: Page | None = None) -> None:
    """Chromium logs each request the LRS refused or did not answer (while it is down, or
    without credentials): expected here, and only these. Closes `tab` first, so that
    nothing it does later is missed."""
    if tab is not None:
        tab.close()
    tabs.errors[:] = [e for e in tabs.errors if f"({endpoint}statements)" not in e]


def table(path: Path, drop_first: bool = False) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [row[1:] for row in rows] if drop_first else rows


def test_records_reach_the_lrs_once_through_an_outage_and_report_like_the_files(
    tabs, site: Site, tmp_path
):
    tab = tabs.open()
    files = tmp_path / "files"
    files.mkdir()

    # launched by the LMS: the credentials leave the address bar at once
    tab.goto(launch_link(site, "index.html"))
    tab.wait_for_selector('[data-academy="role-picker"][data-academy-mounted]')
    assert "auth" not in tab.url and "endpoint" not in tab.url
    choose_role(tab, site.root, "operator")

    # a page marked done, and a practice quiz, with the LRS up
    tab.goto(site.root + "soc/a.html")
    tab.locator('[data-academy="pagedone"] [data-academy-done]').click()
    quiz = open_quiz(tab, site.root + "quizzes/drill.html")
    answer_drill(quiz, tab)
    quiz.locator("button[type=submit]").click()
    note = quiz.locator("[data-academy-xapi-note]")
    expect(note).to_have_text("本次作答已上传到学习记录系统。", timeout=15000)
    with tab.expect_download() as info:
        quiz.locator("[data-academy-export]").click()
    info.value.save_as(files / "drill-1.json")

    # the LRS goes away: an assessed quiz and a retake wait in the outbox
    site.ralph.stop()
    quiz = open_quiz(tab, site.root + "quizzes/exam.html")
    quiz.locator('fieldset[data-question="pick"] input[value="0"]').check()
    quiz.locator('fieldset[data-question="judge"] input[value="false"]').check()
    quiz.locator(".academy-quiz__name input").fill("王小明")
    with tab.expect_download() as info:
        quiz.locator("button[type=submit]").click()
    info.value.save_as(files / "exam.json")
    expect(quiz.locator("[data-academy-xapi-note]")).to_contain_text("条记录待上传")
    quiz = open_quiz(tab, site.root + "quizzes/drill.html")
    quiz.locator("[data-academy-retake]").click()
    answer_drill(quiz, tab)
    quiz.locator('fieldset[data-question="many"] input[value="2"]').check()
    quiz.locator("button[type=submit]").click()
    with tab.expect_download() as info:
        quiz.locator("[data-academy-export]").click()
    info.value.save_as(files / "drill-2.json")
    waiting = len(outbox(tab)["queue"])
    assert waiting == 1 + 5 + 1 + 1 + 1 + 2 + 1  # retake: attempted, answers, completed, profile
    tab.goto(site.root + "me.html")
    pending = tab.locator(PENDING)
    expect(pending).to_contain_text(f"{waiting} 条记录待上传")
    expect(tab.locator("[data-academy-xapi-error]")).to_contain_text("无法连接学习记录系统")
    expect(tab.locator("[data-academy-xapi]")).to_contain_text("学员身份：王小明")
    lrs_refused(tabs, site.ralph.endpoint)

    # back again: the next page sends everything; one reply is lost on the way, so that
    # batch is sent twice, and the LRS keeps one copy
    site.ralph.start()
    lost = []

    def lose_first_reply(route: Route) -> None:
        if route.request.method == "POST" and not lost:
            route.fetch()  # the LRS stores the batch …
            lost.append(route.request.post_data_json)
            route.abort("connectionreset")  # … and the page never hears back
        else:
            route.continue_()

    tab.route(site.ralph.endpoint + "statements", lose_first_reply)
    tab.reload()
    expect(pending).to_have_text("全部学习记录已上传。", timeout=30000)
    assert lost, "the first batch after the outage should have been posted"
    sent = outbox(tab)["sent"]
    expect(tab.locator("[data-academy-xapi-sent] summary")).to_contain_text(f"{len(sent)} 条")
    lrs_refused(tabs, site.ralph.endpoint, tab)

    # every statement once, valid (Ralph validated each on the way in), as the launch said
    stored = site.ralph.statements()
    ids = [statement["id"] for statement in stored]
    assert len(ids) == len(set(ids)) == len(sent) == 9 + waiting
    assert sorted(ids) == sorted(entry["id"] for entry in sent)
    assert {json.dumps(s["actor"], sort_keys=True) for s in stored} == {
        json.dumps(ACTOR, sort_keys=True)
    }
    assert {s["context"]["registration"] for s in stored} == {REGISTRATION}
    verbs = sorted(s["verb"]["id"].rsplit("/", 1)[1] for s in stored)
    assert verbs.count("completed") == 4 and verbs.count("attempted") == 3
    assert verbs.count("answered") == 5 + 2 + 5 and verbs.count("scored") == 2
    answers = {
        s["object"]["id"].rsplit("/", 2)[1] + "/" + s["object"]["id"].rsplit("/", 1)[1]: s
        for s in stored
        if s["verb"]["id"].endswith("answered")
    }
    many = answers["drill/many"]["object"]["definition"]
    assert many["interactionType"] == "choice"
    assert [c["description"]["zh-CN"] for c in many["choices"]] == [
        "未结事件",
        "午餐安排",
        "待办变更",
    ]
    assert many["correctResponsesPattern"] == ["0[,]2"]
    assert "correctResponsesPattern" not in answers["exam/pick"]["object"]["definition"]
    assert answers["drill/steps"]["object"]["definition"]["interactionType"] == "sequencing"

    # the report from the LRS is the report from the files
    env_auth = {"ACADEMY_LRS_AUTH": "trainer:secret-for-tests"}
    from_files = academy(
        site.project, "report", str(files), "-o", str(tmp_path / "f"), env={"SITE_URL": site.root}
    )
    assert from_files.returncode == 0, from_files.stdout + from_files.stderr
    from_lrs = academy(
        site.project,
        *("report", "--lrs", site.ralph.endpoint, "--registration", REGISTRATION),
        *("-o", str(tmp_path / "l")),
        env={**env_auth, "SITE_URL": site.root},
    )
    assert from_lrs.returncode == 0, from_lrs.stdout + from_lrs.stderr
    assert "已评分 3 条记录（1 位学员）" in from_lrs.stdout
    for name in ("trainees.csv", "questions.csv"):
        assert (tmp_path / "f" / name).read_bytes() == (tmp_path / "l" / name).read_bytes()
    assert table(tmp_path / "f" / "attempts.csv", drop_first=True) == table(
        tmp_path / "l" / "attempts.csv", drop_first=True
    )
    assert len(table(tmp_path / "l" / "attempts.csv")) == 1 + 3


def test_the_settings_name_the_lrs_and_the_site_address(site: Site):
    settings = (site.project / "site" / SETTINGS_FILE).read_text(encoding="utf-8")
    assert site.ralph.endpoint in settings and site.root in settings
    assert academy(site.project, "check", env={"SITE_URL": site.root}).returncode == 0


def test_without_a_launch_the_trainee_is_anonymous_and_a_refusal_is_shown(tabs, site: Site):
    tab = tabs.open()
    choose_role(tab, site.root, "operator")
    quiz = open_quiz(tab, site.root + "quizzes/drill.html")
    answer_drill(quiz, tab)
    quiz.locator("button[type=submit]").click()
    # no launch: no credentials, and Ralph wants them
    expect(quiz.locator("[data-academy-xapi-note]")).to_contain_text("条记录待上传")
    waiting = outbox(tab)["queue"]
    assert {json.dumps(s["actor"], sort_keys=True) for s in waiting} == {
        json.dumps(
            {
                "objectType": "Agent",
                "account": {"homePage": site.root, "name": outbox(tab)["anonymous"]},
                "name": "王小明",
            },
            sort_keys=True,
        )
    }
    assert all("registration" not in s["context"] for s in waiting)
    tab.goto(site.root + "me.html")
    expect(tab.locator("[data-academy-xapi-error]")).to_contain_text("拒绝了登录信息（401）")
    expect(tab.locator("[data-academy-xapi]")).to_contain_text("本浏览器的匿名编号")
    lrs_refused(tabs, site.ralph.endpoint, tab)


def test_with_storage_blocked_the_page_says_to_export(tabs, site: Site):
    tab = tabs.open(STORAGE_DISABLED)
    tab.route(site.ralph.endpoint + "statements", lambda route: route.abort())
    quiz = open_quiz(tab, site.root + "quizzes/drill.html")
    answer_drill(quiz, tab)
    quiz.locator("button[type=submit]").click()
    note = quiz.locator("[data-academy-xapi-note]")
    expect(note).to_contain_text("浏览器存储不可用")
    expect(note).to_contain_text("导出结果")
    lrs_refused(tabs, site.ralph.endpoint, tab)


def test_refused_records_are_kept_and_sent_again_from_the_dashboard(tabs, site: Site):
    tab = tabs.open()
    tab.goto(launch_link(site, "index.html"))
    origin = site.root.rstrip("/")

    def refuse(route: Route) -> None:  # a proxy in the way that refuses every post
        if route.request.method != "POST":
            route.continue_()
            return
        route.fulfill(
            status=400,
            content_type="application/json",
            body='{"detail": "refused by a proxy"}',
            headers={"Access-Control-Allow-Origin": origin},
        )

    tab.route(site.ralph.endpoint + "statements", refuse)
    quiz = open_quiz(tab, site.root + "quizzes/drill.html")
    answer_drill(quiz, tab)
    quiz.locator("button[type=submit]").click()
    expect(quiz.locator("[data-academy-xapi-note]")).to_contain_text(
        "本次作答有 8 条记录被学习记录系统拒绝，已保留在“我的学习”中"
    )
    refused = [entry["id"] for entry in outbox(tab)["failed"]]
    assert len(refused) == 8 and outbox(tab)["queue"] == []

    tab.goto(site.root + "me.html")
    section = tab.locator("[data-academy-xapi]")
    expect(section.locator("[data-academy-xapi-refused]")).to_contain_text(
        "8 条记录被学习记录系统拒绝"
    )
    expect(section.locator("[data-academy-xapi-failed] summary")).to_contain_text("8 条")
    section.locator("[data-academy-xapi-failed] summary").click()
    expect(section.locator("[data-academy-xapi-failed] li").first).to_contain_text(
        "refused by a proxy"
    )
    tab.mouse.move(0, 0)  # at rest: Material's hover colours are its own
    assert axe_violations(tab, "[data-academy-xapi]") == []
    tab.unroute(site.ralph.endpoint + "statements")
    # pressed from the keyboard: the focus stays where the trainee reads what happened
    section.locator("[data-academy-xapi-retry]").focus()
    tab.keyboard.press("Enter")
    expect(tab.locator(PENDING)).to_have_text("全部学习记录已上传。", timeout=15000)
    expect(tab.locator(PENDING)).to_be_focused()
    expect(section.locator("[data-academy-xapi-refused]")).to_have_count(0)
    stored = {statement["id"] for statement in site.ralph.statements()}
    assert set(refused) <= stored
    lrs_refused(tabs, site.ralph.endpoint, tab)


def test_a_launch_lasts_for_its_tab_and_a_malformed_one_is_not_used(tabs, site: Site):
    tab = tabs.open()
    pretender = {"mbox": "wang@example.com", "name": "冒名"}  # not a mailto: address
    tab.goto(
        f"{site.root}index.html?actor={quote(json.dumps(pretender), safe='')}"
        f"&auth={quote('Basic 中文', safe='')}"
    )
    tab.goto(site.root + "me.html")
    section = tab.locator("[data-academy-xapi]")
    expect(section).to_contain_text("学员身份：本浏览器的匿名编号")
    launch = json.loads(
        tab.evaluate("Object.entries(sessionStorage).find(([k]) => k.endsWith(':launch'))[1]")
    )
    assert launch["actor"] is None and launch["auth"] is None

    tab.goto(launch_link(site, "me.html"))
    expect(section).to_contain_text("学员身份：王小明")
    beside = tabs.beside(tab)  # the same browser, another tab: not launched
    beside.goto(site.root + "me.html")
    expect(beside.locator("[data-academy-xapi]")).to_contain_text("学员身份：本浏览器的匿名编号")


def test_from_a_file_share_a_path_endpoint_queues_nothing(tabs, tmp_path):
    pages = {
        "index.md": page("首页", "<!-- academy:role-picker -->"),
        "me.md": page("我的学习", "<!-- academy:dashboard -->"),
        "soc/a.md": page("交接班", "交接班的要点。"),
        "paths/operator.md": path_page("page: soc/a.md"),
    }
    project = write_project(tmp_path / "project", pages)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - academy:\n", "  - academy:\n      xapi:\n        endpoint: /xAPI/\n"
        ),
        encoding="utf-8",
    )
    build = run_build(project, project / "site", site_url="http://academy.example.com/")
    assert build.returncode == 0, build.output
    tab = tabs.open()
    root = (project / "site").as_uri() + "/"
    choose_role(tab, root, "operator")
    tab.goto(root + "soc/a.html")
    tab.locator('[data-academy="pagedone"] [data-academy-done]').click()
    tab.goto(root + "me.html")
    expect(tab.locator(PENDING)).to_contain_text("从文件夹打开的课程不会上传学习记录")
    assert outbox(tab)["queue"] == []


def test_an_outbox_too_full_for_more_says_to_export(tabs, site: Site):
    tab = tabs.open()
    tab.goto(launch_link(site, "index.html"))
    quiz = open_quiz(tab, site.root + "quizzes/drill.html")
    site_id = quiz.get_attribute("data-academy-site")
    # refused records kept for a long time fill the outbox up to its cap
    tab.evaluate(
        """key => localStorage.setItem(key, JSON.stringify({queue: [], sent: [], error: null,
        anonymous: "a", lease: null, full: false, failed: [{id: "x", time: new Date().toISOString(),
        what: "完成：旧记录", reason: "400", statement: {padding: "字".repeat(1990000)}}]}))""",
        f"academy:{site_id}:xapi",
    )
    answer_drill(quiz, tab)
    quiz.locator("button[type=submit]").click()
    note = quiz.locator("[data-academy-xapi-note]")
    expect(note).to_contain_text("待上传的学习记录太多")
    expect(note).to_contain_text("导出结果")
    assert outbox(tab)["queue"] == []
    tab.goto(site.root + "me.html")
    expect(tab.locator("[data-academy-xapi-full]")).to_contain_text("新的记录没有加入上传")
    expect(tab.locator("[data-academy-xapi-refused]")).to_contain_text("1 条记录被学习记录系统拒绝")
