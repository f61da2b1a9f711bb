"""The summary in FHIR R4, built and validated with fhir.resources' R4B models (R4B has R4's
resources; the package's default models are R5).

- The questionnaire: a FHIR Questionnaire at a stable canonical URL, with its version; every
  question an item (linkId = question id), every option an answerOption coded in the
  LumpGuide answer CodeSystem (code "<question>.<option>"; each concept lists the contract
  findings it asserts).
- One walk: a QuestionnaireResponse referring to "<canonical>|<version>", with the advice as
  a contained Observation derived from it (docs/adr/0007-fhir-handover.md says why not a
  RiskAssessment).
- The diary: one Observation per check-in; with a diary, everything goes in a collection
  Bundle.
- Codes: LumpGuide CodeSystems (findings, answers, urgency, conditions, observations),
  published under /fhir/CodeSystem/; SNOMED CT and LOINC only where the code is certain.
"""

import uuid

from django.urls import reverse
from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from apps.diary.models import CheckIn
from apps.handover.summary import Handover, Triage
from apps.handover.words import finding_words
from apps.triage.engine import Questionnaire
from apps.triage.engine.contract import CONDITION_SLUGS, FINDINGS, RED_FLAGS, URGENCY_ORDER

QUESTIONNAIRE_ID = "lumpguide-triage"
PUBLISHER = "LumpGuide"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

#: SNOMED CT codes for contract findings, only where the concept is certain (a well-known
#: clinical finding with the same meaning). Everything else has only its LumpGuide code.
SNOMED_FINDINGS = {
    "fever": ("386661006", "Fever (finding)"),
    "diabetes": ("73211009", "Diabetes mellitus (disorder)"),
}
#: LOINC's patient-reported 0-10 pain score, which is what a check-in's pain is.
LOINC_PAIN = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")

#: The codes LumpGuide's observations use (the "observation" CodeSystem).
OBSERVATION_CODES = {
    "triage-advice": "LumpGuide triage advice",
    "finding": "Finding the person reported",
    "red-flag": "Red flag reported",
    "red-flag-ruled-out": "Red flag asked about and not reported",
    "possible-cause": "Possible cause",
    "cause-to-rule-out": "Serious cause a doctor may want to rule out",
    "lump-check-in": "Lump diary check-in",
    "lump-size": "Size of the lump, longest side",
    "pain-score": "Pain, 0 to 10",
    "red": "Red or darker than the skin around it",
    "hot": "Hot to the touch",
    "leaking": "Leaking",
    "colour-changed": "Changed colour",
}
CODE_SYSTEMS = ("finding", "answer", "urgency", "condition", "observation")


def canonical(base: str, kind: str, name: str) -> str:
    """The canonical URL of a LumpGuide FHIR resource: its address on this site."""
    if kind == "Questionnaire":
        return base + reverse("handover:fhir_questionnaire")
    return base + reverse("handover:fhir_code_system", args=[name])


def system(base: str, name: str) -> str:
    return canonical(base, "CodeSystem", f"lumpguide-{name}")


def _coding(base: str, name: str, code: str, display: str) -> dict:
    return {"system": system(base, name), "code": code, "display": display}


def answer_code(question_id: str, option_id: str) -> str:
    return f"{question_id}.{option_id}"


# The questionnaire and its code systems -----------------------------------------------------


def questionnaire_resource(questionnaire: Questionnaire, *, base: str) -> FhirQuestionnaire:
    return FhirQuestionnaire(
        id=QUESTIONNAIRE_ID,
        url=canonical(base, "Questionnaire", QUESTIONNAIRE_ID),
        version=questionnaire.version,
        name="LumpGuideTriage",
        title="LumpGuide: a sore lump on the lower back",
        status="draft" if "draft" in questionnaire.version else "active",
        publisher=PUBLISHER,
        description=(
            "Self-help triage questions for a sore lump on the lower back. Not a diagnostic "
            "tool; not yet signed off by a clinician."
        ),
        item=[
            {
                "linkId": question.id,
                "text": question.text,
                "type": "choice",
                "repeats": question.kind == "multiple",
                "required": False,
                "answerOption": [
                    {
                        "valueCoding": _coding(
                            base, "answer", answer_code(question.id, option.id), option.label
                        )
                    }
                    for option in question.options
                ],
            }
            for question in questionnaire.questions
        ],
    )


