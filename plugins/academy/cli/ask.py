"""What `academy new` needs and was not given: asked for one by one in a terminal,
a usage error otherwise (a script or a pipe gets the same answer as before)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from academy.core.model import Model

# kind -> (argument, as named in a usage error, the question asked in a terminal)
NEEDED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "page": (
        ("path", "页面路径", "新页面放在哪里？写 content 文件夹里的路径，例如 soc/on-call.md"),
        ("title", "--title", "页面标题是什么？"),
        ("spcm", "--spcm", "本页培养哪些 SPCM 维度？"),
        ("roles", "--roles", "面向哪些角色？"),
    ),
    "quiz": (
        ("id", "测验id", "测验的 id 是什么？用小写英文字母、数字和连字符，例如 on-call"),
        ("title", "--title", "测验标题是什么？"),
    ),
    "path": (("role", "角色id", "为哪个角色新建学习路径？"),),
    "role": (
        ("id", "角色id", "新角色的 id 是什么？用小写英文字母、数字和连字符，例如 on-call"),
        ("name", "--name", "角色的名称是什么？（显示在首页“我是…”中）"),
    ),
}
OPTIONAL = {"roles"}  # asked in a terminal, left to its default elsewhere


class Missing(Exception):
    """Required values that were not given, outside a terminal."""


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def fill_missing(args: argparse.Namespace, model: Model | None) -> None:
    """Ask for each value `args` lacks, or raise Missing naming them."""
    needed = [entry for entry in NEEDED[args.kind] if getattr(args, entry[0], None) in (None, "")]
    if not interactive() or model is None:
        required = [shown for name, shown, _ in needed if name not in OPTIONAL]
        if required:
            raise Missing("、".join(required))
        return
    choices = {
        "spcm": model.dimensions,
        "roles": model.role_ids,
        "role": model.role_ids,
    }
    for name, _, question in needed:
        if name in choices:
            value = _choose(question, choices[name], many=name != "role", optional=name in OPTIONAL)
        else:
            value = _ask(question)
        setattr(args, name, value)


def _ask(question: str) -> str:
    while True:
        answer = input(f"{question}\n> ").strip()
        if answer:
            return answer
        print("这一项必须填写。")


def _choose(question: str, options: Sequence[str], many: bool, optional: bool) -> str | None:
    """A numbered list; the answer is numbers or names, several separated by commas."""
    lines = [f"{question}"] + [f"  {number}. {option}" for number, option in enumerate(options, 1)]
    hint = "写编号或名称" + ("，多个用逗号分隔" if many else "")
    hint += "；直接回车表示全部" if optional else ""
    while True:
        answer = input("\n".join(lines) + f"\n（{hint}）\n> ").strip()
        if not answer and optional:
            return None
        picked = []
        for written in answer.replace("，", ",").split(","):
            part = written.strip()
            if part.isdigit() and 1 <= int(part) <= len(options):
                picked.append(options[int(part) - 1])
            elif part in options:
                picked.append(part)
            elif part:
                picked = []
                print(f"没有“{part}”这一项，请重新选择。")
                break
        if picked and (many or len(picked) == 1):
            return ",".join(dict.fromkeys(picked))
        if len(picked) > 1:
            print("这里只能选一项。")
        elif not answer:
            print("这一项必须填写。")
