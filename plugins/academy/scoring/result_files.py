"""Exported result files: read them defensively and re-score them.

A result file is what a trainee downloads after a practice quiz:
{"format": "academy-result", "schema": 1, "site": build id,
 "quiz": {"id", "version"}, "trainee": {"name"}, "role", "started", "submitted",
 "answers": {question id: response}, "score": {…scoring output…}}

A response file comes from an assessed quiz, whose page has no answer key:
the same fields with "format": "academy-response", no "score", and
"checksum": answers_checksum(...) — the short code on the trainee's printed receipt.

A profile file is what 我的学习 exports: the SPCM profile and the attempts it counts,
{"format": "academy-profile", "schema": 1, "trainee": {"name"}, "role",
 "attempts": [{"quiz": {"id", "version"}, "submitted", "answers"}, …],
 "profile": {…scoring output of all the attempts together…}}.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from academy.core.model import Model
from academy.core.problems import Problem
from academy.core.quizzes import Quiz

from .ladder import score_attempt
from .profile import score_profile
from .spec import scoring_spec
from .types import Score

MAX_BYTES = 5 * 1024 * 1024
FORMAT = "academy-result"
RESPONSE_FORMAT = "academy-response"
PROFILE_FORMAT = "academy-profile"
SCHEMA = 1


def answers_checksum(quiz_id: str, version: int, answers: dict[str, Any]) -> str:
    """FNV-1a (32 bit) of the canonical answers, as 8 hex digits; the browser computes the same."""
    canonical = json.dumps(
        [quiz_id, version, [[key, answers[key]] for key in sorted(answers)]],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    value = 0x811C9DC5
    for byte in canonical.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


@dataclass(frozen=True)
class Rescored:
    path: str
    quiz: Quiz
    trainee: str
    role: str | None
    answers: dict[str, Any]
    claimed: Any  # the score in the file; None for a response file
    score: Score
    submitted: str = ""
    is_response: bool = False
    checksum_ok: bool = True

    @property
    def matches(self) -> bool:
        if self.is_response:
            return self.checksum_ok
        return _canonical(self.claimed) == _canonical(self.score)

    def differences(self) -> list[str]:
        return _differences(self.claimed, self.score, "score")


def _normalised(value: Any) -> Any:
    """Browsers write 1.0 as 1; compare numbers by value, keeping booleans apart."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    return value


def _canonical(value: Any) -> str:
    return json.dumps(_normalised(value), sort_keys=True, ensure_ascii=False)


def _differences(claimed: Any, actual: Any, where: str) -> list[str]:
    if isinstance(claimed, dict) and isinstance(actual, dict):
        found = []
        for key in sorted(set(claimed) | set(actual), key=str):
            found += _differences(claimed.get(key), actual.get(key), f"{where}.{key}")
        return found
    if _canonical(claimed) != _canonical(actual):
        return [f"{where}：文件中为 {_canonical(claimed)}，重新计算为 {_canonical(actual)}"]
    return []


