"""The words for the questionnaire's codes, in one place (apps/triage/words.py): every finding
has its clinician's few words, every red flag its label on the result page, every urgency its
label and its word or two, every question its heading, in English and in Spanish, so that a new
contract code or question never shows as a raw code."""

import pytest
from django.utils import translation

from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file
from apps.triage.engine.contract import FINDINGS, RED_FLAGS, URGENCY_ORDER
from apps.triage.words import (
    FINDING_WORDS,
    RED_FLAG_LABELS,
    TOPICS,
    URGENCY_LABELS,
    URGENCY_WORDS,
    finding_words,
    red_flag_labels,
)

QUESTION_IDS = [q.id for q in load_questionnaire_file(QUESTIONNAIRE_PATH).questions]


def test_every_finding_has_hand_over_words():
    assert set(FINDING_WORDS) == set(FINDINGS)


def test_every_red_flag_has_a_label():
    assert set(RED_FLAG_LABELS) == set(RED_FLAGS)


def test_every_urgency_has_a_label_and_a_few_words():
    assert set(URGENCY_LABELS) == set(URGENCY_WORDS) == set(URGENCY_ORDER)


def test_every_question_has_a_heading():
    assert set(TOPICS) == set(QUESTION_IDS)


@pytest.mark.parametrize("code", FINDINGS)
def test_the_words_are_translated(code):
    english = finding_words(code)
    with translation.override("es"):
        spanish = finding_words(code)
    assert "_" not in english and "_" not in spanish
    if english not in {"diabetes", "fluctuant", "sciatica"}:  # the same word in both
        assert spanish != english, code


@pytest.mark.parametrize("code", RED_FLAGS)
def test_the_red_flag_labels_are_translated(code):
    english = red_flag_labels([code])[0]
    with translation.override("es"):
        assert red_flag_labels([code])[0] != english, code


@pytest.mark.parametrize(
    "words", [TOPICS, URGENCY_LABELS, URGENCY_WORDS], ids=["topics", "labels", "words"]
)
def test_the_headings_and_urgency_words_are_translated(words):
    for code, word in words.items():
        english = str(word)
        with translation.override("es"):
            assert str(word) != english, code
