"""Fuzz the path: odd ids and slugs in every route that takes one (0, huge numbers, %00,
non-ASCII), any method, and paths that are not routes at all."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.profile import fuzz_settings
from tests.fuzz.strategies import (
    CHECK_INS,
    DEVICE_A,
    DEVICE_EDGE,
    PLAIN,
    REMINDERS,
    Ref,
    Visit,
    odd_id,
    odd_slug,
    query,
    visits,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

ROUTES = [
    "/conditions/<slug>/",
    "/check/q/<id>/",
    "/reminders/<id>/",
    "/reminders/<id>/snooze/",
    "/reminders/<id>/cancel/",
    "/reminders/<id>/calendar.ics",
    "/diary/check-ins/<id>/delete/",
]
# The odd ids, then anything: ids and slugs, and the world's real ones.
ODD = ["0", str(10**30), "%00", "%C3%BC", "-1", "9" * 5000]
parameter = st.one_of(
    st.sampled_from(ODD),
    odd_id,
    odd_slug,
    st.sampled_from(["lipoma", "location", "emergency_signs"]),
    st.sampled_from(REMINDERS).map(lambda n: Ref("reminder", n)),
    st.sampled_from(CHECK_INS).map(lambda n: Ref("check_in", n)),
)
METHODS = ["GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"]


def as_phone(visit: Visit, device) -> Visit:
    cookies = {**visit.cookies, "lumpguide_device": device} if device else visit.cookies
    return Visit(
        headers=visit.headers, cookies=cookies, cookie_junk=visit.cookie_junk, csrf=visit.csrf
    )


@pytest.mark.parametrize("route", ROUTES)
@fuzz_settings(0.5)
@given(
    visit=visits,
    value=parameter,
    method=st.sampled_from(METHODS),
    device=st.sampled_from([DEVICE_A, DEVICE_A, DEVICE_EDGE, None]),
    query=st.one_of(st.just(""), query),
)
@example(visit=PLAIN, value="0", method="GET", device=DEVICE_A, query="")
@example(visit=PLAIN, value=str(10**30), method="GET", device=DEVICE_A, query="")
@example(visit=PLAIN, value=str(10**30), method="POST", device=DEVICE_A, query="")
@example(visit=PLAIN, value="%00", method="GET", device=DEVICE_A, query="")
@example(visit=PLAIN, value="%C3%BC", method="GET", device=DEVICE_A, query="")
@example(visit=PLAIN, value="-1", method="GET", device=DEVICE_A, query="")
@example(visit=PLAIN, value="9" * 5000, method="GET", device=DEVICE_A, query="")
def test_odd_path_parameters(fuzz, route, visit, value, method, device, query):
    with fuzz.browser(as_phone(visit, device)) as browser:
        path = browser.path(route.replace("<slug>", "{}").replace("<id>", "{}"), value)
        path += f"?{query}" if query else ""
        target = f"{route} (odd path, any method)"
        if method == "POST":
            page_target = "GET /diary/ (a form page, for odd paths)"
            form = [("by", "1d")]
            browser.submit(target, path, page="/diary/", page_target=page_target, form=form)
        else:
            browser.request(target, method, path)


segment = st.one_of(
    st.sampled_from(
        [
            "check",
            "q",
            "conditions",
            "reminders",
            "diary",
            "your-data",
            "api",
            "triage",
            "static",
            "admin",
            "settings",
            "..",
            ".",
            "",
            "%2e%2e",
            "%2F",
            "%00",
            "%ff",
            "%C0%AE",
            "sw.js",
            "manifest.webmanifest",
            "healthz",
        ]
    ),
    odd_slug,
    odd_id,
)


@fuzz_settings(2)
@given(
    visit=visits,
    segments=st.lists(segment, min_size=1, max_size=6),
    slash=st.booleans(),
    method=st.sampled_from(["GET", "GET", "GET", "HEAD", "POST", "OPTIONS"]),
)
@example(visit=PLAIN, segments=["check", "q", "%00"], slash=True, method="GET")
@example(visit=PLAIN, segments=["conditions", "%00"], slash=False, method="GET")
@example(visit=PLAIN, segments=["static", "..", "..", "manage.py"], slash=False, method="GET")
@example(
    visit=PLAIN, segments=["reminders", str(10**30), "calendar.ics"], slash=False, method="GET"
)
@example(visit=PLAIN, segments=["admin", "login"], slash=True, method="GET")
@example(visit=PLAIN, segments=["diary"], slash=False, method="POST")
@example(visit=PLAIN, segments=["", ""], slash=True, method="GET")
def test_odd_paths(fuzz, visit, segments, slash, method):
    path = "/" + "/".join(segments) + ("/" if slash else "")
    with fuzz.browser(visit) as browser:
        browser.request("<any path> (any method)", method, path)