def _code_system(base: str, name: str, title: str, concepts: list[dict], **extra) -> CodeSystem:
    return CodeSystem(
        id=f"lumpguide-{name}",
        url=system(base, name),
        name="LumpGuide" + name.capitalize(),
        title=title,
        status="draft",
        publisher=PUBLISHER,
        content="complete",
        caseSensitive=True,
        count=len(concepts),
        concept=concepts,
        **extra,
    )


def code_system(name: str, *, questionnaire: Questionnaire, base: str) -> CodeSystem:
    """One of CODE_SYSTEMS; KeyError for any other name."""
    if name == "finding":
        return _code_system(
            base,
            name,
            "LumpGuide findings (the triage contract's finding codes)",
            [{"code": f, "display": finding_words(f)} for f in FINDINGS],
            version=questionnaire.version,
        )
    if name == "answer":
        concepts = [
            {
                "code": answer_code(q.id, o.id),
                "display": o.label,
                "property": [{"code": "finding", "valueCode": f} for f in o.findings] or None,
            }
            for q in questionnaire.questions
            for o in q.options
        ]
        return _code_system(
            base,
            name,
            "LumpGuide triage answers (question.option)",
            concepts,
            version=questionnaire.version,
            property=[
                {
                    "code": "finding",
                    "uri": system(base, "finding"),
                    "type": "code",
                    "description": "A finding (lumpguide-finding) this answer asserts",
                }
            ],
        )
    if name == "urgency":
        return _code_system(
            base,
            name,
            "LumpGuide urgency levels",
            [
                {"code": code, "display": questionnaire.level(code).headline}
                for code in URGENCY_ORDER
            ],
        )
    if name == "condition":
        names = {c.slug: c.name for c in questionnaire.conditions}
        return _code_system(
            base,
            name,
            "LumpGuide possible causes",
            [{"code": slug, "display": names.get(slug, slug)} for slug in CONDITION_SLUGS],
        )
    if name == "observation":
        return _code_system(
            base,
            name,
            "LumpGuide observation codes",
            [{"code": code, "display": display} for code, display in OBSERVATION_CODES.items()],
        )
    raise KeyError(name)


# One walk -----------------------------------------------------------------------------------


def _concept(base: str, name: str, code: str, display: str, text: str | None = None) -> dict:
    codings = [_coding(base, name, code, display)]
    if name == "finding" and code in SNOMED_FINDINGS:
        snomed_code, snomed_display = SNOMED_FINDINGS[code]
        codings.append({"system": SNOMED, "code": snomed_code, "display": snomed_display})
    return {"coding": codings, "text": text or display}


def _component(base: str, code: str, value: dict) -> dict:
    return {
        "code": {"coding": [_coding(base, "observation", code, OBSERVATION_CODES[code])]},
        "valueCodeableConcept": value,
    }


def assessment_observation(handover: Handover, triage: Triage, *, base: str) -> Observation:
    """The advice, contained in the QuestionnaireResponse it is derived from ("#")."""
    advice = triage.advice
    components = [
        _component(base, "red-flag", _concept(base, "finding", f, finding_words(f)))
        for f in advice.red_flags
    ]
    components += [
        _component(base, "red-flag-ruled-out", _concept(base, "finding", f, finding_words(f)))
        for f in triage.red_flags_ruled_out
    ]
    components += [
        _component(base, "finding", _concept(base, "finding", f, finding_words(f)))
        for f in triage.findings
        if f not in RED_FLAGS
    ]
    for code, causes in (("possible-cause", triage.likely), ("cause-to-rule-out", triage.rule_out)):
        components += [
            _component(
                base,
                code,
                _concept(
                    base,
                    "condition",
                    cause.slug,
                    cause.name,
                    text=f"{cause.name}: {'; '.join(cause.why)}" if cause.why else cause.name,
                ),
            )
            for cause in causes
        ]
    return Observation(
        id="advice",
        status="final",
        category=[{"coding": [{"system": CATEGORY, "code": "survey", "display": "Survey"}]}],
        code={"coding": [_coding(base, "observation", "triage-advice", "LumpGuide triage advice")]},
        issued=handover.made_at,
        valueCodeableConcept={
            "coding": [_coding(base, "urgency", advice.urgency, advice.headline)],
            "text": f"{advice.label}. {advice.headline}",
        },
        derivedFrom=[{"reference": "#"}],
        component=components or None,
        note=[{"text": _("From the person's own answers to LumpGuide. Not a diagnosis.")}],
    )


