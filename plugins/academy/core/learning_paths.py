"""Learning paths: a page whose front matter lists ordered steps in modules.

```yaml
path:
  role: operator            # optional; the file name (paths/<role>.md) by default
  modules:
    - id: day-1
      title: 第一天：认识智慧运营
      steps:
        - page: soc/mission.md
        - page: soc/history.md#period-2017
          minutes: 5
          optional: true
        - quiz: basics
        - reflection: day-1
```
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from .checker import IDENTIFIER, Checker
from .front_matter import PageMeta
from .problems import Problem
from .strict_yaml import Map

STEP_KINDS = ("page", "quiz", "reflection")
STEP_KEYS = {*STEP_KINDS, "minutes", "optional", "id", "title"}
REFLECTION_MINUTES = 15
# The longest a single step may claim, in minutes (a working day's worth).
MAX_STEP_MINUTES = 600

# What a step points at: (kind, target, anchor, title, minutes, default step id).
_Target = tuple[str, str, str, str, int, str]


@dataclass(frozen=True)
class Step:
    id: str  # stable: progress is stored under it
    kind: str  # page | section | quiz | reflection
    target: str  # page source path (docs-relative), or quiz id
    anchor: str
    title: str
    minutes: int
    required: bool
    line: int


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    steps: tuple[Step, ...]

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


@dataclass(frozen=True)
class LearningPath:
    role: str
    title: str
    page: str  # docs-relative source path of the path page
    modules: tuple[Module, ...]

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for module in self.modules for step in module.steps)

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    @property
    def required_minutes(self) -> int:
        return sum(step.minutes for step in self.steps if step.required)


@dataclass(frozen=True)
class PathContext:
    """What a path may refer to."""

    pages: Mapping[str, PageMeta]  # docs-relative source path -> front matter
    headings: Mapping[str, Mapping[str, str]]  # page -> {explicit heading id: heading text}
    roles: tuple[str, ...]
    quizzes: Mapping[str, tuple[str, int]]  # quiz id -> (title, minutes)
    log_page: str  # docs-relative source path of the learning log page
    unreadable_quizzes: frozenset[str] = frozenset()  # banks with reported problems


def read_paths(
    metas: Mapping[str, PageMeta], context: PathContext, shown: Callable[[str], str]
) -> tuple[list[LearningPath], list[Problem]]:
    """Every page with a `path:` in its front matter, checked.

    `shown` maps a source path to the path authors see.
    """
    paths: list[LearningPath] = []
    problems: list[Problem] = []
    by_role: dict[str, str] = {}
    for page, meta in sorted(metas.items()):
        if "path" not in meta.data:
            continue
        check = Checker(shown(page))
        path = _read_path(check, page, meta, context)
        if path is not None:
            if path.role in by_role:
                check.problem(
                    meta.data.line_of("path"),
                    f"角色“{path.role}”已经有学习路径：{shown(by_role[path.role])}",
                    "每个角色只能有一条学习路径；合并两个文件，或修改 role。",
                )
            else:
                by_role[path.role] = page
                paths.append(path)
        problems.extend(check.problems)
    return paths, problems


def _read_path(
    check: Checker, page: str, meta: PageMeta, context: PathContext
) -> LearningPath | None:
    spec = check.mapping(
        meta.data["path"], "path", required=("modules",), line=meta.data.line_of("path")
    )
    if spec is None:
        return None
    check.unknown_keys(spec, {"role", "modules"}, "path")
    role = _path_role(check, page, spec, context)
    modules: list[Module] = []
    seen_steps: dict[str, int] = {}
    for item, line in check.items(spec, "modules"):
        module = _read_module(check, item, line, context, seen_steps)
        if module is not None:
            modules.append(module)
    if check.problems:
        return None
    return LearningPath(role, meta.title, page, tuple(modules))


def _path_role(check: Checker, page: str, spec: Map, context: PathContext) -> str:
    """The path's role: `role:` if given, else the file name; reported if unknown."""
    role = PurePosixPath(page).stem
    if "role" in spec:
        role = check.text(spec, "role") or role
    if role not in context.roles:
        check.problem(
            spec.line_of("role") if "role" in spec else spec.line,
            f"学习路径的角色“{role}”不存在",
            "在能力模型文件的 roles 中添加这个角色，或把文件命名为已有角色的 id："
            + "、".join(context.roles),
        )
    return role


