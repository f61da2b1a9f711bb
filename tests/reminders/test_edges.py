"""The reminders' edges: each input that once gave a 500, lists that grow, and "delete all"."""

import datetime as dt
import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from apps.diary import services as check_ins
from apps.diary.models import CheckIn
from apps.phones.models import Device
from apps.reminders import services
from apps.reminders.models import PushSubscription, Reminder
from tests.reminders.conftest import browser_keys, my_data
from tests.triage.test_views import walk_forms

pytestmark = pytest.mark.django_db


def reminder_at(device: Device, when: dt.datetime, tz_name: str = "UTC") -> Reminder:
    """A reminder stored directly (as an older version might have stored it)."""
    local = when.astimezone(services.zone(tz_name))
    return Reminder.objects.create(
        device=device,
        local_date=local.date(),
        local_time=local.time(),
        timezone=tz_name,
        due_at=when,
        channel="calendar",
    )


# Each of these gave a 500 before. ------------------------------------------------------------


def test_settings_next_that_is_not_a_path(client):
    response = client.post("/settings/", {"region": "uk", "next": "abc"})
    assert response.status_code == 302 and response["Location"] == "/settings/?saved=1"
    for bad in ("//evil.example/", "https://evil.example/", "/\x00", "/a\r\nSet-Cookie: x=1"):
        response = client.post("/settings/", {"region": "uk", "next": bad})
        assert response.status_code == 302 and response["Location"] == "/settings/?saved=1"
    good = client.post("/settings/", {"region": "uk", "next": "/check/result/"})
    assert good["Location"] == "/check/result/"


@pytest.mark.parametrize(
    ("day", "clock", "zone"),
    [("0001-01-01", "00:00", "Asia/Tokyo"), ("9999-12-31", "23:59", "America/New_York")],
)
def test_reminder_dates_out_of_range_are_a_form_error(client, day, clock, zone):
    form = {"date": day, "time": clock, "timezone": zone, "channel": "calendar"}
    response = client.post("/reminders/new/", form)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose today or a later day." in body or "within the next two years" in body
    assert not Reminder.objects.exists()


def test_reminder_window_is_today_to_two_years_ahead(client):
    today = timezone.now().astimezone(services.zone("Pacific/Kiritimati")).date()
    form = {"time": "23:59", "timezone": "Pacific/Kiritimati", "channel": "calendar"}
    assert client.post("/reminders/new/", {**form, "date": today}).status_code == 303
    last = today + dt.timedelta(days=730)
    assert client.post("/reminders/new/", {**form, "date": last}).status_code == 303
    too_far = client.post("/reminders/new/", {**form, "date": last + dt.timedelta(days=1)})
    assert too_far.status_code == 400
    assert "within the next two years" in too_far.content.decode()
    yesterday = client.post("/reminders/new/", {**form, "date": today - dt.timedelta(days=1)})
    assert yesterday.status_code == 400


def test_snoozing_past_the_window_is_a_plain_error(device_client):
    phone = device_client()
    reminder = reminder_at(phone.device, dt.datetime(9999, 12, 27, 9, 0, tzinfo=dt.UTC))
    response = phone.post(f"/reminders/{reminder.pk}/snooze/", {"by": "1w"})
    assert response.status_code == 400
    assert "two years ahead" in response.content.decode()
    reminder.refresh_from_db()
    assert reminder.local_date == dt.date(9999, 12, 27)


def test_calendar_file_of_the_last_possible_minute(device_client):
    phone = device_client()
    reminder = reminder_at(phone.device, dt.datetime(9999, 12, 31, 23, 50, tzinfo=dt.UTC))
    response = phone.get(f"/reminders/{reminder.pk}/calendar.ics")
    assert response.status_code == 200
    assert b"DTSTART:99991231T235000Z" in response.content


