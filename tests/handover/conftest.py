"""Hand-over fixtures: phones (tests/reminders), walks made with the engine as the contract's
walker answers (tests/triage/walker.py), check-ins made through the diary's service."""

import datetime as dt
from decimal import Decimal

import pytest

from apps.triage.engine import next_step
from apps.triage.questionnaire_store import current_questionnaire
from apps.triage.session_answers import ANSWERED_AT_KEY, SESSION_KEY
from tests.diary.conftest import make_check_in
from tests.reminders.conftest import (  # noqa: F401 (fixtures)
    device,
    device_client,
    known_datetime,
    vapid_key,
)
from tests.triage.walker import walk

#: A short walk: an emergency sign ends it at the first question.
SHORT = frozenset({"saddle_numbness"})
#: A long walk: every question asked (a discharge asks about its smell), warning signs ruled
#: out, a "Not sure", and a background.
LONG = frozenset(
    {
        "loc_side",
        "soft",
        "moves",
        "red",
        "warm",
        "discharge",
        "central_dot",
        "tender",
        "size_medium",
        "onset_weeks",
        "growing",
        "diabetes",
        "age_over_50",
    }
)
#: A lump to see a doctor about within 2 weeks ("soon"): large, growing, there for months.
SOON = frozenset({"loc_side", "hard", "fixed", "size_large", "onset_long", "growing", "painless"})
#: A small soft lump of a few days: self-care.
SELF_CARE = frozenset({"loc_side", "soft", "moves", "size_small", "onset_days", "tender"})
#: A fever (an urgent red flag) with a red, warm lump.
FEVER = frozenset({"fever", "loc_side", "red", "warm", "tender", "size_medium", "onset_days"})


def walk_answers(findings) -> dict[str, list[str]]:
    """The answers of a person with these findings, walked with the engine."""
    questionnaire = current_questionnaire()
    return walk(findings, lambda answers: next_step(questionnaire, answers).to_dict()).answers


def give_answers(client, answers: dict[str, list[str]], *, at: dt.datetime | None = None) -> None:
    """This browser's walk: these answers, given `at` (None: when is not known)."""
    session = client.session
    session[SESSION_KEY] = answers
    if at is not None:
        session[ANSWERED_AT_KEY] = at.isoformat()
    session.save()


def diary_of(phone_device, sizes_and_pains, *, start=dt.datetime(2030, 1, 2, 9, 0, tzinfo=dt.UTC)):
    return [
        make_check_in(
            phone_device,
            size_cm=Decimal(str(size)) if size is not None else None,
            pain=pain,
            recorded_at=start + dt.timedelta(days=3 * i),
            note=f"note {i}",
        )
        for i, (size, pain) in enumerate(sizes_and_pains)
    ]


@pytest.fixture
def phone(device_client):  # noqa: F811 (the fixture)
    return device_client()
