"""Fair limits: per client address on the API, form posts and new phone keys; per phone on
open reminders and daily check-ins. Each over-limit answer is a 429 with Retry-After."""

import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client

from apps.diary.models import CheckIn
from apps.phones.models import Device
from apps.reminders.models import Reminder
from bench.serve import free_port
from tests.conftest import copy_database

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_the_api_is_rate_limited_with_json_and_retry_after(client, settings):
    settings.LUMPGUIDE_RATE_API = "3/m"
    for _ in range(3):
        assert client.get("/api/triage/questionnaire").status_code == 200
    response = client.post("/api/triage/next", {"answers": {}}, content_type="application/json")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "error" in response.json()


def test_form_posts_are_rate_limited_with_a_page(client, settings):
    settings.LUMPGUIDE_RATE_FORMS = "2/m"
    assert client.post("/settings/", {"region": "us"}).status_code == 302
    assert client.post("/settings/", {"region": "uk"}).status_code == 302
    response = client.post("/settings/", {"region": "au"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "<html" in response.content.decode()
    # Reading pages is not limited.
    assert client.get("/settings/").status_code == 200


def test_limits_count_per_client_address(settings):
    settings.LUMPGUIDE_RATE_FORMS = "1/m"
    one, two = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert one.post("/settings/", {"region": "us"}).status_code == 302
    assert two.post("/settings/", {"region": "us"}).status_code == 302
    assert one.post("/settings/", {"region": "us"}).status_code == 429


@pytest.mark.parametrize("behind_proxy", [False, True])
def test_an_ipv6_client_counts_as_its_64(settings, behind_proxy):
    """Issue 21: rotating addresses within one /64 dodged the limits (behind a proxy too)."""
    settings.LUMPGUIDE_RATE_FORMS = "1/m"
    settings.BEHIND_PROXY = behind_proxy

    def client(address: str) -> Client:
        if behind_proxy:
            return Client(REMOTE_ADDR="127.0.0.1", headers={"X-Forwarded-For": address})
        return Client(REMOTE_ADDR=address)

    assert client("2001:db8:1:2::1").post("/settings/", {"region": "us"}).status_code == 302
    assert client("2001:db8:1:2::99").post("/settings/", {"region": "us"}).status_code == 429
    assert client("2001:db8:1:3::1").post("/settings/", {"region": "us"}).status_code == 302


def test_gunicorn_takes_https_from_the_proxy_only_behind_one():
    """Issue 21: gunicorn's default trusts X-Forwarded-Proto from 127.0.0.1 even with
    DJANGO_BEHIND_PROXY unset, against the README."""
    import runpy

    config = ROOT / "gunicorn.conf.py"
    for value, expected in [("", ""), ("1", "127.0.0.1,::1")]:
        with mock.patch.dict(os.environ, {"DJANGO_BEHIND_PROXY": value}):
            os.environ.pop("FORWARDED_ALLOW_IPS", None)
            assert runpy.run_path(str(config))["forwarded_allow_ips"] == expected


def test_x_forwarded_for_counts_only_behind_a_proxy(settings):
    settings.LUMPGUIDE_RATE_FORMS = "1/m"
    client = Client()
    for n in range(2):
        forged = {"X-Forwarded-For": f"198.51.100.{n}"}
        status = client.post("/settings/", {"region": "us"}, headers=forged).status_code
    assert status == 429  # a forged header does not buy a fresh count


def test_new_phone_keys_are_rate_limited(settings):
    settings.LUMPGUIDE_RATE_NEW_DEVICES = "2/h"
    statuses = [
        Client().post("/diary/check-in/", {"key": str(uuid.uuid4()), "pain": "2"}).status_code
        for _ in range(3)
    ]
    assert statuses == [303, 303, 429]
    assert Device.objects.count() == 2


def test_open_reminders_are_capped_per_phone(client, settings):
    settings.LUMPGUIDE_MAX_OPEN_REMINDERS = 2
    from datetime import date, timedelta

    day = (date.today() + timedelta(days=30)).isoformat()
    form = {"date": day, "time": "09:00", "timezone": "UTC", "channel": "calendar"}
    assert [client.post("/reminders/new/", form).status_code for _ in range(2)] == [303, 303]
    response = client.post("/reminders/new/", form)
    assert response.status_code == 429 and int(response["Retry-After"]) >= 60
    assert "You have 2 reminders waiting" in response.content.decode()
    assert Reminder.objects.count() == 2
    # Cancelling one frees a place.
    client.post(f"/reminders/{Reminder.objects.first().pk}/cancel/")
    assert client.post("/reminders/new/", form).status_code == 303


def test_check_ins_are_capped_per_day(client, settings):
    settings.LUMPGUIDE_MAX_CHECK_INS_PER_DAY = 2

    def check_in(**headers):
        data = {"key": str(uuid.uuid4()), "pain": "3"}
        return client.post("/diary/check-in/", data, headers=headers)

    assert [check_in().status_code for _ in range(2)] == [303, 303]
    page = check_in()
    assert page.status_code == 429 and "check-ins today" in page.content.decode()
    as_json = check_in(Accept="application/json")
    assert as_json.status_code == 429 and "error" in as_json.json()
    assert int(as_json["Retry-After"]) > 0
    assert CheckIn.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("cache", "expected"),
    [
        # Shared: the database cache counts the six posts together.
        ("default", [302] * 4 + [429] * 2),
        # Each process counts alone (the default): 3 posts each, under 4 in either.
        ("local", [302] * 6),
    ],
)
def test_the_form_limit_across_two_web_processes(cache, expected, migrated_sqlite, collected):
    """Two gunicorn processes on one database, each taking every other post."""
    with tempfile.TemporaryDirectory() as tmp:
        database = copy_database(migrated_sqlite, Path(tmp) / "limits.sqlite3")
        env = {
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SETTINGS_MODULE": "lumpguide.settings",
            # Per hour: a count per minute starts afresh when the six posts straddle the
            # window's edge, which a busy machine made happen (a 302 where a 429 was due)
            "LUMPGUIDE_RATE_FORMS": "4/h",
            "LUMPGUIDE_RATELIMIT_CACHE": cache,
        }
        ports = [free_port(), free_port()]
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        servers = [
            subprocess.Popen(
                [
                    gunicorn,
                    "lumpguide.wsgi",
                    "-b",
                    f"127.0.0.1:{port}",
                    "-w",
                    "1",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
            )
            for port in ports
        ]
        try:
            statuses = [_post_settings(ports[n % 2]) for n in range(6)]
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    assert statuses == expected


def _post_settings(port: int) -> int:
    """GET the settings form for a CSRF token, then POST it, as a browser would."""
    base = f"http://127.0.0.1:{port}"
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    for _ in range(100):
        try:
            opener.open(base + "/settings/", timeout=5)
            break
        except OSError:
            time.sleep(0.1)
    token = next(c.value for c in jar if c.name == "csrftoken")
    body = urllib.parse.urlencode({"region": "us", "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(base + "/settings/", data=body, headers={"Referer": base})
    try:
        return opener.open(request, timeout=5).status
    except urllib.error.HTTPError as exc:
        return exc.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_new_reminders_are_capped_per_day_so_set_and_cancel_cannot_pile_up_rows(client, settings):
    settings.LUMPGUIDE_MAX_NEW_REMINDERS_PER_DAY = 3
    from datetime import date, timedelta

    day = (date.today() + timedelta(days=30)).isoformat()
    form = {"date": day, "time": "09:00", "timezone": "UTC", "channel": "calendar"}
    for _ in range(3):
        assert client.post("/reminders/new/", form).status_code == 303
        client.post(f"/reminders/{Reminder.objects.latest('pk').pk}/cancel/")
    response = client.post("/reminders/new/", form)
    assert response.status_code == 429 and int(response["Retry-After"]) > 3600
    assert "You have set 3 reminders today" in response.content.decode()
    assert Reminder.objects.count() == 3
