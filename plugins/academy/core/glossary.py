"""The glossary (术语表) a trainer keeps in YAML: terms, what they mean, where they are
taught, and the retired variants the course no longer uses.

Pure: reads and checks the file; the page and the links are render/'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .checker import Checker
from .problems import Problem, ProblemsFound, read_utf8
from .strict_yaml import Map, load_yaml

GLOSSARY_PAGE = "glossary.md"  # the generated page, docs-relative
TOP_KEYS = {"title", "intro", "terms"}
TERM_KEYS = {"term", "id", "also", "definition", "see", "retired"}
_SEE = re.compile(r"^([^#\s]+\.md)(?:#([\w-]+))?$")
FORMAT_HINT = (
    "每个术语写 term（术语）、id（英文 id）、definition（一两句解释）、"
    "see（讲它的页面小节，例如 `soc/norms.md#change-types`），"
    "可选 also（别名）和 retired（停用的说法）。"
)


@dataclass(frozen=True)
class Term:
    term: str
    id: str
    definition: str  # inline Markdown
    page: str  # docs-relative page that teaches it
    anchor: str  # its section there ("" for the whole page)
    line: int
    see_line: int
    also: tuple[str, ...] = ()
    retired: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """What the term is written as in pages: the term, then its other names."""
        return (self.term, *self.also)


@dataclass(frozen=True)
class Glossary:
    title: str
    intro: str
    terms: tuple[Term, ...]
    source: str  # path shown to trainers


def load_glossary(file: Path, shown: str, pages: Mapping[str, object]) -> Glossary:
    """Read and check the glossary; ProblemsFound with every problem."""
    if not file.is_file():
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    1,
                    0,
                    "找不到术语表文件",
                    "mkdocs.yml 中 academy 的 glossary 写的是这个文件；"
                    "新建它，或删去 glossary 这一行关闭术语表。",
                )
            ]
        )
    data = load_yaml(read_utf8(file, shown), shown)
    check = Checker(shown)
    root = check.mapping(data, "术语表", required=("terms",))
    if root is None:
        raise ProblemsFound(check.problems)
    check.unknown_keys(root, TOP_KEYS, "术语表")
    title = check.text(root, "title", optional=True) or "术语表"
    intro = check.text(root, "intro", optional=True) or ""
    terms = [
        term
        for item, line in check.items(root, "terms")
        if (term := _read_term(check, item, line, pages)) is not None
    ]
    _check_names(check, terms)
    if check.problems:
        raise ProblemsFound(check.problems)
    return Glossary(title, intro, tuple(terms), shown)


def _check_names(check: Checker, terms: list[Term]) -> None:
    """Each name once in the whole glossary; a retired variant is never also a name."""
    written: dict[str, int] = {}  # every name of every term -> line
    for term in terms:
        for name in term.names:
            if name in written:
                check.problem(
                    term.line,
                    f"“{name}”在术语表中出现了两次（第 {written[name]} 行已经有它）",
                    "同一个词只写一次：合并这两条，或把它放进其中一条的 also。",
                )
            written.setdefault(name, term.line)
    for term in terms:
        for variant in term.retired:
            if variant in written:
                check.problem(
                    term.line,
                    f"“{variant}”既是停用的说法，又是术语表中的术语或别名",
                    "从 retired 或 also 中删去其中一处。",
                )


def _read_term(check: Checker, item: object, line: int, pages: Mapping[str, object]) -> Term | None:
    entry = check.mapping(item, "术语", required=("term", "id", "definition", "see"), line=line)
    if entry is None:
        return None
    before = len(check.problems)
    check.unknown_keys(entry, TERM_KEYS, "术语")
    name = check.text(entry, "term") or ""
    term_id = check.identifier(entry, "id") or ""
    if term_id:
        check.unique("术语 id", term_id, entry.line_of("id"))
    definition = check.text(entry, "definition") or ""
    also = _names(check, entry, "also")
    retired = _names(check, entry, "retired")
    page, anchor = "", ""
    see = check.text(entry, "see")
    if see is not None:
        match = _SEE.match(see)
        if not match:
            check.problem(
                entry.line_of("see"),
                f"see（讲这个术语的小节）“{see}”的写法不对",
                "写 content 下的页面路径加小节 id，例如 `soc/norms.md#change-types`。",
            )
        elif match.group(1) not in pages:
            check.problem(
                entry.line_of("see"),
                f"see 指向的页面“{match.group(1)}”不存在",
                "路径从 content 文件夹算起，例如 `soc/norms.md#change-types`。",
            )
        else:
            page, anchor = match.group(1), match.group(2) or ""
    if len(check.problems) > before:
        return None
    return Term(
        name, term_id, definition, page, anchor, entry.line, entry.line_of("see"), also, retired
    )


def _names(check: Checker, entry: Map, key: str) -> tuple[str, ...]:
    names = []
    for value, line in check.items(entry, key):
        text = str(value).strip() if isinstance(value, (str, int, float)) else ""
        if not text:
            check.problem(
                line, f"{key} 中有一项是空的", f"删去这一项，或写上词语：`{key}: [词语]`。"
            )
        elif text not in names:
            names.append(text)
    return tuple(names)


def retired_variant_problems(
    glossary: Glossary, files: Iterable[tuple[Path, str, str]]
) -> list[Problem]:
    """Every retired variant in the (file, shown path, text) texts, at its line and column."""
    variants = {variant: term for term in glossary.terms for variant in term.retired}
    if not variants:
        return []
    pattern = re.compile("|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)))
    problems = []
    for file, shown, text in files:
        for number, line in _prose_lines(text, markdown=file.suffix == ".md"):
            for match in pattern.finditer(line):
                term = variants[match.group()]
                problems.append(
                    Problem(
                        shown,
                        number,
                        match.start() + 1,
                        f"“{match.group()}”是术语表中停用的说法",
                        f"改为“{term.term}”（{glossary.source} 第 {term.line} 行），"
                        "全站用同一个词，新员工才不会以为是两件事。",
                    )
                )
    return problems


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
_CODE_SPAN = re.compile(r"`[^`]*`")


def _prose_lines(text: str, markdown: bool) -> Iterator[tuple[int, str]]:
    """(line number, line) of the text a reader reads: in Markdown, fenced code blocks
    are skipped and code spans blanked (a code example may quote a retired word)."""
    fence = ""  # the fence that opened the block we are in
    for number, line in enumerate(text.splitlines(), start=1):
        if not markdown:
            yield number, line
            continue
        match = _FENCE.match(line)
        if fence:
            if match and _closes(fence, match.group(1), match.group(2)):
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)


def _closes(fence: str, marker: str, rest: str) -> bool:
    """A closing fence: the same character, at least as long, nothing after it."""
    return marker[0] == fence[0] and len(marker) >= len(fence) and not rest.strip()


def glossary_anchor_problems(glossary: Glossary, ids: Mapping[str, set[str]]) -> list[Problem]:
    """`see` must point at a section the rendered page has."""
    return [
        Problem(
            glossary.source,
            term.see_line,
            0,
            f"术语“{term.term}”的 see 指向的页面 {term.page} 没有小节“#{term.anchor}”",
            "检查小节标题后面的 {#id}，或删去 # 及其后面的部分。",
        )
        for term in glossary.terms
        if term.anchor and term.page in ids and term.anchor not in ids[term.page]
    ]
