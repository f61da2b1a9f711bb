"""Photos of the lump (issue 23), as the server draws their places: the photos page holds no
personal data (so the service worker keeps it), a check-in's photos find it by its key, no
file input can be sent, and every page says what is missing without JavaScript. The photos
themselves live only on the phone: tests/browser/test_photos.py."""

import re

import pytest

from apps.pwa import offline_manifest
from tests.diary.conftest import make_check_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]

NO_JAVASCRIPT = "Photos of the lump need JavaScript, which is off in this browser."


def file_inputs(html: str) -> list[str]:
    return re.findall(r'<input type="file"[^>]*>', html)


def test_the_photos_page_holds_nothing_personal_and_opens_offline(device_client):
    phone = device_client()
    make_check_in(phone.device, note="very private note")
    response = phone.get("/diary/photos/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "very private note" not in html and "<img" not in html.split("<template")[0]
    assert "These photos are on this phone only." in html
    assert "If you clear this browser's data, or lose the phone, they are gone." in html
    assert NO_JAVASCRIPT in html
    assert "/diary/photos/" in offline_manifest.build()["pages"]
    assert any(
        url.endswith(".js") and "photos" in url for url in offline_manifest.build()["static"]
    )


def test_no_file_input_has_a_name_so_no_form_sends_a_photo(client):
    for url in ("/diary/photos/", "/diary/check-in/"):
        inputs = file_inputs(client.get(url).content.decode())
        assert inputs, url
        for tag in inputs:
            assert " name=" not in tag and 'accept="image/*"' in tag, tag
            assert 'capture="environment"' in tag and " hidden" in tag, tag


def test_the_check_in_form_gives_its_photos_the_check_in_s_key(client):
    html = client.get("/diary/check-in/").content.decode()
    key = re.search(r'name="key" value="([^"]+)"', html).group(1)
    block = re.search(r'<div class="photo-take" data-photo-block data-of="check-in"[^>]*>', html)
    assert f'data-key="{key}"' in block.group(0)
    # Sent back with a mistake to correct: the same key, so the photos show again.
    again = client.post("/diary/check-in/", {"key": key, "pain": "11"}).content.decode()
    assert f'data-key="{key}"' in again


def test_each_diary_row_is_marked_for_its_photos(device_client):
    phone = device_client()
    first = make_check_in(phone.device)
    second = make_check_in(phone.device)
    html = phone.get("/diary/").content.decode()
    for check_in in (first, second):
        assert html.count(f'data-photos-for="{check_in.key}"') == 1
    assert 'data-photos-url="/diary/photos/"' in html
    assert 'href="/diary/photos/"' in html  # "Photos of your lump", with or without a photo


def test_the_photos_page_in_spanish(client):
    html = client.get("/diary/photos/", headers={"Accept-Language": "es-ES"}).content.decode()
    assert "Estas fotos están solo en este teléfono." in html
    assert "Foto del bulto, {date}" in html
    # What each photo was taken for, in full beside its date (issue 23's phone walk)
    assert "Con el registro del {date}" in html and "Para un registro aún no guardado" in html
    assert "Tomada aparte, no con una pregunta ni con un registro" in html
    assert "Con un registro del {date} que usted borró" in html
    assert '"dateLocale": "es-ES"' in html
