"""A YAML loader for files written by hand, by people who do not read code.

Compared with PyYAML's safe loader it
- rejects duplicate keys instead of silently keeping the last one;
- reads only `true`/`false` as booleans (YAML 1.2), so `no`, `on`, `yes`
  stay text, and never turns `2024-06-01` into a date or `12:30` into 750;
- remembers the line of every key and list item, so later checks can say
  exactly where a value is wrong;
- explains the mistakes Chinese authors make most (full-width punctuation,
  tabs, ideographic spaces) in its hints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, ProblemsFound


class Map(dict[str, Any]):
    """A mapping that knows the line of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Seq(list[Any]):
    """A list that knows the line of each of its items."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _SwallowedText(yaml.MarkedYAMLError):
    pass


# A plain value followed by " #" and more text on the same line: YAML drops the
# rest as a comment (学习 #1 的内容 → 学习). "# 注释" with a space stays a comment.
_SWALLOWED = re.compile(r"[ \t]+#[^\s#]")


# libyaml's parser when PyYAML was built with it (the wheels are): the pure
# Python one costs several milliseconds per page. Both have the same constructor.
if TYPE_CHECKING:
    _BaseLoader = yaml.CSafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# libyaml gives a refused character's position in UTF-8 bytes, PyYAML in characters.
_POSITION_IN_BYTES = hasattr(yaml, "CSafeLoader")


class _StrictLoader(_BaseLoader):
    line_offset = 1
    lines: Sequence[str] = ()

    def construct_scalar(self, node: ScalarNode | MappingNode) -> str:
        end = node.end_mark
        # (A mapping gets here when a scalar tag is put on it, as in `!!int {a: 1}`.)
        text = (
            isinstance(node, ScalarNode) and not node.style and node.tag == "tag:yaml.org,2002:str"
        )
        if (
            text
            and end.line < len(self.lines)
            and _SWALLOWED.match(self.lines[end.line], end.column)
        ):
            raise _SwallowedText(None, None, "“ #”之后的文字会被当作注释丢掉", end)
        return super().construct_scalar(node)

    def _line(self, node: Node) -> int:
        return node.start_mark.line + self.line_offset

    # The stubs' return type is dict[Hashable, Any]; a Map (str keys) is what we build.
    def construct_mapping(self, node: Node, deep: bool = False) -> Map:  # type: ignore[override]
        assert isinstance(node, MappingNode)
        self.flatten_mapping(node)
        result = Map()
        result.line = self._line(node)
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise yaml.constructor.ConstructorError(
                    None, None, "键必须是文字", key_node.start_mark
                )
            key = str(key)
            if key in result:
                raise _DuplicateKey(
                    None,
                    None,
                    f"重复的键“{key}”（第 {result.key_lines[key]} 行已经写过）",
                    key_node.start_mark,
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = self._line(key_node)
        return result

    def construct_sequence(self, node: Node, deep: bool = False) -> Seq:
        assert isinstance(node, SequenceNode)
        result = Seq(self.construct_object(child, deep=True) for child in node.value)
        result.line = self._line(node)
        result.item_lines = [self._line(child) for child in node.value]
        return result

    def construct_undefined(self, node: Node) -> Any:
        raise yaml.constructor.ConstructorError(
            None, None, f"不支持的 YAML 标签 {node.tag}", node.start_mark
        )


def _map(loader: _StrictLoader, node: Node) -> Map:
    return loader.construct_mapping(node)


def _seq(loader: _StrictLoader, node: Node) -> Seq:
    return loader.construct_sequence(node)


def _timestamp(loader: _StrictLoader, node: ScalarNode) -> str:
    """A date or time stays the text it is written as."""
    return loader.construct_yaml_str(node)


_DROPPED = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_StrictLoader.add_constructor("tag:yaml.org,2002:map", _map)
_StrictLoader.add_constructor("tag:yaml.org,2002:seq", _seq)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_StrictLoader.add_constructor(None, _StrictLoader.construct_undefined)

_TRAPS = [
    ("\t", "这一行有制表符（Tab）。YAML 只能用空格缩进，请把 Tab 换成两个空格。"),
    ("\u3000", "这一行有全角空格。请把全角空格换成普通（半角）空格。"),
    ("：", "这一行用了全角冒号“：”。键后面要用半角冒号加空格，例如 `title: 标题`。"),
    ("，", "这一行用了全角逗号“，”。方括号列表要用半角逗号分隔，例如 `[运营, 研发]`。"),
    ("－", "这一行用了全角“－”。列表项要用半角减号加空格开头，例如 `- 第一项`。"),
    ("“", "这一行有中文引号。需要引号时请用半角引号 \" 或 '。"),
    ("”", "这一行有中文引号。需要引号时请用半角引号 \" 或 '。"),
]


_COMMENT_HINT = (
    "“ #”之后的内容会被当作注释。"
    '文字里需要 # 时，请给整段文字加上引号，例如 `summary: "学习 #1 的内容"`。'
)


def trap_hint(text: str) -> str:
    """A hint for the typing mistake visible in `text`, or "" if none is."""
    for needle, hint in _TRAPS:
        if needle in text:
            return hint
    if " #" in text:
        return _COMMENT_HINT
    return ""


def load_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse `text` strictly; raise ProblemsFound with the file's line numbers.

    `first_line` is the file line on which `text` starts (front matter starts
    on line 2 of a page).
    """
    text = text.lstrip("\ufeff")
    loader = _StrictLoader(text)
    loader.line_offset = first_line
    loader.lines = text.splitlines()
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        raise ProblemsFound([_marked_problem(error, text, path, first_line)]) from None
    except yaml.reader.ReaderError as error:
        raise ProblemsFound([_reader_problem(error, text, path, first_line)]) from None
    except yaml.YAMLError:
        problem = Problem(path, first_line, 0, "无法按 YAML 读取", "检查缩进、冒号和引号。")
        raise ProblemsFound([problem]) from None
    finally:
        loader.dispose()
    return data


