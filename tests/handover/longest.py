"""The longest hand-over text a person can make, found by a search, for the QR code's bounds.

The text (apps/handover/text.py) grows with the answers: every finding is said once, the red
flags asked about and not reported are listed, the causes are named. The form accepts any
combination of a multiple-choice question's options but "None" or "Not sure", or two that
cannot both be true (issue 20), so the search ticks whatever makes the text longer (every
background, say): a hill climb from "None" everywhere, changing one answer at a time (one
option more or less, or another single choice) while the UTF-8 text grows, first for the walk
alone, then with the diary's longest part: a five-digit check-in count, the largest sizes the
model stores, pain 10/10, grown since the first check-in. The zone is the reminder form's
longest name.

It finds an emergency walk (an urgent sign such as severe pain, then every question). The
diary's safety-net lines (about 300 bytes) come only after a routine or self-care advice,
whose walks say less: a climb with them from the start found about 1,900 bytes in English and
2,400 in Spanish, against 2,064 and 2,560 this way (2026-12-06, questionnaire 2026.4-draft). A
local maximum, not a proof: the tests keep a tenth of headroom below the QR code's capacity."""

import datetime as dt
from decimal import Decimal

from django.utils import translation

from apps.diary.models import CheckIn
from apps.handover.summary import Handover, build_diary, build_triage
from apps.handover.text import summary_text
from apps.reminders.forms import zone_choices
from apps.triage.engine import AnswerError, Questionnaire
from apps.triage.questionnaire_store import current_questionnaire
from lumpguide.regions import REGIONS

#: Two-digit days, months and hours: the longest dates and times the formats write.
ANSWERED_AT = dt.datetime(2030, 12, 10, 10, 10, tzinfo=dt.UTC)
MADE_AT = dt.datetime(2030, 12, 31, 22, 22, tzinfo=dt.UTC)


def _check_in(day: int, size: str, *, pain: int = 10, sore: bool = False) -> CheckIn:
    return CheckIn(
        recorded_at=dt.datetime(2030, 12, day, 11, 11, tzinfo=dt.UTC),
        size_cm=Decimal(size),
        pain=pain,
        red=sore,
        hot=sore,
        leaking=True,
        colour_changed=True,
        note="",
    )


def _longest_diary(zone_name: str):
    """Unsaved check-ins: the text reads only their fields."""
    first = _check_in(11, "10.5", pain=10)
    latest = _check_in(30, "999.9", pain=10, sore=True)
    return build_diary(
        check_ins=[first, latest],
        total=99_999,
        first=first,
        reminders=[],
        open_reminders=[],
        zone_name=zone_name,
    )


def _text(questionnaire: Questionnaire, answers, region, zone_name: str, part) -> str | None:
    try:
        triage = build_triage(
            questionnaire=questionnaire,
            answers=answers,
            answered_on=None,
            answered_at=ANSWERED_AT,
            region=region,
        )
    except AnswerError:
        return None
    if triage is None:
        return None
    handover = Handover(
        made_at=MADE_AT, zone_name=zone_name, region=region, triage=triage, diary=part
    )
    return summary_text(handover)


def _nothing(questionnaire: Questionnaire) -> dict[str, list[str]]:
    """Where the climb starts: the first option that says nothing ("None", "Not sure")."""
    return {
        q.id: [next((o.id for o in q.options if not o.findings), q.options[0].id)]
        for q in questionnaire.questions
    }


def _changes(question, chosen: list[str]):
    """Each answer one step from `chosen`: another option of a single choice; one option
    more or less, or an exclusive one ("None", "Not sure") alone, of a multiple choice."""
    for option in question.options:
        if question.kind == "single" or option.exclusive:
            if [option.id] != chosen:
                yield [option.id]
        elif option.id not in chosen:
            yield [*(o for o in chosen if not question.option(o).exclusive), option.id]
        elif len(chosen) > 1:
            yield [o for o in chosen if o != option.id]


def _climb(questionnaire: Questionnaire, answers, text_of) -> dict[str, list[str]]:
    """Change one answer at a time while the text grows."""
    best, best_size = answers, len((text_of(answers) or "").encode())
    improved = True
    while improved:
        improved = False
        for question in questionnaire.questions:
            for chosen in _changes(question, best[question.id]):
                candidate = {**best, question.id: chosen}
                size = len((text_of(candidate) or "").encode())
                if size > best_size:
                    best, best_size, improved = candidate, size, True
    return best


def longest_text(language: str) -> str:
    """The longest summary text found, in this language (its UTF-8 bytes are what the QR
    code holds)."""
    with translation.override(language):
        questionnaire = current_questionnaire()
        zone_name = max((value for value, _label in zone_choices()), key=len)
        part = _longest_diary(zone_name)
        region = REGIONS["es"] if language == "es" else REGIONS["uk"]

        def with_diary(answers):
            return _text(questionnaire, answers, region, zone_name, part)

        def alone(answers):
            return _text(questionnaire, answers, region, zone_name, None)

        # The longest walk on its own, then with the diary
        found = _climb(
            questionnaire, _climb(questionnaire, _nothing(questionnaire), alone), with_diary
        )
        # Each region's words for the same answers
        texts = [_text(questionnaire, found, r, zone_name, part) or "" for r in REGIONS.values()]
        return max(texts, key=lambda text: len(text.encode()))
