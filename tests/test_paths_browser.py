"""Roles, learning paths, progress, the dashboard and the learning log in a real Chromium.

Everything runs against the real built site: over HTTP with instant navigation
on (the build's site_url is the test server), and opened from file://.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from support.browser import NOTICE, STORAGE_DISABLED, stored, tab_to
from support.site import Build

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=window.__pwned=1>"
HOSTILE_SCRIPT = "<script>window.__pwned=2</script>"
STORAGE_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


def page_with(site: Path, marker: str) -> str:
    """The site-relative address of the page whose HTML contains marker."""
    for path in sorted(site.rglob("*.html")):
        if marker in path.read_text(encoding="utf-8"):
            return path.relative_to(site).as_posix()
    raise AssertionError(f"no page contains {marker}")


@pytest.fixture(scope="module")
def pages(built_site: Build) -> dict[str, str]:
    site = built_site.site
    return {
        "home": "index.html",
        "path": "paths/operator.html",
        "dashboard": page_with(site, 'data-academy="dashboard"'),
        "log": page_with(site, 'data-academy="learning-log"'),
    }


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    title: str
    href: str  # site-relative, with the anchor of a section step
    minutes: int
    required: bool


class StepReader(HTMLParser):
    """The steps of a path page, as its markup lists them (li.academy-step)."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[Step] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        found = dict(attrs)
        if tag == "li" and "academy-step" in (found.get("class") or "").split():
            address, _, anchor = found["data-href"].partition("#")
            href = posixpath.normpath(posixpath.join("paths", address)) + (
                f"#{anchor}" if anchor else ""
            )
            self.steps.append(
                Step(
                    found["data-step"],
                    found["data-kind"],
                    found["data-title"],
                    href,
                    int(found["data-minutes"]),
                    found["data-required"] == "true",
                )
            )


@pytest.fixture(scope="module")
def path_steps(built_site: Build):
    def read(role: str) -> list[Step]:
        reader = StepReader()
        reader.feed((built_site.site / "paths" / f"{role}.html").read_text(encoding="utf-8"))
        assert reader.steps, role
        return reader.steps

    return read


def next_step(steps: list[Step], done: set[str]) -> Step | None:
    """The step 继续学习 points at: the first open required step, else the first open one."""
    open_steps = [step for step in steps if step.id not in done]
    return next(
        (step for step in open_steps if step.required), open_steps[0] if open_steps else None
    )


def minutes_left(steps: list[Step], done: set[str]) -> int:
    return sum(step.minutes for step in steps if step.id not in done)


@pytest.fixture(scope="module")
def site_id(built_site: Build) -> str:
    html = (built_site.site / "index.html").read_text(encoding="utf-8")
    return re.search(r'data-academy-site="([^"]+)"', html).group(1)


def primary_path(tab: Page):
    return tab.locator(".academy-pathbar__path").first


def stay_marker(tab: Page) -> None:
    tab.evaluate("window.__stayed = true")


def assert_stayed(tab: Page) -> None:
    assert tab.evaluate("window.__stayed === true"), (
        "the link reloaded the page instead of instant navigation"
    )


def local_today(tab: Page) -> str:
    return tab.evaluate(
        "(() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0')"
        " + '-' + String(d.getDate()).padStart(2, '0'); })()"
    )


# ---------------------------------------------------------------- paths


