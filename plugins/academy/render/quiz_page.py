"""The generated page of each quiz bank, and the review links shown under a quiz."""

from __future__ import annotations

import itertools
import json
from html import escape

from academy.core.course import Course
from academy.core.quizzes import Question, Quiz

from .learning import UrlFor

QUIZ_FOLDER = "quizzes"  # where generated quiz pages live in the site
REVIEW_LINKS = 8  # pages to review per SPCM dimension under a quiz result

Link = dict[str, str]  # {"href", "title"}


def quiz_page(quiz_id: str) -> str:
    """The docs-relative path of a quiz's generated page."""
    return f"{QUIZ_FOLDER}/{quiz_id}.md"


def quiz_page_source(quiz: Quiz, course: Course) -> str:
    """The Markdown of a quiz's page: front matter and the quiz placeholder."""
    model = course.model
    dimensions = sorted({q.dimension for q in quiz.questions}, key=model.dimensions.index)
    # Material's templates print page titles unescaped; quiz text is data, never markup.
    title = escape(quiz.title)
    front = {
        "title": title,
        "summary": escape(quiz.description or quiz.title),
        "minutes": quiz.minutes,
        "roles": list(quiz.roles or model.role_ids),
        "spcm": dimensions,
    }
    lines = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items()
    )
    # Raw HTML, so that Markdown cannot turn quiz text into links or markup.
    intro = (
        f'<p class="academy-quiz__intro">{escape(quiz.description)}</p>\n\n'
        if quiz.description
        else ""
    )
    return f"---\n{lines}---\n\n<h1>{title}</h1>\n\n{intro}<!-- academy:quiz {quiz.id} -->\n"


def ref_title(course: Course, page: str, anchor: str) -> str:
    """「页面标题 · 小节标题」 for a link into a page (or the page title alone)."""
    meta = course.pages.metas.get(page)
    title = meta.title if meta else page
    heading = course.pages.headings.get(page, {}).get(anchor)
    return f"{title} · {heading}" if heading else title


def ref_links(course: Course, question: Question, url_for: UrlFor) -> list[Link]:
    """The 复习 links of one question, from its refs."""
    return [
        {"href": url_for(page, anchor), "title": ref_title(course, page, anchor)}
        for page, anchor, _ in question.refs
    ]


def review_links(
    course: Course, quiz: Quiz, teaching: dict[str, list[str]], url_for: UrlFor
) -> dict[str, list[Link]]:
    """Pages to review per dimension: this quiz's refs first, then pages that teach it."""
    review: dict[str, list[Link]] = {}
    for dimension in course.model.dimensions:
        links: list[Link] = []
        seen: set[str] = set()
        refs = [
            (page, anchor)
            for q in quiz.questions
            if q.dimension == dimension
            for page, anchor, _ in q.refs
        ]
        for page, anchor in itertools.chain(
            refs, ((page, "") for page in teaching.get(dimension, ()))
        ):
            href = url_for(page, anchor)
            if href not in seen:
                seen.add(href)
                links.append({"href": href, "title": ref_title(course, page, anchor)})
                if len(links) == REVIEW_LINKS:
                    break
        review[dimension] = links
    return review


def bank_catalogue(course: Course, url_for: UrlFor) -> list[dict[str, object]]:
    """The practice banks a trainee can take to add SPCM evidence: id, version, title,
    link, the roles it is for (empty: all) and its knowledge questions per
    dimension and level. A result uses it to say which quiz to take next."""
    banks: list[dict[str, object]] = []
    for quiz in sorted(course.quizzes.values(), key=lambda q: q.id):
        if quiz.mode != "practice":
            continue
        cells: dict[str, dict[str, int]] = {}
        for question in quiz.questions:
            if question.is_knowledge:
                levels = cells.setdefault(question.dimension, {})
                levels[question.level] = levels.get(question.level, 0) + 1
        banks.append(
            {
                "id": quiz.id,
                "version": quiz.version,
                "title": quiz.title,
                "href": url_for(quiz_page(quiz.id), ""),
                "roles": list(quiz.roles),
                "cells": cells,
            }
        )
    return banks
