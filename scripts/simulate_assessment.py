"""Simulated trainees through the real question banks and the real scoring.

Each kind of trainee answers every quiz on a role's learning path, 1,000 times
by default, and the script prints the SPCM level their profile reaches:

  blind       guesses every answer and rating at random
  test-wise   never reads: one cue habit per question type (the longest
              option; all but the shortest; "false" when a statement has an
              absolute word; order by the numbers in the items), rates high
  novice      knows the 运营岗位 material (90 % right there, guesses above),
              rates honestly: 基本符合 at 运营岗位, lower above
  over-rater  the novice's knowledge, rates 完全符合 everywhere
  under-rater the novice's knowledge, rates 不符合 everywhere
  expert      knows every level, one slip somewhere, rates 基本/完全符合

    python scripts/simulate_assessment.py [--attempts 1000] [--roles operator,general-manager]

The levels are the ones a trainee sees on 我的学习: a level name, 未达到
(the lowest level was tried and not passed) or 证据不足 (too few questions
answered to decide). tests/test_simulation.py holds the properties.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from academy.core.course import Course, CourseFiles, check_sources, markdown_files  # noqa: E402
from academy.core.item_quality import ABSOLUTES  # noqa: E402
from academy.core.quizzes import Question  # noqa: E402
from academy.render.quiz import scrambled  # noqa: E402
from academy.scoring.profile import score_profile  # noqa: E402
from academy.scoring.spec import scoring_spec  # noqa: E402

KINDS = ("blind", "test-wise", "novice", "over-rater", "under-rater", "expert")
NOVICE_ACCURACY = 0.9
NOT_REACHED, INSUFFICIENT = "未达到", "证据不足"
DIGITS = re.compile(r"\d+")

Answer = Callable[[Question, int], object]  # (question, indicators) -> response


def load_course() -> Course:
    files = CourseFiles(
        markdown_files(ROOT / "content", ROOT),
        ROOT / "quizzes" / "spcm.yml",
        "quizzes/spcm.yml",
        "log/index.md",
        ROOT / "search",
        "search",
    )
    course, problems = check_sources(files)
    if course is None or problems:
        raise SystemExit("the course has problems: run `academy check`")
    return course


def right(question: Question) -> object:
    if question.type == "single":
        return question.answer[0]
    if question.type == "multiple":
        return list(question.answer)
    if question.type == "truefalse":
        return question.truth
    return list(question.answer)  # ordering: item indices in the right order


def guess(question: Question, rng: random.Random) -> object:
    count = len(question.options)
    if question.type == "single":
        return rng.randrange(count)
    if question.type == "multiple":
        return sorted(rng.sample(range(count), rng.randint(1, count)))
    if question.type == "truefalse":
        return rng.random() < 0.5
    order = list(range(count))
    rng.shuffle(order)
    return order


def shown_order(question: Question, quiz_id: str) -> list[int]:
    """The order a quiz page shows an ordering question's items in."""
    return scrambled(len(question.options), f"{quiz_id}/{question.id}")


def cue_habit(question: Question, quiz_id: str, rng: random.Random) -> object:
    lengths = [len(option) for option in question.options]
    if question.type == "single":
        longest = max(lengths)
        return rng.choice([i for i, n in enumerate(lengths) if n == longest])
    if question.type == "multiple":
        shortest = min(lengths)
        dropped = rng.choice([i for i, n in enumerate(lengths) if n == shortest])
        return [i for i in range(len(lengths)) if i != dropped]
    if question.type == "truefalse":
        return ABSOLUTES.search(question.prompt) is None
    order = shown_order(question, quiz_id)
    numbers = [DIGITS.findall(question.options[i]) for i in order]
    if all(numbers):
        return sorted(order, key=lambda i: [int(n) for n in DIGITS.findall(question.options[i])])
    return order


def wrong(question: Question, rng: random.Random) -> object:
    """A guess that is not the key (partly right is allowed)."""
    given = guess(question, rng)
    while given == right(question):
        given = guess(question, rng)
    return given