@pytest.mark.parametrize(
    "body",
    [
        '{"endpoint": "https://fcm.googleapis.com/\\ud800", "keys": {"p256dh": "a", "auth": "b"}}',
        '{"endpoint": "https://fcm.googleapis.com/x", "keys": {"p256dh": "\\ud800", "auth": "b"}}',
        '{"endpoint": "https://fcm.googleapis.com/x", "keys": {"p256dh": "a", "auth": "\\udfff"}}',
        "[" * 100_000,
        '{"endpoint": "https://fcm.googleapis.com/\\u0000", "keys": {"p256dh": "a", "auth": "b"}}',
        '{"endpoint": 5, "keys": []}',
        "null",
    ],
)
def test_push_subscribe_bad_bodies_are_400(client, body):
    response = client.post("/reminders/push/subscribe/", body, content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.json()
    assert not PushSubscription.objects.exists()


def test_search_with_nul_is_not_an_error(client, real_articles):
    response = client.get("/conditions/?q=%00cyst%00")
    assert response.status_code == 200
    assert "Epidermoid cyst" in response.content.decode()


# Notification-only reminders and failed sends. --------------------------------------------


def test_notification_only_needs_notifications_on(device_client, settings, vapid_key):
    phone = device_client()
    day = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    form = {"date": day, "time": "09:00", "timezone": "UTC", "channel": "push"}
    refused = phone.post("/reminders/new/", form)
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Notifications are not turned on for this phone" in body
    assert "choose a calendar event" in body
    assert not Reminder.objects.exists()
    keys = browser_keys()
    subscription = {"endpoint": "https://fcm.googleapis.com/fcm/send/p", "keys": keys}
    phone.post(
        "/reminders/push/subscribe/", json.dumps(subscription), content_type="application/json"
    )
    assert phone.post("/reminders/new/", form).status_code == 303


def test_a_failed_reminder_stays_visible_with_what_to_do(device_client):
    phone = device_client()
    reminder = reminder_at(phone.device, timezone.now() - dt.timedelta(hours=1))
    Reminder.objects.filter(pk=reminder.pk).update(state="failed", channel="push")
    diary = phone.get("/diary/").content.decode()
    assert "Reminders that could not be sent" in diary
    assert "Turn notifications on for this phone" in diary
    listing = phone.get("/reminders/").content.decode()
    assert "Could not be sent" in listing and "Notifications are not turned on" in listing


# Lists that grow. -------------------------------------------------------------------------


def many_check_ins(device: Device, count: int) -> None:
    start = timezone.now() - dt.timedelta(days=count)
    CheckIn.objects.bulk_create(
        CheckIn(
            device=device,
            key=uuid.uuid4(),
            recorded_at=start + dt.timedelta(days=n),
            size_cm=1 + (n % 40) / 10,
            pain=n % 11,
            red=n % 7 == 0,
            note=f"note {n}",
        )
        for n in range(count)
    )


def test_the_diary_at_a_thousand_check_ins_is_small_and_paged(device_client):
    phone = device_client()
    many_check_ins(phone.device, 1000)
    response = phone.get("/diary/")
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 40_000
    assert body.count('class="diary-row"') == check_ins.PAGE_SIZE
    assert "note 999" in body and "note 979" not in body  # newest first
    # Size (circles) and pain (squares): a bounded number of points.
    assert body.count("<circle") == 60 and body.count('<rect class="chart-pain-point"') == 60
    assert "The latest 60 of 1000 check-ins" in body
    assert 'href="?page=2#check-ins"' in body
    older = phone.get("/diary/?page=2").content.decode()
    assert "note 979" in older and "note 999" not in older
    for odd in ("0", "-1", "9999", "x", "1e9", "%00"):
        assert phone.get(f"/diary/?page={odd}").status_code == 200


def test_your_data_at_a_thousand_check_ins_pages_and_streams(device_client):
    phone = device_client()
    many_check_ins(phone.device, 1000)
    response = phone.get("/your-data/")
    assert response.status_code == 200 and len(response.content) < 40_000
    assert "check_ins_page=2" in response.content.decode()
    data = my_data(phone)
    assert len(data["check_ins"]) == 1000
    assert data["check_ins"][-1]["note"] == "note 999"


# Delete all. ------------------------------------------------------------------------------


def test_delete_all_leaves_nothing_session_included(db, settings, vapid_key):
    client = Client()
    walk_forms(client, ["saddle_numbness"])
    assert "Numbness" in client.get("/check/result/").content.decode()
    client.post("/diary/check-in/", {"key": str(uuid.uuid4()), "pain": "5", "note": "mine"})
    session_key = client.session.session_key
    response = client.post("/your-data/delete/")
    assert response.status_code == 303
    assert response.cookies[settings.LUMPGUIDE_DEVICE_COOKIE].value == ""
    page = client.get(response["Location"]).content.decode()
    assert "your answers to the questions" in page and "two choices on this phone" in page
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    assert not Device.objects.exists() and not CheckIn.objects.exists()
    start = client.get("/check/").content.decode()
    assert "Carry on where you left off" not in start
    assert client.get("/check/result/").status_code == 302
    assert client.get("/check/summary/").status_code == 302
    assert my_data(client)["triage_session"] == {"answers": {}, "filled_in": {}}


def test_forget_my_answers(client, db):
    walk_forms(client, ["saddle_numbness"])
    result = client.get("/check/result/").content.decode()
    assert "Forget my answers" in result
    response = client.post("/check/forget/")
    assert response.status_code == 303 and response["Location"] == "/check/?forgotten=1"
    start = client.get(response["Location"]).content.decode()
    assert "Your answers have been deleted." in start
    assert client.get("/check/result/").status_code == 302


def test_the_start_page_says_what_is_kept(client, db):
    body = client.get("/check/").content.decode()
    assert "for up to 14 days" in body
    assert "not saved" not in body
    assert settings_session_age() == 14 * 24 * 3600


def settings_session_age() -> int:
    from django.conf import settings

    return settings.SESSION_COOKIE_AGE


def test_expired_sessions_are_swept(client, db):
    from django.contrib.sessions.models import Session

    from apps.reminders import tasks

    walk_forms(client, ["saddle_numbness"])
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    tasks.clear_expired_sessions()
    assert not Session.objects.exists()