def test_pick_a_role_follow_its_path_and_keep_progress(tabs, http_root, pages, site_id, path_steps):
    steps = path_steps("operator")
    first, second = steps[0], steps[1]
    assert first.kind == second.kind == "page" and first.required, (
        "the operator path starts with two pages"
    )
    total = len(steps)
    tab = tabs.open()
    tab.goto(http_root + pages["home"])
    stay_marker(tab)
    roles = tab.locator("button.academy-role")
    operator = tab.locator('button.academy-role[data-role="operator"]')
    operator.click()
    expect(operator).to_have_attribute("aria-pressed", "true")
    assert (
        roles.evaluate_all("rs => rs.filter(r => r.getAttribute('aria-pressed') === 'true').length")
        == 1
    )
    status = tab.locator("[data-academy-role-status]")
    expect(status).to_contain_text("已选择：运营专员。")
    status.get_by_role("link", name="开始学习：运营专员学习路径").click()

    tab.wait_for_url("**/paths/operator.html")
    go = tab.locator("[data-academy-continue]")
    expect(go).to_have_text("开始学习：" + first.title)
    go.click()
    tab.wait_for_url("**/" + first.href)
    bar = primary_path(tab)
    expect(bar).to_have_attribute("data-role", "operator")
    expect(bar.locator(".academy-pathbar__position")).to_have_text(f"第 1 步，共 {total} 步")
    expect(bar.locator("[data-academy-progress]")).to_have_text(f"已完成 0/{total}")
    bar.locator("[data-academy-done]").click()
    expect(bar.locator("[data-academy-progress]")).to_have_text(f"已完成 1/{total}")
    for button in tab.locator("[data-academy-done]:visible").all():
        expect(button).to_have_text("已完成 ✓")
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(button).to_have_class(re.compile(r"\bacademy-done--on\b"))

    bar.locator(".academy-pathbar__next").click()
    tab.wait_for_url("**/" + second.href)
    # the second page is in several paths; the chosen role's comes first, the others on one line
    bar = primary_path(tab)
    expect(bar).to_have_attribute("data-role", "operator")
    expect(bar.locator(".academy-pathbar__position")).to_have_text(f"第 2 步，共 {total} 步")
    secondary = tab.locator(".academy-pathbar__path--secondary")
    assert secondary.count() == tab.locator(".academy-pathbar__path").count() - 1 >= 1
    expect(secondary.first.locator(".academy-pathbar__also")).to_be_visible()
    expect(secondary.first.locator("[data-academy-done]")).to_be_hidden()
    end_button = tab.locator(".academy-pagedone [data-academy-done]")
    end_button.click()
    expect(end_button).to_have_attribute("aria-pressed", "true")
    expect(bar.locator("[data-academy-progress]")).to_have_text(f"已完成 2/{total}")
    # marking done at the end of the page moves focus on to the next step
    assert tab.evaluate("document.activeElement.classList.contains('academy-pathbar__next')")
    assert_stayed(tab)

    tab.reload()
    bar = primary_path(tab)
    expect(bar.locator("[data-academy-progress]")).to_have_text(f"已完成 2/{total}")
    expect(bar.locator("[data-academy-done]")).to_have_attribute("aria-pressed", "true")
    data = stored(tab, site_id)
    assert data["schema"] == 1 and data["role"] == "operator"
    assert set(data["done"]) == {first.id, second.id}

    # undo, then redo, keeps one entry
    bar.locator("[data-academy-done]").click()
    expect(bar.locator("[data-academy-progress]")).to_have_text(f"已完成 1/{total}")
    expect(end_button).to_have_text("标记为已完成")
    expect(end_button).to_have_attribute("aria-pressed", "false")
    bar.locator("[data-academy-done]").click()
    expect(end_button).to_have_attribute("aria-pressed", "true")

    stay_marker(tab)
    bar.locator(".academy-pathbar__name").click()
    tab.wait_for_url("**/paths/operator.html")
    done = {first.id, second.id}
    left = minutes_left(steps, done)
    expect(tab.locator("[data-academy-progress-text]")).to_have_text(
        f"已完成 2/{total} 步，剩余约 {left} 分钟"
    )
    expect(tab.locator("progress[data-academy-progress]")).to_have_attribute("value", "2")
    following = next_step(steps, done)
    expect(go).to_have_text("继续学习：" + following.title)
    assert go.evaluate("a => a.href") == http_root + following.href
    expect(tab.locator(f'li[data-step="{second.id}"] [data-academy-status]')).to_have_text("已完成")
    expect(tab.locator(f'li[data-step="{following.id}"] [data-academy-status]')).to_have_text(
        "未开始"
    )
    assert_stayed(tab)

    # back to a page seen before in this session: its widgets are mounted once, not twice
    tab.go_back()
    tab.wait_for_url("**/" + second.href)
    expect(primary_path(tab).locator("[data-academy-progress]")).to_have_text(f"已完成 2/{total}")
    assert (
        tab.locator(".academy-pathbar__also").count()
        == tab.locator(".academy-pathbar__path").count()
    )
    assert_stayed(tab)


