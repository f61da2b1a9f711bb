"""The parts of the result and question screens cached per process ("fragments": result.html,
question.html, scripts.html) are keyed by what they show: a new questionnaire version, another
region or another language shows its own words at once, never a page cached before."""

import re

import pytest

from apps.triage.models import QuestionnaireDocument
from apps.triage.questionnaire_store import load_questionnaire_file
from lumpguide.regions import COOKIE_NAME
from tests.site.test_fast_path import mid_walk
from tests.triage.test_views import walk_forms

pytestmark = pytest.mark.django_db

#: A lipoma that can be looked after at home (vignette H16): self-care, look again in 14 days.
SELF_CARE = ["soft", "moves", "painless", "size_medium", "onset_weeks", "stable", "loc_side"]
#: An abscess: urgent, today.
URGENT = ["red", "tender", "firm", "size_small", "onset_days", "loc_side", "fever"]
LANGUAGE_COOKIE = "lumpguide_language"


def text(html: str) -> str:
    """The page's words, without tags, on one line."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def a_new_version(**replacements: str) -> None:
    """Make a changed copy of the active questionnaire the active one (as loading a new
    file does), each `old=new` replaced once in its YAML."""
    document, _ = load_questionnaire_file()
    changed = document.yaml_text
    for old, new in replacements.items():
        assert old in changed
        changed = changed.replace(old, new, 1)
    QuestionnaireDocument.objects.filter(pk=document.pk).update(is_active=False)
    QuestionnaireDocument.objects.create(version="changed", yaml_text=changed)


def test_a_new_questionnaire_version_s_headline_follow_up_and_reasons_are_shown_at_once(
    client,
):
    load_questionnaire_file()
    before = walk_forms(client, SELF_CARE)
    assert "You can look after this at home for now." in before
    assert "again in 14 days" in text(before) and "?days=14" in before
    assert "You said it feels soft or doughy." in before
    a_new_version(
        **{
            "headline: You can look after this at home for now.": "headline: A NEW HEADLINE.",
            "follow_up_days: 14  #": "follow_up_days: 10  #",
            "soft: You said it feels soft or doughy.": "soft: A NEW REASON.",
        }
    )
    after = client.get("/check/result/").content.decode()
    assert "A NEW HEADLINE." in after and "look after this at home" not in after
    assert "again in 10 days" in text(after) and "?days=10" in after and "14 days" not in after
    assert "A NEW REASON." in after and "soft or doughy" not in after


def test_the_result_s_cached_parts_follow_the_region(client):
    walk_forms(client, URGENT)
    client.cookies[COOKIE_NAME] = "uk"
    uk = text(client.get("/check/result/").content.decode())
    client.cookies[COOKIE_NAME] = "au"
    au = text(client.get("/check/result/").content.decode())
    # The care card's heading (the region's action), the settings link, the disclaimer
    assert "Ask for an urgent GP appointment or call NHS 111." in uk
    assert "See a GP today or call healthdirect on 1800 022 222." in au
    assert "NHS 111" not in au and "healthdirect" not in uk
    assert "Numbers for: United Kingdom." in uk and "Numbers for: Australia." in au
    assert "call 999 now" in uk and "call 000 now" in au and "call 999" not in au


def test_a_less_urgent_result_s_numbers_follow_the_region(client):
    walk_forms(client, SELF_CARE)
    client.cookies[COOKIE_NAME] = "uk"
    uk = client.get("/check/result/").content.decode()
    client.cookies[COOKIE_NAME] = "us"
    us = client.get("/check/result/").content.decode()
    numbers = re.compile(r'<dl class="numbers">.*?</dl>', re.S)
    assert 'href="tel:999"' in numbers.search(uk).group()
    assert 'href="tel:911"' in numbers.search(us).group()
    assert "urgent care center" in numbers.search(us).group()
    assert "NHS 111" in numbers.search(uk).group()


def test_the_result_s_cached_parts_follow_the_language(client):
    walk_forms(client, SELF_CARE)
    english = client.get("/check/result/").content.decode()
    client.cookies[LANGUAGE_COOKIE] = "es"
    spanish = client.get("/check/result/").content.decode()
    for words in (
        "Self-care",  # the care card
        "Emergency number",  # the numbers
        "Remind me to check it again",  # the follow-up
        "Take it to your doctor",  # the hand-over offer
        "Change your answers",  # the actions
        "Start again",
    ):
        assert words in english and words not in spanish, words
    assert "Cambiar sus respuestas" in spanish or "Cambiar tus respuestas" in spanish
    english_causes = re.findall(r'<li data-each="likely">.*?</li>\s*</ul>', english, re.S)
    spanish_causes = re.findall(r'<li data-each="likely">.*?</li>\s*</ul>', spanish, re.S)
    assert english_causes and len(spanish_causes) == len(english_causes)
    assert "You said" in english_causes[0] and "You said" not in spanish_causes[0]


def test_a_cause_shows_the_reasons_of_its_own_walk(client):
    soft = walk_forms(client, SELF_CARE)
    client.post("/check/restart/")
    firm = walk_forms(client, [f for f in SELF_CARE if f != "soft"] + ["firm"])
    assert "You said it feels soft or doughy." in soft
    assert "soft or doughy" not in firm


def test_a_question_screen_s_cached_top_and_form_follow_the_question_and_language(client):
    url = mid_walk(client)
    page = client.get(url).content.decode()
    assert f'action="{url}"' in page and f'hx-post="{url}"' in page
    assert 'href="/check/q/feel/" class="back-link">Back<' in page
    assert "Question 5 of at most" in page
    earlier = client.get("/check/q/location/").content.decode()
    assert 'action="/check/q/location/"' in earlier and url not in earlier
    assert 'href="/check/q/urgent_signs/" class="back-link"' in earlier
    assert "Question 3 of at most" in earlier
    client.cookies[LANGUAGE_COOKIE] = "es"
    spanish = client.get(url).content.decode()
    assert f'action="{url}"' in spanish
    assert ">Back<" not in spanish and "Question 5 of at most" not in spanish
