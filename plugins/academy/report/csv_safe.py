"""CSV files that are safe to open in Excel or WPS (OWASP "CSV injection").

A text cell starting with = + - @ tab or CR (or their full-width forms, which
spreadsheets in Chinese locales may treat the same way) is read as a formula;
such a cell gets a leading apostrophe. Numbers we compute are written as
numbers. Files are UTF-8 with a BOM so Excel shows Chinese correctly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from academy.core.atomic import atomic_write

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

Cell = str | int | float | bool | None


def safe_cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """Write atomically: a half-written CSV never replaces a complete one."""
    with atomic_write(path, encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([safe_cell(cell) for cell in header])
        for row in rows:
            writer.writerow([safe_cell(cell) for cell in row])
