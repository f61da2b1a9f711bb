"""Reminders and push subscriptions: typed, keyword-only."""

import datetime as dt
import functools
import zoneinfo

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.phones.models import Device
from apps.phones.services import LimitReached, check_per_day, lock_phone
from apps.reminders import tasks
from apps.reminders.models import PushSubscription, Reminder

DEFAULT_LOCAL_TIME = dt.time(9, 0)
SNOOZES = {"1d": dt.timedelta(days=1), "1w": dt.timedelta(weeks=1)}
MAX_SUBSCRIPTIONS = 5
MAX_AHEAD = dt.timedelta(days=730)
PAGE_SIZE = 20


class ReminderError(ValueError):
    """A request that cannot be carried out (bad time zone, reminder no longer open)."""


# Time ---------------------------------------------------------------------------------------


@functools.cache
def zone_names() -> frozenset[str]:
    """The time zones this machine knows (a scan of the tz database: done once)."""
    return frozenset(zoneinfo.available_timezones())


def zone(name: str) -> zoneinfo.ZoneInfo:
    if not name or name not in zone_names():
        raise ReminderError(f"Unknown time zone: {name!r}")
    return zoneinfo.ZoneInfo(name)


def due_utc(*, local_date: dt.date, local_time: dt.time, tz_name: str) -> dt.datetime:
    """The UTC instant of a wall-clock time in a zone (DST-aware; a skipped time moves on)."""
    local = dt.datetime.combine(local_date, local_time, tzinfo=zone(tz_name))
    try:
        return local.astimezone(dt.UTC)
    except OverflowError as exc:  # the first or last hours of year 1 or 9999
        raise ReminderError("That date is out of range.") from exc


def local_today(tz_name: str) -> dt.date:
    return timezone.now().astimezone(zone(tz_name)).date()


def latest_reminder_date(tz_name: str) -> dt.date:
    """The last day a reminder may be set for: two years ahead."""
    return local_today(tz_name) + MAX_AHEAD


def suggested_local(*, tz_name: str, days: int | None) -> tuple[dt.date, dt.time]:
    """Today in the person's zone plus the advised days, at 09:00."""
    return local_today(tz_name) + dt.timedelta(days=days or 0), DEFAULT_LOCAL_TIME


def local_due(reminder: Reminder) -> dt.datetime:
    return reminder.due_at.astimezone(zone(reminder.timezone))


# Reminders ----------------------------------------------------------------------------------


def _enqueue_delivery(reminder: Reminder) -> None:
    """Queue the send task for the reminder's current version, once the transaction commits."""
    if not reminder.uses_push:
        return
    tasks.enqueue_send(reminder_id=reminder.pk, version=reminder.version, at=reminder.due_at)
    tasks.ensure_sweep()


@transaction.atomic
def schedule_reminder(
    *,
    device: Device,
    local_date: dt.date,
    local_time: dt.time,
    tz_name: str,
    channel: str,
    follow_up_days: int | None = None,
    triage_answers: dict[str, list[str]] | None = None,
    language: str = "en",
) -> Reminder:
    lock_phone(device)
    _check_open_reminders(device=device)
    _check_new_reminders_today(device=device)
    reminder = Reminder.objects.create(
        device=device,
        local_date=local_date,
        local_time=local_time,
        timezone=tz_name,
        due_at=due_utc(local_date=local_date, local_time=local_time, tz_name=tz_name),
        channel=channel,
        follow_up_days=follow_up_days,
        triage_answers=triage_answers or {},
        language=language,
    )
    _enqueue_delivery(reminder)
    return reminder


def _waiting() -> Q:
    """Reminders still to come: scheduled or being sent; a calendar-only reminder only until
    its time (no one sends it, so it stays "scheduled" after the calendar has shown it)."""
    return Q(state__in=[Reminder.State.SCHEDULED, Reminder.State.SENDING]) & ~Q(
        channel=Reminder.Channel.CALENDAR, due_at__lte=timezone.now()
    )


