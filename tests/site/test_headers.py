"""Headers on every response: Permissions-Policy, and X-Forwarded-Proto trusted only behind a
proxy that sets it."""

import runpy

import pytest
from django.test import RequestFactory

import lumpguide.settings
from lumpguide.middleware import permissions_policy

pytestmark = pytest.mark.django_db

NEVER_USED = [
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "serial",
    "midi",
    "magnetometer",
    "gyroscope",
    "accelerometer",
    "display-capture",
    "browsing-topics",
    "interest-cohort",
]


def policy_of(response) -> dict[str, str]:
    items = [item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")]
    return dict(items)


@pytest.mark.parametrize(
    "url",
    ["/", "/check/q/emergency_signs/", "/sw.js", "/no-such-page/"],
)
def test_every_page_and_the_worker_turn_off_features_lumpguide_never_uses(client, url):
    policy = policy_of(client.get(url))
    for feature in NEVER_USED:
        assert policy[feature] == "()", feature
    assert set(policy.values()) == {"()"}
    # Notifications and push are permissions, not Permissions-Policy features.
    assert "notifications" not in policy and "push" not in policy


@pytest.mark.parametrize(
    "url", ["/api/triage/questionnaire", "/manifest.webmanifest", "/static/css/app.css"]
)
def test_what_is_not_a_document_or_worker_goes_without_the_policy(client, url):
    """A policy governs documents and workers only; elsewhere it is 0.5 KB of header."""
    response = client.get(url)
    assert response.status_code == 200
    assert "Permissions-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_policy_comes_from_the_setting(client, settings):
    settings.LUMPGUIDE_PERMISSIONS_POLICY = {"camera": [], "fullscreen": ["self"]}
    assert client.get("/")["Permissions-Policy"] == "camera=(), fullscreen=(self)"
    settings.LUMPGUIDE_PERMISSIONS_POLICY = {}
    assert "Permissions-Policy" not in client.get("/")


def test_policy_syntax():
    policy = {"camera": [], "fullscreen": ["self", "https://example.org"], "autoplay": ["*"]}
    assert permissions_policy(policy) == (
        'camera=(), fullscreen=(self "https://example.org"), autoplay=*'
    )


# X-Forwarded-Proto --------------------------------------------------------------------------


def test_x_forwarded_proto_is_not_trusted_without_a_proxy(settings):
    assert settings.SECURE_PROXY_SSL_HEADER is None
    request = RequestFactory().get("/", headers={"X-Forwarded-Proto": "https"})
    assert not request.is_secure()


def test_a_forged_x_forwarded_proto_gets_no_secure_cookie(client):
    response = client.post("/settings/", {"region": "us"}, headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 302
    assert not response.cookies["lumpguide_region"]["secure"]


@pytest.mark.parametrize(("behind_proxy", "trusted"), [("", False), ("1", True)])
def test_x_forwarded_proto_is_trusted_only_with_django_behind_proxy(
    monkeypatch, behind_proxy, trusted
):
    monkeypatch.delenv("DJANGO_PRODUCTION", raising=False)
    monkeypatch.setenv("DJANGO_BEHIND_PROXY", behind_proxy)
    values = runpy.run_path(lumpguide.settings.__file__)  # the settings module, read afresh
    header = values.get("SECURE_PROXY_SSL_HEADER")
    assert header == (("HTTP_X_FORWARDED_PROTO", "https") if trusted else None)
