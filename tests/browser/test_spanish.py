"""The Spanish edition in Chromium (issue 12), as a phone set to Spanish uses it: triage online,
offline and without JavaScript to a result, an article and the causes search, a reminder and
its calendar file, and the language switch (footer, Settings, and offline).

Every expected word is read from the edition's own sources, never copied here: the gettext
catalogue (locale/es/LC_MESSAGES/django.po, through polib), the Spanish questionnaire texts
(content/triage/questionnaire.es.yaml), the Spanish articles (content/conditions/es) and
Django's own Spanish for month and day names. Each page is also searched for English left
behind, in what it shows and in its accessible names: an English catalogue message or
questionnaire text, or a common English word ("the", "your"), fails the test.
"""

import datetime as dt
import re
from pathlib import Path

import polib
import pytest
import yaml
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from apps.conditions.article_file import read_article_file
from apps.reminders import push
from apps.reminders.models import Reminder
from apps.triage.engine import QUESTIONNAIRE_PATH
from apps.triage.engine.translate import extract_texts
from lumpguide.regions import COOKIE_NAME as REGION_COOKIE
from lumpguide.regions import REGIONS
from tests.browser.conftest import PHONE, wait_for_service_worker, watch_errors
from tests.browser.test_triage import BY_ID, api_result
from tests.triage.walker import choose

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = polib.pofile(str(ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"))
SPANISH = {e.msgid: e.msgstr for e in CATALOGUE.translated_entries() if e.msgstr}
ES_TEXTS = yaml.safe_load(
    QUESTIONNAIRE_PATH.with_name("questionnaire.es.yaml").read_text(encoding="utf-8")
)
EN_TEXTS = extract_texts(yaml.safe_load(QUESTIONNAIRE_PATH.read_text(encoding="utf-8")))
SPAIN = REGIONS["es"]
ESPANOL = dict(settings.LANGUAGES)["es"]
ENGLISH = dict(settings.LANGUAGES)["en"]


def es(msgid: str) -> str:
    """The catalogue's Spanish for an English interface message."""
    assert msgid in SPANISH, f"the catalogue has no Spanish for {msgid!r}"
    return SPANISH[msgid]


def words(text: str) -> str:
    """Text with its white space made single spaces (YAML folds lines; pages wrap them)."""
    return " ".join(text.split())


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield words(value)


def _english_messages() -> tuple[list[str], re.Pattern]:
    """English a Spanish page must not show: the interface messages (split at their
    placeholders) and questionnaire texts that Spanish says differently. Phrases of three
    words or more are looked for as they are; shorter ones ("Back", "Change") as whole words,
    unless Spanish uses the same word somewhere."""
    placeholder = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|<[^>]+>")
    parts = set()
    for entry in CATALOGUE.translated_entries():
        if entry.msgstr != entry.msgid:
            parts |= {words(part).strip(" .,:;“”()") for part in placeholder.split(entry.msgid)}
    spanish = set(_leaves(ES_TEXTS))
    parts |= set(_leaves(EN_TEXTS)) - spanish
    spanish_words = set(
        re.findall(WORD, " ".join([*spanish, *(e.msgstr for e in CATALOGUE.translated_entries())]))
    )
    phrases = sorted(part for part in parts if len(part.split()) >= 3)
    short = sorted(
        part
        for part in parts
        if 0 < len(part.split()) < 3 and not set(re.findall(WORD, part)) <= spanish_words
    )
    whole = re.compile("|".join(rf"(?<!\w){re.escape(part)}(?!\w)" for part in short))
    return phrases, whole


WORD = r"[^\W\d_]+"
ENGLISH_PHRASES, ENGLISH_SHORT = _english_messages()

# Short English words that no Spanish sentence uses: one of them in a Spanish page's own words
# is English that never went through the catalogue.
ENGLISH_WORDS = {"the", "you", "your", "and", "with", "this", "is", "it", "of", "to", "or", "not"}

# What a person sees or hears on a page: its visible text (not the <select>s' option lists,
# such as the time zones, nor parts marked as another language) and its accessible names.
PAGE_WORDS = """() => {
  const parts = [document.title];
  const skip = "script, style, template, select, [lang]:not([lang|='es'])";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (element && !element.closest(skip) && element.checkVisibility()) {
      parts.push(walker.currentNode.textContent);
    }
  }
  for (const element of document.querySelectorAll("[aria-label], [alt], [title], [placeholder]")) {
    if (element.closest(skip)) continue;
    for (const name of ["aria-label", "alt", "title", "placeholder"]) {
      if (element.hasAttribute(name)) parts.push(element.getAttribute(name));
    }
  }
  return parts.join("\\n");
}"""


def assert_no_english(page, where: str, *, cites_english_sources: bool = False) -> None:
    """Nothing of the page is in English: no catalogue message or questionnaire text, and no
    common English word. A page that cites English sources (an article) is only searched for
    the longer messages: its source titles are English words."""
    text = words(page.evaluate(PAGE_WORDS))
    left = [phrase for phrase in ENGLISH_PHRASES if phrase in text]
    if not cites_english_sources:
        left += sorted(set(ENGLISH_SHORT.findall(text)))
        left += sorted({w for w in re.findall(WORD, text) if w.lower() in ENGLISH_WORDS})
    assert left == [], f"{where}: still in English: {left}"


def assert_lang(page, code: str) -> None:
    assert page.locator("html").get_attribute("lang") == code


# -- the phones ---------------------------------------------------------------------------


def new_phone(browser, site, *, locale: str = "es-ES", javascript: bool = True):
    """A phone in Spain set to `locale`, with Spain chosen as its region in Settings (the
    region's cookie), so the numbers shown are Spain's."""
    context = browser.new_context(
        **{**PHONE, "locale": locale}, timezone_id=SPAIN.time_zone, java_script_enabled=javascript
    )
    context.add_cookies([{"name": REGION_COOKIE, "value": SPAIN.code, "url": site}])
    return context


@pytest.fixture
def context(browser, site):
    """A phone set to Spanish (Accept-Language: es), in Spain. The conftest's `page` uses it."""
    context = new_phone(browser, site)
    yield context
    context.close()


@pytest.fixture
def english_page(browser, site):
    """A phone in Spain set to British English (Accept-Language: en-GB)."""
    context = new_phone(browser, site, locale="en-GB")
    page = context.new_page()
    errors = watch_errors(page)
    yield page
    context.close()
    assert not errors, f"JavaScript or CSP errors on the page: {errors}"


@pytest.fixture
def vapid_key(settings, tmp_path):
    path = tmp_path / "vapid.pem"
    push.generate_keys(path=path)
    settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE = path


# -- triage -------------------------------------------------------------------------------

OFFLINE_NOTICE = (
    "You are offline. LumpGuide is working this out on your phone, with the same questions and "
    "rules."
)
# What only the offline screens say (the notice, the notes that a reminder or the doctor's
# summary needs a connection) and the time a result was made: left out when comparing them.
OFFLINE_ONLY = [
    re.escape(words(es(msgid))) + ".*"
    for msgid in (
        OFFLINE_NOTICE,
        "You need a connection to set a reminder.",
        "You are offline: you can print this page or share its text now. The summary page, its "
        "QR code and its file need a connection.",
        "This is not a diagnosis.",
    )
]


def questions(page, site) -> dict:
    """The questionnaire's ids, kinds and findings (the same in every language)."""
    spec = page.request.get(site + "/api/triage/questionnaire").json()
    return {q["id"]: q for q in spec["questions"]}


def screen_text(page) -> str:
    lines = (words(line) for line in page.locator("#triage-screen").inner_text().splitlines())
    return "\n".join(
        line
        for line in lines
        if line and not any(re.fullmatch(pattern, line) for pattern in OFFLINE_ONLY)
    )


def when_they_start_the_check(page) -> None:
    assert_lang(page, "es")
    assert words(page.locator("h1").inner_text()) == es("Check your lump")
    assert_no_english(page, "the start page")
    page.locator("#triage-screen").get_by_role("link", name=es("Start now")).click()
    page.locator("#triage-screen[data-question='emergency_signs']").wait_for()


def when_they_answer_every_question(page, site, findings, *, settled=True) -> list[str]:
    """Answer each question as a person with these findings would (checking each against the
    Spanish texts), then see the result. Returns every screen's text, the result's last.
    `settled`: wait for the result's print button (shown by script) before reading it."""
    spec = questions(page, site)
    texts = []
    for _ in range(30):
        screen = page.locator("#triage-screen")
        question_id = screen.get_attribute("data-question")
        if question_id is None:
            break
        then_the_question_is_in_spanish(page, question_id)
        texts.append(screen_text(page))
        for option in choose(spec[question_id], frozenset(findings)):
            screen.locator(f"label[for='option-{option}']").click()
        screen.get_by_role("button", name=es("Continue")).click()
        page.locator(f"#triage-screen:not([data-question='{question_id}'])").wait_for()
    screen = page.locator("#triage-screen")
    # Not `.result`: htmx keeps the old screen's class until the swap settles (base.html's
    # attributesToSettle), while data-urgency is there at once.
    if not page.locator("#triage-screen[data-urgency]").count():
        assert words(screen.locator("h1").inner_text()) == es("Check your answers")
        assert_no_english(page, "the summary")
        texts.append(screen_text(page))
        see = es("See your result")
        screen.get_by_role("link", name=see).or_(screen.get_by_role("button", name=see)).click()
        page.locator("#triage-screen.result").wait_for()
    if settled:
        page.locator("#triage-screen.result [data-print]").wait_for()
    return [*texts, screen_text(page)]


def then_the_question_is_in_spanish(page, question_id: str) -> None:
    expected = ES_TEXTS["questions"][question_id]
    screen = page.locator("#triage-screen")
    assert words(screen.locator("h1").inner_text()) == words(expected["text"])
    if expected["help"]:
        assert words(screen.locator(".hint").first.inner_text()) == words(expected["help"])
    assert screen.locator("input[name=option]").count() == len(expected["options"])
    for option_id, label in expected["options"].items():
        shown = screen.locator(f"label[for='option-{option_id}']").inner_text()
        assert words(shown) == words(label), (question_id, option_id)
    assert screen.get_by_role("button", name=es("Continue")).count() == 1
    assert_no_english(page, f"question {question_id}")


def then_the_result_is_in_spanish(page, expected: dict) -> None:
    """The result for `expected` (the API's assessment: its codes) in the Spanish words, with
    Spain's numbers."""
    assert_lang(page, "es")
    screen = page.locator("#triage-screen.result")
    urgency = expected["urgency"]
    assert screen.get_attribute("data-urgency") == urgency
    level = ES_TEXTS["urgency_levels"][urgency]
    # The heading is Spain's action (the API's first step), or self-care's headline
    if urgency == "self_care":
        heading = level["headline"]
    else:
        from django.utils import translation

        from apps.triage.presenters import urgency_view

        with translation.override("es"):
            heading = str(urgency_view(urgency, SPAIN).action)
    assert words(heading) in words(screen.locator("h1").inner_text())
    heading = screen.get_by_role("heading", name=es("What to do now"))
    steps = heading.locator("xpath=following-sibling::ul[1]/li").all_inner_texts()
    steps = [words(step) for step in steps]
    assert steps[: len(level["next_steps"])] == [words(step) for step in level["next_steps"]]
    assert set(steps) <= set(_leaves(ES_TEXTS)), "a next step not in the Spanish texts"
    causes = screen.locator(".condition-list a")
    slugs = [c["slug"] for c in expected["conditions"]]
    hrefs = [causes.nth(i).get_attribute("href") for i in range(causes.count())]
    assert hrefs == [f"/conditions/{slug}/" for slug in slugs]
    assert causes.all_inner_texts() == [ES_TEXTS["conditions"][slug]["name"] for slug in slugs]
    # The numbers come from the region (Spain: 112), never from the language.
    # A same-day result gives them in its heading and buttons; the others in a box
    tels = screen.locator("a[href^='tel:']").evaluate_all("els => els.map(e => e.href)")
    assert "tel:" + SPAIN.emergency_tel in tels and all(t.endswith(("112", "061")) for t in tels)
    disclaimer = words(screen.locator(".disclaimer").inner_text())
    assert es("LumpGuide does not diagnose.") in disclaimer
    assert SPAIN.emergency_number in disclaimer
    assert_no_english(page, f"the {urgency} result")


def test_triage_online_to_a_result_in_spanish(site, page, check_accessibility):
    """Given a phone set to Spanish, when the person answers every question (HTMX), then every
    screen and the result read in the Spanish words, with Spain's number."""
    findings = BY_ID["E03"]["findings"]  # an abscess: urgent, with causes and reasons
    expected = api_result(page, site, findings)
    page.goto(site + "/check/")
    when_they_start_the_check(page)
    check_accessibility(page)
    when_they_answer_every_question(page, site, findings)
    then_the_result_is_in_spanish(page, expected)
    page.wait_for_url("**/check/result/")
    check_accessibility(page)


def test_triage_offline_reads_the_same_spanish_as_online(site, context, page):
    """Given the service worker installed in Spanish, when the same person walks online and
    then offline, then every offline screen reads as the online one did, in Spanish."""
    findings = BY_ID["E04"]["findings"]  # a lipoma: a summary screen, then self-care
    expected = api_result(page, site, findings)
    page.goto(site + "/check/")
    wait_for_service_worker(page)
    page.reload()
    when_they_start_the_check(page)
    online = when_they_answer_every_question(page, site, findings)
    then_the_result_is_in_spanish(page, expected)

    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    page.request.post(site + "/check/restart/", headers={"X-CSRFToken": token})
    page.goto(site + "/check/")
    context.set_offline(True)
    when_they_start_the_check(page)
    screen = page.locator("#triage-screen[data-offline]")
    assert words(es(OFFLINE_NOTICE)) in words(screen.inner_text())
    offline = when_they_answer_every_question(page, site, findings)
    assert page.locator("#triage-screen[data-offline]").count() == 1
    then_the_result_is_in_spanish(page, expected)
    assert len(offline) == len(online)
    for number, (a, b) in enumerate(zip(online, offline, strict=True)):
        assert a == b, f"screen {number + 1} reads differently offline"


def test_triage_without_javascript_to_a_result_in_spanish(site, browser):
    """Given a Spanish phone with JavaScript off, the plain forms reach a Spanish result."""
    context = new_phone(browser, site, javascript=False)
    page = context.new_page()
    try:
        findings = BY_ID["E05"]["findings"]  # a deep, growing lump: soon, a sarcoma first
        expected = api_result(page, site, findings)
        page.goto(site + "/check/")
        when_they_start_the_check(page)
        page.wait_for_url("**/check/q/emergency_signs/")
        when_they_answer_every_question(page, site, findings, settled=False)
        page.wait_for_url("**/check/result/")
        then_the_result_is_in_spanish(page, expected)
    finally:
        context.close()


def test_an_emergency_result_names_the_warning_signs_in_spanish(site, page):
    findings = BY_ID["E01"]["findings"]  # numbness between the legs and a bladder change
    expected = api_result(page, site, findings)
    assert expected["urgency"] == "emergency" and expected["red_flags"]
    page.goto(site + "/check/q/emergency_signs/")
    when_they_answer_every_question(page, site, findings)
    because = page.locator("#triage-screen [data-if=red_flags]")
    assert words(es("This is because of what you said about:")) in words(because.inner_text())
    then_the_result_is_in_spanish(page, expected)


# -- an article and the search ------------------------------------------------------------

LIPOMA = {
    language: read_article_file(
        ROOT / "content" / "conditions" / language / "lipoma.md", language=language
    )
    for language in ("en", "es")
}


def first_paragraph(article) -> str:
    return words(article.body.strip().split("\n\n")[0])


def then_the_article_is_in_spanish(page, article, english) -> None:
    """The Spanish file's title, summary (the page's description) and opening paragraph."""
    assert_lang(page, "es")
    assert page.locator("h1").inner_text() == article.title
    description = page.locator("meta[name=description]").get_attribute("content")
    assert words(description) == words(article.summary)
    text = words(page.locator("main").inner_text())
    assert first_paragraph(article) in text
    assert first_paragraph(english) not in text


def test_an_article_and_the_causes_search_in_spanish(site, page, check_accessibility):
    """Given a Spanish phone, the lipoma article is the Spanish file's, and the causes search
    understands everyday Spanish ("bulto de grasa": a fatty lump)."""
    article = LIPOMA["es"]
    page.goto(site + "/conditions/lipoma/")
    then_the_article_is_in_spanish(page, article, LIPOMA["en"])
    headings = [words(h) for h in page.locator("main h2").all_inner_texts()]
    for heading in re.findall(r"^## (.+)$", article.body, re.MULTILINE):
        assert words(heading) in headings
    assert_no_english(page, "the lipoma article", cites_english_sources=True)
    check_accessibility(page)

    page.get_by_role("link", name=es("Causes"), exact=True).first.click()
    page.wait_for_url("**/conditions/")
    assert page.locator("h1").inner_text() == es("Causes of a lump on the lower back")
    box = page.get_by_label(es("Search causes"))
    box.fill("bulto de grasa")
    with page.expect_response(lambda response: "q=" in response.url and response.ok):
        box.press("Enter")
    page.locator("[data-search-status]", has_text="“bulto de grasa”").wait_for()
    first = page.locator("[data-search-text]:visible a").first
    assert first.get_attribute("href") == "/conditions/lipoma/"
    assert first.inner_text() == article.title
    assert_no_english(page, "the search results")
    check_accessibility(page)


# -- a reminder ---------------------------------------------------------------------------


def next_20_october() -> dt.date:
    today = dt.date.today()
    day = dt.date(today.year, 10, 20)
    return day if day > today + dt.timedelta(days=1) else day.replace(year=today.year + 1)


def test_a_reminder_set_in_spanish(site, page, vapid_key, check_accessibility):
    """Given a Spanish phone, the reminder is set through Spanish forms, listed with its date
    in the Spanish form, and its calendar file speaks Spanish."""
    day = next_20_october()
    page.goto(site + "/reminders/new/?days=14")
    assert_lang(page, "es")
    assert page.locator("h1").inner_text() == es("Remind me to check it again")
    page.get_by_label(es("Day")).fill(day.isoformat())
    page.get_by_label(es("A calendar event")).check()
    assert_no_english(page, "the reminder form")
    check_accessibility(page)
    page.get_by_role("button", name=es("Set the reminder")).click()
    page.get_by_text(es("Your reminder is set.")).wait_for()

    assert Reminder.objects.get().local_date == day
    assert page.locator("h1").inner_text() == es("Your reminders")
    when = page.locator(".reminder-when").inner_text()
    with translation.override("es"):  # the names of the day and month in Django's Spanish
        weekday, month = date_format(day, "l"), date_format(day, "F")
    assert month == "octubre"
    assert f"{weekday} {day.day} de {month} de {day.year}" in when
    assert es("A calendar event") in page.locator(".reminder-item").inner_text()
    assert_no_english(page, "the reminders list")
    check_accessibility(page)

    with page.expect_download() as info:
        page.get_by_role("link", name=es("Add to your calendar (.ics)")).click()
    ics = Path(info.value.path()).read_text(encoding="utf-8").replace("\r\n ", "")
    assert f"SUMMARY:{es('Check your lump (LumpGuide)')}" in ics.splitlines()
    assert f"DESCRIPTION:{es('Time to check your lump with LumpGuide')}" in ics.splitlines()
    assert "Check your lump" not in ics


# -- the language switch ------------------------------------------------------------------

NEEDS_A_CONNECTION = (
    "Changing the language or the region needs a connection too. The first time you use "
    "LumpGuide in another language, it saves that language's pages on this phone for next time."
)


def test_an_english_browser_switches_to_spanish_from_the_footer(site, english_page):
    """Given an English browser, "Español" in the footer gives the same page in Spanish, and
    the next page too."""
    page = english_page
    page.goto(site + "/conditions/lipoma/")
    assert_lang(page, "en")
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name=ESPANOL).click()
    assert page.url == site + "/conditions/lipoma/"
    assert_lang(page, "es")
    then_the_article_is_in_spanish(page, LIPOMA["es"], LIPOMA["en"])
    assert_no_english(page, "the article after the switch", cites_english_sources=True)
    # It sticks: the next page is Spanish too, and the footer offers English back.
    page.get_by_role("link", name=es("Causes"), exact=True).first.click()
    page.wait_for_url("**/conditions/")
    assert_lang(page, "es")
    assert page.locator("h1").inner_text() == es("Causes of a lump on the lower back")
    assert page.locator("footer").get_by_role("button", name=ENGLISH).count() == 1


def test_english_chosen_in_settings_wins_over_a_spanish_browser(site, page):
    """Given a browser asking for Spanish, English chosen in Settings is what it gets."""
    page.goto(site + "/settings/")
    assert_lang(page, "es")
    assert page.locator("h1").inner_text() == es("Settings")
    page.get_by_label(ENGLISH, exact=True).check()
    page.get_by_role("button", name=es("Save language")).click()
    page.wait_for_url("**/settings/?saved=language")
    assert_lang(page, "en")
    page.get_by_text("Saved. LumpGuide now speaks your language.").wait_for()
    page.goto(site + "/")
    assert_lang(page, "en")
    assert page.evaluate("navigator.language") == "es-ES"  # the browser still asks for Spanish
    assert page.locator("footer").get_by_role("button", name=ESPANOL).count() == 1


def test_a_switch_sent_offline_shows_the_offline_page_in_the_current_language(site, context, page):
    """Given a Spanish phone offline, the footer's "English" gets the stored offline page, in
    Spanish, saying a language change needs a connection; the language stays Spanish."""
    page.goto(site + "/")
    wait_for_service_worker(page)
    page.reload()
    context.set_offline(True)
    page.locator("footer").get_by_role("button", name=ENGLISH).click()
    page.get_by_role("heading", name=es("You are offline")).wait_for()
    assert_lang(page, "es")
    assert words(es(NEEDS_A_CONNECTION)) in words(page.locator("main").inner_text())
    assert not any(c["name"] == settings.LANGUAGE_COOKIE_NAME for c in context.cookies())


CONTROLLER_LANGUAGE = """() => new Promise((resolve) => {
    const controller = navigator.serviceWorker.controller;
    if (!controller) return resolve(null);
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    controller.postMessage({ type: "LANGUAGE" }, [channel.port2]);
    setTimeout(() => resolve(null), 2000);
})"""


def test_after_switching_to_spanish_the_offline_pages_are_spanish(site, english_page):
    """The Spanish worker waited for "Reload to update", so a person who switched and then
    lost the signal got the check in English (a review)."""
    page = english_page
    page.goto(site + "/")
    wait_for_service_worker(page)
    assert page.evaluate(CONTROLLER_LANGUAGE) == "en"
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name=ESPANOL).click()
    assert_lang(page, "es")
    deadline = dt.datetime.now() + dt.timedelta(seconds=20)
    while page.evaluate(CONTROLLER_LANGUAGE) != "es":
        assert dt.datetime.now() < deadline, "the Spanish worker did not take over"
        page.wait_for_timeout(200)
    assert not page.locator("#update-banner").is_visible()  # no "Reload to update" for it
    page.context.set_offline(True)
    page.goto(site + "/check/")
    assert_lang(page, "es")
    assert page.locator("h1").inner_text() == es("Check your lump")
