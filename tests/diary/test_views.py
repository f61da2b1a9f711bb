"""The check-in screen and the diary: stored once, validated, kept offline when empty, the
chart and its warning, the person's clock."""

import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.diary.models import CheckIn
from tests.diary.conftest import make_check_in
from tests.reminders.test_views import make_reminder

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]


def test_check_in_is_stored_once_by_key(device_client):
    phone = device_client()
    data = {"key": str(uuid.uuid4()), "size_word": "grape", "pain": "4", "red": "on", "note": "hi"}
    first = phone.post("/diary/check-in/", data, headers={"Accept": "application/json"})
    again = phone.post("/diary/check-in/", data, headers={"Accept": "application/json"})
    plain = phone.post("/diary/check-in/", data)
    assert (first.status_code, again.status_code, plain.status_code) == (201, 200, 303)
    assert first.json()["created"] and not again.json()["created"]
    check_in = CheckIn.objects.get()
    assert check_in.size_word == "grape" and check_in.red and check_in.pain == 4


def test_check_in_validation(device_client):
    phone = device_client()
    response = phone.post("/diary/check-in/", {"key": str(uuid.uuid4()), "pain": "11"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_empty_check_in_form_may_be_kept_offline(client):
    response = client.get("/diary/check-in/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "LumpGuide does not diagnose" in response.content.decode()


def test_diary_chart_and_warning(device_client):
    phone = device_client()
    make_check_in(phone.device, size_cm=Decimal("1.5"), pain=2)
    make_check_in(phone.device, size_cm=Decimal("3.0"), pain=3, leaking=True)
    body = phone.get("/diary/").content.decode()
    charts = body[body.index('<div class="diary-charts">') : body.index("</figure>")]
    assert charts.count('role="img"') == 2
    assert 'aria-labelledby="chart-size-title chart-size-desc"' in charts
    assert 'aria-labelledby="chart-pain-title chart-pain-desc"' in charts
    assert "style=" not in charts and "<script" not in charts
    assert "2 check-ins" in charts
    assert "<table" in body and body.count('class="diary-row"') == 2
    assert "The lump has grown" in body and "leaking" in body
    assert 'href="/check/"' in body and "Check your lump again" in body


def test_diary_htmx_gets_the_fragment(device_client):
    phone = device_client()
    response = phone.get("/diary/", headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert "Your lump diary" in response.content.decode()


def test_diary_shows_times_on_the_persons_clock(device_client):
    client = device_client()
    at = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)
    make_check_in(client.device, recorded_at=at)
    # No reminder yet: the region's zone (UK by default, British Summer Time in July).
    page = client.get("/diary/").content.decode()
    assert "2 Jul 2026, 00:30" in page and "times in London)" in page
    # A reminder set with the phone's zone: the diary follows it.
    make_reminder(client.device, tz_name="Australia/Sydney")
    page = client.get("/diary/").content.decode()
    assert "2 Jul 2026, 09:30" in page and "times in Sydney)" in page
    assert "1 Jul 2026" not in page


def test_the_diary_names_its_time_zone_in_the_readers_language(device_client):
    """Issue 20: "Europe/London" on a Spanish page; the CLDR's city, in Spanish, instead."""
    client = device_client()
    make_check_in(client.device)
    make_reminder(client.device, tz_name="America/New_York")
    page = client.get("/diary/", headers={"Accept-Language": "es-ES"}).content.decode()
    assert "horas de Nueva York)" in page or "hora de Nueva York)" in page, page
    assert "America/New_York" not in page


def test_a_wrong_check_in_can_be_deleted_from_the_diary(device_client):
    """A typo (30 cm for 3) drove "Things have changed" and the summary for the doctor, and
    only "Delete all my data" could take it back."""
    phone = device_client()
    make_check_in(phone.device, size_cm=Decimal("3.0"), note="first")
    wrong = make_check_in(phone.device, size_cm=Decimal("30.0"), note="typo")
    page = phone.get("/diary/").content.decode()
    actions = re.findall(r'<form method="post" action="(/diary/check-ins/\d+/delete/)"', page)
    assert f"/diary/check-ins/{wrong.pk}/delete/" in actions and len(actions) == 2
    assert "the check-in of" in page  # the button says which, for a screen reader
    response = phone.post(f"/diary/check-ins/{wrong.pk}/delete/", {"confirmed": "1"}, follow=True)
    assert "Check-in deleted." in response.content.decode()
    assert list(CheckIn.objects.values_list("note", flat=True)) == ["first"]


def test_deleting_a_check_in_asks_first_with_or_without_javascript(device_client):
    """It asked nothing: a tap on "Delete" took the check-in at once. With JavaScript the
    form's data-confirm asks in a dialog (app.js), which sets `confirmed`; without it the
    server asks on a page of its own. Its photos are on the phone, and stay there."""
    phone = device_client()
    check_in = make_check_in(phone.device, size_cm=Decimal("30.0"), pain=4, note="typo")
    url = f"/diary/check-ins/{check_in.pk}/delete/"
    page = phone.get("/diary/").content.decode()
    table = re.search(r'<table class="diary-table" id="check-ins"[^>]*>', page).group(0)
    question = re.search(r'data-confirm="([^"]+)"', table).group(1)
    assert question == (
        "Delete the check-in of {date}? This cannot be undone. Any photos taken with it stay on "
        "this phone."
    )
    # ... {date} being what the form's row header shows (app.js reads it)
    assert '<th scope="row">15 Jan 2030, 12:00</th>' in page
    assert f'<form method="post" action="{url}"' in page and 'name="confirmed"' not in page
    # Sent without the dialog's yes (no JavaScript): nothing is deleted, the server asks.
    asked = phone.post(url)
    assert asked.status_code == 303 and asked["Location"] == url
    assert CheckIn.objects.filter(pk=check_in.pk).exists()
    confirm = phone.get(url)
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "no-store" in confirm["Cache-Control"]
    assert "<h1>Delete this check-in?</h1>" in html and "Any photos taken with it stay" in html
    assert "15 Jan 2030, 12:00" in html and "30 cm" in html and "4/10" in html and "typo" in html
    assert re.search(r'<input type="hidden" name="confirmed" value="1">', html)
    assert "Yes, delete this check-in" in html and 'href="/diary/">No, keep it</a>' in html
    # Yes: deleted, and the diary names its key, for the photos on the phone (photos.js).
    done = phone.post(url, {"confirmed": "1"})
    assert done.status_code == 303 and done["Location"] == f"/diary/?deleted={check_in.key}"
    assert not CheckIn.objects.filter(pk=check_in.pk).exists()
    diary = phone.get(done["Location"]).content.decode()
    assert f'data-check-in-deleted="{check_in.key}"' in diary and "Check-in deleted." in diary
    assert phone.get(url).status_code == 404
    assert 'data-check-in-deleted="' not in phone.get("/diary/?deleted=x").content.decode()


def test_another_phone_is_never_asked_about_a_check_in(device_client):
    alice, bob = device_client(), device_client()
    check_in = make_check_in(alice.device, note="alice's note")
    url = f"/diary/check-ins/{check_in.pk}/delete/"
    assert bob.get(url).status_code == 404
    assert bob.post(url, {"confirmed": "1"}).status_code == 404
    assert bob.post(url).status_code == 404
    assert CheckIn.objects.filter(pk=check_in.pk).exists()


def test_deleting_a_check_in_asks_in_spanish(device_client):
    phone = device_client()
    check_in = make_check_in(phone.device)
    html = phone.get(
        f"/diary/check-ins/{check_in.pk}/delete/", headers={"Accept-Language": "es-ES"}
    ).content.decode()
    assert "¿Borrar este registro?" in html
    assert "Las fotos que tomó con él se quedan en este teléfono." in html
    assert "Sí, borrar este registro" in html


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("2030-01-13T08:30:00.000Z", dt.datetime(2030, 1, 13, 8, 30, tzinfo=dt.UTC)),
        ("2030-01-13T09:30:00+01:00", dt.datetime(2030, 1, 13, 8, 30, tzinfo=dt.UTC)),
        ("2031-01-01T00:00:00Z", None),  # ahead of the server: now
        ("2030-01-13T08:30:00", None),  # no offset: now
        ("yesterday", None),
        ("9" * 40, None),
        ("0001-01-01T00:00:00+01:00", None),  # it overflowed: a 500, then a diary that 500s
        ("0001-01-01T01:00:00+00:00", None),
        ("2029-12-01T08:30:00Z", None),  # more than 30 days kept on the phone: now
    ],
)
def test_a_check_in_kept_offline_keeps_the_time_it_was_made(device_client, sent, kept):
    """reminders.js sends recorded_at (the time of the tap); the check-in used to get the
    time it reached the server, maybe days later."""
    from django.utils import timezone

    phone = device_client()
    data = {"key": str(uuid.uuid4()), "pain": "4", "recorded_at": sent}
    assert phone.post("/diary/check-in/", data).status_code == 303
    recorded = CheckIn.objects.get().recorded_at
    if kept is None:
        assert abs(recorded - timezone.now()) < dt.timedelta(minutes=1)
    else:
        assert recorded == kept


# Sizes as people write them (issue 20) -------------------------------------------------------


def check_in(phone, size: str, **extra):
    data = {"key": str(uuid.uuid4()), "size_cm": size, "pain": "2", **extra}
    return phone.post("/diary/check-in/", data, headers={"Accept-Language": "en-GB"})


@pytest.mark.parametrize("language", ["en-GB", "es-ES"])
@pytest.mark.parametrize(("typed", "kept"), [("2,5", "2.5"), ("2.5", "2.5"), (" 3 ", "3.0")])
def test_a_comma_or_a_point_before_the_tenths_means_the_same_in_either_language(
    device_client, language, typed, kept
):
    phone = device_client()
    data = {"key": str(uuid.uuid4()), "size_cm": typed, "pain": "2"}
    response = phone.post("/diary/check-in/", data, headers={"Accept-Language": language})
    assert response.status_code == 303, response.content.decode()[:2000]
    assert CheckIn.objects.get().size_cm == Decimal(kept)


@pytest.mark.parametrize(
    "typed", ["2,500", "1.000,5", "2,55", "25cm", "½", "2..5", "-2", "0", "51"]
)
def test_a_size_that_is_not_plain_centimetres_is_refused_with_a_message(device_client, typed):
    phone = device_client()
    response = check_in(phone, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#id_size_cm"' in html
    assert not CheckIn.objects.exists()


def test_the_size_field_takes_a_comma_and_its_hint_is_read_with_it(client):
    html = client.get("/diary/check-in/").content.decode()
    field = re.search(r'<input[^>]*name="size_cm"[^>]*>', html).group(0)
    assert 'type="text"' in field and 'inputmode="decimal"' in field
    described = re.search(r'aria-describedby="([^"]+)"', field).group(1)
    assert f'id="{described}"' in html


def test_the_reminder_forms_time_zone_hint_is_read_with_it(client):
    html = client.get("/reminders/new/").content.decode()
    field = re.search(r'<select[^>]*name="timezone"[^>]*>', html).group(0)
    assert f'id="{re.search(r"aria-describedby=.([^\"]+).", field).group(1)}"' in html


@pytest.mark.parametrize(("last", "typed"), [("2.5", "25"), ("3", "0,5"), ("1", "3,5")])
def test_a_jump_of_more_than_three_times_asks_is_that_right(device_client, last, typed):
    phone = device_client()
    assert check_in(phone, last).status_code == 303
    asked = check_in(phone, typed)
    assert asked.status_code == 400
    html = asked.content.decode()
    assert "Is that right?" in html and 'name="size_confirmed"' in html
    assert CheckIn.objects.count() == 1
    confirmed = check_in(phone, typed, size_confirmed="on")
    assert confirmed.status_code == 303
    assert CheckIn.objects.count() == 2


@pytest.mark.parametrize("typed", ["3", "7,5", "1"])
def test_a_size_within_three_times_is_kept_without_asking(device_client, typed):
    phone = device_client()
    assert check_in(phone, "2.5").status_code == 303
    assert check_in(phone, typed).status_code == 303


def test_a_check_in_kept_offline_is_never_asked_about_its_size(device_client):
    """Its page is gone by the time it is sent: a question would lose it."""
    phone = device_client()
    assert check_in(phone, "2").status_code == 303
    kept = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    assert check_in(phone, "20", recorded_at=kept).status_code == 303
    assert CheckIn.objects.count() == 2
