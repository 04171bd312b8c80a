"""Item-writing checks: knowledge questions that a trainee could answer without
reading the course, by habit (pick the longest option, tick all but the absurd
one, order by the numbers in the items, call every absolute statement false).

Each finding is a Problem at the question's line with a hint on how to rewrite
it; `academy check` and the build report them as errors or as advice, as the
site's `item_checks` option says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from .learning_paths import LearningPath
from .model import Model
from .problems import Problem
from .quizzes import Question, Quiz

MIN_OPTIONS = 3
MIN_DISTRACTORS = 2  # wrong options a multiple-choice question needs to tell mastery apart
LONGEST_MARGIN = (
    1.25  # the key is "clearly longest" when it is this much longer than every distractor
)
LONGEST_MIN_CHARS = 4  # … and at least this many characters longer
LONGEST_HABIT_SHARE = (
    0.4  # of a bank's single-choice keys may be the longest option (chance: 1 in 4)
)
LONGEST_HABIT_MIN_ITEMS = 5
DUPLICATE_RATIO = 0.8  # stems this similar ask the same thing
LISTED_CELLS = 6  # under-covered cells named in a path's finding; the rest become "等"
ANSWER_IN_STEM_CHARS = (
    6  # a key option this long, found word for word in the stem, gives itself away
)

ALL_OR_NONE = re.compile(
    r"以上(?:选项|说法|答案)?(?:都|皆|均|全)(?:不)?(?:对|是|正确|错|非|不对|不正确)|全部(?:正确|错误)"
)
ORDER_CUES = re.compile(
    r"[0-9０-９]|[一二三四五六七八九十]+(?:线|级|步|阶段|期|层)|第[一二三四五六七八九十0-9]"
    r"|首先|其次|然后|接着|随后|之后|最后|最终|先[^进锋]|再[由做进行去]"
)
ABSOLUTES = re.compile(
    r"只要|就可以|一定|必须|绝对|永远|从不|总是|所有|任何|完全|一律|全部|无需|不必|只需|尽量|唯一|都不|都要"
)
PUNCTUATION = re.compile(r"[\s，。、；：？！“”‘’（）()《》,.;:?!\"'`·…—-]+")


def item_problems(quizzes: Iterable[Quiz]) -> list[Problem]:
    """Every item-writing problem in the knowledge questions of `quizzes`."""
    quizzes = list(quizzes)
    problems: list[Problem] = []
    for quiz in quizzes:
        for question in quiz.questions:
            if question.is_knowledge:
                problems += [
                    Problem(quiz.source, question.line, 0, message, hint)
                    for message, hint in question_problems(question)
                ]
        problems += _longest_habit(quiz)
    problems += _duplicates(quizzes)
    return problems


def question_problems(question: Question) -> list[tuple[str, str]]:
    """(message, hint) for each rule a knowledge question breaks."""
    found: list[tuple[str, str]] = []
    if question.type in ("single", "multiple"):
        found += _choice_problems(question)
    elif question.type == "ordering":
        cued = [item for item in question.options if ORDER_CUES.search(item)]
        if cued:
            found.append(
                (
                    f"排序题的选项自带顺序线索（数字、年份、序号或“先、最后”等词）：“{cued[0]}”",
                    "去掉选项中的年份、编号和先后词，只留下要排序的内容本身，让学员凭对课程的理解排出顺序。",
                )
            )
    elif question.type == "truefalse":
        word = ABSOLUTES.search(question.prompt)
        if word:
            found.append(
                (
                    f"判断题的说法含有绝对化的词“{word.group()}”，不读课程也能猜出是错的",
                    "改用具体情境下的说法，例如“值班员发现……时，应先……”，让对错取决于课程内容而不是措辞。",
                )
            )
    return found


def _choice_problems(question: Question) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    options = question.options
    keys = [options[i] for i in question.answer]
    distractors = [option for i, option in enumerate(options) if i not in question.answer]
    if len(options) < MIN_OPTIONS:
        found.append(
            (
                f"只有 {len(options)} 个选项，猜对的机会太大",
                f"至少写 {MIN_OPTIONS} 个选项，错误选项写新人常见的误解。",
            )
        )
    if any(ALL_OR_NONE.search(option) for option in options):
        found.append(
            ("选项中有“以上都对／以上都不对”一类的选项", "删去这一项，换成一个新人常见的具体误解。")
        )
    if question.type == "multiple" and len(distractors) < MIN_DISTRACTORS:
        found.append(
            (
                f"多选题只有 {len(distractors)} 个错误选项，排除掉明显不对的一个就能全对",
                f"至少写 {MIN_DISTRACTORS} 个错误选项，每个都是新人真会相信的说法，"
                "长短和句式与正确选项相近。",
            )
        )
    if keys and distractors:
        shortest_key = min(len(_plain(key)) for key in keys)
        longest_distractor = max(len(_plain(d)) for d in distractors)
        if (
            shortest_key >= longest_distractor * LONGEST_MARGIN
            and shortest_key - longest_distractor >= LONGEST_MIN_CHARS
        ):
            found.append(
                (
                    "正确选项明显比每个错误选项都长，不读课程也能选对",
                    "把正确选项写短，或把错误选项写得同样具体（同样的长度和句式，讲的是常见误解）。",
                )
            )
    stem = _plain(question.prompt)
    given = next(
        (key for key in keys if len(_plain(key)) >= ANSWER_IN_STEM_CHARS and _plain(key) in stem),
        None,
    )
    if given:
        found.append(
            (f"题干里原样出现了正确选项“{given}”", "改写题干，不要在题干中出现答案的原话。")
        )
    return found


def _longest_habit(quiz: Quiz) -> list[Problem]:
    """A bank where "pick the longest option" wins too often, even when no single key stands out."""
    singles = [q for q in quiz.questions if q.type == "single" and len(q.options) >= MIN_OPTIONS]
    longest = [q for q in singles if _is_uniquely_longest(q)]
    if len(singles) < LONGEST_HABIT_MIN_ITEMS or len(longest) <= len(singles) * LONGEST_HABIT_SHARE:
        return []
    return [
        Problem(
            quiz.source,
            longest[0].line,
            0,
            f"本题库 {len(singles)} 道单选题中有 {len(longest)} 道的正确选项是最长的一项，"
            "“选最长的”就能拿到大半分数",
            "逐题检查：让正确选项有时最短、有时居中，错误选项写得和它一样具体。",
        )
    ]


def _is_uniquely_longest(question: Question) -> bool:
    lengths = [len(_plain(option)) for option in question.options]
    key = lengths[question.answer[0]]
    return all(key > length for i, length in enumerate(lengths) if i != question.answer[0])


def _duplicates(quizzes: list[Quiz]) -> list[Problem]:
    """Knowledge questions (in any bank) whose stems ask the same thing as an earlier one."""
    # Each earlier stem keeps its matcher: SequenceMatcher indexes its second text once.
    seen: list[tuple[SequenceMatcher[str], Quiz, Question]] = []
    problems = []
    for quiz in quizzes:
        for question in quiz.questions:
            if not question.is_knowledge:
                continue
            stem = _plain(question.prompt)
            for matcher, other_quiz, other in seen:
                matcher.set_seq1(stem)
                if (
                    matcher.real_quick_ratio() >= DUPLICATE_RATIO
                    and matcher.quick_ratio() >= DUPLICATE_RATIO
                    and matcher.ratio() >= DUPLICATE_RATIO
                ):
                    problems.append(
                        Problem(
                            quiz.source,
                            question.line,
                            0,
                            f"题干与 {other_quiz.source} 的题目“{other.id}”几乎相同",
                            "同一知识点只考一次；删去其中一题，或改成考另一个知识点、另一个情境。",
                        )
                    )
                    break
            seen.append((SequenceMatcher(None, "", stem, autojunk=False), quiz, question))
    return problems


def _plain(text: str) -> str:
    """Text without spaces, punctuation and Markdown emphasis, for comparing lengths and stems."""
    return PUNCTUATION.sub("", text.replace("*", "").replace("`", ""))


def evidence_problems(
    model: Model, paths: Iterable[LearningPath], quizzes: dict[str, Quiz], shown: dict[str, str]
) -> list[Problem]:
    """Cells a role's target needs that the quizzes of its path cannot decide:
    fewer than `min_items` knowledge questions there, so the role's level would
    always read 证据不足. Paths without quizzes promise no level and are skipped."""
    problems = []
    levels = list(model.level_ids)
    for path in paths:
        role = model.role(path.role)
        if role is None or role.target not in levels:
            continue
        banks = [quizzes[s.target] for s in path.steps if s.kind == "quiz" and s.target in quizzes]
        if not banks:  # a reading-only path promises no level
            continue
        counts: dict[tuple[str, str], int] = {}
        for question in (q for bank in banks for q in bank.questions if q.is_knowledge):
            counts[question.dimension, question.level] = (
                counts.get((question.dimension, question.level), 0) + 1
            )
        short = [
            f"{dimension} × {level.name}（{counts.get((dimension, level.id), 0)} 道）"
            for dimension in (role.dimensions or model.dimensions)
            for level in model.levels[: levels.index(role.target) + 1]
            if counts.get((dimension, level.id), 0) < model.scoring.min_items
        ]
        if short:
            problems.append(
                Problem(
                    shown.get(path.page, path.page),
                    1,
                    0,
                    f"“{role.name}”的学习路径中的测验不足以判定其目标级别："
                    + "、".join(short[:LISTED_CELLS])
                    + ("等" if len(short) > LISTED_CELLS else "")
                    + f" 少于 {model.scoring.min_items} 道知识题",
                    "在路径中加入覆盖这些格子的测验，或在题库中为这些格子补题（每格至少 "
                    f"{model.scoring.min_items} 道，见能力模型文件 scoring.min_items）。",
                )
            )
    return problems