def _check_open_reminders(*, device: Device) -> None:
    """At most LUMPGUIDE_MAX_OPEN_REMINDERS waiting at once; the next one due frees a place."""
    most = settings.LUMPGUIDE_MAX_OPEN_REMINDERS
    open_due = (
        Reminder.objects.filter(_waiting(), device=device)
        .order_by("due_at")
        .values_list("due_at", flat=True)
    )
    due = list(open_due[: most + 1])
    if len(due) >= most:
        raise LimitReached(
            _(
                "You have %(count)s reminders waiting, the most LumpGuide keeps for one phone. "
                "Cancel one you no longer need, then set this one."
            )
            % {"count": len(due)},
            retry_after=(due[0] - timezone.now()).total_seconds(),
        )


def _check_new_reminders_today(*, device: Device) -> None:
    """At most LUMPGUIDE_MAX_NEW_REMINDERS_PER_DAY set in any 24 hours: cancelling frees a
    place among the open ones, not among the rows kept."""
    check_per_day(
        Reminder.objects.filter(device=device),
        most=settings.LUMPGUIDE_MAX_NEW_REMINDERS_PER_DAY,
        message=_(
            "You have set %(count)s reminders today, the most LumpGuide takes in a day. "
            "Set the next one tomorrow."
        ),
    )


def _locked(*, device: Device, reminder_id: int) -> Reminder:
    """The device's reminder, row-locked. Another device's id is DoesNotExist (a 404)."""
    return Reminder.objects.select_for_update().get(device=device, pk=reminder_id)


@transaction.atomic
def change_reminder(
    *,
    device: Device,
    reminder_id: int,
    local_date: dt.date,
    local_time: dt.time,
    tz_name: str,
    channel: str,
) -> Reminder:
    """Move a reminder (or re-open a sent one): a new version, so any older task is stale."""
    lock_phone(device)
    reminder = _locked(device=device, reminder_id=reminder_id)
    if not _is_waiting(reminder):  # re-opening a sent or cancelled reminder takes a place
        _check_open_reminders(device=device)
    reminder.local_date, reminder.local_time, reminder.timezone = local_date, local_time, tz_name
    reminder.due_at = due_utc(local_date=local_date, local_time=local_time, tz_name=tz_name)
    reminder.channel = channel
    _reopen(reminder)
    return reminder


def _is_waiting(reminder: Reminder) -> bool:
    return Reminder.objects.filter(_waiting(), pk=reminder.pk).exists()


def _reopen(reminder: Reminder) -> None:
    tasks.forget_waiting_sends(reminder.pk)  # an older version's send would do nothing
    reminder.state = Reminder.State.SCHEDULED
    reminder.version += 1
    reminder.attempts = 0
    reminder.attempt_id = None
    reminder.lease_until = None
    reminder.next_attempt_at = None
    reminder.sent_at = None
    reminder.last_error = ""
    reminder.save()
    _enqueue_delivery(reminder)


@transaction.atomic
def snooze_reminder(*, device: Device, reminder_id: int, by: str) -> Reminder:
    """Later by a day or a week at the same wall-clock time, from the later of due and now."""
    if by not in SNOOZES:
        raise ReminderError(f"Unknown snooze: {by!r}")
    lock_phone(device)
    reminder = _locked(device=device, reminder_id=reminder_id)
    if reminder.state == Reminder.State.CANCELLED:
        raise ReminderError("A cancelled reminder cannot be snoozed.")
    if not _is_waiting(reminder):  # snoozing a sent or failed one re-opens it: a place
        _check_open_reminders(device=device)
    base_date = max(reminder.local_date, local_today(reminder.timezone))
    if base_date > latest_reminder_date(reminder.timezone) - SNOOZES[by]:
        raise ReminderError("A reminder cannot be more than two years ahead.")
    reminder.local_date = base_date + SNOOZES[by]
    reminder.due_at = due_utc(
        local_date=reminder.local_date, local_time=reminder.local_time, tz_name=reminder.timezone
    )
    _reopen(reminder)
    return reminder


