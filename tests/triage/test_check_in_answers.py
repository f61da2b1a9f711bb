"""content/triage/check_in_answers.yaml: which triage answers a diary check-in means. Every id
it names must exist in the shipped and the active questionnaire; a questionnaire that renames
one makes these tests fail, naming it."""

import copy
import dataclasses

import pytest
import yaml

from apps.triage import check_in_answers
from apps.triage.check_in_answers import CheckInAnswersError, CheckInValues, load, mapping, parse
from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire, load_questionnaire_file
from apps.triage.questionnaire_store import current_questionnaire
from apps.triage.questionnaire_store import load_questionnaire_file as make_active
from lumpguide import fast_yaml, sizes

QUESTIONNAIRE = load_questionnaire_file(QUESTIONNAIRE_PATH)
RAW = fast_yaml.safe_load(check_in_answers.CHECK_IN_ANSWERS_PATH.read_text(encoding="utf-8"))
QUESTIONNAIRE_RAW = fast_yaml.safe_load(QUESTIONNAIRE_PATH.read_text(encoding="utf-8"))


def test_the_mapping_fits_the_shipped_questionnaire():
    assert mapping().problems(QUESTIONNAIRE) == []
    mapping().check(QUESTIONNAIRE)


@pytest.mark.django_db
def test_the_mapping_fits_the_active_questionnaire():
    make_active()
    assert mapping().problems(current_questionnaire()) == []


def renamed(raw: dict, question_id: str, option_id: str | None, new_id: str) -> dict:
    """The questionnaire with one question, or one of its options, given another id."""
    raw = copy.deepcopy(raw)
    question = next(q for q in raw["questions"] if q["id"] == question_id)
    if option_id is None:
        question["id"] = new_id
    else:
        next(o for o in question["options"] if o["id"] == option_id)["id"] = new_id
    return raw


USED = sorted({(question, option) for question, option, _ in mapping().uses()}, key=str)


@pytest.mark.parametrize(("question_id", "option_id"), USED)
def test_renaming_any_id_the_mapping_uses_is_caught(question_id, option_id):
    questionnaire = load_questionnaire(
        renamed(QUESTIONNAIRE_RAW, question_id, option_id, "renamed")
    )
    found = " | ".join(mapping().problems(questionnaire))
    if option_id is None:
        assert f'no question "{question_id}"' in found
    else:
        assert f'question "{question_id}" has no option "{option_id}"' in found
    with pytest.raises(CheckInAnswersError):
        mapping().check(questionnaire)


@pytest.mark.django_db
def test_an_active_questionnaire_that_renames_an_option_is_caught():
    document, _ = make_active()
    document.yaml_text = yaml.safe_dump(
        renamed(QUESTIONNAIRE_RAW, "skin", "warm", "hot_skin"), sort_keys=False
    )
    document.save()
    assert mapping().problems(current_questionnaire()) == [
        'ticks hot: question "skin" has no option "warm"'
    ]


def test_every_check_in_question_and_option_is_named():
    questions = {question for question, _, _ in mapping().uses()}
    assert {"skin", "surface", "smell", "pain", "size", "change", "onset"} == questions


# What a check-in means ---------------------------------------------------------------------


def values(**fields) -> CheckInValues:
    base = {
        "red": False,
        "hot": False,
        "leaking": False,
        "colour_changed": False,
        "pain": 0,
        "size_band": None,
        "grown": False,
    }
    return CheckInValues(**{**base, **fields})


def test_a_check_in_alone():
    answers = mapping().apply(
        {}, values(red=True, leaking=True, pain=3, size_band="large", grown=True), days_since=None
    )
    # A pain score is not tenderness: the pain screen is left for the person (issue 20)
    assert answers == {
        "skin": ["red"],
        "surface": ["discharge"],
        "size": ["large"],
        "change": ["growing"],
    }


