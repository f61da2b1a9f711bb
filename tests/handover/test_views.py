"""The summary pages: reachable from a result and from the diary, built for this phone only,
never stored, naming the region's numbers, and nothing a client sends makes a 500."""

import json
import re

import pytest

from apps.diary.models import CheckIn
from apps.reminders.models import Reminder
from apps.triage.questionnaire_store import current_questionnaire
from apps.triage.words import finding_words
from lumpguide.regions import COOKIE_NAME
from tests.handover.conftest import LONG, SHORT, diary_of, give_answers, walk_answers
from tests.reminders.test_views import make_reminder

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]

PERSONAL = [
    "/handover/",
    "/handover/lumpguide-summary.txt",
    "/handover/lumpguide-summary.fhir.json",
]


def text_of(html: str) -> str:
    main = html[html.index("<main") :]
    return re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", main, flags=re.S))
    )


def test_every_personal_response_is_no_store(phone):
    give_answers(phone, walk_answers(LONG))
    diary_of(phone.device, [(1.5, 2)])
    for url in PERSONAL:
        response = phone.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_the_result_and_the_diary_link_to_the_summary_without_javascript(phone):
    give_answers(phone, walk_answers(LONG))
    result = phone.get("/check/result/").content.decode()
    assert 'href="/handover/"' in result
    diary_of(phone.device, [(1.5, 2)])
    assert 'href="/handover/"' in phone.get("/diary/").content.decode()


def test_the_summary_says_what_was_advised_and_what_was_said(phone):
    answers = walk_answers(LONG)
    give_answers(phone, answers)
    html = phone.get("/handover/").content.decode()
    text = text_of(html)
    questionnaire = current_questionnaire()
    assert "This is not a diagnosis." in text and "own answers" in text
    assert "Made on 15 January 2030" in text
    # Each answer in a clinician's few words (issue 19: written to the clinician)
    for question_id, options in answers.items():
        question = questionnaire.question(question_id)
        for option_id in options:
            for finding in question.option(option_id).findings:
                assert finding_words(finding) in text, finding
    # The warning signs asked about and ruled out are named, never a bare "None of these".
    assert "None of these" not in text
    # ...in a clinician's few words (the hand-over's FINDING_WORDS), one line each
    for question_id in ("emergency_signs", "urgent_signs"):
        for option in questionnaire.question(question_id).options:
            for finding in option.findings:
                assert finding_words(finding) in text, finding
    assert "Possible causes" in text


def test_the_regions_phone_numbers_are_named(phone):
    give_answers(phone, walk_answers(SHORT))
    assert 'href="tel:999"' in phone.get("/handover/").content.decode()
    phone.cookies[COOKIE_NAME] = "us"
    assert 'href="tel:911"' in phone.get("/handover/").content.decode()


def test_from_the_diary_without_a_walk_it_uses_the_walk_a_reminder_kept(phone):
    answers = walk_answers(LONG)
    reminder = make_reminder(phone.device)
    Reminder.objects.filter(pk=reminder.pk).update(triage_answers=answers)
    diary_of(phone.device, [(1.5, 2), (2.5, 6)])
    text = text_of(phone.get("/handover/").content.decode())
    assert "Answers given on" in text
    assert "growing" in text
    assert "All 2 check-ins" in text and "2.5 cm" in text
    assert "Reminders to check the lump" in text


def test_built_for_this_phone_only(phone, device_client):
    other = device_client()
    give_answers(other, walk_answers(LONG))
    diary_of(other.device, [(4.5, 9)])
    html = phone.get("/handover/").content.decode()
    assert "There is nothing to summarise yet" in html and "4.5 cm" not in html
    assert phone.get("/handover/lumpguide-summary.txt").status_code == 404
    assert phone.get("/handover/lumpguide-summary.fhir.json").status_code == 404


