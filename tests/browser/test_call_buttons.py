"""Tap to call: on the emergency and urgent results, the home page's emergency card and the
error pages, the region's number is a full-width button inside the first screen of a phone
(390×844), at least 48 px tall, dialling the right digits; accessible in light and dark mode."""

import re

import pytest

from tests.browser.conftest import PHONE, watch_errors

SCREEN_HEIGHT = PHONE["viewport"]["height"]
REGIONS = ["uk", "us", "eu", "au"]
EMERGENCY = {"uk": "999", "us": "911", "eu": "112", "au": "000"}
URGENT = {"uk": "111", "au": "1800022222"}  # the others have no urgent line to call
URGENT_LABEL = {"uk": "Call 111", "au": "Call healthdirect 1800 022 222"}
URGENT_ACTION = {
    "us": "Call your doctor today or go to an urgent care center.",
    "eu": "Contact your doctor today or the local out-of-hours service.",
}
UNSURE = re.compile(r"^\s*(Not sure|None of these)")


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser):
    """A phone-sized page in light or dark mode, failing on any JavaScript or CSP error."""
    context = browser.new_context(**PHONE, color_scheme=request.param)
    page = context.new_page()
    errors = watch_errors(page)
    page.scheme = request.param
    yield page
    context.close()
    assert not errors, f"JavaScript or CSP errors on the page: {errors}"
    assert not errors, f"JavaScript or CSP errors on the page: {errors}"


def set_region(page, site, region: str) -> None:
    page.context.add_cookies([{"name": "lumpguide_region", "value": region, "url": site}])


def continue_to_next_screen(page) -> None:
    question_id = page.locator("#triage-screen").get_attribute("data-question")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_function(
        "(previous) => { const s = document.getElementById('triage-screen');"
        " return s && s.getAttribute('data-question') !== previous; }",
        arg=question_id,
    )


def pick(page, text) -> None:
    page.locator("#triage-screen label").filter(has_text=text).first.click()


def walk_to_emergency(page, site) -> None:
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("[data-question='emergency_signs']").wait_for()
    assert page.locator("h1").inner_text().strip() == (
        "In the last few days, have you had any of these, even once?"
    )
    pick(page, "Numbness or tingling between your legs")
    continue_to_next_screen(page)
    page.locator("#triage-screen.result").wait_for()
    assert page.locator("#triage-screen").get_attribute("data-urgency") == "emergency"


def walk_to_urgent(page, site) -> None:
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("[data-question='emergency_signs']").wait_for()
    pick(page, "None of these")
    continue_to_next_screen(page)
    pick(page, "A high temperature, or you feel hot and shivery")
    continue_to_next_screen(page)
    for _ in range(30):
        if page.locator("#triage-screen").get_attribute("data-question") is None:
            break
        pick(page, UNSURE)
        continue_to_next_screen(page)
    else:
        raise AssertionError("the walk did not end")
    if not page.locator("#triage-screen[data-urgency]").count():
        page.get_by_role("button", name="See your result").or_(
            page.get_by_role("link", name="See your result")
        ).first.click()
    page.locator("#triage-screen.result").wait_for()
    assert page.locator("#triage-screen").get_attribute("data-urgency") == "urgent"


def assert_call_button(button, tel: str, *, min_width: float = 300) -> None:
    """One button, dialling `tel`, at least 48 px tall, wide, wholly inside the first screen
    (measured from the top of the page, wherever the page happens to be scrolled)."""
    assert button.count() == 1
    assert button.get_attribute("href") == f"tel:{tel}"
    box = button.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return {top: r.top + window.scrollY, height: r.height, width: r.width}; }"
    )
    assert box["height"] >= 48, box
    assert box["width"] >= min_width, box
    assert box["top"] >= 0 and box["top"] + box["height"] <= SCREEN_HEIGHT, box


@pytest.mark.parametrize("region", REGIONS)
def test_emergency_result_starts_with_the_call_button(site, page, region):
    set_region(page, site, region)
    walk_to_emergency(page, site)
    number = EMERGENCY[region]
    button = page.get_by_role("link", name=f"Call {number}, the emergency number", exact=True)
    assert_call_button(button, number)
    assert button.inner_text().strip() == f"Call {number}"
    # Nothing between the headline and the button, and no other call button before it.
    first = page.evaluate(
        "() => document.getElementById('result-headline').nextElementSibling"
        ".querySelector('a.call-button').className"
    )
    assert "call-button-emergency" in first
    assert page.locator("#triage-screen .call-button").count() == 1
    # A fresh load of the result page (not an HTMX swap) has it in the first screen too.
    page.goto(site + "/check/result/")
    assert_call_button(page.locator("a.call-button-emergency"), number)


@pytest.mark.parametrize("region", REGIONS)
def test_urgent_result_offers_the_urgent_line_then_the_emergency_number(site, page, region):
    set_region(page, site, region)
    walk_to_urgent(page, site)
    number = EMERGENCY[region]
    buttons = page.locator("#triage-screen a.call-button")
    emergency = page.get_by_role(
        "link", name=f"If it becomes an emergency, call {number}", exact=True
    )
    assert_call_button(emergency, number)
    if region in URGENT:
        urgent = page.get_by_role(
            "link",
            name=f"{URGENT_LABEL[region]}, for urgent advice that is not an emergency",
            exact=True,
        )
        assert_call_button(urgent, URGENT[region])
        assert urgent.inner_text().strip() == URGENT_LABEL[region]
        assert buttons.count() == 2
        assert "call-button-urgent" in (buttons.nth(0).get_attribute("class") or "")
        assert "call-button-secondary" in (buttons.nth(1).get_attribute("class") or "")
    else:
        # No urgent line to call: no urgent button, and the urgent advice is still said, as
        # the result's heading (issue 20: said once)
        assert buttons.count() == 1
        assert page.locator(".call-button-urgent").count() == 0
        assert URGENT_ACTION[region] in page.locator("#result-headline").inner_text()


