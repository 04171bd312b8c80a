"""The trainer-edited search vocabulary: a jieba user dictionary and synonym groups.

Both live in the project's `search/` folder (see search/README.md):
`dictionary.txt` is jieba's user-dictionary format (`词语 [词频] [词性]`, one a
line) and `synonyms.yml` is a list of groups, `- [夜间, 半夜, 凌晨]`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, ProblemsFound, read_utf8
from .strict_yaml import Seq, load_yaml

DICTIONARY = "dictionary.txt"
SYNONYMS = "synonyms.yml"
MIN_GROUP = 2  # words in a synonym group
_ENTRY = re.compile(r"^(\S+?)(?: (\d+))?(?: ([a-z]+))?$")


@dataclass(frozen=True)
class Terms:
    """Dictionary words (with optional frequency) and synonym groups."""

    words: tuple[tuple[str, int | None], ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()
    fingerprint: str = "none"
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        table: dict[str, list[str]] = {}
        for group in self.groups:
            for word in group:
                known = table.setdefault(word.lower(), [])
                known.extend(other for other in group if other != word and other not in known)
        self.synonyms.update({word: tuple(others) for word, others in table.items()})

    def synonyms_of(self, word: str) -> tuple[str, ...]:
        return self.synonyms.get(word.lower(), ())


def load_terms(folder: Path | None, shown: str = "search") -> Terms:
    """Read `folder`/dictionary.txt and synonyms.yml; missing files mean none.

    Raises ProblemsFound (file:line: message) for entries that cannot be used.
    """
    if folder is None:
        return Terms()
    problems: list[Problem] = []
    digest = hashlib.sha256()
    words: list[tuple[str, int | None]] = []
    text = _read(folder / DICTIONARY, f"{shown}/{DICTIONARY}", problems)
    if text is not None:
        digest.update(text.encode())
        words = _dictionary(text, f"{shown}/{DICTIONARY}", problems)
    groups: list[tuple[str, ...]] = []
    text = _read(folder / SYNONYMS, f"{shown}/{SYNONYMS}", problems)
    if text is not None:
        digest.update(b"\0" + text.encode())
        groups = _synonyms(text, f"{shown}/{SYNONYMS}", problems)
    if problems:
        raise ProblemsFound(problems)
    fingerprint = digest.hexdigest()[:16] if words or groups else "none"
    return Terms(tuple(words), tuple(groups), fingerprint)


def _dictionary(text: str, path: str, problems: list[Problem]) -> list[tuple[str, int | None]]:
    """(word, frequency) of each line of a jieba user dictionary."""
    words: list[tuple[str, int | None]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        entry = raw.strip()
        if not entry:
            continue
        match = _ENTRY.match(entry)
        if match is None:
            problems.append(
                Problem(
                    path,
                    number,
                    1,
                    f"词典条目“{entry}”无法识别",
                    "每行一个词，可在后面加空格和词频（整数），例如 `巡检` 或 `巡检 100`；"
                    "词语中间不能有空格。",
                )
            )
            continue
        words.append((match.group(1), int(match.group(2)) if match.group(2) else None))
    return words


def _synonyms(text: str, path: str, problems: list[Problem]) -> list[tuple[str, ...]]:
    """The groups of a synonym list: `- [夜间, 半夜, 凌晨]`, one a line."""
    try:
        data = load_yaml(text, path)
    except ProblemsFound as found:
        problems.extend(found.problems)
        return []
    if data is None:
        return []
    if not isinstance(data, Seq):
        problems.append(
            Problem(path, 1, 1, "同义词表应当是一个列表", "每组写成一行：`- [夜间, 半夜, 凌晨]`。")
        )
        return []
    groups: list[tuple[str, ...]] = []
    for index, group in enumerate(data):
        line = data.line_of(index)
        if not isinstance(group, Seq) or len(group) < MIN_GROUP:
            problems.append(
                Problem(path, line, 1, "每组同义词至少要有两个词", "例如 `- [夜间, 半夜]`。")
            )
            continue
        items = tuple(str(item).strip() for item in group)
        if any(not item for item in items):
            problems.append(Problem(path, line, 1, "同义词不能为空", "删掉多余的逗号。"))
            continue
        groups.append(items)
    return groups


def _read(file: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file's text; None when it is missing or (with the problem added) not UTF-8."""
    if not file.is_file():
        return None
    try:
        return read_utf8(file, shown)
    except ProblemsFound as found:
        problems.extend(found.problems)
        return None
