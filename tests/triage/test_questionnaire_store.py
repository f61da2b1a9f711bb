"""The questionnaire in the database: loaded idempotently, edits take effect at once."""

import pytest
import yaml
from django.contrib.admin.sites import site as admin_site
from django.db import transaction

from apps.triage.models import QuestionnaireDocument
from apps.triage.questionnaire_store import current_questionnaire, load_questionnaire_file
from lumpguide import fast_yaml

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing():
    first, changed = load_questionnaire_file()
    assert changed
    again, changed_again = load_questionnaire_file()
    assert not changed_again and again.pk == first.pk
    assert QuestionnaireDocument.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_load_is_one_transaction(monkeypatch):
    """Its select_for_update needs one: outside a transaction PostgreSQL's driver refuses it
    (`manage.py load_questionnaire` failed in every deploy), while SQLite ignores it."""
    in_transaction = []
    select_for_update = QuestionnaireDocument.objects.select_for_update

    def spy(*args, **kwargs):
        in_transaction.append(transaction.get_connection().in_atomic_block)
        return select_for_update(*args, **kwargs)

    monkeypatch.setattr(QuestionnaireDocument.objects, "select_for_update", spy)
    load_questionnaire_file()
    assert in_transaction == [True]


def test_an_edit_in_the_database_is_used_straight_away(client):
    document, _ = load_questionnaire_file()
    before = client.get("/api/triage/questionnaire").json()["questions"][0]["text"]
    data = fast_yaml.safe_load(document.yaml_text)
    data["questions"][0]["text"] = "Edited: any of these right now?"
    document.yaml_text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    document.save()
    after = client.get("/api/triage/questionnaire").json()["questions"][0]["text"]
    assert before != after == "Edited: any of these right now?"
    assert current_questionnaire().public_dict()["questions"][0]["text"] == after


def test_the_admin_refuses_an_invalid_questionnaire():
    document, _ = load_questionnaire_file()
    form_class = admin_site._registry[QuestionnaireDocument].get_form(request=None, obj=document)
    form = form_class(
        data={"version": "x", "yaml_text": "questions: [{id: q, options: []}]", "is_active": True},
        instance=document,
    )
    assert not form.is_valid()
    assert "yaml_text" in form.errors


def test_a_stored_questionnaire_the_engine_no_longer_accepts_falls_back_to_the_file(db):
    from apps.triage.models import QuestionnaireDocument
    from apps.triage.questionnaire_store import current_questionnaire, questionnaire_file

    QuestionnaireDocument.objects.create(
        version="old", yaml_text="version: old\nquestions: []\n", is_active=True
    )
    assert current_questionnaire().version == parse_version(questionnaire_file())


def parse_version(path) -> str:
    return fast_yaml.safe_load(path.read_text(encoding="utf-8"))["version"]


def test_the_spec_is_made_once_and_answered_304_with_its_etag(client, db):
    import json

    from apps.triage.questionnaire_store import current_questionnaire

    first = client.get("/check/spec.json")
    assert first.status_code == 200 and first["ETag"]
    assert json.loads(first.content) == current_questionnaire().spec
    again = client.get("/check/spec.json", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and not again.content
    assert client.get("/check/spec.json", headers={"If-None-Match": '"other"'}).status_code == 200


def _save_in_admin(rf, document) -> list[str]:
    """The admin's save of `document`, as its change form does; the messages it left."""
    from django.contrib.messages.storage.cookie import CookieStorage

    request = rf.post("/admin/")
    request._messages = CookieStorage(request)
    model_admin = admin_site._registry[QuestionnaireDocument]
    model_admin.save_model(request, document, form=None, change=True)
    return [str(message) for message in request._messages]


def test_the_admin_says_when_the_diary_mapping_no_longer_fits_but_saves(rf):
    document, _ = load_questionnaire_file()
    assert _save_in_admin(rf, document) == []  # the shipped pair fits
    data = fast_yaml.safe_load(document.yaml_text)
    [skin] = [q for q in data["questions"] if q["id"] == "skin"]
    [warm] = [o for o in skin["options"] if o["id"] == "warm"]
    warm["id"] = "hot_to_touch"
    document.yaml_text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    [warning] = _save_in_admin(rf, document)
    assert "check_in_answers.yaml" in warning
    assert 'question "skin" has no option "warm"' in warning
    document.refresh_from_db()
    assert "hot_to_touch" in document.yaml_text  # saved all the same
