"""HEAD answers as GET does, without the body (issue 21: 405 on every page, /healthz included,
which a proxy's or a monitor's health check may ask with HEAD)."""

import pytest

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/healthz",
    "/check/",
    "/check/q/emergency_signs/",
    "/check/summary/",
    "/check/result/",
    "/conditions/",
    "/conditions/?q=pus",
    "/diary/",
    "/diary/check-in/",
    "/reminders/",
    "/reminders/new/",
    "/your-data/",
    "/your-data/delete/",
    "/settings/",
    "/offline/",
    "/sw.js",
    "/manifest.webmanifest",
    "/api/triage/questionnaire",
    "/summary/",
]


@pytest.mark.parametrize("path", PATHS)
def test_head_answers_as_get_does(client, path):
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code != 405, path
    assert head.content == b""
    assert head.get("Content-Type") == get.get("Content-Type")
