"""Quiz banks (`quizzes/<id>.yml`): loading and every check a trainer needs.

Choice answers are letters (A, B, C…) in the YAML and option indices here.
Ordering questions list their items in the correct order unless `answer`
gives the order as letters.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .checker import IDENTIFIER, Checker
from .model import Model
from .problems import Problem, ProblemsFound, read_utf8
from .strict_yaml import Map, load_yaml

TYPES = ("single", "multiple", "truefalse", "ordering", "rating")
KNOWLEDGE = ("single", "multiple", "truefalse", "ordering")
TYPE_LABEL = {
    "single": "单选题",
    "multiple": "多选题",
    "truefalse": "判断题",
    "ordering": "排序题",
    "rating": "自评",
}
QUIZ_KEYS = {
    "id",
    "version",
    "title",
    "description",
    "roles",
    "shuffle",
    "mode",
    "retake",
    "questions",
}
MODES = ("practice", "assessed")
KEEP = ("best", "last", "first", "average")
QUESTION_KEYS = {
    "id",
    "type",
    "dimension",
    "level",
    "points",
    "prompt",
    "options",
    "answer",
    "items",
    "explanation",
    "refs",
    "role",
    "objectives",
}
LETTERS = string.ascii_uppercase[:8]
# The most a single question may be worth.
MAX_POINTS = 100
# The longest advisory pause between practice attempts: one week, in minutes.
MAX_WAIT_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    dimension: str
    level: str
    points: float
    prompt: str
    options: tuple[str, ...]  # choice options, or ordering items in their written order
    answer: tuple[
        int, ...
    ]  # choice: correct option indices; ordering: item indices in the right order
    truth: bool | None  # truefalse answer
    explanation: str
    refs: tuple[tuple[str, str, int], ...]  # (page, anchor, line)
    line: int
    role: str = ""  # a self-rating with a role's own indicators (rating questions only)
    objectives: tuple[tuple[str, int], ...] = ()  # (objective id, line): what it checks

    @property
    def is_knowledge(self) -> bool:
        return self.type in KNOWLEDGE


@dataclass(frozen=True)
class Quiz:
    id: str
    version: int
    title: str
    description: str
    roles: tuple[str, ...]
    shuffle: bool
    questions: tuple[Question, ...]
    source: str  # path shown to authors
    mode: str = "practice"  # assessed: shipped without keys, graded by the trainer
    keep: str = "best"  # which attempt counts: best | last | first | average
    wait_minutes: int = 0  # advisory pause between practice attempts

    @property
    def minutes(self) -> int:
        """Estimated time: half a minute per question, at least five minutes."""
        return max(5, -(-len(self.questions) // 2))

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


def quiz_files(folder: Path, model_file: Path) -> list[Path]:
    """Every quiz bank in the model's folder (the model file itself excluded)."""
    return sorted(p for p in folder.glob("*.yml") if p.resolve() != model_file.resolve())


def load_quizzes(
    files: Iterable[tuple[Path, str]], model: Model, pages: Mapping[str, object]
) -> tuple[dict[str, Quiz], list[Problem]]:
    """Read (file, shown path) pairs; refs are checked against `pages` (docs-relative paths)."""
    quizzes: dict[str, Quiz] = {}
    problems: list[Problem] = []
    for file, shown in files:
        try:
            data = load_yaml(read_utf8(file, shown), shown)
        except ProblemsFound as found:
            problems.extend(found.problems)
            continue
        check = Checker(shown)
        quiz = _read_quiz(check, data, file.stem, model, pages)
        if quiz is not None and quiz.id in quizzes:
            check.problem(
                1,
                f"测验 id“{quiz.id}”与 {quizzes[quiz.id].source} 重复",
                "每个测验的 id 必须不同。",
            )
        elif quiz is not None and not check.problems:
            quizzes[quiz.id] = quiz
        problems.extend(check.problems)
    return quizzes, problems


