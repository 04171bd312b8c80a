"""academy search: find pages in Chinese from the terminal, with the site's own vocabulary."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from academy.core.problems import ProblemsFound, format_all

from .common import FINDINGS, OK, USAGE, open_project
from .settings import read_settings

if TYPE_CHECKING:
    from academy.search.engine import Hit, UpdateStats

HELP = "用中文搜索课程内容，列出最相关的小节（标题、小节、地址和摘要）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query", metavar="查询", help="要搜索的词或问题，例如“重大故障”或“半夜出故障找谁”"
    )
    parser.add_argument(
        "-n", "--limit", type=int, default=10, metavar="条数", help="最多列出几条结果（默认 10）"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（给程序读）")
    parser.add_argument("--rebuild", action="store_true", help="丢弃现有索引，重新建立")


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        print("academy search: 用法错误：--limit 必须是正整数", file=sys.stderr)
        return USAGE
    settings = read_settings(Path(args.config_file))
    if settings is None:
        return USAGE
    project = open_project(args.config_file, anchors=False)
    if project is None:
        return USAGE
    if project.course is None or project.problems:
        print(format_all(project.problems), file=sys.stderr)
        print("\n内容有错误，请先修正（academy check 可列出全部问题）。", file=sys.stderr)
        return FINDINGS
    # Here, not at the top: Whoosh and jieba cost every other command 0.2 s to import.
    from academy.search.service import SearchSettings, open_index, refresh

    from .site_pages import site_pages

    search = SearchSettings.for_project(settings.base)
    if args.rebuild and search.index_folder.exists():
        shutil.rmtree(search.index_folder)
    try:
        index = open_index(search)
    except ProblemsFound as found:
        print(format_all(found.problems), file=sys.stderr)
        print("\n搜索词典或同义词表有错误，请修改后重试。", file=sys.stderr)
        return FINDINGS
    stats = refresh(index, settings.docs_dir, site_pages(project.course, settings))
    hits = index.search(args.query, limit=args.limit)
    if args.json:
        json.dump(
            {"query": args.query, "results": [hit.as_json() for hit in hits]},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    else:
        _show(args.query, hits, stats)
    return OK


def _show(query: str, hits: list[Hit], stats: UpdateStats) -> None:
    """The results as text for a person."""
    if stats.added or stats.removed:
        print(
            f"（索引已更新：{len(stats.added)} 页重新索引，{len(stats.removed)} 页移除）",
            file=sys.stderr,
        )
    if not hits:
        print(f"没有找到与“{query}”相关的内容。换一个说法试试，或用更短的关键词。")
        return
    for number, hit in enumerate(hits, 1):
        where = f"{hit.title} › {hit.heading}" if hit.heading else hit.title
        print(f"{number}. {where}")
        print(f"   {hit.url}")
        if hit.snippet:
            print(f"   {hit.snippet}")
