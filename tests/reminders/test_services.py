"""Time zones and daylight saving (frozen clock), snoozing (check-ins: tests/diary)."""

import datetime as dt

import pytest
import time_machine

from apps.reminders import services

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
