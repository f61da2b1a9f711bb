"""The answers of the screen-by-screen flow, kept in the person's session."""

from django.http import HttpRequest

SESSION_KEY = "triage_answers"
PREFILL_KEY = "triage_prefill"


def _stored(request: HttpRequest, key: str) -> dict[str, list[str]]:
    """What the session holds under `key`, as answers; anything else is ignored."""
    stored = request.session.get(key)
    if not isinstance(stored, dict):
        return {}
    return {str(qid): list(value) for qid, value in stored.items() if isinstance(value, list)}


def get_answers(request: HttpRequest) -> dict[str, list[str]]:
    return _stored(request, SESSION_KEY)


def save_answers(request: HttpRequest, answers: dict[str, list[str]]) -> None:
    request.session[SESSION_KEY] = answers


def clear_answers(request: HttpRequest) -> None:
    """Forget the walk, and any answers filled in from the diary."""
    request.session.pop(SESSION_KEY, None)
    request.session.pop(PREFILL_KEY, None)


def get_prefill(request: HttpRequest) -> dict[str, list[str]]:
    """Answers offered as filled-in choices (from the diary); the person confirms each."""
    return _stored(request, PREFILL_KEY)


def save_prefill(request: HttpRequest, answers: dict[str, list[str]]) -> None:
    request.session[PREFILL_KEY] = answers