def questionnaire_response(
    handover: Handover, triage: Triage, *, questionnaire: Questionnaire, base: str
) -> QuestionnaireResponse:
    items = []
    for line in triage.lines:
        question = questionnaire.question(line.question_id)
        options = [question.option(option_id) for option_id in line.chosen_ids]
        items.append(
            {
                "linkId": line.question_id,
                "text": line.question,
                "answer": [
                    {
                        "valueCoding": _coding(
                            base, "answer", answer_code(question.id, option.id), option.label
                        )
                    }
                    for option in options
                    if option is not None
                ],
            }
        )
    return QuestionnaireResponse(
        id=str(uuid.uuid4()),
        questionnaire=f"{canonical(base, 'Questionnaire', QUESTIONNAIRE_ID)}|{triage.version}",
        status="completed",
        authored=handover.made_at,
        contained=[assessment_observation(handover, triage, base=base)],
        item=items,
    )


# The diary ----------------------------------------------------------------------------------


def check_in_observation(check_in: CheckIn, *, size_cm: float | None, base: str) -> Observation:
    def component(code: str, **value) -> dict:
        coding = [_coding(base, "observation", code, OBSERVATION_CODES[code])]
        if code == "pain-score":
            coding.insert(0, {"system": LOINC, "code": LOINC_PAIN[0], "display": LOINC_PAIN[1]})
        return {"code": {"coding": coding}, **value}

    components = []
    size = float(check_in.size_cm) if check_in.size_cm is not None else size_cm
    if size is not None:
        quantity = {"value": size, "unit": "cm", "system": UCUM, "code": "cm"}
        components.append(component("lump-size", valueQuantity=quantity))
    components.append(component("pain-score", valueInteger=check_in.pain))
    for code, value in (
        ("red", check_in.red),
        ("hot", check_in.hot),
        ("leaking", check_in.leaking),
        ("colour-changed", check_in.colour_changed),
    ):
        components.append(component(code, valueBoolean=value))
    notes = []
    if check_in.size_cm is None and check_in.size_word:
        notes.append(
            {
                "text": _("Size given as “%(word)s”; the size is its typical centimetres.")
                % {"word": CheckIn.Size(check_in.size_word).label}
            }
        )
    if check_in.note:
        notes.append({"text": check_in.note})
    return Observation(
        id=str(check_in.key),
        status="final",
        category=[{"coding": [{"system": CATEGORY, "code": "survey", "display": "Survey"}]}],
        code={"coding": [_coding(base, "observation", "lump-check-in", "Lump diary check-in")]},
        effectiveDateTime=check_in.recorded_at,
        component=components,
        note=notes or None,
    )


def document(handover: Handover, *, questionnaire: Questionnaire, base: str):
    """The download: the QuestionnaireResponse alone, or with a diary a collection Bundle of
    it (when there is a walk) and one Observation per check-in."""
    response = (
        questionnaire_response(handover, handover.triage, questionnaire=questionnaire, base=base)
        if handover.triage is not None
        else None
    )
    if handover.diary is None:
        return response
    resources = [response] if response is not None else []
    resources += [
        check_in_observation(row.check_in, size_cm=row.size_cm, base=base)
        for row in handover.diary.rows
    ]
    return Bundle(
        type="collection",
        timestamp=handover.made_at,
        entry=[
            {"fullUrl": f"urn:uuid:{resource.id}", "resource": resource} for resource in resources
        ],
    )