@pytest.mark.parametrize("region", REGIONS)
def test_home_page_emergency_card_has_a_call_button(site, page, region):
    set_region(page, site, region)
    page.goto(site + "/")
    number = EMERGENCY[region]
    button = page.locator(".care-card-emergency a.call-button")
    assert_call_button(button, number)
    assert button.inner_text().strip() == f"Call {number}"
    card = page.get_by_role("region", name=re.compile("Immediate action required"))
    assert card.get_by_role("link", name=f"Call {number}, the emergency number").count() == 1


@pytest.mark.parametrize("region", REGIONS)
def test_404_page_has_the_call_buttons(site, page, region):
    set_region(page, site, region)
    response = page.goto(site + "/no-such-page/")
    assert response.status == 404
    number = EMERGENCY[region]
    assert_call_button(
        page.get_by_role("link", name=f"Call {number}, the emergency number", exact=True), number
    )
    urgent = page.locator("a.call-button-secondary")
    if region in URGENT:
        assert_call_button(urgent, URGENT[region])
    else:
        assert urgent.count() == 0


def test_emergency_result_is_accessible_in_light_and_dark_mode(
    site, scheme_page, check_accessibility, artifacts
):
    page = scheme_page
    walk_to_emergency(page, site)
    page.goto(site + "/check/result/")  # the first screen, as it loads
    check_accessibility(page)
    # A keyboard user reaches it and sees where focus is.
    button = page.locator("a.call-button-emergency")
    for _ in range(20):
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reaches the call button")
    outline = button.evaluate("el => getComputedStyle(el).outline")
    assert "solid" in outline and "4px" in outline, outline
    page.screenshot(path=artifacts / "screenshots" / f"call-emergency-focus-{page.scheme}.png")
    page.evaluate("() => document.activeElement.blur()")
    page.screenshot(path=artifacts / "screenshots" / f"call-emergency-{page.scheme}.png")


def test_urgent_result_is_accessible_in_light_and_dark_mode(site, scheme_page, check_accessibility):
    page = scheme_page
    set_region(page, site, "au")
    walk_to_urgent(page, site)
    check_accessibility(page)


def test_home_page_is_accessible_in_light_and_dark_mode(
    site, scheme_page, check_accessibility, artifacts
):
    page = scheme_page
    page.goto(site + "/")
    check_accessibility(page)
    page.screenshot(path=artifacts / "screenshots" / f"call-home-{page.scheme}.png")


def test_call_buttons_print_with_their_numbers(site, page):
    walk_to_emergency(page, site)
    page.emulate_media(media="print")
    button = page.locator("a.call-button-emergency")
    assert button.is_visible()
    assert button.inner_text().strip() == "Call 999"
    colours = button.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_whose_language_names_no_country_is_asked_where_it_is(
    browser, site, scheme, check_accessibility
):
    """Spanish with no country (issue 20): the page asks before any number is the person's; one
    tap on Spain keeps it, and the same page then calls 112."""
    context = browser.new_context(**{**PHONE, "locale": "es"}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site + "/")
    ask = page.locator(".region-ask")
    assert ask.is_visible() and ask.bounding_box()["y"] < SCREEN_HEIGHT / 2
    check_accessibility(page)
    ask.get_by_label("País").select_option("es")
    ask.get_by_role("button", name="Usar estos números").click()
    page.wait_for_url(site + "/")
    assert not page.locator(".region-ask").count()
    call = page.locator(".call-button-emergency")
    assert call.get_attribute("href") == "tel:112"
    assert call.bounding_box()["y"] + call.bounding_box()["height"] <= SCREEN_HEIGHT
    context.close()


@pytest.mark.parametrize(
    ("locale", "start", "call"),
    [("en-GB", "Check your lump", "Call 999"), ("es-ES", "Revise su bulto", "Llame al 112")],
)
def test_home_shows_check_your_lump_and_the_call_button_on_the_first_screen(
    browser, site, locale, start, call
):
    context = browser.new_context(**{**PHONE, "locale": locale})
    page = context.new_page()
    page.goto(site + "/")
    for link in (page.get_by_role("link", name=start).last, page.locator(".call-button-emergency")):
        box = link.bounding_box()
        assert box["y"] + box["height"] <= SCREEN_HEIGHT, (link, box)
    assert page.locator(".call-button-emergency").inner_text().strip() == call
    context.close()


@pytest.mark.parametrize(("locale", "start"), [("en-GB", "Start now"), ("es-ES", "Empezar ahora")])
def test_the_check_starts_on_the_first_screen(browser, site, locale, start):
    """A review found "Start now" at 937 px, under the privacy notes, on an 844 px screen."""
    context = browser.new_context(**{**PHONE, "locale": locale})
    page = context.new_page()
    page.goto(site + "/check/")
    box = page.get_by_role("link", name=start).bounding_box()
    assert box["y"] + box["height"] <= SCREEN_HEIGHT, box
    context.close()
