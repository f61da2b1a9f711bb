"""The questionnaire in the database: loaded idempotently, edits take effect at once."""

import pytest
import yaml
from django.contrib.admin.sites import site as admin_site

from apps.triage.models import QuestionnaireDocument
from apps.triage.questionnaire_store import current_questionnaire, load_questionnaire_file

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing():
    first, changed = load_questionnaire_file()
    assert changed
    again, changed_again = load_questionnaire_file()
    assert not changed_again and again.pk == first.pk
    assert QuestionnaireDocument.objects.count() == 1


def test_an_edit_in_the_database_is_used_straight_away(client):
    document, _ = load_questionnaire_file()
    before = client.get("/api/triage/questionnaire").json()["questions"][0]["text"]
    data = yaml.safe_load(document.yaml_text)
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
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["version"]


def test_the_spec_is_made_once_and_answered_304_with_its_etag(client, db):
    import json

    from apps.triage.questionnaire_store import current_questionnaire

    first = client.get("/check/spec.json")
    assert first.status_code == 200 and first["ETag"]
    assert json.loads(first.content) == current_questionnaire().spec
    again = client.get("/check/spec.json", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and not again.content
    assert client.get("/check/spec.json", headers={"If-None-Match": '"other"'}).status_code == 200
