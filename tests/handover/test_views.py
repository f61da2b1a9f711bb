"""The summary pages: reachable from a result and from the diary, built for this phone only,
never stored, naming the region's numbers, and nothing a client sends makes a 500."""

import re

import pytest

from apps.diary.models import CheckIn
from apps.handover.words import finding_words
from apps.reminders.models import Reminder
from apps.triage.questionnaire_store import current_questionnaire
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
    for question_id, options in answers.items():
        question = questionnaire.question(question_id)
        for option_id in options:
            label = question.option(option_id).label
            if not question.option(option_id).exclusive:
                assert label in text, label
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
    assert "It is getting bigger" in text
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


def test_the_diary_can_be_left_out(phone):
    give_answers(phone, walk_answers(LONG))
    diary_of(phone.device, [(1.5, 2), (3.5, 6)])
    assert "3.5 cm" in phone.get("/handover/").content.decode()
    without = phone.get("/handover/?diary=0").content.decode()
    assert "3.5 cm" not in without and 'href="/handover/"' in without
    assert "3.5 cm" not in phone.get("/handover/lumpguide-summary.txt?diary=0").content.decode()
    bundle = phone.get("/handover/lumpguide-summary.fhir.json").json()
    alone = phone.get("/handover/lumpguide-summary.fhir.json?diary=0").json()
    assert bundle["resourceType"] == "Bundle" and alone["resourceType"] == "QuestionnaireResponse"


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
