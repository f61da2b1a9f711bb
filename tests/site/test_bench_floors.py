"""The benchmark's floors (bench/floors.py) do what they claim, beside the pages they are
compared with: each reads the walk's session, and each but the first carries a CSRF token.
They are served only by the benchmark's URLconf, never by the site's."""

import pytest
from django.test import override_settings

from tests.site.test_fast_path import mid_walk

FLOORS = (
    "/bench/floor/session",
    "/bench/floor/session-csrf",
    "/bench/floor/fragment",
    "/bench/floor/page",
)

pytestmark = pytest.mark.django_db


def test_the_site_does_not_serve_the_floors(client):
    for path in FLOORS:
        assert client.get(path).status_code == 404


@override_settings(ROOT_URLCONF="bench.urls")
def test_each_floor_reads_the_session_and_the_later_ones_carry_a_csrf_token(
    client, django_assert_num_queries
):
    mid_walk(client)
    for path in FLOORS:
        with django_assert_num_queries(1):  # the session, as on a triage screen
            response = client.get(path)
        assert response.status_code == 200
        assert ("csrftoken" in response.cookies) is (path != "/bench/floor/session")
    page = client.get("/bench/floor/page").content.decode()
    assert 'class="site-footer"' in page and "<p>Floor</p>" in page


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_site_s_own_pages_are_unchanged_under_the_bench_urls(client):
    assert client.get("/healthz").content == b"ok"
    assert client.get("/check/").status_code == 200
