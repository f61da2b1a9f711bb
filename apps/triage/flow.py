"""Where a person is in the questions: plain functions over the engine, used by the views."""

from dataclasses import dataclass

from apps.triage.engine import AnswerError, Questionnaire, next_step


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
    return [question["id"] for question in questionnaire.public_dict()["questions"]]


def valid_prefix(questionnaire: Questionnaire, answers: dict) -> dict[str, list[str]]:
    """The longest run of the answers that the engine accepts, in question order.
    Answers to questions that are no longer asked are dropped; answers after a question
    that now needs answering first are dropped too."""
    order = question_order(questionnaire)
    kept: dict[str, list[str]] = {}
    for question_id in [qid for qid in order if qid in answers]:
        step = next_step(questionnaire, kept).to_dict()
        if step["done"]:
            break
        asked = step["question"]["id"]
        if order.index(asked) > order.index(question_id):
            continue  # this question is skipped now
        if asked != question_id:
            break  # an earlier question needs an answer first
        candidate = {**kept, question_id: answers[question_id]}
        try:
            next_step(questionnaire, candidate)
        except AnswerError:
            break
        kept = candidate
    return kept


def resume(questionnaire: Questionnaire, answers: dict[str, list[str]]) -> FlowState:
    kept = valid_prefix(questionnaire, answers)
    return FlowState(answers=kept, step=next_step(questionnaire, kept).to_dict())


def answer(
    questionnaire: Questionnaire,
    answers: dict[str, list[str]],
    question_id: str,
    options: list[str],
) -> FlowState:
    """Record one answer, new or changed, keeping later answers that still apply.
    Raises AnswerError (with a message) if this answer cannot be accepted here."""
    order = question_order(questionnaire)
    earlier = {
        k: v for k, v in answers.items() if k in order and order.index(k) < order.index(question_id)
    }
    prefix = valid_prefix(questionnaire, earlier)
    next_step(questionnaire, {**prefix, question_id: options})  # raises AnswerError
    return resume(questionnaire, {**answers, question_id: options})
