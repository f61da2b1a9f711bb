"""A held-out check of the triage: vignettes written from the clinical brief and the contract
alone, by authors who did not see the questionnaire or the rules; each case's `basis` points
to the brief. vignettes_heldout.json (H01-H70) holds typical and tricky cases of every cause;
vignettes_heldout2.json (S01-S50) holds sparse cases (3 to 5 findings, the rest "Not sure" or
"None of these"), mixed cases (features of two causes) and the rarer causes.

vignettes_heldout3.json (T3A01-T3B35) holds 70 cases written the same way for the five
findings added in 2026-11 (ages, blood thinners, pregnancy, teenagers, injuries, lumps grown
back after removal), cancer history, inflamed cysts, back strain and changing moles.

vignettes_heldout4.json (V4-01-V4-60) holds 60 cases written the same way, by an author who
saw only the contract, the clinical brief and public guidance, for the signs and causes added
on 2026-12-06 (chest pain, sudden severe pain, accidents, cancer treatment, thin bones,
shingles, kidney infection, hernias, pressure sores, a child's mark since birth, moles, and
the clinical review's decisions in brief section 8). Ten are in Spanish (walked through the
API in Spanish in tests/triage/test_api.py) and eight answer "Not sure" to a topic (`unsure`).
Its targets are the issue's: no under-triage, every emergency caught, an acceptable urgency
for at least 95 in 100 and an expected cause in the top three for at least 90 in 100.

Five accept lists of the older sets were widened on 2026-12-06 to include "urgent" (each
says so in `revised`): a leaking or bleeding lump at the top of the buttock crease is same
day (the clinical review, brief 8.2, over the older NHS card those cases were written from).

The targets, in every earlier set: never too little (under-triage fails a case on its own), an
acceptable urgency for at least 98 in 100, an expected cause in the top three for at least
95 in 100, and an expected cause first for at least 90 in 100.
`scripts/measure_vignettes.py` prints the figures for every set.
"""

import json
from pathlib import Path

import pytest

from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file, next_step
from apps.triage.engine.contract import CONDITION_SLUGS, URGENCY_RANK
from tests.triage.walker import walk

Q = load_questionnaire_file(QUESTIONNAIRE_PATH)
HERE = Path(__file__).parent
SETS = {
    name: json.loads((HERE / name).read_text(encoding="utf-8"))
    for name in (
        "vignettes_heldout.json",
        "vignettes_heldout2.json",
        "vignettes_heldout3.json",
        "vignettes_heldout4.json",
    )
}
EARLIER_SETS = ("vignettes_heldout.json", "vignettes_heldout2.json", "vignettes_heldout3.json")
CASES = [case for cases in SETS.values() for case in cases]
SET_4 = SETS["vignettes_heldout4.json"]


def assessment(case: dict) -> dict:
    step = lambda answers: next_step(Q, answers).to_dict()  # noqa: E731
    return walk(case["findings"], step, case.get("unsure", ())).assessment


def test_the_set_covers_every_condition_and_level():
    assert [len(cases) for cases in SETS.values()] == [70, 50, 70, 60]
    assert {case["conditions"][0] for case in CASES} == set(CONDITION_SLUGS)
    assert {case["urgency"] for case in CASES} == set(URGENCY_RANK)
    for name, cases in SETS.items():
        assert {case["urgency"] for case in cases} == set(URGENCY_RANK), name


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_never_under_triaged(case):
    lowest = min(URGENCY_RANK[level] for level in case["accept"])
    got = assessment(case)["urgency"]
    assert URGENCY_RANK[got] >= lowest, f"{case['id']}: {got}, {case['story']}"


def test_set_4_meets_the_issue_targets():
    results = [(case, assessment(case)) for case in SET_4]
    right_urgency = sum(a["urgency"] in case["accept"] for case, a in results)
    in_top_three = sum(
        bool(set(case["conditions"]) & {c["slug"] for c in a["conditions"][:3]})
        for case, a in results
    )
    emergencies = [
        c["id"] for c, a in results if c["urgency"] == "emergency" and a["urgency"] != "emergency"
    ]
    assert not emergencies, emergencies
    assert right_urgency / len(SET_4) >= 0.95, right_urgency
    assert in_top_three / len(SET_4) >= 0.90, in_top_three


@pytest.mark.parametrize("name", EARLIER_SETS)
def test_accuracy_meets_the_targets_in_every_set(name):
    cases = SETS[name]
    results = [(case, assessment(case)) for case in cases]
    right_urgency = sum(a["urgency"] in case["accept"] for case, a in results)
    in_top_three = sum(
        bool(set(case["conditions"]) & {c["slug"] for c in a["conditions"][:3]})
        for case, a in results
    )
    first = sum(
        bool(a["conditions"]) and a["conditions"][0]["slug"] in case["conditions"]
        for case, a in results
    )
    assert right_urgency / len(cases) >= 0.98, right_urgency
    assert in_top_three / len(cases) >= 0.95, in_top_three
    assert first / len(cases) >= 0.90, first
