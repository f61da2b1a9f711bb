"""assess(): urgency rules, red flags, conditions and advice, from finding sets."""

import re

import pytest

from apps.triage.engine import QUESTIONNAIRE_PATH, assess, load_questionnaire_file
from apps.triage.engine.contract import (
    CONDITION_SLUGS,
    EMERGENCY_FLAGS,
    URGENCY_RANK,
    URGENT_FLAGS,
)

Q = load_questionnaire_file(QUESTIONNAIRE_PATH)


def urgency(*findings: str) -> str:
    return assess(Q, frozenset(findings)).urgency


def top(*findings: str, n: int = 3) -> list[str]:
    return [c.slug for c in assess(Q, frozenset(findings)).conditions[:n]]


def at_least(level: str, floor: str) -> bool:
    return URGENCY_RANK[level] >= URGENCY_RANK[floor]


def test_no_findings_is_self_care_with_a_check_again_date():
    result = assess(Q, frozenset())
    assert result.urgency == "self_care"
    assert result.headline == "You can look after this at home for now."
    assert result.follow_up_days == 14
    assert result.conditions == ()


@pytest.mark.parametrize("flag", EMERGENCY_FLAGS)
def test_each_emergency_red_flag_alone_gives_emergency(flag):
    result = assess(Q, frozenset({flag}))
    assert result.urgency == "emergency"
    assert result.red_flags == (flag,)
    assert result.follow_up_days is None
    assert result.headline == "Call the emergency number or go to an emergency department now."


@pytest.mark.parametrize("flag", URGENT_FLAGS)
def test_each_urgent_red_flag_alone_gives_urgent(flag):
    result = assess(Q, frozenset({flag}))
    assert result.urgency == "urgent"
    assert result.red_flags == (flag,)
    assert result.headline == "Get medical help today."


def test_fever_with_leg_weakness_is_an_emergency():
    result = assess(Q, frozenset({"fever", "leg_weakness", "back_pain"}))
    assert result.urgency == "emergency"
    assert result.red_flags == ("leg_weakness", "fever")
    assert "spinal-infection" in top("fever", "leg_weakness", "back_pain")


def test_spreading_redness_with_fever_is_an_emergency():
    assert urgency("spreading_redness", "fever", "red", "warm") == "emergency"


def test_cancer_history_with_leg_weakness_is_an_emergency():
    assert urgency("cancer_history", "leg_weakness") == "emergency"


def test_fever_with_back_pain_lists_spinal_infection_in_top_three():
    findings = ("fever", "back_pain", "red", "warm", "tender", "discharge", "fluid", "onset_days")
    assert urgency(*findings) == "urgent"
    assert "spinal-infection" in top(*findings)


def test_cauda_equina_signs_list_cauda_equina_first():
    for flag in ("saddle_numbness", "bladder_bowel_change", "sexual_dysfunction"):
        assert top(flag)[0] == "cauda-equina-syndrome"


def test_back_pain_with_a_worrying_background_is_urgent():
    for extra in ("cancer_history", "weight_loss", "night_pain"):
        assert urgency("back_pain", extra, "loc_side") == "urgent"


def test_new_spine_lump_with_back_pain_is_urgent():
    assert urgency("loc_spine", "back_pain", "onset_days") == "urgent"
    assert urgency("loc_spine", "back_pain", "onset_weeks") == "urgent"
    assert urgency("loc_spine", "back_pain", "growing", "onset_long") == "urgent"


def test_unchanged_spine_lump_or_side_knot_with_back_pain_is_not_urgent():
    # LumpGuide's reading of the NHS urgent tier [NHS-BACKPAIN]
    assert urgency("loc_spine", "back_pain", "onset_long", "stable", "soft", "moves") == "routine"
    assert urgency("loc_side", "back_pain", "tender", "firm", "onset_days") == "self_care"
    # A lump there for over 2 weeks that no doctor has examined: see a GP (brief 8.3)
    assert urgency("loc_hip_bone", "back_pain", "tender", "firm", "moves", "onset_long") == (
        "routine"
    )
    assert (
        urgency(
            "loc_hip_bone", "back_pain", "tender", "firm", "moves", "onset_long", "checked_harmless"
        )
        == "self_care"
    )


def test_hot_red_lump_is_urgent():
    assert urgency("red", "warm", "tender", "size_small") == "urgent"
    assert urgency("red", "tender", "discharge") == "urgent"


def test_infection_signs_with_diabetes_or_weak_immunity_are_urgent():
    for risk in ("diabetes", "immunosuppressed"):
        assert urgency(risk, "discharge") == "urgent"
        assert urgency(risk, "red", "tender", "size_small") == "urgent"


def test_small_sore_red_spot_is_routine():
    assert urgency("red", "tender", "size_small", "onset_days") == "routine"


def test_sarcoma_features_are_seen_within_two_weeks_with_sarcoma_in_top_three():
    assert urgency("growing") == "soon"
    for findings in (
        ("size_large", "deep"),
        ("size_large", "fixed"),
        ("hard", "fixed"),
        ("growing", "onset_weeks"),
    ):
        assert urgency(*findings) == "soon", findings
        assert "soft-tissue-sarcoma" in top(*findings), findings
    big_lipoma = ("size_large", "soft", "moves", "painless", "onset_long", "stable")
    assert "soft-tissue-sarcoma" in top(*big_lipoma)
    assert top(*big_lipoma)[0] == "lipoma"


