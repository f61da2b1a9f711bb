"""next_step() and prune_answers(): the walk, its progress and every kind of bad answer."""

import pytest

from apps.triage.engine import (
    QUESTIONNAIRE_PATH,
    AnswerError,
    Assessment,
    NextQuestion,
    load_questionnaire_file,
    next_step,
    prune_answers,
)
from apps.triage.engine.contract import EMERGENCY_FLAGS, URGENT_FLAGS

Q = load_questionnaire_file(QUESTIONNAIRE_PATH)
NO_RED_FLAGS = {"emergency_signs": ["none"], "urgent_signs": ["none"]}
FULL = {
    **NO_RED_FLAGS,
    "location": ["side"],
    "feel": ["soft"],
    "movement": ["moves"],
    "skin": ["normal"],
    "surface": ["none"],
    "pain": ["painless"],
    "size": ["small"],
    "onset": ["long"],
    "change": ["stable", "checked"],
    "background": ["none"],
}


def test_first_question_is_the_emergency_screen():
    step = next_step(Q, {})
    assert isinstance(step, NextQuestion)
    question = step.to_dict()["question"]
    assert question["id"] == "emergency_signs"
    assert question["kind"] == "multiple"
    findings = {f for option in question["options"] for f in option["findings"]}
    assert findings == set(EMERGENCY_FLAGS)
    none = question["options"][-1]
    assert none == {"id": "none", "label": "None of these", "findings": []}
    assert step.to_dict()["progress"] == {"answered": 0, "remaining_at_most": 13}


def test_urgent_red_flags_come_next_for_everyone():
    step = next_step(Q, {"emergency_signs": ["none"]}).to_dict()
    assert step["question"]["id"] == "urgent_signs"
    findings = {f for option in step["question"]["options"] for f in option["findings"]}
    # and pee symptoms, which are not a red flag alone (a kidney infection with back pain)
    assert findings == set(URGENT_FLAGS) | {"urine_symptoms"}


@pytest.mark.parametrize(
    "option", ["saddle", "bladder_bowel", "sexual", "both_legs", "very_unwell"]
)
def test_any_emergency_sign_ends_the_walk_at_once(option):
    step = next_step(Q, {"emergency_signs": [option]})
    assert isinstance(step, Assessment)
    assert step.to_dict()["assessment"]["urgency"] == "emergency"


def test_fever_with_leg_weakness_ends_the_walk_after_the_second_screen():
    step = next_step(Q, {"emergency_signs": ["none"], "urgent_signs": ["fever", "leg_weakness"]})
    assert step.to_dict()["assessment"]["urgency"] == "emergency"


def test_full_walk_gives_the_contract_shape():
    result = next_step(Q, FULL).to_dict()
    assert set(result) == {"done", "assessment"}
    assert result["done"] is True
    assessment = result["assessment"]
    assert list(assessment) == [
        "urgency",
        "headline",
        "red_flags",
        "conditions",
        "next_steps",
        "follow_up_days",
    ]
    assert assessment["urgency"] == "self_care"
    assert assessment["conditions"][0]["slug"] == "lipoma"
    assert set(assessment["conditions"][0]) == {"slug", "name", "why"}


def test_progress_counts_answers_and_an_upper_bound():
    answers = dict(list(FULL.items())[:6])
    step = next_step(Q, answers).to_dict()
    assert step["question"]["id"] == "surface"
    assert step["progress"] == {"answered": 6, "remaining_at_most": 7}  # smell may be asked


def test_smell_is_asked_only_when_something_leaks():
    answers = {**dict(list(FULL.items())[:6]), "surface": ["discharge"]}
    assert next_step(Q, answers).to_dict()["question"]["id"] == "smell"
    answers["surface"] = ["central_dot"]
    assert next_step(Q, answers).to_dict()["question"]["id"] == "pain"


