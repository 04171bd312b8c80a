"""Server-rendered markup of a quiz (or a single knowledge check); quiz.js adds behaviour.

The scoring spec travels in a data-* attribute as JSON, never in an inline
script: Material's instant navigation re-creates inline scripts without their
type, which would turn a JSON block into executable code.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from html import escape

from academy.core.model import Model
from academy.core.quizzes import TYPE_LABEL, Question, Quiz
from academy.scoring.spec import scoring_spec

from .learning import NOTICE, attrs, spcm_data
from .richtext import RichText

Link = dict[str, str]  # {"href", "title"}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def scrambled(count: int, seed: str) -> list[int]:
    """A fixed order of 0..count-1 that is never the identity (for ordering questions)."""
    order = list(range(count))
    generator = random.Random(seed)
    while order == sorted(order) and count > 1:
        generator.shuffle(order)
    return order


class QuizRenderer:
    def __init__(self, model: Model, site: str, build: str) -> None:
        self.model = model
        self.site = site
        self.build = build
        self.text = RichText()

    def render(
        self,
        quiz: Quiz,
        refs: Callable[[Question], list[Link]],
        review: dict[str, list[Link]],
        only: Question | None = None,
        site_root: str = "",
        banks: list[dict[str, object]] | None = None,
    ) -> str:
        questions = [only] if only else list(quiz.questions)
        key = f"{quiz.id}-{only.id}" if only else quiz.id
        assessed = quiz.mode == "assessed"
        fieldsets = "".join(
            self._question(key, number, q, refs(q), feedback=not assessed)
            for number, q in enumerate(questions, 1)
        )
        section = attrs(
            class_="academy-quiz",
            data_academy="quiz",
            data_academy_site=self.site,
            data_quiz=quiz.id,
            data_version=quiz.version,
            data_title=quiz.title,
            data_shuffle="true" if quiz.shuffle and not only else "false",
            data_embedded="true" if only else "false",
            data_build=self.build,
            data_site_root=site_root or None,
            data_mode=quiz.mode,
            data_keep=quiz.keep,
            data_wait_minutes=quiz.wait_minutes,
            data_spec=_json(scoring_spec(quiz, self.model, questions, keys=not assessed)),
            data_review=_json({} if assessed else review),
            **spcm_data(self.model, banks or []),
        )
        name = (
            ""
            if only
            else f'<p class="academy-quiz__name"><label for="academy-name-{escape(key)}">'
            "你的姓名（导出结果时使用，可不填）</label> "
            f'<input id="academy-name-{escape(key)}" name="trainee" autocomplete="name"></p>'
        )
        submit = "检查答案" if only else "提交答案" if not assessed else "提交并下载答卷"
        return (
            f"<section {section} data-search-exclude>"
            f'<form class="academy-quiz__form" data-academy-quiz-form novalidate>{fieldsets}{name}'
            f'<button type="submit" class="md-button md-button--primary">{submit}</button></form>'
            '<p class="academy-quiz__live academy-visually-hidden" aria-live="polite"'
            " data-academy-live></p>"
            '<div class="academy-quiz__result" data-academy-result tabindex="-1" hidden></div>'
            '<div class="academy-quiz__history" data-academy-history></div>'
            f"{NOTICE}</section>"
        )

    def _question(
        self, key: str, number: int, question: Question, links: list[Link], feedback: bool = True
    ) -> str:
        base = f"academy-{key}-{question.id}"
        prompt_id = f"academy-q-{key}-{question.id}-prompt"
        fieldset = attrs(
            class_="academy-q",
            data_question=question.id,
            data_type=question.type,
            data_dimension=question.dimension,
            data_level=question.level,
        )
        head = (
            f"<fieldset {fieldset}>"
            f'<legend><span class="academy-q__number">第 {number} 题</span> '
            f'<span class="academy-q__type">{TYPE_LABEL[question.type]}</span></legend>'
        )
        if question.type == "rating":
            return head + self._rating(base, question) + "</fieldset>"
        prompt = (
            f'<div class="academy-q__prompt" id="{escape(prompt_id)}">'
            f"{self.text.block(question.prompt)}</div>"
        )
        if question.type in ("single", "multiple"):
            kind = "radio" if question.type == "single" else "checkbox"
            body = self._choices(
                base,
                prompt_id,
                kind,
                [(str(i), self.text.inline(o)) for i, o in enumerate(question.options)],
            )
        elif question.type == "truefalse":
            body = self._choices(base, prompt_id, "radio", [("true", "正确"), ("false", "错误")])
        else:
            items = "".join(
                f'<li class="academy-q__item" data-item="{index}">'
                '<span class="academy-q__item-text">'
                f"{self.text.inline(question.options[index])}</span> "
                f'<button type="button" class="academy-q__move" data-move="up"'
                f' aria-label="上移：{escape(question.options[index])}">↑</button> '
                f'<button type="button" class="academy-q__move" data-move="down"'
                f' aria-label="下移：{escape(question.options[index])}">↓</button></li>'
                for index in scrambled(len(question.options), f"{key}/{question.id}")
            )
            body = (
                f'<ol class="academy-q__order" data-academy-order'
                f' aria-describedby="{escape(prompt_id)}">{items}</ol>'
            )
        if not feedback:  # assessed: neither explanation nor review links reveal the key
            return head + prompt + body + "</fieldset>"
        ref_items = "".join(
            f'<li><a href="{escape(link["href"])}">复习：{escape(link["title"])}</a></li>'
            for link in links
        )
        explanation = (
            '<div class="academy-q__feedback" data-academy-feedback hidden>'
            f'<div class="academy-q__explanation">{self.text.block(question.explanation)}</div>'
            + (f'<ul class="academy-q__refs">{ref_items}</ul>' if ref_items else "")
            + "</div>"
        )
        return head + prompt + body + explanation + "</fieldset>"

    @staticmethod
    def _choices(base: str, prompt_id: str, kind: str, options: list[tuple[str, str]]) -> str:
        labels = "".join(
            f'<label class="academy-q__option"><input type="{kind}" name="{escape(base)}"'
            f' value="{value}"> <span>{html}</span></label>'
            for value, html in options
        )
        return (
            f'<div class="academy-q__options" role="group"'
            f' aria-labelledby="{escape(prompt_id)}">{labels}</div>'
        )

    def _rating(self, base: str, question: Question) -> str:
        rows = []
        scale = self.model.scoring.scale
        level = next(
            (lv.name for lv in self.model.levels if lv.id == question.level), question.level
        )
        intro = (
            '<p class="academy-q__prompt">对照下列行为，为自己打分'
            f"（{escape(question.dimension)} · {escape(level)}）。</p>"
        )
        for index, statement in enumerate(
            self.model.statements(question.dimension, question.level, question.role)
        ):
            label_id = f"{base}-ind-{index}"
            choices = "".join(
                f'<label><input type="radio" name="{escape(base)}-{index}" value="{value}">'
                f" {escape(text)}</label> "
                for value, text in enumerate(scale, start=1)
            )
            rows.append(
                f'<div class="academy-q__rating" role="radiogroup"'
                f' aria-labelledby="{escape(label_id)}">'
                f'<p id="{escape(label_id)}">{escape(statement)}</p>{choices}</div>'
            )
        return intro + "".join(rows)
