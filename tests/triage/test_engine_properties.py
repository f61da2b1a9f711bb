"""Hypothesis properties of the triage engine over random finding sets and answer sets."""

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.triage.engine import (
    QUESTIONNAIRE_PATH,
    AnswerError,
    assess,
    load_questionnaire_file,
    next_step,
    prune_answers,
)
from apps.triage.engine.assess import with_implied
from apps.triage.engine.contract import (
    CONTRADICTIONS,
    EMERGENCY_FLAGS,
    FINDINGS,
    IMPLIES,
    REASSURING,
    URGENCY_ORDER,
    URGENCY_RANK,
    URGENT_FLAGS,
)
from tests.triage.walker import walk

Q = load_questionnaire_file(QUESTIONNAIRE_PATH)
MAX_WALK = 14  # the longest walk the design allows
QUESTION_IDS = [q.id for q in Q.questions]
OPTION_IDS = sorted({o.id for q in Q.questions for o in q.options})
#: The questions as the JavaScript engine reads them (Q.spec is made afresh on each read)
SPEC_QUESTIONS = {q["id"]: q for q in Q.spec["questions"]}

finding_sets = st.frozensets(st.sampled_from(FINDINGS))
SETTINGS = settings(max_examples=300, deadline=None, database=None)


def rank(findings: frozenset[str]) -> int:
    return URGENCY_RANK[assess(Q, findings).urgency]


@SETTINGS
@given(findings=finding_sets, flag=st.sampled_from(EMERGENCY_FLAGS))
def test_emergency_floor_red_flags_always_give_emergency(findings, flag):
    result = assess(Q, findings | {flag})
    assert result.urgency == "emergency"
    assert result.follow_up_days is None
    assert result.red_flags


@SETTINGS
@given(findings=finding_sets, flag=st.sampled_from(URGENT_FLAGS))
def test_urgent_floor_red_flags_give_urgent_or_higher(findings, flag):
    assert rank(findings | {flag}) >= URGENCY_RANK["urgent"]


worrying_sets = st.frozensets(st.sampled_from([f for f in FINDINGS if f not in REASSURING]))


@SETTINGS
@given(a=finding_sets, b=worrying_sets)
def test_adding_a_worrying_finding_never_lowers_urgency(a, b):
    assert rank(a | b) >= rank(a)


@SETTINGS
@given(a=finding_sets, b=finding_sets)
def test_a_reassuring_finding_only_ever_lifts_a_routine_visit(a, b):
    """Only "a doctor has examined it", "it is getting smaller" and "it is a mole" may lower
    the level, and only from routine to self-care: never below soon, never past a red flag."""
    before, after = rank(a), rank(a | b)
    if after < before:
        assert set(b) & set(REASSURING)
        assert (before, after) == (URGENCY_RANK["routine"], URGENCY_RANK["self_care"])


@SETTINGS
@given(findings=finding_sets)
def test_implied_findings_change_nothing(findings):
    """The contract: everyone with onset_long has over_two_weeks, with mole_change has mole;
    saying both or only the first gives the same result."""
    assert assess(Q, findings).to_dict() == assess(Q, with_implied(findings)).to_dict()
    for finding, implied in IMPLIES.items():
        assert set(implied) <= with_implied(findings | {finding})


@SETTINGS
@given(findings=finding_sets)
def test_red_flag_conditions_rank_in_top_three(findings):
    promoted = [
        c.slug
        for c in Q.conditions
        if any(all(f in findings for f in group) for group in c.top_three_if)
    ]
    slugs = [c.slug for c in assess(Q, findings).conditions]
    if len(promoted) <= 3:
        assert set(promoted) <= set(slugs[:3])
    else:
        assert slugs[:3] == [s for s in slugs if s in promoted][:3]


