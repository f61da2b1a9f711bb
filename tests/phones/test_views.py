"""The "Your data" pages: shown, downloaded and deleted, whatever app keeps the data."""

import re

import pytest

from apps.diary.models import CheckIn
from apps.phones.models import Device
from apps.reminders.models import Reminder
from tests.diary.conftest import make_check_in
from tests.reminders.conftest import my_data
from tests.reminders.test_views import make_reminder

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]


def test_your_data_download_and_delete(device_client, settings, vapid_key):
    phone = device_client()
    make_reminder(phone.device)
    make_check_in(phone.device, note="private")
    page = phone.get("/your-data/").content.decode()
    assert "private" in page
    download = phone.get("/your-data/lumpguide-my-data.json")
    assert download["Content-Disposition"].startswith("attachment;")
    data = my_data(phone)
    assert len(data["reminders"]) == 1 and data["check_ins"][0]["note"] == "private"
    assert phone.get("/your-data/delete/").status_code == 200  # the confirmation
    response = phone.post("/your-data/delete/")
    assert response.status_code == 303
    assert response.cookies[settings.LUMPGUIDE_DEVICE_COOKIE].value == ""
    assert not Device.objects.exists()
    assert not Reminder.objects.exists() and not CheckIn.objects.exists()


def test_after_delete_all_the_page_names_both_cookies_that_stay(device_client):
    """Delete all ends the phone's key and the session; the region and language choices stay,
    and the page says so (it used to name only the region)."""
    phone = device_client()
    phone.post("/settings/", {"language": "es"})
    phone.post("/settings/", {"region": "us"})
    response = phone.post("/your-data/delete/", follow=True)
    assert phone.cookies["lumpguide_language"].value == "es"
    page = response.content.decode()
    assert "su región" in page and "su idioma" in page
    assert "almacenamiento de este navegador" in page  # app.js's copy of the region, said


@pytest.mark.django_db(transaction=True)
def test_after_delete_all_no_byte_of_it_is_left_in_the_sqlite_files(device_client, settings):
    """Issue 21: the -wal file still held the note, the device key's hash and the session key
    after "Delete all" (the main file held none)."""
    from pathlib import Path

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own files")
    phone = device_client()
    secret = "a-note-no-one-else-should-read-0123456789"
    make_check_in(phone.device, note=secret)
    phone.get("/check/")  # a session with answers
    phone.post(
        "/check/offline-answers/",
        data='{"answers": {"emergency_signs": ["none"]}}',
        content_type="application/json",
    )
    key_hash = phone.device.key_hash
    session_key = phone.cookies[settings.SESSION_COOKIE_NAME].value
    database = Path(connection.settings_dict["NAME"])
    files = [database, database.with_name(database.name + "-wal")]

    def holding(needle: str) -> list[str]:
        return [f.name for f in files if f.exists() and needle.encode() in f.read_bytes()]

    assert holding(secret) and holding(key_hash) and holding(session_key)
    phone.post("/your-data/delete/")
    assert holding(secret) == holding(key_hash) == holding(session_key) == []


def test_your_data_says_the_photos_are_on_this_phone_only(device_client):
    """Issue 23: photos never reach the server, so "Your data" says where they are, that they
    are lost with the browser's data, what deletes them, and (without JavaScript) what is
    missing; deleting everything says that they go too."""
    phone = device_client()
    page = phone.get("/your-data/").content.decode()
    assert "Photos on this phone" in page and "data-photo-usage" in page
    assert "on this phone only" in page and "they are not on its server" in page
    assert "If you clear this browser's data, or lose the phone, they are lost." in page
    assert "“Forget my answers” does not delete them. “Delete all my data” does." in page
    assert "Photos of the lump need JavaScript" in page
    assert (
        "The photos of the lump kept on this phone are deleted too."
        in phone.get("/your-data/delete/").content.decode()
    )
    deleted = phone.get("/your-data/?deleted=1").content.decode()
    assert re.search(r"<p data-photos-deleted hidden>", deleted)
    assert "photos" not in phone.get("/your-data/lumpguide-my-data.json").getvalue().decode()


def test_the_photos_on_this_phone_come_right_after_the_overview(device_client, vapid_key):
    """They sat at the foot of "Your data", under every check-in and reminder, where a person
    looking for their photos did not find them: now right after the overview of what is kept,
    before the answers, the check-ins and the reminders."""
    phone = device_client()
    for _ in range(3):
        make_check_in(phone.device)
    make_reminder(phone.device)
    html = phone.get("/your-data/").content.decode()
    headings = re.findall(r'<h2 id="([^"]+)"', html)
    assert headings[:2] == ["photos-on-this-phone", "answers"], headings
    assert headings.index("photos-on-this-phone") < headings.index("check-ins")
    assert headings.index("photos-on-this-phone") < headings.index("reminders")
    overview = html.index('<dl class="summary-list">')
    assert overview < html.index('id="photos-on-this-phone"')
