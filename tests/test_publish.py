"""`academy publish`: a trainer publishes to the intranet folder; trainees never see a broken site."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from support.site import academy, page, write_project

pytestmark = pytest.mark.build


FAIL_HALFWAY = """\
from pathlib import Path
from mkdocs.exceptions import PluginError

def on_post_page(output, page, config):
    if page.file.src_uri == "b.md":
        written = len(list(Path(config.site_dir).rglob("*.html")))
        raise PluginError(f"模拟故障：已写出 {written} 个页面")
    return output
"""


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".new-" in p.name or ".swap-" in p.name)


@pytest.fixture
def site_project(tmp_path):
    return write_project(
        tmp_path / "project",
        {"index.md": page("首页"), "a.md": page("甲", "第一版。"), "b.md": page("乙")},
    )


@pytest.fixture
def published(site_project, tmp_path):
    dest = tmp_path / "www" / "onboarding"
    dest.parent.mkdir()
    result = academy(site_project, "publish", str(dest))
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def test_publish_then_republish_then_roll_back_and_forth(site_project, published):
    dest = published
    assert "第一版" in (dest / "a.html").read_text(encoding="utf-8")
    assert (dest / "index.html").is_file() and (dest / ".academy-publish.json").is_file()
    assert oct(dest.stat().st_mode & 0o755) == oct(0o755)  # readable by the web server
    (site_project / "content" / "a.md").write_text(page("甲", "第二版。"), encoding="utf-8")
    again = academy(site_project, "publish", str(dest))
    assert again.returncode == 0, again.stdout + again.stderr
    previous = dest.parent / ".onboarding.previous"
    assert "第二版" in (dest / "a.html").read_text(encoding="utf-8")
    assert "第一版" in (previous / "a.html").read_text(encoding="utf-8")
    assert "--rollback" in again.stdout
    back = academy(site_project, "publish", str(dest), "--rollback")
    assert back.returncode == 0 and "已回滚" in back.stdout
    assert "第一版" in (dest / "a.html").read_text(encoding="utf-8")
    forth = academy(site_project, "publish", str(dest), "--rollback")
    assert forth.returncode == 0
    assert "第二版" in (dest / "a.html").read_text(encoding="utf-8")
    assert leftovers(dest.parent) == []


def test_a_build_that_fails_halfway_leaves_the_published_site_untouched(site_project, published):
    before = snapshot(published)
    (site_project / "fail_hook.py").write_text(FAIL_HALFWAY, encoding="utf-8")
    with (site_project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - fail_hook.py\n")
    (site_project / "content" / "a.md").write_text(page("甲", "坏的一版。"), encoding="utf-8")
    result = academy(site_project, "publish", str(published))
    assert result.returncode == 1
    written = int(re.search(r"模拟故障：已写出 (\d+) 个页面", result.stdout).group(1))
    assert written >= 1  # it really failed halfway through writing pages
    assert "构建失败，未发布" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(published) == before
    assert (
        leftovers(published.parent) == []
        and not (published.parent / ".onboarding.previous").exists()
    )


def test_a_plugin_error_in_on_env_leaves_the_published_site_untouched(site_project, published):
    before = snapshot(published)
    path = page("运营专员学习路径").replace(
        "spcm: [岗位认知]\n",
        "spcm: [岗位认知]\npath:\n  modules:\n    - id: one\n      title: 一\n      steps:\n        - page: a.md#no-such-section\n",
    )
    (site_project / "content" / "paths").mkdir()
    (site_project / "content" / "paths" / "operator.md").write_text(path, encoding="utf-8")
    result = academy(site_project, "publish", str(published))
    assert result.returncode == 1
    assert "no-such-section" in result.stdout + result.stderr
    assert snapshot(published) == before and leftovers(published.parent) == []


def test_a_page_loading_from_outside_fails_verification_with_file_and_line(site_project, published):
    before = snapshot(published)
    body = '正文。\n\n<script src="https://cdn.example.com/x.js"></script>\n\n<img src="../../outside.png" alt="">\n'
    (site_project / "content" / "b.md").write_text(page("乙", body), encoding="utf-8")
    result = academy(site_project, "publish", str(published))
    assert result.returncode == 1
    assert re.search(
        r"site/b\.html:\d+: <script> 的地址“https://cdn\.example\.com/x\.js”指向站点以外",
        result.stdout,
    )
    assert re.search(
        r"site/b\.html:\d+: <img> 的地址“\.\./\.\./outside\.png”指向站点文件夹以外", result.stdout
    )
    assert "校验发现 2 处问题，未发布" in result.stderr
    assert snapshot(published) == before and leftovers(published.parent) == []


def test_content_errors_stop_before_building(site_project, tmp_path):
    (site_project / "content" / "a.md").write_text(
        page("甲").replace("minutes: 5", "minutes: 五"), encoding="utf-8"
    )
    dest = tmp_path / "dest"
    result = academy(site_project, "publish", str(dest))
    assert result.returncode == 1 and "content/a.md:4: minutes" in result.stdout
    assert not dest.exists()


def test_refusals(site_project, tmp_path):
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    assert academy(site_project, "publish", str(file)).returncode == 2
    nothing = academy(site_project, "publish", str(tmp_path / "never"), "--rollback")
    assert nothing.returncode == 2 and "没有可以恢复的上一版本" in nothing.stderr
    inside = academy(site_project, "publish", str(site_project / "content" / "site"))
    assert inside.returncode == 2 and "content" in inside.stderr
    # A hand-made folder where the previous version would go is never deleted.
    dest = tmp_path / "www2" / "site"
    (dest.parent / ".site.previous").mkdir(parents=True)
    (dest.parent / ".site.previous" / "important.txt").write_text("keep", encoding="utf-8")
    unmarked = academy(site_project, "publish", str(dest))
    assert unmarked.returncode == 2 and "不是本命令发布的站点" in unmarked.stderr
    assert (dest.parent / ".site.previous" / "important.txt").read_text(encoding="utf-8") == "keep"
    assert not dest.exists()
    for result in (nothing, inside, unmarked):
        assert "Traceback" not in result.stderr
