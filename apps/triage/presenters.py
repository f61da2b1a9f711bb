"""Turn an assessment into what the result screen shows for the person's region."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.triage.engine import Question, Questionnaire
from apps.triage.engine.contract import CONTRADICTIONS
from apps.triage.words import URGENCY_LABELS
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


def _action(code: str, region: Region) -> str:
    """What to do at this level, in the region's words (only the level shown is translated)."""
    match code:
        case "emergency":
            return region.emergency_action + "."
        case "urgent":
            return region.urgent_action + "."
        case "soon":
            return _("Make an appointment to see %(doctor)s within 2 weeks.") % {
                "doctor": region.doctor
            }
        case "routine":
            return _("Book an ordinary appointment with %(doctor)s.") % {"doctor": region.doctor}
        case "self_care":
            return _("See %(doctor)s if it changes, gets worse or you are worried.") % {
                "doctor": region.doctor
            }
    raise KeyError(code)


def urgency_view(code: str, region: Region) -> UrgencyView:
    return UrgencyView(
        code=code,
        label=str(URGENCY_LABELS[code]),
        action=_action(code, region),
        card_class=CARD_CLASS[code],
    )


def questionnaire_rows(
    questionnaire: Questionnaire, answers: dict[str, list[str]], *, change_links: bool = False
) -> list[dict]:
    """Each answered question with the chosen labels, for the summary and the printout.

    `ruled_out`: for a "None of these" answer, what "these" were (the labels of the
    question's options that assert findings), so that a doctor reading the summary sees what
    the person said they do not have.

    With `change_links`, each row's Change link to its screen (only the summary screen has
    them: a reverse() a row is not free)."""
    rows = []
    for question_id, option_ids in answers.items():
        question = questionnaire.question(question_id)
        chosen = [o for o in question.options if o.id in option_ids]
        says_none = len(chosen) == 1 and chosen[0].says_none_of_these
        row = {
            "question": question.text,
            "answer": [o.label for o in chosen],
            "ruled_out": [o.label for o in question.options if o.findings] if says_none else [],
        }
        if change_links:
            row["change_url"] = reverse("triage:question", args=[question_id])
        rows.append(row)
    return rows


def screen_rows(
    questionnaire: Questionnaire, answers: dict[str, list[str]], *, change_links: bool = False
) -> list[dict]:
    """questionnaire_rows as the summary and result screens show them: each row also has its
    labels joined (`answer_text`, `ruled_out_text`; triage.js joins them alike), once here, as
    a template's |join costs more than the rest of the row."""
    return [
        {
            **row,
            "answer_text": ", ".join(row["answer"]),
            "ruled_out_text": "; ".join(row["ruled_out"]),
        }
        for row in questionnaire_rows(questionnaire, answers, change_links=change_links)
    ]


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
    none = question.none_of_these
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
