"""CSV files that are safe to open in Excel or WPS (OWASP "CSV injection").

A text cell starting with = + - @ tab or CR (or their full-width forms, which
spreadsheets in Chinese locales may treat the same way) is read as a formula;
such a cell gets a leading apostrophe. Numbers we compute are written as
numbers. Files are UTF-8 with a BOM so Excel shows Chinese correctly.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

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
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow([safe_cell(cell) for cell in header])
            for row in rows:
                writer.writerow([safe_cell(cell) for cell in row])
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
