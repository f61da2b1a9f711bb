"""The 404 and session-expired pages in a phone-sized Chromium: they fit, they are accessible,
and the emergency number is a link big enough to tap."""

import pytest


def check_error_page(page, check_accessibility):
    check_accessibility(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the error page scrolls sideways on a phone ({width}px)"
    call = page.locator('.help-now a[href="tel:999"]')
    box = call.bounding_box()
    assert box is not None and box["height"] >= 44, box
    assert page.get_by_role("link", name="Go to the home page").is_visible()


@pytest.mark.parametrize("path", ["/no-such-page/", "/conditions/nope/"])
def test_404_page_fits_a_phone_and_is_accessible(site, page, path, check_accessibility, screenshot):
    console = []
    page.on("console", lambda message: console.append(message.text))
    response = page.goto(site + path)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "We cannot find that page"
    check_error_page(page, check_accessibility)
    screenshot(page, "error-404")
    # Every feature in the policy is one Chromium knows (it logs an error for any other).
    assert not [text for text in console if "Permissions-Policy" in text], console


def test_session_expired_page_after_a_form_with_a_stale_token(
    site, page, context, check_accessibility, screenshot
):
    page.goto(site + "/settings/")
    context.clear_cookies()  # as if the browser dropped them while the form was open
    page.locator('input[name="region"]').first.check()
    page.locator('form[method="post"] button[type="submit"]').first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Your session expired"
    check_error_page(page, check_accessibility)
    screenshot(page, "error-csrf")
    page.get_by_role("link", name="Go back").click()
    page.wait_for_url("**/settings/")
