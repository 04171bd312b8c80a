"""Related reading (相关阅读) and the improved search index in a real build."""

from __future__ import annotations

import json
import re

import pytest

from academy.core.front_matter import read_page_meta
from academy.core.model import load_model
from academy.core.problems import ProblemsFound
from support.site import ROOT, page, run_build, write_project

# One worker takes the whole module, so the build below is made once.
pytestmark = pytest.mark.xdist_group("related-build")

MODEL = load_model(ROOT / "quizzes" / "spcm.yml")
HEAD = "---\ntitle: 值班\nsummary: 夜间\nminutes: 5\nroles: [operator]\nspcm: [岗位认知]\n"


def with_front(title: str, extra: str, body: str) -> str:
    return page(title, body).replace("---\n\n#", f"{extra}---\n\n#", 1)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("", True),
        ("related: false\n", False),
        ("related: true\n", True),
        ("related: [soc/norms.md, soc/spcm.md#levels]\n", ("soc/norms.md", "soc/spcm.md#levels")),
    ],
)
def test_related_in_front_matter(line, expected):
    assert read_page_meta(HEAD + line + "---\n# 值班\n", "content/x.md", MODEL).related == expected


@pytest.mark.parametrize(
    "line, message",
    [
        ("related: no\n", "related（相关阅读）应当是 false 或页面列表"),
        ("related: [夜间]\n", "related 中的“夜间”不是页面路径"),
        ("related: [a.md, a.md]\n", "related 中的页面“a.md”重复"),
    ],
)
def test_bad_related_is_reported_with_its_line(line, message):
    with pytest.raises(ProblemsFound) as caught:
        read_page_meta(HEAD + line + "---\n# 值班\n", "content/x.md", MODEL)
    [problem] = caught.value.problems
    assert problem.format().startswith("content/x.md:7:") and message in problem.format()


DUTY = "## 夜间升级 {#night}\n\n夜间和节假日出现故障，由一线值班人员响应，一级故障直接电话升级到二线。\n"
ESCALATE = "## 升级路径 {#path}\n\n故障升级：一线值班、二线值班、部门经理。夜间值班人员电话升级。\n"
MONEY = "## 月度出账 {#monthly}\n\n每月出账前检查账务数据。\n"


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    root = tmp_path_factory.mktemp("related")
    write_project(
        root,
        {
            "index.md": page("首页", "值班、升级、出账。"),
            "duty.md": page("值班", DUTY),
            "escalate.md": page("升级", ESCALATE),
            "money.md": page("出账", MONEY),
            "quiet.md": with_front("安静", "related: false\n", DUTY),
            "pinned.md": with_front("指定", "related: [money.md#monthly]\n", DUTY),
            "paths/operator.md": page("路径", DUTY),
        },
    )
    result = run_build(root, root / "site")
    assert result.returncode == 0, result.output
    return root / "site"


def related(site, name: str) -> list[str]:
    html = (site / name).read_text(encoding="utf-8")
    block = re.search(r'<aside class="academy-related"[^>]*>(.*?)</aside>', html)
    return re.findall(r'href="([^"]+)"', block.group(1)) if block else []


@pytest.mark.build
def test_a_page_lists_the_most_related_sections_of_other_pages(build):
    links = related(build, "duty.html")
    assert "escalate.html#path" in links  # pinned.md and quiet.md repeat duty.md word for word
    assert not any(link.startswith(("duty.html", "index.html", "paths/")) for link in links)
    html = (build / "duty.html").read_text(encoding="utf-8")
    assert re.search(r'<aside class="academy-related"[^>]*data-search-exclude', html)


@pytest.mark.build
def test_related_reading_can_be_turned_off_or_pinned(build):
    assert "academy-related" not in (build / "quiet.html").read_text(encoding="utf-8")
    assert related(build, "pinned.html") == ["money.html#monthly"]


@pytest.mark.build
def test_home_and_path_pages_show_no_related_reading(build):
    assert related(build, "index.html") == [] and related(build, "paths/operator.html") == []


@pytest.mark.build
def test_the_search_index_has_keywords_and_no_related_reading(build):
    index = json.loads((build / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"]["keywords"]["boost"] > 0
    assert "相关阅读" not in json.dumps(index, ensure_ascii=False)
    inline = (build / "search" / "search_index.js").read_text(encoding="utf-8")
    assert (
        inline.startswith("var __index = ") and '"keywords"' in inline
    )  # the offline copy is the improved one


@pytest.mark.build
def test_a_pinned_page_that_does_not_exist_fails_the_build(tmp_path):
    write_project(
        tmp_path,
        {"index.md": page("首页"), "a.md": with_front("甲", "related: [missing.md]\n", "正文")},
    )
    result = run_build(tmp_path, tmp_path / "site")
    assert result.returncode != 0
    assert "content/a.md:7: related 中的页面“missing.md”不存在" in result.output


@pytest.mark.build
def test_the_retired_review_suggestions_option_says_to_delete_it(tmp_path):
    write_project(tmp_path, {"index.md": page("首页")})
    config = tmp_path / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - academy:\n", "  - academy:\n      review_suggestions: 3\n", 1),
        encoding="utf-8",
    )
    assert "review_suggestions: 3" in config.read_text(encoding="utf-8")
    result = run_build(tmp_path, tmp_path / "site")
    assert result.returncode != 0  # a warning, and the build is strict
    assert "review_suggestions" in result.output and "删去这一行" in result.output
    assert "Traceback" not in result.output
