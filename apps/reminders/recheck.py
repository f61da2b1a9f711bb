"""The answers to offer when the diary says "check your lump again": the last triage's answers,
brought up to date with what the newest check-in recorded.

The result is only a suggestion. Triage shows each screen with these choices ticked for the
person to confirm or change, drops anything it cannot read, and always asks the red-flag
questions afresh. Option ids here are those of content/triage/questionnaire.yaml (a test
checks that each one exists).
"""

import datetime as dt

from apps.reminders.models import CheckIn
from lumpguide import sizes

#: Days since the lump was first noticed, at least, for each answer to "When did you first
#: notice it?", and the answer for a number of days.
ONSET_AT_LEAST = {"days": 0, "weeks": 7, "long": 43}
ONSET_BY_DAYS = ((43, "long"), (7, "weeks"), (0, "days"))


def size_answer(check_in: CheckIn) -> str | None:
    """The size screen's option for a check-in's size: centimetres first, as the diary reads
    them, else the everyday comparison. The bands and the comparisons are those of
    content/sizes.yaml (small < 2 cm <= medium <= 5 cm < large); a band's id is its option's."""
    if check_in.size_cm is not None:
        return sizes.band_for_cm(check_in.size_cm)
    return sizes.band_for_word(check_in.size_word)


def _replace(earlier: list[str], drop: set[str], add: list[str], *, empty: str) -> list[str]:
    """Earlier choices without `drop` (and without the exclusive `empty`), plus `add`; `empty`
    alone if nothing is left."""
    kept = [o for o in earlier if o not in drop and o != empty]
    kept += [o for o in add if o not in kept]
    return kept or [empty]


def onset_answer(earlier: str | None, *, days_since: int) -> str | None:
    if earlier not in ONSET_AT_LEAST:
        return earlier
    at_least = ONSET_AT_LEAST[earlier] + max(days_since, 0)
    return next(answer for days, answer in ONSET_BY_DAYS if at_least >= days)


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
    answers = {qid: list(options) for qid, options in earlier.items()}

    skin_now = [o for o, present in (("red", latest.red), ("warm", latest.hot)) if present]
    skin = _replace(answers.get("skin", []), {"red", "warm"}, skin_now, empty="normal")
    if skin == ["normal"] and latest.colour_changed:
        answers.pop("skin", None)  # a colour change: let the person say which kind
    else:
        answers["skin"] = skin

    answers["surface"] = _replace(
        answers.get("surface", []),
        {"discharge"},
        ["discharge"] if latest.leaking else [],
        empty="none",
    )
    if not latest.leaking:
        answers.pop("smell", None)

    hurts = "tender" if latest.pain > 0 else "painless"
    answers["pain"] = _replace(
        answers.get("pain", []), {"tender", "painless"}, [hurts], empty="none"
    )

    size = size_answer(latest)
    if size:
        answers["size"] = [size]

    if grown:
        answers["change"] = _replace(
            answers.get("change", []), {"stable", "not_sure"}, ["growing"], empty="not_sure"
        )

    if "onset" in answers and earlier_on is not None:
        onset = onset_answer(answers["onset"][0], days_since=(today - earlier_on).days)
        answers["onset"] = [onset]
    return answers