def _read_quiz(
    check: Checker, data: object, stem: str, model: Model, pages: Mapping[str, object]
) -> Quiz | None:
    root = check.mapping(data, "测验文件", required=("id", "version", "title", "questions"))
    if root is None:
        return None
    check.unknown_keys(root, QUIZ_KEYS, "测验")
    quiz_id = check.identifier(root, "id") or stem
    if quiz_id != stem:
        check.problem(
            root.line_of("id"),
            f"测验 id“{quiz_id}”与文件名“{stem}.yml”不一致",
            f"把文件改名为 {quiz_id}.yml，或把 id 改为 {stem}。",
        )
    version = root.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        check.problem(
            root.line_of("version"),
            f"version 必须是正整数，现在是“{version}”",
            "例如 `version: 1`；题目含义改变时加 1。",
        )
        version = 1
    roles = []
    for role, line in check.items(root, "roles"):
        if role not in model.role_ids:
            check.problem(
                line, f"roles 中的角色“{role}”不存在", "可选：" + "、".join(model.role_ids)
            )
        else:
            roles.append(role)
    shuffle = root.get("shuffle", False)
    if not isinstance(shuffle, bool):
        check.problem(
            root.line_of("shuffle"),
            f"shuffle 只能写 true 或 false，现在是“{shuffle}”",
            "打乱题目和选项写 `shuffle: true`。",
        )
        shuffle = False
    mode = check.text(root, "mode", optional=True) or "practice"
    if mode not in MODES:
        check.problem(
            root.line_of("mode"),
            f"mode 只能是 practice（练习）或 assessed（考核），现在是“{mode}”",
            "练习模式在浏览器里评分；考核模式不在页面中放答案，由培训师用 academy score 评分。",
        )
        mode = "practice"
    keep, wait = _retake(check, root)
    questions = []
    for item, line in check.items(root, "questions"):
        question = _read_question(check, item, line, model, pages)
        if question is not None and check.unique("题目 id", question.id, question.line):
            questions.append(question)
    return Quiz(
        quiz_id,
        version,
        check.text(root, "title") or "",
        check.text(root, "description", optional=True) or "",
        tuple(roles),
        shuffle,
        tuple(questions),
        check.path,
        mode,
        keep,
        wait,
    )


def _retake(check: Checker, root: Map) -> tuple[str, int]:
    if "retake" not in root:
        return "best", 0
    entry = check.mapping(root["retake"], "retake", line=root.line_of("retake"))
    if entry is None:
        return "best", 0
    check.unknown_keys(entry, {"keep", "wait_minutes"}, "retake")
    keep = check.text(entry, "keep", optional=True) or "best"
    if keep not in KEEP:
        check.problem(
            entry.line_of("keep"),
            f"keep 只能是 best、last、first 或 average，现在是“{keep}”",
            "best：最好的一次；last：最后一次；first：第一次；average：各次平均。",
        )
        keep = "best"
    wait = entry.get("wait_minutes", 0)
    if isinstance(wait, bool) or not isinstance(wait, int) or not 0 <= wait <= MAX_WAIT_MINUTES:
        check.problem(
            entry.line_of("wait_minutes"),
            f"wait_minutes 必须是 0 到 10080 之间的整数（分钟），现在是“{wait}”",
            "例如 `wait_minutes: 60`；0 表示不用等待。",
        )
        wait = 0
    return keep, wait


def _rating_role(check: Checker, entry: Map, model: Model, dimension: str, level: str) -> str:
    """`role: developer` on a self-rating: the role's own indicators at its target level."""
    if "role" not in entry:
        return ""
    role_id = check.text(entry, "role") or ""
    role = model.role(role_id)
    line = entry.line_of("role")
    if role is None:
        check.problem(line, f"角色“{role_id}”不存在", "可选：" + "、".join(model.role_ids))
        return ""
    if role.target != level or not role.indicators_of(dimension):
        check.problem(
            line,
            f"角色“{role_id}”没有“{dimension} × {level}”的行为指标",
            f"在能力模型文件中该角色的 indicators 里写上“{dimension}”，"
            f"并让 level 等于它的 target（{role.target}）。",
        )
        return ""
    return role_id


def _read_question(
    check: Checker, item: object, line: int, model: Model, pages: Mapping[str, object]
) -> Question | None:
    entry = check.mapping(item, "题目", required=("id", "type", "dimension", "level"), line=line)
    if entry is None:
        return None
    check.unknown_keys(entry, QUESTION_KEYS, "题目")
    head = _question_head(check, entry, model)
    if head is None:
        return None
    if head.type == "rating":
        return _rating_question(check, entry, model, head)
    return _knowledge_question(check, entry, pages, head)


def _question_head(check: Checker, entry: Map, model: Model) -> Question | None:
    """What every question has (id, type, dimension, level, points), checked.

    None if any of it is wrong; otherwise a question with nothing else filled in yet.
    """
    before = len(check.problems)
    qid = check.identifier(entry, "id") or ""
    kind = check.text(entry, "type") or ""
    if kind and kind not in TYPES:
        check.problem(
            entry.line_of("type"),
            f"题型“{kind}”不存在",
            "可用的题型：" + "、".join(f"{t}（{TYPE_LABEL[t]}）" for t in TYPES),
        )
    dimension = check.text(entry, "dimension") or ""
    if dimension and dimension not in model.dimensions:
        check.problem(
            entry.line_of("dimension"),
            f"维度“{dimension}”不存在",
            "可用的维度：" + "、".join(model.dimensions),
        )
    level = check.text(entry, "level") or ""
    if level and level not in model.level_ids:
        check.problem(
            entry.line_of("level"),
            f"级别“{level}”不存在",
            "可用的级别 id：" + "、".join(model.level_ids),
        )
    points = _points(check, entry)
    if len(check.problems) > before or kind not in TYPES:
        return None
    return Question(qid, kind, dimension, level, points, "", (), (), None, "", (), entry.line)


