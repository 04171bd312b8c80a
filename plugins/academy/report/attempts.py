"""Read exported result files into compact, re-scored attempts; never abort on a bad file."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from academy.core.model import Model
from academy.core.problems import Problem
from academy.core.quizzes import Quiz
from academy.scoring.result_files import Rescored, RescoredProfile, rescore_any

PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves
CHUNK = 250
MAX_TIME_LENGTH = 40  # characters of an ISO 8601 time, with room for fractions and zone

VERIFIED, ALTERED, GRADED = "verified", "altered", "graded"
STATUS_TEXT = {
    VERIFIED: "一致",
    ALTERED: "得分被改动（已按题库重新评分）",
    GRADED: "文件未含得分（已按题库评分）",
}


@dataclass
class Attempt:
    file: str
    name: str  # as the trainee typed it ('' when left empty)
    role: str | None
    quiz: str
    version: int
    submitted: datetime
    status: str
    earned: float
    possible: float
    share: float | None
    overall: str | None
    items: dict[str, float]  # knowledge question id -> points earned
    answers: dict[str, Any]  # raw responses, restricted to the quiz's question ids
    first: bool = False
    # A learning record's actor: given by an LMS's launch it decides who made the
    # attempt (two trainees may share a name); anonymous, it tells unnamed attempts apart.
    who: str = ""
    who_decides: bool = False

    @property
    def person(self) -> str:
        """Who made the attempt: the LMS's actor, the name, an anonymous actor or the file."""
        if self.who and self.who_decides:
            return self.who
        if self.name:
            return f"name:{self.name}"
        return self.who or f"file:{self.file}"


@dataclass
class Collected:
    attempts: list[Attempt] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)


def result_files(inputs: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Every .json file named or inside a named folder (symlinked folders are not followed);
    the second list holds inputs that do not exist."""
    found: dict[Path, None] = {}
    missing = []
    for given in inputs:
        if given.is_dir():
            for folder, subfolders, names in os.walk(given):
                subfolders.sort()
                for name in sorted(names):
                    if name.lower().endswith(".json"):
                        found.setdefault(Path(folder) / name)
        elif given.exists():
            found.setdefault(given)
        else:
            missing.append(given)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), missing


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > MAX_TIME_LENGTH:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_attempts(
    path: Path, shown: str, quizzes: dict[str, Quiz], model: Model
) -> list[Attempt] | Problem:
    """The attempts in a result or response file (one) or a profile file (each it counts)."""
    outcome = rescore_any(path, shown, quizzes, model)
    if isinstance(outcome, Problem):
        return outcome
    data = json.loads(path.read_text(encoding="utf-8-sig"))  # parsed once already: known to be good
    if isinstance(outcome, RescoredProfile):
        altered = not outcome.matches
        found = []
        for entry, rescored in zip(data["attempts"], outcome.attempts, strict=True):
            attempt = attempt_of(shown, entry, rescored, ALTERED if altered else VERIFIED)
            if isinstance(attempt, Problem):
                return attempt
            found.append(attempt)
        return found
    attempt = attempt_of(shown, data, outcome, status_of(outcome))
    return attempt if isinstance(attempt, Problem) else [attempt]


def status_of(outcome: Rescored) -> str:
    if outcome.claimed is None:
        return GRADED
    # By value: a browser writes 1 where Python computes 1.0 (Rescored.matches
    # compares JSON text and would call every such export altered).
    return VERIFIED if outcome.claimed == outcome.score else ALTERED


def attempt_of(
    shown: str, data: dict[str, Any], outcome: Rescored, status: str
) -> Attempt | Problem:
    submitted = parse_time(data.get("submitted"))
    if submitted is None:
        return Problem(
            shown,
            1,
            0,
            "结果文件缺少提交时间 submitted，或时间格式无法识别",
            "请使用学员在测验页面导出的原始文件。",
        )
    quiz = outcome.quiz
    ids = {q.id for q in quiz.questions}
    score = outcome.score
    items = {
        qid: float(value["earned"])
        for qid, value in score["questions"].items()
        if "earned" in value
    }
    knowledge = score["knowledge"]
    return Attempt(
        file=shown,
        name=" ".join(outcome.trainee.split()),
        role=outcome.role,
        quiz=quiz.id,
        version=quiz.version,
        submitted=submitted,
        status=status,
        earned=float(knowledge["earned"]),
        possible=float(knowledge["possible"]),
        share=knowledge["share"],
        overall=score["overall"],
        items=items,
        answers={key: value for key, value in outcome.answers.items() if key in ids},
    )


_WORKER: tuple[dict[str, Quiz], Model] | None = None


def _start_worker(quizzes: dict[str, Quiz], model: Model) -> None:
    # The pool's initializer: it sets the banks once per worker process, not per chunk.
    global _WORKER  # noqa: PLW0603
    _WORKER = (quizzes, model)


def _read_chunk(chunk: list[tuple[str, str]]) -> list[list[Attempt] | Problem]:
    assert _WORKER is not None
    quizzes, model = _WORKER
    return [_safe_read(Path(path), shown, quizzes, model) for path, shown in chunk]


def _safe_read(
    path: Path, shown: str, quizzes: dict[str, Quiz], model: Model
) -> list[Attempt] | Problem:
    try:
        return read_attempts(path, shown, quizzes, model)
    except (RecursionError, MemoryError):
        return Problem(shown, 1, 0, "文件结构过深或过大，无法处理")
    except Exception as error:  # a hostile file must never stop the report
        return Problem(
            shown,
            1,
            0,
            f"无法处理此文件（{type(error).__name__}）",
            "请使用学员在测验页面导出的原始文件。",
        )


def collect(
    files: Iterable[tuple[Path, str]],
    quizzes: dict[str, Quiz],
    model: Model,
    advance: Callable[[int], None] = lambda count: None,
    workers: int | None = None,
) -> Collected:
    """Re-score every (file, shown path); marks each trainee's first attempt per quiz."""
    jobs = [(str(path), shown) for path, shown in files]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    outcomes: list[list[Attempt] | Problem] = []
    if workers > 1 and len(jobs) >= PARALLEL_FROM:
        chunks = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
        with ProcessPoolExecutor(
            workers, initializer=_start_worker, initargs=(quizzes, model)
        ) as pool:
            for done in pool.map(_read_chunk, chunks):
                outcomes.extend(done)
                advance(len(done))
    else:
        for path, shown in jobs:
            outcomes.append(_safe_read(Path(path), shown, quizzes, model))
            advance(1)
    return gathered(outcomes)


def gathered(outcomes: Iterable[list[Attempt] | Problem]) -> Collected:
    """The attempts in the order they were submitted (whatever order the files or records
    came in), each trainee's first per quiz marked, and the problems."""
    found = Collected()
    for outcome in outcomes:
        if isinstance(outcome, Problem):
            found.rejected.append(outcome)
        else:
            found.attempts.extend(outcome)
    found.attempts.sort(key=lambda a: (a.submitted, a.person, a.quiz, a.file))
    mark_first_attempts(found.attempts)
    return found


def mark_first_attempts(attempts: list[Attempt]) -> None:
    """The earliest `submitted` per (trainee, quiz); of two at the same moment, the file
    named first."""
    first: dict[tuple[str, str], Attempt] = {}
    for attempt in attempts:
        key = (attempt.person, attempt.quiz)
        if key not in first or attempt.submitted < first[key].submitted:
            first[key] = attempt
    for attempt in first.values():
        attempt.first = True
