"""Server-rendered markup of the learning widgets; the browser script adds state.

Every text comes from trainers' files and is escaped here; the browser script
only ever sets textContent. Data travels in data-* attributes, never in inline
scripts (instant navigation re-creates those without their attributes).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from academy.core.learning_paths import LearningPath, Step
from academy.core.model import Model

# (docs-relative source path, anchor) -> URL relative to the page being rendered
UrlFor = Callable[[str, str], str]

NOTICE = '<p class="academy-notice" data-academy-notice role="status" hidden></p>'
KIND_LABEL = {"page": "阅读", "section": "阅读小节", "quiz": "测验", "reflection": "反思"}


def spcm_data(model: Model, banks: Sequence[dict[str, object]]) -> dict[str, str]:
    """The data-* a SPCM result needs besides the scores (quiz page and dashboard alike):
    level names, groups, roles (target, assessed dimensions: empty = all), the rating
    scale and the practice banks that can add evidence (see quiz_page.bank_catalogue)."""
    return {
        "data_levels": _json([{"id": lv.id, "name": lv.name} for lv in model.levels]),
        "data_groups": _json(
            [{"name": name, "dimensions": list(dims)} for name, dims in model.groups]
        ),
        "data_roles": _json(
            {
                r.id: {"name": r.name, "target": r.target, "dimensions": list(r.dimensions)}
                for r in model.roles
            }
        ),
        "data_scale": _json(list(model.scoring.scale)),
        "data_banks": _json(list(banks)),
    }


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def attrs(**values: object) -> str:
    """HTML attributes; keys use _ for -, None values are left out."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(f'{name}="{escape(str(value), quote=True)}"')
    return " ".join(parts)


def step_href(step: Step, url_for: UrlFor, quiz_page: Callable[[str], str]) -> str:
    if step.kind == "quiz":
        return url_for(quiz_page(step.target), "")
    return url_for(step.target, step.anchor)


def _step_data(step: Step, href: str) -> str:
    return attrs(
        data_step=step.id,
        data_kind=step.kind,
        data_minutes=step.minutes,
        data_required="true" if step.required else "false",
        data_title=step.title,
        data_href=href,
    )


@dataclass(frozen=True)
class PathPlace:
    """Where a page stands in one path: its steps there (the page itself or some of
    its sections), in path order."""

    path: LearningPath
    indexes: tuple[int, ...]

    @property
    def index(self) -> int:
        """The step the page's bar shows: the page itself, else its first section."""
        steps = self.path.steps
        return next((i for i in self.indexes if not steps[i].anchor), self.indexes[0])


def render_pathbar(
    site: str,
    memberships: Sequence[PathPlace],
    url_for: UrlFor,
    quiz_page: Callable[[str], str],
) -> tuple[str, str]:
    """The bar at the top of a page in one or more paths, and the button at its end.
    Marking the page done marks every step of the path on it, and 下一步 leads past them."""
    blocks = []
    for place in memberships:
        path, index = place.path, place.index
        steps = path.steps
        step = steps[index]
        first, last = min(place.indexes), max(place.indexes)
        links = []
        if first > 0:
            previous = steps[first - 1]
            previous_href = escape(step_href(previous, url_for, quiz_page))
            links.append(
                f'<a class="academy-pathbar__prev" rel="prev" href="{previous_href}">'
                f"上一步：{escape(previous.title)}</a>"
            )
        if last + 1 < len(steps):
            following = steps[last + 1]
            following_href = escape(step_href(following, url_for, quiz_page))
            links.append(
                f'<a class="academy-pathbar__next" rel="next" href="{following_href}">'
                f"下一步：{escape(following.title)}</a>"
            )
        path_data = attrs(
            data_path=path.role,
            data_role=path.role,
            data_step=step.id,
            data_with=" ".join(steps[i].id for i in place.indexes if i != index) or None,
            data_steps=" ".join(s.id for s in steps),
        )
        blocks.append(
            f'<div class="academy-pathbar__path" '
            f"{path_data}>"
            f'<a class="academy-pathbar__name" href="{escape(url_for(path.page, ""))}">'
            f"{escape(path.title)}</a> "
            f'<span class="academy-pathbar__position">第 {index + 1} 步，共 {len(steps)} 步</span> '
            f'<span class="academy-pathbar__progress" data-academy-progress></span> '
            + " ".join(links)
            + ' <button type="button" class="md-button academy-done" data-academy-done'
            ' aria-pressed="false">标记为已完成</button>'
            "</div>"
        )
    bar = (
        f'<nav class="academy-pathbar" data-academy="pathbar" data-academy-site="{escape(site)}" '
        f'aria-label="学习路径" data-search-exclude>{"".join(blocks)}{NOTICE}</nav>'
    )
    end = (
        f'<div class="academy-pagedone" data-academy="pagedone" data-academy-site="{escape(site)}"'
        " data-search-exclude>"
        "<p>读完了吗？</p>"
        '<button type="button" class="md-button md-button--primary academy-done" data-academy-done'
        ' aria-pressed="false">标记为已完成</button>'
        "</div>"
    )
    return bar, end