# Where YAML only notices at the end that something opened was never closed:
# (what was opened, how to close it).
_UNCLOSED = {
    "while scanning a quoted scalar": ("引号", "在这段文字的末尾补上同样的引号（\" 或 '）。"),
    "while parsing a flow sequence": ("方括号“[”", "在列表末尾补上“]”，列表项之间用半角逗号。"),
    "while parsing a flow mapping": ("花括号“{”", "在末尾补上“}”，各项之间用半角逗号。"),
}


def _marked_problem(error: yaml.MarkedYAMLError, text: str, path: str, first_line: int) -> Problem:
    lines = text.splitlines()
    opened = _UNCLOSED.get((error.context or "").strip())
    if opened and error.context_mark and error.problem_mark:
        start = error.context_mark.line + first_line
        end = min(error.problem_mark.line, max(len(lines) - 1, 0)) + first_line
        what, hint = opened
        message = "YAML 格式错误：" + (
            f"{what}从第 {start} 行开始，到第 {end} 行仍未结束"
            if end > start
            else f"这一行的{what}没有结束"
        )
        return Problem(path, start, error.context_mark.column + 1, message, hint)
    mark = error.problem_mark or error.context_mark
    line = (mark.line if mark else 0) + first_line
    column = (mark.column + 1) if mark else 0
    index = line - first_line
    context = lines[index] if 0 <= index < len(lines) else ""
    previous = lines[index - 1] if 0 < index <= len(lines) else ""
    message = _describe(error)
    if isinstance(error, _DuplicateKey):
        hint = "删除或合并其中一个。"
    elif isinstance(error, _SwallowedText):
        hint = _COMMENT_HINT
    elif _indented_too_far(context, previous):
        message = "这一行的缩进不对：它比上一行多了空格，却不是上一行的子项"
        hint = "同一级的键要左对齐；删去这一行开头多出的空格。"
    elif trap_hint(context) or not trap_hint(previous):
        hint = trap_hint(context) or "检查这一行及上一行的缩进、冒号和引号。"
    else:  # YAML notices the mistake one line late: point at the line that has it
        hint, line, column = trap_hint(previous), line - 1, 0
    return Problem(path, line, column, message, hint)


_KEY_VALUE = re.compile(r"^\s*[^\s:#\-][^:]*:\s+\S")


def _indented_too_far(line: str, previous: str) -> bool:
    """A `key: value` line indented deeper than the `key: value` line above it."""
    indent = len(line) - len(line.lstrip(" "))
    above = len(previous) - len(previous.lstrip(" "))
    return indent > above and bool(_KEY_VALUE.match(line)) and bool(_KEY_VALUE.match(previous))


def _reader_problem(
    error: yaml.reader.ReaderError, text: str, path: str, first_line: int
) -> Problem:
    """A character YAML does not accept (a NUL, a pasted ESC), at its own line and column."""
    if _POSITION_IN_BYTES:
        before = text.encode("utf-8")[: error.position].decode("utf-8", "ignore")
    else:
        before = text[: error.position]
    position = len(before)
    line = before.count("\n") + first_line
    column = position - (before.rfind("\n") + 1) + 1
    code = (
        error.character
        if isinstance(error.character, int)
        else ord(str(error.character)[:1] or "\0")
    )
    return Problem(
        path,
        line,
        column,
        f"第 {column} 列有一个看不见的控制字符（U+{code:04X}），多半是复制粘贴时带进来的",
        "在编辑器里删掉这个字符（可以删去这一处前后的几个字再重新输入），然后保存。",
    )


def _describe(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    if isinstance(error, (_DuplicateKey, _SwallowedText)) or problem.startswith("不支持的"):
        return problem  # written here, in Chinese
    known = {
        "mapping values are not allowed": (
            "这里不能出现“键: 值”（冒号后有空格的文字需要加引号，或者缩进不对）"
        ),
        "could not find expected ':'": "缺少半角冒号“:”",
        "found character '\\t' that cannot start any token": "制表符（Tab）不能用于缩进",
        "found a tab character": "制表符（Tab）不能用于缩进",
        "found character": "这里有一个不能出现在开头的字符（例如 @、` 或 %），整段文字需要加引号",
        "found duplicate anchor": "重复的锚点",
        "found unexpected end of stream": "文件在这里意外结束",
        "did not find expected key": "这一行的缩进和同一级的其他行不一致",
        "did not find expected '-' indicator": "列表项要以“- ”开头，并和同一级的列表项对齐",
        "expected <block end>": "这一行的缩进和同一级的其他行不一致",
        "found unknown escape character": (
            "双引号里的反斜杠 \\ 后面跟了不认识的字符（写成 \\\\，或改用单引号）"
        ),
        "expected alphabetic or numeric character": "以 * 或 & 开头的文字需要加引号",
        "found undefined alias": "以 * 开头的文字需要加引号",
        "found undefined tag handle": "以 ! 开头的文字需要加引号",
        "expected ',' or ']'": "方括号列表里缺少半角逗号或“]”",
        "expected ',' or '}'": "花括号里缺少半角逗号或“}”",
        "expected a single document": "文件里只能有一份内容（多了一行 ---）",
    }
    for english, chinese in known.items():
        if problem.startswith(english):
            return f"YAML 格式错误：{chinese}"
    return "YAML 格式错误：无法按 YAML 读取这里"
