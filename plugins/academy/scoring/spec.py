"""The scoring input of a quiz: what scoring/ladder.py and the browser's scoring.js
read. The quiz page carries it as JSON; `academy score` and `academy report` build
it again from the repository's banks to re-score exported answers."""

from __future__ import annotations

from collections.abc import Sequence

from academy.core.model import Model
from academy.core.quizzes import Question, Quiz

from .types import QuestionSpec, Spec


def scoring_spec(
    quiz: Quiz, model: Model, questions: Sequence[Question] | None = None, keys: bool = True
) -> Spec:
    """The input of the ladder scoring (scoring.py / scoring.js) for this quiz.

    Without `keys` (assessed quizzes in the page) the answers are left out.
    """
    specs: list[QuestionSpec] = []
    for question in questions if questions is not None else quiz.questions:
        spec: QuestionSpec = {
            "id": question.id,
            "type": question.type,
            "dimension": question.dimension,
            "level": question.level,
        }
        if question.type == "rating":
            spec["indicators"] = len(
                model.statements(question.dimension, question.level, question.role)
            )
        else:
            spec["points"] = question.points
            if keys:
                spec["answer"] = (
                    question.truth if question.type == "truefalse" else list(question.answer)
                )
        specs.append(spec)
    return {
        "model": {
            "levels": list(model.level_ids),
            "dimensions": list(model.dimensions),
            "threshold": model.scoring.threshold,
            "weights": {
                "knowledge": model.scoring.knowledge_weight,
                "self": model.scoring.self_weight,
            },
            "calibration_margin": model.scoring.calibration_margin,
            "min_items": model.scoring.min_items,
            "knowledge_floor": model.scoring.knowledge_floor,
        },
        "questions": specs,
    }
