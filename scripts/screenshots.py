"""Screenshots of the result and course pages, to look at before submitting a change to them.

    .venv/bin/python scripts/screenshots.py            # or: make screenshots
    .venv/bin/python scripts/screenshots.py --site site/ --out site-screenshots/

Builds the site (unless --site names a build), serves it on 127.0.0.1 and opens,
in Debian's Chromium, as a team lead (目标 SOC-管理一级) who answered most
questions right:

  spcm-self      the result of 「SPCM 能力自评」 just after answering
  soc-intro      the result of a knowledge quiz
  me             我的学习 with the results of several quizzes
  me-xapi        我的学习's 学习记录上传 (when the site sends learning records), with
                 two records waiting for an LRS that does not answer
  quiz-xapi      the line under a quiz's result that says where its records are
  log            学习日志 with an entry

and the first screen of a course page (its objectives), of two worked examples and
of the glossary; each at 390 px (a phone) and 1280 px, in the light and the dark scheme, and writes
PNGs to site-screenshots/ (ignored by git): <state>-<width>-<scheme>.png is the first
screen (the result at the top of the window), <state>-<width>-<scheme>-<n>.png the
whole result (or page) in slices.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
ROLE = "team-lead"
SLICE = 1400  # px: the height of one slice of a long region
PAGES = (
    ("page-norms", "soc/norms.html", "article"),
    ("sample-change-request", "soc/norms.html", "#sample-change-request"),
    ("sample-ops-input", "soc/key-work.html", "#sample-ops-input"),
    ("glossary", "glossary.html", "article"),
)
QUIZZES = ("soc-intro", "soc-mechanism", "soc-norms", "production", "spcm-self")

# Answers a quiz from its own key: about `right` of the knowledge questions
# right (a fixed pattern, so that every run looks the same), every rating `rating`.
ANSWER = """([right, rating]) => {
  const root = document.querySelector('[data-academy="quiz"][data-academy-mounted]');
  const spec = JSON.parse(root.dataset.spec);
  spec.questions.forEach((q, n) => {
    const box = root.querySelector(`fieldset[data-question="${CSS.escape(q.id)}"]`);
    if (!box) return;
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
    const good = ((n * 7) % 10) / 10 < right;
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


XAPI_SETTINGS = (
    'window.AcademyXapi = {"endpoint": "http://127.0.0.1:9/xAPI/", "launch": true,'
    ' "base": %s, "site": "screenshots", "course": "智慧运营新员工学习中心"};'
)
RECORD_PAGE = """() => document.dispatchEvent(new CustomEvent("academy:record",
  { detail: { kind: "page", step: "soc/mission.md" } }))"""


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def answer(tab, url: str, right: float, rating: int) -> None:
    tab.goto(url)
    tab.wait_for_selector('[data-academy="quiz"][data-academy-mounted]')
    tab.evaluate(ANSWER, [right, rating])
    tab.wait_for_selector("[data-academy-result] .academy-spcm")


def shoot(browser, root: str, out: Path, width: int, scheme: str) -> list[Path]:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, device_scale_factor=1
    )
    context.add_init_script("window.print = () => {};")
    tab = context.new_page()
    tab.goto(root + "index.html")
    tab.locator(f'[data-academy="role-picker"] button[data-role="{ROLE}"]').click()
    written = []

    def save(name: str, region: str, slices: bool = True) -> None:
        """The first screen (the region scrolled to the top), then the whole region in
        slices of at most SLICE px, numbered, so that each is readable at full size."""
        element = tab.locator(region).first
        # below Material's sticky header, as a reader scrolls to it
        element.evaluate(
            "el => scrollTo(0, el.getBoundingClientRect().top + scrollY"
            " - document.querySelector('.md-header').offsetHeight - 8)"
        )
        tab.wait_for_timeout(200)
        first = out / f"{name}-{width}-{scheme}.png"
        tab.screenshot(path=str(first))
        written.append(first)
        if not slices:
            return
        tab.evaluate("scrollTo(0, 0)")  # the sticky header back at the top of the page
        box = element.evaluate(
            "el => { const r = el.getBoundingClientRect();"
            " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; }"
        )
        top, number = box["y"], 1
        while top < box["y"] + box["height"]:
            height = min(SLICE, box["y"] + box["height"] - top)
            clip = {"x": 0, "y": top, "width": width, "height": height}
            path = out / f"{name}-{width}-{scheme}-{number}.png"
            tab.screenshot(path=str(path), full_page=True, clip=clip)
            written.append(path)
            top, number = top + SLICE, number + 1

    for quiz in QUIZZES[:-1]:
        answer(tab, root + f"quizzes/{quiz}.html", 0.8, 3)
    answer(tab, root + "quizzes/soc-intro.html", 0.8, 3)  # reopened: the restored result
    save("soc-intro", "[data-academy-result]")
    answer(tab, root + "quizzes/spcm-self.html", 0.9, 3)
    save("spcm-self", "[data-academy-result]")
    tab.goto(root + "me.html")
    tab.wait_for_selector(".academy-plan .academy-spcm")
    save("me", "article")
    learning_records(tab, root, save)
    tab.goto(root + "log/index.html")
    tab.wait_for_selector('[data-academy="learning-log"][data-academy-mounted]')
    for field in tab.locator(".academy-log__form textarea").all():
        field.fill("今天学习了 SOC 的工作机制和值班要求，印象最深的是重大故障的上报流程。")
    tab.locator(".academy-log__form button[type=submit]").click()
    save("log", "article")
    # Course pages: the objectives under the title, a worked example, the glossary
    for name, page, region in PAGES:
        tab.goto(root + page)
        tab.wait_for_selector(region)
        save(name, region, slices=False)
    context.close()
    return written


def learning_records(tab, root: str, save) -> None:
    """学习记录上传 on 我的学习 (the open tab) and under a quiz's result, as a site with
    academy.xapi.endpoint shows them, the LRS away (xapi.js is in every build; this
    site's pages do not load it)."""

    def load_xapi() -> None:
        tab.add_script_tag(content=XAPI_SETTINGS % json.dumps(root))
        tab.add_script_tag(url=root + "assets/academy/xapi.js")

    load_xapi()
    for _ in range(2):
        tab.evaluate(RECORD_PAGE)
    tab.wait_for_selector("[data-academy-xapi-error]")
    save("me-xapi", "[data-academy-xapi]", slices=False)
    tab.goto(root + "quizzes/soc-norms.html")
    tab.wait_for_selector('[data-academy="quiz"][data-academy-mounted]')
    load_xapi()
    tab.locator("[data-academy-result] [data-academy-retake]").first.click()
    tab.evaluate(ANSWER, [0.8, 3])
    tab.wait_for_selector("[data-academy-xapi-note]")
    save("quiz-xapi", "[data-academy-xapi-note]", slices=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an existing build (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "site-screenshots")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            build(site)
        with serve(site) as root, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
            )
            for width in WIDTHS:
                for scheme in SCHEMES:
                    for path in shoot(browser, root, args.out, width, scheme):
                        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
