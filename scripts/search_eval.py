"""Measure Chinese search on the query set: recall@5, MRR and hit@1 per engine.

    .venv/bin/python scripts/search_eval.py                 # Whoosh + site box over http and file://
    .venv/bin/python scripts/search_eval.py --engine whoosh
    .venv/bin/python scripts/search_eval.py --site site/    # use an existing build

A query is found at rank r when one of its right pages is the r-th distinct page
in the result list (sections of the same page count once). recall@5 is the share
of queries found within the first five pages, MRR the mean of 1/r (0 when not
found), hit@1 the share found first. The site box is Material's search in
Debian's Chromium: the query is typed into the search box as a reader does.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "queries.yml"
CHROMIUM = Path("/usr/bin/chromium")
ENGINES = ("whoosh", "http", "file")
# A term's glossary entry heads the site box's results by design and links to the
# section that teaches it; the evaluation ranks the teaching pages behind it.
GLOSSARY = "glossary.md"


@dataclass(frozen=True)
class Query:
    text: str
    pages: tuple[str, ...]


@dataclass
class Metrics:
    n: int = 0
    recall5: float = 0.0
    mrr: float = 0.0
    hit1: float = 0.0
    empty: int = 0
    misses: list[tuple[str, int | None, list[str]]] = field(default_factory=list)


def load_queries(path: Path = QUERIES) -> dict[str, list[Query]]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        name: [Query(str(q["query"]), tuple(q["pages"])) for q in items]
        for name, items in data.items()
    }


def measure(queries: list[Query], rankings: dict[str, list[str]]) -> Metrics:
    """Metrics for `rankings` (query → distinct docs-relative pages, best first)."""
    metrics = Metrics(n=len(queries))
    for query in queries:
        pages = rankings.get(query.text, [])
        rank = next((index for index, page in enumerate(pages, 1) if page in query.pages), None)
        metrics.empty += not pages
        metrics.recall5 += bool(rank and rank <= 5)
        metrics.mrr += 1 / rank if rank else 0.0
        metrics.hit1 += rank == 1
        if rank != 1:
            metrics.misses.append((query.text, rank, pages[:5]))
    if queries:
        metrics.recall5 /= len(queries)
        metrics.mrr /= len(queries)
        metrics.hit1 /= len(queries)
    return metrics


def distinct(pages: list[str]) -> list[str]:
    return list(dict.fromkeys(pages))


# -- engines ------------------------------------------------------------------


def _whoosh_index(config_file: Path) -> Any:
    """`academy search`'s index of the project's pages, in memory."""
    from academy.cli.settings import load_project, read_settings
    from academy.cli.site_pages import site_pages
    from academy.search.service import SearchSettings, open_index, refresh

    settings = read_settings(config_file)
    assert settings is not None
    project = load_project(settings, anchors=False)
    assert project.course is not None, project.problems
    index = open_index(SearchSettings.for_project(settings.base), in_memory=True)
    refresh(index, settings.docs_dir, site_pages(project.course, settings))
    return index


def whoosh_rankings(
    texts: list[str], config_file: Path = ROOT / "mkdocs.yml"
) -> dict[str, list[str]]:
    """`academy search` over an in-memory index of the project's pages."""
    index = _whoosh_index(config_file)
    return {
        text: distinct([hit.page for hit in index.search(text, limit=30) if hit.page != GLOSSARY])
        for text in texts
    }


def whoosh_pages(config_file: Path = ROOT / "mkdocs.yml") -> set[str]:
    """The pages `academy search` searches."""
    return set(_whoosh_index(config_file).digests())


def page_of(href: str, root: str) -> str:
    """docs-relative Markdown path of a result link."""
    path = unquote(urlsplit(href).path)
    base = unquote(urlsplit(root).path)
    relative = path[len(base) :] if path.startswith(base) else path.lstrip("/")
    return relative[: -len(".html")] + ".md" if relative.endswith(".html") else relative


_RESULTS = """() => [
  document.querySelector('.md-search-result__meta')?.textContent || '',
  [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href)
]"""


def box_search(
    tab, query: str, poll_ms: int = 40, stable: int = 2, timeout_ms: int = 4000
) -> list[str]:
    """Type `query` into Material's search box; the result links once they settle."""
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    box.fill(query)
    box.press("End")  # Material searches on key events, not on fill
    previous, same, waited = None, 0, 0
    while waited < timeout_ms:
        tab.wait_for_timeout(poll_ms)
        waited += poll_ms
        current = tab.evaluate(_RESULTS)
        same = same + 1 if current == previous else 0
        previous = current
        if same >= stable and (current[1] or waited > 400):
            break
    return previous[1] if previous else []


def browser_rankings(browser, root: str, texts: list[str]) -> dict[str, list[str]]:
    """Rankings from the site's search box at `root` (http://… or file://…/)."""
    tab = browser.new_page()
    tab.goto(root + "index.html")
    tab.wait_for_load_state("networkidle")
    rankings = {}
    for text in texts:
        pages = [page_of(href, root) for href in box_search(tab, text)]
        rankings[text] = distinct([page for page in pages if page != GLOSSARY])
    tab.close()
    return rankings


# -- command line -------------------------------------------------------------


def _build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def _serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def report(name: str, engine: str, metrics: Metrics, verbose: bool) -> None:
    print(
        f"{engine:8} {name:11} n={metrics.n:3}  recall@5={metrics.recall5:.2f}  "
        f"MRR={metrics.mrr:.2f}  "
        f"hit@1={metrics.hit1:.2f}  empty={metrics.empty}"
    )
    if verbose:
        for text, rank, pages in metrics.misses:
            print(f"    {text}  rank={rank}  {pages}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--engine",
        action="append",
        choices=ENGINES,
        help="engine to measure (repeatable; default all)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        help="an existing build of the site (default: build into a temp folder)",
    )
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list the queries not found first"
    )
    args = parser.parse_args(argv)
    engines = args.engine or list(ENGINES)
    sets = load_queries(args.queries)
    texts = [q.text for items in sets.values() for q in items]
    results: dict[str, dict[str, list[str]]] = {}
    if "whoosh" in engines:
        results["whoosh"] = whoosh_rankings(texts)
    browsers = [engine for engine in engines if engine != "whoosh"]
    if browsers:
        if not CHROMIUM.exists():
            print(
                "需要 /usr/bin/chromium 才能测量站内搜索框（apt-get install chromium）。",
                file=sys.stderr,
            )
            return 2
        from playwright.sync_api import sync_playwright

        with tempfile.TemporaryDirectory() as temp:
            site = args.site or Path(temp) / "site"
            if args.site is None:
                _build(site)
            root, server = _serve(site)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=["--no-sandbox"]
                )
                for engine in browsers:
                    base = root if engine == "http" else site.resolve().as_uri() + "/"
                    results[engine] = browser_rankings(browser, base, texts)
                browser.close()
            server.shutdown()
    for engine, rankings in results.items():
        for name, queries in sets.items():
            report(name, engine, measure(queries, rankings), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
