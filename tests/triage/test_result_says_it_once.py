"""Each instruction once (issue 20): on the result page of every vignette walk, no sentence
appears twice (outside the causes' own reasons, which each cause lists for itself, and the
record of the answers), and an emergency result offers only the emergency action."""

import collections
import html
import json
import re
from pathlib import Path

import pytest
from django.test import Client

from apps.triage.engine import next_step
from apps.triage.questionnaire_store import current_questionnaire
from apps.triage.session_answers import SESSION_KEY
from tests.triage.test_views import walk_forms
from tests.triage.walker import walk

pytestmark = pytest.mark.django_db
HERE = Path(__file__).parent
VIGNETTES = [
    v
    for name in ("vignettes.json", "vignettes_heldout4.json", "vignettes_heldout5.json")
    for v in json.loads((HERE / name).read_text())
]


def sentences(page: str) -> list[str]:
    screen = page[page.index('id="triage-screen"') : page.index("</main>")]
    # The causes' reasons ("You said it does not hurt.") belong to each cause
    screen = re.sub(r'<ul class="why[^"]*">.*?</ul>', " ", screen, flags=re.S)
    # ... and the answers given are a record of each screen ("None of these" on several)
    screen = re.sub(r'<dl class="summary-list">.*?</dl>', " ", screen, flags=re.S)
    screen = re.sub(r"<(script|template)[^>]*>.*?</\1>", " ", screen, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", screen))
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [" ".join(p.split()) for p in parts if len(p.split()) >= 3]


def result_page(findings) -> str:
    """The result page of the walk of a person with these findings, its answers put in the
    session at once: a tenth of the requests of walking the forms. test_views.py walks the
    contract's example vignettes through the forms and finds the engine's result; the held-out
    vignettes here are not walked through them any more (that took half a minute of
    `make test-fast`)."""
    client = Client(headers={"accept-language": "en-GB"})
    questionnaire = current_questionnaire()
    session = client.session
    session[SESSION_KEY] = walk(
        findings, lambda answers: next_step(questionnaire, answers).to_dict()
    ).answers
    session.save()
    response = client.get("/check/result/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_no_sentence_is_said_twice(vignette):
    page = result_page(vignette["findings"])
    said = collections.Counter(sentences(page))
    assert [s for s, n in said.items() if n > 1] == []


def test_an_emergency_result_offers_only_the_emergency_action():
    page = walk_forms(Client(headers={"accept-language": "en-GB"}), ["saddle_numbness"])
    screen = page[page.index('id="triage-screen"') : page.index('class="disclaimer"')]
    assert "Call 999 or go to A&amp;E now." in screen
    for other in ("urgent GP", "NHS 111", "tel:111", "Book", "within 2 weeks"):
        assert other not in screen, other
    assert len(re.findall(r'href="tel:999"', screen)) == 1


@pytest.mark.parametrize(
    ("findings", "phrase", "most"),
    [
        (["size_medium", "onset_long", "painless", "firm", "stable"], "ordinary appointment", 1),
        # The heading, and what to tell the receptionist if there is no appointment in time
        (["deep", "growing", "size_large"], "within 2 weeks", 2),
        (["soft", "moves", "painless", "size_small", "onset_long", "stable"], "Measure it", 1),
        (["soft", "moves", "painless", "size_small", "onset_long", "stable"], "at home", 1),
    ],
)
def test_the_action_and_its_timing_are_said_once(findings, phrase, most):
    page = walk_forms(Client(headers={"accept-language": "en-GB"}), findings)
    screen = page[page.index('id="triage-screen"') : page.index('class="disclaimer"')]
    steps = screen[: screen.index("What it might be")] if "What it might be" in screen else screen
    text = html.unescape(re.sub(r"<[^>]+>", " ", steps))
    assert text.count(phrase) <= most, text


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en-GB", "15 January 2030, 12:00"), ("es-ES", "15 de enero de 2030, 13:00")],
)
def test_the_results_time_is_the_persons_in_their_language(language, shown):
    """Not the server's UTC in an English pattern (issue 20): the region's zone, the
    language's own way of writing a date and time."""
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime(2030, 1, 15, 12, 0, tzinfo=dt.UTC), tick=False):
        page = walk_forms(Client(headers={"accept-language": language}), ["saddle_numbness"])
    stamp = re.search(r'<span data-slot="now">([^<]+)</span>', page).group(1)
    assert stamp == shown
