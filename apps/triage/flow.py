"""Where a person is in the questions: plain functions over the engine, used by the views."""

from apps.triage import engine
from apps.triage.engine import AnswerError, Question, Questionnaire, Walk
from apps.triage.engine.answers import check_answer
from apps.triage.engine.contract import RED_FLAGS


def question_order(questionnaire: Questionnaire) -> list[str]:
    return [question.id for question in questionnaire.questions]


def resume(questionnaire: Questionnaire, answers: dict[str, list[str]]) -> Walk:
    """The walk so far, read once (the engine's walk: answers that no longer apply are
    dropped), with its next step: a question or the assessment."""
    return engine.walk(questionnaire, answers)


def answer(
    questionnaire: Questionnaire,
    answers: dict[str, list[str]],
    question_id: str,
    options: list[str],
) -> tuple[Walk, dict[str, list[str]]]:
    """Record one answer, new or changed: the walk, and every answer to keep (the engine's
    answer: those a change took off the walk come back when they apply again). Raises
    AnswerError (with a message) if it cannot be accepted here. One pass over the answers."""
    return engine.answer_walk(questionnaire, answers, question_id, options)


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
