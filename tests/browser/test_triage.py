"""Walking the questions in Chromium: online with HTMX, offline with the shared engine, and
with JavaScript off. Each gives the same result as the API for the same person."""

import json

import pytest

from tests.browser.conftest import wait_for_service_worker
from tests.triage.test_api import VIGNETTES
from tests.triage.walker import choose, walk

BY_ID = {v["id"]: v for v in VIGNETTES}


def api_result(page, site, findings):
    def next_fn(answers):
        response = page.request.post(
            site + "/api/triage/next",
            data=json.dumps({"answers": answers}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    return walk(findings, next_fn).assessment


def heading_of(expected: dict) -> str:
    """The result's heading: the region's action (the API's first step), or self-care's
    headline (issue 20: said once)."""
    return expected["headline"] if expected["urgency"] == "self_care" else expected["next_steps"][0]


def start_offline_walk(site, context, page):
    """Open the check under the service worker, lose the connection, and start: the first
    question, drawn on the phone."""
    page.goto(site + "/check/")
    wait_for_service_worker(page)
    page.reload()  # now controlled: the engine and questions are stored
    context.set_offline(True)
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-offline][data-question]").wait_for()


def past_the_red_flag_screens(page, *, urgent: str) -> str:
    """ "None of these" on the emergency signs, then `urgent` on the urgent signs: the id of
    the question that comes next."""
    page.locator("label[for='option-none']").click()
    page.get_by_role("button", name="Continue").click()
    page.locator("#triage-screen[data-question='urgent_signs']").wait_for()
    page.locator(f"label[for='option-{urgent}']").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_function(
        "() => document.getElementById('triage-screen').dataset.question !== 'urgent_signs'"
    )
    return page.locator("#triage-screen").get_attribute("data-question")


def answer_screens(page, site, findings, *, screenshot=None, until=None, see_result=True):
    """Answer each question screen in the page, as the contract's walker would: up to the
    result, or to the summary (see_result=False), or to the screen for question `until`."""
    questions = {
        q["id"]: q for q in page.request.get(site + "/api/triage/questionnaire").json()["questions"]
    }
    for number in range(30):
        screen = page.locator("#triage-screen")
        question_id = screen.get_attribute("data-question")
        if until is not None and question_id == until:
            return
        if question_id is None:
            if not see_result:
                return
            if page.get_by_role("button", name="See your result").count():
                page.get_by_role("button", name="See your result").click()
            elif page.get_by_role("link", name="See your result").count():
                page.get_by_role("link", name="See your result").click()
            page.locator("#triage-screen.result").wait_for()
            return
        if screenshot and number == 0:
            screenshot(page, "question")
        for option in choose(questions[question_id], frozenset(findings)):
            page.locator(f"label[for='option-{option}']").click()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_function(
            "(previous) => { const s = document.getElementById('triage-screen');"
            " return s && s.getAttribute('data-question') !== previous; }",
            arg=question_id,
        )
    raise AssertionError("the walk did not end")


def test_online_walk_with_htmx(site, page, check_accessibility, screenshot):
    vignette = BY_ID["E04"]
    expected = api_result(page, site, vignette["findings"])
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("[data-question='emergency_signs']").wait_for()
    check_accessibility(page)
    answer_screens(page, site, vignette["findings"], screenshot=screenshot)
    assert page.locator("#triage-screen").get_attribute("data-urgency") == expected["urgency"]
    assert heading_of(expected) in page.locator("h1").inner_text()
    links = page.locator(".condition-list a").all_inner_texts()
    assert links == [c["name"] for c in expected["conditions"]]
    page.wait_for_url("**/check/result/")
    check_accessibility(page)
    screenshot(page, "result-online")
    # The browser's Back button goes to the summary, whose Change links work.
    page.go_back()
    page.get_by_role("heading", name="Check your answers").wait_for()


def test_question_screen_moves_focus_to_the_new_question(site, page):
    page.goto(site + "/check/q/emergency_signs/")
    page.locator("label[for='option-none']").click()
    page.get_by_role("button", name="Continue").click()
    page.locator("[data-question='urgent_signs']").wait_for()
    # Focus moves once HTMX has settled the swap, a moment after the screen appears.
    page.wait_for_function("() => document.activeElement.closest('#triage-screen') !== null")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused.strip() == page.locator("#triage-screen h1").inner_text().strip()
    page.wait_for_url("**/check/q/urgent_signs/")
    assert page.locator(".disclaimer").count() == 1  # the swapped-in screen brings its own
    page.go_back()
    page.locator("[data-question='emergency_signs']").wait_for()


def test_none_of_these_unticks_the_signs(site, page):
    page.goto(site + "/check/q/emergency_signs/")
    page.locator("label[for='option-saddle']").click()
    page.locator("label[for='option-none']").click()
    assert not page.locator("#option-saddle").is_checked()
    assert page.locator("#option-none").is_checked()


def test_a_refused_answer_shows_the_server_s_page_not_nothing(site, page, settings):
    """With htmx, a 429 (or 403, 500) used to leave the screen as it was, with no word."""
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-question='emergency_signs']").wait_for()
    settings.LUMPGUIDE_RATE_FORMS = "0/m"
    page.get_by_label("None of these").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Too many tries in a short time").wait_for()