def test_with_nothing_to_summarise_the_photos_on_the_phone_can_still_be_printed(phone):
    """No answers and no check-ins gave a page with no way to print photos. The server cannot
    know of photos (they are on the phone): the part that prints them is there, hidden, and
    photos.js shows it when there are any; the page then says truthfully what it holds."""
    html = phone.get("/handover/").content.decode()
    assert "There is nothing to summarise yet" in html
    part = html[html.index("<div data-photos-only hidden>") : html.index("</article>")]
    assert "You can still print photos of the lump that are on this phone" in part
    assert re.search(r'<p class="print-only">The person has not answered', part)
    assert "data-photo-printed hidden" in part and "data-photo-print>" in part
    assert "data-print-page hidden" in part and "Print or save as PDF" in part
    assert "<img" not in part.split("<template")[0]  # the server's page holds no photo
    # Nothing on paper says it comes from answers that are not there.
    assert "It comes from the person's own answers" not in html
    assert html.count("data-photo-printed ") == 1 and html.count("data-photo-print>") == 1
    spanish = phone.get("/handover/", headers={"Accept-Language": "es-ES"}).content.decode()
    assert "Aún puede imprimir las fotos del bulto que están en este teléfono" in spanish
    assert "La persona no ha respondido a las preguntas de LumpGuide" in spanish
    # With a diary, the page is as it was: one chooser, one printed part, the notice in full.
    diary_of(phone.device, [(1.5, 2)])
    html = phone.get("/handover/").content.decode()
    assert "data-photos-only" not in html and "It comes from the person's own answers" in html
    assert html.count("data-photo-printed ") == 1 and html.count("data-photo-print>") == 1


def test_the_diary_can_be_left_out(phone):
    give_answers(phone, walk_answers(LONG))
    diary_of(phone.device, [(1.5, 2), (3.5, 6)])
    assert "3.5 cm" in phone.get("/handover/").content.decode()
    without = phone.get("/handover/?diary=0").content.decode()
    assert "3.5 cm" not in without and 'href="/handover/"' in without
    assert "3.5 cm" not in phone.get("/handover/lumpguide-summary.txt?diary=0").content.decode()
    bundle = phone.get("/handover/lumpguide-summary.fhir.json").json()
    alone = phone.get("/handover/lumpguide-summary.fhir.json?diary=0").json()
    assert "3.5 cm" in json.dumps(bundle) and "3.5 cm" not in json.dumps(alone)
    # The same shape either way: the diary's section says the person left it out
    (diary,) = [s for s in alone["entry"][0]["resource"]["section"] if s["title"] == "Lump diary"]
    assert "entry" not in diary and diary["emptyReason"]["coding"][0]["code"] == "withheld"


@pytest.mark.parametrize(
    "query",
    ["?diary=", "?diary=%00", "?diary=1&diary=0", "?" + "x" * 3000, "?diary=%ff%fe", "?page=-1"],
)
def test_odd_queries_are_not_errors(phone, query):
    give_answers(phone, walk_answers(LONG))
    for url in PERSONAL:
        assert phone.get(url + query).status_code == 200


def test_odd_sessions_and_methods_are_not_errors(phone, client, db):
    session = phone.session
    session["triage_answers"] = {"emergency_signs": ["gone"], "size": 5, "x" * 200: ["y"]}
    session.save()
    assert phone.get("/handover/").status_code == 200
    for url in PERSONAL:
        assert phone.post(url).status_code == 405
        assert client.get(url, headers={"HX-Request": "true"}).status_code in (200, 404)
    assert client.get("/fhir/CodeSystem/lumpguide-nothing").status_code == 404
    assert client.get("/fhir/CodeSystem/finding").status_code == 404
    assert client.get("/fhir/CodeSystem/" + "a" * 2000).status_code == 404


def test_a_check_in_with_a_word_for_its_size(phone):
    CheckIn.objects.all().delete()
    diary_of(phone.device, [(None, 2)])
    CheckIn.objects.update(size_word="grape")
    text = text_of(phone.get("/handover/").content.decode())
    assert "Grape (about 1.5 cm)" in text


def test_your_data_says_where_the_summary_comes_from(phone):
    html = phone.get("/your-data/").content.decode()
    assert "Summary for your doctor" in html and 'href="/handover/"' in html


# Issue 19: a hand-over a GP can act on --------------------------------------------------------

ROUTINE_CYST = frozenset(
    {"loc_side", "firm", "moves", "central_dot", "painless", "size_small", "onset_days"}
)


def give_answers_at(client, answers, when: str) -> None:
    from apps.triage.session_answers import ANSWERED_AT_KEY

    give_answers(client, answers)
    session = client.session
    session[ANSWERED_AT_KEY] = when
    session.save()