class _Rejected(Exception):
    """Why a file cannot be used; raised by the checks of `rescore_file`."""

    def __init__(self, message: str, hint: str = "", line: int = 1) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _read_json(path: Path) -> dict[str, Any]:
    """The file's JSON object, if it says it is a result or response file."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _Rejected(f"文件过大（超过 {MAX_BYTES // 1024 // 1024} MB），不是测验结果文件")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise _Rejected(f"无法读取文件：{error.strerror}") from None
    except UnicodeDecodeError:
        raise _Rejected("文件不是 UTF-8 文本，不是测验结果文件") from None
    except json.JSONDecodeError as error:
        raise _Rejected(
            f"不是有效的 JSON（{error.msg}），文件可能被截断或修改过", line=error.lineno
        ) from None
    except RecursionError:
        raise _Rejected("JSON 嵌套过深，不是测验结果文件") from None
    return _checked_format(data)


def _checked_format(data: Any) -> dict[str, Any]:
    """`data` if it says it is a result, response or profile file of our schema."""
    if not isinstance(data, dict) or data.get("format") not in (
        FORMAT,
        RESPONSE_FORMAT,
        PROFILE_FORMAT,
    ):
        raise _Rejected(
            '不是测验结果文件（缺少 "format": "academy-result"）',
            "请使用学员在测验页面点击“导出结果”得到的文件。",
        )
    if data.get("schema") != SCHEMA:
        raise _Rejected(f"结果文件格式版本 {data.get('schema')!r} 不受支持（本工具支持 {SCHEMA}）")
    return data


def _quiz_of(data: dict[str, Any], quizzes: dict[str, Quiz]) -> Quiz:
    """The quiz the file answers, in the version the banks have now."""
    quiz_info = data.get("quiz")
    if not isinstance(quiz_info, dict) or not isinstance(quiz_info.get("id"), str):
        raise _Rejected("结果文件缺少测验 id")
    quiz = quizzes.get(quiz_info["id"])
    if quiz is None:
        raise _Rejected(f"测验“{quiz_info['id']}”在当前题库中不存在")
    if quiz_info.get("version") != quiz.version:
        raise _Rejected(
            f"结果来自测验“{quiz.id}”的第 {quiz_info.get('version')!r} 版，"
            f"当前题库是第 {quiz.version} 版",
            "题目已经改变，不能用当前题库评分；请学员用当前版本重新作答。",
        )
    return quiz


def rescore_file(
    path: Path, shown: str, quizzes: dict[str, Quiz], model: Model
) -> Rescored | Problem:
    """Re-score one exported result; a Problem says why the file cannot be used."""
    try:
        data = _read_json(path)
    except _Rejected as rejected:
        return Problem(shown, rejected.line, 0, rejected.message, rejected.hint)
    return rescore_data(data, shown, quizzes, model)


def rescore_data(
    value: Any, shown: str, quizzes: dict[str, Quiz], model: Model
) -> Rescored | Problem:
    """Re-score a result or response already read (a file's, or a learning record's)."""
    try:
        data = _checked_format(value)
        if data["format"] == PROFILE_FORMAT:
            raise _Rejected("这是“我的学习”导出的 SPCM 结果，不是单次测验的结果文件")
        quiz = _quiz_of(data, quizzes)
        answers = data.get("answers")
        if not isinstance(answers, dict):
            raise _Rejected("结果文件缺少作答记录 answers")
        role = data.get("role") if isinstance(data.get("role"), str) else None
        model_role = model.role(role) if role else None
        if role and model_role is None:
            raise _Rejected(f"结果中的角色“{role}”不在能力模型中")
        trainee = data.get("trainee")
        name = _text(trainee.get("name")) if isinstance(trainee, dict) else ""
        if len(answers) > 10 * len(quiz.questions) + 10:
            raise _Rejected("作答记录中的题目数量远多于测验本身，文件可能被篡改")
    except _Rejected as rejected:
        return Problem(shown, rejected.line, 0, rejected.message, rejected.hint)
    score = score_attempt(
        scoring_spec(quiz, model),
        answers,
        model_role.target if model_role else None,
        (model_role.dimensions or None) if model_role else None,
    )
    is_response = data["format"] == RESPONSE_FORMAT
    checksum_ok = True
    if is_response:
        checksum_ok = data.get("checksum") == answers_checksum(quiz.id, quiz.version, answers)
    return Rescored(
        shown,
        quiz,
        name[:200],
        role,
        answers,
        None if is_response else data.get("score"),
        score,
        _text(data.get("submitted"))[:40],
        is_response,
        checksum_ok,
    )


@dataclass(frozen=True)
class RescoredProfile:
    """A profile file, its attempts re-scored one by one and together."""

    path: str
    trainee: str
    role: str | None
    attempts: list[Rescored]
    claimed: Any
    score: Score

    @property
    def matches(self) -> bool:
        return _canonical(self.claimed) == _canonical(self.score)

    def differences(self) -> list[str]:
        return _differences(self.claimed, self.score, "profile")


def rescore_profile_file(
    path: Path, shown: str, quizzes: dict[str, Quiz], model: Model
) -> RescoredProfile | Problem:
    """Re-score a profile exported from 我的学习: every attempt it counts, then all together."""
    try:
        data = _read_json(path)
        if data["format"] != PROFILE_FORMAT:
            raise _Rejected("不是“我的学习”导出的 SPCM 结果文件")
        attempts = data.get("attempts")
        if not isinstance(attempts, list) or not attempts or len(attempts) > len(quizzes):
            raise _Rejected("SPCM 结果文件中的作答记录 attempts 缺失或数量不对")
        role = data.get("role") if isinstance(data.get("role"), str) else None
        model_role = model.role(role) if role else None
        if role and model_role is None:
            raise _Rejected(f"结果中的角色“{role}”不在能力模型中")
        trainee = data.get("trainee")
        name = _text(trainee.get("name")) if isinstance(trainee, dict) else ""
        counted: dict[str, tuple[Quiz, dict[str, Any], str]] = {}
        for entry in attempts:
            if not isinstance(entry, dict):
                raise _Rejected("SPCM 结果文件中的作答记录格式不对")
            quiz = _quiz_of(entry, quizzes)
            answers = entry.get("answers")
            if not isinstance(answers, dict) or len(answers) > 10 * len(quiz.questions) + 10:
                raise _Rejected(f"测验“{quiz.id}”的作答记录缺失或题目数量不对")
            if quiz.id in counted:
                raise _Rejected(f"测验“{quiz.id}”在文件中出现了两次")
            counted[quiz.id] = (quiz, answers, _text(entry.get("submitted"))[:40])
    except _Rejected as rejected:
        return Problem(shown, rejected.line, 0, rejected.message, rejected.hint)
    target = model_role.target if model_role else None
    focus = (model_role.dimensions or None) if model_role else None
    specs = {quiz_id: scoring_spec(quiz, model) for quiz_id, (quiz, _, _) in counted.items()}
    rescored = [
        Rescored(
            shown,
            quiz,
            name[:200],
            role,
            answers,
            None,
            score_attempt(specs[quiz_id], answers, target, focus),
            submitted,
        )
        for quiz_id, (quiz, answers, submitted) in counted.items()
    ]
    profile = score_profile(
        specs, {quiz_id: answers for quiz_id, (_, answers, _) in counted.items()}, target, focus
    )
    return RescoredProfile(shown, name[:200], role, rescored, data.get("profile"), profile)


def rescore_any(
    path: Path, shown: str, quizzes: dict[str, Quiz], model: Model
) -> Rescored | RescoredProfile | Problem:
    """A result, response or profile file, re-scored as its format says."""
    try:
        is_profile = _read_json(path).get("format") == PROFILE_FORMAT
    except _Rejected as rejected:
        return Problem(shown, rejected.line, 0, rejected.message, rejected.hint)
    if is_profile:
        return rescore_profile_file(path, shown, quizzes, model)
    return rescore_file(path, shown, quizzes, model)
