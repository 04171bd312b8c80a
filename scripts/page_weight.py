"""What the academy plugin adds to the pages a trainee downloads.

    .venv/bin/python scripts/page_weight.py               # builds the site into a temp folder
    .venv/bin/python scripts/page_weight.py --site site/  # or measures an existing build

1. Site-wide: the plugin's scripts and stylesheets that every page loads
   (gzip -9 sizes, loaded once and cached). Budget: 15 KB in total.
2. On demand: the parts loaded only by pages that need them (quizzes,
   dashboard, learning log, diagrams), for reference.
3. Markup: a synthetic course built with plain mkdocs-material and with the
   plugin; a page in no learning path and with no quiz must come out with the
   same article as the plain build, apart from the related-reading list
   (相关阅读, which trainers turn off with `related_reading: 0`).

Exits 1 when the budget is exceeded or the page carries markup of ours.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark_build import source, write_course  # noqa: E402

BUDGET = 15 * 1024
OURS = re.compile(
    r'<(?:script src|link rel="stylesheet" href)="([^"]*assets/(?:academy|vendor)/[^"]+)"'
)
ON_DEMAND = {
    "quiz pages": [
        "academy/scoring.js",
        "academy/retake.js",
        "academy/charts.js",
        "academy/spcm-profile.js",
        "academy/spcm-view.js",
        "academy/quiz-result.js",
        "academy/quiz-export.js",
        "academy/quiz-questions.js",
        "academy/quiz.js",
        "academy/quiz.css",
        "academy/spcm.css",
    ],
    "the dashboard": [
        "academy/scoring.js",
        "academy/retake.js",
        "academy/charts.js",
        "academy/spcm-profile.js",
        "academy/spcm-view.js",
        "academy/dashboard.js",
        "academy/spcm.css",
    ],
    "the learning log": ["academy/log.js"],
    "pages with diagrams": ["vendor/mermaid/mermaid.min.js", "academy/diagrams.js"],
}
ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
RELATED = re.compile(r'<aside class="academy-related".*?</aside>', re.S)


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def build(project: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", str(site)],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )


def site_wide(site: Path) -> tuple[int, list[tuple[str, int]]]:
    """The plugin's files every page loads, with their gzip sizes (from the home page)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    files = []
    for href in dict.fromkeys(OURS.findall(html)):
        path = (site / href).resolve()
        files.append((path.relative_to(site.resolve()).as_posix(), gzipped(path)))
    return sum(size for _, size in files), files


def markup_check(folder: Path) -> tuple[bool, int]:
    """(same article as plain mkdocs-material, bytes of related reading) for a page in no
    path and with no quiz."""
    articles = {}
    for name, plugin in (("plain", False), ("ours", True)):
        project = folder / name
        write_course(project, 60, 25, plugin, plugin)
        build(project, project / "site")
        html = (project / "site" / source(1).replace(".md", ".html")).read_text(encoding="utf-8")
        articles[name] = ARTICLE.search(html).group(1)
    related = RELATED.search(articles["ours"])
    ours = RELATED.sub("", articles["ours"])
    same = ours.strip() == articles["plain"].strip()
    return same, len(related.group(0).encode()) if related else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site", type=Path, help="an existing build of the site (default: build one)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            build(ROOT, site)
        total, files = site_wide(site)
        print("site-wide (every page, gzip -9):")
        for name, size in files:
            print(f"  {size:6} B  {name}")
        verdict = "ok" if total <= BUDGET else "OVER BUDGET"
        print(f"  {total:6} B  total, budget {BUDGET} B (15 KB): {verdict}")
        print("on demand (only pages that need them):")
        for where, names in ON_DEMAND.items():
            sizes = [
                gzipped(site / "assets" / name)
                for name in names
                if (site / "assets" / name).is_file()
            ]
            print(f"  {sum(sizes):7} B  {where}: {', '.join(names)}")
        same, related = markup_check(Path(temp))
        print(
            f"markup on a page in no path and with no quiz: {'none' if same else 'FOUND'}"
            f" (besides {related} B of related reading)"
        )
    return 0 if total <= BUDGET and same else 1


if __name__ == "__main__":
    sys.exit(main())
