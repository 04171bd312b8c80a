"""The `academy` command for trainers: a thin adapter over the package's modules.

Each subcommand is a module in `academy.cli` with HELP, add_arguments()
and run(); exit codes are 0 (ok), 1 (findings) and 2 (usage).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from importlib import import_module

from . import argparse_zh
from .common import OK, USAGE, usage_error

# (command, module in academy.cli)
COMMANDS = (
    ("check", "check"),
    ("score", "score"),
    ("new", "new"),
    ("report", "report"),
    ("publish", "publish"),
    ("search", "search"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.exit(usage_error(self.prog, message))


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    argparse_zh.install()
    parser = _Parser(
        prog="academy", description="培训站点工具：检查内容、评分、新建页面、生成报告、发布、搜索。"
    )
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        metavar="配置文件",
        help="站点配置文件（默认 mkdocs.yml）",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="同时显示所用程序库（分词、构建）的详细输出，排查问题时用",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    modules = {}
    for name, module_name in COMMANDS:
        module = import_module(f"academy.cli.{module_name}")
        modules[name] = module
        module.add_arguments(subparsers.add_parser(name, help=module.HELP, description=module.HELP))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return USAGE if exit.code else OK
    if args.command is None:
        parser.print_help()
        return USAGE
    _libraries_speak(args.verbose)
    try:
        return int(modules[args.command].run(args))
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return USAGE
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return OK


def _libraries_speak(verbose: bool) -> None:
    """Libraries print in English (jieba announces every dictionary load): a trainer
    sees only our messages unless they ask for more with --verbose."""
    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    else:
        # a filter, not a level: importing jieba later sets its logger's level to DEBUG
        logging.getLogger("jieba").addFilter(_warnings_only)  # once, however often main runs


def _warnings_only(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING


if __name__ == "__main__":
    sys.exit(main())
