"""What triage gives other apps and takes from them, so that they need not know its insides:
the answers of a finished walk, and a new walk with answers filled in from elsewhere."""

from django.http import HttpRequest
from django.urls import reverse

from apps.triage import flow
from apps.triage.presenters import questionnaire_rows
from apps.triage.questionnaire_store import current_questionnaire
from apps.triage.session_answers import (
    answered_at,
    clear_answers,
    current_walk,
    get_answers,
    get_prefill,
    save_prefill,
)


def finished_answers(request: HttpRequest) -> dict[str, list[str]]:
    """This person's answers if their walk reached a result, else {}."""
    state = current_walk(request, current_questionnaire())
    return state.answers if state.done else {}


def finished_at(request: HttpRequest):
    """When the answers of this person's walk last changed (None if not known)."""
    return answered_at(request)


def start_again_with(request: HttpRequest, answers: dict[str, list[str]]) -> str:
    """Start a new walk in which `answers` are offered as filled-in choices (never for the
    red-flag questions, which are always asked afresh). Returns the first screen's URL."""
    questionnaire = current_questionnaire()
    clear_answers(request)
    save_prefill(request, flow.suggestions(questionnaire, answers))
    return reverse("triage:question", args=[flow.question_order(questionnaire)[0]])


def session_data(request: HttpRequest) -> dict[str, dict[str, list[str]]]:
    """What triage keeps in this browser's session: the answers given, and the answers
    filled in from the diary for the person to confirm."""
    return {"answers": get_answers(request), "filled_in": get_prefill(request)}


def session_rows(request: HttpRequest) -> list[dict]:
    """The answers in this browser's session, in words (question, chosen labels)."""
    questionnaire = current_questionnaire()
    return questionnaire_rows(questionnaire, current_walk(request, questionnaire).answers)