def test_an_offline_walk_reaches_the_server_once_back_online(site, context, page):
    """The summary for the doctor used the answers from before the offline walk (a review
    found it saying "Self-care" under an offline "Urgent advice: today")."""
    page.goto(site + "/")
    wait_for_service_worker(page)
    calm = ["soft", "moves", "painless", "size_small", "onset_long", "stable"]
    feverish = ["fever", "red", "warm", "painful"]
    before, after = api_result(page, site, calm), api_result(page, site, feverish)
    assert before["urgency"] != after["urgency"]
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-question='emergency_signs']").wait_for()
    answer_screens(page, site, calm)
    context.set_offline(True)
    page.goto(site + "/check/")  # the stored start page
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-offline][data-question]").wait_for()
    answer_screens(page, site, feverish)
    assert page.locator("#triage-screen").get_attribute("data-urgency") == after["urgency"]
    context.set_offline(False)
    page.get_by_role("link", name="Summary for your doctor").click()
    page.locator("#advice-heading").wait_for()
    assert heading_of(after) in page.locator("#advice-heading").inner_text()


def test_start_again_offline_starts_a_fresh_walk_on_the_phone(site, context, page):
    page.goto(site + "/")
    wait_for_service_worker(page)
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-question='emergency_signs']").wait_for()
    answer_screens(page, site, ["soft", "moves", "painless", "size_small", "onset_long"])
    context.set_offline(True)
    page.get_by_role("button", name="Start again").click()
    screen = page.locator("#triage-screen[data-offline][data-question]")
    screen.wait_for()
    assert screen.get_attribute("data-question") == "emergency_signs"
    assert page.locator("input[name=option]:checked").count() == 0


def test_start_again_on_a_result_drawn_offline_starts_afresh(site, context, page):
    """The result drawn on the phone sent "Start again" to the network: the offline page."""
    start_offline_walk(site, context, page)
    answer_screens(page, site, ["soft", "moves", "painless", "size_small", "onset_long"])
    assert page.locator("#triage-screen[data-offline].result").count() == 1
    page.get_by_role("button", name="Start again").click()
    screen = page.locator("#triage-screen[data-offline][data-question='emergency_signs']")
    screen.wait_for()
    assert page.locator("input[name=option]:checked").count() == 0


