"""The download: one FHIR document Bundle, whatever it holds (a walk, a diary or both).

    Bundle (type document; identifier = the document's id; timestamp = when it was made)
      Composition   sections "advice", "answers", "diary": each with its narrative and its
                    entries, or an emptyReason (not started, or withheld when the person left
                    the diary out), so the shape never changes
      Observation   the advice (urgency, red flags, findings, causes), derivedFrom the response
      QuestionnaireResponse   the answers, authored when they were given
      Observation   one per check-in

No Patient: LumpGuide knows no one (the Composition's author is the LumpGuide device). Every
fullUrl is a urn:uuid made from the document's id (uuid5), so the same walk downloaded twice
gives the same ids. A finding is a component coded by its LumpGuide finding code with
valueBoolean: true when the person reported it, false when a red flag was asked about and not
reported; a SNOMED CT code is added only to a finding reported (never to "not reported").
"""

import hashlib
import json
import uuid

from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.composition import Composition
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from apps.diary.models import CheckIn
from apps.handover.fhir.terms import (
    CATEGORY,
    DOCUMENT_CODES,
    EMPTY_REASON,
    EMPTY_REASONS,
    LOINC,
    LOINC_PAIN,
    OBSERVATION_CODES,
    PUBLISHER,
    SNOMED,
    SNOMED_FINDINGS,
    UCUM,
    answer_code,
    bullets,
    coding,
    document_id_system,
    in_language,
    narrative,
    para,
    questionnaire_url,
    translated,
)
from apps.handover.summary import CheckInRow, Diary, Handover, Triage
from apps.handover.text import diary_lines, local_time
from apps.triage.engine import Questionnaire
from apps.triage.engine.contract import RED_FLAGS
from apps.triage.words import URGENCY_WORDS, finding_words
from lumpguide import languages

SURVEY = [{"coding": [{"system": CATEGORY, "code": "survey", "display": "Survey"}]}]


def _observation_code(code: str) -> dict:
    return {"coding": [coding("observation", code, OBSERVATION_CODES[code])]}


def _reference(full_url: str, kind: str) -> dict:
    return {"reference": full_url, "type": kind}


class _Ids:
    """The document's ids: the walk's own (as on paper and in the QR text), or for a diary
    alone one made from its first check-in; the Bundle's adds a digest of the diary, so a
    diary that changed is a new document. Resource fullUrls are uuid5 of these."""

    def __init__(self, handover: Handover) -> None:
        triage, part = handover.triage, handover.diary
        if triage is not None:
            self.composition = triage.document_id
        else:
            assert part is not None
            self.composition = "lg-" + _digest(["diary", str(part.first.key)], 12)
        self.bundle = self.composition
        if part is not None:
            self.bundle += "-" + _digest([_check_in_facts(c) for c in part.check_ins], 8)
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, document_id_system())

    def url(self, document_id: str, name: str) -> str:
        return f"urn:uuid:{uuid.uuid5(self._namespace, f'{document_id}/{name}')}"


def _digest(data, length: int) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:length]


def _check_in_facts(check_in: CheckIn) -> list:
    return [
        str(check_in.key),
        check_in.recorded_at.isoformat(),
        str(check_in.size_cm),
        check_in.size_word,
        check_in.pain,
        check_in.red,
        check_in.hot,
        check_in.leaking,
        check_in.colour_changed,
        check_in.note,
    ]


# The advice ---------------------------------------------------------------------------------


def _finding(code: str, *, reported: bool, kind: str) -> dict:
    """A finding as a component: its LumpGuide code (and SNOMED CT only when reported), true
    or false, and whether it is a red flag (the interpretation)."""
    codings = [coding("finding", code, in_language("en", finding_words, code))]
    if reported and code in SNOMED_FINDINGS:
        snomed_code, snomed_display = SNOMED_FINDINGS[code]
        codings.append({"system": SNOMED, "code": snomed_code, "display": snomed_display})
    return {
        "code": {"coding": codings, "text": finding_words(code)},
        "valueBoolean": reported,
        "interpretation": [_observation_code(kind)],
    }


def _reported_red_flags(triage: Triage) -> list[str]:
    said = set(triage.findings) | set(triage.advice.red_flags)
    return [f for f in RED_FLAGS if f in said]


def _advice_blocks(triage: Triage) -> list[str]:
    advice = triage.advice
    blocks = [
        para(
            _("Advice (%(level)s): %(headline)s")
            % {"level": URGENCY_WORDS[advice.urgency], "headline": advice.headline}
        )
    ]
    if flags := _reported_red_flags(triage):
        blocks.append(
            para(
                _("Red flags reported: %(flags)s.")
                % {"flags": "; ".join(finding_words(f) for f in flags)}
            )
        )
    if triage.red_flags_ruled_out:
        blocks.append(
            para(
                _("Red flags asked about, not reported: %(flags)s.")
                % {"flags": "; ".join(finding_words(f) for f in triage.red_flags_ruled_out)}
            )
        )
    findings = [finding_words(f) for f in triage.findings if f not in RED_FLAGS]
    if findings:
        blocks.append(para(_("Findings: %(findings)s.") % {"findings": "; ".join(findings)}))
    if triage.likely:
        blocks.append(
            para(
                _("Possible causes: %(causes)s.")
                % {"causes": "; ".join(c.name for c in triage.likely)}
            )
        )
    if triage.rule_out:
        blocks.append(
            para(
                _("To exclude: %(causes)s.")
                % {"causes": "; ".join(c.name for c in triage.rule_out)}
            )
        )
    blocks.append(para(_("From the person's own answers to LumpGuide. Not a diagnosis.")))
    return blocks


