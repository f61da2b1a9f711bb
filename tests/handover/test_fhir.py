"""FHIR R4 (fhir.resources' R4B models).

The download is always a document Bundle: a Composition first (sections advice, answers and
diary, each with entries or an emptyReason), the advice as an Observation derived from the
QuestionnaireResponse, the response authored when the answers were given, one Observation per
check-in; ids made from the document's id, so the same walk downloaded twice has the same ids.
No SNOMED CT or LOINC code is ever attached to something the person did not report. The
published Questionnaire and CodeSystems are English whatever the request's language (Spanish as
translations), and every canonical URL starts at settings.LUMPGUIDE_CANONICAL_BASE.
"""

import datetime as dt
import json
import re

import pytest
import time_machine
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire

from apps.handover import fhir
from apps.triage.engine import next_step
from apps.triage.engine.contract import FINDINGS, RED_FLAGS
from apps.triage.questionnaire_store import current_questionnaire
from tests.handover.conftest import (
    FEVER,
    LONG,
    SELF_CARE,
    SHORT,
    SOON,
    diary_of,
    give_answers,
    walk_answers,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]

BASE = "https://lumpguide.example"
URL = "/handover/lumpguide-summary.fhir.json"
AT = dt.datetime(2030, 1, 14, 18, 30, tzinfo=dt.UTC)
SNOMED = "http://snomed.info/sct"
CLINICAL_SYSTEMS = {SNOMED, "http://loinc.org"}
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
WALKS = {"emergency": SHORT, "soon": SOON, "self-care": SELF_CARE, "fever": FEVER, "long": LONG}


def download(client, query: str = "", language: str = "en") -> dict:
    response = client.get(URL + query, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    return response.json()


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def entry_url(bundle: dict, resource: dict) -> str:
    return next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is resource)


def advice_of(bundle: dict) -> dict:
    (advice,) = [
        o
        for o in resources(bundle, "Observation")
        if o["code"]["coding"][0]["code"] == "triage-advice"
    ]
    return advice


def nodes(value):
    """Every JSON object in `value`, depth first."""
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from nodes(child)


def clinical_codes(value) -> list[tuple[str, str]]:
    return [(n["system"], n["code"]) for n in nodes(value) if n.get("system") in CLINICAL_SYSTEMS]


def finding_components(bundle: dict) -> dict[str, dict]:
    lumpguide_finding = BASE + "/fhir/CodeSystem/lumpguide-finding"
    return {
        c["code"]["coding"][0]["code"]: c
        for c in advice_of(bundle).get("component", [])
        if c["code"]["coding"][0]["system"] == lumpguide_finding
    }


# The negation hazard ------------------------------------------------------------------------


@pytest.mark.parametrize("name", WALKS)
def test_no_clinical_code_is_ever_attached_to_something_not_reported(phone, name):
    """A system that harvests SNOMED CT or LOINC codes must never record what the person said
    they do not have: inside anything whose value is false, no clinical code at all; and a
    SNOMED CT code only ever sits in a component whose value is true."""
    give_answers(phone, walk_answers(WALKS[name]), at=AT)
    diary_of(phone.device, [(1.5, 0), (2.0, 3)])
    for language in ("en", "es"):
        bundle = download(phone, language=language)
        for node in nodes(bundle):
            if node.get("valueBoolean") is False:
                assert clinical_codes(node) == [], node
            if "component" in node:
                for component in node["component"]:
                    if any(system == SNOMED for system, _ in clinical_codes(component)):
                        assert component.get("valueBoolean") is True, component
        # Everything asked about and not reported is false, with its LumpGuide code alone
        triage_flags_not_reported = [
            code
            for code, c in finding_components(bundle).items()
            if c["interpretation"][0]["coding"][0]["code"] == "red-flag-not-reported"
        ]
        for code in triage_flags_not_reported:
            component = finding_components(bundle)[code]
            assert component["valueBoolean"] is False and len(component["code"]["coding"]) == 1