def test_offline_walk_gives_the_same_result(site, context, page, check_accessibility, screenshot):
    vignette = BY_ID["E05"]  # a deep, growing lump: soon, with a date to look again
    expected = api_result(page, site, vignette["findings"])
    start_offline_walk(site, context, page)
    assert "You are offline" in page.locator("#triage-screen").inner_text()
    # One offline note, not the site's banner stacked above the screen's own (issue 20)
    assert page.get_by_text("You are offline").filter(visible=True).count() == 1
    assert page.locator(".disclaimer").count() == 1  # drawn with the screen, none in the footer
    answer_screens(page, site, vignette["findings"])
    screen = page.locator("#triage-screen")
    assert screen.get_attribute("data-urgency") == expected["urgency"]
    assert heading_of(expected) in page.locator("h1").inner_text()
    assert page.locator(".condition-list a").all_inner_texts() == [
        c["name"] for c in expected["conditions"]
    ]
    for step in expected["next_steps"]:
        assert step in screen.inner_text()
    # Like the server's result: a way to be reminded, which needs a connection to set.
    assert expected["follow_up_days"]
    remind = screen.get_by_role("link", name="Remind me to check it again")
    assert remind.get_attribute("href") == f"/reminders/new/?days={expected['follow_up_days']}"
    assert "You need a connection to set a reminder." in screen.inner_text()
    assert page.locator(".disclaimer").count() == 1
    # The same words as the server's disclaimer, with the region's numbers (UK: 999 and 111).
    disclaimer = page.locator(".disclaimer").inner_text()
    assert "call 999 now" in disclaimer and "call 111." in disclaimer
    check_accessibility(page)
    screenshot(page, "result-offline")
    # An article linked from the result opens offline too.
    page.locator(".condition-list a").first.click()
    page.locator("article h1").wait_for()


def test_emergency_walk_without_javascript(site, browser, check_accessibility):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    page = context.new_page()
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("label[for='option-saddle']").click()
    page.locator("label[for='option-bladder_bowel']").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/check/result/")
    assert page.locator("#triage-screen").get_attribute("data-urgency") == "emergency"
    assert "Call 999 or go to A&E now" in page.locator("#triage-screen").inner_text()
    context.close()


def test_nothing_chosen_shows_an_accessible_error(site, page, check_accessibility):
    page.goto(site + "/check/q/emergency_signs/")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    check_accessibility(page)


@pytest.mark.parametrize("vignette_id", ["E01", "E03", "E05", "E08", "E04"])
def test_each_kind_of_result_screen_is_accessible(
    site, page, vignette_id, check_accessibility, screenshot
):
    """One result screen per urgency level, reached through the forms of this browser session."""
    vignette = BY_ID[vignette_id]
    expected = api_result(page, site, vignette["findings"])
    page.goto(site + "/check/")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    questions = {
        q["id"]: q for q in page.request.get(site + "/api/triage/questionnaire").json()["questions"]
    }
    url = "/check/q/emergency_signs/"
    for _ in range(30):
        question_id = url.split("/")[-2]
        options = choose(questions[question_id], frozenset(vignette["findings"]))
        response = page.request.post(
            site + url,
            multipart=None,
            form={"option": options[0]} if len(options) == 1 else None,
            data="&".join(f"option={o}" for o in options) if len(options) > 1 else None,
            headers={"X-CSRFToken": token, "Referer": site + url}
            | ({"Content-Type": "application/x-www-form-urlencoded"} if len(options) > 1 else {}),
            max_redirects=0,
        )
        assert response.status == 303, response.text()[:300]
        url = response.headers["location"]
        if not url.startswith("/check/q/"):
            break
    page.goto(site + "/check/result/")
    assert page.locator("#triage-screen").get_attribute("data-urgency") == expected["urgency"]
    check_accessibility(page)
    screenshot(page, f"result-{expected['urgency']}")


def test_offline_takeover_of_a_single_choice_screen_asks_for_one_answer(site, context, page):
    """The network drops while a server-drawn single-choice screen is open: the offline flow
    takes over the empty submit and says what the server would ("Choose an answer.")."""
    questions = {
        q["id"]: q for q in page.request.get(site + "/api/triage/questionnaire").json()["questions"]
    }
    findings = frozenset(BY_ID["E04"]["findings"])
    page.goto(site + "/check/q/emergency_signs/")
    wait_for_service_worker(page)
    page.reload()
    while (question_id := page.locator("#triage-screen").get_attribute("data-question")) != "size":
        for option in choose(questions[question_id], findings):
            page.locator(f"label[for='option-{option}']").click()
        page.get_by_role("button", name="Continue").click()
        page.locator(f"#triage-screen:not([data-question='{question_id}'])").wait_for()
    assert page.locator("#triage-screen").get_attribute("data-offline") is None
    context.set_offline(True)
    page.wait_for_timeout(700)  # past the double-tap window: this empty answer is meant
    page.get_by_role("button", name="Continue").click()
    page.locator("#triage-screen[data-offline][data-question='size']").wait_for()
    assert "Choose an answer." in page.locator("#triage-screen").inner_text()


