"""The `academy` command for trainers: a thin adapter over the package's checks."""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content import check_course, markdown_files, shown_path
from .frontmatter import split_front_matter
from .paths import check_anchors
from .quiz import check_quiz_refs, quiz_files
from .model import load_model
from .problems import Problem, ProblemsFound, format_all
from .results import rescore_file

OK, FINDINGS, USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="academy",
        description="培训站点工具：检查课程内容。（Training site tools.）",
    )
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="站点配置文件（默认 mkdocs.yml）"
    )
    commands = parser.add_subparsers(dest="command", metavar="命令")
    commands.add_parser("check", help="检查所有页面、学习路径、测验题库和能力模型文件，列出全部问题")
    score = commands.add_parser("score", help="按当前题库重新评分学员导出的测验结果文件，并核对结果是否一致")
    score.add_argument("results", nargs="+", metavar="结果文件", help="学员导出的 .json 结果文件")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return USAGE if exit.code else OK
    if args.command is None:
        parser.print_help()
        return USAGE
    if args.command == "score":
        return run_score(Path(args.config_file), [Path(p) for p in args.results])
    return run_check(Path(args.config_file))


def run_score(config_file: Path, results: list[Path]) -> int:
    settings = _read_settings(config_file)
    if settings is None:
        return USAGE
    try:
        model = load_model(settings.model, shown_as=shown_path(settings.model, settings.base))
    except ProblemsFound as found:
        return _report(found.problems)
    files = markdown_files(settings.docs_dir, settings.base)
    banks = [(bank, shown_path(bank, settings.base)) for bank in quiz_files(settings.model.parent, settings.model)]
    course = check_course(files, model, settings.log_page, banks)
    if course.problems:
        return _report(course.problems)
    levels = {level.id: level.name for level in model.levels}
    status = OK
    for path in results:
        outcome = rescore_file(path, str(path), course.quizzes, model)
        if isinstance(outcome, Problem):
            print(f"拒绝  {outcome.format()}")
            status = FINDINGS
            continue
        knowledge = outcome.score["knowledge"]
        share = "—" if knowledge["share"] is None else f"{knowledge['share']:.0%}"
        overall = levels.get(outcome.score["overall"] or "", "无法确定")
        summary = (
            f"{outcome.trainee or '（未填姓名）'}，测验 {outcome.quiz.id} 第 {outcome.quiz.version} 版，"
            f"知识题 {knowledge['earned']:g}/{knowledge['possible']:g}（{share}），综合级别：{overall}"
        )
        if outcome.matches:
            print(f"一致  {path}: {summary}")
        else:
            status = FINDINGS
            print(f"不一致  {path}: 文件中的得分与重新计算的结果不同（文件可能被修改过）。重新计算：{summary}")
            for difference in outcome.differences()[:10]:
                print(f"    {difference}")
    return status


def run_check(config_file: Path) -> int:
    settings = _read_settings(config_file)
    if settings is None:
        return USAGE
    try:
        model = load_model(settings.model, shown_as=shown_path(settings.model, settings.base))
    except ProblemsFound as found:
        return _report(found.problems)
    files = markdown_files(settings.docs_dir, settings.base)
    banks = [(bank, shown_path(bank, settings.base)) for bank in quiz_files(settings.model.parent, settings.model)]
    course = check_course(files, model, settings.log_page, banks)
    problems = list(course.problems)
    if not problems:
        shown = {key: shown for _, key, shown in files}
        targets = {s.target for p in course.paths for s in p.steps if s.kind == "section"}
        targets |= {page for quiz in course.quizzes.values() for q in quiz.questions for page, anchor, _ in q.refs if anchor}
        ids = _rendered_ids(settings, targets)
        problems = check_anchors(course.paths, ids, lambda key: shown.get(key, key))
        problems += check_quiz_refs(course.quizzes, ids)
    return _report(problems)


def _rendered_ids(settings: Settings, pages: set[str]) -> dict[str, set[str]]:
    """Element ids of pages rendered with the site's Markdown extensions."""
    import markdown

    ids = {}
    for page in pages:
        text = (settings.docs_dir / page).read_text(encoding="utf-8-sig")
        _, body = split_front_matter(text, page)
        renderer = markdown.Markdown(extensions=settings.extensions, extension_configs=settings.extension_configs)
        ids[page] = set(re.findall(r'\sid="([^"]+)"', renderer.convert(body)))
    return ids


def _report(problems: list[Problem]) -> int:
    if problems:
        print(format_all(problems))
        print(f"\n发现 {len(problems)} 处问题。", file=sys.stderr)
        return FINDINGS
    print("检查通过：没有发现问题。")
    return OK


@dataclass(frozen=True)
class Settings:
    base: Path
    docs_dir: Path
    model: Path
    log_page: str
    extensions: list[Any]
    extension_configs: dict[str, Any]


def _read_settings(config_file: Path) -> Settings | None:
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


if __name__ == "__main__":
    sys.exit(main())
