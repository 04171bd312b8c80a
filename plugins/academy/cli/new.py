"""academy new page|quiz|path|role: scaffold a file with the right front matter and ids.

Never overwrites anything: new files are created exclusively, and the only
edits of existing files are single inserted lines (mkdocs.yml nav, the model's
roles), checked by loading the result before it is saved.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path, PurePosixPath

from academy.core.atomic import atomic_write
from academy.core.checker import IDENTIFIER
from academy.core.model import Model, load_model
from academy.core.problems import Problem, ProblemsFound, format_all

from .ask import Missing, fill_missing, interactive
from .common import FINDINGS, OK, USAGE, open_project, report_problems, usage_error
from .scaffold import add_role, add_to_nav, fill, nav_pages, yaml_text
from .settings import Project

HELP = (
    "按模板新建页面、测验、学习路径或角色"
    "（不会覆盖已有文件；在终端中运行时，没写的必填项会逐项询问）"
)
_SEGMENT = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MAX_MINUTES = 600  # of reading for one page


class Refused(Exception):
    """A usage problem: message and hint for the trainer."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(
        dest="kind", metavar="类型", parser_class=type(parser), required=True
    )
    page = kinds.add_parser(
        "page",
        help="新建内容页面",
        description="在 content/ 下新建一个带页首信息的页面，并加入 mkdocs.yml 的导航",
    )
    page.add_argument(
        "path", nargs="?", metavar="页面路径", help="从 content 文件夹算起，例如 soc/on-call.md"
    )
    page.add_argument("--title", metavar="标题", help="页面标题（必填）")
    page.add_argument(
        "--spcm",
        metavar="维度",
        help="本页培养的 SPCM 维度，多个用逗号分隔，例如 岗位技能,SOC专业（必填）",
    )
    page.add_argument(
        "--roles", metavar="角色", help="面向的角色 id，多个用逗号分隔（默认：全部角色）"
    )
    page.add_argument(
        "--summary", default="（一句话说明本页讲什么）", metavar="简介", help="一句话简介"
    )
    page.add_argument(
        "--minutes", type=int, default=5, metavar="分钟", help="预计阅读分钟数（默认 5）"
    )
    page.add_argument("--no-nav", action="store_true", help="不修改 mkdocs.yml 的导航")
    quiz = kinds.add_parser(
        "quiz",
        help="新建测验题库",
        description="在能力模型所在的文件夹新建一个测验题库（含一道示例题）",
    )
    quiz.add_argument(
        "id", nargs="?", metavar="测验id", help="小写英文字母、数字和连字符，例如 on-call"
    )
    quiz.add_argument("--title", metavar="标题", help="测验标题（必填）")
    quiz.add_argument("--dimension", metavar="维度", help="示例题的 SPCM 维度（默认第一个维度）")
    quiz.add_argument("--level", metavar="级别", help="示例题的级别 id（默认最低级别）")
    quiz.add_argument(
        "--ref", metavar="复习链接", help="示例题的复习页面，例如 soc/norms.md（默认首页）"
    )
    path = kinds.add_parser(
        "path",
        help="新建角色的学习路径",
        description="新建 content/paths/<角色>.md，按页面的 roles 预先填好步骤",
    )
    path.add_argument("role", nargs="?", metavar="角色id", help="能力模型中已有的角色 id")
    path.add_argument("--title", metavar="标题", help="路径标题（默认：<角色名称>学习路径）")
    path.add_argument("--no-nav", action="store_true", help="不修改 mkdocs.yml 的导航")
    role = kinds.add_parser(
        "role", help="在能力模型中新增角色", description="在能力模型文件的 roles 中添加一个角色"
    )
    role.add_argument(
        "id", nargs="?", metavar="角色id", help="小写英文字母、数字和连字符，例如 on-call"
    )
    role.add_argument("--name", metavar="名称", help="首页“我是…”中显示的名称（必填）")
    role.add_argument("--target", metavar="目标级别", help="该角色要达到的级别 id（默认最低级别）")


def run(args: argparse.Namespace) -> int:
    if not interactive():  # a script learns what it forgot before anything is read
        try:
            fill_missing(args, None)
        except Missing as missing:
            return usage_error(f"academy new {args.kind}", f"缺少必填的参数：{missing}")
    project = open_project(args.config_file, anchors=False)
    if project is None:
        return USAGE
    if project.model is None or project.course is None:
        return report_problems(project.problems)
    try:
        if interactive():
            fill_missing(args, project.model)
    except (EOFError, KeyboardInterrupt):
        print("\n未创建：已取消。", file=sys.stderr)
        return USAGE
    try:
        created = {"page": new_page, "quiz": new_quiz, "path": new_path, "role": new_role}[
            args.kind
        ](args, project)
    except Refused as refused:
        print(f"未创建：{refused}", file=sys.stderr)
        if refused.hint:
            print(f"    提示：{refused.hint}", file=sys.stderr)
        return USAGE
    for line in created:
        print(line)
    return _recheck(args.config_file, created)