@SETTINGS
@given(findings=finding_sets)
def test_assessment_is_well_formed_and_deterministic(findings):
    first = assess(Q, findings).to_dict()
    assert first == assess(Q, frozenset(sorted(findings))).to_dict()
    assessment = first["assessment"]
    assert assessment["urgency"] in URGENCY_ORDER
    assert len(assessment["conditions"]) <= 5
    assert len({c["slug"] for c in assessment["conditions"]}) == len(assessment["conditions"])
    assert all(c["why"] for c in assessment["conditions"])
    assert assessment["next_steps"]
    assert set(assessment["red_flags"]) <= findings


def _answers_to(question: dict[str, Any]) -> st.SearchStrategy[list[str]]:
    """What a person can answer to this question: one option of a single-choice question, else
    an exclusive option alone or any options that can be true together."""
    options = question["options"]
    if question["kind"] == "single":
        return st.sampled_from([o["id"] for o in options]).map(lambda option: [option])
    exclusive = [o["id"] for o in options if o.get("exclusive")]
    others = [o["id"] for o in options if not o.get("exclusive")]
    together = st.lists(st.sampled_from(others), min_size=1, unique=True).map(
        lambda chosen: without_contradictions(question, chosen)
    )
    if not exclusive:
        return together
    return st.sampled_from(exclusive).map(lambda option: [option]) | together


def answer_for(question: dict[str, Any]) -> st.SearchStrategy[list[str]]:
    """_answers_to(question), made once a question: a strategy made afresh on each draw is
    checked afresh by Hypothesis, which took most of these tests' time."""
    return ANSWERS_TO[question["id"]]


def without_contradictions(question: dict[str, Any], chosen: list[str]) -> list[str]:
    """The options in order, dropping any that cannot be true with one kept before it."""
    findings = {o["id"]: set(o["findings"]) for o in question["options"]}
    kept: list[str] = []
    said: set[str] = set()
    for option_id in chosen:
        if not any({a, b} <= said | findings[option_id] for a, b in CONTRADICTIONS):
            kept.append(option_id)
            said |= findings[option_id]
    return kept


ANSWERS_TO = {question_id: _answers_to(q) for question_id, q in SPEC_QUESTIONS.items()}


@SETTINGS
@given(data=st.data())
def test_random_walks_end_within_the_limit_and_never_repeat_a_question(data):
    answers: dict[str, list[str]] = {}
    asked: list[str] = []
    while True:
        step = next_step(Q, answers).to_dict()
        if step["done"]:
            break
        question = step["question"]
        assert question["id"] not in asked
        assert step["progress"]["answered"] == len(answers)
        assert step["progress"]["remaining_at_most"] >= 1
        assert len(asked) + step["progress"]["remaining_at_most"] <= MAX_WALK
        asked.append(question["id"])
        answers[question["id"]] = data.draw(answer_for(SPEC_QUESTIONS[question["id"]]))
    assert len(asked) <= MAX_WALK
    assert asked == [qid for qid in QUESTION_IDS if qid in answers]
    findings = {
        f
        for q in Q.questions
        for option_id in answers.get(q.id, [])
        for f in q.option(option_id).findings
    }
    unsure = [q.id for q in Q.questions if any(q.option(o).unsure for o in answers.get(q.id, []))]
    assert step == assess(Q, frozenset(findings), unsure).to_dict()
    assert prune_answers(Q, answers) == answers


def test_the_longest_possible_walk_is_within_the_limit():
    # Everything that does not end the walk early, and one side of each contradiction
    ends_early = {"fever", "spreading_redness", "severe_pain", "leg_weakness", "numb_one_leg"}
    ends_early |= {"cancer_history", "cancer_treatment_now", "reducible_bulge"}
    one_side = {second for _first, second in CONTRADICTIONS}
    everything = frozenset(FINDINGS) - set(EMERGENCY_FLAGS) - ends_early - one_side
    longest = walk(everything, lambda a: next_step(Q, a).to_dict())
    assert len(longest.questions_asked) == len(Q.questions) == 13
    assert len(Q.questions) <= MAX_WALK


