"""Every script a page that opens offline loads is one the service worker stores when it
installs: else the page's scripts fail offline for a person who never opened it online
(handover.js, on every triage screen, was missing)."""

import re

import pytest

from apps.pwa import offline_manifest

pytestmark = pytest.mark.django_db


def test_every_script_of_the_offline_pages_is_stored_at_install(client):
    stored = set(offline_manifest.build()["static"])
    seen = set()
    for url in offline_manifest.build()["pages"]:
        if url.endswith(".json"):
            continue
        page = client.get(url).content.decode()
        scripts = set(re.findall(r'<script src="([^"]+)"', page))
        assert scripts <= stored, (url, scripts - stored)
        seen |= scripts
    assert len(seen) >= 5  # the pages' scripts were found: app.js, htmx, triage's, …
