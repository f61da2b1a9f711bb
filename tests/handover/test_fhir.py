"""FHIR R4 (fhir.resources' R4B models): the published Questionnaire lists every question and
option of the active version; a walk's QuestionnaireResponse has every answered question as
an item with its linkId and answer coding; the diary's check-ins are Observations in a Bundle;
every resource served parses back with the library."""

import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from apps.handover import fhir
from apps.triage.engine import next_step
from apps.triage.engine.contract import FINDINGS
from apps.triage.questionnaire_store import current_questionnaire
from tests.handover.conftest import LONG, SHORT, diary_of, give_answers, walk_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]

BASE = "http://testserver"


def test_the_questionnaire_lists_every_question_and_option_of_the_active_version(client):
    body = client.get("/fhir/Questionnaire/lumpguide-triage")
    assert body["Content-Type"].startswith("application/fhir+json")
    resource = Questionnaire.model_validate_json(body.content)
    questionnaire = current_questionnaire()
    assert resource.url == BASE + "/fhir/Questionnaire/lumpguide-triage"
    assert resource.version == questionnaire.version
    assert [item.linkId for item in resource.item] == [q.id for q in questionnaire.questions]
    for item, question in zip(resource.item, questionnaire.questions, strict=True):
        assert item.text == question.text and item.type == "choice"
        assert item.repeats == (question.kind == "multiple")
        codes = [(o.valueCoding.code, o.valueCoding.display) for o in item.answerOption]
        assert codes == [(f"{question.id}.{o.id}", o.label) for o in question.options]
        assert {o.valueCoding.system for o in item.answerOption} == {
            BASE + "/fhir/CodeSystem/lumpguide-answer"
        }


@pytest.mark.parametrize("findings", [SHORT, LONG], ids=["short", "long"])
def test_every_answered_question_is_an_item_with_its_answer_coding(phone, findings):
    answers = walk_answers(findings)
    give_answers(phone, answers)
    body = phone.get("/handover/lumpguide-summary.fhir.json?diary=0")
    response = QuestionnaireResponse.model_validate_json(body.content)
    questionnaire = current_questionnaire()
    assert response.questionnaire == (
        f"{BASE}/fhir/Questionnaire/lumpguide-triage|{questionnaire.version}"
    )
    assert response.status == "completed"
    assert [item.linkId for item in response.item] == list(answers)
    for item in response.item:
        assert [a.valueCoding.code for a in item.answer] == [
            f"{item.linkId}.{option}" for option in answers[item.linkId]
        ]
        assert {a.valueCoding.system for a in item.answer} == {
            BASE + "/fhir/CodeSystem/lumpguide-answer"
        }
    # The advice: a contained Observation derived from the response, the engine's urgency.
    (advice,) = response.contained
    assert isinstance(advice, Observation) and advice.derivedFrom[0].reference == "#"
    expected = next_step(questionnaire, answers).urgency
    assert advice.valueCodeableConcept.coding[0].code == expected
    assert advice.valueCodeableConcept.coding[0].system.endswith("/lumpguide-urgency")


def test_the_advice_carries_red_flags_ruled_out_and_causes(phone):
    give_answers(phone, walk_answers(LONG))
    data = phone.get("/handover/lumpguide-summary.fhir.json?diary=0").json()
    components = data["contained"][0]["component"]
    by_kind = {}
    for c in components:
        by_kind.setdefault(c["code"]["coding"][0]["code"], []).append(
            c["valueCodeableConcept"]["coding"][0]["code"]
        )
    assert "fever" in by_kind["red-flag-ruled-out"] and "red-flag" not in by_kind
    assert "loc_side" in by_kind["finding"] and "size_medium" in by_kind["finding"]
    assert by_kind["possible-cause"] and set(by_kind["cause-to-rule-out"]) <= {
        "soft-tissue-sarcoma",
        "skin-cancer",
        "spinal-tumour",
        "spinal-infection",
        "cauda-equina-syndrome",
    }
    # SNOMED CT only where the code is certain: diabetes here, with the LumpGuide code first.
    diabetes = next(
        c["valueCodeableConcept"]
        for c in components
        if c["valueCodeableConcept"]["coding"][0]["code"] == "diabetes"
    )
    assert diabetes["coding"][1] == {
        "system": "http://snomed.info/sct",
        "code": "73211009",
        "display": "Diabetes mellitus (disorder)",
    }


