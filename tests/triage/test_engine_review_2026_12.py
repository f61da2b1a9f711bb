"""The clinical review of 2026-12-06 (clinical brief section 8): every sign the NHS acts on,
the look-alikes, and advice that never contradicts itself. The people in the issue, then
properties over all finding sets."""

import re

import pytest
from hypothesis import given

from apps.triage.engine import (
    QUESTIONNAIRE_PATH,
    AnswerError,
    assess,
    load_questionnaire_file,
    next_step,
)
from apps.triage.engine.assess import with_implied
from apps.triage.engine.contract import URGENCY_RANK
from tests.triage.test_engine_properties import SETTINGS, finding_sets

Q = load_questionnaire_file(QUESTIONNAIRE_PATH)
BY_SLUG = {c.slug: c for c in Q.conditions}
HEAT_OR_MASSAGE = re.compile(r"\b(heat|massage|warm, wet cloth|warm, damp flannel)\b", re.I)
NO_RED_FLAGS = {"emergency_signs": ["none"], "urgent_signs": ["none"]}


def result(*findings: str, unsure: tuple[str, ...] = ()):
    return assess(Q, frozenset(findings), unsure)


def steps(*findings: str) -> str:
    return " ".join(result(*findings).next_steps)


def slugs(*findings: str, top: int = 3) -> list[str]:
    return [c.slug for c in result(*findings).conditions[:top]]


# -- 8.1: emergencies ---------------------------------------------------------------------


@pytest.mark.parametrize("option", ["chest_pain", "sudden_pain", "accident", "sepsis_skin"])
def test_the_first_screen_sends_the_new_emergency_signs_to_999(option):
    step = next_step(Q, {"emergency_signs": [option]})
    assert step.to_dict()["assessment"]["urgency"] == "emergency"


def test_the_first_screen_asks_about_the_last_few_days_even_once():
    question = Q.question("emergency_signs")
    assert "last few days" in question.text and "even once" in question.text
    labels = " ".join(o.label for o in question.options)
    assert "buttocks" in labels and "when you wipe" in labels
    assert "cannot feel when you need to go" in labels


def test_an_older_man_with_sudden_severe_back_pain_is_an_emergency_with_the_aorta_listed():
    assessment = result("sudden_severe_pain", "age_over_50", "back_pain")
    assert assessment.urgency == "emergency"
    assert assessment.conditions[0].slug == "aortic-aneurysm"


def test_fever_during_cancer_treatment_is_an_emergency_with_the_24_hour_line_and_no_heat():
    assessment = result("fever", "cancer_treatment_now", "red", "tender")
    assert assessment.urgency == "emergency"
    text = " ".join(assessment.next_steps)
    assert "24-hour" in text
    assert not HEAT_OR_MASSAGE.search(text)
    assert result("fever", "immunosuppressed").urgency == "emergency"


def test_severe_back_pain_on_blood_thinners_is_an_emergency_without_heat_or_massage():
    assessment = result("severe_pain", "blood_thinners", "back_pain", "tender", "firm")
    assert assessment.urgency == "emergency"
    assert not HEAT_OR_MASSAGE.search(" ".join(assessment.next_steps))
    assert "Do not stop taking it" in " ".join(assessment.next_steps)


def test_known_cancer_with_leg_symptoms_goes_to_the_cancer_team_or_999():
    assert result("cancer_history", "sciatica").urgency == "urgent"
    assert result("cancer_history", "back_pain", "sciatica").urgency == "emergency"
    assert result("cancer_history", "numb_one_leg").urgency == "emergency"
    assert "spinal-tumour" in slugs("cancer_history", "back_pain", "sciatica")
    assert "cancer team" in steps("cancer_history", "back_pain", "night_pain")


def test_a_hernia_that_has_become_very_painful_is_an_emergency():
    assert result("reducible_bulge", "soft", "loc_side").urgency == "routine"
    assert slugs("reducible_bulge", "soft", "loc_side")[0] == "lumbar-hernia"
    assert result("reducible_bulge", "hard", "severe_pain").urgency == "emergency"


def test_every_emergency_says_what_to_tell_them_and_how_to_get_there():
    cauda = steps("saddle_numbness")
    assert "cauda equina syndrome" in cauda
    assert "Do not drive yourself" in cauda
    assert "Could this be sepsis?" in steps("very_unwell")
    assert "Could this be sepsis?" not in cauda


