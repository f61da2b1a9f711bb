"""Every finding has its short clinical words for the hand-over, and every red flag its label on
the result page, in English and in Spanish: a new contract code never shows as a raw code."""

import pytest
from django.utils import translation

from apps.handover.words import FINDING_WORDS, finding_words
from apps.triage.engine.contract import FINDINGS, RED_FLAGS
from apps.triage.presenters import RED_FLAG_LABELS, red_flag_labels


def test_every_finding_has_hand_over_words():
    assert set(FINDING_WORDS) == set(FINDINGS)


def test_every_red_flag_has_a_label():
    assert set(RED_FLAG_LABELS) == set(RED_FLAGS)


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
