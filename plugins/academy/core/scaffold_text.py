"""The example text `academy new` writes for a trainer to replace, found wherever it
is still left: advice while writing, a refusal in `academy publish`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem

# Each is written by one of the files in academy/cli/scaffold_files or by
# academy/cli/new.py (a test keeps them in step).
LEFT_TEXT = (
    "（一句话说明本页讲什么）",
    "（在这里写正文。",
    "（用三到六条列出本页最重要的内容）",
    "（在这里写路径的介绍：",
    "步骤由 `academy new path` 按页面的 `roles` 预先填好",
    "（一句话说明这个测验检查什么）",
    "（示例题目，请替换）",
    "（解析：为什么 A 是正确答案）",
)
EXAMPLE_OPTION = re.compile(r"^\s*-\s*(正确的选项|错误的选项|另一个错误的选项)\s*$")
# Any of them anywhere in a file: most files have none, and are read once.
_ANYWHERE = re.compile(
    "|".join(map(re.escape, LEFT_TEXT)) + "|" + EXAMPLE_OPTION.pattern, re.MULTILINE
)


def scaffold_problems(files: Iterable[tuple[Path, str, str]]) -> list[Problem]:
    """One finding per line that still holds example text, in (file, shown path, text)
    order."""
    problems = []
    for _, shown, text in files:
        if not _ANYWHERE.search(text):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            option = EXAMPLE_OPTION.match(line)
            left = option.group(1) if option else next((t for t in LEFT_TEXT if t in line), "")
            if left:
                problems.append(
                    Problem(
                        shown,
                        number,
                        0,
                        f"“{left.rstrip('。：')}……”是新建时写下的示例文字，还没有换成真正的内容",
                        "改写这一行；学员会在站点上看到它，academy publish 在它改好之前不会发布。",
                    )
                )
    return problems
