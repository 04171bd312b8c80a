"""Inline SVG charts: no script, no external reference, every label escaped."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

# Level 0 (none reached / unassessed) then levels from low to high.
LEVEL_COLOURS = ("#d0d4da", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
TEXT_ON = ("#1f2328", "#1f2328", "#1f2328", "#ffffff", "#ffffff")
MIN_LABELLED_WIDTH = 18  # a bar segment narrower than this (px) shows no count


def colour(index: int) -> str:
    return LEVEL_COLOURS[min(max(index, 0), len(LEVEL_COLOURS) - 1)]


def _svg(width: float, height: float, title: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _text(
    x: float, y: float, text: str, anchor: str = "start", size: int = 12, fill: str = "#1f2328"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def stacked_bars(
    title: str, rows: Sequence[tuple[str, Sequence[int]]], legend: Sequence[str]
) -> str:
    """One horizontal bar per row, split into segments (counts per level, level 0 first)."""
    label_width, bar_width, row_height = 230, 420, 26
    height = 30 + row_height * len(rows) + 30
    parts = []
    for r, (label, counts) in enumerate(rows):
        y = 10 + r * row_height
        total = sum(counts) or 1
        parts.append(_text(label_width - 8, y + 16, label, "end"))
        x = float(label_width)
        for index, count in enumerate(counts):
            width = bar_width * count / total
            if count:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{row_height - 6}" '
                    f'fill="{colour(index)}">'
                    f"<title>{escape(legend[index])}：{count} 人</title></rect>"
                )
                if width > MIN_LABELLED_WIDTH:
                    parts.append(
                        _text(
                            x + width / 2, y + 15, str(count), "middle", 11, TEXT_ON[min(index, 4)]
                        )
                    )
            x += width
        parts.append(_text(label_width + bar_width + 6, y + 15, f"{sum(counts)} 人", size=11))
    y = 20 + row_height * len(rows)
    x = 10.0
    for index, name in enumerate(legend):
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="12" height="12" fill="{colour(index)}"/>')
        parts.append(_text(x + 16, y + 11, name, size=11))
        x += 24 + 12 * len(name)
    return _svg(label_width + bar_width + 60, height, title, "".join(parts))


def heat_map(
    title: str,
    rows: Sequence[tuple[str, Sequence[int]]],
    columns: Sequence[str],
    labels: Sequence[str],
) -> str:
    """rows: (trainee, level index per column); labels: short text per level index."""
    left, top, cell_w, cell_h = 150, 60, 62, 22
    parts = [
        _text(left + c * cell_w + cell_w / 2, top - 10, name, "middle", 12)
        for c, name in enumerate(columns)
    ]
    for r, (name, values) in enumerate(rows):
        y = top + r * cell_h
        parts.append(_text(left - 6, y + 15, name, "end", 12))
        for c, value in enumerate(values):
            x = left + c * cell_w
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'fill="{colour(value)}">'
                f"<title>{escape(name)} · {escape(columns[c])}：{escape(labels[value])}</title>"
                "</rect>"
            )
            parts.append(
                _text(
                    x + cell_w / 2 - 1,
                    y + 15,
                    labels[value] if value else "—",
                    "middle",
                    11,
                    TEXT_ON[min(value, 4)],
                )
            )
    return _svg(
        left + cell_w * len(columns) + 10, top + cell_h * len(rows) + 10, title, "".join(parts)
    )


def radar(
    title: str, axes: Sequence[str], values: Sequence[int], target: Sequence[int] | None, top: int
) -> str:
    """Level reached per axis (0..top) as a polygon, the target as a dashed one."""
    size, centre, radius = 300, 150.0, 95.0
    count = len(axes)

    def point(axis: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / count
        share = value / top if top else 0
        return centre + radius * share * math.cos(angle), centre + radius * share * math.sin(angle)

    parts = []
    for ring in range(1, top + 1):
        ring_points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(a, ring) for a in range(count))
        )
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="#d0d4da"/>')
    for axis, name in enumerate(axes):
        x, y = point(axis, top)
        parts.append(
            f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d0d4da"/>'
        )
        lx, ly = point(axis, top * 1.28)
        parts.append(_text(lx, ly + 4, name, "middle", 11))
    if target is not None:
        target_points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(a, v) for a, v in enumerate(target))
        )
        parts.append(
            f'<polygon points="{target_points}" fill="none" stroke="#c2410c" stroke-width="2" '
            'stroke-dasharray="5 3"/>'
        )
    reached = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(a, v) for a, v in enumerate(values)))
    parts.append(
        f'<polygon points="{reached}" fill="#2171b5" fill-opacity="0.35" stroke="#08306b" '
        'stroke-width="2"/>'
    )
    return _svg(size, size, title, "".join(parts))


def share_bars(title: str, rows: Sequence[tuple[str, int, int]]) -> str:
    """rows: (label, part, whole) drawn as a bar of part/whole with the percentage."""
    label_width, bar_width, row_height = 260, 360, 24
    parts = []
    for r, (label, part, whole) in enumerate(rows):
        y = 6 + r * row_height
        share = part / whole if whole else 0.0
        parts.append(_text(label_width - 8, y + 14, label, "end"))
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{bar_width}" height="{row_height - 6}" '
            'fill="#eef1f4"/>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{bar_width * share:.1f}" '
            f'height="{row_height - 6}" fill="#2171b5"/>'
        )
        parts.append(
            _text(label_width + bar_width + 6, y + 14, f"{part}/{whole}（{share:.0%}）", size=11)
        )
    return _svg(label_width + bar_width + 110, 12 + row_height * len(rows), title, "".join(parts))
