"""The search vocabulary, the Chinese analyzer, the Whoosh index and the
improvements to Material's search index (no browser, no build)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from academy.cli.main import main
from academy.core.problems import ProblemsFound
from academy.core.search_terms import Terms, load_terms
from academy.search.analyzer import Segmenter
from academy.search.emphasis import emphasised
from academy.search.material import (
    KEYWORDS,
    QUERY_STOPWORDS,
    ZWSP,
    improve_index,
    share_segmenter,
)
from academy.search.sections import Section, split_sections
from academy.search.whoosh_index import WhooshIndex
from support.site import ROOT, page, path_page, write_project


def terms_in(folder: Path, dictionary: str = "", synonyms: str = "") -> Terms:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dictionary.txt").write_text(dictionary, encoding="utf-8")
    (folder / "synonyms.yml").write_text(synonyms, encoding="utf-8")
    return load_terms(folder)


def test_the_shipped_vocabulary_loads():
    terms = load_terms(ROOT / "search")
    assert ("巡检", None) in terms.words
    assert "夜间" in terms.synonyms_of("半夜")
    assert "半夜" in terms.synonyms_of("夜间")


def test_a_bad_dictionary_line_is_reported_with_file_and_line(tmp_path):
    with pytest.raises(ProblemsFound) as caught:
        terms_in(tmp_path / "search", dictionary="巡检\n值 班 表\n")
    [problem] = caught.value.problems
    assert problem.format().startswith("search/dictionary.txt:2:")


@pytest.mark.parametrize(
    "synonyms, line", [("- [夜间]\n", 1), ("- [夜间, 半夜]\n- 凌晨\n", 2), ("夜间: 半夜\n", 1)]
)
def test_a_bad_synonym_group_is_reported(tmp_path, synonyms, line):
    with pytest.raises(ProblemsFound) as caught:
        terms_in(tmp_path / "search", synonyms=synonyms)
    assert caught.value.problems[0].format().startswith(f"search/synonyms.yml:{line}:")


def test_missing_vocabulary_means_none():
    assert load_terms(None) == Terms()


def test_search_mode_finds_words_inside_compounds():
    segmenter = Segmenter.for_terms(load_terms(ROOT / "search"))
    tokens = [token for token, _, _ in segmenter.tokens("岗位职责")]
    assert "职责" in tokens and "岗位" in tokens
    assert "入职" in segmenter.words("如果你刚入职")  # from the trainer dictionary


def test_synonyms_are_found_where_words_overlap_or_nest(tmp_path):
    terms = terms_in(
        tmp_path / "search",
        synonyms="- [出事, 出问题]\n- [事故, 故障]\n- [重大故障, 严重事件]\n- [SLA, 服务水平]\n",
    )
    segmenter = Segmenter(terms)
    # 出事故 holds 出事 and 事故, overlapping; 重大故障 holds 故障
    assert segmenter.synonyms_in("昨晚出事故了") == {"出问题", "故障"}
    assert segmenter.synonyms_in("发生重大故障") == {"严重事件", "事故"}
    assert segmenter.synonyms_in("按 sla 处理") == {"服务水平"}  # Latin words match in any case
    assert segmenter.synonyms_in("事故和故障") == set()  # both words of the group are already there
    assert segmenter.synonyms_in("一切正常") == set()
    assert Segmenter(Terms()).synonyms_in("出事故") == set()


def test_material_cuts_the_index_through_the_shared_segmenter_to_the_same_words(tmp_path):
    from material.plugins.search.plugin import SearchIndex

    segmenter = Segmenter.for_terms(terms_in(tmp_path / "search", dictionary="值班表\n"))
    materials_own, shared = SearchIndex(), SearchIndex()
    assert share_segmenter(shared, segmenter)
    texts = [
        "<p>值班表由值班人员维护，夜间和节假日按值班表升级。</p>",  # a trainer word, a repeat
        "智能运营中心负责公司生产系统的日常运行维护与重大故障的应急处置工作",  # one long run
        "SLA 与 1+N 模式：〇号机房、㐀字、𠀀字、豈字和々。",  # rare Han, Latin between runs
        "已经\u200b切好\u200b的词",
        "",
        "值班表",
    ]
    for text in texts * 2:  # the second time from what the segmenter remembers
        assert shared._segment_chinese(text) == materials_own._segment_chinese(text)
    assert not share_segmenter(object(), segmenter)  # not Material's index: left alone


def test_material_index_keeps_the_displayed_text_and_adds_hidden_keywords():
    segmenter = Segmenter.for_terms(load_terms(ROOT / "search"))
    original = {
        "config": {
            "lang": ["zh"],
            "separator": r"[\s\u200b\u3000\-、。，．？！；]+",
            "pipeline": ["stemmer"],
            "fields": {},
        },
        "docs": [
            {
                "location": "a.html",
                "title": "值班",
                "text": "<p>夜间和节假日由值班人员负责，明确岗位职责。</p>",
            },
            {
                "location": "a.html#bill",
                "title": "出账",
                "text": "<p>系统巡检：按检查清单检查。</p>",
            },
            {"location": "paths/operator.html", "title": "路径", "text": "<p>步骤</p>"},
        ],
    }
    improved = improve_index(original, segmenter, emphasis={"a.html#bill": ["系统巡检"]})
    first, second, path = improved["docs"]
    assert first["text"].replace(ZWSP, "") == original["docs"][0]["text"]
    assert "职责" in first["text"].split(ZWSP)  # 岗位职责 is indexed as its parts, so 职责 is found
    assert "半夜" in first[KEYWORDS].split()  # a synonym of 夜间
    assert "巡检" in second[KEYWORDS].split()  # emphasised: counted once more
    assert "巡检" not in first.get(KEYWORDS, "")
    assert improved["config"]["fields"][KEYWORDS]["boost"] > 0
    assert "“" in improved["config"]["separator"]
    assert "怎么" in improved["config"][QUERY_STOPWORDS]  # question words the search box leaves out
    assert path["boost"] < 1  # path pages rank below the pages they list


def test_emphasis_is_collected_per_section():
    html = (
        '<h1 id="t">出账</h1><p><strong>月度出账</strong>每月一次</p>'
        '<h2 id="check">巡检<a class="headerlink" href="#check">¶</a></h2><ul><li><b>系统巡检</b>：定期</li></ul>'
        "<dl><dt>工单</dt><dd>客户的请求</dd></dl>"
    )
    assert emphasised(html, "ops.html") == {
        "ops.html": ["月度出账"],
        "ops.html#check": ["系统巡检", "工单"],
    }


def sections(page_name: str, body: str, title: str = "页面") -> list[Section]:
    return split_sections(body, page_name, title, page_name.replace(".md", ".html"))


def test_sections_follow_headings_and_skip_excluded_markup():
    html = (
        '<h1 id="t">题目</h1><p>开头</p><h2 id="a">夜间升级<a class="headerlink" href="#a">¶</a></h2>'
        '<p>值班人员</p><div data-search-exclude><p>隐藏</p></div><pre class="mermaid"><code>flowchart</code></pre>'
    )
    top, section = sections("x.md", html)
    assert (top.anchor, top.text) == ("", "开头")
    assert (section.anchor, section.heading, section.text) == ("a", "夜间升级", "值班人员")


def pages(**bodies: str) -> dict[str, tuple[str, list[Section]]]:
    return {
        name + ".md": (str(hash(body)), sections(name + ".md", body, name))
        for name, body in bodies.items()
    }


def test_whoosh_updates_only_changed_pages(tmp_path):
    segmenter = Segmenter.for_terms(load_terms(ROOT / "search"))
    index = WhooshIndex(tmp_path / "index", segmenter)
    first = index.update(pages(a="<p>夜间值班</p>", b="<p>岗位职责</p>", c="<p>出账</p>"))
    assert first.rebuilt and first.added == ["a.md", "b.md", "c.md"]
    again = WhooshIndex(tmp_path / "index", segmenter).update(
        pages(a="<p>夜间值班</p>", b="<p>岗位职责和使命</p>")
    )
    assert (again.rebuilt, again.added, again.removed, again.unchanged) == (
        False,
        ["b.md"],
        ["c.md"],
        1,
    )
    hits = index.search("半夜找谁")
    assert hits and hits[0].page == "a.md" and "【" in hits[0].snippet
    assert [hit.page for hit in index.search("职责")] == ["b.md"]


def test_a_changed_vocabulary_rebuilds_the_index(tmp_path):
    index_dir = tmp_path / "index"
    WhooshIndex(index_dir, Segmenter.for_terms(terms_in(tmp_path / "one", "巡检\n"))).update(
        pages(a="<p>巡检</p>")
    )
    other = WhooshIndex(index_dir, Segmenter.for_terms(terms_in(tmp_path / "two", "出账\n")))
    assert other.update(pages(a="<p>巡检</p>")).rebuilt


def test_academy_search_prints_ranked_sections(tmp_path, capsys):
    project = write_project(
        tmp_path,
        {
            "index.md": page("首页", "欢迎。"),
            "duty.md": page(
                "值班与升级", "## 夜间升级 {#night}\n\n夜间和节假日出现故障时，先找一线值班人员。\n"
            ),
            "money.md": page("出账", "## 月度出账 {#monthly}\n\n每月按时完成出账。\n"),
        },
    )
    (project / "search").mkdir()
    (project / "search" / "synonyms.yml").write_text("- [夜间, 半夜]\n", encoding="utf-8")
    config = str(project / "mkdocs.yml")
    assert main(["-f", config, "search", "半夜出故障找谁"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. 值班与升级 › 夜间升级\n   duty.html#night\n")
    assert "【夜间】" in out
    assert (project / ".academy" / "search-index").is_dir()
    assert main(["-f", config, "search", "出账", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["results"][0]["url"] == "money.html#monthly"
    assert set(result["results"][0]) >= {"title", "section", "url", "snippet"}


def test_academy_search_with_nothing_found_says_so(tmp_path, capsys):
    project = write_project(tmp_path, {"index.md": page("首页", "欢迎。")})
    assert main(["-f", str(project / "mkdocs.yml"), "search", "区块链"]) == 0
    assert "没有找到" in capsys.readouterr().out


def test_academy_search_finds_a_path_by_its_steps_and_follows_their_titles(tmp_path, capsys):
    project = write_project(
        tmp_path,
        {
            "index.md": page("首页", "欢迎。"),
            "duty.md": page("值班与升级", "夜间值班。"),
            "paths/operator.md": path_page("page: duty.md"),
            "log/index.md": page("学习日志", "<!-- academy:learning-log -->"),
        },
    )
    config = str(project / "mkdocs.yml")

    def found(query: str) -> list[str]:
        assert main(["-f", config, "search", query, "--json"]) == 0
        return [hit["url"] for hit in json.loads(capsys.readouterr().out)["results"]]

    # the path page lists its steps, as the site's path page does
    assert "paths/operator.html#module-day-1" in found("值班与升级")
    duty = project / "content" / "duty.md"
    duty.write_text(page("交接班规范", "夜间值班。"), encoding="utf-8")
    # a step's new title reaches the path page without a change to the path page itself
    assert "paths/operator.html#module-day-1" in found("交接班规范")
