"""`academy check --coverage` as text tables for a terminal (CJK-width aware)."""

from __future__ import annotations

import unicodedata

from academy.core.coverage import Coverage
from academy.core.model import Model


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def table(header: list[str], rows: list[list[str]]) -> str:
    sizes = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(pad(cell, sizes[i]) for i, cell in enumerate(row)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * size for size in sizes))
    return "\n".join(lines)


def format_coverage(coverage: Coverage, model: Model) -> str:
    names = {level.id: level.name for level in model.levels}
    by_cell = {(c.level, c.dimension): c for c in coverage.cells}
    rows = []
    for level in model.level_ids:
        row = [names[level]]
        for dimension in model.dimensions:
            cell = by_cell[(level, dimension)]
            row.append(f"题{cell.questions or '✗'} 指{cell.indicators or '✗'}")
        rows.append(row)
    out = [
        "覆盖情况（仅供参考，不影响检查结果）",
        "",
        "SPCM 格子（级别 × 维度）：题 = 知识题数，指 = 行为指标数，✗ = 没有",
        table(["级别", *model.dimensions], rows),
    ]

    def section(title: str, items: list[str], empty: str) -> None:
        out.append("")
        out.append(f"{title}（{len(items)}）" if items else f"{title}：{empty}")
        out.extend(f"  {item}" for item in items)

    section(
        "没有知识题的格子",
        [f"{c.dimension} × {names[c.level]}" for c in coverage.cells_without_questions],
        "无",
    )
    section(
        "没有行为指标的格子",
        [f"{c.dimension} × {names[c.level]}" for c in coverage.cells_without_indicators],
        "无",
    )
    section("不在任何学习路径中的页面", coverage.pages_in_no_path, "无")
    section("不在任何学习路径中的测验", coverage.quizzes_in_no_path, "无")
    section(
        "没有复习链接（refs）的题目",
        [f"{r.source}:{r.line}: {r.quiz}/{r.question}" for r in coverage.questions_without_refs],
        "无",
    )
    section(
        "指向不存在小节的复习链接",
        [f"{r.source}:{r.line}: {r.quiz}/{r.question} → {r.target}" for r in coverage.broken_refs],
        "无",
    )
    section(
        "没有题目检验的学习目标",
        [f"{o.page}:{o.line}: {o.id}：{o.text}" for o in coverage.objectives_without_questions],
        "无",
    )
    section("没有学习目标的课程页面", coverage.pages_without_objectives, "无")
    out.append("")
    out.append(f"共 {coverage.gaps} 处覆盖缺口。")
    return "\n".join(out)
