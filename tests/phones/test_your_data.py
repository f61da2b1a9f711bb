"""What is kept for a phone, whichever app keeps it: every model with a foreign key to Device
is registered (so "Your data" shows and downloads it), and deleting the phone deletes it."""

import datetime as dt

import pytest

from apps.diary.models import CheckIn
from apps.phones import kept, services
from apps.phones import your_data as export
from apps.phones.models import Device
from apps.reminders import services as reminders
from apps.reminders.models import PushAttempt, PushSubscription, Reminder
from tests.diary.conftest import make_check_in
from tests.reminders.conftest import my_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]


def models_pointing_at_device() -> set[type]:
    return {
        field.related_model
        for field in Device._meta.get_fields()
        if field.auto_created and (field.one_to_many or field.one_to_one)
    }


def test_every_model_that_points_at_a_phone_is_in_your_data():
    registered = {item.model for item in kept.everything()}
    assert models_pointing_at_device() == {Reminder, PushSubscription, CheckIn}
    assert registered == models_pointing_at_device()
    assert [item.name for item in kept.everything()] == [
        "reminders",
        "push_subscriptions",
        "check_ins",
    ]


def test_counts_and_download_cover_every_app(device_client):
    phone = device_client()
    reminders.schedule_reminder(
        device=phone.device,
        local_date=dt.date(2030, 10, 20),
        local_time=dt.time(9, 0),
        tz_name="Europe/London",
        channel="both",
    )
    reminders.save_subscription(
        device=phone.device,
        endpoint="https://fcm.googleapis.com/fcm/send/abc",
        p256dh="p",
        auth="a",
        origin="http://testserver/",
    )
    make_check_in(phone.device, note="mine")
    assert export.counts(device=phone.device) == {
        "reminders": 1,
        "push_subscriptions": 1,
        "check_ins": 1,
    }
    assert export.counts(device=None) == dict.fromkeys(
        ["reminders", "push_subscriptions", "check_ins"], 0
    )
    data = my_data(phone)
    assert list(data) == [
        "device",
        "triage_session",
        "reminders",
        "push_subscriptions",
        "check_ins",
    ]
    assert data["check_ins"][0]["note"] == "mine"
    assert data["push_subscriptions"][0]["endpoint"].endswith("/abc")
    page = phone.get("/your-data/").content.decode()
    for label in ("Reminders", "Check-ins", "Notification addresses (push subscriptions)"):
        assert f"<dt>{label}</dt><dd>1</dd>" in page
    assert 'id="reminders"' in page and 'id="check-ins"' in page and "mine" in page


def test_deleting_a_phone_deletes_what_every_app_kept(device):
    other, _key = services.create_device()
    for phone in (device, other):
        make_check_in(phone)
        reminders.save_subscription(
            device=phone,
            endpoint=f"https://fcm.googleapis.com/fcm/send/{phone.pk}",
            p256dh="p",
            auth="a",
            origin="http://testserver/",
        )
        reminder = reminders.schedule_reminder(
            device=phone,
            local_date=dt.date(2030, 1, 1),
            local_time=dt.time(9, 0),
            tz_name="Europe/London",
            channel="both",
        )
        PushAttempt.objects.create(
            reminder=reminder,
            attempt_id=reminder.uid,
            version=1,
            endpoint_sha256="x",
            outcome="started",
        )
    services.delete_phone(device=device)
    assert list(Device.objects.all()) == [other]
    for model in (*models_pointing_at_device(), PushAttempt):
        assert model.objects.count() == 1, model
    services.delete_phone(device=None)  # no phone: nothing to do
    assert Device.objects.count() == 1
