"""CSV files from the report cannot run formulas in Excel or WPS (OWASP CSV injection)."""

from __future__ import annotations

import csv

import pytest

from academy.report.csv_safe import safe_cell, write_csv


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-1+A1", "@SUM(A1:A2)", "\t=1", "\r=1", "\n=1", "＝1", "＋1", "－1", "＠x"],
)
def test_cells_that_a_spreadsheet_would_read_as_formulas_get_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["张三", "a=b", "1-2", "", " =x"])
def test_ordinary_text_is_unchanged(value):
    assert safe_cell(value) == value


def test_numbers_we_compute_stay_numbers():
    assert (
        safe_cell(-0.25) == -0.25
        and safe_cell(3) == 3
        and safe_cell(None) == ""
        and safe_cell(True) == "是"
    )


def test_written_files_quote_and_neutralise(tmp_path):
    path = tmp_path / "t.csv"
    write_csv(path, ["姓名", "分数"], [['=HYPERLINK("http://x","y")', -1.5], ["李四\n第二行", 2]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows Chinese
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows == [
        ["姓名", "分数"],
        ['\'=HYPERLINK("http://x","y")', "-1.5"],
        ["李四\n第二行", "2"],
    ]
    assert not list(tmp_path.glob(".*.tmp"))