def test_a_page_also_taught_by_its_sections_is_one_place_in_each_path(tabs, http_root, path_steps):
    # The team lead's path has 生产操作规范 as a page and two of its sections as
    # worked examples: the page's bar names each path once, marking the page done
    # marks its sections too, and 下一步 leads past them.
    steps = path_steps("team-lead")
    here = [i for i, step in enumerate(steps) if step.href.split("#")[0] == "soc/norms.html"]
    assert len(here) >= 2 and "#" in steps[here[1]].href
    after = steps[max(here) + 1]
    tab = tabs.open()
    tab.goto(http_root + "index.html")
    tab.locator('button.academy-role[data-role="team-lead"]').click()
    tab.goto(http_root + "soc/norms.html")
    roles = tab.locator(".academy-pathbar__path").evaluate_all(
        "paths => paths.map(p => p.dataset.role)"
    )
    assert len(roles) == len(set(roles)) >= 2, roles
    bar = primary_path(tab)
    expect(bar).to_have_attribute("data-role", "team-lead")
    expect(bar.locator(".academy-pathbar__next")).to_have_text("下一步：" + after.title)
    expect(bar.locator("[data-academy-progress]")).to_have_text(f"已完成 0/{len(steps)}")
    bar.locator("[data-academy-done]").click()
    expect(bar.locator("[data-academy-progress]")).to_have_text(f"已完成 {len(here)}/{len(steps)}")
    tab.goto(http_root + "paths/team-lead.html")
    for index in here:
        step = tab.locator(f'.academy-step[data-step="{steps[index].id}"]')
        expect(step.locator("[data-academy-status]")).to_have_text("已完成")


def test_progress_made_in_another_tab_shows_without_reload(tabs, http_root, pages, path_steps):
    steps = path_steps("operator")
    first = tabs.open()
    first.goto(http_root + pages["path"])
    second = tabs.beside(first)
    second.goto(http_root + steps[0].href)
    second.locator(".academy-pagedone [data-academy-done]").click()
    expect(first.locator(f'li[data-step="{steps[0].id}"] [data-academy-status]')).to_have_text(
        "已完成"
    )
    expect(first.locator("[data-academy-continue]")).to_have_text(
        "继续学习：" + next_step(steps, {steps[0].id}).title
    )


def test_path_page_continue_prefers_required_steps_and_ends_done(tabs, http_root, pages, site_id):
    tab = tabs.open()
    tab.goto(http_root + pages["path"])
    steps = tab.locator("li.academy-step")
    required = steps.evaluate_all(
        "ss => ss.filter(s => s.dataset.required === 'true').map(s => s.dataset.step)"
    )
    optional = steps.evaluate_all(
        "ss => ss.filter(s => s.dataset.required !== 'true').map(s => s.dataset.step)"
    )
    assert optional, "the operator path has an optional step"
    first_href = tab.locator("[data-academy-continue]").evaluate("a => a.href")

    tab.locator("[data-academy-choose-role]").click()
    expect(tab.locator("[data-academy-choose-role]")).to_have_text("已设为我的角色 ✓")
    tab.evaluate(
        "([key, steps]) => { const d = JSON.parse(localStorage.getItem(key));"
        " steps.forEach(s => d.done[s] = new Date().toISOString()); localStorage.setItem(key, JSON.stringify(d)); }",
        [f"academy:{site_id}", required],
    )
    tab.reload()
    go = tab.locator("[data-academy-continue]")
    optional_title = tab.locator(f'li[data-step="{optional[0]}"]').get_attribute("data-title")
    expect(go).to_have_text("继续学习：" + optional_title)

    for step in optional:
        tab.goto(http_root + pages["path"])
        href = tab.locator(f'li[data-step="{step}"] a').evaluate("a => a.href")
        tab.goto(href)
        primary_path(tab).locator("[data-academy-done]").click()
        expect(primary_path(tab).locator("[data-academy-done]")).to_have_attribute(
            "aria-pressed", "true"
        )
    tab.goto(http_root + pages["path"])
    total = steps.count()
    expect(go).to_have_text("已全部完成")
    assert go.evaluate("a => a.href") == first_href
    expect(tab.locator("[data-academy-progress-text]")).to_have_text(
        f"已全部完成 {total}/{total} 步"
    )
    expect(tab.locator("progress[data-academy-progress]")).to_have_attribute("value", str(total))
    assert tab.locator("li.academy-step--done").count() == total


