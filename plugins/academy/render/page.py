"""Everything the course adds to one rendered page: the widgets its placeholders
ask for, the learning-path page's steps and the path bar of the paths it is in.

Engine-free: a page is its docs-relative path and a `url_for` that links from it.
The Markdown extension (extension.py) calls `CourseWidgets.render` for each page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from academy.core.course import Course
from academy.core.front_matter import Objective
from academy.core.learning_paths import LearningPath
from academy.core.placeholders import replace_placeholders

from .glossary_page import TermLinker
from .learning import (
    PathPlace,
    UrlFor,
    render_dashboard,
    render_learning_log,
    render_path,
    render_pathbar,
    render_role_picker,
)
from .quiz import QuizRenderer
from .quiz_page import bank_catalogue, quiz_page, ref_links, review_links


@dataclass(frozen=True)
class PageRef:
    """The page being rendered: its docs-relative path and how it links to others."""

    src: str
    url_for: UrlFor


@dataclass
class CourseWidgets:
    """The widgets of a checked course, for every page of one build."""

    course: Course
    site: str  # key of trainees' progress in browser storage
    reflection_questions: Sequence[str]
    build: str = field(init=False)
    paths: dict[str, LearningPath] = field(init=False)
    memberships: dict[str, list[PathPlace]] = field(init=False)

    def __post_init__(self) -> None:
        self.build = build_id([self.course.model_file, *self.course.banks])
        self.paths = {path.role: path for path in self.course.paths}
        self.memberships = {}
        for path in self.course.paths:
            here: dict[str, list[int]] = {}
            for index, step in enumerate(path.steps):
                target = quiz_page(step.target) if step.kind == "quiz" else step.target
                here.setdefault(target, []).append(index)
            for target, indexes in here.items():
                self.memberships.setdefault(target, []).append(PathPlace(path, tuple(indexes)))
        self.teaching = self.course.teaching()
        self.quizzes = QuizRenderer(self.course.model, self.site, self.build)
        glossary = self.course.glossary
        self.terms = TermLinker(glossary) if glossary is not None else None

    def replace(self, html: str, page: PageRef) -> str:
        """`html` with each <!-- academy:… --> placeholder replaced by its widget."""
        return replace_placeholders(
            html, lambda name, argument: self._widget(name, argument, page.url_for)
        )

    def around(self, page: PageRef) -> tuple[str, str]:
        """What goes after the page's title (the path bar) and at its end (a path's
        steps, the path bar's next-step button); empty for a page in no path."""
        after = "".join(
            render_path(self.site, path, page.url_for, quiz_page)
            for path in self.paths.values()
            if path.page == page.src
        )
        meta = self.course.pages.metas.get(page.src)
        objectives = render_objectives(meta.objectives) if meta is not None else ""
        memberships = self.memberships.get(page.src)
        if not memberships:
            return objectives, after
        bar, end = render_pathbar(self.site, memberships, page.url_for, quiz_page)
        return bar + objectives, after + end

    def render(self, html: str, page: PageRef) -> str:
        """A whole rendered page with its widgets (for engines that hand over finished HTML)."""
        html = self.replace(html, page)
        bar, end = self.around(page)
        heading_end = html.find("</h1>")
        at = heading_end + 5 if heading_end >= 0 else 0
        return html[:at] + bar + html[at:] + end

    def _widget(self, name: str, argument: str, url_for: UrlFor) -> str | None:
        model = self.course.model
        if name == "role-picker":
            return render_role_picker(self.site, model, self.paths, url_for)
        if name == "dashboard":
            return render_dashboard(
                self.site,
                model,
                self.paths,
                url_for,
                quiz_page,
                url_for("index.md", ""),
                bank_catalogue(self.course, url_for),
            )
        if name == "learning-log":
            return render_learning_log(self.site, self.reflection_questions)
        if name in ("quiz", "check"):
            quiz_id, _, question_id = argument.partition("/")
            quiz = self.course.quizzes.get(quiz_id)
            if quiz is None:
                return None
            only = quiz.question(question_id) if name == "check" else None
            root = url_for("index.md", "").removesuffix("index.html") or "./"
            review = review_links(self.course, quiz, self.teaching, url_for)
            banks = [] if only else bank_catalogue(self.course, url_for)
            return self.quizzes.render(
                quiz, lambda q: ref_links(self.course, q, url_for), review, only, root, banks
            )
        return None


def render_objectives(objectives: Sequence[Objective]) -> str:
    """The page's learning objectives as Material's "abstract" admonition."""
    if not objectives:
        return ""
    items = "".join(f"<li>{escape(objective.text)}</li>" for objective in objectives)
    return (
        '<div class="admonition abstract academy-objectives">'
        # The same words on every page: kept out of search, the objectives are not.
        '<p class="admonition-title" data-search-exclude>学习目标</p>'
        f"<p data-search-exclude>读完本页，你能：</p><ul>{items}</ul></div>"
    )


def build_id(sources: Sequence[Path]) -> str:
    """Changes when the model or a quiz bank changes: trainees' stored answers are keyed by it."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes() if source.is_file() else b"")
    return digest.hexdigest()[:12]