def advice_observation(
    triage: Triage, *, questionnaire: Questionnaire, response_url: str, ids: _Ids
) -> Observation:
    """The advice, derived from the QuestionnaireResponse (`response_url`)."""
    advice = triage.advice
    components = [_finding(f, reported=True, kind="red-flag") for f in _reported_red_flags(triage)]
    components += [
        _finding(f, reported=False, kind="red-flag-not-reported")
        for f in triage.red_flags_ruled_out
    ]
    components += [
        _finding(f, reported=True, kind="finding") for f in triage.findings if f not in RED_FLAGS
    ]
    english_names = {c.slug: c.name for c in questionnaire.conditions}
    for kind, causes in (("possible-cause", triage.likely), ("cause-to-exclude", triage.rule_out)):
        components += [
            {
                "code": _observation_code(kind),
                "valueCodeableConcept": {
                    "coding": [
                        coding("condition", cause.slug, english_names.get(cause.slug, cause.slug))
                    ],
                    "text": f"{cause.name}: {'; '.join(cause.why)}" if cause.why else cause.name,
                },
            }
            for cause in causes
        ]
    return Observation(
        id=ids.url(ids.composition, "advice").removeprefix("urn:uuid:"),
        language=languages.active(),
        text=narrative(*_advice_blocks(triage)),
        status="final",
        category=SURVEY,
        code=_observation_code("triage-advice"),
        effectiveDateTime=triage.answered_at,
        valueCodeableConcept={
            "coding": [
                coding("urgency", advice.urgency, questionnaire.level(advice.urgency).headline)
            ],
            "text": f"{advice.label}. {advice.headline}",
        },
        derivedFrom=[_reference(response_url, "QuestionnaireResponse")],
        component=components or None,
        note=[{"text": _("From the person's own answers to LumpGuide. Not a diagnosis.")}],
    )


# The answers --------------------------------------------------------------------------------


def _answered_when(handover: Handover, triage: Triage) -> str:
    if triage.answered_at is None:
        return _(
            "When the answers were given is not known: the time shown is when this summary "
            "was made."
        )
    return _("Answers given %(when)s.") % {
        "when": local_time(triage.answered_at, handover.zone_name)
    }


def _answers_blocks(handover: Handover, triage: Triage) -> list[str]:
    return [
        para(triage.complaint),
        para(_answered_when(handover, triage)),
        bullets(f"{line.question} {'; '.join(line.said)}" for line in triage.lines),
        para(_("Questionnaire version %(version)s.") % {"version": triage.version}),
    ]


def questionnaire_response(
    handover: Handover, triage: Triage, *, questionnaire: Questionnaire, asked: Questionnaire
) -> QuestionnaireResponse:
    """The answers: the questions in the words the person read (`asked`), each answer coded
    with its English display and, in another language, the person's words as a translation."""
    language = languages.active()
    items = []
    for line in triage.lines:
        question = questionnaire.question(line.question_id)
        own = asked.question(line.question_id)
        answers = []
        for option_id in line.chosen_ids:
            option = question.option(option_id)
            if option is None:
                continue
            answer = coding("answer", answer_code(question.id, option.id), option.label)
            if language != "en":
                answer["_display"] = translated({language: own.option(option_id).label})
            answers.append({"valueCoding": answer})
        items.append({"linkId": line.question_id, "text": line.question, "answer": answers})
    return QuestionnaireResponse(
        id=triage.document_id,
        language=language,
        text=narrative(*_answers_blocks(handover, triage)),
        questionnaire=f"{questionnaire_url()}|{triage.version}",
        status="completed",
        authored=triage.answered_at or handover.made_at,
        item=items,
    )


# The diary ----------------------------------------------------------------------------------


def _check_in_line(row: CheckInRow, zone_name: str) -> str:
    return _("Check-in of %(when)s: size %(size)s, pain %(pain)s/10.") % {
        "when": local_time(row.check_in.recorded_at, zone_name),
        "size": row.size,
        "pain": row.pain,
    }