def test_dashboard_shows_my_path_first_with_next_steps(tabs, http_root, pages, path_steps):
    developer, operator_ids = path_steps("developer"), {step.id for step in path_steps("operator")}
    assert developer[0].kind == "page", "the developer path starts with a page"
    tab = tabs.open()
    tab.goto(http_root + pages["dashboard"])
    summary = tab.locator("[data-academy-role-summary]")
    expect(summary).to_contain_text("尚未选择角色，请到首页选择。")
    summary.get_by_role("link", name="首页").click()
    tab.wait_for_url("**/index.html")
    tab.locator('button.academy-role[data-role="developer"]').click()
    expect(tab.locator('button.academy-role[data-role="developer"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    tab.goto(http_root + developer[0].href)
    expect(primary_path(tab)).to_have_attribute("data-role", "developer")
    primary_path(tab).locator("[data-academy-done]").click()
    expect(primary_path(tab).locator("[data-academy-done]")).to_have_attribute(
        "aria-pressed", "true"
    )

    tab.goto(http_root + pages["dashboard"])
    expect(summary).to_contain_text("我的角色：研发人员（参加运营入职培训）")
    mine = tab.locator(".academy-dash-path").first
    expect(mine).to_have_attribute("data-role", "developer")
    expect(mine).to_have_class(re.compile(r"\bacademy-dash-path--mine\b"))
    assert tab.locator(".academy-dash-path--mine").count() == 1
    expect(mine.locator("progress")).to_have_attribute("value", "1")
    expect(mine.locator("[data-academy-progress-text]")).to_contain_text(
        f"已完成 1/{len(developer)} 步"
    )
    following = mine.locator("[data-academy-next] a")
    expect(following).to_have_text([step.title for step in developer[1:4]])
    # a step shared by two paths counts in both
    shared = 1 if developer[0].id in operator_ids else 0
    operator = tab.locator('.academy-dash-path[data-role="operator"]')
    expect(operator.locator("progress")).to_have_attribute("value", str(shared))
    following.first.click()
    tab.wait_for_url("**/" + developer[1].href.partition("#")[0] + "*")


# ---------------------------------------------------------------- learning log


def test_learning_log_saves_reloads_and_exports(tabs, http_root, pages, site_id):
    tab = tabs.open()
    tab.goto(http_root + pages["home"])
    tab.locator('button.academy-role[data-role="operator"]').click()
    tab.goto(http_root + pages["log"])
    today = local_today(tab)
    expect(tab.locator("#academy-log-date")).to_have_value(today)
    expect(tab.locator("[data-academy-log-entries]")).to_have_text("还没有日志。")
    answers = ["上午学习了运营的发展历程。\n下午学习了生产过程。", "重大故障流程。", "按规范操作。"]
    for number, answer in enumerate(answers, start=1):
        tab.fill(f"#academy-log-q{number}", answer)
    tab.get_by_role("button", name="保存今天的日志").click()
    expect(tab.locator("[data-academy-log-status]")).to_have_text(f"已保存 {today} 的日志。")
    # the log page is the reflection step of the chosen path
    expect(primary_path(tab).locator("[data-academy-done]")).to_have_attribute(
        "aria-pressed", "true"
    )

    tab.reload()
    expect(tab.locator("#academy-log-q1")).to_have_value(answers[0])
    entry = tab.locator("[data-academy-log-entries] article").first
    expect(entry.locator("h3")).to_have_text(today)
    expect(entry.locator("h4").first).to_have_text("今天所学内容")
    expect(entry.locator("p").first).to_have_text(answers[0])
    # line breaks are kept on screen
    assert entry.locator("p").first.evaluate("p => getComputedStyle(p).whiteSpace") == "pre-wrap"
    assert stored(tab, site_id)["log"][today]["answers"] == answers

    tab.fill("#academy-log-date", "2020-01-02")
    tab.dispatch_event("#academy-log-date", "change")
    expect(tab.locator("#academy-log-q1")).to_have_value("")
    tab.fill("#academy-log-q2", "较早的一天")
    tab.get_by_role("button", name="保存今天的日志").click()
    expect(tab.locator("[data-academy-log-entries] h3")).to_have_text([today, "2020-01-02"])

    with tab.expect_download() as info:
        tab.get_by_role("button", name="导出为 Markdown").click()
    download = info.value
    assert download.suggested_filename == f"学习日志-{today}.md"
    markdown = Path(download.path()).read_text(encoding="utf-8")
    assert markdown.startswith(
        f"# 学习日志\n\n## {today}\n\n### 今天所学内容\n\n{answers[0]}\n\n### 你感受最深的部分有哪些？为什么？\n\n"
    )
    assert (
        "## 2020-01-02\n\n### 今天所学内容\n\n（未填写）\n\n### 你感受最深的部分有哪些？为什么？\n\n较早的一天\n"
        in markdown
    )

    with tab.expect_download() as info:
        tab.get_by_role("button", name="导出为 JSON").click()
    assert info.value.suggested_filename == f"学习日志-{today}.json"
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["questions"] == [
        "今天所学内容",
        "你感受最深的部分有哪些？为什么？",
        "对你的工作有何启发或帮助？",
    ]
    assert [entry["date"] for entry in exported["entries"]] == [today, "2020-01-02"]
    assert exported["entries"][0]["answers"] == answers
    assert exported["entries"][0]["updated"]

    tab.get_by_role("button", name="打印").click()
    assert tab.evaluate("window.__printed") == 1
    tab.emulate_media(media="print")
    expect(tab.locator("[data-academy-log-form]")).to_be_hidden()
    expect(tab.locator(".md-header")).to_be_hidden()
    expect(tab.locator(".academy-pathbar")).to_be_hidden()
    expect(tab.locator(".academy-log__tools")).to_be_hidden()
    expect(tab.locator("[data-academy-log-entries] article").first).to_be_visible()
    tab.emulate_media(media="screen")


def test_hostile_text_is_shown_as_text_and_never_runs(tabs, http_root, pages, site_id):
    tab = tabs.open()
    tab.goto(http_root + pages["log"])
    tab.fill("#academy-log-q1", HOSTILE)
    tab.fill("#academy-log-q2", HOSTILE_SCRIPT)
    tab.get_by_role("button", name="保存今天的日志").click()
    tab.reload()
    entries = tab.locator("[data-academy-log-entries]")
    expect(entries.locator("p").nth(0)).to_have_text(HOSTILE)
    expect(entries.locator("p").nth(1)).to_have_text(HOSTILE_SCRIPT)
    assert entries.locator("img, script").count() == 0

    # hostile values planted in storage (or an imported file) are text too
    tab.evaluate(
        "([key, bad]) => { const d = JSON.parse(localStorage.getItem(key)); d.role = bad;"
        " d.done[bad] = new Date().toISOString(); localStorage.setItem(key, JSON.stringify(d)); }",
        [f"academy:{site_id}", HOSTILE],
    )
    tab.goto(http_root + pages["dashboard"])
    expect(tab.locator("[data-academy-role-summary]")).to_contain_text(HOSTILE)
    tab.goto(http_root + pages["home"])
    tab.wait_for_timeout(300)
    assert tab.locator("img[src='x']").count() == 0
    assert tab.evaluate("window.__pwned") is None


# ---------------------------------------------------------------- export and import


def test_export_all_data_and_import_into_a_fresh_browser(
    tabs, http_root, pages, site_id, path_steps, tmp_path
):
    operator_ids = {step.id for step in path_steps("operator")}
    tab = tabs.open()
    tab.goto(http_root + pages["home"])
    tab.locator('button.academy-role[data-role="operator"]').click()
    tab.goto(http_root + "soc/index.html")
    primary_path(tab).locator("[data-academy-done]").click()
    tab.goto(http_root + pages["log"])
    tab.fill("#academy-log-q1", "第一天的收获")
    tab.get_by_role("button", name="保存今天的日志").click()
    today = local_today(tab)
    expect(tab.locator("[data-academy-log-status]")).to_have_text(f"已保存 {today} 的日志。")
    original = stored(tab, site_id)
    original["extra"] = {"kept": True}  # fields of a newer version survive export and import
    tab.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [f"academy:{site_id}", json.dumps(original)]
    )

    tab.goto(http_root + pages["dashboard"])
    with tab.expect_download() as info:
        tab.get_by_role("button", name="导出全部学习记录").click()
    assert info.value.suggested_filename == f"academy-学习记录-{today}.json"
    exported_path = tmp_path / "export.json"
    info.value.save_as(exported_path)
    assert json.loads(exported_path.read_text(encoding="utf-8")) == original
    expect(tab.locator("[data-academy-tools-status]")).to_contain_text("已导出")

    fresh = tabs.open(confirm=True)  # 清除全部学习记录 asks first
    fresh.goto(http_root + "soc/history.html")
    primary_path(fresh).locator(
        "[data-academy-done]"
    ).click()  # progress of its own, kept by the merge
    fresh.goto(http_root + pages["dashboard"])
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": 1, "done": []}', encoding="utf-8")
    fresh.locator("[data-academy-import]").set_input_files(bad)
    expect(fresh.locator("[data-academy-tools-status]")).to_contain_text("导入失败")
    fresh.locator("[data-academy-import]").set_input_files(exported_path)
    expect(fresh.locator("[data-academy-tools-status]")).to_contain_text("已导入")
    merged = stored(fresh, site_id)
    assert merged["role"] == "operator"
    assert merged["done"]["page:soc/index"] == original["done"]["page:soc/index"]
    assert set(merged["done"]) == set(original["done"]) | {"page:soc/history"}
    assert merged["log"] == original["log"]
    assert merged["extra"] == {"kept": True}
    mine = fresh.locator(".academy-dash-path").first
    expect(mine).to_have_attribute("data-role", "operator")
    expect(mine.locator("progress")).to_have_attribute(
        "value", str(len(set(merged["done"]) & operator_ids))
    )

    fresh.goto(http_root + pages["log"])
    expect(fresh.locator("[data-academy-log-entries] p").first).to_have_text("第一天的收获")

    fresh.goto(http_root + pages["dashboard"])
    fresh.get_by_role("button", name="清除全部学习记录").click()  # the confirm() is accepted
    expect(fresh.locator("[data-academy-tools-status]")).to_have_text("已清除全部学习记录。")
    expect(fresh.locator("[data-academy-role-summary]")).to_contain_text("尚未选择角色")
    assert stored(fresh, site_id)["done"] == {}


# ---------------------------------------------------------------- broken storage


# Edited by hand into garbage; saved before schemas existed; an older schema.
UNREADABLE = [
    "{not json",
    '{"done": {"x": "2026-01-01T00:00:00Z"}}',
    '{"schema": 0, "role": "operator", "done": {}}',
]


@pytest.mark.parametrize("stored", UNREADABLE, ids=["garbage", "no schema", "old schema"])
def test_unreadable_storage_is_set_aside_and_the_site_keeps_working(
    tabs, http_root, pages, site_id, stored
):
    tab = tabs.open()
    key = f"academy:{site_id}"
    tab.goto(http_root + pages["home"])
    tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, stored])
    tab.reload()
    notice = tab.locator(".academy-roles [data-academy-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(NOTICE)
    expect(notice).to_have_attribute("role", "status")
    backups = tab.evaluate(
        "k => Object.keys(localStorage).filter(n => n.startsWith(k + ':corrupt:')).map(n => localStorage.getItem(n))",
        key,
    )
    assert backups == [stored]  # kept, word for word

    stay_marker(tab)
    operator = tab.locator('button.academy-role[data-role="operator"]')
    operator.click()
    expect(operator).to_have_attribute("aria-pressed", "true")
    tab.locator("[data-academy-role-status] a").click()
    tab.wait_for_url("**/paths/operator.html")
    expect(tab.locator(".academy-path [data-academy-notice]")).to_have_text(NOTICE)
    tab.locator("[data-academy-continue]").click()
    expect(primary_path(tab)).to_have_attribute("data-role", "operator")
    primary_path(tab).locator("[data-academy-done]").click()
    expect(primary_path(tab).locator("[data-academy-progress]")).to_have_text(
        re.compile(r"已完成 1/\d+")
    )
    expect(tab.locator(".academy-pathbar [data-academy-notice]")).to_be_visible()
    assert_stayed(tab)

    # a new page load starts clean: storage works again and the old value is still kept aside
    tab.reload()
    expect(primary_path(tab).locator("[data-academy-progress]")).to_have_text(
        re.compile(r"已完成 0/\d+")
    )
    expect(tab.locator(".academy-pathbar [data-academy-notice]")).to_be_hidden()
    primary_path(tab).locator("[data-academy-done]").click()
    tab.reload()
    expect(primary_path(tab).locator("[data-academy-done]")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert (
        tab.evaluate(
            "k => Object.keys(localStorage).filter(n => n.startsWith(k + ':corrupt:')).length", key
        )
        == 1
    )


def test_storage_from_a_newer_version_is_left_untouched(tabs, http_root, pages, site_id):
    tab = tabs.open()
    key = f"academy:{site_id}"
    newer = json.dumps({"schema": 2, "role": "operator", "done": {}, "log": {}, "results": {}})
    tab.goto(http_root + pages["home"])
    tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, newer])
    tab.reload()
    expect(tab.locator(".academy-roles [data-academy-notice]")).to_have_text(NOTICE)
    tab.locator('button.academy-role[data-role="developer"]').click()
    expect(tab.locator('button.academy-role[data-role="developer"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    assert tab.evaluate("k => localStorage.getItem(k)", key) == newer


def test_disabled_storage_keeps_the_site_working_with_a_notice(tabs, http_root, pages):
    tab = tabs.open(STORAGE_DISABLED)
    # storage-guard.js keeps Material's own unguarded inline scripts from failing too
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error.stack)))
    for name in ("home", "path", "dashboard", "log"):
        tab.goto(http_root + pages[name])
        expect(tab.locator("[data-academy-notice]:visible").first).to_have_text(NOTICE)
    tab.goto(http_root + pages["home"])
    tab.locator('button.academy-role[data-role="operator"]').click()
    expect(tab.locator("[data-academy-role-status]")).to_contain_text("已选择：运营专员。")
    tab.goto(http_root + "soc/mission.html")
    expect(tab.locator(".academy-pathbar [data-academy-notice]")).to_have_text(NOTICE)
    tab.locator(".academy-pagedone [data-academy-done]").click()
    expect(tab.locator(".academy-pagedone [data-academy-done]")).to_have_attribute(
        "aria-pressed", "true"
    )
    tab.goto(http_root + pages["log"])
    tab.fill("#academy-log-q1", "没有存储也能写")
    tab.get_by_role("button", name="保存今天的日志").click()
    expect(tab.locator("[data-academy-log-entries] p").first).to_have_text("没有存储也能写")
    with tab.expect_download() as info:
        tab.get_by_role("button", name="导出为 Markdown").click()
    assert "没有存储也能写" in Path(info.value.path()).read_text(encoding="utf-8")
    assert errors == []


