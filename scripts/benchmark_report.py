"""Benchmark `academy report` over many exported result files.

    .venv/bin/python scripts/benchmark_report.py [--files 10000] [--keep DIR]
    .venv/bin/python scripts/benchmark_report.py --records [--files 10000]

Writes synthetic result files for the shipped quizzes (trainees of every role,
with retakes, answers driven by a per-trainee ability so that the item
analysis has something to find, and a few broken files), then runs
`academy report` on them as a trainer would and prints the wall time and the
peak memory (largest resident set of the command and its worker processes).
Target: under 10 s for 10,000 files on a 2-core machine.

--records compares the two sources of `academy report` on the same attempts, in
this process: reading the files (one process) against taking the same attempts
from learning records, as `academy report --lrs` receives them from an LRS
(the network is left out), and prints the ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from academy.cli.settings import load_project, read_settings  # noqa: E402
from academy.scoring.ladder import score_attempt  # noqa: E402
from academy.scoring.spec import scoring_spec  # noqa: E402


def response(question, ability: float, rng: random.Random):
    if question.type == "rating":
        return [min(4, max(1, round(1 + 3 * ability + rng.gauss(0, 0.7)))) for _ in range(3)]
    right = rng.random() < ability
    if question.type == "single":
        return question.answer[0] if right else rng.randrange(len(question.options))
    if question.type == "multiple":
        return list(question.answer) if right else rng.sample(range(len(question.options)), 2)
    if question.type == "truefalse":
        return question.truth if right else not question.truth
    order = list(question.answer)
    if not right:
        rng.shuffle(order)
    return order


def generate(folder: Path, count: int, seed: int = 7) -> None:
    project = load_project(read_settings(ROOT / "mkdocs.yml"), anchors=False)
    model, quizzes = project.model, list(project.course.quizzes.values())
    specs = {quiz.id: scoring_spec(quiz, model) for quiz in quizzes}
    rng = random.Random(seed)
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    written = trainee = 0
    while written < count:
        trainee += 1
        role = rng.choice(model.roles)
        ability = min(0.97, max(0.05, rng.gauss(0.65, 0.18)))
        for quiz in rng.sample(quizzes, rng.randint(2, len(quizzes))):
            for attempt in range(1 if rng.random() < 0.8 else 2):
                if written >= count:
                    return
                answers = {
                    q.id: response(q, min(0.99, ability + 0.1 * attempt), rng)
                    for q in quiz.questions
                }
                submitted = start + timedelta(
                    days=rng.randint(0, 20), minutes=rng.randint(0, 600) + attempt * 900
                )
                data = {
                    "format": "academy-result",
                    "schema": 1,
                    "site": "bench",
                    "quiz": {"id": quiz.id, "version": quiz.version},
                    "trainee": {"name": f"学员{trainee:05d}"},
                    "role": role.id,
                    "started": (submitted - timedelta(minutes=12)).isoformat(),
                    "submitted": submitted.isoformat(),
                    "answers": answers,
                    "score": score_attempt(specs[quiz.id], answers, role.target),
                }
                text = json.dumps(data, ensure_ascii=False)
                if written % 1000 == 999:
                    text = text[: len(text) // 2]  # a truncated download
                (folder / f"{trainee:05d}-{quiz.id}-{attempt + 1}.json").write_text(
                    text, encoding="utf-8"
                )
                written += 1


def compare_records(results: Path) -> None:
    """Re-scoring the attempts from the files against from learning records."""
    from academy.core.xapi import VERB_COMPLETED, attempt_extension, quiz_activity
    from academy.report.attempts import collect
    from academy.report.lrs import collect_statements

    project = load_project(read_settings(ROOT / "mkdocs.yml"), anchors=False)
    quizzes, model = project.course.quizzes, project.model
    base = "http://academy.example.com/"
    files = sorted(results.iterdir())
    statements = []
    for number, path in enumerate(files):
        try:
            attempt = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue  # the truncated downloads: an LRS never stores those
        statements.append(
            {
                "id": f"00000000-0000-4000-8000-{number:012d}",
                "actor": {"mbox": f"mailto:{attempt['trainee']['name']}@example.com"},
                "verb": {"id": VERB_COMPLETED},
                "object": {"id": quiz_activity(base, attempt["quiz"]["id"])},
                "result": {"extensions": {attempt_extension(base): attempt}},
            }
        )
    began = time.perf_counter()
    from_files = collect(((path, str(path)) for path in files), quizzes, model, workers=1)
    files_seconds = time.perf_counter() - began
    began = time.perf_counter()
    from_records, _ = collect_statements(iter(statements), base, quizzes, model)
    records_seconds = time.perf_counter() - began
    print(
        f"files: {len(from_files.attempts)} attempts in {files_seconds:.2f} s; "
        f"records: {len(from_records.attempts)} attempts in {records_seconds:.2f} s; "
        f"records/files {records_seconds / files_seconds:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument(
        "--keep", type=Path, help="write the files and the report here and keep them"
    )
    parser.add_argument(
        "--records", action="store_true", help="files against learning records, in process"
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="academy-bench-"))
    results, out = work / "results", work / "report"
    results.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    generate(results, args.files)
    print(f"generated {args.files} result files in {time.perf_counter() - began:.1f} s")
    if args.records:
        compare_records(results)
        if not args.keep:
            shutil.rmtree(work)
        return 0
    academy = Path(sys.executable).parent / "academy"
    began = time.perf_counter()
    run = subprocess.run(
        [str(academy), "report", str(results), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,  # exit 1 (findings) is expected: the files include broken ones
    )
    elapsed = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = [line for line in run.stdout.splitlines() if line.startswith("已评分")]
    print(summary[0] if summary else run.stdout[-2000:] + run.stderr[-2000:])
    print(f"academy report: {elapsed:.2f} s, peak memory {peak:.0f} MB (exit {run.returncode})")
    html = out / "report.html"
    if html.exists():
        print(f"report.html: {html.stat().st_size / 1024:.0f} KB")
    if not args.keep:
        shutil.rmtree(work)
    return 0 if run.returncode in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
