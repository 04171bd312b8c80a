"""A site project as the `academy` command sees it: settings read from mkdocs.yml,
and every check of its content, the same ones the MkDocs build runs."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from academy.core.course import Course, check_course, markdown_files, shown_path
from academy.core.front_matter import split_front_matter
from academy.core.model import Model, load_model
from academy.core.learning_paths import check_anchors
from academy.core.problems import Problem, ProblemsFound
from academy.core.quizzes import check_quiz_refs, quiz_files


@dataclass(frozen=True)
class Settings:
    base: Path
    docs_dir: Path
    model: Path
    log_page: str
    extensions: list[Any]
    extension_configs: dict[str, Any]


def read_settings(config_file: Path) -> Settings | None:
    """docs_dir and the model path, read the way `mkdocs build` reads them."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        print(f"找不到站点配置文件 {config_file}。请在项目根目录运行，或用 -f 指定。", file=sys.stderr)
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
        extensions=config.markdown_extensions,
        extension_configs=config.mdx_configs,
    )



@dataclass
class Project:
    settings: Settings
    model: Model | None
    course: Course | None
    problems: list[Problem]


def load_project(settings: Settings, anchors: bool = True) -> Project:
    """Run every check; `anchors` also renders the pages that steps and refs point into."""
    try:
        model = load_model(settings.model, shown_as=shown_path(settings.model, settings.base))
    except ProblemsFound as found:
        return Project(settings, None, None, found.problems)
    files = markdown_files(settings.docs_dir, settings.base)
    banks = [(bank, shown_path(bank, settings.base)) for bank in quiz_files(settings.model.parent, settings.model)]
    course = check_course(files, model, settings.log_page, banks)
    problems = list(course.problems)
    if anchors and not problems:
        shown = {key: shown for _, key, shown in files}
        targets = {s.target for p in course.paths for s in p.steps if s.kind == "section"}
        targets |= {page for quiz in course.quizzes.values() for q in quiz.questions for page, anchor, _ in q.refs if anchor}
        ids = rendered_ids(settings, targets)
        problems = check_anchors(course.paths, ids, lambda key: shown.get(key, key))
        problems += check_quiz_refs(course.quizzes, ids)
    return Project(settings, model, course, problems)


def rendered_ids(settings: Settings, pages: set[str]) -> dict[str, set[str]]:
    """Element ids of pages rendered with the site's Markdown extensions."""
    import markdown

    ids = {}
    for page in pages:
        text = (settings.docs_dir / page).read_text(encoding="utf-8-sig")
        _, body = split_front_matter(text, page)
        renderer = markdown.Markdown(extensions=settings.extensions, extension_configs=settings.extension_configs)
        ids[page] = set(re.findall(r'\sid="([^"]+)"', renderer.convert(body)))
    return ids
