"""The triage contract's fixed codes (see the shared triage contract).

These are the outside face of the triage: a code may be added, none may be renamed or dropped.
"""

from types import MappingProxyType

#: Urgency codes from least to most urgent (the contract lists them most urgent first).
URGENCY_ORDER: tuple[str, ...] = ("self_care", "routine", "soon", "urgent", "emergency")
URGENCY_RANK = MappingProxyType({code: rank for rank, code in enumerate(URGENCY_ORDER)})

CONDITION_SLUGS: tuple[str, ...] = (
    "epidermoid-cyst",
    "skin-abscess",
    "lipoma",
    "episacroiliac-lipoma",
    "pilonidal-sinus",
    "haematoma",
    "muscle-knot",
    "cellulitis",
    "herniated-disc",
    "spinal-tumour",
    "soft-tissue-sarcoma",
    "skin-cancer",
    "cauda-equina-syndrome",
    "spinal-infection",
)

EMERGENCY_FLAGS: tuple[str, ...] = (
    "saddle_numbness",
    "bladder_bowel_change",
    "sexual_dysfunction",
    "both_legs_symptoms",
    "very_unwell",
)
URGENT_FLAGS: tuple[str, ...] = ("leg_weakness", "fever", "spreading_redness", "severe_pain")
RED_FLAGS: tuple[str, ...] = EMERGENCY_FLAGS + URGENT_FLAGS

#: Each red flag's floor: the urgency can never be lower when the flag is present.
RED_FLAG_FLOORS = MappingProxyType(
    {**dict.fromkeys(EMERGENCY_FLAGS, "emergency"), **dict.fromkeys(URGENT_FLAGS, "urgent")}
)

HEALTH_BACKGROUND: tuple[str, ...] = (
    "cancer_history",
    "weight_loss",
    "night_sweats",
    "night_pain",
    "immunosuppressed",
    "diabetes",
    "recent_injury",
    "blood_thinners",
    "age_over_50",
    "pregnant",
    "under_16",
)
LOCATION: tuple[str, ...] = ("loc_spine", "loc_buttock_cleft", "loc_side", "loc_hip_bone")
FEEL: tuple[str, ...] = ("soft", "firm", "hard", "moves", "fixed", "deep", "central_dot", "fluid")
SKIN: tuple[str, ...] = (
    "red",
    "warm",
    "discharge",
    "foul_smell",
    "mole_change",
    "bleeding_sore",
    "bruised",
    "hair_pit",
)
PAIN: tuple[str, ...] = ("tender", "painless", "sciatica", "back_pain", "pain_sitting")
SIZE: tuple[str, ...] = ("size_small", "size_medium", "size_large")
TIME_COURSE: tuple[str, ...] = (
    "onset_days",
    "onset_weeks",
    "onset_long",
    "growing",
    "stable",
    "recurring",
    "regrown_after_removal",
)

#: Conditions that are serious: never listed without a finding for them, never first under
#: self-care, and shown apart ("a doctor may want to rule out") when they are not first.
SERIOUS_CONDITIONS: tuple[str, ...] = (
    "cauda-equina-syndrome",
    "spinal-infection",
    "spinal-tumour",
    "soft-tissue-sarcoma",
    "skin-cancer",
)

#: Every finding code, in the contract's order.
FINDINGS: tuple[str, ...] = (
    RED_FLAGS + HEALTH_BACKGROUND + LOCATION + FEEL + SKIN + PAIN + SIZE + TIME_COURSE
)
FINDING_SET = frozenset(FINDINGS)

#: Emergency numbers that must never appear in the questionnaire's text: the page adds the
#: right number for the person's region.
EMERGENCY_NUMBERS: tuple[str, ...] = ("999", "111", "911", "112", "000")
