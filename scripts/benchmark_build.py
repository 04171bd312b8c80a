"""Build-time benchmark: our plugin against a plain mkdocs-material build of the same pages.

    python scripts/benchmark_build.py [--pages 200 --questions 250] [--repeat 7] [--variants]
    python scripts/benchmark_build.py --sizes 100,1000,5000 [--repeat 1] [--one-process]

Generates a synthetic course (pages with front matter and headings, learning
paths, quiz banks of 25 questions, the shipped search vocabulary) in a temporary
folder, its text new paragraphs in the shipped course's words (see Writer), and
builds it two ways, alternately, `--repeat` times:

  plain      mkdocs-material with search and offline, no academy plugin; each quiz
             bank's questions are a Markdown page, so both builds have the same pages
  ours       with the academy plugin, its paths and its quiz banks

and prints the median of the paired ratios ours/plain, in wall time and in CPU time
(both processes: on a machine with two cores the plugin's search work runs in a
second process, search/work.py), with their ranges and the peak memory of each.
The default size is the costly case: 200 pages with 250 questions. With --sizes
it prints one line per course size (a quarter as many questions as pages), to show
that the cost stays linear. --variants also builds the plugin without quiz banks
and prints the cost of the quiz feature alone.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import itertools
import json
import logging
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIMENSIONS = ["价值观", "智商", "情商", "岗位认知", "职业素质", "岗位技能", "行业知识", "SOC专业"]
LEVELS = ["soc-ops", "soc-m1", "soc-m2", "soc-m3"]
# A large catalogue comes in parts. Material writes the whole navigation into
# every page unless it is pruned, which makes both builds quadratic in the page
# count; the synthetic course is pruned like a large real one should be.
PART = 50
PER_BANK = 25  # questions per quiz bank


LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _paragraphs() -> list[str]:
    """Plain paragraphs of the shipped course."""
    found = []
    for source in sorted((ROOT / "content").rglob("*.md")):
        body = source.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for raw in body.split("\n\n"):
            block = raw.strip()
            if len(block) > 40 and not block.startswith(
                ("#", "<", "|", "`", "!", "?", ">", "-", "1.", "[", ":")
            ):
                found.append(LINK.sub(r"\1", block.replace("\n", "")))  # links would point nowhere
    return found


class Writer:
    """New paragraphs in the course's words: each word follows one that it follows in
    the shipped course (a first-order chain over jieba's words), so that every page
    has text of its own, as a real course does. Pages that repeat the shipped
    paragraphs would repeat each run of Chinese characters many times over, and
    flatter anything that caches per run, in both builds."""

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.paragraphs = _paragraphs()
        self.first: list[str] = []
        self.next: dict[str, list[str]] = {}
        for paragraph in self.paragraphs:
            words = jieba.lcut(paragraph)
            self.first.append(words[0])
            for word, after in itertools.pairwise(words):
                self.next.setdefault(word, []).append(after)

    def paragraph(self, seed: int) -> str:
        """As long as one of the course's paragraphs; the same text for the same seed."""
        chance = random.Random(seed)
        length = len(chance.choice(self.paragraphs))
        word = chance.choice(self.first)
        words, size = [word], len(word)
        while size < length:
            following = self.next.get(word)
            word = chance.choice(following) if following else chance.choice(self.first)
            words.append(word)
            size += len(word)
        return "".join(words)


@functools.cache
def _writer() -> Writer:
    return Writer()


# As long as the shipped course's pages: about 3,500 characters in 5–6 sections.
SECTIONS = 6
PARAGRAPHS_PER_SECTION = 7


def page_text(number: int, writer: Writer) -> str:
    def paragraph(k: int) -> str:
        return writer.paragraph(number * 1000 + k)

    sections = "\n\n".join(
        f"## 第 {number} 页第 {s} 节 {{#section-{s}}}\n\n"
        + "\n\n".join(
            paragraph(s * PARAGRAPHS_PER_SECTION + k) for k in range(PARAGRAPHS_PER_SECTION)
        )
        for s in range(1, SECTIONS + 1)
    )
    return (
        f"---\ntitle: 合成页面 {number}\nsummary: 用于基准测试的页面\nminutes: 5\n"
        f"roles: [operator]\nspcm: [{DIMENSIONS[number % 8]}]\n---\n\n"
        f"# 合成页面 {number}\n\n{sections}\n"
    )


def source(number: int) -> str:
    return f"part-{number // PART}/page-{number}.md"


def write_course(
    root: Path,
    pages: int,
    questions: int,
    with_quizzes: bool,
    with_plugin: bool,
    one_process: bool = False,
) -> None:
    writer = _writer()
    content = root / "content"
    content.mkdir(parents=True)
    (root / "quizzes").mkdir()
    shutil.copyfile(ROOT / "quizzes" / "spcm.yml", root / "quizzes" / "spcm.yml")
    # The shipped search vocabulary: synonyms and dictionary words cost the plugin work per section.
    shutil.copytree(ROOT / "search", root / "search")
    for number in range(pages):
        (content / source(number)).parent.mkdir(exist_ok=True)
        (content / source(number)).write_text(page_text(number, writer), encoding="utf-8")
    nav = [
        f"第 {part + 1} 部分: "
        f"[{', '.join(source(n) for n in range(part * PART, min(pages, (part + 1) * PART)))}]"
        for part in range((pages + PART - 1) // PART)
    ]
    # The learning log and the path are pages of the course in both builds;
    # without the plugin they are plain pages.
    (content / "log").mkdir()
    (content / "log" / "index.md").write_text(
        page_text(pages, writer).replace("# 合成", "<!-- academy:learning-log -->\n\n# 合成"),
        encoding="utf-8",
    )
    nav.append("log/index.md")
    (content / "paths").mkdir()
    steps = "".join(f"        - page: {source(n)}\n" for n in range(0, pages, max(1, pages // 20)))
    if with_quizzes:
        steps += "        - quiz: bank-0\n"
    (content / "paths" / "operator.md").write_text(
        page_text(pages + 1, writer).replace(
            "---\n\n#",
            f"path:\n  modules:\n    - id: all\n      title: 全部\n      steps:\n{steps}---\n\n#",
            1,
        ),
        encoding="utf-8",
    )
    nav.append("paths/operator.md")
    if not with_quizzes:
        # The same pages in every build: where ours has a quiz page, the others have
        # its questions as a Markdown page.
        (content / "quiz-text").mkdir()
        for bank in range(max(1, questions // PER_BANK)):
            items = "".join(
                f"{q + 1}. 第 {q} 题的**题干**\n\n    - 甲\n    - 乙\n    - 丙\n    - 丁\n\n"
                f"    解析 {q}\n\n"
                for q in range(PER_BANK)
            )
            (content / "quiz-text" / f"bank-{bank}.md").write_text(
                f"---\ntitle: 题库 {bank}\n---\n\n# 题库 {bank}\n\n{items}", encoding="utf-8"
            )
            nav.append(f"quiz-text/bank-{bank}.md")
    if with_quizzes:
        per_bank = PER_BANK
        for bank in range(max(1, questions // per_bank)):
            items = []
            for q in range(per_bank):
                target = (bank * per_bank + q) % pages
                items.append(
                    f"  - id: q{q}\n    type: single\n    dimension: {DIMENSIONS[q % 8]}\n"
                    f"    level: {LEVELS[q % 2]}\n"
                    f"    prompt: 第 {q} 题的**题干**\n    options: [甲, 乙, 丙, 丁]\n"
                    "    answer: B\n"
                    f"    explanation: 解析 {q}\n    refs: [{source(target)}#section-1]\n"
                )
            (root / "quizzes" / f"bank-{bank}.yml").write_text(
                f"id: bank-{bank}\nversion: 1\ntitle: 题库 {bank}\nquestions:\n" + "".join(items),
                encoding="utf-8",
            )
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = (
        config[: config.index("\nnav:")] + "\nnav:\n" + "".join(f"  - {entry}\n" for entry in nav)
    )
    config = config.replace(
        "    - navigation.instant\n", "    - navigation.instant\n    - navigation.prune\n", 1
    )
    # The synthetic questions repeat one pattern: their item-writing findings are
    # listed (and their cost measured) as a trainer's site lists them, as advice.
    config = config.replace("      item_checks: error\n", "      item_checks: warn\n")
    # The synthetic pages do not hold the sections this repository's glossary points to.
    config = config.replace("      glossary: glossary.yml\n", "")
    if one_process:
        config = config.replace("  - academy:\n", "  - academy:\n      search_worker: false\n", 1)
    if not with_plugin:
        start = config.index("  - academy:")
        end = config.index("  - search:")
        config = config[:start] + config[end:]
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


def measure_one(project: Path) -> None:
    """Child process: build once, print seconds and peak memory as JSON."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(project)
    started, cpu_started = time.perf_counter(), time.process_time()
    build(load_config("mkdocs.yml", site_dir=str(project / "site")))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    worker = resource.getrusage(resource.RUSAGE_CHILDREN)  # the plugin's search worker, if it ran
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu + worker.ru_utime + worker.ru_stime,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "worker_mb": worker.ru_maxrss / 1024,
            }
        )
    )


def measure_runs(project: Path, repeat: int) -> list[dict[str, float]]:
    runs = []
    for _ in range(repeat):
        output = subprocess.run(
            [sys.executable, __file__, "--measure", str(project)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    return runs


def measure(project: Path, repeat: int) -> tuple[float, float]:
    runs = measure_runs(project, repeat)
    return statistics.median(r["seconds"] for r in runs), max(r["peak_mb"] for r in runs)


def paired(pages: int, questions: int, repeat: int, one_process: bool) -> str:
    """Plain and ours built alternately `repeat` times, so that a slower stretch of the
    machine hits both: one line with the medians and the ranges of the paired ratios."""
    with tempfile.TemporaryDirectory() as folder:
        plain_project, ours_project = Path(folder) / "plain", Path(folder) / "ours"
        write_course(plain_project, pages, questions, False, False)
        write_course(ours_project, pages, questions, True, True, one_process)
        runs = [
            (measure_runs(plain_project, 1)[0], measure_runs(ours_project, 1)[0])
            for _ in range(repeat)
        ]
    plain, ours = [run for run, _ in runs], [run for _, run in runs]
    walls = [o["seconds"] / p["seconds"] for p, o in runs]
    cpus = [o["cpu"] / p["cpu"] for p, o in runs]
    return (
        f"{pages:5}  {questions:9}  {statistics.median(r['seconds'] for r in plain):7.2f}  "
        f"{statistics.median(r['seconds'] for r in ours):6.2f}  "
        f"{max(r['peak_mb'] for r in plain):8.1f} / "
        f"{max(r['peak_mb'] for r in ours):6.1f} + "
        f"{max(r['worker_mb'] for r in ours):6.1f}  "
        f"{statistics.median(walls):9.3f} ({min(walls):.2f}–{max(walls):.2f})"
        f"  {statistics.median(cpus):9.3f} ({min(cpus):.2f}–{max(cpus):.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--questions", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=7, help="pairs of builds per size")
    parser.add_argument(
        "--variants",
        action="store_true",
        help="also build the plugin without quizzes: the cost of the plugin and of the quizzes",
    )
    parser.add_argument("--sizes", help="comma-separated page counts, e.g. 100,1000,5000")
    parser.add_argument(
        "--one-process",
        action="store_true",
        help=("keep the plugin's search work in the build process (search_worker: false)"),
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure_one(args.measure)
        return
    # Material and MkDocs are installed with their bytecode compiled; the plugin
    # is installed in place and, where PYTHONDONTWRITEBYTECODE is set, would be
    # compiled from source on every build. Compile it once, as an install does.
    compileall.compile_dir(ROOT / "plugins", quiet=1)
    print(
        "pages  questions  plain s  ours s  peak MB plain / ours + worker"
        "  wall ours/plain (range)  cpu ours/plain (range)"
    )
    sizes = [int(size) for size in args.sizes.split(",")] if args.sizes else [args.pages]
    for pages in sizes:
        questions = max(25, pages // 4) if args.sizes else args.questions
        print(paired(pages, questions, args.repeat, args.one_process), flush=True)
    if args.sizes or not args.variants:
        return
    with tempfile.TemporaryDirectory() as folder:
        results = {}
        for name, plugin, quizzes in (
            ("plain", False, False),
            ("academy", True, False),
            ("quizzes", True, True),
        ):
            project = Path(folder) / name
            write_course(project, args.pages, args.questions, quizzes, plugin)
            results[name] = measure(project, args.repeat)
    print(
        f"synthetic course: {args.pages} pages, {args.questions} questions, "
        f"median of {args.repeat} builds"
    )
    for name, (seconds, peak) in results.items():
        print(f"  {name:8} {seconds:7.2f} s   peak {peak:7.1f} MB")
    print(f"  ratio academy/plain   {results['academy'][0] / results['plain'][0]:.3f}")
    print(f"  ratio quizzes/academy {results['quizzes'][0] / results['academy'][0]:.3f}")
    print(f"  ratio quizzes/plain   {results['quizzes'][0] / results['plain'][0]:.3f}")


if __name__ == "__main__":
    main()
