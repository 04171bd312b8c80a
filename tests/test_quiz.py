"""Quiz banks written by trainers: parsing, every validation message, pages and embeds."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from academy.core.model import load_model
from academy.core.quizzes import load_quizzes
from support.site import ROOT, page, run_build, write_project

# One worker takes the whole module, so each build below is made once.
pytestmark = pytest.mark.xdist_group("quiz-builds")

MODEL = load_model(ROOT / "quizzes" / "spcm.yml")
PAGES = {"soc/mission.md": object(), "soc/norms.md": object()}

BANK = """\
id: demo
version: 2
title: 演示测验
description: 用于测试。
roles: [operator]
questions:
  - id: pick-one
    type: single
    dimension: 岗位认知
    level: soc-ops
    prompt: 选择**正确**的一项。
    options:
      - 正确
      - 错误
      - 也错误
    answer: A
    explanation: 因为它正确。
    refs: [soc/mission.md#mission]
  - id: pick-many
    type: multiple
    dimension: SOC专业
    level: soc-m1
    points: 2
    prompt: 选择两项。
    options: [甲, 乙, 丙, 丁]
    answer: [A, C]
    explanation: 甲和丙。
    refs: [soc/mission.md]
  - id: yes-no
    type: truefalse
    dimension: 职业素质
    level: soc-ops
    prompt: 这是对的。
    answer: false
    explanation: 其实不对。
    refs: [soc/norms.md#major-fault-process]
  - id: order
    type: ordering
    dimension: 岗位技能
    level: soc-ops
    prompt: 排序。
    items: [发现, 定级, 处置]
    explanation: 先发现再定级再处置。
    refs: [soc/norms.md#major-fault-process]
  - id: rate
    type: rating
    dimension: 价值观
    level: soc-ops
"""


def load(tmp_path: Path, text: str, name: str = "demo.yml"):
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    return load_quizzes([(file, f"quizzes/{name}")], MODEL, PAGES)


def problems(tmp_path: Path, text: str, name: str = "demo.yml") -> list[str]:
    return [p.format() for p in load(tmp_path, text, name)[1]]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_bank_reads_every_question_type(tmp_path):
    quizzes, found = load(tmp_path, BANK)
    assert found == []
    quiz = quizzes["demo"]
    assert (quiz.version, quiz.roles) == (2, ("operator",))
    kinds = {q.id: (q.type, q.answer, q.truth, q.points) for q in quiz.questions}
    assert kinds["pick-one"] == ("single", (0,), None, 1.0)
    assert kinds["pick-many"] == ("multiple", (0, 2), None, 2.0)
    assert kinds["yes-no"] == ("truefalse", (), False, 1.0)
    assert kinds["order"] == ("ordering", (0, 1, 2), None, 1.0)
    assert quiz.question("pick-one").refs == (
        ("soc/mission.md", "mission", line_of(BANK, "refs: [soc/mission.md#mission]")),
    )


CASES = [
    ("    answer: A\n", "    answer: D\n", "答案“D”不存在：只有 3 个选项（A–C）"),
    ("    answer: A\n", "    answer: [A, B]\n", "单选题只能有一个答案"),
    ("    answer: A\n", "    answer: 1\n", "答案“1”不是选项字母"),
    ("    answer: A\n", "", "缺少答案“answer”"),
    ("    answer: [A, C]\n", "    answer: [A, B, C, D]\n", "多选题的答案不能是全部选项"),
    ("    answer: [A, C]\n", "    answer: [A, A]\n", "重复的字母"),
    ("    answer: false\n", "    answer: no\n", "判断题的 answer 只能写 true 或 false"),
    (
        "    items: [发现, 定级, 处置]\n",
        "    items: [发现, 定级, 处置]\n    answer: [A, A, B]\n",
        "排序题的答案必须把每一项恰好排一次",
    ),
    ("    items: [发现, 定级, 处置]\n", "    items: [发现, 定级]\n", "items 要有 3 到 8 项"),
    (
        "    options: [甲, 乙, 丙, 丁]\n",
        "    options: [甲, 甲, 丙, 丁]\n",
        "options 中有相同的两项",
    ),
    ("  - id: pick-many\n", "  - id: pick-one\n", "题目 id“pick-one”重复"),
    ("    type: single\n", "    type: essay\n", "题型“essay”不存在"),
    ("    dimension: SOC专业\n", "    dimension: 沟通\n", "维度“沟通”不存在"),
    ("    level: soc-m1\n", "    level: soc-m5\n", "级别“soc-m5”不存在"),
    ("roles: [operator]", "roles: [trainee]", "roles 中的角色“trainee”不存在"),
    (
        "    refs: [soc/mission.md]\n",
        "    refs: [soc/missing.md#x]\n",
        "复习链接指向的页面“soc/missing.md”不存在",
    ),
    (
        "    refs: [soc/mission.md]\n",
        "    refs: [http://example.com]\n",
        "复习链接“http://example.com”的写法不对",
    ),
    ("    explanation: 其实不对。\n", "", "知识题缺少必填项“explanation”"),
    (
        "    level: soc-ops\n    prompt: 这是对的。",
        "    level: soc-ops\n    hint: 想想\n    prompt: 这是对的。",
        "题目中有不认识的项“hint”",
    ),
    ("version: 2", "version: 二", "version 必须是正整数"),
    ("    points: 2\n", "    points: 0\n", "points 必须是大于 0 的数"),
    ("roles: [operator]", "roles: [operator]\nshuffle: yes", "shuffle 只能写 true 或 false"),
    ('    level: soc-ops\n"""', '    level: soc-ops\n    answer: 3\n"""', "自评题不需要“answer”"),
]


@pytest.mark.parametrize("old, new, expected", CASES, ids=[c[2][:14] for c in CASES])
def test_every_mistake_names_file_line_and_fix(tmp_path, old, new, expected):
    old = old.replace('\n"""', "\n")
    new = new.replace('\n"""', "\n")
    text = BANK.replace(old, new, 1) if old.strip() != "level: soc-ops" else BANK
    if old.endswith("level: soc-ops\n") and "answer: 3" in new:
        text = BANK[: BANK.rindex("    level: soc-ops\n")] + new
    assert text != BANK
    found = problems(tmp_path, text)
    assert len(found) >= 1
    assert any(expected in message for message in found), found
    message = next(m for m in found if expected in m)
    assert message.startswith("quizzes/demo.yml:")
    assert 1 <= int(message.split(":")[1]) <= len(text.splitlines())
    assert "提示：" in message


def test_rating_needs_indicators_in_the_model(tmp_path):
    model = MODEL.__class__(MODEL.name, MODEL.levels, MODEL.groups, MODEL.roles, MODEL.scoring, ())
    file = tmp_path / "demo.yml"
    file.write_text(BANK, encoding="utf-8")
    _, found = load_quizzes([(file, "quizzes/demo.yml")], model, PAGES)
    assert any("没有“价值观 × soc-ops”的行为指标" in p.message for p in found)


def test_id_must_match_the_file_name(tmp_path):
    assert any("与文件名“other.yml”不一致" in m for m in problems(tmp_path, BANK, name="other.yml"))


def test_broken_yaml_and_duplicate_keys(tmp_path):
    [message] = problems(
        tmp_path, BANK.replace("title: 演示测验", "title: 演示测验\ntitle: 又一个")
    )
    assert message.startswith("quizzes/demo.yml:4:1: 重复的键“title”（第 3 行已经写过）")


def test_all_problems_of_a_bank_are_reported_together(tmp_path):
    text = BANK.replace("answer: A\n", "answer: Z\n").replace(
        "dimension: SOC专业", "dimension: 沟通"
    )
    assert len(problems(tmp_path, text)) == 2


# Through real builds


def project_with_quiz(tmp_path: Path, bank: str, pages: dict[str, str] | None = None) -> Path:
    content = {
        "index.md": page("首页"),
        "soc/mission.md": page("使命", "## 使命 {#mission}\n\n正文。"),
        "soc/norms.md": page("规范", "## 重大故障流程 {#major-fault-process}\n\n正文。"),
        **(pages or {}),
    }
    project = write_project(tmp_path, content)
    (project / "quizzes" / "demo.yml").write_text(bank, encoding="utf-8")
    return project


def built(project: Path) -> Path:
    """The project's site, built strictly; the build must pass."""
    build = run_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build.site


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    """The demo bank, built once, with a page that embeds one of its questions and the whole quiz."""
    embeds = page("自测", "<!-- academy:check demo/yes-no -->\n\n<!-- academy:quiz demo -->")
    return built(project_with_quiz(tmp_path_factory.mktemp("demo"), BANK, {"soc/check.md": embeds}))


@pytest.mark.build
def test_each_quiz_gets_its_own_page_in_the_nav(demo_site):
    html = (demo_site / "quizzes" / "demo.html").read_text(encoding="utf-8")
    assert 'data-academy="quiz"' in html and "<strong>正确</strong>" in html
    assert "演示测验" in (demo_site / "index.html").read_text(encoding="utf-8")  # in the nav


@pytest.mark.build
def test_keys_and_explanations_stay_out_of_the_search_index(demo_site):
    index = (demo_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for secret in ["因为它正确", "甲和丙", "其实不对", "先发现再定级再处置"]:
        assert secret not in index
    html = (demo_site / "quizzes" / "demo.html").read_text(encoding="utf-8")
    assert "<!--" not in html.split('data-academy="quiz"')[1]


@pytest.mark.build
def test_the_scoring_spec_in_the_page_is_the_quiz(demo_site):
    html = (demo_site / "quizzes" / "demo.html").read_text(encoding="utf-8")
    import html as html_lib
    import re

    spec = json.loads(html_lib.unescape(re.search(r'data-spec="([^"]*)"', html).group(1)))
    assert [q["id"] for q in spec["questions"]] == [
        "pick-one",
        "pick-many",
        "yes-no",
        "order",
        "rate",
    ]
    assert spec["questions"][1]["answer"] == [0, 2] and spec["questions"][2]["answer"] is False
    assert spec["questions"][4]["indicators"] == len(MODEL.indicators_of("价值观", "soc-ops"))
    assert spec["model"]["levels"] == ["soc-ops", "soc-m1", "soc-m2", "soc-m3"]


@pytest.mark.build
def test_ordering_items_are_never_shown_in_the_right_order(demo_site):
    html = (demo_site / "quizzes" / "demo.html").read_text(encoding="utf-8")
    import re

    shown = re.findall(r'data-item="(\d+)"', html)
    assert sorted(shown) == ["0", "1", "2"] and shown != ["0", "1", "2"]


@pytest.mark.build
def test_a_quiz_or_one_question_can_be_embedded_in_any_page(demo_site):
    html = (demo_site / "soc" / "check.html").read_text(encoding="utf-8")
    assert html.count('data-academy="quiz"') == 2
    assert 'data-embedded="true"' in html and "检查答案" in html


@pytest.mark.build
def test_embedding_an_unknown_question_fails_the_build(tmp_path):
    project = project_with_quiz(
        tmp_path, BANK, {"soc/check.md": page("自测", "<!-- academy:check demo/nope -->")}
    )
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "content/soc/check.md:11:1: 题目“demo/nope”不存在" in build.output


@pytest.mark.build
def test_ref_to_a_missing_section_fails_the_build(tmp_path):
    bank = BANK.replace("soc/mission.md#mission", "soc/mission.md#vision")
    build = run_build(project_with_quiz(tmp_path, bank), tmp_path / "site")
    assert build.returncode != 0
    assert (
        f"quizzes/demo.yml:{line_of(bank, '#vision')}: 页面 soc/mission.md 中没有小节“#vision”"
        in build.output
    )


HOSTILE = (
    '</script><img src=x onerror="window.__pwned=1"><a href="javascript:alert(1)">x</a>{{ config }}'
)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attributes):
        self.tags.append((tag, dict(attributes)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A bank whose texts, and a home page whose title, carry markup, scripts and template tags."""
    bank = (
        BANK.replace("选择**正确**的一项。", json.dumps(HOSTILE))
        .replace("      - 也错误", "      - " + json.dumps(HOSTILE))
        .replace("因为它正确。", json.dumps(HOSTILE))
        .replace("title: 演示测验", "title: " + json.dumps("演示" + HOSTILE))
        .replace("description: 用于测试。", "description: " + json.dumps(HOSTILE))
    )
    hostile_home = page("首页").replace("title: 首页", "title: " + json.dumps("首页" + HOSTILE))
    return built(
        project_with_quiz(tmp_path_factory.mktemp("hostile"), bank, {"index.md": hostile_home})
    )


@pytest.mark.build
def test_hostile_text_in_a_quiz_cannot_inject_markup(hostile_site):
    for name in ["quizzes/demo.html", "index.html"]:
        parser = _Elements()
        parser.feed((hostile_site / name).read_text(encoding="utf-8"))
        assert not [tag for tag, _ in parser.tags if tag in ("img", "iframe", "object")]
        for tag, attributes in parser.tags:
            assert not [a for a in attributes if a.startswith("on")], (tag, attributes)
            for key in ("href", "src", "action"):
                assert not (attributes.get(key) or "").strip().lower().startswith("javascript:"), (
                    tag,
                    attributes,
                )
        assert not [script for script in parser.scripts if "__pwned" in script]


@pytest.mark.build
def test_a_page_title_cannot_become_markup(hostile_site):
    parser = _Elements()
    parser.feed((hostile_site / "index.html").read_text(encoding="utf-8"))
    assert not [tag for tag, _ in parser.tags if tag == "img"]


ASSESSED = BANK.replace(
    "roles: [operator]",
    "roles: [operator]\nmode: assessed\nretake:\n  keep: last\n  wait_minutes: 30",
)


@pytest.mark.build
def test_an_assessed_quiz_ships_no_key_and_no_explanation_anywhere_in_the_site(tmp_path):
    project = project_with_quiz(tmp_path, ASSESSED)
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    secrets = ["因为它正确", "甲和丙", "其实不对", "先发现再定级再处置"]
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".js", ".json", ".css", ".xml", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in secrets:
                assert secret not in text, (path, secret)
    import html as html_lib
    import re

    page_html = (tmp_path / "site" / "quizzes" / "demo.html").read_text(encoding="utf-8")
    spec = json.loads(html_lib.unescape(re.search(r'data-spec="([^"]*)"', page_html).group(1)))
    assert all("answer" not in question for question in spec["questions"])
    assert (
        'data-mode="assessed"' in page_html
        and 'data-keep="last"' in page_html
        and 'data-wait-minutes="30"' in page_html
    )
    assert "提交并下载答卷" in page_html


@pytest.mark.parametrize(
    "retake, expected",
    [
        ("retake:\n  keep: worst", "keep 只能是 best、last、first 或 average"),
        ("retake:\n  wait_minutes: 一小时", "wait_minutes 必须是 0 到 10080 之间的整数"),
        ("retake:\n  tries: 3", "retake中有不认识的项“tries”"),
        ("mode: exam", "mode 只能是 practice（练习）或 assessed（考核）"),
    ],
)
def test_mode_and_retake_policy_mistakes(tmp_path, retake, expected):
    found = problems(tmp_path, BANK.replace("roles: [operator]", "roles: [operator]\n" + retake))
    assert any(expected in m for m in found), found


def test_the_author_guide_examples_for_quizzes_load(tmp_path):
    """The guide's quiz example and assessed-mode example are valid banks."""
    import re

    guide = (ROOT / "content" / "guide" / "index.md").read_text(encoding="utf-8")
    section = guide[guide.index("{#quizzes}") :]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    example = next(b for b in blocks if b.startswith("id: soc-intro"))
    assessed = next(b for b in blocks if "mode: assessed" in b)
    pages = {"soc/mission.md": object()}
    (tmp_path / "soc-intro.yml").write_text(example, encoding="utf-8")
    quizzes, found = load_quizzes([(tmp_path / "soc-intro.yml", "soc-intro.yml")], MODEL, pages)
    assert found == [] and quizzes["soc-intro"].questions[0].answer == (0,)
    question = example[example.index("  - id: mission-tools") :]
    (tmp_path / "soc-final.yml").write_text(
        assessed.replace("questions: []", "questions:\n" + question), encoding="utf-8"
    )
    quizzes, found = load_quizzes([(tmp_path / "soc-final.yml", "soc-final.yml")], MODEL, pages)
    assert found == []
    final = quizzes["soc-final"]
    assert (final.mode, final.keep, final.wait_minutes) == ("assessed", "best", 60)
