"""The competency model file: ordered levels, dimensions in groups, roles.

The file is trainers' data (for this site `quizzes/spcm.yml`); this module
knows its shape, not its contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checker import Checker
from .problems import Problem, ProblemsFound, read_utf8
from .strict_yaml import Map, load_yaml

RATING_POINTS = 4  # a self-rating is 1 to 4: the scale names each point


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
    # The dimensions the role is assessed on (all when empty), and behaviour
    # indicators of its own at its target level: (dimension, statements).
    dimensions: tuple[str, ...] = ()
    indicators: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def indicators_of(self, dimension: str) -> tuple[str, ...]:
        return next((statements for dim, statements in self.indicators if dim == dimension), ())


@dataclass(frozen=True)
class Scoring:
    """How evidence for a (dimension, level) cell is combined and judged."""

    threshold: float = 0.6
    knowledge_weight: float = 0.8
    self_weight: float = 0.2
    calibration_margin: float = 0.2
    scale: tuple[str, ...] = ("不符合", "基本不符合", "基本符合", "完全符合")
    min_items: int = 3  # knowledge questions that must stand behind a decided cell
    knowledge_floor: float = 0.5  # knowledge share below which no rating passes a cell


@dataclass(frozen=True)
class Model:
    name: str
    levels: tuple[Level, ...]
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # (group name, dimensions)
    roles: tuple[Role, ...]
    scoring: Scoring = Scoring()
    # (dimension, level id, statements)
    indicators: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    def indicators_of(self, dimension: str, level: str) -> tuple[str, ...]:
        for dim, lev, statements in self.indicators:
            if (dim, lev) == (dimension, level):
                return statements
        return ()

    def statements(self, dimension: str, level: str, role: str = "") -> tuple[str, ...]:
        """The indicators a self-rating shows: the role's own ones where it has them."""
        own = self.role(role) if role else None
        if own is not None and own.target == level and own.indicators_of(dimension):
            return own.indicators_of(dimension)
        return self.indicators_of(dimension, level)

    def role(self, role_id: str) -> Role | None:
        return next((role for role in self.roles if role.id == role_id), None)

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
        text = read_utf8(path, shown)
    except FileNotFoundError:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    1,
                    0,
                    "找不到能力模型文件",
                    "检查 mkdocs.yml 里 academy 插件的 model 设置。",
                )
            ]
        ) from None
    data = load_yaml(text, shown)
    check = Checker(shown)
    root = check.mapping(data, "能力模型文件", required=("name", "levels", "groups", "roles"))
    if root is None:
        raise ProblemsFound(check.problems)

    name = check.text(root, "name") or ""
    levels = _levels(check, root)
    groups = _groups(check, root)
    roles = _roles(
        check, root, {level.id for level in levels}, [d for _, dims in groups for d in dims]
    )
    scoring = _scoring(check, root)
    indicators = _indicators(
        check, root, [d for _, dims in groups for d in dims], [lv.id for lv in levels]
    )
    if check.problems:
        raise ProblemsFound(check.problems)
    return Model(name, tuple(levels), tuple(groups), tuple(roles), scoring, indicators)


def _levels(check: Checker, root: Map) -> list[Level]:
    levels: list[Level] = []
    for item, line in check.items(root, "levels"):
        entry = check.mapping(item, "级别", required=("id", "name"), line=line)
        if entry is None:
            continue
        level_id = check.identifier(entry, "id")
        if level_id and check.unique("级别 id", level_id, entry.line_of("id")):
            levels.append(
                Level(
                    level_id,
                    check.text(entry, "name") or "",
                    check.text(entry, "people", optional=True) or "",
                )
            )
    return levels


def _groups(check: Checker, root: Map) -> list[tuple[str, tuple[str, ...]]]:
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
    return groups


def _roles(check: Checker, root: Map, level_ids: set[str], dimensions: list[str]) -> list[Role]:
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
        focus = _role_dimensions(check, entry, dimensions)
        own = _role_indicators(check, entry, dimensions)
        if role_id and check.unique("角色 id", role_id, entry.line_of("id")):
            roles.append(Role(role_id, check.text(entry, "name") or "", target, focus, own))
    return roles


def _role_dimensions(check: Checker, entry: Map, dimensions: list[str]) -> tuple[str, ...]:
    """`dimensions: [...]`: the role is assessed on these only."""
    if "dimensions" not in entry:
        return ()
    chosen = []
    for value, line in check.items(entry, "dimensions"):
        if str(value) not in dimensions:
            check.problem(
                line, f"角色的维度“{value}”不在 groups 中", "可用的维度：" + "、".join(dimensions)
            )
        else:
            chosen.append(str(value))
    return tuple(d for d in dimensions if d in chosen)