# -- 8.2: same day --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("findings", "cause"),
    [
        (("numb_one_leg", "back_pain"), "herniated-disc"),
        (("blistering_rash", "tender", "loc_side"), "shingles"),
        (("pain_cough_sneeze", "back_pain"), "herniated-disc"),
        (("recent_injury", "osteoporosis_steroids", "back_pain"), "spinal-fracture"),
        (("recent_injury", "age_over_50", "back_pain", "loc_spine"), "spinal-fracture"),
        (("recent_back_procedure", "red", "warm", "loc_spine"), "spinal-infection"),
        (("urine_symptoms", "fever", "back_pain", "loc_side"), "kidney-infection"),
        (("several_heads", "red", "tender", "discharge"), "skin-abscess"),
        (("blood_thinners", "bruised", "size_large"), "haematoma"),
        (("loc_buttock_cleft", "discharge", "tender", "hair_pit"), "pilonidal-sinus"),
        (("under_16", "growing", "firm"), None),
    ],
)
def test_the_same_day_signs_and_combinations(findings, cause):
    assessment = result(*findings)
    assert assessment.urgency == "urgent", findings
    if cause:
        assert cause in slugs(*findings), (findings, slugs(*findings))


def test_infection_tiers_a_red_sore_lump_is_same_day_with_any_second_sign():
    small_new_boil = ("red", "tender", "size_small", "onset_days", "loc_side")
    assert result(*small_new_boil).urgency == "routine"
    for second in ("central_dot", "size_medium", "onset_weeks", "loc_buttock_cleft", "fluid"):
        assert result("red", "tender", second).urgency == "urgent", second
    # a lump that only leaks cheesy material, not red and not sore, is not same day
    assert URGENCY_RANK[result("discharge", "central_dot", "painless").urgency] < 3


def test_a_sore_knot_beside_the_spine_is_not_same_day_but_a_new_lump_on_it_is():
    assert result("loc_side", "back_pain", "tender", "firm", "onset_days").urgency == "self_care"
    assert result("loc_spine", "back_pain", "onset_days").urgency == "urgent"
    side = Q.question("location").option("side").label
    assert "knot in the muscle beside the spine" in side


def test_an_urgent_result_never_invites_waiting():
    assessment = result("fever", "red")
    assert assessment.follow_up_days is None
    assert "Do not wait to see if it settles." in assessment.next_steps
    # What to do if it cannot be today is the region's action, the page's heading and the API's
    # first step, once (issue 20): every region names a second way to be seen today
    from lumpguide.regions import REGIONS

    for region in REGIONS.values():
        assert re.search(r"\bor\b|If you cannot", str(region.urgent_action)), region.code


def test_a_childs_growing_lump_is_seen_today_never_in_2_weeks():
    text = steps("under_16", "growing", "soft")
    assert "within 2 weeks if it gets bigger" not in text
    child = steps("under_16", "soft", "stable")
    assert "Get the child seen by a doctor today if the lump gets bigger" in child
    assert "within 2 weeks if it gets bigger" not in child


def test_not_sure_raises_to_soon_when_the_answer_would_have_meant_today():
    # Judgement call 10: not sure of the skin over a sore lump (it could be red and hot)
    assessment = result("tender", "firm", "size_small", "onset_days", unsure=("skin",))
    assert assessment.urgency == "soon"
    assert any("could not see the skin" in s for s in assessment.next_steps)
    # Otherwise "Not sure" raises to routine at most
    assert result("soft", "moves", "painless", unsure=("size",)).urgency == "routine"


# -- 8.3: routine and self-care -------------------------------------------------------------


def test_a_lump_over_2_weeks_is_routine_until_a_doctor_has_examined_it():
    lipoma = ("soft", "moves", "painless", "size_small", "stable", "onset_long")
    assert result(*lipoma).urgency == "routine"
    assert result(*lipoma, "checked_harmless").urgency == "self_care"
    assert result(*lipoma[:-1], "onset_weeks", "over_two_weeks").urgency == "routine"
    assert result(*lipoma, "shrinking").urgency == "self_care"


def test_moles_pearly_lumps_and_the_other_look_alikes():
    mole = result("mole", "stable", "onset_long", "painless", "size_small")
    assert mole.urgency == "self_care"
    assert "Check the mole once a month" in " ".join(mole.next_steps)
    assert result("mole_change", "mole").urgency == "soon"
    assert result("pearly", "painless").urgency == "routine"
    assert slugs("pearly", "painless")[0] == "skin-cancer"
    assert result("recurring_lumps_elsewhere", "recurring", "tender").urgency == "routine"
    assert slugs("recurring_lumps_elsewhere", "recurring", "tender")[0] == (
        "hidradenitis-suppurativa"
    )
    assert result("pressure_sore", "loc_hip_bone", "red").urgency == "routine"
    assert slugs("pressure_sore", "loc_hip_bone", "red")[0] == "pressure-ulcer"
    assert result("pressure_sore", "foul_smell", "discharge").urgency == "urgent"
    assert result("since_birth", "under_16", "loc_spine", "hair_pit").urgency == "routine"
    assert slugs("since_birth", "under_16", "loc_spine", "hair_pit")[0] == "spinal-dysraphism"


