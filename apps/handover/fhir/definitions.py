"""The published definitions: the triage Questionnaire and LumpGuide's CodeSystems.

Always in English, whatever language the request asks for (a canonical URL and version mean
one thing); each other language's words ride along as the FHIR translation extension (on the
Questionnaire's `_text`/`_display`) or as designations (on a CodeSystem's concepts).

- The Questionnaire: every question an item (linkId and item.code = the question id), asked
  when an earlier answer asserts one of its ask-if findings (enableWhen, behaviour "any");
  every option an answerOption coded in the answer CodeSystem ("<question>.<option>"), a
  "None of these" marked exclusive (questionnaire-optionExclusive).
- The CodeSystems: findings (the contract's codes), questions, answers (each lists the
  findings it asserts), urgency levels, conditions, observation codes and document codes.
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire

from apps.handover.fhir.terms import (
    CODE_SYSTEMS,
    DOCUMENT_CODES,
    OBSERVATION_CODES,
    OPTION_EXCLUSIVE,
    PUBLISHER,
    QUESTIONNAIRE_ID,
    answer_code,
    bullets,
    coding,
    in_language,
    narrative,
    para,
    questionnaire_url,
    system,
    translated,
)
from apps.triage.engine import Questionnaire
from apps.triage.engine.contract import CONDITION_SLUGS, FINDINGS, URGENCY_ORDER
from apps.triage.words import finding_words

#: Another language's edition of the same questionnaire version: {language: questionnaire}.
Editions = Mapping[str, Questionnaire]

TITLE = _("LumpGuide: a sore lump on the lower back")
DESCRIPTION = (
    "Self-help triage questions for a sore lump on the lower back. Not a diagnostic tool; not "
    "yet signed off by a clinician."
)


def _status(questionnaire: Questionnaire) -> str:
    return "draft" if "draft" in questionnaire.version else "active"


def _enable_when(questionnaire: Questionnaire, index: int) -> list[dict]:
    """The earlier answers that assert one of the question's ask-if findings: any one of them
    asks it (the engine's Question.applies)."""
    question = questionnaire.questions[index]
    if not question.ask_if_any:
        return []
    return [
        {
            "question": earlier.id,
            "operator": "=",
            "answerCoding": coding("answer", answer_code(earlier.id, option.id), option.label),
        }
        for earlier in questionnaire.questions[:index]
        for option in earlier.options
        if any(finding in question.ask_if_any for finding in option.findings)
    ]


def questionnaire_resource(
    questionnaire: Questionnaire, *, editions: Editions
) -> FhirQuestionnaire:
    """The Questionnaire from the English `questionnaire`, with `editions`' words as
    translations."""
    items = []
    for index, question in enumerate(questionnaire.questions):
        enable_when = _enable_when(questionnaire, index)
        items.append(
            {
                "linkId": question.id,
                "code": [coding("question", question.id, question.text)],
                "text": question.text,
                "_text": translated(
                    {lang: ed.question(question.id).text for lang, ed in editions.items()}
                ),
                "type": "choice",
                "repeats": question.kind == "multiple",
                "required": False,
                "enableWhen": enable_when or None,
                "enableBehavior": "any" if enable_when else None,
                "answerOption": [
                    {
                        "extension": (
                            [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}]
                            if option.exclusive
                            else None
                        ),
                        "valueCoding": {
                            **coding("answer", answer_code(question.id, option.id), option.label),
                            "_display": translated(
                                {
                                    lang: ed.question(question.id).option(option.id).label
                                    for lang, ed in editions.items()
                                }
                            ),
                        },
                    }
                    for option in question.options
                ],
            }
        )
    title = in_language("en", str, TITLE)
    return FhirQuestionnaire(
        id=QUESTIONNAIRE_ID,
        language="en",
        text=narrative(
            para(title),
            bullets(f"{q.id}: {q.text}" for q in questionnaire.questions),
        ),
        url=questionnaire_url(),
        version=questionnaire.version,
        name="LumpGuideTriage",
        title=title,
        title__ext=translated({lang: in_language(lang, str, TITLE) for lang in editions}),
        status=_status(questionnaire),
        publisher=PUBLISHER,
        description=DESCRIPTION,
        item=items,
    )


# The code systems ---------------------------------------------------------------------------


def _concept(code: str, display: str, designations: Mapping[str, str], **extra) -> dict:
    return {
        "code": code,
        "display": display,
        "designation": [
            {"language": language, "value": words} for language, words in designations.items()
        ]
        or None,
        **extra,
    }


def _code_system(name: str, title: str, concepts: list[dict], **extra) -> CodeSystem:
    return CodeSystem(
        id=f"lumpguide-{name}",
        language="en",
        text=narrative(para(title), bullets(f"{c['code']}: {c['display']}" for c in concepts)),
        url=system(name),
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


def code_system(name: str, *, questionnaire: Questionnaire, editions: Editions) -> CodeSystem:
    """One of CODE_SYSTEMS from the English `questionnaire`, with `editions`' words as
    designations; KeyError for any other name."""
    if name not in CODE_SYSTEMS:
        raise KeyError(name)
    version = {"version": questionnaire.version}
    if name == "finding":
        concepts = [
            _concept(
                f,
                in_language("en", finding_words, f),
                {lang: in_language(lang, finding_words, f) for lang in editions},
            )
            for f in FINDINGS
        ]
        return _code_system(
            name, "LumpGuide findings (the triage contract's finding codes)", concepts, **version
        )
    if name == "question":
        concepts = [
            _concept(q.id, q.text, {lang: ed.question(q.id).text for lang, ed in editions.items()})
            for q in questionnaire.questions
        ]
        return _code_system(name, "LumpGuide triage questions", concepts, **version)
    if name == "answer":
        concepts = [
            _concept(
                answer_code(q.id, o.id),
                o.label,
                {lang: ed.question(q.id).option(o.id).label for lang, ed in editions.items()},
                property=[{"code": "finding", "valueCode": f} for f in o.findings] or None,
            )
            for q in questionnaire.questions
            for o in q.options
        ]
        return _code_system(
            name,
            "LumpGuide triage answers (question.option)",
            concepts,
            property=[
                {
                    "code": "finding",
                    "uri": system("finding"),
                    "type": "code",
                    "description": "A finding (lumpguide-finding) this answer asserts",
                }
            ],
            **version,
        )
    if name == "urgency":
        concepts = [
            _concept(
                code,
                questionnaire.level(code).headline,
                {lang: ed.level(code).headline for lang, ed in editions.items()},
            )
            for code in URGENCY_ORDER
        ]
        return _code_system(name, "LumpGuide urgency levels", concepts, **version)
    if name == "condition":
        names = {c.slug: c.name for c in questionnaire.conditions}
        others = {lang: {c.slug: c.name for c in ed.conditions} for lang, ed in editions.items()}
        concepts = [
            _concept(
                slug,
                names.get(slug, slug),
                {lang: own[slug] for lang, own in others.items() if slug in own},
            )
            for slug in CONDITION_SLUGS
        ]
        return _code_system(name, "LumpGuide possible causes", concepts, **version)
    codes, title = {
        "observation": (OBSERVATION_CODES, "LumpGuide observation codes"),
        "document": (DOCUMENT_CODES, "LumpGuide hand-over document and section codes"),
    }[name]
    return _code_system(
        name, title, [_concept(code, display, {}) for code, display in codes.items()]
    )