def check_in_observation(row: CheckInRow, *, zone_name: str) -> Observation:
    check_in = row.check_in

    def component(code: str, **value) -> dict:
        concept = _observation_code(code)
        if code == "pain-score":
            concept["coding"].insert(
                0, {"system": LOINC, "code": LOINC_PAIN[0], "display": LOINC_PAIN[1]}
            )
        return {"code": concept, **value}

    components = []
    size = float(check_in.size_cm) if check_in.size_cm is not None else row.size_cm
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
    size_note = (
        _("Size given as “%(word)s”; the size is its typical centimetres.")
        % {"word": CheckIn.Size(check_in.size_word).label}
        if check_in.size_cm is None and check_in.size_word
        else ""
    )
    notes = [note for note in (size_note, check_in.note) if note]
    blocks = [para(_check_in_line(row, zone_name))]
    if row.signs:
        blocks.append(para(_("Signs: %(signs)s.") % {"signs": "; ".join(row.signs)}))
    if size_note:
        blocks.append(para(size_note))
    if check_in.note:
        blocks.append(para(_("The person's note: %(note)s") % {"note": check_in.note}))
    return Observation(
        id=str(check_in.key),
        language=languages.active(),
        text=narrative(*blocks),
        status="final",
        category=SURVEY,
        code=_observation_code("lump-check-in"),
        effectiveDateTime=check_in.recorded_at,
        component=components,
        note=[{"text": note} for note in notes] or None,
    )


# The document -------------------------------------------------------------------------------


def _section(code: str, title: str, blocks: list[str], *, entries=(), empty: str = "") -> dict:
    return {
        "title": title,
        "code": {"coding": [coding("document", code, DOCUMENT_CODES[code])]},
        "text": narrative(*blocks),
        "entry": [{"reference": url} for url in entries] or None,
        "emptyReason": (
            {"coding": [{"system": EMPTY_REASON, "code": empty, "display": EMPTY_REASONS[empty]}]}
            if empty
            else None
        ),
    }


def _diary_blocks(part: Diary) -> list[str]:
    return [para(line) for line in diary_lines(part)] + [
        bullets(_check_in_line(row, part.zone_name) for row in part.rows)
    ]


def document(
    handover: Handover,
    *,
    questionnaire: Questionnaire,
    asked: Questionnaire,
    diary_left_out: bool = False,
) -> Bundle:
    """The hand-over as a FHIR document. `questionnaire` is the English edition (every
    coding's display), `asked` the edition in the person's language; `diary_left_out`: the
    person chose to leave their diary out (its section says "withheld")."""
    if handover.empty:
        raise ValueError("Nothing to put in a document")
    language = languages.active()
    ids = _Ids(handover)
    triage, part = handover.triage, handover.diary
    entries: list[tuple[str, object]] = []
    title = _("LumpGuide summary for a clinician")
    not_answered = [para(_("The person has not answered LumpGuide's questions."))]
    if triage is not None:
        response_url = ids.url(ids.composition, "QuestionnaireResponse")
        advice_url = ids.url(ids.composition, "advice")
        response = questionnaire_response(
            handover, triage, questionnaire=questionnaire, asked=asked
        )
        advice = advice_observation(
            triage, questionnaire=questionnaire, response_url=response_url, ids=ids
        )
        entries += [(advice_url, advice), (response_url, response)]
        sections = [
            _section("advice", _("Advice"), _advice_blocks(triage), entries=[advice_url]),
            _section(
                "answers", _("Answers"), _answers_blocks(handover, triage), entries=[response_url]
            ),
        ]
    else:
        sections = [
            _section("advice", _("Advice"), not_answered, empty="notstarted"),
            _section("answers", _("Answers"), not_answered, empty="notstarted"),
        ]
    if part is not None:
        check_ins = [
            (f"urn:uuid:{row.check_in.key}", check_in_observation(row, zone_name=part.zone_name))
            for row in part.rows
        ]
        entries += check_ins
        sections.append(
            _section(
                "diary", _("Lump diary"), _diary_blocks(part), entries=[u for u, _r in check_ins]
            )
        )
    elif diary_left_out:
        sections.append(
            _section(
                "diary",
                _("Lump diary"),
                [para(_("The person chose to leave their lump diary out of this summary."))],
                empty="withheld",
            )
        )
    else:
        sections.append(
            _section(
                "diary",
                _("Lump diary"),
                [para(_("The person has not made any lump diary check-ins."))],
                empty="notstarted",
            )
        )
    composition_url = ids.url(ids.bundle, "Composition")
    composition = Composition(
        id=composition_url.removeprefix("urn:uuid:"),
        language=language,
        text=narrative(
            para(title),
            para(_("Document %(id)s.") % {"id": ids.composition}),
            para(_("From the person's own answers. Not a diagnosis.")),
        ),
        identifier={"system": document_id_system(), "value": ids.composition},
        status="final",
        type={
            "coding": [coding("document", "handover", DOCUMENT_CODES["handover"])],
            "text": title,
        },
        date=handover.made_at,
        author=[{"type": "Device", "display": PUBLISHER}],
        title=title,
        section=sections,
    )
    return Bundle(
        id=ids.bundle,
        language=language,
        identifier={"system": document_id_system(), "value": ids.bundle},
        type="document",
        timestamp=handover.made_at,
        entry=[
            {"fullUrl": url, "resource": resource}
            for url, resource in [(composition_url, composition), *entries]
        ],
    )
