"""Checks every content page of a site, collecting all problems at once."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .frontmatter import PageMeta, read_page_meta
from .model import Model
from .problems import Problem, ProblemsFound


def check_pages(
    pages: Iterable[tuple[Path, str]], model: Model
) -> tuple[dict[str, PageMeta], list[Problem]]:
    """Read the front matter of each (file, shown path); return metas and problems.

    Metas are keyed by the shown path.
    """
    metas: dict[str, PageMeta] = {}
    problems: list[Problem] = []
    for file, shown in pages:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(shown, 1, 0, "文件不是 UTF-8 编码", "用 UTF-8 编码另存此文件。"))
            continue
        try:
            metas[shown] = read_page_meta(text, shown, model)
        except ProblemsFound as found:
            problems.extend(found.problems)
    return metas, problems


def markdown_files(docs_dir: Path, shown_from: Path) -> list[tuple[Path, str]]:
    """Every Markdown file under docs_dir, with its path as shown to authors."""
    files = sorted(docs_dir.rglob("*.md"))
    return [(file, shown_path(file, shown_from)) for file in files]


def shown_path(file: Path | str, base: Path) -> str:
    """`file` relative to `base` (the project folder), as authors know it."""
    file = Path(file)
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return file.as_posix()
