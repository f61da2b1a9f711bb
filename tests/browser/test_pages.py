"""Home, the list of causes and an article in a phone-sized Chromium: usable and accessible."""

import pytest

from tests.browser.conftest import PHONE, slow_page_script


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "home"),
        ("/conditions/", "article-list"),
        ("/conditions/skin-abscess/", "article"),
        ("/settings/", "settings"),
    ],
)
def test_page_is_accessible(site, page, path, name, check_accessibility, screenshot):
    page.goto(site + path)
    check_accessibility(page)
    screenshot(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} scrolls sideways on a phone ({width}px)"


def test_search_on_the_server_and_in_the_page(site, page):
    page.goto(site + "/conditions/")
    page.get_by_label("Search causes").fill("tailbone")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/conditions/?q=tailbone")
    titles = page.locator("[data-search-text]:visible a").all_inner_texts()
    assert any("pilonidal" in title.lower() for title in titles)


def test_keyboard_user_can_skip_to_content_and_reach_the_start(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url("**/#main")  # the URL reaches Playwright a moment after the jump


def test_install_button_stays_hidden_without_browser_support(site, browser):
    # No service worker, so Chromium never offers installation (no beforeinstallprompt).
    context = browser.new_context(
        service_workers="block", viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    page = context.new_page()
    page.goto(site + "/")
    assert page.locator("#install-button").is_hidden()
    assert page.locator("#install-other").is_visible()
    context.close()


def test_install_button_appears_when_the_browser_offers_installation(site, page):
    page.goto(site + "/")
    page.evaluate(
        """() => {
        const event = new Event("beforeinstallprompt", { cancelable: true });
        event.prompt = () => { window.__prompted = true; };
        event.userChoice = Promise.resolve({ outcome: "accepted" });
        window.dispatchEvent(event);
    }"""
    )
    page.get_by_role("button", name="Install LumpGuide").click()
    assert page.evaluate("() => window.__prompted === true")
    assert page.locator("#install-other").is_hidden()


def test_iphone_gets_add_to_home_screen_steps(site, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="en-GB",
        user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
    )
    page = context.new_page()
    page.goto(site + "/")
    assert page.locator("#install-ios").is_visible()
    assert "Add to Home Screen" in page.locator("#install-ios").inner_text()
    context.close()


def test_pages_work_without_javascript(site, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    page = context.new_page()
    page.goto(site + "/conditions/")
    page.get_by_label("Search causes").fill("bruise")
    page.get_by_role("button", name="Search").click()
    titles = page.locator(".article-list a").all_inner_texts()
    assert any("haematoma" in title.lower() or "bruise" in title.lower() for title in titles)
    page.locator(".article-list a").first.click()
    assert page.locator("h1").is_visible()
    context.close()


def test_no_request_leaves_for_another_host(site, page):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    for path in ["/", "/conditions/", "/conditions/lipoma/"]:
        page.goto(site + path)
    assert hosts == {site.split("/")[2]}


def test_a_question_screen_paints_before_its_scripts_are_fetched(site, page):
    """htmx and the triage scripts never compete with the screen: app.js fetches them once
    the page has painted (issue 10: the question screen's LCP)."""
    page.goto(site + "/check/q/emergency_signs/")
    timings = page.evaluate(
        """() => ({
          paint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
          scripts: performance.getEntriesByType("resource")
            .filter((entry) => entry.initiatorType === "script")
            .map((entry) => [entry.name.split("/").pop(), entry.startTime]),
        })"""
    )
    names = [name for name, _ in timings["scripts"]]
    assert any(name.startswith("htmx-2") for name in names)
    assert any(name.startswith("triage.") for name in names)
    for name, start in timings["scripts"]:
        if not name.startswith("app."):
            assert start >= timings["paint"], (name, start, timings["paint"])
    assert page.evaluate("() => typeof window.htmx") == "object"


def test_a_form_sent_offline_before_the_scripts_arrive_waits_for_them(site, browser):
    """Offline, the page's scripts keep an answer on the phone; a form sent before they have
    loaded is held by app.js until they have, never sent to the network and lost."""
    # No service worker, so that the slowed script is fetched by the page; and the page acts
    # before the scripts arrive, so without the fixture's waiting goto.
    context = browser.new_context(service_workers="block", **PHONE)
    page = context.new_page()
    slow = slow_page_script(page, "triage", 1500)
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.goto(site + "/check/q/emergency_signs/")
    page.evaluate("() => Object.defineProperty(navigator, 'onLine', {get: () => false})")
    assert page.evaluate("() => document.documentElement.dataset.scripts") is None
    page.locator("label[for='option-none']").click()
    page.get_by_role("button", name="Continue").click()
    assert page.url.endswith("/check/q/emergency_signs/")  # held, not sent
    page.locator("html[data-scripts='ready']").wait_for(state="attached")
    # Then triage.js takes the answer, as it does offline: the next screen, made on the phone.
    page.locator("#triage-screen[data-offline][data-question='urgent_signs']").wait_for()
    assert slow["released"] and posts == []  # never sent to the network
    context.close()


STICKING_OUT = """() => [...document.querySelectorAll("main *")]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map((el) => el.tagName + "." + el.className)"""


def test_the_result_and_a_spanish_article_fit_a_320px_screen(site, context, page):
    """The numbers box and the review dates stuck out by 6 to 8 px at 320px (a review)."""
    from tests.browser.test_triage import answer_screens

    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-question='emergency_signs']").wait_for()
    answer_screens(page, site, ["soft", "moves", "painless", "size_small"])
    assert page.evaluate(STICKING_OUT) == []
    context.add_cookies([{"name": "lumpguide_language", "value": "es", "url": site}])
    page.goto(site + "/conditions/skin-abscess/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.evaluate(STICKING_OUT) == []
