"""The triage screens as the offline script fills them (apps/pwa/offline_screens.py), at
/check/offline-screens/."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_offline_screens_are_one_whole_document_even_for_htmx(client):
    for headers in ({}, {"HX-Request": "true", "HX-Target": "screen"}):
        response = client.get("/check/offline-screens/", headers=headers)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'id="offline-question"' in html and 'id="offline-result-emergency"' in html
