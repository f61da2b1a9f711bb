"""The server only ever POSTs to allowed push services: never to an address a client names."""

import http.server
import json
import threading

import pytest

from apps.reminders import delivery, push_endpoints, services, tasks
from apps.reminders.models import PushAttempt, PushSubscription, Reminder
from lumpguide.settings import LUMPGUIDE_PUSH_HOSTS as PRODUCTION_HOSTS
from tests.reminders.conftest import browser_keys, due_reminder, my_data
from tests.reminders.test_delivery import run_due_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vapid_key")]
KEYS = browser_keys()


class Listener:
    """A loopback HTTP server that records every request, and can answer with a redirect."""

    def __init__(self, redirect_to: str = "") -> None:
        self.requests: list[tuple[str, str]] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self):
                listener.requests.append((self.command, self.path))
                if redirect_to:
                    self.send_response(307)
                    self.send_header("Location", redirect_to)
                else:
                    self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        # shutdown() waits for the loop to look at its flag, every poll_interval (0.5 s unset).
        serve = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        serve.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def production_push_hosts(settings):
    """The allowlist as deployed: no loopback, HTTPS only."""
    settings.LUMPGUIDE_PUSH_HOSTS = PRODUCTION_HOSTS
    settings.LUMPGUIDE_PUSH_SCHEMES = ["https"]


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://127.0.0.1:{port}/internal/admin/",
        "https://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "https://[::1]:{port}/",
        "https://fcm.googleapis.com.evil.example/x",
        "https://evil.example/fcm.googleapis.com",
        "https://user:pw@fcm.googleapis.com/x",
        "http://fcm.googleapis.com/fcm/send/x",
        "ftp://fcm.googleapis.com/x",
        "https://fcm.googleapis.com:notaport/x",
        "https://fcm.googleapis.com/\x00",
        # urlsplit keeps a backslash in the host; the HTTP client stops the host there.
        "https://127.0.0.1\\.push.services.mozilla.com/x",
        "https://localhost:{port}\\.notify.windows.com/x",
        "https://fcm.googleapis.com\\@127.0.0.1:{port}/x",
        "https://fcm.googleapis.com/fcm\\send",
        "https://fcm.googleapis.com:8443/x",
        "https://web.push.apple.com:0/x",
        "https://[::1]@fcm.googleapis.com/x",
    ],
)
def test_subscribe_refuses_anything_but_an_allowed_push_service(
    client, listener, production_push_hosts, endpoint
):
    body = {"endpoint": endpoint.format(port=listener.port), "keys": KEYS}
    response = client.post(
        "/reminders/push/subscribe/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert "error" in response.json()
    assert not PushSubscription.objects.exists()
    assert listener.requests == []


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
        "https://web.push.apple.com/QGx",
        "https://wns2-by3p.notify.windows.com/w/?token=abc",
        "https://fcm.googleapis.com:443/fcm/send/abc",
    ],
)
def test_subscribe_accepts_the_push_services_browsers_use(client, production_push_hosts, endpoint):
    body = {"endpoint": endpoint, "keys": KEYS}
    response = client.post(
        "/reminders/push/subscribe/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201
    assert PushSubscription.objects.get().endpoint == endpoint


def test_extra_hosts_extend_the_list(settings):
    settings.LUMPGUIDE_PUSH_HOSTS = [*PRODUCTION_HOSTS, "push.example.org"]
    settings.LUMPGUIDE_PUSH_SCHEMES = ["https"]
    assert push_endpoints.is_allowed("https://push.example.org/x")
    assert not push_endpoints.is_allowed("https://a.push.example.org/x")


def test_the_worker_never_contacts_a_stored_endpoint_that_is_not_allowed(
    device, listener, production_push_hosts
):
    """An endpoint that got into the database some other way (an older version, a restore)
    is checked again before every send: the worker refuses it and forgets it."""
    PushSubscription.objects.create(
        device=device, endpoint=f"http://127.0.0.1:{listener.port}/internal/", **KEYS
    )
    reminder = due_reminder(device)
    run_due_tasks()
    assert listener.requests == []
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.FAILED
    assert PushAttempt.objects.get().outcome == "refused"
    assert not PushSubscription.objects.exists()


def test_no_redirect_is_followed(device, settings, listener):
    """An allowed push service that answers with a redirect to an internal address: the
    worker does not follow it."""
    redirector = Listener(redirect_to=f"http://127.0.0.1:{listener.port}/internal/")
    try:
        settings.LUMPGUIDE_PUSH_HOSTS = ["localhost"]
        settings.LUMPGUIDE_PUSH_SCHEMES = ["http"]
        services.save_subscription(
            device=device,
            endpoint=f"http://localhost:{redirector.port}/push/1",
            origin="http://testserver/",
            **KEYS,
        )
        reminder = due_reminder(device)
        sent = delivery.deliver(
            reminder_id=reminder.pk, version=reminder.version, schedule=tasks.enqueue_send
        )
        assert sent == "failed"
        assert [method for method, _path in redirector.requests] == ["POST"]
        assert listener.requests == []
    finally:
        redirector.close()


def test_what_the_person_sees_of_a_failed_push_is_not_the_remote_status(
    device_client, settings, push_service
):
    phone = device_client()
    info = push_service.subscriber("phone-x").info()
    services.save_subscription(
        device=phone.device,
        origin="http://testserver/",
        endpoint=info["endpoint"],
        p256dh=info["keys"]["p256dh"],
        auth=info["keys"]["auth"],
    )
    push_service.script["/push/phone-x"] = [403]
    due_reminder(phone.device)
    run_due_tasks()
    [reminder] = my_data(phone)["reminders"]
    assert reminder["state"] == "failed"
    assert reminder["push_attempts"] == [
        {"at": reminder["push_attempts"][0]["at"], "result": "could not be sent"}
    ]
    page = phone.get("/reminders/").content.decode()
    assert "403" not in page and "Could not be sent" in page


def test_a_subscription_moves_to_another_phone_only_with_its_keys(device_client):
    alice, mallory = device_client(), device_client()
    body = {"endpoint": "https://fcm.googleapis.com/fcm/send/alice", "keys": KEYS}

    def subscribe(client, keys):
        return client.post(
            "/reminders/push/subscribe/",
            json.dumps({**body, "keys": keys}),
            content_type="application/json",
        )

    assert subscribe(alice, KEYS).status_code == 201
    assert subscribe(mallory, browser_keys()).status_code == 409
    assert PushSubscription.objects.get().device == alice.device
    # The same browser with a new cookie (same keys) takes it with it.
    assert subscribe(mallory, KEYS).status_code == 201
    assert PushSubscription.objects.get().device == mallory.device
