"""argparse's own words (help headings, usage errors) in Chinese.

argparse looks every message up through the module's gettext functions `_` and
`ngettext` when it uses it; `install()` points them at this table before the
parsers are made. A string missing here stays as argparse wrote it.
"""

from __future__ import annotations

import argparse

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "subcommands": "子命令",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必填的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须写一个",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "not allowed with argument %s": "不能和参数 %s 一起使用",
    "ignored explicit argument %r": "多余的值 %r",
    "expected one argument": "后面要写一个值",
    "expected at most one argument": "后面最多写一个值",
    "expected at least one argument": "后面至少写一个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是：%(matches)s"
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "没有 %(value)r 这一项（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "unexpected option string: %s": "不认识的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有 %(parser_name)r 这个命令（可选：%(choices)s）"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s：用法错误：%(message)s\n",
}

PLURALS = {"expected %s argument": "后面要写 %s 个值"}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    return PLURALS.get(singular, singular if count == 1 else plural)


def install() -> None:
    """Before any parser is made: argparse speaks Chinese from then on."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