def test_full_storage_shows_the_notice_and_keeps_working(tabs, http_root, pages):
    tab = tabs.open(STORAGE_FULL)
    tab.goto(http_root + pages["home"])
    expect(tab.locator(".academy-roles [data-academy-notice]")).to_be_hidden()
    tab.locator('button.academy-role[data-role="operator"]').click()
    expect(tab.locator('button.academy-role[data-role="operator"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(tab.locator(".academy-roles [data-academy-notice]")).to_have_text(NOTICE)


# ---------------------------------------------------------------- keyboard


def focus_is_visible(tab: Page) -> bool:
    """The focused control (or the label wrapping a hidden file input) draws an outline."""
    return tab.evaluate(
        """() => {
          let el = document.activeElement;
          if (el.matches("input[type=file]")) el = el.closest("label");
          const style = getComputedStyle(el);
          return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        }"""
    )


def controls_reached_by_tab(tab: Page, root: str) -> None:
    """Every visible control in the widget gets focus, with a visible outline, in turn."""
    expected = tab.locator(root).evaluate(
        """root => [...root.querySelectorAll("a[href], button, input, textarea")]
             .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
             .map((el, i) => (el.dataset.kbd = String(i)))"""
    )
    assert expected, root
    tab_to(tab, tab.locator(root).locator('[data-kbd="0"]'))
    reached = []
    while tab.evaluate("r => !!document.activeElement.closest(r)", root):
        current = tab.evaluate("document.activeElement.dataset.kbd")
        if not reached or reached[-1] != current:  # a date input has a Tab stop per field
            reached.append(current)
        assert focus_is_visible(tab), tab.evaluate("document.activeElement.outerHTML")
        tab.keyboard.press("Tab")
    assert reached == expected, root


def test_every_control_works_from_the_keyboard(tabs, http_root, pages, path_steps, tmp_path):
    steps = path_steps("operator")
    first = steps[0]
    tab = tabs.open(confirm=True)  # 清除全部学习记录 asks first
    tab.goto(http_root + pages["home"])
    controls_reached_by_tab(tab, ".academy-roles")
    developer = tab.locator('button.academy-role[data-role="developer"]')
    operator = tab.locator('button.academy-role[data-role="operator"]')
    tab_to(tab, developer)
    tab.keyboard.press("Space")
    expect(developer).to_have_attribute("aria-pressed", "true")
    tab.keyboard.press("Shift+Tab")
    while not tab.evaluate("el => document.activeElement === el", operator.element_handle()):
        tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Enter")
    expect(operator).to_have_attribute("aria-pressed", "true")
    expect(developer).to_have_attribute("aria-pressed", "false")
    assert tab.evaluate("el => document.activeElement === el", operator.element_handle())
    tab_to(tab, tab.locator("[data-academy-role-status] a"))
    tab.keyboard.press("Enter")

    tab.wait_for_url("**/paths/operator.html")
    controls_reached_by_tab(tab, ".academy-path")
    tab_to(tab, tab.locator("[data-academy-choose-role]"))
    tab.keyboard.press("Space")
    expect(tab.locator("[data-academy-choose-role]")).to_have_text("已设为我的角色 ✓")
    tab_to(tab, tab.locator("[data-academy-continue]"))
    tab.keyboard.press("Enter")

    tab.wait_for_url("**/" + first.href)
    expect(primary_path(tab)).to_have_attribute("data-role", "operator")
    controls_reached_by_tab(tab, ".academy-pathbar")
    done = primary_path(tab).locator("[data-academy-done]")
    tab_to(tab, done)
    tab.keyboard.press("Enter")
    expect(done).to_have_attribute("aria-pressed", "true")
    tab.keyboard.press("Space")
    expect(done).to_have_attribute("aria-pressed", "false")
    assert focus_is_visible(tab)
    end_button = tab.locator(".academy-pagedone [data-academy-done]")
    tab_to(tab, end_button)
    tab.keyboard.press("Space")
    expect(end_button).to_have_attribute("aria-pressed", "true")
    assert tab.evaluate("document.activeElement.classList.contains('academy-pathbar__next')")
    assert focus_is_visible(tab)
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/" + steps[1].href)

    tab.goto(http_root + pages["log"])
    controls_reached_by_tab(tab, ".academy-log")
    tab_to(tab, tab.locator("#academy-log-q1"))
    tab.keyboard.type("用键盘写的日志")
    tab_to(tab, tab.get_by_role("button", name="保存今天的日志"))
    tab.keyboard.press("Enter")
    expect(tab.locator("[data-academy-log-entries] p").first).to_have_text("用键盘写的日志")
    for name, suffix in (("导出为 Markdown", ".md"), ("导出为 JSON", ".json")):
        tab_to(tab, tab.get_by_role("button", name=name))
        with tab.expect_download() as info:
            tab.keyboard.press("Enter")
        assert info.value.suggested_filename.endswith(suffix)
    tab_to(tab, tab.get_by_role("button", name="打印"))
    tab.keyboard.press("Space")
    assert tab.evaluate("window.__printed") == 1

    tab.goto(http_root + pages["dashboard"])
    controls_reached_by_tab(tab, ".academy-dashboard")
    tab_to(tab, tab.get_by_role("button", name="导出全部学习记录"))
    with tab.expect_download() as info:
        tab.keyboard.press("Enter")
    exported = tmp_path / "all.json"
    info.value.save_as(exported)
    tab_to(tab, tab.locator("[data-academy-import]"))
    # The focused file input opens the browser's own chooser on Space; whether
    # headless Chromium reports that chooser in time varies, so the file is
    # handed to the focused input directly.
    assert tab.evaluate("document.activeElement.matches('[data-academy-import]')")
    tab.locator("[data-academy-import]").set_input_files(exported)
    expect(tab.locator("[data-academy-tools-status]")).to_contain_text("已导入")
    tab_to(tab, tab.get_by_role("button", name="清除全部学习记录"))
    tab.keyboard.press("Enter")
    expect(tab.locator("[data-academy-tools-status]")).to_have_text("已清除全部学习记录。")
    tab_to(tab, tab.locator("[data-academy-role-summary] a"))
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/index.html")


# ---------------------------------------------------------------- file://


def test_progress_is_kept_when_opened_from_a_file_share(tabs, built_site, path_steps):
    steps = path_steps("operator")
    total = len(steps)
    root = built_site.site.as_uri() + "/"
    tab = tabs.open()
    tab.goto(root + "index.html")
    tab.locator('button.academy-role[data-role="operator"]').click()
    tab.locator("[data-academy-role-status] a").click()
    tab.wait_for_url("**/paths/operator.html")
    tab.locator("[data-academy-continue]").click()
    tab.wait_for_url("**/" + steps[0].href)
    primary_path(tab).locator("[data-academy-done]").click()
    expect(primary_path(tab).locator("[data-academy-progress]")).to_have_text(f"已完成 1/{total}")
    tab.reload()
    expect(primary_path(tab)).to_have_attribute("data-role", "operator")
    expect(primary_path(tab).locator("[data-academy-progress]")).to_have_text(f"已完成 1/{total}")
    expect(tab.locator(".academy-pagedone [data-academy-done]")).to_have_attribute(
        "aria-pressed", "true"
    )
    tab.goto(root + "paths/operator.html")
    expect(tab.locator("[data-academy-continue]")).to_have_text(
        "继续学习：" + next_step(steps, {steps[0].id}).title
    )
    tab.goto(root + "log/index.html")
    tab.fill("#academy-log-q1", "从共享文件夹打开")
    tab.get_by_role("button", name="保存今天的日志").click()
    with tab.expect_download() as info:
        tab.get_by_role("button", name="导出为 JSON").click()
    assert (
        json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["entries"][0]["answers"][0]
        == "从共享文件夹打开"
    )
