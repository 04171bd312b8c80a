"""The competency model file: ordered levels, dimensions in groups, roles.

The file is trainers' data (for this site `quizzes/spcm.yml`); this module
knows its shape, not its contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, ProblemsFound
from .schema import Checker
from .strict_yaml import load_yaml


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    people: str


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    target: str  # a Level id


@dataclass(frozen=True)
class Model:
    name: str
    levels: tuple[Level, ...]
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # (group name, dimensions)
    roles: tuple[Role, ...]

    @property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(d for _, dims in self.groups for d in dims)

    @property
    def role_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles)


def load_model(path: Path, shown_as: str | None = None) -> Model:
    """Read and validate the model file; raise ProblemsFound listing every problem."""
    shown = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProblemsFound(
            [Problem(shown, 1, 0, "找不到能力模型文件", "检查 mkdocs.yml 里 academy 插件的 model 设置。")]
        ) from None
    except UnicodeDecodeError:
        raise ProblemsFound([Problem(shown, 1, 0, "文件不是 UTF-8 编码", "用 UTF-8 编码另存此文件。")]) from None
    data = load_yaml(text, shown)
    check = Checker(shown)
    root = check.mapping(data, "能力模型文件", required=("name", "levels", "groups", "roles"))
    if root is None:
        raise ProblemsFound(check.problems)

    name = check.text(root, "name") or ""
    levels: list[Level] = []
    for item, line in check.items(root, "levels"):
        entry = check.mapping(item, "级别", required=("id", "name"), line=line)
        if entry is None:
            continue
        level_id = check.identifier(entry, "id")
        if level_id and check.unique("级别 id", level_id, entry.line_of("id")):
            levels.append(Level(level_id, check.text(entry, "name") or "", check.text(entry, "people", optional=True) or ""))

    groups: list[tuple[str, tuple[str, ...]]] = []
    for item, line in check.items(root, "groups"):
        entry = check.mapping(item, "维度分组", required=("name", "dimensions"), line=line)
        if entry is None:
            continue
        dims = []
        for dim, dim_line in check.items(entry, "dimensions"):
            if isinstance(dim, str) and dim.strip():
                if check.unique("维度", dim, dim_line):
                    dims.append(dim.strip())
            else:
                check.problem(dim_line, "维度名称必须是文字", "例如 `- 岗位认知`")
        groups.append((check.text(entry, "name") or "", tuple(dims)))

    level_ids = {level.id for level in levels}
    roles: list[Role] = []
    for item, line in check.items(root, "roles"):
        entry = check.mapping(item, "角色", required=("id", "name", "target"), line=line)
        if entry is None:
            continue
        role_id = check.identifier(entry, "id")
        target = check.text(entry, "target") or ""
        if target and target not in level_ids:
            check.problem(
                entry.line_of("target"),
                f"角色的目标级别“{target}”不在 levels 中",
                "可用的级别 id：" + "、".join(sorted(level_ids)),
            )
        if role_id and check.unique("角色 id", role_id, entry.line_of("id")):
            roles.append(Role(role_id, check.text(entry, "name") or "", target))

    if check.problems:
        raise ProblemsFound(check.problems)
    return Model(name, tuple(levels), tuple(groups), tuple(roles))
