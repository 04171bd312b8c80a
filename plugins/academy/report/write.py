"""Run the whole report: read, analyse, write HTML and CSV into the output folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from academy.core.atomic import atomic_write
from academy.core.course import Course
from academy.core.model import Model
from academy.core.problems import Problem
from academy.core.quizzes import Quiz

from .attempts import ALTERED, Attempt, Collected, collect
from .cohort import Cohort, build_cohort
from .page import render
from .tables import write_tables

REPORT = "report.html"


@dataclass
class Written:
    files: list[Path]
    attempts: list[Attempt]
    rejected: list[Problem]
    cohort: Cohort

    @property
    def altered(self) -> list[Attempt]:
        return [a for a in self.attempts if a.status == ALTERED]


def write_report(
    files: list[Path],
    out: Path,
    quizzes: dict[str, Quiz],
    model: Model,
    course: Course | None,
    workers: int | None = None,
    now: datetime | None = None,
    advance: Callable[[int], None] = lambda count: None,
) -> Written:
    """`advance(n)` is called as result files are read (the command's progress bar)."""
    collected = collect(((f, str(f)) for f in files), quizzes, model, advance, workers)
    return write_collected(collected, out, quizzes, model, course, now)


def write_collected(
    collected: Collected,
    out: Path,
    quizzes: dict[str, Quiz],
    model: Model,
    course: Course | None,
    now: datetime | None = None,
) -> Written:
    """The report of attempts already read, from files or from a Learning Record Store."""
    cohort = build_cohort(collected.attempts, quizzes, model, course)
    out.mkdir(parents=True, exist_ok=True)
    html = render(cohort, collected.attempts, collected.rejected, now or datetime.now())
    report = out / REPORT
    _write_text(report, html)
    tables = write_tables(out, cohort, collected.attempts, collected.rejected)
    return Written([report, *tables], collected.attempts, collected.rejected, cohort)


def _write_text(path: Path, text: str) -> None:
    with atomic_write(path) as stream:
        stream.write(text)
