"""Check-in keys and the diary's verdicts (frozen clock)."""

import datetime as dt
import uuid
from decimal import Decimal

import time_machine

from apps.diary import diary, services
from apps.diary.models import CheckIn
from apps.reminders import services as reminders


def all_check_ins(device) -> list[CheckIn]:
    """Every check-in of the phone, oldest first (the model's ordering)."""
    return list(CheckIn.objects.filter(device=device))


LONDON = "Europe/London"
NINE = dt.time(9, 0)


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


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
    found = {c.code: c.text for c in diary.concerns(check_ins=all_check_ins(device), reminders=[])}
    assert set(found) == {"grown", "red_flag", "pain"}
    assert "2 cm at first" in found["grown"]
    assert found["red_flag"] == (
        "New warning signs since the first check-in: leaking, red and hot."
    )


def test_one_new_warning_sign_reads_as_one(device):
    """It said "the lump is changed colour"."""
    with time_machine.travel(utc(2026, 11, 1, 9)):
        _check_in(device, size_cm=Decimal("2.0"), pain=2)
    with time_machine.travel(utc(2026, 11, 8, 9)):
        _check_in(device, size_cm=Decimal("2.0"), pain=2, colour_changed=True)
    found = {c.code: c.text for c in diary.concerns(check_ins=all_check_ins(device), reminders=[])}
    assert found["red_flag"] == "New warning sign since the first check-in: changed colour."


def test_diary_says_when_it_has_not_settled(device):
    with time_machine.travel(utc(2026, 11, 1, 9)):
        reminders.schedule_reminder(
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
            check_ins=all_check_ins(device),
            reminders=reminders.recent_reminders(device=device),
        )
    assert [c.code for c in found] == ["not_settled"]


def test_a_settling_lump_raises_nothing(device):
    with time_machine.travel(utc(2026, 11, 1, 9)):
        _check_in(device, size_cm=Decimal("3.0"), pain=5, red=True)
    with time_machine.travel(utc(2026, 11, 8, 9)):
        _check_in(device, size_cm=Decimal("1.5"), pain=1)
    assert diary.concerns(check_ins=all_check_ins(device), reminders=[]) == []
