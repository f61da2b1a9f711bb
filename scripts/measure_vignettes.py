"""Print how the triage does on every vignette set: urgency acceptable, under- and over-triage,
an expected cause in the top three, and an expected cause first.

    .venv/bin/python scripts/measure_vignettes.py [--cases]

Findings that the questionnaire does not (yet) ask about are dropped from a case, as a person
could not report them; the count of such findings is printed.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file, next_step  # noqa: E402
from apps.triage.engine.contract import URGENCY_RANK  # noqa: E402
from tests.triage.walker import walk  # noqa: E402

SETS = [
    "vignettes.json",
    "vignettes_heldout.json",
    "vignettes_heldout2.json",
    "vignettes_heldout3.json",
    "vignettes_heldout4.json",
    "vignettes_heldout5.json",
]


def main() -> None:
    show = "--cases" in sys.argv
    q = load_questionnaire_file(QUESTIONNAIRE_PATH)
    askable = {f for question in q.questions for o in question.options for f in o.findings}
    print(f"{'set':26} {'n':>4} {'accept':>7} {'under':>6} {'over':>5} {'top3':>6} {'first':>6}")
    for name in SETS:
        cases = json.loads((ROOT / "tests" / "triage" / name).read_text(encoding="utf-8"))
        counts = {"accept": 0, "under": 0, "over": 0, "top3": 0, "first": 0}
        dropped = 0
        for case in cases:
            findings = [f for f in case["findings"] if f in askable]
            dropped += len(case["findings"]) - len(findings)
            step = lambda answers: next_step(q, answers).to_dict()  # noqa: E731
            a = walk(findings, step, case.get("unsure", ())).assessment
            rank = URGENCY_RANK[a["urgency"]]
            ok = a["urgency"] in case["accept"]
            under = rank < min(URGENCY_RANK[x] for x in case["accept"])
            over = rank > max(URGENCY_RANK[x] for x in case["accept"])
            slugs = [c["slug"] for c in a["conditions"]]
            top3 = bool(set(case["conditions"]) & set(slugs[:3]))
            first = bool(slugs) and slugs[0] in case["conditions"]
            counts["accept"] += ok
            counts["under"] += under
            counts["over"] += over
            counts["top3"] += top3
            counts["first"] += first
            if show and not (ok and top3 and first):
                print(
                    f"  {case['id']}: got {a['urgency']} want {case['accept']}"
                    f" top={slugs[:3]} want {case['conditions']}"
                )
        n = len(cases)
        print(
            f"{name:26} {n:4} {counts['accept'] / n:7.0%} {counts['under']:6} {counts['over']:5}"
            f" {counts['top3'] / n:6.0%} {counts['first'] / n:6.0%}"
            + (f"  ({dropped} findings not asked)" if dropped else "")
        )


if __name__ == "__main__":
    main()