def _read_module(
    check: Checker, item: object, line: int, context: PathContext, seen_steps: dict[str, int]
) -> Module | None:
    """One module; `seen_steps` (step id -> line) is shared by the whole path."""
    entry = check.mapping(item, "模块", required=("id", "title", "steps"), line=line)
    if entry is None:
        return None
    check.unknown_keys(entry, {"id", "title", "steps"}, "模块")
    module_id = check.identifier(entry, "id") or ""
    if module_id:
        check.unique("模块 id", module_id, entry.line_of("id"))
    steps = []
    for step_item, step_line in check.items(entry, "steps"):
        step = _read_step(check, step_item, step_line, context)
        if step is None:
            continue
        if step.id in seen_steps:
            check.problem(
                step.line,
                f"步骤“{step.id}”在这条路径里重复（第 {seen_steps[step.id]} 行已经有了）",
                "删除重复的步骤；同一页面的不同小节请写成 `page: 文件.md#小节id`。",
            )
            continue
        seen_steps[step.id] = step.line
        steps.append(step)
    return Module(module_id, check.text(entry, "title") or "", tuple(steps))


def _read_step(check: Checker, item: object, line: int, context: PathContext) -> Step | None:
    entry = check.mapping(item, "步骤", line=line)
    if entry is None:
        return None
    check.unknown_keys(entry, STEP_KEYS, "步骤")
    kind = _step_kind(check, entry)
    if kind is None:
        return None
    value = check.text(entry, kind)
    if value is None:
        return None
    step_line = entry.line_of(kind)
    explicit_title = check.text(entry, "title", optional=True)
    found = _step_target(check, kind, value, step_line, context)
    if found is None:
        return None
    kind, target, anchor, title, minutes, step_id = found
    if "minutes" in entry:
        minutes = _step_minutes(check, entry)
    if "id" in entry:
        step_id = check.text(entry, "id") or step_id
    return Step(
        id=step_id,
        kind=kind,
        target=target,
        anchor=anchor,
        title=explicit_title or title,
        minutes=minutes,
        required=_required(check, entry),
        line=step_line,
    )


def _step_kind(check: Checker, entry: Map) -> str | None:
    """The one key among page, quiz and reflection that the step uses."""
    kinds = [kind for kind in STEP_KINDS if kind in entry]
    if len(kinds) != 1:
        check.problem(
            entry.line,
            "每个步骤要写且只写 page、quiz、reflection 中的一项"
            + (f"（现在写了：{'、'.join(kinds)}）" if kinds else ""),
            "例如 `- page: soc/mission.md`、`- quiz: basics` 或 `- reflection: day-1`。",
        )
        return None
    return kinds[0]


def _step_target(
    check: Checker, kind: str, value: str, line: int, context: PathContext
) -> _Target | None:
    if kind == "page":
        return _page_target(check, value, line, context)
    if kind == "quiz":
        return _quiz_target(check, value, line, context)
    return _reflection_target(check, value, line, context)


def _page_target(check: Checker, value: str, line: int, context: PathContext) -> _Target | None:
    found = _page_step(check, value, line, context)
    if found is None:
        return None
    kind, target, anchor, title, minutes = found
    step_id = f"page:{target.removesuffix('.md')}" + (f"#{anchor}" if anchor else "")
    return kind, target, anchor, title, minutes, step_id