def _points(check: Checker, entry: Map) -> float:
    points = entry.get("points", 1)
    if (
        isinstance(points, bool)
        or not isinstance(points, (int, float))
        or not 0 < points <= MAX_POINTS
    ):
        check.problem(
            entry.line_of("points"),
            f"points 必须是大于 0 的数，现在是“{points}”",
            "例如 `points: 2`；不写时为 1 分。",
        )
        return 1.0
    return float(points)


def _rating_question(check: Checker, entry: Map, model: Model, head: Question) -> Question:
    """A self-rating: its statements come from the model, so it has no text of its own."""
    for key in ("prompt", "options", "answer", "items", "explanation", "refs", "objectives"):
        if key in entry:
            check.problem(
                entry.line_of(key),
                f"自评题不需要“{key}”：行为指标来自能力模型文件",
                f"删除 `{key}`。",
            )
    dimension, level = head.dimension, head.level
    role = _rating_role(check, entry, model, dimension, level)
    if not model.statements(dimension, level, role):
        check.problem(
            entry.line,
            f"能力模型中没有“{dimension} × {level}”的行为指标",
            "在能力模型文件的 indicators 中补上这一格。",
        )
    return replace(head, role=role)


def _knowledge_question(
    check: Checker, entry: Map, pages: Mapping[str, object], head: Question
) -> Question | None:
    """A question with a key: its prompt, explanation, refs and answer, checked."""
    before = len(check.problems)
    if "role" in entry:
        check.problem(
            entry.line_of("role"), "只有自评题可以写 role", "删除 `role`：知识题对所有角色相同。"
        )
    for key in ("prompt", "explanation", "refs"):
        if key not in entry:
            check.problem(entry.line, f"知识题缺少必填项“{key}”", f"加上一行 `{key}: …`")
    prompt = check.text(entry, "prompt") or ""
    explanation = check.text(entry, "explanation") or ""
    refs = _refs(check, entry, pages)
    objectives = _objective_ids(check, entry)
    options: tuple[str, ...] = ()
    answer: tuple[int, ...] = ()
    truth = None
    if head.type in ("single", "multiple"):
        options = _texts(check, entry, "options", 2, 8)
        answer = _choice_answer(check, entry, head.type, len(options))
    elif head.type == "truefalse":
        truth = _truth(check, entry)
    else:
        options = _texts(check, entry, "items", 3, 8)
        answer = _ordering_answer(check, entry, len(options))
    if len(check.problems) > before:
        return None
    return replace(
        head,
        prompt=prompt,
        options=options,
        answer=answer,
        truth=truth,
        explanation=explanation,
        refs=refs,
        objectives=objectives,
    )


def _truth(check: Checker, entry: Map) -> bool | None:
    """A true/false question's answer; None (and reported) if it is not a boolean."""
    for key in ("options", "items"):
        if key in entry:
            check.problem(
                entry.line_of(key),
                f"判断题不需要“{key}”",
                f"删除 `{key}`；答案写 `answer: true` 或 `answer: false`。",
            )
    truth = entry.get("answer")
    if not isinstance(truth, bool):
        check.problem(
            entry.line_of("answer"),
            f"判断题的 answer 只能写 true 或 false，现在是“{truth}”",
            "对写 `answer: true`，错写 `answer: false`（不要写 对/错、yes/no）。",
        )
        return None
    return truth


def _texts(check: Checker, entry: Map, key: str, low: int, high: int) -> tuple[str, ...]:
    if key not in entry:
        check.problem(
            entry.line, f"缺少“{key}”", f"例如\n    {key}:\n      - 第一项\n      - 第二项"
        )
        return ()
    texts = []
    for value, line in check.items(entry, key):
        if (
            isinstance(value, bool)
            or not isinstance(value, (str, int, float))
            or not str(value).strip()
        ):
            check.problem(line, f"{key} 的每一项都必须是一段文字", "含有冒号加空格的文字请加引号。")
        else:
            texts.append(str(value).strip())
    if texts and not low <= len(texts) <= high:
        check.problem(
            entry.line_of(key),
            f"{key} 要有 {low} 到 {high} 项，现在是 {len(texts)} 项",
            f"补足或删减到 {low} 到 {high} 项。",
        )
    if len(set(texts)) != len(texts):
        check.problem(entry.line_of(key), f"{key} 中有相同的两项", "每一项的文字都要不同。")
    return tuple(texts)


