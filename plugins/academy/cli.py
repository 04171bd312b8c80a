"""The `academy` command for trainers: a thin adapter over the package's checks."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .content import check_pages, markdown_files, shown_path
from .model import load_model
from .problems import Problem, ProblemsFound, format_all

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
    commands.add_parser("check", help="检查所有页面的页首信息和能力模型文件，列出全部问题")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return USAGE if exit.code else OK
    if args.command is None:
        parser.print_help()
        return USAGE
    return run_check(Path(args.config_file))


def run_check(config_file: Path) -> int:
    settings = _read_settings(config_file)
    if settings is None:
        return USAGE
    base, docs_dir, model_path = settings
    try:
        model = load_model(model_path, shown_as=shown_path(model_path, base))
    except ProblemsFound as found:
        return _report(found.problems)
    _, problems = check_pages(markdown_files(docs_dir, base), model)
    return _report(problems)


def _report(problems: list[Problem]) -> int:
    if problems:
        print(format_all(problems))
        print(f"\n发现 {len(problems)} 处问题。", file=sys.stderr)
        return FINDINGS
    print("检查通过：没有发现问题。")
    return OK


def _read_settings(config_file: Path) -> tuple[Path, Path, Path] | None:
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
    base = config_file.resolve().parent
    return base, Path(config.docs_dir), Path(plugin.config.model)


if __name__ == "__main__":
    sys.exit(main())