def render_path(
    site: str, path: LearningPath, url_for: UrlFor, quiz_page: Callable[[str], str]
) -> str:
    """The steps of a path, on the path's own page."""
    steps = path.steps
    first = step_href(steps[0], url_for, quiz_page) if steps else "#"
    modules = []
    for module in path.modules:
        items = []
        for step in module.steps:
            href = step_href(step, url_for, quiz_page)
            need = "必修" if step.required else "选修"
            items.append(
                f'<li class="academy-step academy-step--{step.kind}" {_step_data(step, href)}>'
                f'<a href="{escape(href)}">{escape(step.title)}</a> '
                f'<span class="academy-step__meta">'
                f"{KIND_LABEL[step.kind]} · {step.minutes} 分钟 · {need}</span> "
                '<span class="academy-step__status" data-academy-status>未开始</span></li>'
            )
        modules.append(
            f'<section class="academy-module" {attrs(data_module=module.id)}>'
            f'<h2 id="module-{escape(module.id)}">{escape(module.title)}</h2>'
            f'<p class="academy-module__time">约 {module.minutes} 分钟 · {len(module.steps)} 步</p>'
            f'<ol class="academy-steps">{"".join(items)}</ol></section>'
        )
    path_data = attrs(
        data_academy="path", data_academy_site=site, data_path=path.role, data_role=path.role
    )
    return (
        f'<section class="academy-path" {path_data} aria-label="学习步骤">'
        '<div class="academy-path__summary">'
        f"<p>共 <b>{len(steps)}</b> 步，约 <b>{path.minutes}</b> 分钟"
        f"（必修 {path.required_minutes} 分钟）</p>"
        f'<progress class="academy-path__bar" max="{len(steps)}" value="0" data-academy-progress'
        f' aria-label="学习进度">0/{len(steps)}</progress>'
        '<p data-academy-progress-text aria-live="polite">尚未开始</p>'
        f'<a class="md-button md-button--primary" data-academy-continue href="{escape(first)}">'
        "开始学习</a> "
        f'<button type="button" class="md-button" data-academy-choose-role'
        f" {attrs(data_role=path.role)}>设为我的角色</button>"
        "</div>" + "".join(modules) + NOTICE + "</section>"
    )


def render_role_picker(
    site: str, model: Model, paths: dict[str, LearningPath], url_for: UrlFor
) -> str:
    levels = {level.id: level.name for level in model.levels}
    buttons = []
    for role in model.roles:
        path = paths.get(role.id)
        role_data = attrs(
            data_role=role.id,
            data_path_href=url_for(path.page, "") if path else None,
            data_path_title=path.title if path else None,
        )
        buttons.append(
            f'<button type="button" class="academy-role" '
            f"{role_data} "
            'aria-pressed="false">'
            f'<span class="academy-role__name">{escape(role.name)}</span> '
            f'<span class="academy-role__level">{escape(levels.get(role.target, ""))}</span>'
            "</button>"
        )
    return (
        f'<div class="academy-roles" data-academy="role-picker" data-academy-site="{escape(site)}"'
        " data-search-exclude>"
        f"<fieldset><legend>我是…</legend>{''.join(buttons)}</fieldset>"
        '<p class="academy-roles__status" data-academy-role-status aria-live="polite"></p>'
        f"{NOTICE}</div>"
    )


