"""Turn an assessment into what the result screen shows for the person's region."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.triage.engine import Question
from apps.triage.engine.contract import CONTRADICTIONS, SERIOUS_CONDITIONS
from lumpguide.regions import Region

CARD_CLASS = {
    "emergency": "care-card-emergency",
    "urgent": "care-card-urgent",
    "soon": "care-card-non-urgent",
    "routine": "care-card-non-urgent",
    "self_care": "care-card-self-care",
}


#: The questions about what the skin and the lump's surface look like: the place a person
#: cannot see on their own back, so these screens offer "Take a photo to look" (the photo
#: stays on the phone: static/js/photos.js). tests/triage/test_views.py checks each is asked.
PHOTO_QUESTIONS = frozenset({"skin", "surface"})


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
        "soon": _("Soon, not today"),
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


# Lazy: made once at import, said in the language of each request that reads it.
RED_FLAG_LABELS = {
    "saddle_numbness": gettext_lazy("numbness between your legs or around your bottom"),
    "bladder_bowel_change": gettext_lazy("a change in peeing or pooing"),
    "sexual_dysfunction": gettext_lazy("a change in sexual feeling or function"),
    "both_legs_symptoms": gettext_lazy("symptoms in both legs"),
    "very_unwell": gettext_lazy("feeling very unwell"),
    "leg_weakness": gettext_lazy("weakness in one leg"),
    "fever": gettext_lazy("a high temperature"),
    "spreading_redness": gettext_lazy("redness spreading from the lump"),
    "severe_pain": gettext_lazy("very bad pain"),
    "chest_pain": gettext_lazy("pain in or spreading to your chest"),
    "sudden_severe_pain": gettext_lazy("sudden, very bad pain"),
    "serious_accident": gettext_lazy("a serious accident"),
    "numb_one_leg": gettext_lazy("numbness in one leg"),
    "blistering_rash": gettext_lazy("a rash of blisters"),
}


def red_flag_labels(codes: list[str]) -> list[str]:
    return [str(RED_FLAG_LABELS.get(code, code.replace("_", " "))) for code in codes]


def _says_none_of_these(question: dict, option: dict) -> bool:
    """The option is a "None of these" (or "the skin looks normal"): an exclusive option
    with no findings that is not a "Not sure", which rules nothing out.

    Options as the API gives them carry no `exclusive` or `unsure`; then an option of a
    multiple-choice question with no findings is taken as exclusive (the questionnaire
    marks every such option so), and the id `not_sure` as a "Not sure"."""
    if option["findings"]:
        return False
    exclusive = option.get("exclusive", question.get("kind") == "multiple")
    unsure = option.get("unsure", option["id"] == "not_sure")
    return bool(exclusive) and not unsure


def _ruled_out(question: dict, chosen: list[dict]) -> list[str]:
    """What a "None of these" answer says the person does not have: the labels of the
    question's options that assert findings. Empty for any other answer."""
    if len(chosen) != 1 or not _says_none_of_these(question, chosen[0]):
        return []
    return [o["label"] for o in question["options"] if o["findings"]]


def answer_rows(
    questions: list[dict], answers: dict[str, list[str]], change_url=None
) -> list[dict]:
    """Each answered question with the chosen labels, for the summary and the printout.

    `change_url`: a function of the question's id, for a row's Change link (the summary
    screen's); without it the rows have none.

    `ruled_out`: for a "None of these" answer, what "these" were (see _ruled_out), so that a
    doctor reading the summary sees what the person said they do not have."""
    by_id = {question["id"]: question for question in questions}
    rows = []
    for question_id, options in answers.items():
        question = by_id[question_id]
        chosen = [o for o in question["options"] if o["id"] in options]
        row = {
            "question": question["text"],
            "answer": [o["label"] for o in chosen],
            "ruled_out": _ruled_out(question, chosen),
        }
        if change_url:
            row["change_url"] = change_url(question_id)
        rows.append(row)
    return rows


def questionnaire_rows(
    questionnaire, answers: dict[str, list[str]], *, change_links: bool = False
) -> list[dict]:
    """answer_rows for a walk of this questionnaire; with `change_links`, each row's Change
    link to its screen (only the summary screen has them: a reverse() a row is not free)."""
    return answer_rows(
        questionnaire.public_dict()["questions"],
        answers,
        (lambda question_id: reverse("triage:question", args=[question_id]))
        if change_links
        else None,
    )


#: What a question screen says when the options chosen cannot go together, or are not there.
EITHER_OR = gettext_lazy("Choose either “%(option)s” or the signs you have, not both.")
NOT_SHOWN = gettext_lazy("Choose one of the answers shown.")
BOTH_TRUE = gettext_lazy(
    "“%(first)s” and “%(second)s” cannot both be true. Choose the one that fits best."
)


#: When nothing was chosen on a screen that has a "None of these" (by its own label).
CHOOSE_SOME_OR = gettext_lazy("Choose at least one answer, or “%(option)s”.")


def empty_answer_message(question: Question) -> str:
    """What a question screen says when nothing was chosen: it names the screen's own "None
    of these" option, and only where the screen has one (triage.js says the same offline)."""
    if question.kind == "single":
        return _("Choose an answer.")
    none = next(
        (o for o in question.options if o.exclusive and not o.findings and not o.unsure), None
    )
    if none is None:
        return _("Choose at least one answer.")
    return CHOOSE_SOME_OR % {"option": none.label}


def answer_error_message(*, question: Question, chosen: Sequence[str]) -> str:
    """What the question screen says when the engine refuses the options chosen (AnswerError).

    The engine's own message is for the API; this one is plain words for the person.
    """
    options = [question.option(option_id) for option_id in chosen]
    well_formed = None not in options and len(set(chosen)) == len(chosen)
    exclusive = [o for o in options if o is not None and o.exclusive]
    if well_formed and len(options) > 1 and exclusive:
        return str(EITHER_OR) % {"option": exclusive[0].label}
    if well_formed:
        for first, second in CONTRADICTIONS:
            saying = [
                next((o for o in options if finding in o.findings), None)
                for finding in (first, second)
            ]
            if None not in saying:
                return str(BOTH_TRUE) % {"first": saying[0].label, "second": saying[1].label}
    return str(NOT_SHOWN)


def split_causes(conditions: Sequence[dict]) -> tuple[list[dict], list[dict]]:
    """The causes to list as likely, and the serious ones that are not first: those sit apart,
    in "A doctor may want to rule out", with the answers that raised them (H16)."""
    likely = [c for i, c in enumerate(conditions) if i == 0 or c["slug"] not in SERIOUS_CONDITIONS]
    rule_out = [c for i, c in enumerate(conditions) if i > 0 and c["slug"] in SERIOUS_CONDITIONS]
    return likely, rule_out
