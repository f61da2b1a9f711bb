"""Answers so far -> the next question, or the assessment when the walk is over."""

from typing import Any

from .answers import check_answers
from .assess import assess
from .errors import AnswerError
from .model import Assessment, NextQuestion, Progress, Question, Questionnaire


def next_step(questionnaire: Questionnaire, answers: Any) -> NextQuestion | Assessment:
    """The next question to ask, or the assessment; AnswerError for anything malformed."""
    checked = check_answers(questionnaire, answers)
    findings: set[str] = set()
    unsure: list[str] = []
    stopped = False
    for index, question in enumerate(questionnaire.questions):
        if question.id not in checked:
            if stopped or not question.applies(frozenset(findings)):
                continue
            later = [q.id for q in questionnaire.questions[index + 1 :] if q.id in checked]
            if later:
                raise AnswerError(
                    f'question "{later[0]}" was not asked: question "{question.id}" must be '
                    "answered first"
                )
            return NextQuestion(
                question=question,
                progress=Progress(
                    answered=len(checked),
                    remaining_at_most=remaining_at_most(questionnaire, index, findings),
                ),
            )
        if stopped:
            raise AnswerError(
                f'question "{question.id}" was not asked: the questionnaire had already ended'
            )
        if not question.applies(frozenset(findings)):
            raise AnswerError(
                f'question "{question.id}" was not asked: it does not apply given the '
                "earlier answers"
            )
        findings.update(findings_of(question, checked[question.id]))
        if any(question.option(o).unsure for o in checked[question.id]):
            unsure.append(question.id)
        stopped = _reached_stop(questionnaire, findings)
    return assess(questionnaire, frozenset(findings), unsure)


def prune_answers(questionnaire: Questionnaire, answers: Any) -> dict[str, list[str]]:
    """Keep only the answers still on the walk: drop those that no longer apply, those after
    the walk ends, and those after the first question that now needs an answer."""
    checked = check_answers(questionnaire, answers)
    kept: dict[str, list[str]] = {}
    findings: set[str] = set()
    for question in questionnaire.questions:
        if not question.applies(frozenset(findings)):
            continue
        if question.id not in checked:
            break
        kept[question.id] = list(checked[question.id])
        findings.update(findings_of(question, checked[question.id]))
        if _reached_stop(questionnaire, findings):
            break
    return kept


def findings_of(question: Question, option_ids: tuple[str, ...]) -> list[str]:
    return [f for option_id in option_ids for f in question.option(option_id).findings]


def _reached_stop(questionnaire: Questionnaire, findings: set[str]) -> bool:
    return questionnaire.reaches_stop(findings)


def remaining_at_most(questionnaire: Questionnaire, index: int, findings: set[str]) -> int:
    """Questions still to come, counting the current one, that could yet be asked."""
    count = 0
    possible = set(findings)
    for question in questionnaire.questions[index:]:
        if not question.ask_if_any or any(f in possible for f in question.ask_if_any):
            count += 1
            possible |= question.declared_findings
    return count
