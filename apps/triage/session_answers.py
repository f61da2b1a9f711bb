"""The answers of the screen-by-screen flow, kept in the person's session."""

from django.http import HttpRequest

SESSION_KEY = "triage_answers"
PREFILL_KEY = "triage_prefill"


def get_answers(request: HttpRequest) -> dict[str, list[str]]:
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict):
        return {}
    return {str(key): list(value) for key, value in stored.items() if isinstance(value, list)}


def save_answers(request: HttpRequest, answers: dict[str, list[str]]) -> None:
    request.session[SESSION_KEY] = answers


def clear_answers(request: HttpRequest) -> None:
    """Forget the walk, and any answers filled in from the diary."""
    request.session.pop(SESSION_KEY, None)
    request.session.pop(PREFILL_KEY, None)


def get_prefill(request: HttpRequest) -> dict[str, list[str]]:
    """Answers offered as filled-in choices (from the diary); the person confirms each."""
    stored = request.session.get(PREFILL_KEY)
    if not isinstance(stored, dict):
        return {}
    return {str(key): list(value) for key, value in stored.items() if isinstance(value, list)}


def save_prefill(request: HttpRequest, answers: dict[str, list[str]]) -> None:
    request.session[PREFILL_KEY] = answers
