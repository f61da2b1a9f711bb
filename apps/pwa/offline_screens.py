"""The triage screens as the offline code fills them: the server's own partials (question,
summary, result), rendered once with markers in place of the answers' words.

The offline script (static/js/triage.js) clones these, repeats each `data-each` element per
item, removes each `data-if` element that does not apply, and puts the words in place of the
markers (`__name__`) as text: every word and element exists once, in the Django templates.
"""

from django.utils.translation import gettext as _

from apps.triage.engine.contract import URGENCY_ORDER
from apps.triage.presenters import (
    BOTH_TRUE,
    CHOOSE_SOME_OR,
    EITHER_OR,
    NOT_SHOWN,
    PHOTO_QUESTIONS,
    urgency_view,
)
from apps.triage.words import RED_FLAG_LABELS
from lumpguide.regions import Region

#: Stands for the follow-up days: a number, so the plural the template chooses is the one for
#: any count above one (the levels' follow-up days are 2 to 14).
DAYS = 9999999


def screen_messages() -> dict:
    """The words triage-presenters.js and triage.js say on a screen drawn on the phone, in the
    active language, with {option}, {first} and {second} to fill in (presenters' twins)."""
    return {
        "choose_one": _("Choose an answer."),
        "choose_some": _("Choose at least one answer."),
        "choose_some_or": str(CHOOSE_SOME_OR) % {"option": "{option}"},
        "either_or": str(EITHER_OR) % {"option": "{option}"},
        "not_shown": str(NOT_SHOWN),
        "both_true": str(BOTH_TRUE) % {"first": "{first}", "second": "{second}"},
        "red_flags": {code: str(label) for code, label in RED_FLAG_LABELS.items()},
        "days": DAYS,
        # The screens that offer a photo (the question template's data-if="photo" part).
        "photo_questions": sorted(PHOTO_QUESTIONS),
    }


def _row() -> dict:
    return {
        "question": "__row_question__",
        "answer": ["__row_answer__"],
        "ruled_out": ["__row_ruled_out__"],
        "answer_text": "__row_answer__",
        "ruled_out_text": "__row_ruled_out__",
        "change_url": "__row_change_url__",
    }


def _cause(kind: str) -> dict:
    return {"slug": f"__{kind}_slug__", "name": f"__{kind}_name__", "why": ["__why__"]}


def context(region: Region) -> dict:
    """Everything offline_screens.html needs to render each screen once, with markers."""
    question = {
        "id": "__qid__",
        "text": "__text__",
        "help": "__help__",
        "kind": "multiple",
        "options": [{"id": "__option_id__", "label": "__option_label__", "findings": ["x"]}],
    }
    results = [
        {
            "assessment": {
                "urgency": code,
                "headline": "__headline__",
                "red_flags": ["x"],
                "next_steps": ["__step__"],
                "follow_up_days": None if code in ("emergency", "urgent") else DAYS,
                "conditions": [],
            },
            "urgency": urgency_view(code, region),
        }
        for code in URGENCY_ORDER
    ]
    return {
        "question": question,
        "number": "__number__",
        "most": "__most__",
        "back_url": "__back_url__",
        "error": "__error__",
        "chosen": [],
        "answers": {},
        "photo": True,  # kept by triage.js only on the screens of PHOTO_QUESTIONS
        "rows": [_row()],
        "results": results,
        "likely": [_cause("likely")],
        "rule_out": [_cause("rule_out")],
        "red_flag_labels": ["__red_flags__"],
        "messages": screen_messages(),
        "offline_notice": _(
            "You are offline. LumpGuide is working this out on your phone, "
            "with the same questions and rules."
        ),
    }
