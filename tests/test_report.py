"""`academy report`: from a folder of exported results to a cohort report a trainer can trust.

The item analysis is checked against values worked out by hand for a small
cohort (the arithmetic is in the comments), not against the code under test.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
from pathlib import Path

import pytest

from support.site import academy, page, write_project

# Four one-point single-choice questions; A is always the key.
HAND = """\
id: hand
version: 3
title: 手算测验
roles: [operator, team-lead]
questions:
""" + "".join(
    f"""  - id: q{n}
    type: single
    dimension: 岗位认知
    level: soc-ops
    prompt: 第 {n} 题
    options: [对, 错一, 错二]
    answer: A
    explanation: 选 A。
    refs: [soc/mission.md#mission]
"""
    for n in range(1, 5)
)

# First attempts, 1 = right. Totals 4, 3, 2, 2, 1, 1.
MATRIX = {
    "甲": [1, 1, 1, 1],
    "乙": [1, 1, 1, 0],
    "丙": [1, 1, 0, 0],
    "丁": [1, 0, 1, 0],
    "戊": [0, 0, 0, 1],
    "己": [1, 0, 0, 0],
}


def project(tmp_path: Path) -> Path:
    root = write_project(
        tmp_path / "project",
        {"index.md": page("首页"), "soc/mission.md": page("使命", "## 使命 {#mission}\n\n正文。")},
    )
    (root / "quizzes" / "hand.yml").write_text(HAND, encoding="utf-8")
    return root


def result(name: str, answers: dict, submitted: str, role: str = "operator", **changes) -> dict:
    data = {
        "format": "academy-result",
        "schema": 1,
        "site": "t",
        "quiz": {"id": "hand", "version": 3},
        "trainee": {"name": name},
        "role": role,
        "started": submitted,
        "submitted": submitted,
        "answers": answers,
    }
    data.update(changes)
    return data


def answers_for(row: list[int], wrong: int = 1) -> dict:
    return {f"q{n}": 0 if right else wrong for n, right in enumerate(row, 1)}


def write(folder: Path, name: str, data: dict | str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(
            data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
            encoding="utf-8",
        )
    return path


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def cohort(tmp_path):
    root = project(tmp_path)
    results = tmp_path / "results"
    for index, (name, row) in enumerate(MATRIX.items()):
        write(
            results,
            f"{index}-{name}.json",
            result(name, answers_for(row), f"2026-11-0{index + 1}T09:00:00Z"),
        )
    # 己 also has a later, perfect retake, named so that it sorts first: the first attempt
    # is the earliest `submitted`, not the first file.
    write(
        results, "0-己-retake.json", result("己", answers_for([1, 1, 1, 1]), "2026-11-20T09:00:00Z")
    )
    # 戊 picked option C on q1 instead of B (this replaces the file written above).
    write(
        results,
        "4-戊.json",
        result("戊", {"q1": 2, "q2": 1, "q3": 1, "q4": 0}, "2026-11-05T09:00:00Z"),
    )
    out = tmp_path / "out"
    run = academy(root, "report", str(results), "-o", str(out))
    return run, out


def test_item_analysis_matches_the_hand_computed_values(cohort):
    run, out = cohort
    assert run.returncode == 0, run.stdout + run.stderr
    assert "已评分 7 个结果文件（6 位学员）" in run.stdout
    items = {row["题目"]: row for row in rows(out / "questions.csv")}
    assert {row["作答人数"] for row in items.values()} == {"6"}  # first attempts only

    # Facility: share right. q1 5/6, q2 3/6, q3 3/6, q4 2/6.
    for question, facility in {"q1": 5 / 6, "q2": 3 / 6, "q3": 3 / 6, "q4": 2 / 6}.items():
        assert float(items[question]["难度（得分率）"]) == pytest.approx(facility, abs=1e-4)

    # Upper/lower 27 %: round(0.27 × 6) = 2 trainees each. Upper 甲 (4), 乙 (3); lower 戊, 己 (1 each).
    # q1: 2/2 − 1/2 = 0.5; q2: 1 − 0 = 1; q3: 1 − 0 = 1; q4: 1/2 − 1/2 = 0.
    for question, difference in {"q1": 0.5, "q2": 1.0, "q3": 1.0, "q4": 0.0}.items():
        assert float(items[question]["高低分组差"]) == pytest.approx(difference, abs=1e-4)

    # Discrimination: Pearson r of the item with the rest of the test.
    # q4: x = 1,0,0,0,1,0; rest = 3,3,2,2,0,1; means 1/3 and 11/6.
    #   Sxy = −2/3, Sxx = 4/3, Syy = 41/6  →  r = (−2/3) / √(4/3 · 41/6) = −0.2209
    assert float(items["q4"]["区分度"]) == pytest.approx(
        (-2 / 3) / math.sqrt(4 / 3 * 41 / 6), abs=1e-4
    )
    # q1: x = 1,1,1,1,0,1; rest = 3,2,1,1,1,0; Sxy = 1/3, Sxx = 5/6, Syy = 16/3  →  r = 0.1581
    assert float(items["q1"]["区分度"]) == pytest.approx(
        (1 / 3) / math.sqrt(5 / 6 * 16 / 3), abs=1e-4
    )
    # q2 against an independent implementation (the standard library)
    assert float(items["q2"]["区分度"]) == pytest.approx(
        statistics.correlation([1, 1, 1, 0, 0, 0], [3, 2, 1, 2, 1, 1]), abs=1e-4
    )

    # Distractors: q1 was answered C once (戊), A five times; q4: A twice, B four times.
    assert items["q1"]["选项分布"] == "A(正确):5；B:0；C:1"
    assert items["q4"]["选项分布"] == "A(正确):2；B:4；C:0"

    # Flags: q4 discriminates negatively (a likely wrong key) and a distractor beats the key;
    # q1 discriminates weakly (0.158 < 0.2).
    assert (
        "区分度为负" in items["q4"]["标记"]
        and "错误选项被选得比正确答案还多" in items["q4"]["标记"]
    )
    assert "区分度低" in items["q1"]["标记"]
    assert items["q2"]["标记"] == ""


def test_test_statistics_and_html_report(cohort):
    _run, out = cohort
    html = (out / "report.html").read_text(encoding="utf-8")
    # Totals 4,3,2,2,1,1: mean 13/6 = 2.2; sample SD √(41/30) = 1.2.
    # α = 4/3 · (1 − Σ p(1−p) / var) = 4/3 · (1 − (31/36) / (41/36)) = 40/123 = 0.33
    assert "平均分 2.2，标准差 1.2" in html
    assert f"Cronbach's α（KR-20）{40 / 123:.2f}" in html
    assert "需要检查的题目（2）" in html and 'href="#item-hand-q4"' in html
    # self-contained: no script, no outside reference, charts inline
    assert "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert html.count("<svg") >= 4
    trainees = {row["姓名"]: row for row in rows(out / "trainees.csv")}
    assert (
        trainees["己"]["提交次数"] == "2" and trainees["己"]["岗位认知"] == "SOC-运营岗位"
    )  # latest attempt counts
    first = {(row["姓名"], row["第一次作答"]) for row in rows(out / "attempts.csv")}
    assert ("己", "是") in first and ("己", "否") in first


def test_bad_files_are_listed_with_a_reason_and_never_stop_the_report(tmp_path):
    root = project(tmp_path)
    results = tmp_path / "results"
    good = result("甲", answers_for([1, 1, 0, 0]), "2026-11-01T09:00:00Z")
    write(results, "good.json", good)
    write(results, "truncated.json", json.dumps(good)[:80])
    write(results, "old-version.json", {**good, "quiz": {"id": "hand", "version": 2}})
    write(results, "not-a-result.json", "[1, 2]")
    write(results, "binary.json", b"\x00\xff\xfe")
    write(results, "deep.json", "[" * 100_000 + "]" * 100_000)
    write(results, "huge.json", '{"pad": "' + "x" * (5 * 1024 * 1024 + 10) + '"}')
    write(results, "no-time.json", {**good, "submitted": "昨天"})
    write(results, "notes.txt", "not a result")  # not .json: not read from a folder
    run = academy(root, "report", str(results), "-o", str(tmp_path / "out"))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "已评分 1 个结果文件（1 位学员），拒绝 7 个" in run.stdout
    for reason in [
        "不是有效的 JSON",
        "第 2 版，当前题库是第 3 版",
        "不是测验结果文件",
        "不是 UTF-8",
        "文件过大",
        "提交时间",
        "嵌套过深",
    ]:
        assert reason in run.stdout, reason
    rejected = rows(tmp_path / "out" / "rejected.csv")
    assert len(rejected) == 7 and all(row["原因"] for row in rejected)
    assert "被拒绝的文件" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_altered_scores_are_flagged_and_recomputed(tmp_path):
    root = project(tmp_path)
    results = tmp_path / "results"
    honest = academy_score(root, tmp_path)
    write(results, "honest.json", honest)
    cheat = json.loads(json.dumps(honest))
    cheat["trainee"]["name"] = "乙"
    cheat["score"]["knowledge"]["earned"] = 4
    write(results, "cheat.json", cheat)
    run = academy(root, "report", str(results), "-o", str(tmp_path / "out"))
    assert run.returncode == 1
    assert "改动  " in run.stdout and "cheat.json" in run.stdout and "honest.json" not in run.stdout
    attempts = {row["姓名"]: row for row in rows(tmp_path / "out" / "attempts.csv")}
    assert attempts["乙"]["得分"] == "1.0" and attempts["乙"]["核对结果"].startswith("得分被改动")
    assert attempts["甲"]["核对结果"] == "一致"


def academy_score(root: Path, tmp_path: Path) -> dict:
    """A result whose score is what the browser writes: whole numbers without '.0'."""
    from academy.core.model import load_model
    from academy.core.quizzes import load_quizzes
    from academy.scoring.ladder import score_attempt
    from academy.scoring.spec import scoring_spec

    model = load_model(root / "quizzes" / "spcm.yml")
    quiz = load_quizzes(
        [(root / "quizzes" / "hand.yml", "hand.yml")], model, {"soc/mission.md": object()}
    )[0]["hand"]
    answers = answers_for([1, 0, 0, 0])
    score = score_attempt(scoring_spec(quiz, model), answers, "soc-ops")
    browser_json = (
        json.dumps(score).replace(".0,", ",").replace(".0}", "}")
    )  # JSON.stringify(1.0) is "1"
    return result("甲", answers, "2026-11-01T09:00:00Z", score=json.loads(browser_json))


def test_hostile_names_are_escaped_in_html_and_neutralised_in_csv(tmp_path):
    root = project(tmp_path)
    results = tmp_path / "results"
    names = [
        "<img src=x onerror=alert(1)>",
        '=HYPERLINK("http://evil.example","点我")',
        "+1+1",
        "-2",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "＝1+1",
    ]
    for index, name in enumerate(names):
        write(
            results,
            f"{index}.json",
            result(name, answers_for([1, 0, 1, 0]), f"2026-11-0{index + 1}T09:00:00Z"),
        )
    run = academy(root, "report", str(results), "-o", str(tmp_path / "out"))
    assert run.returncode == 0, run.stdout + run.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    text = (tmp_path / "out" / "trainees.csv").read_text(encoding="utf-8-sig")
    written = [row["姓名"] for row in rows(tmp_path / "out" / "trainees.csv")]
    assert not [
        cell
        for cell in written
        if cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"))
    ]
    for name in ['=HYPERLINK("http://evil.example","点我")', "+1+1", "-2", "@SUM(A1)", "＝1+1"]:
        assert "'" + name in written, name
    assert '"\'=HYPERLINK(""http://evil.example"",""点我"")"' in text


def test_usage_errors(tmp_path):
    root = project(tmp_path)
    missing = academy(root, "report", "nowhere/", "-o", str(tmp_path / "out"))
    assert missing.returncode == 2 and "找不到这个文件或文件夹" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = academy(root, "report", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert empty.returncode == 2 and "没有找到任何 .json 结果文件" in empty.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    clash = academy(root, "report", str(tmp_path / "empty"), "-o", str(tmp_path / "file"))
    assert clash.returncode == 2 and "不是文件夹" in clash.stderr
    no_output = academy(root, "report", str(tmp_path / "empty"))
    assert no_output.returncode == 2
    assert "Traceback" not in missing.stderr + empty.stderr + clash.stderr + no_output.stderr
