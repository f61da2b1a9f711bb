"""The right numbers on the first visit (issue 20): the region comes from Settings, else from the
country the browser's language names, else the page asks before any number is the person's."""

import re

import pytest
from django.test import Client

from lumpguide.regions import COOKIE_NAME, region_of_accept_language
from tests.triage.test_views import walk_forms

pytestmark = pytest.mark.django_db
EMERGENCY = ["saddle_numbness"]


def tels(html: str) -> set[str]:
    return set(re.findall(r'href="tel:([0-9]+)"', html))


@pytest.mark.parametrize(
    ("header", "region"),
    [
        ("es-ES", "es"),
        ("es-es,es;q=0.9", "es"),
        ("en-US,en;q=0.9", "us"),
        ("en-AU", "au"),
        ("en-GB,en-US;q=0.9", "uk"),
        ("de-AT", "eu"),
        ("es", None),
        ("en", None),
        ("es-MX", None),  # a country LumpGuide has no numbers for: ask
        ("fr-XX,es-ES;q=0.5", "es"),
        ("en-US;q=0", None),
        ("", None),
        ("*", None),
        ("x" * 5000, None),
    ],
)
def test_the_country_the_browser_names(header, region):
    assert region_of_accept_language(header) == region


@pytest.mark.parametrize(
    ("header", "emergency", "not_shown"),
    [
        ("es-ES", "112", {"999", "111", "911"}),
        ("en-US", "911", {"999", "111"}),
        ("en-AU", "000", {"999", "111", "911"}),
        ("en-GB", "999", {"911", "112"}),
    ],
)
def test_home_and_an_emergency_result_call_the_countrys_number(header, emergency, not_shown):
    client = Client(headers={"accept-language": header})
    home = client.get("/").content.decode()
    result = walk_forms(client, EMERGENCY)
    for html in (home, result):
        assert emergency in tels(html)
        assert not tels(html) & not_shown
        assert "region-ask" not in html  # known: nothing to ask
    if header == "es-ES":
        assert "NHS 111" not in result and "Reino Unido" not in home and "España" in home


@pytest.mark.parametrize("header", ["es", "en", "", "es-MX"])
def test_without_a_country_the_page_asks_where_the_phone_is(header):
    client = Client(headers={"accept-language": header})
    html = client.get("/").content.decode()
    assert 'class="region-ask"' in html
    for code in ("uk", "es", "us", "eu", "au"):
        assert f'<option value="{code}"' in html
    # One tap keeps the choice and returns to the same page, without JavaScript
    response = client.post("/settings/", {"region": "es", "next": "/check/"})
    assert response.status_code == 302 and response["Location"] == "/check/"
    after = client.get("/").content.decode()
    assert "region-ask" not in after and tels(after) == {"112"}


def test_the_choice_in_settings_wins_over_the_browsers_language():
    client = Client(headers={"accept-language": "es-ES"})
    client.cookies[COOKIE_NAME] = "uk"
    assert "999" in tels(client.get("/").content.decode())


def test_a_stored_region_that_no_longer_exists_falls_back_to_the_language():
    client = Client(headers={"accept-language": "en-US"})
    client.cookies[COOKIE_NAME] = "atlantis"
    assert tels(client.get("/").content.decode()) == {"911"}
