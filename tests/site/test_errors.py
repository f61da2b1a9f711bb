"""Error pages: the site's layout, plain words, the way home and the region's emergency number;
JSON under /api/; a 500 page that cannot itself fail; the 429 page the rate limiter sends."""

import json

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from lumpguide import errors

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.site.error_urls")]
HTMX = {"HX-Request": "true"}
EMERGENCY = {"uk": "999", "us": "911", "eu": "112", "au": "000"}


@pytest.fixture
def client():
    """A client that gets the error page back, as a browser would, instead of the exception."""
    client = Client(raise_request_exception=False)
    yield client


def in_layout(html: str) -> bool:
    return (
        'class="site-header"' in html
        and 'class="site-footer"' in html
        and 'name="viewport"' in html
        and 'href="/static/css/app.css"' in html
    )


def shows_help(html: str, number: str) -> bool:
    call = f'call <a href="tel:{number}">{number}</a>.'
    return (
        f"If you feel very unwell or this is an emergency, {call}" in html
        and 'class="button" href="/">Go to the home page</a>' in html
    )


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and body["error"]
    return body


PAGES = [
    ("get", "/test/bad/", 400, "Something was wrong with that request"),
    ("get", "/test/forbidden/", 403, "You cannot open this page"),
    ("get", "/no-such-page/", 404, "We cannot find that page"),
    ("get", "/test/boom/", 500, "Something went wrong on our side"),
]


def test_the_sites_own_urlconf_uses_these_handlers(client, settings):
    from lumpguide import urls

    assert urls.handler400 is errors.bad_request
    assert urls.handler403 is errors.permission_denied
    assert urls.handler404 is errors.page_not_found
    assert urls.handler500 is errors.server_error
    settings.ROOT_URLCONF = "lumpguide.urls"  # not the test URLconf
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<h1>We cannot find that page</h1>" in response.content.decode()


@pytest.mark.parametrize(("method", "url", "status", "heading"), PAGES)
@pytest.mark.parametrize("region", ["uk", "us", "eu", "au"])
def test_error_page_in_the_layout_with_the_regions_number(
    client, method, url, status, heading, region
):
    client.cookies["lumpguide_region"] = region
    response = getattr(client, method)(url)
    assert response.status_code == status
    html = response.content.decode()
    assert in_layout(html)
    assert f"<h1>{heading}</h1>" in html
    assert shows_help(html, EMERGENCY[region])
    assert f'data-region="{region}"' in html


def test_without_a_region_cookie_the_default_regions_number_is_shown(client, settings):
    settings.LUMPGUIDE_DEFAULT_REGION = "au"
    html = client.get("/no-such-page/").content.decode()
    assert shows_help(html, "000")
    assert 'call <a href="tel:1800022222">1800 022 222</a>' in html


@pytest.mark.parametrize(
    "url",
    ["/no/such/page/", "/conditions/nope/", "/check/q/nope/", "/reminders/999999/"],
)
def test_every_unknown_thing_gets_the_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert in_layout(html) and "We cannot find that page" in html
    assert shows_help(html, "999")


def test_error_pages_keep_the_strict_content_security_policy(client):
    for url in ["/no-such-page/", "/test/boom/", "/test/bad/"]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp
        html = response.content.decode()
        assert '<script src="/static/' in html
        assert "<style" not in html and " style=" not in html and "<script>" not in html


def test_htmx_gets_the_404_as_a_fragment(client):
    html = client.get("/no-such-page/", headers=HTMX).content.decode()
    assert "<html" not in html
    assert "<h1>We cannot find that page</h1>" in html and shows_help(html, "999")


# The 500 page --------------------------------------------------------------------------------


