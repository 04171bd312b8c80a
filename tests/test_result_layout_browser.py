"""The SPCM result on every screen and on paper, in a real Chromium: no result scrolls
sideways at phone, tablet or desktop width in either colour scheme (every quiz's
result, 我的学习 with data and 学习日志 with an entry); 打印报告 gives
a one- to three-page A4 report with the summary in it and nothing cut; and the
SPCM result exported from 我的学习 is what `academy score` computes again."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from support.browser import MOUNTED, choose_role, stored
from support.layout import OVERFLOW, check_widths
from support.site import ROOT, academy

pytestmark = pytest.mark.browser

WIDTHS = (360, 390, 768, 1024, 1440)
A4_PRINTABLE = 686  # px: 210 mm less the 12 mm margins of spcm.css's @page, at 96 dpi

# Answers the quiz on the page from its own key: every `wrong_every`-th knowledge
# question wrong, every rating `rating`; then submits.
ANSWER = """([wrongEvery, rating]) => {
  const root = document.querySelector('[data-academy="quiz"][data-academy-mounted]');
  const spec = JSON.parse(root.dataset.spec);
  spec.questions.forEach((q, n) => {
    const box = root.querySelector(`fieldset[data-question="${CSS.escape(q.id)}"]`);
    const pick = (value) => {
      const input = box.querySelector(`input[value="${value}"]`);
      if (input) input.checked = true;
    };
    if (q.type === "rating") {
      box.querySelectorAll(".academy-q__rating").forEach((row) => {
        const input = row.querySelector(`input[value="${rating}"]`);
        if (input) input.checked = true;
      });
      return;
    }
    const good = n % wrongEvery !== 0;
    const options = box.querySelectorAll("input").length;
    if (q.type === "truefalse") pick(String(good ? q.answer : !q.answer));
    else if (q.type === "single") pick(good ? q.answer[0] : (q.answer[0] + 1) % options);
    else if (q.type === "multiple") (good ? q.answer : [q.answer[0]]).forEach(pick);
    else if (q.type === "ordering" && good) {
      const list = box.querySelector("[data-academy-order]");
      q.answer.forEach((item) => list.append(list.querySelector(`li[data-item="${item}"]`)));
    }
  });
  root.querySelector("button[type=submit]").click();
}"""


def pages_of(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not path.relative_to(site).as_posix().startswith(("assets/", "search/"))
    )


def answer(tab: Page, url: str, wrong_every: int = 4, rating: int = 3) -> None:
    tab.goto(url)
    tab.wait_for_selector(MOUNTED)
    tab.evaluate(ANSWER, [wrong_every, rating])
    tab.wait_for_selector("[data-academy-result]:not([hidden])")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_result_runs_off_the_screen(tabs, built_site, http_root, scheme):
    # (Every page as a first visit shows it is checked by the walks in test_browser.py.)
    tab = tabs.open(color_scheme=scheme, viewport={"width": 1440, "height": 800})
    problems: list[str] = []
    choose_role(tab, http_root, "team-lead")
    quizzes = [page for page in pages_of(built_site.site) if page.startswith("quizzes/")]
    assert len(quizzes) >= 8
    for page in quizzes:  # every quiz answered
        answer(tab, http_root + page)
        check_widths(tab, page + " (result)", problems)
    tab.goto(http_root + "log/index.html")  # a log entry
    tab.wait_for_selector('[data-academy="learning-log"][data-academy-mounted]')
    for field in tab.locator(".academy-log__form textarea").all():
        field.fill("今天学习了工作机制。" * 12)
    tab.locator(".academy-log__form button[type=submit]").click()
    check_widths(tab, "log/index.html (an entry)", problems)
    tab.goto(http_root + "me.html")
    tab.wait_for_selector(".academy-plan .academy-spcm-card")
    for details in tab.locator(".academy-plan details").all():  # the folded explanations too
        details.evaluate("d => { d.open = true; }")
    check_widths(tab, "me.html (results of every quiz)", problems)
    assert problems == []


# ------------------------------------------------------------------ 打印报告


def printed(tab: Page, tmp_path: Path, name: str) -> tuple[int, str]:
    """Press 打印报告 and print to A4 PDF as Chromium does: (pages, text without spaces)."""
    tab.get_by_role("button", name="打印报告").first.click()
    assert tab.evaluate("window.__printed") == 1
    tab.emulate_media(media="print")
    tab.set_viewport_size({"width": A4_PRINTABLE, "height": 1000})
    # nothing wider than the paper
    assert tab.evaluate(OVERFLOW) == []
    # light colours, even in the dark scheme
    colours = tab.evaluate(
        "() => [getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(document.querySelector('.academy-spcm__verdict')).color]"
    )
    assert colours[0] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), colours
    assert re.match(r"rgba?\(0, 0, 0", colours[1]), colours
    # no buttons, no navigation
    assert (
        tab.locator(".academy-spcm button:visible, .md-header:visible, .md-sidebar:visible").count()
        == 0
    )
    pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (tmp_path / name).write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), flat(text)


def flat(text: str) -> str:
    """Text without spaces, full-width punctuation as ASCII (NFKC)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def in_pdf(shown: str, text: str) -> bool:
    """Whether the text shown on the page is in the PDF's text. The PDF's font maps some
    characters to their radical forms (⼒ for 力, ⻆ for 角): any CJK character may come
    out as a radical."""
    pattern = "".join(
        f"(?:{re.escape(ch)}|[\u2e80-\u2fdf])" if "\u4e00" <= ch <= "\u9fff" else re.escape(ch)
        for ch in flat(shown)
    )
    return re.search(pattern, text) is not None


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_print_report_of_a_quiz_and_of_my_learning(tabs, http_root, tmp_path, scheme):
    tab = tabs.open(color_scheme=scheme)
    choose_role(tab, http_root, "team-lead")
    answer(tab, http_root + "quizzes/soc-intro.html")
    answer(tab, http_root + "quizzes/spcm-self.html")
    summary = tab.locator("[data-academy-result] .academy-spcm__verdict").inner_text()
    count, text = printed(tab, tmp_path, "quiz.pdf")
    assert 1 <= count <= 3, count
    assert in_pdf(summary, text), (summary, text[:300])
    assert in_pdf("各维度", text) and in_pdf("岗位认知", text)
    assert not in_pdf("你的姓名", text) and not in_pdf(
        "第 1 题", text
    )  # the report, not the questions

    tab = tabs.beside(tab)
    tab.goto(http_root + "me.html")
    tab.wait_for_selector(".academy-plan .academy-spcm-card")
    summary = tab.locator(".academy-plan .academy-spcm__verdict").inner_text()
    count, text = printed(tab, tmp_path, "me.pdf")
    assert 1 <= count <= 3, count
    assert in_pdf(summary, text), (summary, text[:300])
    assert not in_pdf("学习路径", text)  # only the report, not the paths below it