def test_the_summary_opens_with_the_presenting_complaint_and_when_it_was_answered(phone):
    give_answers_at(phone, walk_answers(LONG), "2030-01-14T09:30:00+00:00")
    text = text_of(phone.get("/handover/").content.decode())
    assert "Presenting complaint Lump on the lower back: side of the lower back; 2 to 5 cm" in text
    assert "Answers given on 14 January 2030, 09:30" in text
    served = phone.get("/handover/lumpguide-summary.txt").content.decode()
    assert "Lump on the lower back: side of the lower back" in served
    # the emergency text names the lump too
    give_answers(phone, walk_answers(SHORT))
    assert "Lump on the lower back" in phone.get("/handover/lumpguide-summary.txt").content.decode()


def test_the_same_walk_has_the_same_document_id_everywhere(phone):
    give_answers_at(phone, walk_answers(LONG), "2030-01-14T09:30:00+00:00")
    page = phone.get("/handover/").content.decode()
    (document,) = set(re.findall(r"lg-[0-9a-f]{12}", page))
    assert document in phone.get("/handover/lumpguide-summary.txt").content.decode()
    again = phone.get("/handover/").content.decode()
    assert re.findall(r"lg-[0-9a-f]{12}", again)[0] == document
    give_answers_at(phone, walk_answers(LONG - {"growing"}), "2030-01-14T10:00:00+00:00")
    changed = phone.get("/handover/").content.decode()
    assert document not in changed


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_self_report_rules_nothing_out(phone, settings, language):
    phone.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    give_answers(phone, walk_answers(LONG))
    for url in ("/handover/", "/handover/lumpguide-summary.txt"):
        body = phone.get(url).content.decode().lower()
        assert "ruled out" not in body and "descartad" not in body, url
        assert "not reported" in body or "no referid" in body, url


def test_an_emergency_summary_has_no_empty_answers_heading(phone):
    give_answers(phone, walk_answers(SHORT))
    text = text_of(phone.get("/handover/").content.decode())
    assert "Other answers" not in text
    assert "Advice and safety net given to the person" in text


def red_hot_check_in_on_the_12th(phone, *, answered_at: str) -> None:
    """A routine walk answered at `answered_at`, then a red, hot, sore check-in on 12 January."""
    import datetime as dt

    from tests.diary.conftest import make_check_in

    give_answers_at(phone, walk_answers(ROUTINE_CYST), answered_at)
    make_check_in(
        phone.device,
        pain=5,
        red=True,
        hot=True,
        recorded_at=dt.datetime(2030, 1, 12, 9, 0, tzinfo=dt.UTC),
    )


def test_a_check_in_after_the_advice_that_meets_its_get_help_signs_is_called_out(phone):
    red_hot_check_in_on_the_12th(phone, answered_at="2030-01-10T09:00:00+00:00")
    text = text_of(phone.get("/handover/").content.decode())
    assert "after the advice, says: red and hot, pain 5/10." in text
    assert "get medical help today if it becomes red, hot and sore" in text
    served = phone.get("/handover/lumpguide-summary.txt").content.decode()
    assert "after the advice, says: red and hot" in served


def test_a_check_in_before_the_advice_is_not_called_out(phone):
    red_hot_check_in_on_the_12th(phone, answered_at="2030-01-13T09:00:00+00:00")
    assert "after the advice" not in text_of(phone.get("/handover/").content.decode())


def test_photos_are_chosen_on_the_phone_and_never_in_what_the_server_makes(phone):
    """Issue 23: the page has a chooser and an empty place for paper, both filled on the phone
    (static/js/photos.js); the server's page, text, QR code and FHIR file hold no photo."""
    give_answers(phone, walk_answers(LONG))
    diary_of(phone.device, [(1.5, 2)])
    html = phone.get("/handover/").content.decode()
    assert "Photos to print" in html and "data-photo-print" in html
    printed = re.search(r'<section class="handover-photos print-only"[^>]*>', html).group(0)
    assert " hidden" in printed and "data-photo-printed" in printed
    assert re.search(r"data-photo-printed-list></div>", html)
    assert "blob:" not in html and "data:image" not in html
    page_text = text_of(re.sub(r"<template.*?</template>", "", html, flags=re.S))
    for url in ("/handover/lumpguide-summary.txt", "/handover/lumpguide-summary.fhir.json"):
        body = phone.get(url).content.decode()
        assert "hoto" not in body and "image" not in body, url
    qr_text = re.search(r'<pre class="handover-text"[^>]*>(.*?)</pre>', html, re.S).group(1)
    assert "hoto" not in qr_text
    assert "Photos of the lump, from the person's phone" in page_text  # for paper only