def _role_indicators(
    check: Checker, entry: Map, dimensions: list[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`indicators: {维度: [行为, ...]}`: the role's own indicators at its target level."""
    if "indicators" not in entry:
        return ()
    given = check.mapping(entry["indicators"], "角色的行为指标", line=entry.line_of("indicators"))
    if given is None:
        return ()
    found = []
    for dimension in given:
        if dimension not in dimensions:
            check.problem(
                given.line_of(dimension),
                f"角色的行为指标中的维度“{dimension}”不在 groups 中",
                "可用的维度：" + "、".join(dimensions),
            )
            continue
        statements = tuple(
            str(s).strip() for s, _ in check.items(given, dimension) if str(s).strip()
        )
        if statements:
            found.append((str(dimension), statements))
    return tuple(found)


def _fraction(check: Checker, entry: Map, key: str, default: float) -> float:
    if key not in entry:
        return default
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        check.problem(
            entry.line_of(key),
            f"“{key}”必须是 0 到 1 之间的数，现在是“{value}”",
            f"例如 `{key}: 0.6`",
        )
        return default
    return float(value)


def _scoring(check: Checker, root: Map) -> Scoring:
    if "scoring" not in root:
        return Scoring()
    entry = check.mapping(root["scoring"], "scoring", line=root.line_of("scoring"))
    if entry is None:
        return Scoring()
    threshold = _fraction(check, entry, "threshold", Scoring.threshold)
    margin = _fraction(check, entry, "calibration_margin", Scoring.calibration_margin)
    knowledge, self_rating = Scoring.knowledge_weight, Scoring.self_weight
    if "weights" in entry:
        weights = check.mapping(
            entry["weights"],
            "weights",
            required=("knowledge", "self"),
            line=entry.line_of("weights"),
        )
        if weights is not None:
            knowledge = _fraction(check, weights, "knowledge", knowledge)
            self_rating = _fraction(check, weights, "self", self_rating)
            if knowledge + self_rating <= 0:
                check.problem(
                    weights.line,
                    "knowledge 和 self 的权重不能都是 0",
                    "例如 knowledge: 0.6, self: 0.4",
                )
    scale = Scoring.scale
    if "scale" in entry:
        labels = [str(label) for label, _ in check.items(entry, "scale")]
        if len(labels) != RATING_POINTS:
            check.problem(
                entry.line_of("scale"),
                f"scale 要写 {RATING_POINTS} 个等级名称（1 到 {RATING_POINTS} 分），"
                f"现在是 {len(labels)} 个",
                "例如 [不符合, 基本不符合, 基本符合, 完全符合]",
            )
        else:
            scale = tuple(labels)
    floor = _fraction(check, entry, "knowledge_floor", Scoring.knowledge_floor)
    return Scoring(
        threshold, knowledge, self_rating, margin, scale, _min_items(check, entry), floor
    )


def _min_items(check: Checker, entry: Map) -> int:
    value = entry.get("min_items", Scoring.min_items)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        check.problem(
            entry.line_of("min_items"),
            f"“min_items”必须是不小于 1 的整数，现在是“{value}”",
            "例如 `min_items: 3`：每个格子至少要有 3 道知识题才判定是否达到。",
        )
        return Scoring.min_items
    return value


def _indicators(
    check: Checker, root: Map, dimensions: list[str], levels: list[str]
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    if "indicators" not in root:
        return ()
    entry = check.mapping(root["indicators"], "indicators", line=root.line_of("indicators"))
    if entry is None:
        return ()
    cells = []
    for dimension, by_level in entry.items():
        line = entry.line_of(dimension)
        if dimension not in dimensions:
            check.problem(
                line,
                f"indicators 中的维度“{dimension}”不在 groups 中",
                "可用的维度：" + "、".join(dimensions),
            )
            continue
        per_level = check.mapping(by_level, f"维度“{dimension}”的行为指标", line=line)
        if per_level is None:
            continue
        for level in per_level:
            if level not in levels:
                check.problem(
                    per_level.line_of(level),
                    f"行为指标中的级别“{level}”不在 levels 中",
                    "可用的级别 id：" + "、".join(levels),
                )
                continue
            texts = []
            for statement, statement_line in check.items(per_level, level):
                if isinstance(statement, str) and statement.strip():
                    texts.append(statement.strip())
                else:
                    check.problem(
                        statement_line, "行为指标必须是一句文字", "例如 `- 能按规范执行例行巡检。`"
                    )
            cells.append((dimension, level, tuple(texts)))
    return tuple(cells)
