"""The pages `academy search` indexes, rendered as the build renders them: the
trainers' pages with their widgets (a path page lists its modules and steps), the
generated quiz pages and the 术语表, so that the command and the site's search box
search the same pages."""

from __future__ import annotations

import hashlib
import posixpath

from academy.core.course import Course
from academy.core.glossary import GLOSSARY_PAGE
from academy.render.extension import AcademyExtension
from academy.render.glossary_page import glossary_page_source
from academy.render.learning import UrlFor
from academy.render.page import CourseWidgets, PageRef
from academy.render.quiz_page import quiz_page, quiz_page_source
from academy.search.corpus import SitePages, page_url
from academy.search.service import searchable_pages

from .settings import Settings


def site_pages(course: Course, settings: Settings) -> SitePages:
    titles = searchable_pages(course.pages.metas)
    generated = {
        quiz_page(quiz.id): quiz_page_source(quiz, course) for quiz in course.quizzes.values()
    }
    for quiz in course.quizzes.values():
        titles[quiz_page(quiz.id)] = quiz.title
    if course.glossary is not None:
        generated[GLOSSARY_PAGE] = glossary_page_source(course.glossary, course)
        titles[GLOSSARY_PAGE] = "术语表"
    widgets = AcademyExtension(CourseWidgets(course, "", settings.reflection_questions))

    def before_page(page: str) -> None:
        widgets.page = PageRef(page, _links_from(page))

    with_widgets = (
        {path.page for path in course.paths}
        | set(generated)
        | {page for page, found in course.pages.placeholders.items() if found}
    )
    shown = _course_digest(course, settings)
    return SitePages(
        titles=titles,
        extensions=[*settings.extensions, widgets],
        configs=settings.extension_configs,
        generated=generated,
        before_page=before_page,
        depends=dict.fromkeys(with_widgets, shown),
    )


def _links_from(page: str) -> UrlFor:
    def url_for(src: str, anchor: str) -> str:
        url = posixpath.relpath(page_url(src), posixpath.dirname(page) or ".")
        return f"{url}#{anchor}" if anchor else url

    return url_for


def _course_digest(course: Course, settings: Settings) -> str:
    """Changes when what a widget shows of other files changes: page titles and
    minutes, the banks, the model and the glossary."""
    parts = [
        f"{page}\t{meta.title}\t{meta.minutes}" for page, meta in sorted(course.pages.metas.items())
    ]
    for path in [course.model_file, *course.banks, settings.glossary]:
        if path is not None and path.is_file():
            parts.append(path.read_text(encoding="utf-8-sig"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
