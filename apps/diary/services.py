"""Check-ins and the diary's windows onto them: typed, keyword-only."""

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.diary import diary
from apps.diary.models import CheckIn
from apps.phones.models import Device
from apps.phones.services import check_per_day, lock_phone

PAGE_SIZE = 20


# Check-ins ----------------------------------------------------------------------------------


def record_check_in(
    *,
    device: Device,
    key: uuid.UUID,
    size_cm: Decimal | None,
    size_word: str,
    pain: int,
    red: bool,
    hot: bool,
    leaking: bool,
    colour_changed: bool,
    note: str,
    recorded_at: dt.datetime | None = None,
) -> tuple[CheckIn, bool]:
    """Store a check-in once: the same key again returns the first one (created=False).
    At most LUMPGUIDE_MAX_CHECK_INS_PER_DAY new ones in any 24 hours (LimitReached)."""
    existing = CheckIn.objects.filter(device=device, key=key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            # Counted under the phone's lock, as reminders are: two posts at once cannot
            # both take the last place of the day (issue 21 saw 21 to 25 of 20).
            lock_phone(device)
            _check_daily_check_ins(device=device)
            check_in = CheckIn.objects.create(
                device=device,
                key=key,
                recorded_at=recorded_at or timezone.now(),
                size_cm=size_cm,
                size_word=size_word,
                pain=pain,
                red=red,
                hot=hot,
                leaking=leaking,
                colour_changed=colour_changed,
                note=note,
            )
    except IntegrityError:
        # The same key arrived twice at once; the other request stored it.
        return CheckIn.objects.get(device=device, key=key), False
    return check_in, True


def _check_daily_check_ins(*, device: Device) -> None:
    check_per_day(
        CheckIn.objects.filter(device=device),
        most=settings.LUMPGUIDE_MAX_CHECK_INS_PER_DAY,
        message=_(
            "You have added %(count)s check-ins today, the most LumpGuide keeps in a day. "
            "Add the next one tomorrow."
        ),
    )


@dataclass(frozen=True)
class DiaryWindow:
    """What the diary needs whatever the number of check-ins: how many there are, the first
    (the baseline every change is measured from) and the latest few, oldest first."""

    total: int
    first: CheckIn | None
    latest: list[CheckIn]

    @property
    def ends(self) -> list[CheckIn]:
        """The first and the newest check-in (one, if there is only one)."""
        if self.first is None:
            return []
        if self.total == 1:
            return [self.first]
        return [self.first, self.latest[-1]]


def diary_window(*, device: Device | None, latest: int) -> DiaryWindow:
    if device is None:
        return DiaryWindow(0, None, [])
    check_ins = CheckIn.objects.filter(device=device)
    newest = list(check_ins.order_by("-recorded_at", "-pk")[:latest])[::-1]
    if not newest:
        return DiaryWindow(0, None, [])
    total = len(newest) if len(newest) < latest else check_ins.count()
    first = newest[0] if total == len(newest) else check_ins.order_by("recorded_at", "pk")[0]
    return DiaryWindow(total, first, newest)


def last_size_cm(*, device: Device | None) -> float | None:
    """The newest check-in's size in centimetres (measured, else its comparison's), if any."""
    if device is None:
        return None
    latest = CheckIn.objects.filter(device=device).order_by("-recorded_at", "-pk").first()
    return diary.size_cm(latest) if latest is not None else None


def check_ins_page(*, device: Device | None, page: str | None) -> Page:
    """One page of check-ins, newest first."""
    check_ins = (
        CheckIn.objects.filter(device=device) if device is not None else CheckIn.objects.none()
    )
    return Paginator(check_ins.order_by("-recorded_at", "-pk"), PAGE_SIZE).get_page(page)


def check_in_of(*, device: Device | None, check_in_id: int) -> CheckIn:
    """One of the phone's check-ins; CheckIn.DoesNotExist for another phone's, or none."""
    if device is None:
        raise CheckIn.DoesNotExist
    return CheckIn.objects.get(device=device, pk=check_in_id)


def delete_check_in(*, device: Device, check_in_id: int) -> uuid.UUID:
    """Delete one of the phone's check-ins; its key, which its photos on the phone carry."""
    check_in = check_in_of(device=device, check_in_id=check_in_id)
    check_in.delete()
    return check_in.key
