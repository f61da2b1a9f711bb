"""LumpGuide's FHIR vocabulary: canonical URLs, the code systems' codes with their English
displays, and the small builders every resource uses (codings, translations, narratives).

Canonical URLs start at settings.LUMPGUIDE_CANONICAL_BASE, never at the host a request came
to: one URL (and version) has one meaning, wherever a file was downloaded. A code's display
is always English (the code system's own); the words of the person's language go in a
CodeableConcept's text, a narrative, or the FHIR translation extension."""

from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

QUESTIONNAIRE_ID = "lumpguide-triage"
PUBLISHER = "LumpGuide"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
XHTML = "http://www.w3.org/1999/xhtml"

#: SNOMED CT codes for contract findings, only where the concept is certain (a well-known
#: clinical finding with the same meaning), and only ever on a finding the person reported:
#: a finding asked about and not reported carries its LumpGuide code alone, so a system that
#: collects SNOMED CT codes never records what the person said they do not have.
SNOMED_FINDINGS = {
    "fever": ("386661006", "Fever (finding)"),
    "diabetes": ("73211009", "Diabetes mellitus (disorder)"),
}
#: LOINC's patient-reported 0-10 pain score, which is what a check-in's pain is.
LOINC_PAIN = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")

#: The codes of LumpGuide's observations and their parts (the "observation" CodeSystem).
#: "red-flag", "red-flag-not-reported" and "finding" interpret a finding's true or false.
OBSERVATION_CODES = {
    "triage-advice": "LumpGuide triage advice",
    "finding": "Finding the person reported",
    "red-flag": "Red flag reported",
    "red-flag-not-reported": "Red flag asked about and not reported",
    "possible-cause": "Possible cause",
    "cause-to-exclude": "Serious cause to exclude",
    "lump-check-in": "Lump diary check-in",
    "lump-size": "Size of the lump, longest side",
    "pain-score": "Pain, 0 to 10",
    "red": "Red or darker than the skin around it",
    "hot": "Hot to the touch",
    "leaking": "Leaking",
    "colour-changed": "Changed colour",
}
#: The hand-over document's type and its sections (the "document" CodeSystem).
DOCUMENT_CODES = {
    "handover": "LumpGuide summary for a clinician",
    "advice": "The advice LumpGuide gave",
    "answers": "The person's answers to the LumpGuide questions",
    "diary": "The person's lump diary",
}
#: Each published CodeSystem, /fhir/CodeSystem/lumpguide-<name>.
CODE_SYSTEMS = (
    "finding",
    "question",
    "answer",
    "urgency",
    "condition",
    "observation",
    "document",
)
#: list-empty-reason's displays (terminology.hl7.org).
EMPTY_REASONS = {
    "notstarted": "Not Started",
    "withheld": "Information Withheld",
    "nilknown": "Nil Known",
}


def base() -> str:
    return settings.LUMPGUIDE_CANONICAL_BASE.rstrip("/")


def questionnaire_url() -> str:
    return base() + reverse("handover:fhir_questionnaire")


def system(name: str) -> str:
    """The canonical URL of the LumpGuide CodeSystem `name` (one of CODE_SYSTEMS)."""
    return base() + reverse("handover:fhir_code_system", args=[f"lumpguide-{name}"])


def document_id_system() -> str:
    return base() + "/document-id"


def coding(name: str, code: str, display: str) -> dict:
    return {"system": system(name), "code": code, "display": display}


def answer_code(question_id: str, option_id: str) -> str:
    return f"{question_id}.{option_id}"


def in_language(language: str, words: Callable[..., object], *args) -> str:
    """words(*args) as `language` says it (gettext's lazy strings are evaluated inside)."""
    with translation.override(language):
        return str(words(*args))


def translated(texts: Mapping[str, str]) -> dict | None:
    """The FHIR translation extension for a primitive's `_element`: {language: words}."""
    if not texts:
        return None
    return {
        "extension": [
            {
                "url": TRANSLATION,
                "extension": [
                    {"url": "lang", "valueCode": language},
                    {"url": "content", "valueString": words},
                ],
            }
            for language, words in texts.items()
        ]
    }


# Narratives: generated XHTML, every word escaped.


def narrative(*blocks: str) -> dict:
    return {"status": "generated", "div": f'<div xmlns="{XHTML}">{"".join(blocks)}</div>'}


def para(text: object) -> str:
    return f"<p>{escape(text)}</p>"


def bullets(items: Iterable[object]) -> str:
    items = [f"<li>{escape(item)}</li>" for item in items]
    return f"<ul>{''.join(items)}</ul>" if items else ""
