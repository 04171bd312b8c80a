"""Related reading and the search index improvements computed in a second process:
the same site as in one process, and a build that survives losing the worker."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from academy.core.search_terms import Terms
from academy.mkdocs_plugin.search_hooks import SHARED_SEGMENTER_NOTE, WORKER_NOTE
from academy.search.material import ZWSP
from academy.search.similar import RelatedReading
from academy.search.work import InWorker, SearchWork, WorkerLost
from support.site import page, run_build, write_project

# One worker takes the whole module, so the one-process build is made once.
pytestmark = pytest.mark.xdist_group("worker-builds")

PAGES = {
    "index.md": page("首页", "值班、升级、出账。"),
    "duty.md": page(
        "值班",
        "## 夜间升级 {#night}\n\n夜间和节假日出现故障，由一线值班人员响应，**一级故障**直接电话升级到二线。\n",
    ),
    "escalate.md": page(
        "升级",
        "## 升级路径 {#path}\n\n故障升级：一线值班、二线值班、部门经理。夜间值班人员电话升级。\n",
    ),
    "money.md": page(
        "出账", "## 月度出账 {#monthly}\n\n每月出账前检查账务数据，出账后核对收入。\n"
    ),
    "bills.md": page("账单", "## 账单核对 {#check}\n\n出账后核对账单数据与收入报表。\n"),
}


def cores() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


def build(root: Path, options: str = "", hook: str = "") -> tuple[str, dict[str, bytes]]:
    """Build `root` with extra academy options and an optional MkDocs hook; (log, site files)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - academy:\n", "  - academy:\n" + options, 1
    )
    if hook:
        (root / "hook.py").write_text(hook, encoding="utf-8")
        text += "hooks:\n  - hook.py\n"
    config.write_text(text, encoding="utf-8")
    site = root / "site"
    result = run_build(root, site, "--verbose")
    assert result.returncode == 0, result.output
    files = {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".json", ".js")
        and "assets" not in path.parts
    }
    return result.output, files


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> dict[str, bytes]:
    log, files = build(
        write_project(tmp_path_factory.mktemp("one"), PAGES), "      search_worker: false\n"
    )
    assert WORKER_NOTE not in log
    return files


@pytest.mark.build
def test_the_worker_builds_the_same_site_as_one_process(tmp_path, one_process):
    log, files = build(write_project(tmp_path, PAGES))
    assert (WORKER_NOTE in log) == (cores() > 1)  # one core: a second process would only cost
    assert (
        b"academy-related" in files["duty.html"]
        and b'"keywords"' in files["search/search_index.json"]
    )
    assert files.keys() == one_process.keys()
    assert [name for name in files if files[name] != one_process[name]] == []


MATERIALS_OWN_SEGMENTATION = """
def on_env(env, config, files):
    del config.plugins["material/search"].search_index._segment_chinese
    return env
"""


@pytest.mark.build
def test_materials_index_cut_by_the_shared_segmenter_is_the_one_material_cuts(tmp_path):
    shared_log, shared = build(write_project(tmp_path / "shared", PAGES))
    own_log, own = build(write_project(tmp_path / "own", PAGES), hook=MATERIALS_OWN_SEGMENTATION)
    assert SHARED_SEGMENTER_NOTE in shared_log
    assert "Traceback" not in own_log
    assert ZWSP in shared["search/search_index.json"].decode()
    assert shared["search/search_index.json"] == own["search/search_index.json"]


KILL_THE_WORKER = """
def on_{event}(*args, config, **kwargs):
    work = config.plugins["academy"].search.work
    if getattr(work, "_process", None) is not None and work._process.is_alive():
        work._process.kill()
        work._process.join()
"""


@pytest.mark.build
@pytest.mark.skipif(cores() < 2, reason="one core: the build never starts a worker")
@pytest.mark.parametrize("event", ["nav", "page_content"])  # before the first page, after one
def test_a_build_whose_worker_dies_still_publishes_the_whole_site(tmp_path, one_process, event):
    log, files = build(write_project(tmp_path, PAGES), hook=KILL_THE_WORKER.format(event=event))
    assert WORKER_NOTE in log and "Traceback" not in log
    assert [name for name in files if files[name] != one_process[name]] == []


CHANGE_A_PAGE = """
def on_page_content(html, page, config, files):
    if page.file.src_uri == "escalate.md":
        return html + "<h2 id=\\"bill\\">账单</h2><p>出账后核对账单数据与收入报表，每月出账前检查。</p>"
    return html
"""


@pytest.mark.build
def test_pages_changed_by_a_later_plugin_are_related_as_published(tmp_path):
    _, files = build(write_project(tmp_path, PAGES), hook=CHANGE_A_PAGE)
    assert b'href="escalate.html#bill"' in files["money.html"]  # the section the hook added


TERMS = Terms(groups=(("夜间", "半夜"),), fingerprint="worker-test")


MATERIAL_INDEX = {
    "config": {"lang": ["zh"], "separator": "[\\s]+", "fields": {}},
    "docs": [
        {"location": "duty.html#s", "title": "夜间升级", "text": "夜间和节假日出现故障"},
        {"location": "money.html#s", "title": "月度出账", "text": "每月出账"},
        {"location": "bills.html#s", "title": "账单核对", "text": "出账后核对账单数据"},
    ],
}


def feed(work: SearchWork | InWorker) -> tuple[RelatedReading | None, SearchWork | InWorker]:
    """A build's calls in a build's order: pages, then related reading; the related reading,
    and the work that improves the index."""
    for name, text in PAGES.items():
        html = f'<h2 id="s">{name}</h2><p>{text}</p><p><strong>一级故障</strong></p>'
        work.add_page(name, name.replace(".md", ".html"), html)
    work.pages_done()
    reading = work.related_reading()
    return reading, work.for_the_index()


def improved_index(work: SearchWork | InWorker, folder: Path) -> dict:
    folder.mkdir()
    index = folder / "search_index.json"
    index.write_text(json.dumps(MATERIAL_INDEX), encoding="utf-8")
    assert work.improve_index_file(index)
    return json.loads(index.read_text(encoding="utf-8"))


def test_the_worker_answers_as_the_work_does_in_process(tmp_path):
    here_reading, here = feed(SearchWork(TERMS, 3, ("index.md",), True))
    reading, there = feed(InWorker(SearchWork(TERMS, 3, ("index.md",), True)))
    try:
        assert reading is not None and reading == here_reading
        assert [link.page for link in reading.lists["money.md"]][:1] == ["bills.md"]
        index = improved_index(there, tmp_path / "there")
        assert index == improved_index(here, tmp_path / "here")
        duty, _money, bills = index["docs"]
        # the synonym of 夜间 as a keyword, and the text cut into words
        assert "半夜" in duty["keywords"] and "\u200b" in bills["text"]
    finally:
        there.close()


def test_a_lost_or_failing_worker_is_reported_for_the_build_to_redo_the_work():
    lost = InWorker(SearchWork(TERMS, 3, (), True))
    lost._process.kill()
    lost._process.join()
    with pytest.raises(WorkerLost):
        feed(lost)  # sending to a dead worker is not an error yet; the answer is
    lost.close()

    failing = InWorker(SearchWork(TERMS, 3, (), True))
    failing.add_page("a.md", "a.html", None)  # type: ignore[arg-type]
    failing.pages_done()
    with pytest.raises(WorkerLost, match="TypeError"):
        failing.related_reading()
    with pytest.raises(WorkerLost, match="TypeError"):
        failing.for_the_index()
    failing.close()