# -- 8.4: texts, and causes only with a reason ----------------------------------------------


def test_blood_thinner_texts():
    text = steps("blood_thinners", "recent_injury", "bruised", "onset_weeks")
    assert "Do not stop taking it unless a doctor tells you to" in text
    assert "If you also hit your head, go to an emergency department" in text
    assert "Do not take ibuprofen" in text


def test_soon_results_say_what_to_tell_the_receptionist():
    assert "tell the receptionist" in steps("growing", "soft")


def test_a_haematoma_needs_an_injury_bruising_or_blood_thinners():
    teenager = ("loc_buttock_cleft", "hair_pit", "red", "tender", "discharge", "fluid")
    assert "haematoma" not in slugs(*teenager, top=5)
    assert "haematoma" in slugs("recent_injury", "tender", "soft")


def test_back_mice_need_the_hip_bone():
    assert "episacroiliac-lipoma" not in slugs("firm", "moves", "tender", "loc_side", top=5)
    assert "episacroiliac-lipoma" in slugs("firm", "moves", "tender", "loc_hip_bone")


@SETTINGS
@given(findings=finding_sets)
def test_no_go_now_line_asks_the_person_to_watch_for_what_they_said(findings):
    assessment = assess(Q, findings)
    present = with_implied(findings)
    for condition in Q.conditions:
        if condition.go_now_if in assessment.next_steps:
            assert not set(condition.go_now_watch_for) & present, condition.slug


@SETTINGS
@given(findings=finding_sets)
def test_no_heat_or_massage_on_an_urgent_result_or_a_possible_bleed(findings):
    assessment = assess(Q, findings)
    possible_bleed = "blood_thinners" in findings and findings & {"recent_injury", "bruised"}
    if URGENCY_RANK[assessment.urgency] >= URGENCY_RANK["urgent"] or possible_bleed:
        assert not HEAT_OR_MASSAGE.search(" ".join(assessment.next_steps)), findings


@SETTINGS
@given(findings=finding_sets)
def test_every_cause_that_needs_a_finding_is_listed_only_with_it(findings):
    present = with_implied(findings)
    for ranked in assess(Q, findings).conditions:
        groups = BY_SLUG[ranked.slug].requires_one_of
        assert not groups or any(set(group) <= present for group in groups), ranked.slug


@SETTINGS
@given(findings=finding_sets)
def test_a_same_day_result_never_asks_to_look_again_later(findings):
    assessment = assess(Q, findings)
    if URGENCY_RANK[assessment.urgency] >= URGENCY_RANK["urgent"]:
        assert assessment.follow_up_days is None
        assert not any("Look at it again" in s for s in assessment.next_steps)


# -- answers that cannot both be true ---------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "options"),
    [("movement", ["moves", "fixed"]), ("pain", ["tender", "painless"])]
    + [("change", ["growing", "stable"]), ("change", ["stable", "shrinking"])]
    + [("feel", ["soft", "hard"])],
)
def test_two_options_that_cannot_both_be_true_are_refused(question, options):
    answers = {
        **NO_RED_FLAGS,
        "location": ["side"],
        "feel": ["soft"],
        "movement": ["moves"],
        "skin": ["normal"],
        "surface": ["none"],
        "pain": ["tender"],
        "size": ["small"],
        "onset": ["days"],
        "change": ["growing"],
    }
    answers[question] = options
    with pytest.raises(AnswerError, match="cannot both be true"):
        next_step(Q, answers)


def test_the_walk_stays_short():
    """About 12 questions: 13 at most (the smell question only when something leaks)."""
    assert len(Q.questions) == 13
    assert sum(1 for q in Q.questions if not q.ask_if_any) == 12


# -- A phone review by fresh eyes (issue 20): causes that contradict the answers ------------


def test_a_hard_lump_is_not_a_lipoma_first_because_it_moves():
    quiet_but_hard = ("hard", "moves", "painless", "onset_long", "stable", "loc_side", "size_small")
    assert slugs(*quiet_but_hard, top=1) != ["lipoma"]


def test_a_lump_to_one_side_is_never_a_pilonidal_sinus():
    infected_on_the_side = ("loc_side", "red", "warm", "discharge", "tender", "fever", "fluid")
    assert "pilonidal-sinus" not in [c.slug for c in result(*infected_on_the_side).conditions]
    # In the crease, or with the pit with hair, it is still named.
    assert "pilonidal-sinus" in slugs("loc_buttock_cleft", "red", "tender", "discharge")
    assert "pilonidal-sinus" in slugs("hair_pit", "discharge")
