"""Checks every content page of a site, collecting all problems at once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .front_matter import PageMeta, read_page_meta
from .model import Model
from .learning_paths import LearningPath, PathContext, read_paths
from .placeholders import Placeholder, find_placeholders, placeholder_problems
from .quizzes import Quiz, load_quizzes
from .problems import Problem, ProblemsFound


@dataclass
class Pages:
    """What the checks learned about the content pages, keyed by docs-relative path."""

    metas: dict[str, PageMeta] = field(default_factory=dict)
    headings: dict[str, dict[str, str]] = field(default_factory=dict)  # page -> {id: heading}
    placeholders: dict[str, list[Placeholder]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def teaching(self) -> dict[str, list[str]]:
        """SPCM dimension -> the content pages that teach it (not paths, not the home page), by path."""
        found: dict[str, list[str]] = {}
        for page, meta in sorted(self.metas.items()):
            if not page.startswith("paths/") and page != "index.md":
                for dimension in meta.spcm:
                    found.setdefault(dimension, []).append(page)
        return found


_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*\{[^}]*#([\w-]+)[^}]*\}\s*$", re.M)


def check_pages(pages: Iterable[tuple[Path, str, str]], model: Model) -> Pages:
    """Read each (file, docs-relative path, shown path): front matter, widgets, headings."""
    found = Pages()
    for file, key, shown in pages:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            found.problems.append(Problem(shown, 1, 0, "文件不是 UTF-8 编码", "用 UTF-8 编码另存此文件。"))
            continue
        found.placeholders[key] = find_placeholders(text)
        found.headings[key] = {anchor: title for title, anchor in _HEADING.findall(text)}
        try:
            found.metas[key] = read_page_meta(text, shown, model)
        except ProblemsFound as error:
            found.problems.extend(error.problems)
    return found


def markdown_files(docs_dir: Path, shown_from: Path) -> list[tuple[Path, str, str]]:
    """Every Markdown file under docs_dir: (file, docs-relative path, path shown to authors)."""
    files = sorted(docs_dir.rglob("*.md"))
    return [
        (file, file.relative_to(docs_dir).as_posix(), shown_path(file, shown_from)) for file in files
    ]


def shown_path(file: Path | str, base: Path) -> str:
    """`file` relative to `base` (the project folder), as authors know it."""
    file = Path(file)
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


@dataclass
class Course:
    pages: Pages
    paths: list[LearningPath]
    quizzes: dict[str, Quiz]

    @property
    def problems(self) -> list[Problem]:
        return self.pages.problems


def check_course(
    files: Iterable[tuple[Path, str, str]],
    model: Model,
    log_page: str,
    quiz_banks: Iterable[tuple[Path, str]] = (),
) -> Course:
    """Every check that needs only the source files: pages, quiz banks, paths, widgets."""
    files = list(files)
    pages = check_pages(files, model)
    quizzes, problems = load_quizzes(quiz_banks, model, pages.metas)
    pages.problems.extend(problems)
    shown = {key: shown for _, key, shown in files}
    titles = {quiz.id: (quiz.title, quiz.minutes) for quiz in quizzes.values()}
    context = PathContext(pages.metas, pages.headings, model.role_ids, titles, log_page)
    paths, problems = read_paths(pages.metas, context, lambda key: shown.get(key, key))
    pages.problems.extend(problems)
    questions = {quiz.id: {q.id for q in quiz.questions} for quiz in quizzes.values()}
    for key, found in pages.placeholders.items():
        pages.problems.extend(placeholder_problems(found, shown.get(key, key), questions))
    return Course(pages, paths, quizzes)