def test_fever_not_reported_is_false_and_has_no_snomed_code(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    fever = finding_components(download(phone))["fever"]
    assert fever["valueBoolean"] is False
    assert fever["code"]["coding"] == [
        {"system": BASE + "/fhir/CodeSystem/lumpguide-finding", "code": "fever", "display": "fever"}
    ]
    assert fever["interpretation"][0]["coding"][0]["code"] == "red-flag-not-reported"
    assert "386661006" not in json.dumps(download(phone))


def test_fever_reported_is_true_with_its_snomed_code(phone):
    give_answers(phone, walk_answers(FEVER), at=AT)
    fever = finding_components(download(phone))["fever"]
    assert fever["valueBoolean"] is True
    assert {"system": SNOMED, "code": "386661006", "display": "Fever (finding)"} in fever["code"][
        "coding"
    ]
    assert fever["interpretation"][0]["coding"][0]["code"] == "red-flag"


def test_the_advice_carries_each_kind_of_finding_and_the_causes(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    bundle = download(phone)
    components = advice_of(bundle)["component"]
    kinds: dict[str, list[str]] = {}
    for c in components:
        if "interpretation" in c:
            kind = c["interpretation"][0]["coding"][0]["code"]
            kinds.setdefault(kind, []).append(c["code"]["coding"][0]["code"])
            assert c["valueBoolean"] is (kind != "red-flag-not-reported")
        else:
            kind = c["code"]["coding"][0]["code"]
            kinds.setdefault(kind, []).append(c["valueCodeableConcept"]["coding"][0]["code"])
    assert set(kinds) <= {
        "red-flag",
        "red-flag-not-reported",
        "finding",
        "possible-cause",
        "cause-to-exclude",
    }
    assert "fever" in kinds["red-flag-not-reported"] and "red-flag" not in kinds
    assert set(kinds["red-flag-not-reported"]) == set(RED_FLAGS)
    assert "loc_side" in kinds["finding"] and "size_medium" in kinds["finding"]
    assert kinds["possible-cause"]
    assert set(kinds.get("cause-to-exclude", [])) <= {
        "soft-tissue-sarcoma",
        "skin-cancer",
        "spinal-tumour",
        "spinal-infection",
        "cauda-equina-syndrome",
    }
    # SNOMED CT only where the code is certain: diabetes here, after the LumpGuide code.
    diabetes = finding_components(bundle)["diabetes"]
    assert diabetes["valueBoolean"] is True
    assert diabetes["code"]["coding"][1] == {
        "system": SNOMED,
        "code": "73211009",
        "display": "Diabetes mellitus (disorder)",
    }


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_document_or_definition_says_ruled_out(phone, language):
    give_answers(phone, walk_answers(LONG), at=AT)
    diary_of(phone.device, [(1.5, 2)])
    bodies = [json.dumps(download(phone, language=language), ensure_ascii=False)]
    bodies.append(phone.get("/fhir/CodeSystem/lumpguide-observation").content.decode())
    for body in bodies:
        assert not re.search(r"rul(e|ed)[ -]out|descartad", body, re.IGNORECASE)


def test_snomed_codes_are_only_for_contract_findings():
    assert set(fhir.SNOMED_FINDINGS) <= set(FINDINGS)
    for code, display in fhir.SNOMED_FINDINGS.values():
        assert code.isdigit() and display.endswith(")")


# The advice and the answers -----------------------------------------------------------------


@pytest.mark.parametrize("findings", [SHORT, LONG], ids=["short", "long"])
def test_every_answered_question_is_an_item_with_its_answer_coding(phone, findings):
    answers = walk_answers(findings)
    give_answers(phone, answers, at=AT)
    bundle = download(phone, "?diary=0")
    (response,) = resources(bundle, "QuestionnaireResponse")
    questionnaire = current_questionnaire()
    assert response["questionnaire"] == (
        f"{BASE}/fhir/Questionnaire/lumpguide-triage|{questionnaire.version}"
    )
    assert response["status"] == "completed"
    assert [item["linkId"] for item in response["item"]] == list(answers)
    for item in response["item"]:
        assert [a["valueCoding"]["code"] for a in item["answer"]] == [
            f"{item['linkId']}.{option}" for option in answers[item["linkId"]]
        ]
        assert {a["valueCoding"]["system"] for a in item["answer"]} == {
            BASE + "/fhir/CodeSystem/lumpguide-answer"
        }
    # The advice: its own Observation (not contained), derived from the response by fullUrl,
    # with the engine's urgency.
    assert "contained" not in response
    advice = advice_of(bundle)
    assert advice["derivedFrom"] == [
        {"reference": entry_url(bundle, response), "type": "QuestionnaireResponse"}
    ]
    assert advice["valueCodeableConcept"]["coding"][0]["code"] == (
        next_step(questionnaire, answers).urgency
    )
    assert advice["valueCodeableConcept"]["coding"][0]["system"] == (
        BASE + "/fhir/CodeSystem/lumpguide-urgency"
    )
    assert advice["effectiveDateTime"] == "2030-01-14T18:30:00Z"


def test_authored_is_when_the_answers_were_given(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    bundle = download(phone)
    (response,) = resources(bundle, "QuestionnaireResponse")
    assert response["authored"] == "2030-01-14T18:30:00Z" != bundle["timestamp"]
    assert "not known" not in response["text"]["div"]


def test_without_the_time_of_the_answers_authored_is_when_the_summary_was_made_and_says_so(
    phone,
):
    give_answers(phone, walk_answers(LONG))
    bundle = download(phone)
    (response,) = resources(bundle, "QuestionnaireResponse")
    assert response["authored"] == bundle["timestamp"]
    assert (
        "When the answers were given is not known: the time shown is when this summary was "
        "made." in response["text"]["div"]
    )
    spanish = resources(download(phone, language="es"), "QuestionnaireResponse")[0]
    assert "No se sabe cuándo se dieron las respuestas" in spanish["text"]["div"]


def test_the_same_walk_downloaded_twice_has_the_same_ids(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    diary_of(phone.device, [(1.5, 2), (3.0, 7)])
    first = download(phone)
    with time_machine.travel(dt.datetime(2030, 1, 20, 8, 0, tzinfo=dt.UTC)):
        again = download(phone)
    assert first["timestamp"] != again["timestamp"]
    (response,) = resources(first, "QuestionnaireResponse")
    assert response["id"] == first["entry"][0]["resource"]["identifier"]["value"]
    assert re.fullmatch(r"lg-[0-9a-f]{12}", response["id"])
    for bundle in (first, again):
        del bundle["timestamp"]
        del bundle["entry"][0]["resource"]["date"]
    assert first == again
    # Another language is the same document with the same ids
    spanish = download(phone, language="es")
    assert [e["fullUrl"] for e in spanish["entry"]] == [e["fullUrl"] for e in first["entry"]]
    assert spanish["identifier"] == first["identifier"]


def test_a_changed_diary_is_a_new_document_of_the_same_walk(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    diary_of(phone.device, [(1.5, 2)])
    before = download(phone)
    diary_of(phone.device, [(3.0, 7)], start=dt.datetime(2030, 1, 10, 9, 0, tzinfo=dt.UTC))
    after = download(phone)
    assert before["identifier"]["value"] != after["identifier"]["value"]
    composition = [b["entry"][0]["resource"] for b in (before, after)]
    assert composition[0]["identifier"] == composition[1]["identifier"]
    response_urls = [
        entry_url(b, resources(b, "QuestionnaireResponse")[0]) for b in (before, after)
    ]
    assert response_urls[0] == response_urls[1]
    # Without the diary, the document is the walk's own: its id is the one on paper
    alone = download(phone, "?diary=0")
    assert alone["identifier"] == composition[0]["identifier"]


# One shape ----------------------------------------------------------------------------------


def shape(bundle: dict) -> dict[str, str]:
    """Each section's code: "entries" or its emptyReason; checking the document's rules."""
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "document"
    assert bundle["identifier"]["system"] == BASE + "/document-id"
    assert re.fullmatch(r"lg-[0-9a-f]{12}(-[0-9a-f]{8})?", bundle["identifier"]["value"])
    assert bundle["timestamp"]
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls)
    for url in urls:
        assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}", url), url
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds <= {"Composition", "Observation", "QuestionnaireResponse"}
    composition = bundle["entry"][0]["resource"]
    assert composition["resourceType"] == "Composition" and "subject" not in composition
    assert composition["author"] == [{"type": "Device", "display": "LumpGuide"}]
    assert composition["status"] == "final"
    sections = composition["section"]
    assert [s["code"]["coding"][0]["code"] for s in sections] == ["advice", "answers", "diary"]
    found = {}
    for section in sections:
        assert section["text"]["status"] == "generated"
        assert ("entry" in section) != ("emptyReason" in section)
        if "entry" in section:
            assert all(e["reference"] in urls for e in section["entry"])
            found[section["code"]["coding"][0]["code"]] = "entries"
        else:
            reason = section["emptyReason"]["coding"][0]
            assert reason["system"] == "http://terminology.hl7.org/CodeSystem/list-empty-reason"
            found[section["code"]["coding"][0]["code"]] = reason["code"]
    # Every reference in the document resolves inside it
    for node in nodes(bundle):
        if "reference" in node:
            assert node["reference"] in urls, node
    return found


def test_a_walk_alone_is_a_document_with_an_empty_diary_section(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    bundle = download(phone)
    assert shape(bundle) == {"advice": "entries", "answers": "entries", "diary": "notstarted"}
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == [
        "Composition",
        "Observation",
        "QuestionnaireResponse",
    ]


def test_a_diary_alone_is_a_document_with_empty_advice_and_answers(phone):
    diary_of(phone.device, [(1.5, 2)])
    bundle = download(phone)
    assert shape(bundle) == {"advice": "notstarted", "answers": "notstarted", "diary": "entries"}
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == [
        "Composition",
        "Observation",
    ]
    assert download(phone)["identifier"] == bundle["identifier"]


def test_a_walk_and_a_diary_fill_every_section(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    diary_of(phone.device, [(1.5, 2), (3.0, 7)])
    assert shape(download(phone)) == {"advice": "entries", "answers": "entries", "diary": "entries"}


def test_a_diary_left_out_is_withheld(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    diary_of(phone.device, [(1.5, 2)])
    bundle = download(phone, "?diary=0")
    assert shape(bundle) == {"advice": "entries", "answers": "entries", "diary": "withheld"}
    assert resources(bundle, "Observation") == [advice_of(bundle)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_resource_has_a_narrative_and_the_language(phone, language):
    give_answers(phone, walk_answers(LONG), at=AT)
    diary_of(phone.device, [(1.5, 2)])
    bundle = download(phone, language=language)
    assert bundle["language"] == language
    for entry in bundle["entry"]:
        resource = entry["resource"]
        assert resource["language"] == language, resource["resourceType"]
        assert resource["text"]["status"] == "generated"
        assert resource["text"]["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
    if language == "es":
        composition = bundle["entry"][0]["resource"]
        assert composition["title"] == "Resumen de LumpGuide para un profesional de la salud"
        assert [s["title"] for s in composition["section"]] == [
            "Consejo",
            "Respuestas",
            "Diario del bulto",
        ]


def test_the_narrative_escapes_what_the_person_wrote(phone):
    (check_in,) = diary_of(phone.device, [(1.5, 2)])
    check_in.note = '<script>alert("x")</script> & <b>'
    check_in.save()
    (observation,) = resources(download(phone), "Observation")
    div = observation["text"]["div"]
    assert "<script>" not in div and "&lt;script&gt;" in div and "&amp; &lt;b&gt;" in div
    assert observation["note"][0]["text"] == '<script>alert("x")</script> & <b>'


# The diary ----------------------------------------------------------------------------------


def test_with_the_diary_one_observation_per_check_in(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    check_ins = diary_of(phone.device, [(1.5, 2), (None, 4), (3.0, 7)])
    bundle = Bundle.model_validate_json(phone.get(URL).content)
    kinds = [entry.resource.__resource_type__ for entry in bundle.entry]
    assert kinds == ["Composition", "Observation", "QuestionnaireResponse", *["Observation"] * 3]
    entries = bundle.entry[3:]
    for entry, check_in in zip(entries, check_ins, strict=True):
        observation = entry.resource
        assert observation.id == str(check_in.key) and entry.fullUrl == f"urn:uuid:{check_in.key}"
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


def test_every_document_round_trips_through_the_library(phone):
    give_answers(phone, walk_answers(LONG), at=AT)
    diary_of(phone.device, [(1.5, 2)])
    for query in ("", "?diary=0"):
        data = download(phone, query)
        again = json.loads(Bundle.model_validate(data).model_dump_json(exclude_none=True))
        assert again == data


# The published definitions ------------------------------------------------------------------


def questionnaire_json(client, language: str = "en") -> dict:
    response = client.get("/fhir/Questionnaire/lumpguide-triage", HTTP_ACCEPT_LANGUAGE=language)
    assert response["Content-Type"].startswith("application/fhir+json")
    return response.json()


def translation(element: dict | None, language: str = "es") -> str | None:
    for extension in (element or {}).get("extension", []):
        if extension["url"] == TRANSLATION:
            parts = {e["url"]: e for e in extension["extension"]}
            if parts["lang"]["valueCode"] == language:
                return parts["content"]["valueString"]
    return None


def test_the_questionnaire_lists_every_question_and_option_in_english(client):
    data = questionnaire_json(client, "es")
    resource = Questionnaire.model_validate(data)
    questionnaire = current_questionnaire("en")
    assert data["language"] == "en"
    assert resource.url == BASE + "/fhir/Questionnaire/lumpguide-triage"
    assert resource.version == questionnaire.version
    assert [item.linkId for item in resource.item] == [q.id for q in questionnaire.questions]
    for item, question in zip(resource.item, questionnaire.questions, strict=True):
        assert item.text == question.text and item.type == "choice"
        assert [(c.system, c.code) for c in item.code] == [
            (BASE + "/fhir/CodeSystem/lumpguide-question", question.id)
        ]
        assert item.repeats == (question.kind == "multiple")
        codes = [(o.valueCoding.code, o.valueCoding.display) for o in item.answerOption]
        assert codes == [(f"{question.id}.{o.id}", o.label) for o in question.options]
        assert {o.valueCoding.system for o in item.answerOption} == {
            BASE + "/fhir/CodeSystem/lumpguide-answer"
        }


def test_the_questionnaire_carries_the_spanish_words_as_translations(client):
    data = questionnaire_json(client)
    spanish = current_questionnaire("es")
    assert (
        translation(data["_title"]) == "LumpGuide: un bulto doloroso en la parte baja de la espalda"
    )
    for item in data["item"]:
        question = spanish.question(item["linkId"])
        assert translation(item["_text"]) == question.text != item["text"]
        for option in item["answerOption"]:
            option_id = option["valueCoding"]["code"].split(".", 1)[1]
            assert translation(option["valueCoding"]["_display"]) == (
                question.option(option_id).label
            )


def test_the_questionnaire_says_when_each_question_is_asked(client):
    data = questionnaire_json(client)
    questionnaire = current_questionnaire("en")
    asked_sometimes = 0
    for index, (item, question) in enumerate(
        zip(data["item"], questionnaire.questions, strict=True)
    ):
        if not question.ask_if_any:
            assert "enableWhen" not in item and "enableBehavior" not in item
            continue
        asked_sometimes += 1
        assert item["enableBehavior"] == "any" and item["enableWhen"]
        expected = {
            (earlier.id, f"{earlier.id}.{o.id}")
            for earlier in questionnaire.questions[:index]
            for o in earlier.options
            if set(o.findings) & set(question.ask_if_any)
        }
        assert {(w["question"], w["answerCoding"]["code"]) for w in item["enableWhen"]} == expected
        assert {w["operator"] for w in item["enableWhen"]} == {"="}
    assert asked_sometimes


def test_exclusive_options_are_marked_exclusive(client):
    data = questionnaire_json(client)
    questionnaire = current_questionnaire("en")
    marked = 0
    for item, question in zip(data["item"], questionnaire.questions, strict=True):
        for answer, option in zip(item["answerOption"], question.options, strict=True):
            exclusive = [e for e in answer.get("extension", []) if e["url"] == EXCLUSIVE]
            assert exclusive == (
                [{"url": EXCLUSIVE, "valueBoolean": True}] if option.exclusive else []
            )
            marked += option.exclusive
    assert marked


@pytest.mark.parametrize(
    "url",
    ["/fhir/Questionnaire/lumpguide-triage"]
    + [f"/fhir/CodeSystem/lumpguide-{n}" for n in fhir.CODE_SYSTEMS],
)
def test_the_definitions_are_the_same_whatever_the_language_asked(client, url):
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="es").content == english
    client.cookies["lumpguide_language"] = "es"
    assert client.get(url).content == english


def test_canonical_urls_come_from_the_setting_never_the_host(phone, client, settings):
    settings.LUMPGUIDE_CANONICAL_BASE = "https://guide.example.org/"
    give_answers(phone, walk_answers(LONG), at=AT)
    diary_of(phone.device, [(1.5, 2)])
    bodies = [
        phone.get(URL, HTTP_HOST="127.0.0.1").content.decode(),
        client.get("/fhir/Questionnaire/lumpguide-triage", HTTP_HOST="127.0.0.1").content.decode(),
    ]
    bodies += [
        client.get(f"/fhir/CodeSystem/lumpguide-{name}", HTTP_HOST="127.0.0.1").content.decode()
        for name in fhir.CODE_SYSTEMS
    ]
    for body in bodies:
        assert "127.0.0.1" not in body and "testserver" not in body
        assert "lumpguide.example" not in body and "//fhir" not in body
    document = json.loads(bodies[0])
    assert document["identifier"]["system"] == "https://guide.example.org/document-id"
    (response,) = resources(document, "QuestionnaireResponse")
    assert response["questionnaire"].startswith(
        "https://guide.example.org/fhir/Questionnaire/lumpguide-triage|"
    )
    assert (
        json.loads(bodies[1])["url"]
        == "https://guide.example.org/fhir/Questionnaire/lumpguide-triage"
    )


@pytest.mark.parametrize("name", fhir.CODE_SYSTEMS)
def test_the_code_systems_are_published_and_valid(client, name):
    response = client.get(f"/fhir/CodeSystem/lumpguide-{name}")
    system = CodeSystem.model_validate_json(response.content)
    assert system.url == f"{BASE}/fhir/CodeSystem/lumpguide-{name}"
    assert system.language == "en" and system.text.status == "generated"
    assert system.count == len(system.concept) > 0
    assert len({c.code for c in system.concept}) == len(system.concept)


def test_the_observation_codes_say_not_reported_and_to_exclude(client):
    data = client.get("/fhir/CodeSystem/lumpguide-observation").json()
    displays = {c["code"]: c["display"] for c in data["concept"]}
    assert displays["red-flag-not-reported"] == "Red flag asked about and not reported"
    assert displays["cause-to-exclude"] == "Serious cause to exclude"


def test_the_finding_code_system_is_the_contracts_findings_in_english_with_spanish(client):
    data = client.get("/fhir/CodeSystem/lumpguide-finding", HTTP_ACCEPT_LANGUAGE="es").json()
    assert [c["code"] for c in data["concept"]] == list(FINDINGS)
    fever = next(c for c in data["concept"] if c["code"] == "fever")
    assert fever["display"] == "fever"
    assert fever["designation"] == [{"language": "es", "value": "fiebre"}]


def test_each_answer_concept_names_the_findings_it_asserts(client):
    data = client.get("/fhir/CodeSystem/lumpguide-answer").json()
    concepts = {c["code"]: c for c in data["concept"]}
    spanish = current_questionnaire("es")
    for question in current_questionnaire("en").questions:
        for option in question.options:
            concept = concepts[f"{question.id}.{option.id}"]
            found = [p["valueCode"] for p in concept.get("property", [])]
            assert found == list(option.findings)
            assert concept["display"] == option.label
            label = spanish.question(question.id).option(option.id).label
            assert concept["designation"] == [{"language": "es", "value": label}]