def test_a_pain_score_unticks_does_not_hurt_and_never_ticks_hurts_when_touched():
    before = {"pain": ["painless", "sitting"]}
    assert mapping().apply(before, values(pain=5), days_since=None)["pain"] == ["sitting"]
    assert "pain" not in mapping().apply({"pain": ["painless"]}, values(pain=5), days_since=None)
    kept = mapping().apply({"pain": ["tender"]}, values(pain=5), days_since=None)
    assert kept["pain"] == ["tender"]  # as the person said before
    assert mapping().apply({"pain": ["tender"]}, values(pain=0), days_since=None)["pain"] == [
        "painless"
    ]


def test_a_calm_check_in_ticks_none_of_these_and_forgets_the_smell():
    earlier = {"skin": ["red", "bruised"], "surface": ["discharge"], "smell": ["yes"]}
    answers = mapping().apply(earlier, values(), days_since=3)
    assert answers == {"skin": ["bruised"], "surface": ["none"], "pain": ["painless"]}


def test_the_size_bands_are_those_of_the_size_table():
    assert [band for band, _ in mapping().size_bands] == list(sizes.BANDS)
    assert mapping().size_option(None) is None


# The file's own rules ------------------------------------------------------------------------


def test_the_shipped_file_loads():
    assert load() == mapping()


def broken(change) -> dict:
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw.pop("onset"), "the file must have exactly"),
        (lambda raw: raw["ticks"].pop("hot"), "ticks must have exactly"),
        (lambda raw: raw["ticks"].update(note={"question": "x", "option": "y"}), "ticks must"),
        (lambda raw: raw["ticks"]["red"].update(option="Red!"), "ticks red option: must be an id"),
        (lambda raw: raw["pain"].update(zero="tender"), "pain: above_zero and zero"),
        (lambda raw: raw["size"]["bands"].pop("large"), "size bands must have exactly"),
        (lambda raw: raw["grown"].update(unticks=["growing"]), "grown: the option it ticks"),
        (lambda raw: raw["onset"]["at_least_days"].update(days=1), "one answer must start at 0"),
        (lambda raw: raw["onset"]["at_least_days"].update(long=7), "have the same days"),
        (lambda raw: raw["onset"]["at_least_days"].update(long=-1), "a whole number of days"),
        (lambda raw: raw["none"].pop("change"), "none: must name exactly"),
        (lambda raw: raw["colour_changed"].update(question="size"), "colour_changed question"),
        (lambda raw: raw.update(ticks=[]), "ticks must have exactly"),
    ],
)
def test_a_broken_file_is_refused_naming_the_rule(change, message):
    with pytest.raises(CheckInAnswersError, match=message):
        parse(broken(change))


def test_a_red_flag_screen_may_not_be_filled_in_from_a_check_in():
    fever = broken(lambda raw: raw["ticks"]["hot"].update(question="urgent_signs", option="fever"))
    fever["none"]["urgent_signs"] = "none"
    found = parse(fever).problems(QUESTIONNAIRE)
    assert any('"urgent_signs" asks about a red flag' in p for p in found)


def test_none_of_these_must_be_an_exclusive_option():
    raw = broken(lambda raw: raw["none"].update(skin="bruised"))
    assert parse(raw).problems(QUESTIONNAIRE)[0] == (
        'none skin: option "bruised" must be exclusive (it means none of the others)'
    )


def test_every_exclusive_option_of_a_screen_answered_afresh_is_named():
    """A "Not sure" left ticked beside an option a check-in ticks is an answer triage refuses."""
    raw = broken(lambda raw: raw["exclusive"].pop("surface"))
    assert parse(raw).problems(QUESTIONNAIRE) == [
        'exclusive surface: must list "not_sure", which cannot stay ticked beside an option '
        "a check-in ticks"
    ]


def test_the_size_screen_must_take_one_answer():
    questionnaire = dataclasses.replace(
        QUESTIONNAIRE,
        questions=tuple(
            dataclasses.replace(q, kind="multiple") if q.id == "size" else q
            for q in QUESTIONNAIRE.questions
        ),
    )
    assert mapping().problems(questionnaire) == ['question "size" must have a single answer']