# -------------------------------------------------------------- the export


def test_exported_spcm_result_is_what_academy_score_computes(tab, http_root, tmp_path):
    choose_role(tab, http_root, "developer")
    for quiz in ("soc-intro", "soc-norms", "dev-self"):
        answer(tab, http_root + f"quizzes/{quiz}.html", wrong_every=3, rating=2)
    answer(tab, http_root + "quizzes/soc-intro.html", wrong_every=2)  # worse: best keeps the first
    tab.goto(http_root + "me.html")
    plan = tab.locator(".academy-plan")
    expect(plan.locator(".academy-spcm__verdict")).to_be_visible()
    # the developer is assessed on four dimensions; the others are folded
    expect(
        plan.locator(".academy-spcm__dimensions > .academy-spcm__cards > .academy-spcm-card")
    ).to_have_count(4)
    with tab.expect_download() as download:
        plan.get_by_role("button", name="导出 SPCM 结果").click()
    path = tmp_path / "profile.json"
    download.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["format"] == "academy-profile" and exported["role"] == "developer"
    assert sorted(a["quiz"]["id"] for a in exported["attempts"]) == [
        "dev-self",
        "soc-intro",
        "soc-norms",
    ]
    kept = stored(tab, tab.locator("[data-academy='dashboard']"))["results"]
    first = next(v for k, v in kept.items() if k.startswith("soc-intro@"))["attempts"][0]
    assert (
        next(a for a in exported["attempts"] if a["quiz"]["id"] == "soc-intro")["answers"]
        == first["answers"]
    )
    assert exported["profile"]["focus"] == ["价值观", "岗位认知", "职业素质", "行业知识"]
    expect(tab.locator("[data-academy-plan-status]")).to_contain_text("已导出")

    checked = academy(ROOT, "score", str(path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("一致"), checked.stdout
