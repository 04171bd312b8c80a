"""The report as one self-contained HTML file: inline CSS and SVG, no script at all.

A Content-Security-Policy meta tag forbids scripts and outside requests, so
even a hostile trainee name that slipped past escaping could not run.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime
from html import escape
from pathlib import Path

from academy.core.problems import Problem
from academy.scoring.item_analysis import EASY, FLAG_TEXT, HARD, WEAK, ItemResult
from academy.scoring.profile import describe_overall

from . import charts
from .attempts import ALTERED, STATUS_TEXT, Attempt
from .cohort import Cohort, Profile, level_index

MAX_HEAT_ROWS = 300
MAX_RADARS = 200
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

# (A backslash at the end of a line joins it to the next: the CSS stays compact.)
STYLE = """
body{font:15px/1.6 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;\
margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:26px}h2{border-bottom:2px solid #2171b5;padding-bottom:4px;margin-top:40px}
table{border-collapse:collapse;margin:12px 0;font-size:14px}\
th,td{border:1px solid #d0d4da;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
.flag{color:#9a3412;font-weight:bold}.ok{color:#166534}.muted{color:#57606a}
.facts{display:flex;flex-wrap:wrap;gap:12px;padding:0;list-style:none}\
.facts li{background:#eef1f4;padding:8px 14px;border-radius:6px}
.scroll{overflow-x:auto}details{margin:6px 0}summary{cursor:pointer}
.radars{display:flex;flex-wrap:wrap;gap:8px}\
.radars figure{margin:0;border:1px solid #d0d4da;padding:6px}
figcaption{font-size:13px;text-align:center}
@media print{details{display:block}h2{break-before:page}}
"""


def _short_levels(names: list[str]) -> list[str]:
    # The start all level names share ("Level 1", "Level 2" → "1", "2"): a prefix of
    # characters is what is wanted here, these are names, not paths.
    prefix = os.path.commonprefix(names) if len(names) > 1 else ""  # noqa: RUF071
    return [(name[len(prefix) :] or name)[:4] for name in names]


def _who(profile: Profile) -> str:
    if profile.name:
        return profile.name
    kind, _, value = profile.key.partition(":")
    # a file's name, or a learning record's actor (mailto:…, or an account's name)
    shown = Path(value).name if kind == "file" else value.rsplit("|", 1)[-1]
    return f"（未填姓名：{shown}）"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def render(
    cohort: Cohort, attempts: list[Attempt], rejected: list[Problem], generated: datetime
) -> str:
    model = cohort.model
    level_names = [lv.name for lv in model.levels]
    legend = ["未达到最低级别 / 证据不足", *level_names]
    roles = {r.id: r.name for r in model.roles}
    altered = [a for a in attempts if a.status == ALTERED]
    facts = [
        ("读取的结果文件", len(attempts) + len(rejected)),
        ("已评分", len(attempts)),
        ("被拒绝", len(rejected)),
        ("得分被改动", len(altered)),
        ("学员", len(cohort.profiles)),
        ("测验", len(cohort.analyses)),
    ]
    out = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>学员测验结果报告</title><style>{STYLE}</style></head><body>",
        "<h1>学员测验结果报告</h1>",
        f'<p class="muted">生成于 {escape(generated.strftime("%Y-%m-%d %H:%M"))}。'
        f"能力模型：{escape(model.name)}。"
        "学员的级别按每个测验<strong>最近一次</strong>提交合并评分；"
        "题目分析只用每位学员对每个测验的<strong>第一次</strong>作答。</p>",
        '<ul class="facts">'
        + "".join(f"<li>{escape(k)}：<strong>{v}</strong></li>" for k, v in facts)
        + "</ul>",
        _flagged_summary(cohort),
    ]
    out += _levels_by_role(cohort, legend, roles)
    out += _heat(cohort, level_names)
    out += _weakest(cohort)
    out += _progress(cohort)
    out += _trainees(cohort, roles, level_names)
    out += _items(cohort)
    out += _files(altered, rejected)
    out.append(_method())
    out.append("</body></html>")
    return "\n".join(out)


def _flagged_summary(cohort: Cohort) -> str:
    flagged = [(qa.quiz, r) for qa in cohort.analyses for r in qa.analysis.items if r.flags]
    if not flagged:
        return '<p class="ok">题目分析没有发现需要检查的题目。</p>'
    items = "".join(
        f'<li><a href="#item-{escape(quiz.id)}-{escape(r.item.id)}">'
        f"{escape(quiz.id)} / {escape(r.item.id)}</a>："
        f"{escape('；'.join(FLAG_TEXT[f] for f in r.flags))}</li>"
        for quiz, r in flagged
    )
    return (
        '<section aria-labelledby="check-items">'
        f'<h2 id="check-items">需要检查的题目（{len(flagged)}）</h2><ul>{items}</ul></section>'
    )


def _levels_by_role(cohort: Cohort, legend: list[str], roles: dict[str, str]) -> list[str]:
    rows = []
    by_role: dict[str, Counter[int]] = {}
    for profile in cohort.profiles:
        by_role.setdefault(profile.role or "", Counter())[
            level_index(cohort.model, profile.overall)
        ] += 1
    for role in [*cohort.model.role_ids, ""]:
        if role in by_role:
            counts = by_role[role]
            rows.append(
                (roles.get(role, "未选择角色"), [counts.get(i, 0) for i in range(len(legend))])
            )
    table = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(f'<td class="num">{c}</td>' for c in counts)
        + "</tr>"
        for label, counts in rows
    )
    head = "".join(f"<th>{escape(name)}</th>" for name in legend)
    return [
        '<h2 id="levels">各角色学员的综合级别</h2>',
        "<p>综合级别是学员各维度所达级别中最低的一个（学员做过的所有测验合在一起算）；"
        "有维度一级也没达到时，写明是“未达到”最低一级，还是“证据不足”（题目做得还不够）。</p>",
        charts.stacked_bars("各角色学员的综合级别分布", rows, legend)
        if rows
        else "<p>没有学员数据。</p>",
        "<details><summary>以表格查看</summary>"
        f"<table><tr><th>角色</th>{head}</tr>{table}</table></details>",
    ]


def _heat(cohort: Cohort, level_names: list[str]) -> list[str]:
    model = cohort.model
    shown = cohort.profiles[:MAX_HEAT_ROWS]
    rows = [
        (_who(p)[:10], [level_index(model, p.score["reached"][d]) for d in model.dimensions])
        for p in shown
    ]
    note = (
        f'<p class="muted">只显示前 {MAX_HEAT_ROWS} 位学员，完整数据见 trainees.csv。</p>'
        if len(cohort.profiles) > MAX_HEAT_ROWS
        else ""
    )
    labels = ["—", *_short_levels(level_names)]
    heat_map = ""
    if rows:
        chart = charts.heat_map("学员各维度达到的级别", rows, list(model.dimensions), labels)
        heat_map = f'<div class="scroll">{chart}</div>'
    return [
        '<h2 id="heat-map">各维度达到的级别（学员 × 维度）</h2>',
        "<p>颜色越深，级别越高；“—”表示该维度未达到最低级别或没有评估。</p>",
        heat_map,
        note,
    ]


def _weakest(cohort: Cohort) -> list[str]:
    rows = [(w.dimension, w.below, w.of) for w in cohort.weakest]
    pages = "".join(
        f"<li><strong>{escape(w.dimension)}</strong>（{w.below}/{w.of} 人未达目标）：复习 "
        + (
            "、".join(f"{escape(title)}（<code>{escape(page)}</code>）" for page, title in w.pages)
            or "暂无对应页面"
        )
        + "</li>"
        for w in cohort.weakest[:3]
        if w.below
    )
    return [
        '<h2 id="weakest">最薄弱的维度</h2>',
        "<p>每个维度中，级别低于所选角色目标级别的学员人数（未选择角色的学员不计）。</p>",
        charts.share_bars("各维度未达目标级别的学员占比", rows)
        if any(w.of for w in cohort.weakest)
        else "<p>没有选择了角色的学员。</p>",
        f"<p>建议复习：</p><ul>{pages}</ul>" if pages else "",
    ]


def _progress(cohort: Cohort) -> list[str]:
    if not cohort.progress:
        return []
    out = [
        '<h2 id="progress">学习路径进度（测验步骤）</h2>',
        "<p>每条学习路径中的测验步骤：该角色的学员中已提交该测验的人数。</p>",
    ]
    for _, title, steps in cohort.progress:
        out.append(f"<h3>{escape(title)}</h3>")
        out.append(
            charts.share_bars(
                f"{title}：测验完成情况", [(t, done, whole) for _, t, done, whole in steps]
            )
        )
    return out


def _trainees(cohort: Cohort, roles: dict[str, str], level_names: list[str]) -> list[str]:
    model = cohort.model
    names = dict(zip(model.level_ids, level_names, strict=True))
    rows = []
    for p in cohort.profiles:
        reached = level_index(model, p.overall)
        goal = level_index(model, p.target) if p.target else None
        status = (
            "—"
            if goal is None
            else (
                '<span class="ok">已达到</span>'
                if reached >= goal
                else '<span class="flag">未达到</span>'
            )
        )
        note = f"<span class=flag>有 {p.altered} 个文件得分被改动</span>" if p.altered else ""
        rows.append(
            f"<tr><td>{escape(_who(p))}</td><td>{escape(roles.get(p.role or '', '未选择'))}</td>"
            f"<td>{escape(names.get(p.target or '', '—'))}</td>"
            f"<td>{escape(describe_overall(p.score, names))}</td>"
            f'<td>{status}</td><td class="num">{len(p.quizzes)}</td>'
            f'<td class="num">{p.attempts}</td><td>{note}</td></tr>'
        )
    radars = []
    for p in cohort.profiles[:MAX_RADARS]:
        values = [level_index(model, p.score["reached"][d]) for d in model.dimensions]
        target = [level_index(model, p.target)] * len(values) if p.target else None
        svg = charts.radar(
            f"{_who(p)}：各维度级别与目标",
            list(model.dimensions),
            values,
            target,
            len(model.levels),
        )
        role = escape(roles.get(p.role or "", "未选择角色"))
        radars.append(f"<figure>{svg}<figcaption>{escape(_who(p))}（{role}）</figcaption></figure>")
    more = (
        f'<p class="muted">只画出前 {MAX_RADARS} 位学员。</p>'
        if len(cohort.profiles) > MAX_RADARS
        else ""
    )
    return [
        '<h2 id="trainees">每位学员</h2>',
        '<div class="scroll"><table><tr><th>学员</th><th>角色</th><th>目标级别</th>'
        "<th>综合级别</th><th>目标</th><th>测验数</th><th>提交次数</th><th>备注</th></tr>"
        f"{''.join(rows)}</table></div>",
        "<details><summary>每位学员的能力雷达图（蓝色：达到的级别；橙色虚线：目标级别）</summary>"
        f'<div class="radars">{"".join(radars)}</div>{more}</details>',
    ]


def _choices(result: ItemResult) -> str:
    parts = [
        f"<strong>{escape(c.label)}✓</strong> {c.count}"
        if c.correct
        else f"{escape(c.label)} {c.count}"
        for c in result.choices
    ]
    if result.blank:
        parts.append(f"未答 {result.blank}")
    return "，".join(parts)


def _items(cohort: Cohort) -> list[str]:
    out = ['<h2 id="items">题目分析（第一次作答）</h2>']
    for qa in cohort.analyses:
        test, quiz = qa.analysis, qa.quiz
        out.append(
            f'<h3 id="quiz-{escape(quiz.id)}">'
            f"{escape(quiz.title)}（{escape(quiz.id)}，第 {quiz.version} 版）</h3>"
        )
        alpha = _num(test.alpha)
        out.append(
            f"<p>作答人数 {test.attempts}，知识题 {len(test.items)} 道，满分 {test.possible:g}；"
            f"平均分 {_num(test.mean, 1)}，标准差 {_num(test.sd, 1)}，"
            f"最低 {_num(test.minimum, 1)}，最高 {_num(test.maximum, 1)}；"
            f"内部一致性 Cronbach's α（KR-20）{alpha}。</p>"
        )
        rows = []
        questions = {q.id: q for q in quiz.questions}
        for r in test.items:
            q = questions[r.item.id]
            flags = "；".join(FLAG_TEXT[f] for f in r.flags)
            rows.append(
                f'<tr id="item-{escape(quiz.id)}-{escape(q.id)}">'
                f"<td><code>{escape(q.id)}</code></td><td>{escape(q.prompt[:60])}</td>"
                f'<td>{escape(q.dimension)}</td><td class="num">{_pct(r.facility)}</td>'
                f'<td class="num">{_num(r.discrimination)}</td>'
                f'<td class="num">{_num(r.upper_lower)}</td><td>{_choices(r)}</td>'
                f'<td class="flag">{escape(flags)}</td></tr>'
            )
        out.append(
            '<div class="scroll"><table><tr><th>题目</th><th>题干</th><th>维度</th>'
            "<th>难度（得分率）</th><th>区分度</th><th>高低分组差</th><th>选项分布</th>"
            f"<th>标记</th></tr>{''.join(rows)}</table></div>"
        )
    return out


def _files(altered: list[Attempt], rejected: list[Problem]) -> list[str]:
    out = []
    if altered:
        items = "".join(
            f"<li><code>{escape(a.file)}</code>：{escape(STATUS_TEXT[a.status])}</li>"
            for a in altered
        )
        out += [
            '<h2 id="altered">得分被改动的文件</h2>',
            "<p>这些文件中的得分与按题库重新计算的结果不同，报告使用重新计算的得分。</p>",
            f"<ul>{items}</ul>",
        ]
    if rejected:
        items = "".join(
            f"<li><code>{escape(p.path)}:{p.line}</code>：{escape(p.message)}"
            + (f"<br><span class=muted>{escape(p.hint)}</span>" if p.hint else "")
            + "</li>"
            for p in sorted(rejected)
        )
        out += ['<h2 id="rejected">被拒绝的文件（未计入报告）</h2>', f"<ul>{items}</ul>"]
    return out


def _method() -> str:
    return (
        '<h2 id="method">指标说明</h2><ul>'
        "<li><strong>难度（得分率）</strong>：所有学员第一次作答在该题得分的平均占比。"
        f"不低于 {EASY:.0%} 标记为“太容易”，低于 {HARD:.0%} 标记为“太难”。</li>"
        "<li><strong>区分度</strong>：该题得分与“其余各题总分”的相关系数"
        "（校正题总相关；0/1 计分时即点二列相关）。"
        f"为负时标记为“区分度为负”（常见原因是答案写错），低于 {WEAK} 标记为“区分度低”。</li>"
        "<li><strong>高低分组差</strong>："
        "总分最高的 27% 学员与最低的 27% 学员在该题得分率之差。</li>"
        "<li><strong>选项分布</strong>：每个选项被选的次数，✓ 为正确答案。</li>"
        "<li><strong>Cronbach's α</strong>：整份测验的内部一致性，0/1 计分时等于 KR-20。</li>"
        "<li>作答人数少于 5 时不做标记，数值仅供参考。</li></ul>"
    )
