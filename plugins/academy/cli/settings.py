"""A site project as the `academy` command sees it: settings read from mkdocs.yml
(the command's only use of MkDocs), and the build's check pipeline over its files."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from academy.core.course import (
    Course,
    CourseFiles,
    check_rendered,
    check_sources,
    linked_pages,
    markdown_files,
    shown_path,
)
from academy.core.front_matter import split_front_matter
from academy.core.model import Model
from academy.core.problems import Problem, ProblemsFound, format_all, read_utf8


@dataclass(frozen=True)
class Settings:
    base: Path
    docs_dir: Path
    model: Path
    log_page: str
    search_terms: str  # folder of the search vocabulary, relative to base
    item_checks: str  # "error", "warn" or "off"
    glossary: Path | None  # the 术语表 YAML
    reflection_questions: list[str]  # the learning log's prompts
    extensions: list[Any]
    extension_configs: dict[str, Any]


def read_settings(config_file: Path) -> Settings | None:
    """docs_dir and the model path, read the way `mkdocs build` reads them."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        print(
            f"找不到站点配置文件 {config_file}。请在项目根目录运行，或用 -f 指定。", file=sys.stderr
        )
        return None
    try:
        read_utf8(config_file, config_file.name)
    except ProblemsFound as found:
        print(format_all(found.problems), file=sys.stderr)
        return None
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        print(f"{config_file}: {error}", file=sys.stderr)
        return None
    plugin = config.plugins.get("academy")
    if plugin is None:
        print(f"{config_file}: 没有启用 academy 插件。", file=sys.stderr)
        return None
    return Settings(
        base=config_file.resolve().parent,
        docs_dir=Path(config.docs_dir),
        model=Path(plugin.config.model),
        log_page=plugin.config.learning_log_page,
        search_terms=plugin.config.search_terms,
        item_checks=plugin.config.item_checks,
        glossary=Path(plugin.config.glossary) if plugin.config.glossary else None,
        reflection_questions=list(plugin.config.reflection_questions),
        extensions=config.markdown_extensions,
        extension_configs=config.mdx_configs,
    )


@dataclass
class Project:
    settings: Settings
    course: Course | None
    problems: list[Problem]

    @property
    def model(self) -> Model | None:
        return self.course.model if self.course is not None else None


def load_project(settings: Settings, anchors: bool = True) -> Project:
    """Run the build's checks.

    `anchors` also renders the pages that steps, refs and pins point into.
    """
    files = CourseFiles(
        pages=markdown_files(settings.docs_dir, settings.base),
        model=settings.model,
        model_shown=shown_path(settings.model, settings.base),
        log_page=settings.log_page,
        terms=settings.base / settings.search_terms,
        terms_shown=settings.search_terms,
        item_checks=settings.item_checks,
        glossary=settings.glossary,
        glossary_shown=shown_path(settings.glossary, settings.base) if settings.glossary else "",
    )
    course, problems = check_sources(files)
    if anchors and course is not None and not problems:
        problems = check_rendered(course, rendered_ids(settings, linked_pages(course)))
    return Project(settings, course, problems)


def rendered_ids(settings: Settings, pages: set[str]) -> dict[str, set[str]]:
    """Element ids of pages rendered with the site's Markdown extensions."""
    import markdown

    ids = {}
    for page in pages:
        text = (settings.docs_dir / page).read_text(encoding="utf-8-sig")
        _, body = split_front_matter(text, page)
        renderer = markdown.Markdown(
            extensions=settings.extensions, extension_configs=settings.extension_configs
        )
        ids[page] = set(re.findall(r'\sid="([^"]+)"', renderer.convert(body)))
    return ids
