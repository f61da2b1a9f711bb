"""Time zones and daylight saving (frozen clock), snoozing, check-in keys, the diary's verdicts."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
import time_machine

from apps.reminders import diary, services
from apps.reminders.models import CheckIn, Reminder

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


def _check_in(device, **fields):
    values = {
        "key": uuid.uuid4(),
        "size_cm": None,
        "size_word": "",
        "pain": 2,
        "red": False,
        "hot": False,
        "leaking": False,
        "colour_changed": False,
        "note": "",
    }
    values.update(fields)
    return services.record_check_in(device=device, **values)[0]


def test_same_key_is_stored_once(device):
    key = uuid.uuid4()
    first, created = services.record_check_in(
        device=device,
        key=key,
        size_cm=Decimal("2.0"),
        size_word="",
        pain=3,
        red=False,
        hot=False,
        leaking=False,
        colour_changed=False,
        note="",
    )
    again, created_again = services.record_check_in(
        device=device,
        key=key,
        size_cm=Decimal("9.0"),
        size_word="",
        pain=9,
        red=True,
        hot=True,
        leaking=True,
        colour_changed=True,
        note="retry",
    )
    assert created and not created_again
    assert again.pk == first.pk and CheckIn.objects.count() == 1


def test_diary_says_when_the_lump_grew_or_got_red_flags(device):
    with time_machine.travel(utc(2026, 11, 1, 9)):
        _check_in(device, size_cm=Decimal("2.0"), pain=2)
    with time_machine.travel(utc(2026, 11, 8, 9)):
        _check_in(device, size_word="golf_ball", pain=6, red=True, hot=True, leaking=True)
    found = {
        c.code: c.text
        for c in diary.concerns(check_ins=services.check_ins_for(device=device), reminders=[])
    }
    assert set(found) == {"grown", "red_flag", "pain"}
    assert "2 cm at first" in found["grown"]
    assert "leaking" in found["red_flag"] and "red and hot" in found["red_flag"]


def test_diary_says_when_it_has_not_settled(device):
    with time_machine.travel(utc(2026, 11, 1, 9)):
        services.schedule_reminder(
            device=device,
            local_date=dt.date(2026, 11, 15),
            local_time=NINE,
            tz_name=LONDON,
            channel="calendar",
            follow_up_days=14,
        )
        _check_in(device, size_cm=Decimal("2.0"), pain=2)
    with time_machine.travel(utc(2026, 11, 16, 9)):
        _check_in(device, size_cm=Decimal("2.0"), pain=2)
        found = diary.concerns(
            check_ins=services.check_ins_for(device=device),
            reminders=services.recent_reminders(device=device),
        )
    assert [c.code for c in found] == ["not_settled"]


def test_a_settling_lump_raises_nothing(device):
    with time_machine.travel(utc(2026, 11, 1, 9)):
        _check_in(device, size_cm=Decimal("3.0"), pain=5, red=True)
    with time_machine.travel(utc(2026, 11, 8, 9)):
        _check_in(device, size_cm=Decimal("1.5"), pain=1)
    assert diary.concerns(check_ins=services.check_ins_for(device=device), reminders=[]) == []


def test_delete_everything(device):
    _check_in(device)
    services.schedule_reminder(
        device=device,
        local_date=dt.date(2030, 1, 1),
        local_time=NINE,
        tz_name=LONDON,
        channel="both",
    )
    services.delete_everything(device=device)
    assert not Reminder.objects.exists()
    assert not CheckIn.objects.exists()