def test_every_question_is_reachable():
    for question in Q.questions:
        findings = set(question.ask_if_any[:1])
        result = walk(findings, lambda a: next_step(Q, a).to_dict())
        assert question.id in result.questions_asked


REACH_EACH_LEVEL = {
    "self_care": {"soft", "moves", "painless", "loc_side", "size_small", "onset_long", "stable"}
    | {"checked_harmless"},
    "routine": {"hair_pit"},
    "soon": {"growing"},
    "urgent": {"fever"},
    "emergency": {"saddle_numbness"},
}


def test_every_urgency_level_is_reachable():
    for level, findings in REACH_EACH_LEVEL.items():
        result = walk(findings, lambda a: next_step(Q, a).to_dict())
        assert result.assessment["urgency"] == level


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@SETTINGS
@given(answers=json_like)
def test_next_step_only_raises_answer_error_on_arbitrary_json(answers):
    try:
        step = next_step(Q, answers)
    except AnswerError as error:
        assert error.message
    else:
        assert isinstance(step.to_dict()["done"], bool)


near_valid = st.dictionaries(
    st.sampled_from([*QUESTION_IDS, "x"]),
    st.lists(st.sampled_from([*OPTION_IDS, "x"]), max_size=4)
    | st.sampled_from([None, "none", 3, [["none"]]]),
    max_size=len(QUESTION_IDS) + 1,
)


@SETTINGS
@given(answers=near_valid)
def test_near_valid_answers_only_raise_answer_error(answers):
    try:
        step = next_step(Q, answers)
    except AnswerError as error:
        assert error.message
    else:
        assert step.to_dict()["done"] in (True, False)


@SETTINGS
@given(data=st.data())
def test_pruned_answers_are_always_accepted(data):
    answers = {
        q["id"]: data.draw(answer_for(q))
        for q in SPEC_QUESTIONS.values()
        if data.draw(st.booleans())
    }
    pruned = prune_answers(Q, answers)
    assert set(pruned) <= set(answers)
    next_step(Q, pruned)  # never raises


@SETTINGS
@given(findings=finding_sets)
def test_the_walk_stops_exactly_when_the_urgency_reaches_the_stop_level(findings):
    """The precomputed stop triggers (Questionnaire.reaches_stop, and the spec's stop_triggers
    that the JavaScript engine reads) say what working out the urgency would."""
    from apps.triage.engine.assess import urgency_of

    reached = URGENCY_RANK[urgency_of(Q, findings)] >= URGENCY_RANK[Q.stop_at_urgency]
    assert Q.reaches_stop(findings) == reached


@SETTINGS
@given(findings=finding_sets)
def test_the_indexed_rules_and_floors_are_every_one_that_applies(findings):
    """The questionnaire reads only the rules under a finding present (the first of each
    rule's): exactly the rules that fire and the floors present, as reading every one finds."""
    present = with_implied(findings)
    firing = Q.rules_firing(present)
    assert sorted(r.id for r in firing) == sorted(r.id for r in Q.rules if r.fires(present))
    assert sorted(Q.floors_present(present)) == sorted(
        (flag, floor) for flag, floor in Q.red_flag_floors if flag in present
    )


def test_a_red_flag_given_two_floors_is_held_to_both():
    """A questionnaire made by hand may name a red flag twice: each floor counts, as when
    every pair was read (the loader makes one a flag)."""
    from dataclasses import replace

    twice = replace(Q, red_flag_floors=(*Q.red_flag_floors, ("saddle_numbness", "routine")))
    assessment = assess(twice, frozenset({"saddle_numbness"}))
    assert assessment.urgency == "emergency"
    assert assessment.red_flags == ("saddle_numbness",)
    # ... and conditions are ranked from a list of findings as from a set, as they always were
    from apps.triage.engine.assess import rank_conditions

    assert rank_conditions(Q, ["soft", "moves"]) == rank_conditions(Q, frozenset({"soft", "moves"}))