def test_after_each_htmx_screen_the_title_and_the_footer_follow(site, page):
    """The tab kept the first screen's title, and the footer's language switch brought the
    person back to the first question (a review)."""
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-question='emergency_signs']").wait_for()
    page.get_by_label("None of these").check()
    page.get_by_role("button", name="Continue").click()
    page.locator("#triage-screen[data-question='urgent_signs']").wait_for()
    heading = page.locator("#triage-screen h1").inner_text()
    page.wait_for_function("(t) => document.title === t", arg=f"{heading} – LumpGuide")
    page.wait_for_function("() => location.pathname.endsWith('/urgent_signs/')")
    nexts = page.locator(".site-footer input[name=next]")
    assert nexts.count() and all(
        value == "/check/q/urgent_signs/"
        for value in nexts.evaluate_all("(inputs) => inputs.map((i) => i.value)")
    )
    assert "next=/check/q/urgent_signs/" in page.locator(".site-footer a").first.get_attribute(
        "href"
    ).replace("%2F", "/")


@pytest.mark.parametrize("connection", ["online", "offline"])
def test_two_answers_that_cannot_both_be_true_are_refused_in_the_same_words(
    site, context, page, connection, check_accessibility
):
    """Issue 20: the same plain words online (the server) and offline (triage.js)."""
    if connection == "offline":
        start_offline_walk(site, context, page)
    else:
        page.goto(site + "/check/")
        page.get_by_role("link", name="Start now").click()
        page.locator("#triage-screen[data-question]").wait_for()
    answer_screens(page, site, [], until="pain")
    page.locator("label[for='option-tender']").click()
    page.locator("label[for='option-painless']").click()
    page.get_by_role("button", name="Continue").click()
    error = page.locator("#triage-screen .error-message")
    error.wait_for()
    assert error.inner_text().strip() == (
        "“The lump hurts when you touch or press it” and “The lump does not hurt at all” "
        "cannot both be true. Choose the one that fits best."
    )
    assert (
        page.locator("#option-tender").is_checked()
        and page.locator("#option-painless").is_checked()
    )
    check_accessibility(page)


def test_offline_a_change_that_opens_a_new_question_keeps_the_later_answers(site, context, page):
    """Issue 20, offline (triage.js with the engine's answer): the new question is asked, then
    the summary comes back with every later answer kept."""
    start_offline_walk(site, context, page)
    quiet = ["soft", "moves", "painless", "size_small", "onset_long", "stable"]
    answer_screens(page, site, quiet, see_result=False)
    rows_before = page.locator("#triage-screen .summary-row").count()
    page.locator("#triage-screen a[href$='/q/surface/']").click()
    page.locator("#triage-screen[data-question='surface']").wait_for()
    page.locator("label[for='option-discharge']").click()
    page.get_by_role("button", name="Continue").click()
    page.locator("#triage-screen[data-question='smell']").wait_for()
    page.locator("label[for='option-no']").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_function("() => !document.getElementById('triage-screen').dataset.question")
    assert page.locator("#triage-screen .summary-row").count() == rows_before + 1


def test_offline_back_shows_what_was_ticked(site, context, page):
    """Issue 20: the browser's Back on a screen drawn on the phone showed the previous question
    unticked."""
    start_offline_walk(site, context, page)
    past_the_red_flag_screens(page, urgent="fever")
    page.go_back()
    page.locator("#triage-screen[data-question='urgent_signs']").wait_for()
    assert page.locator("#option-fever").is_checked()
    page.go_back()
    page.locator("#triage-screen[data-question='emergency_signs']").wait_for()
    assert page.locator("#option-none").is_checked()


