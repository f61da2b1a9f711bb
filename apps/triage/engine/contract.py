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
    # Added 2026-12-06: look-alikes a person takes for "a sore lump on the lower back"
    "kidney-infection",
    "shingles",
    "hidradenitis-suppurativa",
    "spinal-fracture",
    "aortic-aneurysm",
    "lumbar-hernia",
    "pressure-ulcer",
    "spinal-dysraphism",
)

EMERGENCY_FLAGS: tuple[str, ...] = (
    "saddle_numbness",
    "bladder_bowel_change",
    "sexual_dysfunction",
    "both_legs_symptoms",
    "very_unwell",
    "chest_pain",
    "sudden_severe_pain",
    "serious_accident",
)
URGENT_FLAGS: tuple[str, ...] = (
    "leg_weakness",
    "fever",
    "spreading_redness",
    "severe_pain",
    "numb_one_leg",
    "blistering_rash",
)
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
    "cancer_treatment_now",
    "osteoporosis_steroids",
    "recent_back_procedure",
    "urine_symptoms",
    "pain_cough_sneeze",
    "checked_harmless",
    "recurring_lumps_elsewhere",
    "pressure_sore",
    "since_birth",
)
LOCATION: tuple[str, ...] = ("loc_spine", "loc_buttock_cleft", "loc_side", "loc_hip_bone")
FEEL: tuple[str, ...] = (
    "soft",
    "firm",
    "hard",
    "moves",
    "fixed",
    "deep",
    "central_dot",
    "fluid",
    "several_heads",
    "reducible_bulge",
)
SKIN: tuple[str, ...] = (
    "red",
    "warm",
    "discharge",
    "foul_smell",
    "mole_change",
    "bleeding_sore",
    "bruised",
    "hair_pit",
    "mole",
    "pearly",
)
PAIN: tuple[str, ...] = ("tender", "painless", "sciatica", "back_pain", "pain_sitting")
SIZE: tuple[str, ...] = ("size_small", "size_medium", "size_large")
TIME_COURSE: tuple[str, ...] = (
    "onset_days",
    "onset_weeks",
    "onset_long",
    "growing",
    "stable",
    "shrinking",
    "over_two_weeks",
    "recurring",
    "regrown_after_removal",
)

#: Findings that another finding implies (the contract: every person with `onset_long` has
#: `over_two_weeks`, every person with `mole_change` has `mole`). The engine adds them to what
#: the answers said before it decides anything.
IMPLIES = MappingProxyType({"onset_long": ("over_two_weeks",), "mole_change": ("mole",)})

#: Findings that cannot both be true of one lump: one answer that gives both is refused
#: (the contract's 400), so the engine never decides from a contradiction.
CONTRADICTIONS: tuple[tuple[str, str], ...] = (
    ("moves", "fixed"),
    ("tender", "painless"),
    ("growing", "stable"),
    ("growing", "shrinking"),
    ("stable", "shrinking"),
    ("soft", "hard"),
)

#: Findings that explain a lump or say a doctor has already looked at it. They are the only
#: findings a rule may name in `unless_any`, and only a rule at "routine" or below: "a lump
#: that has lasted over 2 weeks: see a GP", unless a doctor has examined it, it is getting
#: smaller, or it is a mole (which has its own checks). Every other finding only ever raises.
REASSURING: tuple[str, ...] = ("checked_harmless", "shrinking", "mole")

#: Conditions that are serious: never listed without a finding for them, never first under
#: self-care, and shown apart ("a doctor may want to rule out") when they are not first.
SERIOUS_CONDITIONS: tuple[str, ...] = (
    "cauda-equina-syndrome",
    "spinal-infection",
    "spinal-tumour",
    "soft-tissue-sarcoma",
    "skin-cancer",
    "spinal-fracture",
    "aortic-aneurysm",
)

#: Every finding code, in the contract's order.
FINDINGS: tuple[str, ...] = (
    RED_FLAGS + HEALTH_BACKGROUND + LOCATION + FEEL + SKIN + PAIN + SIZE + TIME_COURSE
)
FINDING_SET = frozenset(FINDINGS)

#: Emergency numbers that must never appear in the questionnaire's text: the page adds the
#: right number for the person's region.
EMERGENCY_NUMBERS: tuple[str, ...] = ("999", "111", "911", "112", "000")
