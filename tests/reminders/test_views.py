"""The screens: device cookie, isolation between phones, CSRF, .ics, push (check-ins, the
diary: tests/diary; "Your data": tests/phones)."""

import datetime as dt
import json
import re
import uuid

import pytest
from django.test import Client
from icalendar import Calendar

from apps.diary.models import CheckIn
from apps.phones.models import Device
from apps.phones.services import create_device
from apps.reminders import services
from apps.reminders.models import PushSubscription, Reminder
from lumpguide.regions import COOKIE_NAME
from tests.diary.conftest import make_check_in
from tests.reminders.conftest import browser_keys, my_data, spoil_key

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


def test_first_write_creates_a_device_cookie(client, settings, vapid_key):
    response = client.post(
        "/reminders/new/",
        {"date": "2030-10-20", "time": "09:00", "timezone": "Europe/London", "channel": "calendar"},
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


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_date_and_time_are_iso_in_every_language(client, vapid_key, language):
    """An <input type=date> shows nothing for "07/12/2026" (Spanish's date format)."""
    client.cookies["lumpguide_language"] = language
    body = client.get("/reminders/new/?days=7").content.decode()
    assert re.search(r'type="date" name="date" value="\d{4}-\d{2}-\d{2}"', body), body
    assert re.search(r'type="time" name="time" value="09:00"', body)


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
    assert (
        alice.post(f"/diary/check-ins/{check_in.pk}/delete/", {"confirmed": "1"}).status_code == 303
    )
    assert not CheckIn.objects.filter(pk=check_in.pk).exists()


def test_every_form_needs_csrf(db, settings, vapid_key):
    device, key = create_device()
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


@pytest.mark.parametrize("url", ["/diary/", "/reminders/", "/your-data/", "/your-data/delete/"])
def test_personal_pages_are_never_stored(client, url, vapid_key):
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "LumpGuide does not diagnose" in response.content.decode()


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
    city = zone.split("/")[-1].replace("_", " ")
    assert f"times in {city})" in client.get("/diary/").content.decode()


def test_a_reminder_set_in_spanish_is_sent_in_spanish(client, vapid_key):
    from apps.reminders.delivery import Claim, payload

    response = client.post(
        "/reminders/new/",
        {"date": "2030-10-20", "time": "09:00", "timezone": "Europe/Madrid", "channel": "calendar"},
        headers={"Accept-Language": "es-ES,es;q=0.9"},
    )
    assert response.status_code == 303
    reminder = Reminder.objects.get()
    assert reminder.language == "es"
    claim = Claim(reminder.pk, reminder.version, uuid.uuid4(), reminder.topic)
    # Delivered later by the worker, whatever language is active there.
    sent = payload(reminder=reminder, claim=claim, origin="https://lumpguide.example")
    assert sent["notification"]["title"] == "Es hora de revisar su bulto"
    listing = client.get("/reminders/?created=1", headers={"Accept-Language": "es"})
    assert "domingo 20 de octubre de 2030" in listing.content.decode().lower()


# A reminder that could never arrive is never "Scheduled" (issue 20) ------------------------


def test_without_notifications_both_is_refused_with_the_way_out(client, vapid_key):
    form = client.get("/reminders/new/").content.decode()
    # What can reach the person is chosen at first: the calendar
    assert re.search(r'<input type="radio" name="channel" value="calendar"[^>]*checked', form)
    response = client.post(
        "/reminders/new/",
        {"date": "2030-10-20", "time": "09:00", "timezone": "Europe/London", "channel": "both"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "only the calendar event could reach you" in page
    # The error summary's link goes to the choice itself (it was href="#").
    assert re.search(r'<a href="#(id_channel_0)">', page) and 'id="id_channel_0"' in page
    assert not Reminder.objects.exists()


def test_with_notifications_on_both_is_set(device_client, vapid_key):
    client = device_client()
    subscription = {"endpoint": "https://fcm.googleapis.com/fcm/send/abc", "keys": browser_keys()}
    response = client.post(
        "/reminders/push/subscribe/", json.dumps(subscription), content_type="application/json"
    )
    assert response.status_code == 201
    form = client.get("/reminders/new/").content.decode()
    assert re.search(r'<input type="radio" name="channel" value="both"[^>]*checked', form)
    response = client.post(
        "/reminders/new/",
        {"date": "2030-10-20", "time": "09:00", "timezone": "Europe/London", "channel": "both"},
    )
    assert response.status_code == 303
    listing = client.get(response["Location"]).content.decode()
    assert "A notification will come to this phone." in listing
    assert "data-download-now" in listing


def test_a_calendar_reminder_offers_its_file_at_once(client, vapid_key):
    response = client.post(
        "/reminders/new/",
        {"date": "2030-10-20", "time": "09:00", "timezone": "Europe/London", "channel": "calendar"},
    )
    listing = client.get(response["Location"]).content.decode()
    reminder = Reminder.objects.get()
    assert re.search(
        rf'href="/reminders/{reminder.pk}/calendar\.ics"[^>]*data-download-now', listing
    )
    assert "A notification will come" not in listing


@pytest.mark.parametrize("created", ["x", "99999999999999999999999", "-1", "", "999"])
def test_an_odd_or_foreign_created_id_shows_no_notice(client, created):
    response = client.get(f"/reminders/?created={created}")
    assert response.status_code == 200
    assert "Your reminder is set." not in response.content.decode()


@pytest.mark.parametrize("fault", ["corrupt", "deleted", "a folder"])
def test_the_pages_treat_an_unusable_vapid_key_as_none(device_client, vapid_key, fault):
    """Issue 21: a corrupt key file answered 500 on /reminders/ and /reminders/new/."""
    spoil_key(vapid_key, fault)
    client = device_client()
    for path in ("/reminders/", "/reminders/new/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'data-vapid-key=""' in response.content.decode() or path == "/reminders/"
