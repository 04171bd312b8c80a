"""The widgets render through a plain Python-Markdown extension, with no MkDocs:
any engine that renders pages with Python-Markdown can show them."""

from __future__ import annotations

import markdown
from pymdownx.slugs import slugify

from academy.core.course import check_sources
from academy.render.extension import AcademyExtension
from academy.render.page import CourseWidgets, PageRef
from support.site import page, path_page, project_files, write_project

BANK = """\
id: basics
version: 1
title: 基础测验
questions:
  - id: q1
    type: truefalse
    dimension: 岗位认知
    level: soc-ops
    prompt: 甲页讲的是甲。
    answer: true
    explanation: 见甲页。
    refs: [soc/a.md#incident]
"""


PATH = path_page("page: soc/a.md", "quiz: basics")


def widgets_for(tmp_path) -> CourseWidgets:
    project = write_project(
        tmp_path,
        {
            "index.md": page("首页"),
            "soc/a.md": page(
                "甲页", "## 事件 {#incident}\n\n正文。\n\n<!-- academy:check basics/q1 -->"
            ),
            "paths/operator.md": PATH,
        },
    )
    (project / "quizzes" / "basics.yml").write_text(BANK, encoding="utf-8")
    files = project_files(project)
    course, problems = check_sources(files)
    assert course is not None and problems == []
    return CourseWidgets(course, "site-id", ["今天学到了什么？"])


def render(widgets: CourseWidgets, src: str, text: str) -> str:
    extension = AcademyExtension(widgets)
    extension.page = PageRef(
        src, lambda target, anchor: f"/{target}" + (f"#{anchor}" if anchor else "")
    )
    renderer = markdown.Markdown(
        extensions=["toc", "attr_list", "md_in_html", extension],
        extension_configs={"toc": {"slugify": slugify(case="lower")}},  # as mkdocs.yml sets it
    )
    return renderer.convert(text.split("---\n", 2)[2])


def test_a_page_in_a_path_gets_its_bar_after_the_title_and_its_knowledge_check(tmp_path):
    widgets = widgets_for(tmp_path)
    html = render(
        widgets,
        "soc/a.md",
        page("甲页", "## 事件 {#incident}\n\n正文。\n\n<!-- academy:check basics/q1 -->"),
    )

    assert html.startswith('<h1 id="甲页">甲页</h1>')  # the heading's id is the title's alone
    assert html.index('data-academy="pathbar"') < html.index('<h2 id="incident">')
    assert 'data-quiz="basics"' in html and 'data-embedded="true"' in html
    assert "<!-- academy:" not in html


def test_a_path_page_lists_its_steps_with_links_from_that_page(tmp_path):
    html = render(widgets_for(tmp_path), "paths/operator.md", PATH)

    assert '<h1 id="运营专员学习路径">' in html
    assert 'href="/soc/a.md"' in html and 'href="/quizzes/basics.md"' in html


def test_without_a_page_the_extension_leaves_the_markdown_alone(tmp_path):
    extension = AcademyExtension(widgets_for(tmp_path))
    html = markdown.Markdown(extensions=[extension]).convert(
        "# 标题\n\n<!-- academy:role-picker -->\n"
    )
    assert "<!-- academy:role-picker -->" in html