def render_dashboard(
    site: str,
    model: Model,
    paths: dict[str, LearningPath],
    url_for: UrlFor,
    quiz_page: Callable[[str], str],
    home: str,
    banks: Sequence[dict[str, object]] = (),
) -> str:
    sections = []
    for role in model.roles:
        path = paths.get(role.id)
        if path is None:
            continue
        href = url_for(path.page, "")
        steps = "".join(
            f"<li {_step_data(step, step_href(step, url_for, quiz_page))}></li>"
            for step in path.steps
        )
        path_data = attrs(
            data_path=path.role,
            data_role=path.role,
            data_role_name=role.name,
            data_title=path.title,
            data_href=href,
        )
        sections.append(
            f'<section class="academy-dash-path" {path_data}>'
            f'<h2><a href="{escape(href)}">{escape(path.title)}</a></h2>'
            f'<progress max="{len(path.steps)}" value="0" data-academy-progress'
            f' aria-label="{escape(path.title)} 进度">0/{len(path.steps)}</progress>'
            '<p data-academy-progress-text aria-live="polite"></p>'
            '<ol class="academy-dash-next" data-academy-next></ol>'
            f"<ol hidden data-academy-steps>{steps}</ol></section>"
        )
    dashboard_data = attrs(data_academy_site=site, data_home_href=home, **spcm_data(model, banks))
    return (
        f'<div class="academy-dashboard" data-academy="dashboard" {dashboard_data}'
        " data-search-exclude>"
        "<p data-academy-role-summary></p>"
        '<section class="academy-plan" data-academy-plan aria-labelledby="academy-plan-title">'
        "</section>" + "".join(sections) + '<div class="academy-dash-tools">'
        '<button type="button" class="md-button" data-academy-export>导出全部学习记录</button> '
        '<label class="md-button">导入学习记录<input type="file" accept=".json,application/json"'
        ' data-academy-import class="academy-visually-hidden"></label> '
        '<button type="button" class="md-button" data-academy-reset>清除全部学习记录</button>'
        '<p data-academy-tools-status aria-live="polite"></p></div>'
        f"{NOTICE}</div>"
    )


def render_learning_log(site: str, questions: Sequence[str]) -> str:
    fields = "".join(
        f'<p><label for="academy-log-q{number}">{escape(question)}</label>'
        f'<textarea id="academy-log-q{number}" name="q{number}" rows="5"></textarea></p>'
        for number, question in enumerate(questions, start=1)
    )
    return (
        f'<div class="academy-log" data-academy="learning-log" data-academy-site="{escape(site)}"'
        " data-search-exclude>"
        '<form class="academy-log__form" data-academy-log-form>'
        '<p><label for="academy-log-date">日期</label>'
        ' <input type="date" id="academy-log-date" name="date" required></p>'
        f"{fields}"
        '<button type="submit" class="md-button md-button--primary">保存今天的日志</button>'
        '<p data-academy-log-status aria-live="polite"></p></form>'
        '<section class="academy-log__entries" aria-label="全部日志">'
        '<h2 id="log-entries">我的日志</h2><div data-academy-log-entries></div>'
        '<p class="academy-log__tools">'
        '<button type="button" class="md-button" data-academy-log-export="markdown">'
        "导出为 Markdown</button> "
        '<button type="button" class="md-button" data-academy-log-export="json">'
        "导出为 JSON</button> "
        '<button type="button" class="md-button" data-academy-print>打印</button></p></section>'
        f"{NOTICE}</div>"
    )