def _recheck(config_file: str, created: list[str]) -> int:
    """The new files must pass the same checks as the rest of the site."""
    project = open_project(config_file, anchors=False)
    if project is None:
        return USAGE
    shown = {line.split("：", 1)[-1].strip() for line in created}
    mine = [p for p in project.problems if p.path in shown]
    if mine:
        print(format_all(mine))
        return FINDINGS
    return OK


def _shown(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.settings.base).as_posix()
    except ValueError:
        return str(path)


def _create(path: Path, text: str, shown: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise Refused(f"{shown} 已经存在", "换一个名称；本命令不会覆盖已有文件。") from None


def _replace_text(path: Path, before: str, after: str) -> None:
    """Save an edited file only if nobody changed it meanwhile; atomically."""
    if path.read_text(encoding="utf-8") != before:
        raise Refused(f"{path} 在编辑期间被修改过", "请重新运行命令。")
    with atomic_write(path, newline="", mode=path.stat().st_mode & 0o777) as stream:
        stream.write(after)


def _list(
    value: str | None, allowed: tuple[str, ...], what: str, default: tuple[str, ...]
) -> list[str]:
    if value is None:
        return list(default)
    items = [item.strip() for item in re.split(r"[,，、]", value) if item.strip()]
    for item in items:
        if item not in allowed:
            raise Refused(f"{what}“{item}”不存在", "可选：" + "、".join(allowed))
    if not items:
        raise Refused(f"至少写一个{what}", "可选：" + "、".join(allowed))
    return list(dict.fromkeys(items))


def _page_key(project: Project, given: str) -> str:
    path = given.replace("\\", "/").strip()
    docs = _shown(project, project.settings.docs_dir)
    if path.startswith(docs + "/"):
        path = path[len(docs) + 1 :]
    if not path.endswith(".md"):
        path += ".md"
    parts = PurePosixPath(path).parts
    if (
        path.startswith("/")
        or not parts
        or not all(_SEGMENT.match(p.removesuffix(".md")) for p in parts)
    ):
        raise Refused(
            f"页面路径“{given}”不能使用",
            "从 content 文件夹算起，只用小写英文字母、数字和连字符，例如 soc/on-call.md。",
        )
    return path


def _nav(project: Project, config_file: str, key: str, skip: bool) -> list[str]:
    if skip:
        return ["未修改导航（--no-nav）：请自己把页面加到 mkdocs.yml 的 nav 中。"]
    config = Path(config_file)
    before = config.read_text(encoding="utf-8")
    if nav_pages(before) is None:
        return ["mkdocs.yml 没有 nav：页面会自动出现在导航中。"]
    after = add_to_nav(before, key)
    if after is None:
        return [f"导航中已有 {key}。"]
    _replace_text(config, before, after)
    return [f"已加入导航：{_shown(project, config)}"]


def new_page(args: argparse.Namespace, project: Project) -> list[str]:
    model = project.model
    assert model is not None
    if not 1 <= args.minutes <= MAX_MINUTES:
        raise Refused(
            f"--minutes 必须是 1 到 {MAX_MINUTES} 之间的整数",
            "例如 --minutes 10（预计阅读分钟数）。",
        )
    key = _page_key(project, args.path)
    roles = _list(args.roles, model.role_ids, "角色", model.role_ids)
    spcm = _list(args.spcm, model.dimensions, "SPCM 维度", ())
    text = fill(
        "page.md",
        title=yaml_text(args.title),
        summary=yaml_text(args.summary),
        minutes=str(args.minutes),
        roles=", ".join(roles),
        spcm=", ".join(spcm),
        heading=args.title.strip(),
    )
    file = project.settings.docs_dir / key
    _create(file, text, _shown(project, file))
    return [
        f"已创建页面：{_shown(project, file)}",
        *_nav(project, args.config_file, key, args.no_nav),
    ]


def new_quiz(args: argparse.Namespace, project: Project) -> list[str]:
    model, course = project.model, project.course
    assert model is not None and course is not None
    quiz_id = args.id.strip()
    if not IDENTIFIER.match(quiz_id):
        raise Refused(
            f"测验 id“{quiz_id}”不能使用", "只用小写英文字母、数字和连字符，例如 on-call。"
        )
    folder = project.settings.model.parent
    if (
        quiz_id in course.quizzes
        or (folder / f"{quiz_id}.yml").resolve() == project.settings.model.resolve()
    ):
        raise Refused(f"测验 id“{quiz_id}”已被使用", "换一个 id。")
    dimension = _list(args.dimension, model.dimensions, "SPCM 维度", model.dimensions[:1])[0]
    level = _list(args.level, model.level_ids, "级别", model.level_ids[:1])[0]
    pages = course.pages.metas
    ref = args.ref or ("index.md" if "index.md" in pages else next(iter(sorted(pages)), ""))
    if ref.partition("#")[0] not in pages:
        raise Refused(
            f"复习页面“{ref}”不存在", "写 content 文件夹下的页面路径，例如 soc/norms.md。"
        )
    text = fill(
        "quiz.yml",
        id=quiz_id,
        title=args.title.strip(),
        title_yaml=yaml_text(args.title),
        roles=", ".join(model.role_ids),
        dimension=dimension,
        level=level,
        ref=ref,
    )
    file = folder / f"{quiz_id}.yml"
    _create(file, text, _shown(project, file))
    return [
        f"已创建测验：{_shown(project, file)}",
        f"把它加入学习路径：在路径的步骤中写 `- quiz: {quiz_id}`。",
    ]


def new_path(args: argparse.Namespace, project: Project) -> list[str]:
    model, course = project.model, project.course
    assert model is not None and course is not None
    role = model.role(args.role)
    if role is None:
        raise Refused(
            f"角色“{args.role}”不在能力模型中",
            f"先运行 `academy new role {args.role} --name 角色名称`，或使用已有的角色："
            + "、".join(model.role_ids),
        )
    existing = next((p for p in course.paths if p.role == role.id), None)
    if existing is not None:
        raise Refused(
            f"角色“{role.id}”已经有学习路径：{existing.page}",
            "每个角色只能有一条学习路径；请直接编辑它。",
        )
    key = f"paths/{role.id}.md"
    metas = course.pages.metas
    order = nav_pages(Path(args.config_file).read_text(encoding="utf-8")) or sorted(metas)
    order += [p for p in sorted(metas) if p not in order]
    log_page = project.settings.log_page
    pages = [
        p
        for p in order
        if p in metas
        and role.id in metas[p].roles
        and not p.startswith("paths/")
        and p not in ("index.md", log_page)
        and "path" not in metas[p].data
    ][:12]
    steps = [f"        - page: {p}" for p in pages]
    steps += [
        f"        - quiz: {q.id}"
        for q in sorted(course.quizzes.values(), key=lambda q: q.id)
        if role.id in q.roles
    ]
    if log_page in metas:
        steps.append("        - reflection: day-1")
    if not steps:
        steps = [f"        - page: {'index.md' if 'index.md' in metas else sorted(metas)[0]}"]
    dimensions = {d for p in pages for d in metas[p].spcm}
    spcm = [d for d in model.dimensions if d in dimensions] or list(model.dimensions[:1])
    title = args.title or f"{role.name}学习路径"
    text = fill(
        "path.md",
        title=yaml_text(title),
        summary=yaml_text(f"{role.name}的入职学习路线。"),
        role=role.id,
        spcm=", ".join(spcm),
        steps="\n".join(steps),
        heading=title,
    )
    file = project.settings.docs_dir / key
    _create(file, text, _shown(project, file))
    return [
        f"已创建学习路径：{_shown(project, file)}",
        *_nav(project, args.config_file, key, args.no_nav),
    ]


def new_role(args: argparse.Namespace, project: Project) -> list[str]:
    model = project.model
    assert model is not None
    role_id = args.id.strip()
    if not IDENTIFIER.match(role_id):
        raise Refused(
            f"角色 id“{role_id}”不能使用", "只用小写英文字母、数字和连字符，例如 on-call。"
        )
    if role_id in model.role_ids:
        raise Refused(f"角色“{role_id}”已经存在", "换一个 id，或直接编辑能力模型文件。")
    target = _list(args.target, model.level_ids, "级别", model.level_ids[:1])[0]
    file = project.settings.model
    before = file.read_text(encoding="utf-8")
    after = add_role(before, role_id, args.name, target)
    if after is None:
        raise Refused(
            f"{_shown(project, file)} 中找不到逐行书写的 roles 列表",
            "请手动在 roles 下添加角色（见作者指南）。",
        )
    problems = _model_problems(after, file, _shown(project, file))
    if problems:
        raise Refused(
            "添加后的能力模型无法通过检查，未作修改：\n" + format_all(problems),
            "检查 --name 中的文字，或手动编辑能力模型文件。",
        )
    _replace_text(file, before, after)
    return [f"已添加角色：{_shown(project, file)}", f"为它建立学习路径：academy new path {role_id}"]


def _model_problems(text: str, file: Path, shown: str) -> list[Problem]:
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / file.name
        trial.write_text(text, encoding="utf-8")
        try:
            model: Model = load_model(trial, shown_as=shown)
        except ProblemsFound as found:
            return found.problems
    return [] if model.role_ids else [Problem(shown, 1, 0, "没有角色")]
