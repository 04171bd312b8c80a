"""The SPCM profile exported from 我的学习 (the kept attempt of every bank) goes to
`academy score` and `academy report`, which re-score it with the same rules."""

from __future__ import annotations

import json
from pathlib import Path

from academy.core.course import check_sources
from academy.core.quizzes import Question
from academy.scoring.profile import score_profile
from academy.scoring.spec import scoring_spec
from support.site import ROOT, academy, project_files

FILES = project_files(ROOT)
COURSE, _ = check_sources(FILES)
assert COURSE is not None
BANKS = ["soc-intro", "soc-mechanism", "soc-norms", "production", "platform", "spcm-self"]


def right(question: Question) -> object:
    if question.type == "single":
        return question.answer[0]
    if question.type == "truefalse":
        return question.truth
    if question.type == "rating":
        return [3] * len(COURSE.model.statements(question.dimension, question.level))
    return list(question.answer)


def profile_file(tmp_path: Path, name: str = "李四", **changes: object) -> Path:
    answers = {bank: {q.id: right(q) for q in COURSE.quizzes[bank].questions} for bank in BANKS}
    specs = {bank: scoring_spec(COURSE.quizzes[bank], COURSE.model) for bank in BANKS}
    document = {
        "format": "academy-profile",
        "schema": 1,
        "trainee": {"name": name},
        "role": "operator",
        "attempts": [
            {
                "quiz": {"id": bank, "version": COURSE.quizzes[bank].version},
                "submitted": f"2026-12-0{index + 1}T09:00:00.000Z",
                "answers": answers[bank],
            }
            for index, bank in enumerate(BANKS)
        ],
        "profile": score_profile(specs, answers, "soc-ops"),
    }
    document.update(changes)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_an_untouched_profile_re_scores_to_the_same_level(tmp_path):
    result = academy(ROOT, "score", str(profile_file(tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("一致")
    assert "李四 的 SPCM 结果，来自 6 个测验" in result.stdout
    assert (
        "综合级别：SOC-管理一级" in result.stdout
    )  # every answer right, 运营岗位 and 管理一级 banks


def test_an_altered_profile_is_flagged_with_what_changed(tmp_path):
    path = profile_file(tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["profile"]["overall"] = "soc-m3"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = academy(ROOT, "score", str(path))
    assert result.returncode == 1
    assert "不一致" in result.stdout and "profile.overall" in result.stdout


def test_a_profile_with_an_old_quiz_version_is_rejected(tmp_path):
    path = profile_file(tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["attempts"][0]["quiz"]["version"] = 1
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = academy(ROOT, "score", str(path))
    assert result.returncode == 1 and "拒绝" in result.stdout and "第 1 版" in result.stdout


def test_the_cohort_report_counts_every_bank_of_a_profile(tmp_path):
    (tmp_path / "in").mkdir()
    profile_file(tmp_path / "in", "王五")
    result = academy(ROOT, "report", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "王五" in html and "SOC-管理一级" in html
