"""The answers of the screen-by-screen flow, kept in the person's session."""

from django.http import HttpRequest

SESSION_KEY = "triage_answers"


def get_answers(request: HttpRequest) -> dict[str, list[str]]:
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict):
        return {}
    return {str(key): list(value) for key, value in stored.items() if isinstance(value, list)}


def save_answers(request: HttpRequest, answers: dict[str, list[str]]) -> None:
    request.session[SESSION_KEY] = answers


def clear_answers(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
