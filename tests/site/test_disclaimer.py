"""Every page shows the disclaimer exactly once, with the emergency number for the region,
and keeps it when HTMX swaps in just the page's content."""

import re

import pytest
from django.test import Client

from apps.phones import services
from tests.reminders.test_views import make_check_in, make_reminder
from tests.triage.test_views import walk_forms

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
DISCLAIMER = "does not diagnose"
EMERGENCY_NUMBERS = {"uk": "999", "us": "911", "eu": "112", "au": "000"}
# The triage pages carry the offline screens' words (the disclaimer among them) as JSON in a
# <script> element; that is data, not shown, so it is left out of the count.
SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
# A person whose walk ends at the summary and a non-emergency result.
FINDINGS = ["soft", "moves", "painless", "size_small", "onset_long", "stable"]


@pytest.fixture
def phone(settings, make_article):
    """A phone with a device, a reminder, a check-in, an article, and a finished triage walk."""
    make_article("lipoma")
    device, key = services.create_device()
    reminder = make_reminder(device, follow_up_days=14)
    make_check_in(device)
    client = Client()
    client.cookies[settings.LUMPGUIDE_DEVICE_COOKIE] = key
    walk_forms(client, FINDINGS)
    client.reminder = reminder
    return client


def shown(html: str) -> str:
    return SCRIPT.sub("", html)


def pages(phone) -> dict[str, str]:
    return {
        "home": "/",
        "offline": "/offline/",
        "settings": "/settings/",
        "conditions list": "/conditions/",
        "article": "/conditions/lipoma/",
        "triage start": "/check/",
        "question": "/check/q/emergency_signs/",
        "summary": "/check/summary/",
        "result": "/check/result/",
        "reminders": "/reminders/",
        "new reminder": "/reminders/new/?days=14",
        "edit reminder": f"/reminders/{phone.reminder.pk}/",
        "diary": "/diary/",
        "check-in": "/diary/check-in/",
        "your data": "/your-data/",
        "delete your data": "/your-data/delete/",
    }


@pytest.mark.parametrize("region", sorted(EMERGENCY_NUMBERS))
def test_every_page_shows_the_disclaimer_once_with_the_regions_number(phone, region):
    phone.cookies["lumpguide_region"] = region
    number = EMERGENCY_NUMBERS[region]
    for name, url in pages(phone).items():
        response = phone.get(url)
        assert response.status_code == 200, f"{name} ({url}): {response.status_code}"
        html = shown(response.content.decode())
        assert html.count(DISCLAIMER) == 1, f"{name} ({url}) has {html.count(DISCLAIMER)}"
        assert f"If you think it is an emergency, call {number} now." in html, name
        assert "Phone numbers shown for:" in html, f"{name} lost the footer's region line"


def test_htmx_fragments_keep_the_disclaimer(phone):
    """A swapped-in page's content brings its disclaimer with it, once. The list of causes
    only swaps its search results; its disclaimer stays in the page around them."""
    for name, url in pages(phone).items():
        html = shown(phone.get(url, headers=HTMX).content.decode())
        assert "<html" not in html, name
        expected = 0 if name == "conditions list" else 1
        assert html.count(DISCLAIMER) == expected, f"{name} ({url}) has {html.count(DISCLAIMER)}"