def test_snomed_codes_are_only_for_contract_findings():
    assert set(fhir.SNOMED_FINDINGS) <= set(FINDINGS)
    for code, display in fhir.SNOMED_FINDINGS.values():
        assert code.isdigit() and display.endswith(")")


def test_with_the_diary_a_bundle_of_the_response_and_one_observation_per_check_in(phone):
    give_answers(phone, walk_answers(LONG))
    check_ins = diary_of(phone.device, [(1.5, 2), (None, 4), (3.0, 7)])
    bundle = Bundle.model_validate_json(phone.get("/handover/lumpguide-summary.fhir.json").content)
    assert bundle.type == "collection"
    kinds = [entry.resource.__resource_type__ for entry in bundle.entry]
    assert kinds == ["QuestionnaireResponse", "Observation", "Observation", "Observation"]
    observations = [entry.resource for entry in bundle.entry[1:]]
    for observation, check_in in zip(observations, check_ins, strict=True):
        assert observation.id == str(check_in.key)
        assert observation.effectiveDateTime == check_in.recorded_at
        parts = {c.code.coding[-1].code: c for c in observation.component}
        assert parts["pain-score"].valueInteger == check_in.pain
        assert parts["pain-score"].code.coding[0].system == "http://loinc.org"
        assert parts["pain-score"].code.coding[0].code == "72514-3"
        if check_in.size_cm is None:
            assert "lump-size" not in parts
        else:
            assert float(parts["lump-size"].valueQuantity.value) == float(check_in.size_cm)
            assert parts["lump-size"].valueQuantity.code == "cm"
    assert {e.fullUrl for e in bundle.entry} == {f"urn:uuid:{e.resource.id}" for e in bundle.entry}


def test_a_diary_without_a_walk_is_a_bundle_of_observations(phone):
    diary_of(phone.device, [(1.5, 2)])
    bundle = Bundle.model_validate_json(phone.get("/handover/lumpguide-summary.fhir.json").content)
    assert [e.resource.__resource_type__ for e in bundle.entry] == ["Observation"]


@pytest.mark.parametrize("name", fhir.CODE_SYSTEMS)
def test_the_code_systems_are_published_and_valid(client, name):
    response = client.get(f"/fhir/CodeSystem/lumpguide-{name}")
    system = CodeSystem.model_validate_json(response.content)
    assert system.url == f"{BASE}/fhir/CodeSystem/lumpguide-{name}"
    assert system.count == len(system.concept) > 0
    assert len({c.code for c in system.concept}) == len(system.concept)


def test_the_finding_code_system_is_the_contracts_findings(client):
    data = client.get("/fhir/CodeSystem/lumpguide-finding").json()
    assert [c["code"] for c in data["concept"]] == list(FINDINGS)


def test_each_answer_concept_names_the_findings_it_asserts(client):
    data = client.get("/fhir/CodeSystem/lumpguide-answer").json()
    concepts = {c["code"]: c for c in data["concept"]}
    for question in current_questionnaire().questions:
        for option in question.options:
            concept = concepts[f"{question.id}.{option.id}"]
            found = [p["valueCode"] for p in concept.get("property", [])]
            assert found == list(option.findings)


def test_every_resource_served_round_trips_through_the_library(phone):
    give_answers(phone, walk_answers(LONG))
    diary_of(phone.device, [(1.5, 2)])
    data = phone.get("/handover/lumpguide-summary.fhir.json").json()
    again = json.loads(Bundle.model_validate(data).model_dump_json(exclude_none=True))
    assert again == data
