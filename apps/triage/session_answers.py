"""The answers of the screen-by-screen flow, kept in the person's session."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from apps.triage.engine import Questionnaire, Walk
from apps.triage.flow import resume

SESSION_KEY = "triage_answers"
PREFILL_KEY = "triage_prefill"
#: When the answers last changed (ISO 8601, to the second): the hand-over's "answered at".
ANSWERED_AT_KEY = "triage_answered_at"


def _stored(request: HttpRequest, key: str) -> dict[str, list[str]]:
    """What the session holds under `key`, as answers; anything else is ignored."""
    stored = request.session.get(key)
    if not isinstance(stored, dict):
        return {}
    return {str(qid): list(value) for qid, value in stored.items() if isinstance(value, list)}


def get_answers(request: HttpRequest) -> dict[str, list[str]]:
    return _stored(request, SESSION_KEY)


def _new_key_for_a_new_walk(request: HttpRequest) -> None:
    """A walk starts (nothing of one in the session yet): under a new session key, so that a
    session cookie planted in the browser beforehand never reads the person's answers
    (session fixation; issue 21)."""
    session = request.session
    if session.session_key and not (session.get(SESSION_KEY) or session.get(PREFILL_KEY)):
        session.cycle_key()


def save_answers(request: HttpRequest, answers: dict[str, list[str]]) -> None:
    _new_key_for_a_new_walk(request)
    if answers != get_answers(request):
        request.session[ANSWERED_AT_KEY] = timezone.now().replace(microsecond=0).isoformat()
    request.session[SESSION_KEY] = answers


def answered_at(request: HttpRequest) -> dt.datetime | None:
    """When this session's answers last changed; None if not known (or not a time)."""
    value = request.session.get(ANSWERED_AT_KEY)
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def clear_answers(request: HttpRequest) -> None:
    """Forget the walk, and any answers filled in from the diary."""
    request.session.pop(SESSION_KEY, None)
    request.session.pop(PREFILL_KEY, None)
    request.session.pop(ANSWERED_AT_KEY, None)


def get_prefill(request: HttpRequest) -> dict[str, list[str]]:
    """Answers offered as filled-in choices (from the diary); the person confirms each."""
    return _stored(request, PREFILL_KEY)


def save_prefill(request: HttpRequest, answers: dict[str, list[str]]) -> None:
    _new_key_for_a_new_walk(request)
    request.session[PREFILL_KEY] = answers


def current_walk(request: HttpRequest, questionnaire: Questionnaire) -> Walk:
    """This person's walk: the session's answers read on `questionnaire`, once per request
    (read again only if the answers or the questionnaire changed since)."""
    answers = get_answers(request)
    known = getattr(request, "_lumpguide_walk", None)
    if known is not None and known[0] is questionnaire and known[1] == answers:
        return known[2]
    walk = resume(questionnaire, answers)
    request._lumpguide_walk = (questionnaire, answers, walk)
    return walk