def _quiz_target(check: Checker, value: str, line: int, context: PathContext) -> _Target | None:
    if value in context.unreadable_quizzes:  # its own problems are reported, not this step
        return None
    if value not in context.quizzes:
        known = "、".join(sorted(context.quizzes)) or "（还没有测验）"
        check.problem(line, f"测验“{value}”不存在", f"可用的测验 id：{known}")
        return None
    title, minutes = context.quizzes[value]
    return "quiz", value, "", title, minutes, f"quiz:{value}"


def _reflection_target(
    check: Checker, value: str, line: int, context: PathContext
) -> _Target | None:
    if not IDENTIFIER.match(value):
        check.problem(
            line,
            f"反思步骤的 id“{value}”不能用作 id",
            "只用小写英文字母、数字和连字符，例如 `day-1`。",
        )
        return None
    if context.log_page not in context.pages:
        check.problem(
            line,
            f"反思步骤需要学习日志页面 {context.log_page}，但它不存在",
            "新建该页面，或在 mkdocs.yml 中设置 academy 插件的 learning_log_page。",
        )
        return None
    return (
        "reflection",
        context.log_page,
        "",
        "学习日志：写下今天的反思",
        REFLECTION_MINUTES,
        f"reflection:{value}",
    )


def _page_step(
    check: Checker, value: str, line: int, context: PathContext
) -> tuple[str, str, str, str, int] | None:
    target, _, anchor = value.partition("#")
    target = target.strip().lstrip("./")
    if not target.endswith(".md"):
        check.problem(
            line,
            f"页面“{value}”要写成 content 文件夹里的 .md 文件路径",
            "例如 `page: soc/mission.md` 或 `page: soc/history.md#period-2017`。",
        )
        return None
    meta = context.pages.get(target)
    if meta is None:
        similar = [p for p in context.pages if PurePosixPath(p).name == PurePosixPath(target).name]
        hint = (
            f"是不是 {similar[0]}？"
            if similar
            else "路径从 content 文件夹算起，例如 `soc/mission.md`。"
        )
        check.problem(line, f"页面“{target}”不存在", hint)
        return None
    if "path" in meta.data:
        check.problem(
            line,
            f"“{target}”是一条学习路径的页面，不能作为学习路径的步骤",
            "步骤写要学的课程页面或测验；路径之间相互指向会让学员在两条路径之间来回绕。"
            "想推荐另一条路径，在页面正文里写一个链接。",
        )
        return None
    anchor = anchor.strip()
    if not anchor:
        return "page", target, "", meta.title, meta.minutes
    heading = context.headings.get(target, {}).get(anchor)
    title = f"{meta.title} · {heading}" if heading else meta.title
    return "section", target, anchor, title, meta.minutes


def _step_minutes(check: Checker, entry: Map) -> int:
    value = entry.get("minutes")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_STEP_MINUTES:
        check.problem(
            entry.line_of("minutes"),
            f"步骤的 minutes 必须是 1 到 600 之间的整数，现在是“{value}”",
            "例如 `minutes: 10`。",
        )
        return 0
    return value


def _required(check: Checker, entry: Map) -> bool:
    if "optional" not in entry:
        return True
    value = entry["optional"]
    if not isinstance(value, bool):
        check.problem(
            entry.line_of("optional"),
            f"optional 只能写 true 或 false，现在是“{value}”",
            "选修写 `optional: true`；必修不用写这一项。（yes/no 不被当作真假值。）",
        )
        return True
    return not value


def check_anchors(
    paths: list[LearningPath], ids: Mapping[str, set[str]], shown: Callable[[str], str]
) -> list[Problem]:
    """Section steps must point at an id that exists in the rendered page
    (`ids`: the pages rendered in this build, all of them but in a --dirty build)."""
    problems = []
    for path in paths:
        for step in path.steps:
            if (
                step.kind == "section"
                and step.target in ids
                and step.anchor not in ids[step.target]
            ):
                problems.append(
                    Problem(
                        shown(path.page),
                        step.line,
                        0,
                        f"页面 {step.target} 中没有小节“#{step.anchor}”",
                        "检查小节标题后面的 {#id}，或改为整页：去掉 # 及其后面的部分。",
                    )
                )
    return problems
