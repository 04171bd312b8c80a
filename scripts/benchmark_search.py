"""Benchmark the Whoosh search index: full build, incremental update after one
page changes, and query latency (p50/p95), on the shipped content and on a
synthetic corpus of 2,000 pages. Prints figures; asserts nothing.

    .venv/bin/python scripts/benchmark_search.py [--pages 2000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from academy.cli.settings import read_settings
from academy.core.front_matter import split_front_matter
from academy.core.search_terms import load_terms
from academy.search.analyzer import Segmenter
from academy.search.corpus import SitePages, read_sections
from academy.search.whoosh_index import WhooshIndex

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "queries.yml"


def titles_of(docs: Path) -> dict[str, str]:
    titles = {}
    for file in sorted(docs.rglob("*.md")):
        front, _ = split_front_matter(file.read_text(encoding="utf-8-sig"), file.name)
        title = next(
            (line[6:].strip() for line in (front or "").splitlines() if line.startswith("title:")),
            file.stem,
        )
        titles[file.relative_to(docs).as_posix()] = title
    return titles


def synthetic(docs: Path, target: Path, count: int, seed: int = 6) -> None:
    """`count` pages mixing the shipped pages' sections, each with front matter and headings."""
    random.seed(seed)
    sections: list[str] = []
    for file in sorted(docs.rglob("*.md")):
        _, body = split_front_matter(file.read_text(encoding="utf-8-sig"), file.name)
        sections += [part for part in body.split("\n## ")[1:] if len(part) > 200]
    for number in range(count):
        parts = random.sample(sections, 4)
        body = "\n".join(
            f"## {part.split(chr(10), 1)[0].split('{')[0].strip()} {{#s{number}-{i}}}\n"
            f"{part.split(chr(10), 1)[1]}"
            for i, part in enumerate(parts)
        )
        page = target / f"group{number // 100:02d}" / f"page{number:04d}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"---\ntitle: 合成页面 {number}\n---\n\n# 合成页面 {number}\n\n{body}", encoding="utf-8"
        )


def run(label: str, docs: Path, queries: list[str], settings) -> None:
    terms = load_terms(ROOT / "search")
    segmenter = Segmenter.for_terms(terms)
    titles = titles_of(docs)
    pages = SitePages(titles, settings.extensions, settings.extension_configs)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "index"
        start = time.perf_counter()
        index = WhooshIndex(folder, segmenter)
        index.update(read_sections(docs, pages, terms.fingerprint))
        full = time.perf_counter() - start

        changed = docs / sorted(titles)[len(titles) // 2]
        changed.write_text(
            changed.read_text(encoding="utf-8") + "\n\n新增的一段：夜间值班交接注意事项。\n",
            encoding="utf-8",
        )
        start = time.perf_counter()
        index = WhooshIndex(folder, segmenter)
        stats = index.update(read_sections(docs, pages, terms.fingerprint, index.digests()))
        incremental = time.perf_counter() - start
        assert stats.added == [changed.relative_to(docs).as_posix()], stats

        latencies = []
        for _ in range(3):
            for query in queries:
                start = time.perf_counter()
                index.search(query, limit=10)
                latencies.append((time.perf_counter() - start) * 1000)
        latencies.sort()
        sample = sorted(titles)[:: max(1, len(titles) // 50)]
        start = time.perf_counter()
        for page in sample:
            index.related(index.page_text(page), limit=4, exclude={page})
        related_ms = (time.perf_counter() - start) * 1000 / len(sample)
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(
            f"{label:28} pages={len(titles):5}  full index {full:7.2f} s  "
            f"one page changed {incremental:6.2f} s  "
            f"query p50 {statistics.median(latencies):6.1f} ms  p95 {p95:6.1f} ms  "
            f"related reading {related_ms:6.1f} ms/page"
        )


def main() -> None:
    import yaml

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="size of the synthetic corpus")
    args = parser.parse_args()
    settings = read_settings(ROOT / "mkdocs.yml")
    assert settings is not None
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    queries = [q["query"] for items in data.values() for q in items]
    with tempfile.TemporaryDirectory() as temp:
        shipped = Path(temp) / "shipped"
        shutil.copytree(settings.docs_dir, shipped)
        run("shipped content", shipped, queries, settings)
        corpus = Path(temp) / "synthetic"
        synthetic(settings.docs_dir, corpus, args.pages)
        run(f"synthetic {args.pages} pages", corpus, queries, settings)


if __name__ == "__main__":
    main()
