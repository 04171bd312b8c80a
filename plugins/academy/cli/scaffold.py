"""Text for `academy new`: files from the templates in scaffold/, and careful line
edits of hand-written YAML (mkdocs.yml nav, the model's roles) that keep every
comment and tag: those files are never re-dumped through a YAML library."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from string import Template

SCAFFOLD = Path(__file__).parent / "scaffold_files"
_PLAIN = re.compile(r"^[^\s:#\[\]{},&*!|>'\"%@`?-][^:#\[\]{}]*$")
_NAV_ENTRY = re.compile(
    r"^(?P<indent>\s*)-\s+(?:(?P<title>[^#]+?):\s+)?(?P<page>[^\s#:]+\.md)\s*(?:#.*)?$"
)
_TOP_KEY = re.compile(r"^[^\s#]")


def yaml_text(value: str) -> str:
    """A YAML scalar that reads back as exactly `value` (JSON strings are valid YAML)."""
    value = value.strip()
    if (
        _PLAIN.match(value)
        and value.lower() not in {"yes", "no", "on", "off", "true", "false", "null", "~"}
        and not re.match(r"^[\d.:+-]", value)
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def fill(template: str, **values: str) -> str:
    return Template((SCAFFOLD / template).read_text(encoding="utf-8")).substitute(values)


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _block(lines: list[str], key: str) -> tuple[int, int] | None:
    """(index of the `key:` line, index after its last indented line) of a top-level key."""
    start = next(
        (i for i, line in enumerate(lines) if re.match(rf"^{re.escape(key)}:\s*(#.*)?$", line)),
        None,
    )
    if start is None:
        return None
    end = start + 1
    last = start + 1
    while end < len(lines):
        line = lines[end]
        if _TOP_KEY.match(line):
            break
        if line.strip() and not line.lstrip().startswith("#"):
            last = end + 1
        end += 1
    return start, last


def nav_pages(config_text: str) -> list[str] | None:
    """Pages listed in the nav block, or None when there is no nav (MkDocs then lists
    every page)."""
    lines = config_text.splitlines()
    block = _block(lines, "nav")
    if block is None:
        return None
    return [
        m.group("page") for line in lines[block[0] + 1 : block[1]] if (m := _NAV_ENTRY.match(line))
    ]


def add_to_nav(config_text: str, page: str) -> str | None:
    """mkdocs.yml with `page` added to the nav next to the pages of its folder,
    or at the end of the nav; None when there is no nav or the page is already in it."""
    newline = _newline(config_text)
    lines = config_text.splitlines()
    block = _block(lines, "nav")
    if block is None:
        return None
    start, end = block
    entries = [(i, m) for i in range(start + 1, end) if (m := _NAV_ENTRY.match(lines[i]))]
    if any(m.group("page") == page for _, m in entries):
        return None
    folder = str(PurePosixPath(page).parent)
    same = [
        (i, m)
        for i, m in entries
        if str(PurePosixPath(m.group("page")).parent) == folder and folder != "."
    ]
    if same:
        index, match = same[-1]
        lines.insert(index + 1, f"{match.group('indent')}- {page}")
    else:
        items = [line for line in lines[start + 1 : end] if line.lstrip().startswith("- ")]
        indent = items[0][: len(items[0]) - len(items[0].lstrip())] if items else "  "
        lines.insert(end, f"{indent}- {page}")
    return newline.join(lines) + (newline if config_text.endswith(("\n", "\r")) else "")


def add_role(model_text: str, role_id: str, name: str, target: str) -> str | None:
    """The model file with a role appended to `roles`; None when it has no `roles:` block."""
    newline = _newline(model_text)
    lines = model_text.splitlines()
    block = _block(lines, "roles")
    if block is None:
        return None
    start, end = block
    items = [line for line in lines[start + 1 : end] if line.lstrip().startswith("- ")]
    indent = items[0][: len(items[0]) - len(items[0].lstrip())] if items else "  "
    entry = [
        f"{indent}- id: {role_id}",
        f"{indent}  name: {yaml_text(name)}",
        f"{indent}  target: {target}",
    ]
    lines[end:end] = entry
    return newline.join(lines) + (newline if model_text.endswith(("\n", "\r")) else "")
