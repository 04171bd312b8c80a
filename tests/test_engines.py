"""The site builds on ProperDocs, the maintained fork of MkDocs 1.x, as it does on
MkDocs: the same pages, the same HTML but for the generator tag, the same search, and
its log in Chinese."""

from __future__ import annotations

import os
import re
import subprocess

from support.site import BIN, ROOT

GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(built_site, site_port, tmp_path):
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{site_port}/")
    result = subprocess.run(
        [str(BIN / "properdocs"), "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "站点构建完成" in result.stderr  # its log in Chinese, as MkDocs'

    def pages(root):
        return sorted(
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.suffix in (".html", ".json", ".js")
        )

    assert pages(site) == pages(built_site.site)
    different = [
        name
        for name in pages(site)
        if GENERATOR.sub("", (site / name).read_text(encoding="utf-8"))
        != GENERATOR.sub("", (built_site.site / name).read_text(encoding="utf-8"))
    ]
    assert different == []