def knows(
    question: Question, levels: list[str], upto: str, accuracy: float, rng: random.Random
) -> object:
    """Right with `accuracy` at levels up to `upto` (wrong otherwise), a guess above."""
    if levels.index(question.level) > levels.index(upto):
        return guess(question, rng)
    return right(question) if rng.random() < accuracy else wrong(question, rng)


def rating(kind: str, level_index: int, indicators: int, rng: random.Random) -> list[int]:
    if kind == "blind":
        return [rng.randint(1, 4) for _ in range(indicators)]
    if kind in ("test-wise", "over-rater"):
        return [4] * indicators
    if kind == "under-rater":
        return [1] * indicators
    if kind == "expert":
        return [rng.randint(3, 4) for _ in range(indicators)]
    honest = 3 if level_index == 0 else 2 if level_index == 1 else 1  # the novice
    return [max(1, min(4, honest + rng.choice((-1, 0, 0, 1)))) for _ in range(indicators)]


def attempt(
    kind: str, course: Course, banks: list[str], rng: random.Random
) -> dict[str, dict[str, object]]:
    """The answers of one simulated trainee to every bank on their path."""
    levels = list(course.model.level_ids)
    knowledge = [(b, q) for b in banks for q in course.quizzes[b].questions if q.is_knowledge]
    slip = rng.randrange(len(knowledge)) if kind == "expert" else -1
    answers: dict[str, dict[str, object]] = {bank: {} for bank in banks}
    for index, (bank, question) in enumerate(knowledge):
        if kind == "blind":
            given = guess(question, rng)
        elif kind == "test-wise":
            given = cue_habit(question, bank, rng)
        elif kind == "expert":
            given = right(question) if index != slip else wrong(question, rng)
        else:
            given = knows(question, levels, levels[0], NOVICE_ACCURACY, rng)
        answers[bank][question.id] = given
    for bank in banks:
        for question in course.quizzes[bank].questions:
            if question.type == "rating":
                count = len(
                    course.model.statements(question.dimension, question.level, question.role)
                )
                answers[bank][question.id] = rating(kind, levels.index(question.level), count, rng)
    return answers


def path_banks(course: Course, role: str) -> list[str]:
    path = next(p for p in course.paths if p.role == role)
    return [step.target for step in path.steps if step.kind == "quiz"]


def simulate(course: Course, kind: str, role: str, attempts: int, seed: int = 1) -> Counter[str]:
    """How many of `attempts` trainees of `kind` reach each level (or 未达到 / 证据不足)."""
    rng = random.Random(f"{seed}/{kind}/{role}")
    model_role = course.model.role(role)
    assert model_role is not None
    banks = path_banks(course, role)
    specs = {bank: scoring_spec(course.quizzes[bank], course.model) for bank in banks}
    names = {level.id: level.name for level in course.model.levels}
    reached: Counter[str] = Counter()
    for _ in range(attempts):
        score = score_profile(
            specs,
            attempt(kind, course, banks, rng),
            model_role.target,
            model_role.dimensions or None,
        )
        if score["overall"] is not None:
            reached[names[score["overall"]]] += 1
        else:
            reached[NOT_REACHED if score["overall_status"] == "not_reached" else INSUFFICIENT] += 1
    return reached


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--attempts", type=int, default=1000)
    parser.add_argument("--roles", default="operator,general-manager,developer")
    args = parser.parse_args()
    course = load_course()
    columns = [NOT_REACHED, INSUFFICIENT, *(level.name for level in course.model.levels)]
    print(f"| 学员 | 角色（目标） | {' | '.join(columns)} |")
    print("| --- | --- |" + " ---: |" * len(columns))
    for role in args.roles.split(","):
        model_role = course.model.role(role)
        assert model_role is not None, role
        target = next(level.name for level in course.model.levels if level.id == model_role.target)
        for kind in KINDS:
            counts = simulate(course, kind, role, args.attempts)
            cells = [
                f"{100 * counts[c] / args.attempts:.1f} %" if counts[c] else "–" for c in columns
            ]
            print(f"| {kind} | {model_role.name}（{target}） | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
