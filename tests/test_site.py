"""The shipped course builds strictly into a complete, offline, Chinese site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from academy.core.front_matter import read_page_meta, split_front_matter
from academy.core.model import load_model
from support.site import ROOT, page, run_build, write_project

CONTENT = ROOT / "content"
OUTLINE = [
    "index.md",
    "soc/index.md",
    "soc/mission.md",
    "soc/history.md",
    "soc/organization.md",
    "soc/smart-operations.md",
    "soc/mechanism.md",
    "soc/spcm.md",
    "soc/key-work.md",
    "soc/norms.md",
    "soc/ethics.md",
    "soc/qualified.md",
    "production/index.md",
    "production/roles.md",
    "production/changing-requirements.md",
    "platform/index.md",
    "platform/adevops.md",
    "platform/developer-op.md",
    "log/index.md",
    "guide/index.md",
    "paths/index.md",
    "paths/operator.md",
    "paths/team-lead.md",
    "paths/branch-manager.md",
    "paths/general-manager.md",
    "paths/developer.md",
]
EXTRA_PAGES = ["me.md"]
MODEL = load_model(ROOT / "quizzes" / "spcm.yml")


def source(name: str) -> str:
    return (CONTENT / name).read_text(encoding="utf-8")


def test_strict_build_prints_no_warning(built_site):
    assert "WARNING" not in built_site.output
    assert "end of life" not in built_site.output


@pytest.mark.parametrize("name", OUTLINE)
def test_every_outline_page_is_built(built_site, name):
    html = (built_site.site / name.replace(".md", ".html")).read_text(encoding="utf-8")
    assert '<html lang="zh"' in html


@pytest.mark.parametrize("name", OUTLINE)
def test_page_title_matches_its_heading(name):
    meta = read_page_meta(source(name), name, MODEL)
    _, body = split_front_matter(source(name), name)
    assert body.lstrip().splitlines()[0] == f"# {meta.title}"


@pytest.mark.parametrize(
    "name", [n for n in OUTLINE if not n.startswith("paths/") or n.endswith("index.md")]
)
def test_page_ends_with_its_key_points(name):
    assert "{#key-points}" in source(name)


STUDY_PAGES = [name for name in OUTLINE if name.startswith(("soc/", "production/", "platform/"))]


@pytest.mark.parametrize("name", STUDY_PAGES)
def test_every_study_page_promises_two_to_four_objectives(name):
    meta = read_page_meta(source(name), name, MODEL)
    assert 2 <= len(meta.objectives) <= 4
    assert "学完本节，你应当能够" not in source(name)  # said once, by the 学习目标 box


@pytest.mark.parametrize("name", [*STUDY_PAGES, "log/index.md", "paths/index.md"])
def test_learner_text_never_speaks_of_the_notes_or_their_author(name):
    _, body = split_front_matter(source(name), name)
    prose = re.sub(r"<!--.*?-->", "", body, flags=re.S)  # notes to trainers are comments
    for phrase in ("培训笔记", "学员写道", "课上的结论", "记录这份笔记"):
        assert phrase not in prose, phrase


@pytest.mark.parametrize("name", OUTLINE)
def test_summary_is_one_short_sentence(name):
    meta = read_page_meta(source(name), name, MODEL)
    assert 5 <= len(meta.summary) <= 80 and "\n" not in meta.summary


def test_no_page_is_left_out_of_the_outline():
    pages = sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.md"))
    assert pages == sorted(OUTLINE + EXTRA_PAGES)


def test_every_role_has_pages_to_read():
    served = {role for name in OUTLINE for role in read_page_meta(source(name), name, MODEL).roles}
    assert served == set(MODEL.role_ids)


TYPOS = [
    "铲平",
    "产生一同",
    "同意的组织",
    "只读等手段",
    "次啊及",
    "广为胜任",
    "硬如何",
    "如何称为",
    "工程器件",
    "素质素质",
]


def learner_text(text: str) -> str:
    """A page without what only trainers read: HTML comments and the boxes addressed to
    培训师 (which may quote the note's own wording to explain a correction)."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    box = re.compile(r'^[!?]{3}\+? \w+(?: "[^"]*")?\n((?: {4}.*\n|\n)+)', re.M)
    return box.sub(lambda m: "" if "培训师" in m.group(0).split("\n", 2)[1] else m.group(0), text)


@pytest.mark.parametrize("typo", TYPOS)
def test_input_method_typos_of_the_note_are_fixed(typo):
    offenders = [name for name in OUTLINE if typo in learner_text(source(name))]
    assert offenders == []


@pytest.mark.parametrize("name", ["soc/norms.md", "soc/ethics.md"])
def test_industry_practice_pages_are_marked_as_templates(name):
    assert '!!! warning "模板内容"' in source(name)


@pytest.mark.parametrize(
    "name", ["soc/history.md", "soc/organization.md", "soc/norms.md", "soc/mechanism.md"]
)
def test_required_diagrams_are_written_as_mermaid(name):
    assert "```mermaid" in source(name)


def test_history_covers_the_four_periods():
    text = source("soc/history.md")
    for period in ["1995", "2007", "2009", "2017"]:
        assert period in text


EXTERNAL = re.compile(
    r"""(?:(?<![\w-])(?:src|href)\s*=\s*["']?|url\(\s*["']?)((?:https?:)?//[^"' )>]*)""", re.I
)


def test_built_site_references_nothing_outside_itself(built_site, site_port):
    own = f"http://127.0.0.1:{site_port}/"
    offenders = []
    for path in built_site.site.rglob("*"):
        if path.suffix in {".html", ".css"}:
            for match in EXTERNAL.finditer(path.read_text(encoding="utf-8")):
                if not match.group(1).startswith(own):
                    offenders.append(f"{path.relative_to(built_site.site)}: {match.group(1)}")
    assert offenders == []


def test_search_worker_shim_is_served_from_the_site(built_site):
    html = (built_site.site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/vendor/iframe-worker/shim.js"' in html
    assert (built_site.site / "assets/vendor/iframe-worker/shim.js").is_file()
    assert (built_site.site / "search/search_index.js").is_file()


def test_vendored_files_are_the_versions_pinned_for_npm():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    vendored = json.loads(
        (ROOT / "plugins/academy/templates/assets/vendor/versions.json").read_text(encoding="utf-8")
    ) | json.loads((ROOT / "tests/vendor/versions.json").read_text(encoding="utf-8"))
    tooling = {"typescript"}  # checks the scripts; nothing of it is shipped
    assert vendored == {name: version for name, version in pinned.items() if name not in tooling}
    assert {name: lock[f"node_modules/{name}"]["version"] for name in pinned} == pinned


def test_search_index_is_segmented_for_chinese(built_site):
    index = json.loads((built_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    assert any("\u200b" in doc["text"] for doc in index["docs"])


# Links and anchors: MkDocs validation at `warn`, so --strict fails on them

BROKEN_LINKS = [
    ("[缺页](missing.md)", "missing.md"),
    ("[缺节](b.md#nowhere)", "nowhere"),
    ("[绝对](/b.md)", "/b.md"),
]


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory):
    """One build carrying every mistake below: a page per broken link, and a page left out of
    the nav. MkDocs reports them all before --strict stops the build."""
    root = tmp_path_factory.mktemp("broken")
    pages = {
        f"link-{number}.md": page("链接", link) for number, (link, _) in enumerate(BROKEN_LINKS)
    }
    project = write_project(
        root,
        {
            "index.md": page("首页"),
            "b.md": page("乙", "## 小节 {#section}\n"),
            "left-out.md": page("漏页"),
            **pages,
        },
        nav=["index.md", "b.md", *pages],
    )
    return run_build(project, root / "site")


@pytest.mark.build
@pytest.mark.xdist_group("broken-links")  # one worker: one build
@pytest.mark.parametrize(
    "number, link, complaint", [(n, *case) for n, case in enumerate(BROKEN_LINKS)]
)
def test_broken_links_and_anchors_fail_the_build(broken_build, number, link, complaint):
    assert broken_build.returncode != 0
    warnings = [line for line in broken_build.output.splitlines() if line.startswith("WARNING")]
    assert [
        line for line in warnings if f"content/link-{number}.md:" in line and complaint in line
    ], warnings


@pytest.mark.build
@pytest.mark.xdist_group("broken-links")
def test_page_left_out_of_nav_fails_the_build(broken_build):
    assert broken_build.returncode != 0
    assert "left-out.md" in broken_build.output


def test_lychee_finds_no_broken_link_or_fragment(built_site):
    import subprocess
    import sys

    lychee = Path(sys.executable).parent / "lychee"
    result = subprocess.run(
        [
            str(lychee),
            "--offline",
            "--include-fragments",
            "--no-progress",
            "--root-dir",
            str(built_site.site),
            str(built_site.site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 Errors" in result.stdout + result.stderr
