"""The answers to offer when the diary says "check your lump again": the last triage's answers,
brought up to date with what the newest check-in recorded.

The result is only a suggestion. Triage shows each screen with these choices ticked for the
person to confirm or change, drops anything it cannot read, and always asks the red-flag
questions afresh. This module only reads the check-in; which question and option each part of
it means is triage's, in content/triage/check_in_answers.yaml (apps/triage/check_in_answers.py,
checked against the questionnaire by a test).
"""

import datetime as dt

from apps.diary.models import CheckIn
from apps.triage import check_in_answers
from lumpguide import sizes


def size_band(check_in: CheckIn) -> str | None:
    """A check-in's size band: centimetres first, as the diary reads them, else the everyday
    comparison; None if it recorded no size. The bands and comparisons are content/sizes.yaml's
    (small < 2 cm <= medium <= 5 cm < large)."""
    if check_in.size_cm is not None:
        return sizes.band_for_cm(check_in.size_cm)
    return sizes.band_for_word(check_in.size_word)


def size_answer(check_in: CheckIn) -> str | None:
    """The size screen's option for a check-in's size, or None."""
    return check_in_answers.mapping().size_option(size_band(check_in))


def onset_answer(earlier: str | None, *, days_since: int) -> str | None:
    """The answer to "When did you first notice it?" `days_since` days after `earlier`."""
    return check_in_answers.mapping().onset_after(earlier, days_since=days_since)


def check_in_values(check_in: CheckIn, *, grown: bool) -> check_in_answers.CheckInValues:
    """What triage needs to know of a check-in (and of the diary: `grown`)."""
    return check_in_answers.CheckInValues(
        red=check_in.red,
        hot=check_in.hot,
        leaking=check_in.leaking,
        colour_changed=check_in.colour_changed,
        pain=check_in.pain,
        size_band=size_band(check_in),
        grown=grown,
    )


def recheck_answers(
    *,
    earlier: dict[str, list[str]],
    earlier_on: dt.date | None,
    latest: CheckIn,
    grown: bool,
    today: dt.date,
) -> dict[str, list[str]]:
    """`earlier`: the last triage's answers (maybe {}), given on `earlier_on`. `latest`: the
    newest check-in. `grown`: the diary found that the lump has grown."""
    return check_in_answers.mapping().apply(
        earlier,
        check_in_values(latest, grown=grown),
        days_since=None if earlier_on is None else (today - earlier_on).days,
    )
