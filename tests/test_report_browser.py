"""The report opens from a file share in Chromium with no request leaving the folder."""

from __future__ import annotations

import pytest

from support.site import academy
from test_report import MATRIX, answers_for, project, result, write

pytestmark = pytest.mark.browser


def test_report_loads_offline_with_no_outside_request(tmp_path, tabs):
    root = project(tmp_path)
    results = tmp_path / "results"
    for index, (name, row) in enumerate(MATRIX.items()):
        write(
            results,
            f"{index}.json",
            result(name, answers_for(row), f"2026-11-0{index + 1}T09:00:00Z"),
        )
    out = tmp_path / "out"
    assert academy(root, "report", str(results), "-o", str(out)).returncode == 0
    tab = tabs.open(offline=True)
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    url = (out / "report.html").as_uri()
    tab.goto(url)
    assert tab.locator("h1").inner_text() == "学员测验结果报告"
    assert tab.locator("svg[role=img]").count() >= 4
    box = tab.locator("svg[role=img]").first.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 30  # the charts are drawn
    assert requests == [url]
    assert tabs.errors == []