def test_offline_a_reload_mid_walk_resumes_the_walk(site, context, page, check_accessibility):
    """Issue 20: a reload with no connection lost the walk (the offline page came instead).
    The screen, its ticks and the answers before it come back, and the walk goes on."""
    start_offline_walk(site, context, page)
    question = past_the_red_flag_screens(page, urgent="fever")
    page.reload()
    page.locator(f"#triage-screen[data-offline][data-question='{question}']").wait_for()
    # One word that this is offline: the screen's notice, not the banner as well.
    assert page.locator("#triage-screen > .notice").is_visible()
    assert page.locator("#offline-banner").is_hidden()
    check_accessibility(page)
    page.go_back()
    page.locator("#triage-screen[data-question='urgent_signs']").wait_for()
    assert page.locator("#option-fever").is_checked()
    # The walk goes on from there to a result.
    answer_screens(page, site, ["soft", "moves", "painless", "size_small", "onset_long", "stable"])
    page.locator("#triage-screen[data-urgency]").wait_for()


def test_a_reload_back_online_shows_the_same_screen_from_the_server(site, context, page):
    start_offline_walk(site, context, page)
    question = past_the_red_flag_screens(page, urgent="none")
    context.set_offline(False)
    # The page moves on by itself (to the server's screen): wait only for the reload to start.
    page.reload(wait_until="commit")
    # The server draws the same screen, from the answers the phone kept.
    page.locator(f"#triage-screen[data-question='{question}']:not([data-offline])").wait_for()
    page.go_back(wait_until="commit")
    page.locator("#triage-screen[data-question='urgent_signs']:not([data-offline])").wait_for()
    assert page.locator("#option-none").is_checked()


@pytest.mark.parametrize("connection", ["online", "offline"])
def test_a_double_tap_on_continue_does_not_refuse_the_next_screen(site, context, page, connection):
    """A phone review: the second tap of a double tap landed on the next screen's Continue as it
    appeared, and that screen opened with "There is a problem"."""
    if connection == "offline":
        start_offline_walk(site, context, page)
    else:
        page.goto(site + "/check/")
        page.get_by_role("link", name="Start now").click()
        page.locator("#triage-screen[data-question='emergency_signs']").wait_for()
    page.locator("label[for='option-none']").click()
    page.get_by_role("button", name="Continue").click()
    page.locator("#triage-screen[data-question='urgent_signs']").wait_for()
    page.get_by_role("button", name="Continue").click()  # the second tap, as it appears
    page.wait_for_timeout(300)  # time for a refusal to come back, if one were sent
    assert page.locator("#triage-screen .error-message").count() == 0
    # Later, an empty answer is still refused with the words that say what to do.
    page.wait_for_timeout(400)
    page.get_by_role("button", name="Continue").click()
    page.locator("#triage-screen .error-message").wait_for()


def test_a_result_seen_online_opens_again_on_a_reload_with_no_connection(site, context, page):
    """A phone review: the result just seen, reloaded after the signal went, gave "This page
    has not been saved on your phone yet" under "Pages you have opened before still work"."""
    page.goto(site + "/check/")
    wait_for_service_worker(page)
    page.reload()
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-question]").wait_for()
    answer_screens(page, site, ["soft", "moves", "painless", "size_small", "onset_long", "stable"])
    result = page.locator("#triage-screen[data-urgency]")
    result.wait_for()
    urgency = result.get_attribute("data-urgency")
    heading = page.locator("#result-headline").inner_text()
    context.set_offline(True)
    page.reload()
    drawn = page.locator(f"#triage-screen[data-offline][data-urgency='{urgency}']")
    drawn.wait_for()
    assert page.locator("#result-headline").inner_text() == heading
    # A question screen reloads the same way, with its ticks.
    page.goto(site + "/check/q/pain/")
    page.locator("#triage-screen[data-offline][data-question='pain']").wait_for()
    assert page.locator("#option-painless").is_checked()
