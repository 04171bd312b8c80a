"""The folders of plugins/academy keep to what their docstrings say they may import:
only the MkDocs adapter (and the command's settings reader) knows MkDocs, and the
pure folders never reach up into the adapters."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "academy"
ENGINE = {"mkdocs", "material", "properdocs"}
MAY_IMPORT = {  # folder -> the package's folders it may import
    "core": set(),
    "scoring": {"core"},
    "search": {"core"},
    "render": {"core", "scoring"},
    "report": {"core", "scoring"},
    "publish": {"core"},
    "cli": {"core", "scoring", "search", "render", "report", "publish"},
    "mkdocs_plugin": {"core", "scoring", "search", "render"},
}


def imports(file: Path) -> set[str]:
    """Absolute names of the modules a file imports, lazy imports included."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    package = ["academy", *file.relative_to(PACKAGE).parent.parts]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            else:
                found.add(node.module or "")
    return found


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


def test_only_the_adapter_imports_the_site_engine():
    allowed = {PACKAGE / "cli" / "settings.py"} | set((PACKAGE / "mkdocs_plugin").glob("*.py"))
    offenders = {
        str(file.relative_to(PACKAGE)): sorted(
            name for name in imports(file) if name.split(".")[0] in ENGINE
        )
        for file in modules()
        if file not in allowed
    }
    assert {file: names for file, names in offenders.items() if names} == {}


def test_every_folder_imports_only_the_folders_below_it():
    wrong = {}
    for file in modules():
        folder = file.relative_to(PACKAGE).parts[0]
        used = {name.split(".")[1] for name in imports(file) if name.startswith("academy.")}
        if used - MAY_IMPORT[folder] - {folder}:
            wrong[str(file.relative_to(PACKAGE))] = sorted(used - MAY_IMPORT[folder] - {folder})
    assert wrong == {}


def test_every_folder_says_what_it_owns():
    for folder in MAY_IMPORT:
        docstring = ast.get_docstring(
            ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8"))
        )
        assert docstring and len(docstring) > 80, folder
