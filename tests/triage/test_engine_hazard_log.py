"""docs/clinical-safety.md names real tests and real rules, and says it is not signed off."""

import re
from pathlib import Path

from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file

ROOT = Path(__file__).resolve().parents[2]
LOG = (ROOT / "docs" / "clinical-safety.md").read_text(encoding="utf-8")
Q = load_questionnaire_file(QUESTIONNAIRE_PATH)


def test_hazard_log_names_tests_that_exist():
    references = re.findall(r"(tests/\w+/test_\w+\.py)::(\w+)", LOG)
    assert len(references) >= 20
    for path, name in references:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.MULTILINE), f"{path}::{name}"
    assert (ROOT / "tests" / "js" / "triage_engine.test.js").exists()


def test_hazard_log_quotes_rule_ids_that_exist():
    quoted = set(re.findall(r"`((?:rf|em|ur|so|rt)_\w+)`", LOG))
    rule_ids = {rule.id for rule in Q.rules}
    assert quoted, "the log should quote the YAML rule ids"
    assert quoted <= rule_ids, sorted(quoted - rule_ids)


def test_hazard_log_covers_the_required_hazards_and_is_not_signed_off():
    for hazard in (
        "Missed cauda equina",
        "Missed sepsis",
        "Missed spinal infection",
        "Missed soft tissue sarcoma",
        "Missed melanoma",
        "False reassurance",
        "Over-triage",
    ):
        assert hazard in LOG
    assert "No clinician has reviewed or signed off" in LOG