def test_a_view_that_raises_gives_the_500_page(client):
    response = client.get("/test/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "It is not something you did" in html
    assert "a bug in a view" not in html and "Traceback" not in html


def test_500_page_falls_back_to_plain_html_when_the_template_fails(client, monkeypatch, settings):
    def broken(*args, **kwargs):
        raise RuntimeError("the template is broken too")

    monkeypatch.setattr(errors, "render_to_string", broken)
    settings.LUMPGUIDE_DEFAULT_REGION = "us"
    client.cookies["lumpguide_region"] = "au"
    response = client.get("/test/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert 'name="viewport"' in html and '<a href="/">Go to the home page</a>' in html
    assert 'call\n<a href="tel:911">911</a>' in html  # the default region's number


def test_500_handler_survives_a_request_it_cannot_read(monkeypatch):
    monkeypatch.setattr(errors, "current_region", lambda request: 1 / 0)
    response = errors.server_error(RequestFactory().get("/check/"))
    assert response.status_code == 500
    assert shows_help(response.content.decode(), "999")


# CSRF ----------------------------------------------------------------------------------------


def test_csrf_failure_says_the_session_expired_and_links_back():
    client = Client(enforce_csrf_checks=True)
    client.cookies["lumpguide_region"] = "us"
    response = client.post(
        "/settings/", {"region": "uk"}, headers={"Referer": "http://testserver/settings/"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert in_layout(html)
    assert "<h1>Your session expired</h1>" in html
    assert "Go back, reload the page, and try again." in html
    assert 'href="http://testserver/settings/" class="back-link">Go back</a>' in html
    assert shows_help(html, "911")


def test_csrf_failure_never_links_back_to_another_site():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/test/form/", headers={"Referer": "https://evil.example/"})
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()


def test_csrf_failure_under_htmx_reloads_the_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/test/form/", headers=HTMX)
    assert response.status_code == 403
    assert response["HX-Refresh"] == "true"


# JSON under /api/ ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/test/bad", 400),
        ("/api/test/forbidden", 403),
        ("/api/no-such-thing", 404),
        ("/api/triage/nope", 404),
        ("/api/test/boom", 500),
    ],
)
def test_api_errors_are_json(client, url, status):
    assert_json_error(client.get(url), status)


def test_api_csrf_failure_is_json():
    client = Client(enforce_csrf_checks=True)
    body = assert_json_error(client.post("/api/test/form"), 403)
    assert "CSRF" in body["error"]


def test_api_wrong_method_is_json(client):
    assert_json_error(client.get("/api/triage/next"), 405)


def test_api_500_falls_back_to_json_when_rendering_fails(client, monkeypatch):
    monkeypatch.setattr(errors, "JsonResponse", None)  # any failure at all
    response = client.get("/api/test/boom")
    assert response.status_code == 500
    assert json.loads(response.content)["error"]


# 429 -----------------------------------------------------------------------------------------


def test_429_template_renders_from_retry_after_alone():
    html = render_to_string("429.html", {"retry_after": 30})
    assert "Too many tries in a short time" in html and "Wait 30 seconds" in html


def test_too_many_requests_page(rf):
    request = rf.get("/diary/")
    request.COOKIES["lumpguide_region"] = "eu"
    response = errors.too_many_requests(request, retry_after=45)
    assert response.status_code == 429
    assert response["Retry-After"] == "45"
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert in_layout(html)
    assert "<h1>Too many tries in a short time</h1>" in html
    assert "Wait 45 seconds, then try again." in html
    assert shows_help(html, "112")


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "Wait 1 second,"),
        (90, "Wait 90 seconds,"),
        (120, "Wait 2 minutes,"),
        (3600, "Wait 60 minutes,"),
    ],
)
def test_too_many_requests_says_how_long_in_plain_words(rf, seconds, words):
    response = errors.too_many_requests(rf.get("/"), retry_after=seconds)
    assert words in response.content.decode()
    assert response["Retry-After"] == str(seconds)


@pytest.mark.parametrize(
    ("path", "headers", "as_json"),
    [
        ("/reminders/new/", {}, True),
        ("/api/triage/next", {}, False),
        ("/reminders/push/subscribe/", {"Accept": "application/json"}, False),
    ],
    ids=["asked-for", "api", "accept-header"],
)
def test_too_many_requests_json(rf, path, headers, as_json):
    request = rf.post(path, headers=headers)
    response = errors.too_many_requests(request, retry_after=20, json=as_json)
    assert response.status_code == 429
    assert response["Retry-After"] == "20"
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "error": "Too many requests. Try again in 20 seconds.",
        "retry_after": 20,
    }


def test_too_many_requests_prefers_html_for_a_browser(rf):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = errors.too_many_requests(rf.get("/", headers={"Accept": accept}), retry_after=5)
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/reminders/new/", "/check/q/urgent_signs/", "/nope/"])
@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded; charset=utf-16", "multipart/form-data"],
)
def test_a_body_that_cannot_be_parsed_is_not_a_500(db, path, content_type):
    """The error pages do not read the body again (Django's own handlers' requires_csrf_token
    would, and fail a second time)."""
    client = Client(raise_request_exception=False)
    client.get("/settings/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        path, b"option=a", content_type=content_type, headers={"X-CSRFToken": token}
    )
    assert response.status_code < 500


def test_pages_keep_their_script_config_when_a_500_came_first(client):
    """The 500 page is made from a minimal context; the head's cached part must not keep
    what that context lacks (the URLs the page's scripts use) for every later page."""
    from django.core.cache import caches

    caches["fragments"].clear()
    assert client.get("/test/boom/").status_code == 500
    assert 'id="lumpguide-config"' in client.get("/").content.decode()
