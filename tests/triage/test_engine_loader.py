"""load_questionnaire(): the shipped file loads, and a malformed one gives a clear error."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

from apps.triage.engine import (
    QUESTIONNAIRE_PATH,
    QuestionnaireError,
    load_questionnaire,
    load_questionnaire_file,
)
from apps.triage.engine.contract import CONDITION_SLUGS, FINDINGS, URGENCY_ORDER
from lumpguide import fast_yaml

RAW = fast_yaml.safe_load(QUESTIONNAIRE_PATH.read_text(encoding="utf-8"))


def question(data: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in data["questions"] if q["id"] == qid)


def test_shipped_questionnaire_loads():
    q = load_questionnaire_file(QUESTIONNAIRE_PATH)
    assert q.questions[0].id == "emergency_signs"
    assert {c.slug for c in q.conditions} == set(CONDITION_SLUGS)
    assert [lv.code for lv in q.levels] == list(URGENCY_ORDER)
    declared = {f for question in q.questions for o in question.options for f in o.findings}
    assert declared == set(FINDINGS)


def test_public_dict_has_the_contract_shape():
    public = load_questionnaire(RAW).public_dict()
    assert set(public) == {"version", "questions"}
    for q in public["questions"]:
        assert set(q) == {"id", "text", "help", "kind", "options"}
        assert q["kind"] in ("single", "multiple")
        for option in q["options"]:
            assert set(option) == {"id", "label", "findings"}


def test_spec_is_json_and_rebuilds_the_same_questionnaire():
    import json

    spec = load_questionnaire(RAW).spec
    assert json.loads(json.dumps(spec)) == spec


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _drop_none_option(data: dict[str, Any]) -> None:
    q = question(data, "pain")
    q["options"] = [o for o in q["options"] if o["findings"]]


def _duplicate_question(data: dict[str, Any]) -> None:
    data["questions"].append(copy.deepcopy(data["questions"][1]))


def _duplicate_option(data: dict[str, Any]) -> None:
    q = question(data, "feel")
    q["options"].insert(0, copy.deepcopy(q["options"][0]))


def _drop_red_flag_rule(data: dict[str, Any]) -> None:
    data["urgency_rules"] = [r for r in data["urgency_rules"] if r["id"] != "rf_saddle_numbness"]


def _lower_red_flag_rule(data: dict[str, Any]) -> None:
    for rule in data["urgency_rules"]:
        if rule["id"] == "rf_fever":
            rule["urgency"] = "soon"


def _drop_condition(data: dict[str, Any]) -> None:
    data["conditions"] = [c for c in data["conditions"] if c["slug"] != "lipoma"]


def _unreachable_question(data: dict[str, Any]) -> None:
    question(data, "smell")["ask_if_any"] = ["weight_loss"]  # only asked later


def _option_finding_removed(data: dict[str, Any]) -> None:
    q = question(data, "background")
    q["options"] = [o for o in q["options"] if o["id"] != "diabetes"]


def _rule(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in data["urgency_rules"] if r["id"] == rule_id)


def _unless_on_an_urgent_rule(data: dict[str, Any]) -> None:
    _rule(data, "ur_red_warm")["unless_any"] = ["checked_harmless"]


def _unless_with_a_worrying_finding(data: dict[str, Any]) -> None:
    _rule(data, "rt_over_two_weeks")["unless_any"] = ["painless"]


def _unless_on_a_red_flag_rule(data: dict[str, Any]) -> None:
    _rule(data, "rf_fever")["unless_any"] = ["shrinking"]


def _care_on_an_emergency(data: dict[str, Any]) -> None:
    data["conditions"][0]["care_levels"] = ["urgent", "emergency"]


def _phone_number(data: dict[str, Any]) -> None:
    data["urgency_levels"][4]["headline"] = "Call 999 now."


MALFORMED = [
    (_set("version", 3), "version: must be text"),
    (_set("questions.3.options.0.findings", ["sofft"]), 'question "feel", option "soft"'),
    (_set("questions.3.options.0.findings", ["sofft"]), "unknown finding 'sofft'"),
    (_set("questions.3.kind", "several"), 'question "feel": kind must be "single" or "multiple"'),
    (_set("questions.3.text", ""), 'question "feel" text: must not be empty'),
    (_set("questions.3.options.0.label", None), 'question "feel", option "soft" label'),
    (_set("questions.3.colour", "blue"), "unknown field 'colour'"),
    (_drop_none_option, 'question "pain": needs an option with no findings'),
    (_duplicate_question, 'question "urgent_signs": id is used twice'),
    (_duplicate_option, 'question "feel", option "soft": id is used twice'),
    (_set("questions.7.ask_if_any", ["dischargee"]), 'question "smell" ask_if_any'),
    (_unreachable_question, 'question "smell": ask_if_any finding "weight_loss" is not given'),
    (_option_finding_removed, 'finding "diabetes" is not given by any option'),
    (_set("questions.0.options.9.findings", ["saddle_numbness"]), "an exclusive option"),
    (_set("urgency_rules.0.urgency", "asap"), 'urgency rule "rf_saddle_numbness"'),
    (_set("urgency_rules.0.all_of", []), 'urgency rule "rf_saddle_numbness" findings'),
    (_drop_red_flag_rule, 'red flag "saddle_numbness" needs its own rule at "emergency"'),
    (_lower_red_flag_rule, 'red flag "fever" needs its own rule at "urgent"'),
    (_set("conditions.0.slug", "boil"), "unknown condition slug 'boil'"),
    (_set("conditions.0.weights.central_dot", "six"), 'condition "epidermoid-cyst" weight'),
    (_drop_condition, 'missing condition "lipoma"'),
    (_set("reasons.soft", ""), 'reasons "soft": must not be empty'),
    (_set("urgency_levels.4.follow_up_days", 3), "follow_up_days must be null for emergency"),
    (_phone_number, "names the phone number 999"),
    (_set("urgency_levels.3.follow_up_days", 2), "follow_up_days must be null for urgent"),
    (_unless_on_an_urgent_rule, 'unless_any only on a rule at "routine" or below'),
    (_unless_with_a_worrying_finding, 'unless_any finding "painless" is not one of'),
    (_unless_on_a_red_flag_rule, "unless_any only on a rule"),
    (_care_on_an_emergency, "care steps are never shown on an emergency result"),
    (_set("unsure_same_day_raises_to", "urgent"), "never sends a person for same-day care"),
    (_set("stop_at_urgency", "now"), "stop_at_urgency: unknown urgency 'now'"),
]


@pytest.mark.parametrize(("mutate", "message"), MALFORMED)
def test_malformed_questionnaire_gives_a_clear_error(mutate, message):
    data = copy.deepcopy(RAW)
    mutate(data)
    with pytest.raises(QuestionnaireError) as error:
        load_questionnaire(data)
    assert message in str(error.value)


@pytest.mark.parametrize("data", [None, [], "questions", {"version": "1"}])
def test_not_a_questionnaire_at_all(data):
    with pytest.raises(QuestionnaireError):
        load_questionnaire(data)
