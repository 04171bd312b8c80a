"""The check pipeline: every check of a course's files, collecting all problems at once.

check_sources() runs before anything is rendered, check_rendered() after; the
build, `academy check` and `academy publish` call these two and nothing else,
so they never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .front_matter import PageMeta, read_page_meta
from .glossary import (
    Glossary,
    glossary_anchor_problems,
    load_glossary,
    retired_variant_problems,
)
from .item_quality import evidence_problems, item_problems
from .learning_paths import LearningPath, PathContext, check_anchors, read_paths
from .model import Model, load_model
from .objectives import objective_problems
from .placeholders import Placeholder, find_placeholders, placeholder_problems
from .problems import Problem, ProblemsFound, read_utf8
from .quizzes import Quiz, check_quiz_refs, load_quizzes, quiz_files
from .scaffold_text import scaffold_problems
from .search_terms import Terms, load_terms


@dataclass
class Pages:
    """What the checks learned about the content pages, keyed by docs-relative path."""

    metas: dict[str, PageMeta] = field(default_factory=dict)
    headings: dict[str, dict[str, str]] = field(default_factory=dict)  # page -> {id: heading}
    placeholders: dict[str, list[Placeholder]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*\{[^}]*#([\w-]+)[^}]*\}\s*$", re.M)


def _section_ids(text: str) -> dict[str, str]:
    return {anchor: title for title, anchor in _HEADING.findall(text)}


def check_pages(pages: Iterable[tuple[Path, str, str]], model: Model) -> Pages:
    """Read each (file, docs-relative path, shown path): front matter, widgets, headings."""
    found = Pages()
    for file, key, shown in pages:
        try:
            text = read_utf8(file, shown)
        except ProblemsFound as error:
            found.problems.extend(error.problems)
            # Still a page, whose section ids are ASCII: links to it are not reported too.
            found.headings[key] = _section_ids(file.read_bytes().decode("utf-8", "replace"))
            found.metas[key] = PageMeta.unreadable(key)
            continue
        found.placeholders[key] = find_placeholders(text)
        found.headings[key] = _section_ids(text)
        try:
            found.metas[key] = read_page_meta(text, shown, model)
        except ProblemsFound as error:
            found.problems.extend(error.problems)
            found.metas[key] = PageMeta.unreadable(key)
    return found


def markdown_files(docs_dir: Path, shown_from: Path) -> list[tuple[Path, str, str]]:
    """Every Markdown file under docs_dir: (file, docs-relative path, path shown to authors)."""
    files = sorted(docs_dir.rglob("*.md"))
    return [
        (file, file.relative_to(docs_dir).as_posix(), shown_path(file, shown_from))
        for file in files
    ]


def shown_path(file: Path | str, base: Path) -> str:
    """`file` relative to `base` (the project folder), as authors know it."""
    file = Path(file)
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


@dataclass(frozen=True)
class CourseFiles:
    """Where the files a trainer edits are; the build and `academy check` find the same ones."""

    pages: list[tuple[Path, str, str]]  # (file, docs-relative path, path shown to trainers)
    model: Path
    model_shown: str
    log_page: str  # the learning-log page that paths may end on
    terms: Path  # the search vocabulary folder (dictionary.txt, synonyms.yml)
    terms_shown: str
    item_checks: str = "warn"  # item-writing problems are "error"s, "warn" (advice only) or "off"
    glossary: Path | None = None  # the 术语表 YAML; None: no glossary
    glossary_shown: str = ""


@dataclass
class Course:
    """A course whose source files passed every check."""

    model: Model
    pages: Pages
    paths: list[LearningPath]
    quizzes: dict[str, Quiz]
    terms: Terms
    model_file: Path
    banks: list[Path]
    shown: dict[str, str]  # docs-relative path -> path shown to trainers
    advice: list[Problem] = field(
        default_factory=list
    )  # item-writing problems when they are not errors
    glossary: Glossary | None = None
    scaffold: list[Problem] = field(default_factory=list)  # example text left (also in advice)

    @property
    def problems(self) -> list[Problem]:
        """What check_sources() found (a course with problems is never built)."""
        return self.pages.problems

    def shown_as(self, page: str) -> str:
        return self.shown.get(page, page)

    def teaching(self) -> dict[str, list[str]]:
        """SPCM dimension -> the study pages that teach it (pages some learning path
        sends a trainee to, never the guide, the dashboard or a path page), by path."""
        return _teaching(self.pages.metas, self.paths)


def check_sources(files: CourseFiles) -> tuple[Course | None, list[Problem]]:
    """Every check that needs only the source files, all problems at once.

    The one pipeline of the build, `academy check` and `academy publish`: the
    model, pages, quiz banks, learning paths, widgets, related-reading pins and
    the search vocabulary. The course is None when any problem was found.
    """
    try:
        model = load_model(files.model, shown_as=files.model_shown)
    except ProblemsFound as found:
        return None, found.problems
    shown = {key: shown for _, key, shown in files.pages}
    pages = check_pages(files.pages, model)
    problems = list(pages.problems)
    banks = quiz_files(files.model.parent, files.model)
    base = Path(files.model_shown).parent.as_posix()
    bank_files = [
        (bank, bank.name if base in ("", ".") else f"{base}/{bank.name}") for bank in banks
    ]
    quizzes, bank_problems = load_quizzes(bank_files, model, pages.metas)
    problems += bank_problems
    titles = {quiz.id: (quiz.title, quiz.minutes) for quiz in quizzes.values()}
    unreadable = frozenset(bank.stem for bank in banks) - quizzes.keys()
    context = PathContext(
        pages.metas, pages.headings, model.role_ids, titles, files.log_page, unreadable
    )
    paths, path_problems = read_paths(pages.metas, context, lambda key: shown.get(key, key))
    problems += path_problems
    questions = {quiz.id: {q.id for q in quiz.questions} for quiz in quizzes.values()}
    for key, placeholders in pages.placeholders.items():
        problems += placeholder_problems(placeholders, shown.get(key, key), questions)
    problems += _check_pins(pages.metas, shown)
    problems += objective_problems(pages.metas, quizzes, shown)
    written = _readable([(file, shown) for file, _, shown in files.pages] + bank_files)
    glossary = None
    if files.glossary is not None:
        try:
            glossary = load_glossary(files.glossary, files.glossary_shown, pages.metas)
        except ProblemsFound as error:
            problems += error.problems
        else:
            problems += retired_variant_problems(glossary, written)
    try:
        terms = load_terms(files.terms if files.terms.is_dir() else None, files.terms_shown)
    except ProblemsFound as error:
        problems += error.problems
        terms = Terms()
    advice = _advice(files, model, paths, quizzes, shown, unreadable, path_problems)
    if files.item_checks == "error":
        problems, advice = problems + advice, []
    if not path_problems:
        # Always advice: a new page is often written before a path takes it. (Unknown
        # while a path has problems: its pages would all be listed.)
        advice += _spcm_outside_course(pages.metas, paths, shown)
    scaffold = scaffold_problems(written)  # advice while writing; publish refuses them
    pages.problems = problems
    course = Course(
        model,
        pages,
        paths,
        quizzes,
        terms,
        files.model,
        banks,
        shown,
        advice + scaffold,
        glossary,
        scaffold,
    )
    return course, problems


def _readable(files: list[tuple[Path, str]]) -> list[tuple[Path, str, str]]:
    """(file, shown path, text) of the trainer's files that can be read, for the checks
    that look at their words; the others are reported by their own checks."""
    found = []
    for file, shown in files:
        try:
            found.append((file, shown, read_utf8(file, shown)))
        except (ProblemsFound, OSError):
            continue
    return found


def _advice(
    files: CourseFiles,
    model: Model,
    paths: list[LearningPath],
    quizzes: dict[str, Quiz],
    shown: dict[str, str],
    unreadable: frozenset[str],
    path_problems: list[Problem],
) -> list[Problem]:
    """The item-writing findings, and whether each path's quizzes can place its target
    (not while a bank or a path has problems: its cells would all look short)."""
    if files.item_checks == "off":
        return []
    advice = item_problems(quizzes.values())
    if not unreadable and not path_problems:
        advice += evidence_problems(model, paths, quizzes, shown)
    return advice


def check_rendered(course: Course, ids: Mapping[str, set[str]]) -> list[Problem]:
    """Checks of the rendered pages: every section a path step, a question's refs or a
    related-reading pin points at must exist. `ids`: element ids of the rendered pages
    (in a --dirty build only the pages rendered this time)."""
    problems = check_anchors(course.paths, ids, course.shown_as)
    problems += check_quiz_refs(course.quizzes, ids)
    for page, meta in sorted(course.pages.metas.items()):
        if isinstance(meta.related, tuple):
            for target, line in zip(meta.related, meta.related_lines, strict=True):
                linked, _, anchor = target.partition("#")
                if anchor and linked in ids and anchor not in ids[linked]:
                    problems.append(
                        Problem(
                            course.shown_as(page),
                            line,
                            0,
                            f"related 中的页面 {linked} 没有小节“#{anchor}”",
                            "检查小节标题后面的 {#id}，或改为整页：去掉 # 及其后面的部分。",
                        )
                    )
    if course.glossary is not None:
        problems += glossary_anchor_problems(course.glossary, ids)
    return problems


def _teaching(metas: Mapping[str, PageMeta], paths: list[LearningPath]) -> dict[str, list[str]]:
    studied = {
        step.target for path in paths for step in path.steps if step.kind in ("page", "section")
    }
    found: dict[str, list[str]] = {}
    for page, meta in sorted(metas.items()):
        if page in studied:
            for dimension in meta.spcm:
                found.setdefault(dimension, []).append(page)
    return found


def _spcm_outside_course(
    metas: Mapping[str, PageMeta], paths: list[LearningPath], shown: Mapping[str, str]
) -> list[Problem]:
    """`spcm` on a page no learning path teaches (the guide, the dashboard, the log):
    it would be offered to trainees as review material."""
    studied = {
        step.target for path in paths for step in path.steps if step.kind in ("page", "section")
    }
    path_pages = {path.page for path in paths}
    return [
        Problem(
            shown.get(page, page),
            meta.data.line_of("spcm") if "spcm" in meta.data else 1,
            0,
            "这个页面不在任何学习路径中，却写了 spcm：测验结果会把它当作复习材料推荐给学员",
            "作者指南、我的学习、学习日志这类不是课程内容的页面，删去 spcm 这一行；"
            "如果它是课程内容，把它加入相应的学习路径。",
        )
        for page, meta in sorted(metas.items())
        if meta.spcm and page not in studied and page not in path_pages and page != "index.md"
    ]


def _check_pins(metas: Mapping[str, PageMeta], shown: Mapping[str, str]) -> list[Problem]:
    """Pages pinned in `related:` must be pages of the site."""
    problems = []
    for page, meta in sorted(metas.items()):
        if isinstance(meta.related, tuple):
            for target, line in zip(meta.related, meta.related_lines, strict=True):
                if target.partition("#")[0] not in metas:
                    problems.append(
                        Problem(
                            shown.get(page, page),
                            line,
                            0,
                            f"related 中的页面“{target}”不存在",
                            "写 content/ 下的路径，例如 `soc/norms.md` 或 "
                            "`soc/norms.md#on-call-escalation`。",
                        )
                    )
    return problems