@transaction.atomic
def cancel_reminder(*, device: Device, reminder_id: int) -> Reminder:
    reminder = _locked(device=device, reminder_id=reminder_id)
    reminder.state = Reminder.State.CANCELLED
    reminder.version += 1
    reminder.lease_until = None
    reminder.save()
    tasks.forget_waiting_sends(reminder.pk)
    return reminder


def latest_triage(*, device: Device | None) -> tuple[dict[str, list[str]], dt.date | None]:
    """The answers of the newest triage a reminder was set from, and the day it was set;
    ({}, None) if there is none."""
    if device is None:
        return {}, None
    reminder = (
        Reminder.objects.filter(device=device)
        .exclude(triage_answers={})
        .order_by("-created_at", "-pk")
        .first()
    )
    if reminder is None:
        return {}, None
    return reminder.triage_answers, timezone.localdate(reminder.created_at)


def latest_triage_kept_at(*, device: Device | None) -> dt.datetime | None:
    """When the newest reminder that kept a walk's answers was set (the answers were given
    then or just before); None if there is none."""
    if device is None:
        return None
    return (
        Reminder.objects.filter(device=device)
        .exclude(triage_answers={})
        .order_by("-created_at", "-pk")
        .values_list("created_at", flat=True)
        .first()
    )


def reminders_page(*, device: Device | None, page: str | None) -> Page:
    reminders = (
        Reminder.objects.filter(device=device) if device is not None else Reminder.objects.none()
    )
    return Paginator(reminders.order_by("-state", "due_at", "pk"), PAGE_SIZE).get_page(page)


def recent_reminders(*, device: Device | None, limit: int = 100) -> list[Reminder]:
    """The newest reminders set (by when they were set), newest first: what the diary reads
    for its time zone, the advice's settle-by date and failed sends."""
    if device is None:
        return []
    return list(Reminder.objects.filter(device=device).order_by("-created_at", "-pk")[:limit])


def open_reminders(*, device: Device | None) -> list[Reminder]:
    """The reminders still to come (at most LUMPGUIDE_MAX_OPEN_REMINDERS), soonest first."""
    if device is None:
        return []
    return list(Reminder.objects.filter(_waiting(), device=device).order_by("due_at", "pk"))


def get_reminder(*, device: Device | None, reminder_id: int) -> Reminder:
    if device is None:
        raise Reminder.DoesNotExist
    return Reminder.objects.get(device=device, pk=reminder_id)


# Push subscriptions -------------------------------------------------------------------------


class SubscriptionTaken(ValueError):
    """The endpoint is another phone's, and this request did not prove it is that browser."""


@transaction.atomic
def save_subscription(
    *, device: Device, endpoint: str, p256dh: str, auth: str, origin: str
) -> None:
    """Store a browser's push subscription. One already held by another phone moves here only
    when the keys match (it is the same browser, whose cookie was lost or deleted)."""
    lock_phone(device)
    existing = PushSubscription.objects.select_for_update().filter(endpoint=endpoint).first()
    if existing is None:
        try:
            with transaction.atomic():
                PushSubscription.objects.create(
                    device=device, endpoint=endpoint, p256dh=p256dh, auth=auth, origin=origin
                )
        except IntegrityError:  # another phone's request stored it a moment ago
            existing = PushSubscription.objects.select_for_update().get(endpoint=endpoint)
    if existing is not None:
        if existing.device_id != device.pk and (existing.p256dh, existing.auth) != (p256dh, auth):
            raise SubscriptionTaken(endpoint)
        existing.device, existing.p256dh, existing.auth = device, p256dh, auth
        existing.origin = origin
        existing.save()
    extra = PushSubscription.objects.filter(device=device).order_by("-created_at")[
        MAX_SUBSCRIPTIONS:
    ]
    PushSubscription.objects.filter(pk__in=[s.pk for s in extra]).delete()


def has_subscription(*, device: Device | None) -> bool:
    return device is not None and PushSubscription.objects.filter(device=device).exists()


def delete_subscriptions(*, device: Device | None) -> int:
    if device is None:
        return 0
    return PushSubscription.objects.filter(device=device).delete()[0]
