"""Home, offline and settings pages, the manifest and the service worker."""

import json

import pytest

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def test_home_page_offers_both_ways_in(client):
    html = client.get("/").content.decode()
    assert 'href="/check/"' in html and "Check your lump" in html
    assert 'href="/conditions/"' in html and "Read about causes" in html
    assert "Call 999 or go to A&amp;E now" in html
    assert "LumpGuide does not diagnose" in html
    assert 'rel="manifest"' in html and 'rel="apple-touch-icon"' in html
    assert "Add to Home Screen" in html


@pytest.mark.parametrize("url", ["/", "/offline/", "/settings/", "/check/"])
def test_htmx_gets_fragment_and_browser_gets_page(client, url):
    full = client.get(url)
    part = client.get(url, headers=HTMX)
    assert full.status_code == part.status_code == 200
    assert "<html" in full.content.decode()
    assert "<html" not in part.content.decode()
    assert "<h1" in part.content.decode()
    assert "HX-Request" in full["Vary"]


def test_history_restore_request_gets_the_whole_page(client):
    response = client.get("/", headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "nonce" not in csp
    html = response.content.decode()
    assert "<script>" not in html and "<style" not in html and " style=" not in html


def test_no_page_loads_anything_from_another_host(client, make_article):
    make_article("lipoma")
    for url in ["/", "/conditions/", "/conditions/lipoma/", "/settings/", "/offline/"]:
        html = client.get(url).content.decode()
        for attribute in ("src=", "<link"):
            for chunk in html.split(attribute)[1:]:
                assert "//" not in chunk.split(">")[0].split(" ")[0] or 'rel="noopener' in chunk


def test_region_setting_is_saved_and_validated(client):
    response = client.post("/settings/", {"region": "us"})
    assert response.status_code == 302
    assert response.cookies["lumpguide_region"].value == "us"
    assert response.cookies["lumpguide_region"]["httponly"]
    html = client.get("/").content.decode()
    assert "Call 911 or go to the emergency room now" in html
    bad = client.post("/settings/", {"region": "mars"})
    assert bad.status_code == 400
    assert "Choose one of the regions listed." in bad.content.decode()


def test_region_setting_returns_to_a_safe_next_page(client):
    ok = client.post("/settings/", {"region": "eu", "next": "/conditions/"})
    assert ok["Location"] == "/conditions/"
    evil = client.post("/settings/", {"region": "eu", "next": "https://evil.example/"})
    assert evil["Location"] == "/settings/?saved=1"


def test_settings_needs_csrf(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/settings/", {"region": "us"}).status_code == 403


def test_manifest_is_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    for field in (
        "name",
        "short_name",
        "description",
        "start_url",
        "scope",
        "theme_color",
        "background_color",
    ):
        assert data[field]
    assert data["display"] == "standalone"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_offline_page_links_to_the_photos_which_open_offline(client):
    """The photos page is kept by the service worker and the photos are on the phone: the
    page shown offline instead of a page not stored offers it, in each language."""
    from django.urls import reverse

    from apps.pwa import offline_manifest

    photos = reverse("diary:photos")
    assert photos in offline_manifest.build()["pages"]
    html = client.get("/offline/").content.decode()
    assert f'<li><a href="{photos}">Photos of your lump</a></li>' in html
    spanish = client.get("/offline/", headers={"Accept-Language": "es-ES"}).content.decode()
    assert f'<li><a href="{photos}">Fotos de su bulto</a></li>' in spanish


def test_service_worker_is_served_from_root_uncached(client, make_article):
    make_article("lipoma")
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    config = json.loads(body.split("const CONFIG = ")[1].split(";\nimportScripts")[0])
    assert "/conditions/lipoma/" in config["pages"]
    assert {"/", "/offline/", "/conditions/"} <= set(config["pages"])
    assert "/static/css/app.css" in config["static"]
    for url in config["static"]:
        assert client.get(url).status_code == 200, url


def test_service_worker_version_changes_with_content(client, make_article):
    article = make_article("lipoma")

    def version():
        body = client.get("/sw.js").content.decode()
        return json.loads(body.split("const CONFIG = ")[1].split(";\nimportScripts")[0])["version"]

    before = version()
    article.summary = "Changed."
    article.save()
    assert version() != before


def test_unknown_page_is_404(client):
    assert client.get("/no-such-page/").status_code == 404


def test_htmx_loads_only_on_pages_that_use_it(client, db, real_articles):
    """htmx (17 KB) is for the screens with hx- attributes: the triage and the search."""
    uses = {"/check/", "/check/q/emergency_signs/", "/conditions/"}
    for path in ["/", "/settings/", "/offline/", "/conditions/lipoma/", *uses]:
        html = client.get(path).content.decode()
        assert ("htmx-2.min.js" in html) == (path in uses), path
        assert ("hx-" in html.replace("hx-headers", "")) <= (path in uses), path


def test_images_may_come_from_blob_addresses_and_nothing_else_may(client):
    """Issue 23: the photos of the lump are shown from the phone's own storage (blob:
    addresses). Nothing else gains blob:, and no directive gains a host."""
    csp = dict(
        part.strip().split(" ", 1)
        for part in client.get("/").headers["Content-Security-Policy"].split(";")
    )
    assert csp["img-src"] == "'self' data: blob:"
    assert [name for name, value in csp.items() if "blob:" in value] == ["img-src"]
    assert not any("//" in value for value in csp.values())


def test_the_service_worker_leaves_other_schemes_alone(client):
    """A blob: address has the page's origin: the worker checks the scheme too, so it never
    fetches or stores a photo."""
    body = client.get("/sw.js").content.decode()
    assert "url.protocol !== self.location.protocol" in body
