"""Check the shape of an answers mapping against the questionnaire (not yet the walk order).

The checks run in a fixed order so that the Python and JavaScript engines report the same
first problem: the type of the mapping, unknown question ids (in code-point order), then each
answered question in questionnaire order.
"""

from collections.abc import Mapping
from typing import Any

from .contract import CONTRADICTIONS
from .errors import AnswerError
from .model import Question, Questionnaire


def check_answers(questionnaire: Questionnaire, answers: Any) -> dict[str, tuple[str, ...]]:
    """Return the answers as {question id: option ids}, or raise AnswerError."""
    if not isinstance(answers, Mapping):
        raise AnswerError("answers must be an object mapping question ids to lists of option ids")
    if not all(isinstance(key, str) for key in answers):
        raise AnswerError("question ids in answers must be strings")
    known = {q.id for q in questionnaire.questions}
    for key in sorted(answers):
        if key not in known:
            raise AnswerError(f'unknown question "{key}"')
    checked: dict[str, tuple[str, ...]] = {}
    for question in questionnaire.questions:
        if question.id in answers:
            checked[question.id] = check_answer(question, answers[question.id])
    return checked


def check_answer(question: Question, value: Any) -> tuple[str, ...]:
    qid = question.id
    if not isinstance(value, list):
        raise AnswerError(f'answer to question "{qid}" must be a list of option ids')
    if not value:
        raise AnswerError(f'answer to question "{qid}" is empty: choose at least one option')
    if not all(isinstance(item, str) for item in value):
        raise AnswerError(f'answer to question "{qid}" must contain only option id strings')
    for option_id in value:
        if question.option(option_id) is None:
            raise AnswerError(f'unknown option "{option_id}" for question "{qid}"')
    seen: set[str] = set()
    for option_id in value:
        if option_id in seen:
            raise AnswerError(f'option "{option_id}" is given twice for question "{qid}"')
        seen.add(option_id)
    if question.kind == "single" and len(value) != 1:
        raise AnswerError(f'question "{qid}" takes exactly one option, got {len(value)}')
    if len(value) > 1:
        for option_id in value:
            option = question.option(option_id)
            if option is not None and option.exclusive:
                raise AnswerError(
                    f'option "{option_id}" for question "{qid}" cannot be combined with other '
                    "options"
                )
        _check_contradictions(question, value)
    return tuple(value)


def _check_contradictions(question: Question, value: list[str]) -> None:
    """Two options that cannot both be true of one lump ("moves" and "does not move")."""
    for first, second in CONTRADICTIONS:
        says_first = [o for o in value if first in question.option(o).findings]
        says_second = [o for o in value if second in question.option(o).findings]
        if says_first and says_second:
            raise AnswerError(
                f'options "{says_first[0]}" and "{says_second[0]}" for question '
                f'"{question.id}" cannot both be true: choose one'
            )
