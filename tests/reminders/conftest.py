"""Reminder fixtures: a VAPID key, the loopback push service, devices and subscriptions."""

import datetime as dt
import json

import pytest
import time_machine
from django.test import Client

from apps.phones.services import create_device
from apps.reminders import push, services
from tests.reminders.fake_push import FakePushService


@pytest.fixture
def vapid_key(settings, tmp_path):
    path = tmp_path / "vapid" / "private_key.pem"
    push.generate_keys(path=path)
    settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE = path
    settings.LUMPGUIDE_VAPID_SUBJECT = "mailto:tests@lumpguide.example"
    return path


def spoil_key(path, fault: str) -> None:
    """Make the VAPID key file at `path` unusable as production found it: "corrupt",
    "deleted", or "a folder" where the file was."""
    if fault == "corrupt":
        path.write_text("not a key")
        return
    path.unlink()
    if fault == "a folder":
        path.mkdir()


@pytest.fixture
def push_service():
    service = FakePushService().start()
    yield service
    service.stop()


@pytest.fixture
def device(db):
    device, _key = create_device()
    return device


@pytest.fixture
def device_client(db, settings):
    """A Django test client that is a phone with its own device cookie."""

    def make():
        device, key = create_device()
        client = Client()
        client.cookies[settings.LUMPGUIDE_DEVICE_COOKIE] = key
        client.device = device
        return client

    return make


@pytest.fixture
def subscribed(device, push_service):
    """The device, subscribed through the fake push service."""
    subscriber = push_service.subscriber("phone-1")
    info = subscriber.info()
    services.save_subscription(
        device=device,
        endpoint=info["endpoint"],
        p256dh=info["keys"]["p256dh"],
        auth=info["keys"]["auth"],
        origin="http://testserver/",
    )
    return subscriber


def due_reminder(device, *, minutes_ago: int = 1, channel: str = "push"):
    """A reminder whose time has just come (Europe/London wall time)."""
    from django.utils import timezone

    local = (timezone.now() - dt.timedelta(minutes=minutes_ago)).astimezone(
        services.zone("Europe/London")
    )
    return services.schedule_reminder(
        device=device,
        local_date=local.date(),
        local_time=local.time().replace(microsecond=0),
        tz_name="Europe/London",
        channel=channel,
    )


@pytest.fixture
def known_datetime():
    """The clock at 2030-01-15 12:00 UTC (and ticking): the fixed dates of these tests, late
    in 2030, are then within the two years ahead that a reminder may be set for."""
    with time_machine.travel(dt.datetime(2030, 1, 15, 12, 0, tzinfo=dt.UTC), tick=True):
        yield


def my_data(client) -> dict:
    """The "Your data" download (a streamed JSON file), parsed."""
    response = client.get("/your-data/lumpguide-my-data.json")
    assert response.status_code == 200 and response.streaming
    return json.loads(b"".join(response.streaming_content))


def browser_keys() -> dict[str, str]:
    """A real subscription's keys: a P-256 public key and a 16-byte secret, base64url."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    raw = public.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return {"p256dh": push.b64url(raw), "auth": push.b64url(bytes(range(16)))}
