"""Each region's numbers as a tel: link dials them (digits only), the urgent line's button text,
the call buttons the shared include draws from them, and the region's time zone."""

import dataclasses
import re
import zoneinfo

import pytest
from django.template.loader import render_to_string

from apps.reminders.forms import zone_choices
from lumpguide.regions import REGIONS


@pytest.mark.parametrize(
    ("code", "emergency", "urgent"),
    [("uk", "999", "111"), ("us", "911", ""), ("eu", "112", ""), ("au", "000", "1800022222")],
)
def test_tel_digits(code, emergency, urgent):
    region = REGIONS[code]
    assert region.emergency_tel == emergency
    assert region.urgent_tel == urgent


def test_tel_digits_drop_spaces_dashes_and_brackets_and_keep_leading_zeros():
    region = dataclasses.replace(
        REGIONS["uk"], emergency_number="(0) 12-34 ", urgent_number="0800 123\u00a0456"
    )
    assert region.emergency_tel == "01234"
    assert region.urgent_tel == "0800123456"


def test_tel_digits_are_ascii_digits_only():
    region = dataclasses.replace(REGIONS["uk"], urgent_number="１１１ or ١١١")
    assert region.urgent_tel == ""


def test_every_region_has_an_emergency_number_to_dial():
    for region in REGIONS.values():
        assert region.emergency_tel.isascii() and region.emergency_tel.isdigit()
        assert region.urgent_tel == "" or region.urgent_tel.isdigit()
        assert bool(region.urgent_tel) == bool(region.urgent_number)


@pytest.mark.parametrize(
    ("code", "label"),
    [("uk", "Call 111"), ("us", ""), ("eu", ""), ("au", "Call healthdirect 1800 022 222")],
)
def test_urgent_call_label(code, label):
    assert str(REGIONS[code].urgent_call_label) == label


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("uk", "Europe/London"),
        ("us", "America/New_York"),
        ("eu", "Europe/Paris"),
        ("au", "Australia/Sydney"),
    ],
)
def test_each_region_has_its_time_zone(code, zone):
    assert REGIONS[code].time_zone == zone


def test_every_region_time_zone_is_one_the_reminder_form_offers():
    offered = {name for name, _label in zone_choices()}
    for region in REGIONS.values():
        zoneinfo.ZoneInfo(region.time_zone)  # raises if the zone is unknown
        assert region.time_zone in offered


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="(call-button [^"]+)" href="(tel:\d+)"', html)


def render(code: str, **context) -> str:
    return render_to_string("includes/call_button.html", {"region": REGIONS[code], **context})


@pytest.mark.parametrize("code", sorted(REGIONS))
def test_include_for_an_emergency(code):
    html = render(code, urgency="emergency")
    number = REGIONS[code].emergency_number
    assert links(html) == [("call-button call-button-emergency", f"tel:{number}")]
    assert f'aria-label="Call {number}, the emergency number">Call {number}</a>' in html
    assert render(code) == html  # the emergency number is the default


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("uk", [("urgent", "tel:111"), ("secondary", "tel:999")]),
        ("us", [("secondary", "tel:911")]),
        ("eu", [("secondary", "tel:112")]),
        ("au", [("urgent", "tel:1800022222"), ("secondary", "tel:000")]),
    ],
)
def test_include_for_an_urgent_result(code, expected):
    html = render(code, urgency="urgent")
    assert links(html) == [(f"call-button call-button-{kind}", tel) for kind, tel in expected]
    number = REGIONS[code].emergency_number
    assert f">If it becomes an emergency, call {number}</a>" in html
    label = REGIONS[code].urgent_call_label
    if label:
        assert (
            f'aria-label="{label}, for urgent advice that is not an emergency">{label}</a>' in html
        )


def test_include_for_the_error_pages_puts_the_emergency_number_first():
    assert links(render("au", urgency="help")) == [
        ("call-button call-button-emergency", "tel:000"),
        ("call-button call-button-secondary", "tel:1800022222"),
    ]
    assert links(render("us", urgency="help")) == [("call-button call-button-emergency", "tel:911")]


@pytest.mark.parametrize("urgency", ["soon", "routine", "self_care"])
def test_include_draws_nothing_for_a_less_urgent_result(urgency):
    assert links(render("uk", urgency=urgency)) == []
    assert "call-buttons" not in render("uk", urgency=urgency)


@pytest.mark.parametrize(("code", "tel"), [("uk", "111"), ("au", "1800022222")])
def test_disclaimer_links_the_urgent_number_and_keeps_its_words(code, tel):
    region = REGIONS[code]
    html = render_to_string("includes/disclaimer.html", {"region": region})
    number = region.urgent_number
    assert (
        f'For urgent advice that is not an emergency, call <a href="tel:{tel}">{number}</a>.'
        in html
    )
    assert f"If you think it is an emergency, call {region.emergency_number} now." in html


def test_disclaimer_without_an_urgent_line():
    html = render_to_string("includes/disclaimer.html", {"region": REGIONS["us"]})
    assert "tel:" not in html and "urgent advice" not in html
