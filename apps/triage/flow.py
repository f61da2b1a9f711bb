"""Where a person is in the questions: plain functions over the engine, used by the views."""

from dataclasses import dataclass

from apps.triage.engine import AnswerError, Question, Questionnaire, next_step, prune_answers
from apps.triage.engine.answers import check_answer
from apps.triage.engine.contract import RED_FLAGS


@dataclass(frozen=True)
class FlowState:
    answers: dict[str, list[str]]
    step: dict  # the engine's next_step(...).to_dict()

    @property
    def done(self) -> bool:
        return self.step["done"]

    @property
    def current_question_id(self) -> str | None:
        return None if self.done else self.step["question"]["id"]


def question_order(questionnaire: Questionnaire) -> list[str]:
    return [question.id for question in questionnaire.questions]


def well_formed_prefix(questionnaire: Questionnaire, answers: dict) -> dict:
    """The answers in question order up to the first one the engine cannot read (an unknown
    question or option, say after the questionnaire changed under a stored session)."""
    kept = {}
    for question in questionnaire.questions:
        if question.id not in answers:
            continue
        try:
            check_answer(question, answers[question.id])
        except AnswerError:
            break
        kept[question.id] = answers[question.id]
    return kept


def resume(questionnaire: Questionnaire, answers: dict[str, list[str]]) -> FlowState:
    """The walk so far: answers that no longer apply, or come after a question that now needs
    answering first, are dropped."""
    kept = prune_answers(questionnaire, well_formed_prefix(questionnaire, answers))
    return FlowState(answers=kept, step=next_step(questionnaire, kept).to_dict())


def answer(
    questionnaire: Questionnaire,
    answers: dict[str, list[str]],
    question_id: str,
    options: list[str],
) -> FlowState:
    """Record one answer, new or changed, keeping later answers that still apply.
    `answers` is a walk so far (from resume). Raises AnswerError (with a message) if this
    answer cannot be accepted here."""
    order = question_order(questionnaire)
    earlier = {k: v for k, v in answers.items() if order.index(k) < order.index(question_id)}
    next_step(questionnaire, {**earlier, question_id: options})  # raises AnswerError
    return resume(questionnaire, {**answers, question_id: options})


def may_suggest(question: Question) -> bool:
    """Whether an answer may be filled in from elsewhere (the diary). A question that asks
    about a red flag is always answered afresh: it is never filled in."""
    return not question.declared_findings & frozenset(RED_FLAGS)


def suggestions(questionnaire: Questionnaire, answers: dict) -> dict[str, list[str]]:
    """The answers that may be offered as filled-in choices: well-formed ones, to questions
    that ask about no red flag. Anything else is dropped, never an error."""
    kept = {}
    for question in questionnaire.questions:
        if question.id not in answers or not may_suggest(question):
            continue
        try:
            check_answer(question, answers[question.id])
        except AnswerError:
            continue
        kept[question.id] = list(answers[question.id])
    return kept
