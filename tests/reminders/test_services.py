"""Time zones and daylight saving (frozen clock), snoozing (check-ins: tests/diary)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from apps.phones.services import LimitReached
from apps.reminders import services
from apps.reminders.models import Reminder

LONDON = "Europe/London"
NINE = dt.time(9, 0)


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


@time_machine.travel(utc(2026, 10, 1, 12, 0), tick=False)
def test_nine_in_london_stays_nine_across_the_october_change(device):
    before = services.schedule_reminder(
        device=device,
        local_date=dt.date(2026, 10, 20),
        local_time=NINE,
        tz_name=LONDON,
        channel="calendar",
    )
    after = services.schedule_reminder(
        device=device,
        local_date=dt.date(2026, 10, 27),
        local_time=NINE,
        tz_name=LONDON,
        channel="calendar",
    )
    assert before.due_at == utc(2026, 10, 20, 8, 0)  # BST, UTC+1
    assert after.due_at == utc(2026, 10, 27, 9, 0)  # GMT after 25 October
    assert services.local_due(before).time() == services.local_due(after).time() == NINE


@time_machine.travel(utc(2026, 10, 20, 8, 30), tick=False)
def test_snoozing_a_week_over_the_change_keeps_local_time(device):
    reminder = services.schedule_reminder(
        device=device,
        local_date=dt.date(2026, 10, 20),
        local_time=NINE,
        tz_name=LONDON,
        channel="push",
    )
    snoozed = services.snooze_reminder(device=device, reminder_id=reminder.pk, by="1w")
    assert snoozed.local_date == dt.date(2026, 10, 27)
    assert snoozed.due_at == utc(2026, 10, 27, 9, 0)
    assert snoozed.version == 2 and snoozed.state == "scheduled"
    snoozed = services.snooze_reminder(device=device, reminder_id=reminder.pk, by="1d")
    assert snoozed.due_at == utc(2026, 10, 28, 9, 0)


@time_machine.travel(utc(2026, 3, 20, 12, 0), tick=False)
def test_spring_change_and_other_zones():
    assert services.due_utc(
        local_date=dt.date(2026, 3, 28), local_time=NINE, tz_name=LONDON
    ) == utc(2026, 3, 28, 9, 0)
    assert services.due_utc(
        local_date=dt.date(2026, 3, 30), local_time=NINE, tz_name=LONDON
    ) == utc(2026, 3, 30, 8, 0)
    # 01:30 does not exist in London on 29 March: it is read with the offset before the change.
    assert services.due_utc(
        local_date=dt.date(2026, 3, 29), local_time=dt.time(1, 30), tz_name=LONDON
    ) == utc(2026, 3, 29, 1, 30)
    assert services.due_utc(
        local_date=dt.date(2026, 4, 6), local_time=NINE, tz_name="Australia/Sydney"
    ) == utc(2026, 4, 5, 23, 0)


@time_machine.travel(utc(2026, 10, 24, 23, 30), tick=False)
def test_suggestion_uses_the_local_date():
    # Already 25 October in Sydney.
    assert services.suggested_local(tz_name="Australia/Sydney", days=14) == (
        dt.date(2026, 11, 8),
        NINE,
    )


def test_unknown_zone_is_refused():
    with pytest.raises(services.ReminderError):
        services.due_utc(local_date=dt.date(2026, 1, 1), local_time=NINE, tz_name="Mars/Olympus")


def test_snoozing_a_sent_reminder_takes_a_place_like_setting_one(device, settings):
    """Snoozing re-opens a sent or failed reminder: with every place taken it is refused."""
    settings.LUMPGUIDE_MAX_OPEN_REMINDERS = 2
    when = {"local_time": dt.time(9, 0), "tz_name": "UTC", "channel": "push"}
    day = dt.date.today() + dt.timedelta(days=30)
    done = services.schedule_reminder(device=device, local_date=day, **when)
    Reminder.objects.filter(pk=done.pk).update(state=Reminder.State.FAILED)
    for _ in range(2):
        services.schedule_reminder(device=device, local_date=day, **when)
    with pytest.raises(LimitReached):
        services.snooze_reminder(device=device, reminder_id=done.pk, by="1d")
    assert Reminder.objects.get(pk=done.pk).state == Reminder.State.FAILED
    waiting = Reminder.objects.filter(state=Reminder.State.SCHEDULED).first()
    services.snooze_reminder(device=device, reminder_id=waiting.pk, by="1d")  # open: no place


def test_a_calendar_reminder_whose_time_has_passed_frees_its_place(device, settings):
    """No one sends a calendar-only reminder, so it stays "scheduled"; once its time is past
    it no longer counts as waiting, nor shows among the reminders to come."""
    settings.LUMPGUIDE_MAX_OPEN_REMINDERS = 1
    soon = timezone.now() + dt.timedelta(hours=2)
    when = {"local_time": soon.time().replace(microsecond=0), "tz_name": "UTC"}
    services.schedule_reminder(device=device, local_date=soon.date(), channel="calendar", **when)
    with pytest.raises(LimitReached):
        services.schedule_reminder(device=device, local_date=soon.date(), channel="both", **when)
    with time_machine.travel(soon + dt.timedelta(minutes=1)):
        assert services.open_reminders(device=device) == []
        later = soon.date() + dt.timedelta(days=7)
        services.schedule_reminder(device=device, local_date=later, channel="both", **when)
        assert len(services.open_reminders(device=device)) == 1


def test_the_open_reminders_cap_asks_to_wait_a_day_at_most(device, settings):
    """Issue 21: Retry-After was the time to the next reminder due, 15,276,723 s; the person
    can free a place at once by cancelling one."""
    settings.LUMPGUIDE_MAX_OPEN_REMINDERS = 1
    when = {"local_time": dt.time(9, 0), "tz_name": "UTC", "channel": "calendar"}
    far = dt.date.today() + dt.timedelta(days=180)
    services.schedule_reminder(device=device, local_date=far, **when)
    with pytest.raises(LimitReached) as raised:
        services.schedule_reminder(device=device, local_date=far, **when)
    assert raised.value.retry_after == 24 * 60 * 60
