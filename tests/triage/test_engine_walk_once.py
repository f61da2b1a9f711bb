"""engine.walk reads a stored walk in one pass; it must say exactly what resume, next_step and
screen_progress say of the same answers (the JavaScript engine has those, held equal to them
by the shared vectors)."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.triage.engine import (
    AnswerError,
    QuestionScreen,
    ResultScreen,
    SummaryScreen,
    answer,
    answer_walk,
    next_step,
    resume,
    screen_progress,
    walk,
)
from tests.triage.test_engine_properties import (
    OPTION_IDS,
    QUESTION_IDS,
    SETTINGS,
    SPEC_QUESTIONS,
    Q,
    answer_for,
    near_valid,
)

VECTORS = json.loads((Path(__file__).parent / "vectors.json").read_text())


def assert_same_as_three_passes(answers) -> None:
    once = walk(Q, answers)
    kept = resume(Q, answers)
    assert once.answers == kept
    assert once.step.to_dict() == next_step(Q, kept).to_dict()
    on_walk = [*kept, *([] if once.done else [once.current_question_id])]
    for question_id in on_walk:
        assert once.progress(Q, question_id) == screen_progress(Q, kept, question_id)


#: Strategies made once (Hypothesis checks each new one): what becomes of a stored answer, and
#: an answer no form gives.
CHANGES = st.sampled_from(["keep"] * 6 + ["drop", "spoil"])
SPOILED = st.lists(st.sampled_from([*OPTION_IDS, "x"]), max_size=3) | st.just("none")


@st.composite
def stored_walks(draw: st.DrawFn) -> dict:
    """Every question answered well, some of them then dropped or spoiled, as a walk stored
    before the questionnaire changed (or an edited cookie) would be."""
    answers = {q["id"]: draw(answer_for(q)) for q in SPEC_QUESTIONS.values()}
    for question_id in QUESTION_IDS:
        change = draw(CHANGES)
        if change == "drop":
            del answers[question_id]
        elif change == "spoil":
            answers[question_id] = draw(SPOILED)
    return answers


@SETTINGS
@given(answers=stored_walks())
def test_one_pass_equals_resume_next_step_and_screen_progress(answers):
    assert_same_as_three_passes(answers)


@SETTINGS
@given(answers=near_valid)
def test_one_pass_equals_them_on_near_valid_answers(answers):
    assert_same_as_three_passes(answers)


def test_one_pass_equals_them_on_every_shared_vector():
    kinds = ("cases", "prune_cases", "flow_cases", "progress_cases", "resume_cases")
    # Each different walk once: the kinds share most of theirs (685 of 1,998 differ), and the
    # engine gives the same answers the same result.
    cases = {
        json.dumps(case["answers"]): case["answers"] for kind in kinds for case in VECTORS[kind]
    }
    assert len(cases) > 20
    for answers in cases.values():
        assert_same_as_three_passes(answers)


def test_not_a_mapping_is_an_empty_walk():
    for answers in (None, [], "emergency_signs", 3):
        assert walk(Q, answers).answers == {}
        assert walk(Q, answers).current_question_id == QUESTION_IDS[0]


def test_an_unreadable_answer_ends_the_walk_there_even_to_a_question_not_asked():
    # "smell" is asked only when something leaks: its spoiled answer still cuts the walk.
    answers = {
        "emergency_signs": ["none"],
        "urgent_signs": ["none"],
        "location": ["side"],
        "feel": ["soft"],
        "movement": ["moves"],
        "skin": ["normal"],
        "surface": ["none"],
        "smell": "none",
        "pain": ["none"],
    }
    assert_same_as_three_passes(answers)
    assert "pain" not in walk(Q, answers).answers


def test_a_questionnaire_that_stops_at_the_lowest_level_ends_at_the_first_answer():
    import dataclasses

    lowest = dataclasses.replace(Q, stop_at_urgency="self_care")
    first = QUESTION_IDS[0]
    answers = {first: ["none"]}
    assert walk(lowest, answers).done and next_step(lowest, answers).done
    assert_same_as_three_passes_with(lowest, answers)


def assert_same_as_three_passes_with(questionnaire, answers) -> None:
    once = walk(questionnaire, answers)
    kept = resume(questionnaire, answers)
    assert once.answers == kept
    assert once.step.to_dict() == next_step(questionnaire, kept).to_dict()


# answer_walk: an answer taken, read in one pass, says what answer then walk say.


def assert_answer_walk_same_as_answer_then_walk(answers, question_id, options) -> None:
    try:
        kept = answer(Q, answers, question_id, options)
    except AnswerError as refused:
        with pytest.raises(AnswerError) as also:
            answer_walk(Q, answers, question_id, options)
        assert str(also.value) == str(refused)
        return
    taken, kept_once = answer_walk(Q, answers, question_id, options)
    assert kept_once == kept
    again = walk(Q, kept)
    assert taken.answers == again.answers
    assert taken.step.to_dict() == again.step.to_dict()
    for on_walk in [*again.answers, *([] if again.done else [again.current_question_id])]:
        assert taken.progress(Q, on_walk) == again.progress(Q, on_walk)


#: For each question (and one that is not there), any answer: one a person gives, or not.
ANY_ANSWER_TO = {
    question_id: (
        answer_for(SPEC_QUESTIONS[question_id]) if question_id in SPEC_QUESTIONS else st.nothing()
    )
    | st.lists(st.sampled_from([*OPTION_IDS, "x"]), max_size=3)
    | st.just("none")
    for question_id in [*QUESTION_IDS, "nope"]
}
QUESTION_OR_NOT = st.sampled_from(list(ANY_ANSWER_TO))


@SETTINGS
@given(data=st.data(), answers=stored_walks())
def test_answer_walk_equals_answer_then_walk(data, answers):
    question_id = data.draw(QUESTION_OR_NOT)
    options = data.draw(ANY_ANSWER_TO[question_id])
    assert_answer_walk_same_as_answer_then_walk(answers, question_id, options)


def test_answer_walk_equals_answer_then_walk_on_every_flow_vector():
    assert len(VECTORS["flow_cases"]) > 5
    for case in VECTORS["flow_cases"]:
        assert_answer_walk_same_as_answer_then_walk(
            case["answers"], case["question_id"], case["options"]
        )


# The screens a walk shows.


def test_the_next_screen_is_the_next_question_until_the_walk_is_over():
    state = walk(Q, {})
    screen = state.next_screen()
    assert isinstance(screen, QuestionScreen)
    assert screen.question.id == QUESTION_IDS[0] and screen.chosen == ()
    assert screen.progress == state.progress(Q, QUESTION_IDS[0])
    assert state.summary_screen() is None and state.result_screen() is None


def test_an_emergency_goes_to_the_result_at_once_and_anything_else_to_the_summary():
    emergency = walk(Q, {QUESTION_IDS[0]: ["saddle"]})
    assert emergency.urgency == "emergency"
    assert isinstance(emergency.next_screen(), ResultScreen)
    for case in VECTORS["cases"]:
        state = walk(Q, case["answers"])
        if state.done and state.urgency != "emergency":
            assert isinstance(state.next_screen(), SummaryScreen)
            break
    else:
        raise AssertionError("no vector ends below emergency")


def test_a_question_off_the_walk_has_no_screen():
    state = walk(Q, {})
    assert state.question_screen(QUESTION_IDS[1]) is None
    assert state.question_screen("nope") is None


def test_the_result_lists_serious_causes_after_the_first_apart():
    serious = {c.slug for c in Q.conditions if c.serious}
    seen_apart = 0
    for case in VECTORS["cases"]:
        state = walk(Q, case["answers"])
        if not state.done:
            continue
        screen = state.result_screen()
        conditions = state.step.conditions
        assert screen.likely[:1] == conditions[:1]
        assert sorted([*screen.likely, *screen.rule_out], key=conditions.index) == list(conditions)
        assert all(c.slug in serious for c in screen.rule_out)
        assert all(c.slug not in serious for c in screen.likely[1:])
        seen_apart += bool(screen.rule_out)
    assert seen_apart, "no vector lists a serious cause apart"