def _letter(check: Checker, value: object, line: int, count: int) -> int | None:
    text = str(value).strip().upper()
    if len(text) != 1 or text not in LETTERS:
        check.problem(line, f"答案“{value}”不是选项字母", "用 A、B、C… 表示第 1、2、3… 个选项。")
        return None
    index = LETTERS.index(text)
    if index >= count:
        check.problem(
            line,
            f"答案“{text}”不存在：只有 {count} 个选项（A–{LETTERS[count - 1]}）",
            "检查答案字母或补上选项。",
        )
        return None
    return index


def _choice_answer(check: Checker, entry: Map, kind: str, count: int) -> tuple[int, ...]:
    if entry.get("answer") in (None, "", []):
        written = "answer" in entry
        check.problem(
            entry.line_of("answer") if written else entry.line,
            "答案是空的：没有一个选项算对，这道题谁也答不对" if written else "缺少答案“answer”",
            "单选题写 `answer: B`，多选题写 `answer: [A, C]`。",
        )
        return ()
    value, line = entry["answer"], entry.line_of("answer")
    if not count:
        return ()
    if kind == "single":
        if isinstance(value, list):
            check.problem(
                line,
                "单选题只能有一个答案",
                "写成 `answer: B`；有多个正确答案请用 `type: multiple`。",
            )
            return ()
        index = _letter(check, value, line, count)
        return () if index is None else (index,)
    letters = value if isinstance(value, list) else [value]
    indices = [_letter(check, letter, line, count) for letter in letters]
    if any(i is None for i in indices):
        return ()
    if len(set(indices)) != len(indices):
        check.problem(line, "多选题的答案中有重复的字母", "每个字母只写一次。")
    if len(set(indices)) == count:
        check.problem(
            line, "多选题的答案不能是全部选项", "至少留一个错误选项，否则这道题无法区分掌握程度。"
        )
    return tuple(sorted({i for i in indices if i is not None}))


def _ordering_answer(check: Checker, entry: Map, count: int) -> tuple[int, ...]:
    if "answer" not in entry:
        return tuple(range(count))
    value, line = entry["answer"], entry.line_of("answer")
    letters = value if isinstance(value, list) else [value]
    indices = [_letter(check, letter, line, count) for letter in letters]
    if any(i is None for i in indices):
        return ()
    if sorted(indices) != list(range(count)):  # type: ignore[type-var]
        check.problem(
            line,
            "排序题的答案必须把每一项恰好排一次",
            f"例如 `answer: [{', '.join(LETTERS[:count][::-1])}]`；"
            "不写 answer 时，items 的书写顺序就是正确顺序。",
        )
        return ()
    return tuple(i for i in indices if i is not None)


def _objective_ids(check: Checker, entry: Map) -> tuple[tuple[str, int], ...]:
    """The page objectives (front matter `objectives:` ids) a question checks."""
    found = []
    for value, line in check.items(entry, "objectives"):
        if not isinstance(value, str) or not IDENTIFIER.match(value):
            check.problem(
                line,
                f"objectives 中的“{value}”不是学习目标的 id",
                "写页面页首信息 objectives 中的 id，例如 `objectives: [norms-change-order]`。",
            )
        else:
            found.append((value, line))
    return tuple(found)


_REF = re.compile(r"^([^#\s]+\.md)(?:#([\w-]+))?$")


def _refs(
    check: Checker, entry: Map, pages: Mapping[str, object]
) -> tuple[tuple[str, str, int], ...]:
    refs = []
    for value, line in check.items(entry, "refs"):
        match = _REF.match(str(value).strip())
        if not match:
            check.problem(
                line,
                f"复习链接“{value}”的写法不对",
                "写成 content 下的页面路径加小节 id，例如 `soc/mission.md#mission`。",
            )
            continue
        page, anchor = match.group(1), match.group(2) or ""
        if page not in pages:
            check.problem(
                line,
                f"复习链接指向的页面“{page}”不存在",
                "路径从 content 文件夹算起，例如 `soc/mission.md#mission`。",
            )
            continue
        refs.append((page, anchor, line))
    return tuple(refs)


def check_quiz_refs(quizzes: Mapping[str, Quiz], ids: Mapping[str, set[str]]) -> list[Problem]:
    """Refs must point at a section id that exists in the rendered page.

    `ids`: as for check_anchors.
    """
    problems = []
    for quiz in quizzes.values():
        for question in quiz.questions:
            for page, anchor, line in question.refs:
                if anchor and page in ids and anchor not in ids[page]:
                    problems.append(
                        Problem(
                            quiz.source,
                            line,
                            0,
                            f"页面 {page} 中没有小节“#{anchor}”",
                            "检查小节标题后面的 {#id}，或删去 # 及其后面的部分。",
                        )
                    )
    return problems
