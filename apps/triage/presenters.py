"""Turn an assessment into what the result screen shows for the person's region."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from lumpguide.regions import Region

CARD_CLASS = {
    "emergency": "care-card-emergency",
    "urgent": "care-card-urgent",
    "soon": "care-card-non-urgent",
    "routine": "care-card-non-urgent",
    "self_care": "care-card-self-care",
}


@dataclass(frozen=True)
class UrgencyView:
    code: str
    label: str
    action: str
    card_class: str


def urgency_view(code: str, region: Region) -> UrgencyView:
    labels = {
        "emergency": _("Immediate action required"),
        "urgent": _("Urgent advice: today"),
        "soon": _("See a doctor within 2 weeks"),
        "routine": _("Non-urgent advice"),
        "self_care": _("Self-care"),
    }
    actions = {
        "emergency": region.emergency_action + ".",
        "urgent": region.urgent_action + ".",
        "soon": _("Make an appointment to see %(doctor)s within 2 weeks.")
        % {"doctor": region.doctor},
        "routine": _("Book an ordinary appointment with %(doctor)s.") % {"doctor": region.doctor},
        "self_care": _("See %(doctor)s if it changes, gets worse or you are worried.")
        % {"doctor": region.doctor},
    }
    return UrgencyView(
        code=code, label=labels[code], action=actions[code], card_class=CARD_CLASS[code]
    )


RED_FLAG_LABELS = {
    "saddle_numbness": _("numbness between your legs or around your bottom"),
    "bladder_bowel_change": _("a change in peeing or pooing"),
    "sexual_dysfunction": _("a change in sexual feeling or function"),
    "both_legs_symptoms": _("symptoms in both legs"),
    "very_unwell": _("feeling very unwell"),
    "leg_weakness": _("weakness in one leg"),
    "fever": _("a high temperature"),
    "spreading_redness": _("redness spreading from the lump"),
    "severe_pain": _("very bad pain"),
}


def red_flag_labels(codes: list[str]) -> list[str]:
    return [str(RED_FLAG_LABELS.get(code, code.replace("_", " "))) for code in codes]


def answer_rows(questions: list[dict], answers: dict[str, list[str]], change_url) -> list[dict]:
    """Each answered question with the chosen labels, for the summary and the printout."""
    by_id = {question["id"]: question for question in questions}
    rows = []
    for question_id, options in answers.items():
        question = by_id[question_id]
        rows.append(
            {
                "question": question["text"],
                "answer": [o["label"] for o in question["options"] if o["id"] in options],
                "change_url": change_url(question_id),
            }
        )
    return rows
