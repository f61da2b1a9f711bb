"""The contract's vignette walk over the worked examples, through next_step()."""

import json
from pathlib import Path

import pytest

from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file, next_step
from apps.triage.engine.contract import URGENCY_RANK
from tests.triage.walker import walk

Q = load_questionnaire_file(QUESTIONNAIRE_PATH)
EXAMPLES_PATH = Path("/work/shared/vignettes-examples.json")
# A copy of the worked examples travels with the tests, so they run without /work/shared.
# (id, findings, accept with the best level first, conditions), as in the shared file.
_ROWS = [
    (
        "E01",
        "back_pain saddle_numbness bladder_bowel_change onset_days loc_spine",
        "emergency",
        "cauda-equina-syndrome",
    ),
    (
        "E02",
        "red warm tender fever very_unwell onset_days size_medium loc_side",
        "emergency",
        "skin-abscess cellulitis",
    ),
    (
        "E03",
        "red warm tender fluid discharge size_medium onset_days loc_side",
        "urgent soon",
        "skin-abscess",
    ),
    (
        "E04",
        "soft moves painless size_small onset_long stable loc_side over_two_weeks",
        "self_care routine",
        "lipoma",
    ),
    (
        "E05",
        "firm deep size_large growing onset_weeks painless fixed loc_side",
        "soon urgent",
        "soft-tissue-sarcoma",
    ),
    (
        "E06",
        "mole_change size_small painless onset_weeks loc_side mole",
        "soon urgent",
        "skin-cancer",
    ),
    (
        "E07",
        "central_dot firm moves painless size_small onset_long stable loc_side over_two_weeks",
        "self_care routine",
        "epidermoid-cyst",
    ),
    (
        "E08",
        "loc_buttock_cleft hair_pit tender pain_sitting size_small onset_weeks",
        "routine soon",
        "pilonidal-sinus",
    ),
    (
        "E09",
        "recent_injury bruised tender soft size_medium onset_days stable loc_side",
        "self_care routine",
        "haematoma",
    ),
    (
        "E10",
        "firm tender back_pain size_small onset_days loc_side",
        "self_care routine",
        "muscle-knot",
    ),
]
LOCAL_EXAMPLES = [
    {
        "id": row[0],
        "findings": row[1].split(),
        "urgency": row[2].split()[0],
        "accept": row[2].split(),
        "conditions": row[3].split(),
    }
    for row in _ROWS
]


def examples() -> list[dict]:
    if EXAMPLES_PATH.exists():
        return json.loads(EXAMPLES_PATH.read_text(encoding="utf-8"))
    return LOCAL_EXAMPLES


def engine_next(answers: dict[str, list[str]]) -> dict:
    return next_step(Q, answers).to_dict()


def test_local_copy_matches_the_shared_examples():
    if not EXAMPLES_PATH.exists():
        pytest.skip("the shared examples are not on this machine")
    shared = json.loads(EXAMPLES_PATH.read_text(encoding="utf-8"))
    keys = ("id", "findings", "urgency", "accept", "conditions")
    assert [{k: v[k] for k in keys} for v in shared] == LOCAL_EXAMPLES


@pytest.mark.parametrize("case", examples(), ids=lambda case: case["id"])
def test_vignette_walk(case):
    result = walk(case["findings"], engine_next)
    assessment = result.assessment
    lowest = min(URGENCY_RANK[u] for u in case["accept"])
    assert URGENCY_RANK[assessment["urgency"]] >= lowest, "under-triage"
    assert assessment["urgency"] in case["accept"]
    if assessment["urgency"] != case["urgency"]:
        # The best level, for the worked examples, unless a "Not sure" answer (the walk's
        # answer for a finding the case leaves out) made the advice more careful, and said so,
        # or the lump has lasted over 2 weeks and no doctor has examined it (NHS "Lumps": see
        # a GP; the clinical review, brief 8.3), which the case does not say.
        unsure_notes = [q.unsure_note for q in Q.questions if q.unsure_note]
        assert (case["urgency"], assessment["urgency"]) == ("self_care", "routine")
        not_examined = "over_two_weeks" in case["findings"]
        assert not_examined or set(unsure_notes) & set(assessment["next_steps"])
    top_three = [c["slug"] for c in assessment["conditions"][:3]]
    assert set(case["conditions"]) & set(top_three), top_three
    asked = result.questions_asked
    assert len(asked) == len(set(asked)) <= 13


def test_emergency_vignettes_end_after_the_first_screen():
    for case in examples():
        if case["urgency"] == "emergency" and {"saddle_numbness", "very_unwell"} & set(
            case["findings"]
        ):
            assert walk(case["findings"], engine_next).questions_asked == ["emergency_signs"]
