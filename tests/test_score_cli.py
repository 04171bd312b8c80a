"""`academy score`: a trainer re-scores exported result files against the repository's keys."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from academy.core.model import load_model
from academy.core.quizzes import load_quizzes
from academy.scoring.ladder import score_attempt
from academy.scoring.spec import scoring_spec
from support.site import ROOT, academy
from test_quiz import BANK, PAGES, project_with_quiz

MODEL = load_model(ROOT / "quizzes" / "spcm.yml")
ANSWERS = {"pick-one": 0, "pick-many": [0], "yes-no": False, "order": [0, 2, 1], "rate": [3, 4]}


@pytest.fixture
def project(tmp_path):
    return project_with_quiz(tmp_path / "project", BANK)


def exported(tmp_path: Path, **changes) -> Path:
    file = tmp_path / "demo.yml"
    file.write_text(BANK, encoding="utf-8")
    quiz = load_quizzes([(file, "quizzes/demo.yml")], MODEL, PAGES)[0]["demo"]
    result = {
        "format": "academy-result",
        "schema": 1,
        "site": "test",
        "quiz": {"id": "demo", "version": 2},
        "trainee": {"name": "张三"},
        "role": "operator",
        "started": "2026-11-24T09:00:00.000Z",
        "submitted": "2026-11-24T09:10:00.000Z",
        "answers": ANSWERS,
        "score": score_attempt(scoring_spec(quiz, MODEL), ANSWERS, "soc-ops"),
    }
    result.update(changes)
    path = tmp_path / "result.json"
    path.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return path


def score(project: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return academy(project, "score", *map(str, files))


def test_an_untouched_export_matches(project, tmp_path):
    result = score(project, exported(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "一致" in result.stdout and "张三" in result.stdout and "测验 demo 第 2 版" in result.stdout
    )


def test_altered_scores_are_detected(project, tmp_path):
    path = exported(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["score"]["overall"] = "soc-m3"
    data["score"]["knowledge"]["earned"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    result = score(project, path)
    assert result.returncode == 1
    assert "不一致" in result.stdout and "score.overall" in result.stdout


def test_a_result_of_another_quiz_version_is_rejected(project, tmp_path):
    result = score(project, exported(tmp_path, quiz={"id": "demo", "version": 1}))
    assert result.returncode == 1
    assert "结果来自测验“demo”的第 1 版，当前题库是第 2 版" in result.stdout


@pytest.mark.parametrize(
    "content, reason",
    [
        ('{"format": "academy-result", "schema": 1, "quiz": {"id": "de', "不是有效的 JSON"),
        ("[1, 2, 3]", "不是测验结果文件"),
        ('{"format": "academy-result", "schema": 7}', "格式版本 7 不受支持"),
        (
            '{"format": "academy-result", "schema": 1, "quiz": {"id": "nope", "version": 1}, "answers": {}}',
            "测验“nope”在当前题库中不存在",
        ),
        ("\x00\xff\xfe", "不是"),
    ],
)
def test_bad_files_are_rejected_with_a_reason_and_no_traceback(project, tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_bytes(content.encode("latin-1") if "\x00" in content else content.encode("utf-8"))
    result = score(project, path)
    assert result.returncode == 1
    assert reason in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_one_bad_file_does_not_stop_the_others(project, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = score(project, bad, exported(tmp_path))
    assert result.returncode == 1
    assert "拒绝" in result.stdout and "一致  " in result.stdout


def response_file(tmp_path: Path, answers: dict, checksum: str | None = None) -> Path:
    from academy.scoring.result_files import answers_checksum

    data = {
        "format": "academy-response",
        "schema": 1,
        "site": "test",
        "quiz": {"id": "demo", "version": 2},
        "trainee": {"name": "李四"},
        "role": "operator",
        "started": "2026-11-24T09:00:00.000Z",
        "submitted": "2026-11-24T09:10:00.000Z",
        "answers": answers,
        "checksum": checksum or answers_checksum("demo", 2, answers),
    }
    path = tmp_path / "response.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_an_assessed_response_file_is_graded_from_the_repository_keys(project, tmp_path):
    answers = {
        "pick-one": 0,
        "pick-many": [0, 2],
        "yes-no": False,
        "order": [0, 1, 2],
        "rate": [4, 4],
    }
    result = score(project, response_file(tmp_path, answers))
    assert result.returncode == 0, result.stdout
    assert (
        "评分" in result.stdout
        and "李四" in result.stdout
        and "知识题 5/5（100%）" in result.stdout
    )


def test_a_response_changed_after_the_receipt_is_flagged(project, tmp_path):
    answers = {"pick-one": 0}
    result = score(project, response_file(tmp_path, answers, checksum="00000000"))
    assert result.returncode == 1
    assert "答卷校验码与作答内容不符" in result.stdout


def test_checksum_is_fnv1a_of_the_canonical_answers():
    from academy.scoring.result_files import answers_checksum

    # FNV-1a 32-bit of '["q",1,[["a",true]]]', computed independently:
    value = 0x811C9DC5
    for byte in b'["q",1,[["a",true]]]':
        value = ((value ^ byte) * 16777619) % 2**32
    assert answers_checksum("q", 1, {"a": True}) == f"{value:08x}"
    assert answers_checksum("q", 1, {"b": 1, "a": 2}) == answers_checksum("q", 1, {"a": 2, "b": 1})


def test_whole_numbers_written_by_a_browser_still_match(project, tmp_path):
    path = exported(tmp_path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    # JSON.stringify writes 1.0 as 1 and 0.0 as 0
    data["score"]["knowledge"]["possible"] = int(data["score"]["knowledge"]["possible"])
    data["score"]["questions"]["pick-one"]["possible"] = 1
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = score(project, path)
    assert result.returncode == 0, result.stdout
