"""What keeps the triage cheap (issue 10): the queries a screen runs, the active questionnaire
asked of the database once per LUMPGUIDE_CONTENT_RECHECK_SECONDS, and page fragments
cached by content version, never showing what changed."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.triage.models import QuestionnaireDocument
from apps.triage.questionnaire_store import current_questionnaire, questionnaire_file
from tests.triage.test_views import walk_forms

HTMX = {"HX-Request": "true"}
MID_WALK = {
    "emergency_signs": ["none"],
    "urgent_signs": ["none"],
    "location": ["side"],
    "feel": ["soft"],
}


def mid_walk(client) -> str:
    """Answer the first four screens through the forms; the path of the fifth."""
    url = "/check/q/emergency_signs/"
    for question_id, options in MID_WALK.items():
        url = client.post(f"/check/q/{question_id}/", {"option": options})["Location"]
    return url


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["full page", "htmx fragment"])
def test_a_question_screen_runs_one_query_the_session(client, settings, headers):
    settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS = 60
    url = mid_walk(client)
    client.get(url, headers=headers)  # the questionnaire's key is now known
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert [q["sql"].split(" FROM ")[1].split()[0] for q in queries] == ['"django_session"']


@pytest.mark.django_db
def test_the_api_runs_no_query(client, settings):
    settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS = 60
    body = json.dumps({"answers": MID_WALK})
    client.post("/api/triage/next", body, content_type="application/json")
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/triage/next", body, content_type="application/json")
    assert response.status_code == 200 and response.json()["done"] is False
    assert len(queries) == 0


@pytest.mark.django_db
def test_a_new_questionnaire_is_used_at_once_by_the_process_that_saved_it(settings):
    settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS = 3600
    text = questionnaire_file().read_text(encoding="utf-8")
    QuestionnaireDocument.objects.create(version="one", yaml_text=text)
    assert current_questionnaire().version != "2026.9-test"
    QuestionnaireDocument.objects.update(is_active=False)
    changed = text.replace("version: ", "version: 2026.9-test #", 1)
    QuestionnaireDocument.objects.create(version="two", yaml_text=changed)
    assert current_questionnaire().version == "2026.9-test"


@pytest.mark.django_db
def test_another_process_s_change_is_seen_within_the_recheck_time(settings):
    settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS = 3600
    text = questionnaire_file().read_text(encoding="utf-8")
    QuestionnaireDocument.objects.create(version="one", yaml_text=text)
    before = current_questionnaire().version
    # Another process's change: a queryset update sends no signal here.
    changed = text.replace("version: ", "version: 2026.9-test #", 1)
    QuestionnaireDocument.objects.update(yaml_text=changed, updated_at="2030-01-01T00:00:00Z")
    assert current_questionnaire().version == before  # trusted until the recheck
    settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS = 0
    from django.core.cache import caches

    caches["local"].clear()  # the recheck time has passed
    assert current_questionnaire().version == "2026.9-test"


@pytest.mark.django_db
def test_a_changed_article_is_shown_changed_despite_the_cached_fragment(client, make_article):
    article = make_article("lipoma", title="Lipoma")
    assert "Intro about lipoma." in client.get("/conditions/lipoma/").content.decode()
    article.body = article.body.replace("Intro about lipoma.", "A new first line.")
    article.save()
    body = client.get("/conditions/lipoma/").content.decode()
    assert "A new first line." in body and "Intro about lipoma." not in body


@pytest.mark.django_db
def test_a_question_s_cached_choices_follow_the_answer_chosen(client):
    url = mid_walk(client)
    question_id = url.split("/")[-2]
    page = client.get(url).content.decode()
    assert " checked" not in page
    option = next(iter(current_questionnaire().question(question_id).options)).id
    client.post(url, {"option": [option]})
    again = client.get(url).content.decode()
    assert f'value="{option}" checked' in again


@pytest.mark.django_db
def test_the_result_is_never_a_cached_fragment_of_someone_else_s(client):
    first = walk_forms(client, ["saddle_numbness"])
    client.post("/check/restart/")
    second = walk_forms(client, ["soft", "moves"])
    assert 'data-urgency="emergency"' in first
    assert 'data-urgency="emergency"' not in second and "data-urgency=" in second


@pytest.mark.django_db
def test_the_service_worker_is_answered_304_when_the_browser_has_it(client):
    first = client.get("/sw.js")
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/sw.js", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    stale = client.get("/sw.js", headers={"If-None-Match": '"something-older"'})
    assert stale.status_code == 200 and stale.content == first.content


@pytest.mark.django_db
def test_the_cached_disclaimer_and_call_buttons_follow_the_region(client):
    from lumpguide.regions import COOKIE_NAME

    walk_forms(client, ["saddle_numbness"])
    uk = client.get("/check/result/").content.decode()
    client.cookies[COOKIE_NAME] = "au"
    au = client.get("/check/result/").content.decode()
    assert 'href="tel:999"' in uk and 'href="tel:000"' not in uk
    assert 'href="tel:000"' in au and 'href="tel:999"' not in au
    assert "call 000 now" in au and "call 999 now" not in au


@pytest.mark.django_db
def test_a_question_s_cached_choices_never_mix_two_questionnaire_versions(client, monkeypatch):
    """If the active version changes while a request is being served, what it shows and the
    version that names its cached choices still come from one look (review finding)."""
    from apps.triage import questionnaire_store as store

    doc_a, _ = store.load_questionnaire_file()
    text_b = doc_a.yaml_text.replace(
        "text: In the last few days, have you had any of these, even once?",
        "text: VERSION-B QUESTION TEXT",
    )
    assert text_b != doc_a.yaml_text
    QuestionnaireDocument.objects.filter(pk=doc_a.pk).update(is_active=False)
    doc_b = QuestionnaireDocument.objects.create(version="B", yaml_text=text_b)
    key_a = ("db", doc_a.pk, doc_a.updated_at)
    key_b = ("db", doc_b.pk, doc_b.updated_at)
    calls = iter([key_a])  # the first look sees A, every later one B
    monkeypatch.setattr(store, "_current_key", lambda: next(calls, key_b))
    first = store._parsed(key_a, "en").questions[0].id
    assert (
        b"In the last few days, have you had any of these"
        in client.get(f"/check/q/{first}/").content
    )
    again = client.get(f"/check/q/{first}/").content.decode()
    legend = again.split("<legend>", 1)[1].split("</legend>", 1)[0]
    assert "VERSION-B QUESTION TEXT" in legend


@pytest.mark.django_db
def test_an_article_is_read_once_per_recheck_and_a_save_here_is_seen_at_once(
    client, settings, make_article
):
    settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS = 3600
    article = make_article("lipoma", title="Lipoma")
    client.get("/conditions/lipoma/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/conditions/lipoma/").status_code == 200
    assert len(queries) == 0
    article.title = "Lipoma, changed"
    article.save()
    assert "Lipoma, changed" in client.get("/conditions/lipoma/").content.decode()