BAD_ANSWERS = [
    (None, "answers must be an object mapping question ids to lists of option ids"),
    ([], "answers must be an object mapping question ids to lists of option ids"),
    ({1: ["none"]}, "question ids in answers must be strings"),
    ({"feels": ["soft"]}, 'unknown question "feels"'),
    ({"emergency_signs": "none"}, 'answer to question "emergency_signs" must be a list'),
    ({"emergency_signs": []}, 'answer to question "emergency_signs" is empty'),
    ({"emergency_signs": [1]}, 'answer to question "emergency_signs" must contain only option'),
    ({"emergency_signs": ["nope"]}, 'unknown option "nope" for question "emergency_signs"'),
    (
        {"emergency_signs": ["saddle", "saddle"]},
        'option "saddle" is given twice for question "emergency_signs"',
    ),
    (
        {"emergency_signs": ["none", "saddle"]},
        'option "none" for question "emergency_signs" cannot be combined with other options',
    ),
    ({**NO_RED_FLAGS, "size": ["small", "large"]}, 'question "size" takes exactly one option'),
    ({"location": ["side"]}, 'question "location" was not asked: question "emergency_signs"'),
    (
        {**NO_RED_FLAGS, "smell": ["yes"]},
        'question "smell" was not asked: question "location" must be answered first',
    ),
    (
        {**FULL, "smell": ["yes"]},
        'question "smell" was not asked: it does not apply given the earlier answers',
    ),
    (
        {"emergency_signs": ["saddle"], "urgent_signs": ["none"]},
        'question "urgent_signs" was not asked: the questionnaire had already ended',
    ),
]


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS)
def test_bad_answers_raise_answer_error_naming_the_problem(answers, message):
    with pytest.raises(AnswerError) as error:
        next_step(Q, answers)
    assert message in str(error.value)
    assert error.value.message == str(error.value)


def test_prune_drops_answers_that_no_longer_apply():
    answers = {**FULL, "surface": ["discharge"], "smell": ["yes"]}
    assert next_step(Q, answers).done
    changed = {**answers, "surface": ["none"]}
    with pytest.raises(AnswerError):
        next_step(Q, changed)
    pruned = prune_answers(Q, changed)
    assert "smell" not in pruned
    assert pruned == FULL
    assert next_step(Q, pruned).done


def test_prune_drops_everything_after_an_emergency_and_after_a_new_gap():
    assert prune_answers(Q, {**FULL, "emergency_signs": ["saddle"]}) == {
        "emergency_signs": ["saddle"]
    }
    gap = {**FULL, "surface": ["discharge"]}  # smell now needs an answer
    pruned = prune_answers(Q, gap)
    assert list(pruned)[-1] == "surface"
    assert next_step(Q, pruned).to_dict()["question"]["id"] == "smell"


def test_prune_still_rejects_malformed_answers():
    with pytest.raises(AnswerError, match='unknown question "x"'):
        prune_answers(Q, {"x": ["y"]})


def test_changing_an_answer_keeps_the_later_answers_that_still_apply():
    """The flow in the engine (Python here, the same in JavaScript by the shared vectors):
    changing the size from the summary keeps every later answer, so the walk is still done."""
    from apps.triage.engine import answer, resume, screen_progress
    from tests.triage.walker import walk as walk_with

    findings = ["loc_side", "soft", "moves", "painless", "size_small", "onset_long", "stable"]
    done = walk_with(findings, lambda a: next_step(Q, a).to_dict())
    answers = resume(Q, done.answers)
    changed = answer(Q, answers, "size", ["large"])
    assert changed == {**answers, "size": ["large"]}
    assert next_step(Q, changed).done
    # An answer that opens a new question: it is asked next, and the later answers are kept
    # (issue 20), to come back once it is answered
    leaking = answer(Q, answers, "surface", ["discharge"])
    assert leaking == {**answers, "surface": ["discharge"]}
    assert next_step(Q, resume(Q, leaking)).to_dict()["question"]["id"] == "smell"
    smelled = answer(Q, leaking, "smell", ["no"])
    assert resume(Q, smelled) == {**answers, "surface": ["discharge"], "smell": ["no"]}
    assert next_step(Q, resume(Q, smelled)).done
    # Progress: the number counts the answers before the screen; Back goes to the one before.
    progress = screen_progress(Q, changed, "size")
    assert progress.previous == list(changed)[list(changed).index("size") - 1]
    assert progress.number == list(changed).index("size") + 1
    assert progress.most >= len(changed)
