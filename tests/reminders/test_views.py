"""The screens: device cookie, isolation between phones, CSRF, .ics, check-ins, diary, your data."""

import datetime as dt
import json
import re
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from icalendar import Calendar

from apps.reminders import services
from apps.reminders.models import CheckIn, Device, PushSubscription, Reminder
from lumpguide.regions import COOKIE_NAME
from tests.reminders.conftest import browser_keys, my_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]


def make_reminder(device, **fields) -> Reminder:
    values = {
        "local_date": dt.date(2030, 10, 20),
        "local_time": dt.time(9, 0),
        "tz_name": "Europe/London",
        "channel": "both",
    }
    values.update(fields)
    return services.schedule_reminder(device=device, **values)


def make_check_in(device, **fields) -> CheckIn:
    values = {
        "key": uuid.uuid4(),
        "size_cm": Decimal("2.0"),
        "size_word": "",
        "pain": 3,
        "red": False,
        "hot": False,
        "leaking": False,
        "colour_changed": False,
        "note": "",
    }
    values.update(fields)
    return services.record_check_in(device=device, **values)[0]


def test_first_write_creates_a_device_cookie(client, settings, vapid_key):
    response = client.post(
        "/reminders/new/",
        {"date": "2030-10-20", "time": "09:00", "timezone": "Europe/London", "channel": "both"},
    )
    assert response.status_code == 303
    cookie = response.cookies[settings.LUMPGUIDE_DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # plain HTTP in the test; secure under HTTPS
    device = Device.objects.get()
    assert device.key_hash != cookie.value  # only the hash is stored
    reminder = Reminder.objects.get(device=device)
    assert reminder.due_at == dt.datetime(2030, 10, 20, 8, 0, tzinfo=dt.UTC)
    listing = client.get("/reminders/?created=1")
    assert "Sunday 20 October 2030, 09:00" in listing.content.decode()


def test_cookie_is_secure_over_https(settings, vapid_key):
    response = Client().post(
        "/reminders/new/",
        {"date": "2030-10-20", "time": "09:00", "timezone": "UTC", "channel": "calendar"},
        secure=True,
    )
    assert response.cookies[settings.LUMPGUIDE_DEVICE_COOKIE]["secure"]


def test_reminder_form_is_prefilled_from_follow_up_days(client, vapid_key):
    response = client.get("/reminders/new/?days=14")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="follow_up_days" value="14"' in body
    assert 'value="09:00"' in body
    assert 'data-vapid-key="' in body and "LumpGuide does not diagnose" in body
    assert "no-store" in response["Cache-Control"]


def test_bad_time_zone_is_an_error(client):
    response = client.post(
        "/reminders/new/",
        {"date": "2030-10-20", "time": "09:00", "timezone": "Mars/Base", "channel": "both"},
    )
    assert response.status_code == 400
    assert not Reminder.objects.exists()


def test_one_phone_cannot_touch_anothers_data(device_client, vapid_key):
    alice, bob = device_client(), device_client()
    reminder = make_reminder(alice.device)
    check_in = make_check_in(alice.device, note="alice's note")
    for method, url in [
        ("get", f"/reminders/{reminder.pk}/"),
        ("post", f"/reminders/{reminder.pk}/"),
        ("get", f"/reminders/{reminder.pk}/calendar.ics"),
        ("post", f"/reminders/{reminder.pk}/snooze/"),
        ("post", f"/reminders/{reminder.pk}/cancel/"),
        ("post", f"/diary/check-ins/{check_in.pk}/delete/"),
    ]:
        assert getattr(bob, method)(url, {"by": "1d"}).status_code == 404, url
        assert getattr(Client(), method)(url, {"by": "1d"}).status_code == 404, url
    assert "alice" not in bob.get("/diary/").content.decode()
    assert my_data(bob)["check_ins"] == []
    reminder.refresh_from_db()
    assert reminder.state == "scheduled" and reminder.version == 1
    assert CheckIn.objects.filter(pk=check_in.pk).exists()
    # Alice can.
    assert alice.post(f"/reminders/{reminder.pk}/snooze/", {"by": "1d"}).status_code == 303
    assert alice.post(f"/diary/check-ins/{check_in.pk}/delete/").status_code == 303


def test_every_form_needs_csrf(db, settings, vapid_key):
    device, key = services.create_device()
    reminder = make_reminder(device)
    check_in = make_check_in(device)
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LUMPGUIDE_DEVICE_COOKIE] = key
    for url, data in [
        ("/reminders/new/", {"date": "2030-01-01", "time": "09:00", "timezone": "UTC"}),
        (f"/reminders/{reminder.pk}/", {}),
        (f"/reminders/{reminder.pk}/snooze/", {"by": "1d"}),
        (f"/reminders/{reminder.pk}/cancel/", {}),
        ("/reminders/push/subscribe/", {}),
        ("/reminders/push/off/", {}),
        ("/diary/check-in/", {"pain": "1", "key": str(uuid.uuid4())}),
        (f"/diary/check-ins/{check_in.pk}/delete/", {}),
        ("/your-data/delete/", {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert Device.objects.filter(pk=device.pk).exists()


def test_calendar_file(device_client, vapid_key):
    phone = device_client()
    reminder = make_reminder(phone.device)
    response = phone.get(f"/reminders/{reminder.pk}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".ics" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == dt.datetime(2030, 10, 20, 8, 0, tzinfo=dt.UTC)
    assert str(event["uid"]) == f"lumpguide-reminder-{reminder.uid}@testserver"
    assert str(reminder.pk) not in str(event["uid"]).split("@")[0].split("-")
    [alarm] = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert "http://testserver/diary/check-in/" in str(event["url"])


def test_snooze_change_cancel(device_client, vapid_key):
    phone = device_client()
    reminder = make_reminder(phone.device)
    phone.post(f"/reminders/{reminder.pk}/snooze/", {"by": "1w"})
    reminder.refresh_from_db()
    assert reminder.local_date == dt.date(2030, 10, 27)
    assert reminder.due_at == dt.datetime(2030, 10, 27, 9, 0, tzinfo=dt.UTC)
    phone.post(
        f"/reminders/{reminder.pk}/",
        {
            "date": "2030-11-02",
            "time": "18:30",
            "timezone": "America/New_York",
            "channel": "calendar",
        },
    )
    reminder.refresh_from_db()
    assert reminder.due_at == dt.datetime(2030, 11, 2, 22, 30, tzinfo=dt.UTC)
    phone.post(f"/reminders/{reminder.pk}/cancel/")
    reminder.refresh_from_db()
    assert reminder.state == "cancelled"


def test_push_subscription_and_turning_it_off(device_client, vapid_key):
    phone = device_client()
    subscription = {
        "endpoint": "https://fcm.googleapis.com/fcm/send/abc",
        "keys": browser_keys(),
    }
    response = phone.post(
        "/reminders/push/subscribe/", json.dumps(subscription), content_type="application/json"
    )
    assert response.status_code == 201
    assert PushSubscription.objects.get().device == phone.device
    assert (
        phone.post(
            "/reminders/push/subscribe/", "nope", content_type="application/json"
        ).status_code
        == 400
    )
    assert phone.post("/reminders/push/off/").status_code == 303
    assert not PushSubscription.objects.exists()


def test_check_in_is_stored_once_by_key(device_client):
    phone = device_client()
    data = {"key": str(uuid.uuid4()), "size_word": "grape", "pain": "4", "red": "on", "note": "hi"}
    first = phone.post("/diary/check-in/", data, headers={"Accept": "application/json"})
    again = phone.post("/diary/check-in/", data, headers={"Accept": "application/json"})
    plain = phone.post("/diary/check-in/", data)
    assert (first.status_code, again.status_code, plain.status_code) == (201, 200, 303)
    assert first.json()["created"] and not again.json()["created"]
    check_in = CheckIn.objects.get()
    assert check_in.size_word == "grape" and check_in.red and check_in.pain == 4


def test_check_in_validation(device_client):
    phone = device_client()
    response = phone.post("/diary/check-in/", {"key": str(uuid.uuid4()), "pain": "11"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_empty_check_in_form_may_be_kept_offline(client):
    response = client.get("/diary/check-in/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "LumpGuide does not diagnose" in response.content.decode()


@pytest.mark.parametrize("url", ["/diary/", "/reminders/", "/your-data/", "/your-data/delete/"])
def test_personal_pages_are_never_stored(client, url, vapid_key):
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "LumpGuide does not diagnose" in response.content.decode()


def test_diary_chart_and_warning(device_client):
    phone = device_client()
    make_check_in(phone.device, size_cm=Decimal("1.5"), pain=2)
    make_check_in(phone.device, size_cm=Decimal("3.0"), pain=3, leaking=True)
    body = phone.get("/diary/").content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert "style=" not in svg and "<script" not in svg
    assert '<title id="chart-title">' in svg and "2 check-ins" in svg
    assert "<table" in body and body.count('class="diary-row"') == 2
    assert "The lump has grown" in body and "leaking" in body
    assert 'href="/check/"' in body and "Check your lump again" in body


def test_diary_htmx_gets_the_fragment(device_client):
    phone = device_client()
    response = phone.get("/diary/", headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert "Your lump diary" in response.content.decode()


def test_your_data_download_and_delete(device_client, settings, vapid_key):
    phone = device_client()
    make_reminder(phone.device)
    make_check_in(phone.device, note="private")
    page = phone.get("/your-data/").content.decode()
    assert "private" in page
    download = phone.get("/your-data/lumpguide-my-data.json")
    assert download["Content-Disposition"].startswith("attachment;")
    data = my_data(phone)
    assert len(data["reminders"]) == 1 and data["check_ins"][0]["note"] == "private"
    assert phone.get("/your-data/delete/").status_code == 200  # the confirmation
    response = phone.post("/your-data/delete/")
    assert response.status_code == 303
    assert response.cookies[settings.LUMPGUIDE_DEVICE_COOKIE].value == ""
    assert not Device.objects.exists()
    assert not Reminder.objects.exists() and not CheckIn.objects.exists()


def test_triage_result_offers_a_reminder():
    from django.template.loader import render_to_string

    html = render_to_string(
        "triage/result.html#screen",
        {
            "assessment": {
                "follow_up_days": 14,
                "urgency": "self_care",
                "headline": "h",
                "red_flags": [],
                "next_steps": [],
                "conditions": [],
            },
            "urgency": {},
            "region": {},
        },
    )
    assert 'href="/reminders/new/?days=14"' in html
    assert "Remind me to check it again" in html


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("uk", "Europe/London"),
        ("us", "America/New_York"),
        ("eu", "Europe/Paris"),
        ("au", "Australia/Sydney"),
    ],
)
def test_the_regions_time_zone_until_a_reminder_gives_the_phones(device_client, code, zone):
    client = device_client()
    client.cookies[COOKIE_NAME] = code
    form = client.get("/reminders/new/").content.decode()
    assert re.search(rf'<option value="{zone}"\s+selected>', form)
    make_check_in(client.device)
    assert f"times in {zone}" in client.get("/diary/").content.decode()


def test_diary_shows_times_on_the_persons_clock(device_client):
    client = device_client()
    at = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)
    make_check_in(client.device, recorded_at=at)
    # No reminder yet: the region's zone (UK by default, British Summer Time in July).
    page = client.get("/diary/").content.decode()
    assert "2 Jul 2026, 00:30" in page and "times in Europe/London" in page
    # A reminder set with the phone's zone: the diary follows it.
    make_reminder(client.device, tz_name="Australia/Sydney")
    page = client.get("/diary/").content.decode()
    assert "2 Jul 2026, 09:30" in page and "times in Australia/Sydney" in page
    assert "1 Jul 2026" not in page
