"""The walk a person takes through the screens: resume, answer (or change) one question, and
where a screen stands. Pure, like the rest of the engine; static/js/triage-engine.js has the
same functions, held equal by the flow cases of tests/triage/vectors.json.
"""

from dataclasses import dataclass
from typing import Any

from .answers import check_answer
from .errors import AnswerError
from .model import Questionnaire
from .walk import next_step, prune_answers


@dataclass(frozen=True, slots=True)
class ScreenProgress:
    """ "Question `number` of at most `most`", and the question the Back link goes to."""

    number: int
    most: int
    previous: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "most": self.most, "previous": self.previous}


def well_formed_prefix(questionnaire: Questionnaire, answers: Any) -> dict[str, list[str]]:
    """The answers in question order up to the first one the engine cannot read (an unknown
    question or option, say after the questionnaire changed under a stored walk)."""
    kept: dict[str, list[str]] = {}
    if not isinstance(answers, dict):
        return kept
    for question in questionnaire.questions:
        if question.id not in answers:
            continue
        try:
            check_answer(question, answers[question.id])
        except AnswerError:
            break
        kept[question.id] = list(answers[question.id])
    return kept


def resume(questionnaire: Questionnaire, answers: Any) -> dict[str, list[str]]:
    """The walk so far: unreadable answers, answers that no longer apply, and answers after a
    question that now needs answering first are dropped. Never raises."""
    return prune_answers(questionnaire, well_formed_prefix(questionnaire, answers))


def answer(
    questionnaire: Questionnaire, answers: dict[str, list[str]], question_id: str, options: Any
) -> dict[str, list[str]]:
    """The walk with one answer recorded, new or changed, keeping every later answer that still
    applies. `answers` is a walk (from resume). AnswerError if the answer cannot be given here.
    """
    order = [q.id for q in questionnaire.questions]
    if question_id not in order:
        raise AnswerError(f'unknown question "{question_id}"')
    cut = order.index(question_id)
    earlier = {k: v for k, v in answers.items() if k in order and order.index(k) < cut}
    next_step(questionnaire, {**earlier, question_id: options})  # raises AnswerError
    return resume(questionnaire, {**answers, question_id: list(options)})


def screen_progress(
    questionnaire: Questionnaire, answers: dict[str, list[str]], question_id: str
) -> ScreenProgress:
    """Where the screen for `question_id` stands on the walk `answers` (from resume): its
    number, the most questions the walk can still have from there, and the previous one."""
    order = [q.id for q in questionnaire.questions]
    index = order.index(question_id)
    before = {k: v for k, v in answers.items() if order.index(k) < index}
    number = len(before) + 1
    step = next_step(questionnaire, before)
    most = number if step.done else step.progress.answered + step.progress.remaining_at_most
    previous = list(before)[-1] if before else None
    return ScreenProgress(number=number, most=max(most, number), previous=previous)
