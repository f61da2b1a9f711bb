"""What the diary says about the check-ins: sizes in cm, and the changes that need a new check."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.diary.models import CheckIn
from apps.reminders.models import Reminder
from lumpguide import numbers, sizes

GROWTH_CM = 0.5
PAIN_WORSE = 3


def size_cm(check_in: CheckIn) -> float | None:
    """The centimetres measured, else the typical size of the everyday comparison
    (content/sizes.yaml), else None."""
    if check_in.size_cm is not None:
        return float(check_in.size_cm)
    return sizes.cm_for_word(check_in.size_word)


def size_label(check_in: CheckIn) -> str:
    if check_in.size_cm is not None:
        return _("%(cm)s cm") % {"cm": _format_cm(check_in.size_cm)}
    if check_in.size_word:
        return str(CheckIn.Size(check_in.size_word).label)
    return _("not recorded")


#: Asked before a check-in is deleted: in a dialog from the diary (app.js), and without
#: JavaScript on a page of its own.
DELETE_QUESTION = gettext_lazy("Delete this check-in?")
#: The diary's dialog asks it of the check-in whose Delete was pressed: app.js puts in the
#: date its row's header shows.
DELETE_QUESTION_OF = gettext_lazy("Delete the check-in of {date}?")

#: What deleting a check-in does not do: its photos are on the phone, and stay there (the
#: photos page and the summary then say its check-in was deleted).
DELETE_KEEPS_PHOTOS = gettext_lazy(
    "This cannot be undone. Any photos taken with it stay on this phone."
)


def _format_cm(value: Decimal | float) -> str:
    return numbers.decimal(value)


def _signs(check_in: CheckIn) -> list[tuple[str, bool]]:
    """The signs recorded, in order, each with whether it means: check again now (red and hot
    together, leaking, a colour change; red alone or hot alone does not)."""
    signs = []
    if check_in.red and check_in.hot:
        signs.append((_("red and hot"), True))
    elif check_in.red:
        signs.append((_("red"), False))
    elif check_in.hot:
        signs.append((_("hot"), False))
    if check_in.leaking:
        signs.append((_("leaking"), True))
    if check_in.colour_changed:
        signs.append((_("changed colour"), True))
    return signs


def flags(check_in: CheckIn) -> list[str]:
    return [label for label, _serious in _signs(check_in)]


def _red_flags(check_in: CheckIn) -> set[str]:
    return {label for label, serious in _signs(check_in) if serious}


@dataclass(frozen=True)
class Concern:
    code: str
    text: str


def zone_name(*, reminders: list[Reminder], fallback: str) -> str:
    """The zone the diary shows times in: that of the newest reminder (filled in from the
    phone), else `fallback` (the region's)."""
    if not reminders:
        return fallback
    return max(reminders, key=lambda r: (r.created_at, r.pk)).timezone


def settle_by(reminders: list[Reminder]) -> dt.date | None:
    """The earliest date the advice said the lump should have settled by."""
    dates = [
        timezone.localdate(r.created_at) + dt.timedelta(days=r.follow_up_days)
        for r in reminders
        if r.follow_up_days
    ]
    return min(dates) if dates else None


def has_grown(check_ins: list[CheckIn]) -> bool:
    """The newest check-in is at least GROWTH_CM bigger than the first."""
    if len(check_ins) < 2:
        return False
    first_cm, latest_cm = size_cm(check_ins[0]), size_cm(check_ins[-1])
    return bool(first_cm and latest_cm and latest_cm - first_cm >= GROWTH_CM)


def concerns(*, check_ins: list[CheckIn], reminders: list[Reminder]) -> list[Concern]:
    """Plain statements of what changed for the worse, oldest check-in against the latest."""
    if not check_ins:
        return []
    first, latest = check_ins[0], check_ins[-1]
    found: list[Concern] = []
    first_cm, latest_cm = size_cm(first), size_cm(latest)
    if has_grown(check_ins):
        found.append(
            Concern(
                "grown",
                _("The lump has grown: %(before)s at first, %(now)s now.")
                % {"before": size_label(first), "now": size_label(latest)},
            )
        )
    new_flags = _red_flags(latest) - (_red_flags(first) if len(check_ins) > 1 else set())
    if new_flags:
        found.append(
            Concern(
                "red_flag",
                ngettext(
                    "New warning sign since the first check-in: %(signs)s.",
                    "New warning signs since the first check-in: %(signs)s.",
                    len(new_flags),
                )
                % {"signs": ", ".join(sorted(new_flags))},
            )
        )
    if len(check_ins) > 1 and latest.pain - first.pain >= PAIN_WORSE:
        found.append(
            Concern(
                "pain",
                _("It hurts more: pain %(before)s out of 10 at first, %(now)s now.")
                % {"before": first.pain, "now": latest.pain},
            )
        )
    deadline = settle_by(reminders)
    if (
        deadline
        and timezone.localdate(latest.recorded_at) >= deadline
        and latest_cm is not None
        and first_cm is not None
        and latest_cm >= first_cm
        and latest.pain > 0
    ):
        found.append(
            Concern(
                "not_settled",
                _("It has not settled by %(date)s, the time the advice gave.")
                % {"date": formats.date_format(deadline, "DATE_FORMAT")},
            )
        )
    return found