def test_changing_mole_or_bleeding_sore_is_seen_within_two_weeks():
    for flag in ("mole_change", "bleeding_sore"):
        result = assess(Q, frozenset({flag, "painless", "size_small"}))
        assert result.urgency == "soon"
        assert result.conditions[0].slug == "skin-cancer"
        assert result.follow_up_days == 7


def test_pilonidal_pit_is_routine():
    assert urgency("loc_buttock_cleft", "hair_pit", "tender", "pain_sitting") == "routine"
    assert top("loc_buttock_cleft", "hair_pit", "tender", "pain_sitting")[0] == "pilonidal-sinus"


def test_long_standing_benign_lumps_are_self_care_once_a_doctor_has_examined_them():
    """NHS "Lumps": see a GP about a lump that lasts over 2 weeks; one already examined and
    called harmless, unchanged since, is self-care (clinical brief 8.3)."""
    checked = ("onset_long", "stable", "checked_harmless")
    lipoma = ("soft", "moves", "painless", "size_small", "loc_side", *checked)
    cyst = ("central_dot", "firm", "moves", "painless", "size_small", *checked)
    for findings in (lipoma, cyst):
        assert urgency(*(f for f in findings if f != "checked_harmless")) == "routine"
    bruise = ("recent_injury", "bruised", "tender", "soft", "size_medium", "onset_days", "stable")
    knot = ("firm", "tender", "back_pain", "size_small", "onset_days", "loc_side")
    for findings, slug in ((lipoma, "lipoma"), (cyst, "epidermoid-cyst"), (bruise, "haematoma")):
        assert urgency(*findings) == "self_care", slug
        assert top(*findings)[0] == slug
    assert urgency(*knot) == "self_care"
    assert top(*knot)[0] == "muscle-knot"


def test_reasons_quote_only_findings_that_counted():
    result = assess(Q, frozenset({"soft", "moves", "painless", "central_dot", "stable"}))
    lipoma = next(c for c in result.conditions if c.slug == "lipoma")
    assert lipoma.why[0] == "You said it feels soft or doughy."
    assert "You said it moves under the skin when you push it." in lipoma.why
    assert not any("dark dot" in reason for reason in lipoma.why)  # counted against lipoma
    assert all(len(c.why) <= 4 for c in result.conditions)


def test_at_most_five_conditions_with_contract_slugs_and_names():
    everything = frozenset(
        {"fever", "back_pain", "size_large", "mole_change", "saddle_numbness", "red", "warm"}
    )
    result = assess(Q, everything)
    assert 1 <= len(result.conditions) <= 5
    assert all(c.slug in CONDITION_SLUGS and c.name for c in result.conditions)


def test_next_steps_add_care_from_the_top_condition_except_in_an_emergency():
    abscess = assess(Q, frozenset({"red", "tender", "fluid", "size_small", "onset_days"}))
    assert abscess.urgency == "urgent"
    # No heat on an urgent result (clinical brief 8.2): the warm cloth waits for "soon" or less
    assert not any("warm, wet cloth" in s for s in abscess.next_steps)
    boil = assess(Q, frozenset({"red", "tender", "size_small", "onset_days"}))
    assert boil.urgency == "routine"
    assert boil.conditions[0].slug == "skin-abscess"
    assert any("warm, wet cloth" in s for s in boil.next_steps)
    assert any("Do not squeeze" in s for s in boil.next_steps)
    emergency = assess(Q, frozenset({"saddle_numbness"}))
    # The page's heading and the API's first step are the region's "call 999 or go to A&E now";
    # the level's steps add to it (issue 20: said once)
    assert emergency.next_steps[0] == "Do not wait to see if it gets better."
    assert not any("wait" in s.lower() and "do not" not in s.lower() for s in emergency.next_steps)


def test_self_care_advice_says_when_to_get_help():
    steps = " ".join(assess(Q, frozenset({"soft", "moves", "painless"})).next_steps)
    assert "2 weeks" in steps
    assert "Get medical help today if" in steps
    # A soft lump away from the spine: no warning about the nerves at the bottom of the spine.
    assert "numbness between your legs" not in steps
    with_back_pain = " ".join(
        assess(Q, frozenset({"soft", "moves", "painless", "back_pain"})).next_steps
    )
    assert "Call the emergency number if you get any of these" in with_back_pain
    assert "numbness between your legs" in with_back_pain


def test_texts_never_name_an_emergency_number():
    numbers = re.compile(r"(?<!\d)(999|111|911|112|000)(?!\d)")
    texts: list[str] = []
    for question in Q.questions:
        texts += [question.text, question.help] + [o.label for o in question.options]
    for level in Q.levels:
        texts += [level.headline, *level.next_steps]
    for condition in Q.conditions:
        texts += [condition.name, *condition.care]
    texts += [text for _, text in Q.reasons]
    assert texts
    assert not [t for t in texts if numbers.search(t)]


def test_follow_up_days_per_level():
    # Same day and emergency: nobody is asked to look again later (clinical brief 8.2)
    assert [lv.follow_up_days for lv in Q.levels] == [14, 14, 7, None, None]
    assert at_least(urgency("fever"), "urgent")
