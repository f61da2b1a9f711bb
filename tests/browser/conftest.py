"""Playwright in Debian's headless Chromium, at a phone's viewport, against a live server."""

import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM must still be usable here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("LUMPGUIDE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--lang=en-GB",  # contexts made without PHONE are in the UK too
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    # A phone in the UK: its Accept-Language names the country, so the pages show the UK's
    # numbers without asking (tests/browser/test_spanish.py has a phone in Spain)
    "locale": "en-GB",
}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


#: One Playwright and one Chromium per test session, however many conftests import these
#: fixtures (tests/handover/browser does): a second sync Playwright cannot start beside the
#: first. Each is counted and closed by the last fixture that used it.
_shared: dict[str, list] = {}


def _acquire(name: str, start):
    if name not in _shared:
        _shared[name] = [start(), 0]
    _shared[name][1] += 1
    return _shared[name][0]


def _release(name: str, stop) -> None:
    _shared[name][1] -= 1
    if _shared[name][1] == 0:
        stop(_shared.pop(name)[0])


@pytest.fixture(scope="session")
def playwright_instance():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (make test does).")
    yield _acquire("playwright", lambda: sync_playwright().start())
    _release("playwright", lambda playwright: playwright.stop())


@pytest.fixture(scope="session")
def browser(playwright_instance):
    yield _acquire(
        "browser",
        lambda: playwright_instance.chromium.launch(executable_path=CHROMIUM, args=ARGS),
    )
    _release("browser", lambda browser: browser.close())


@pytest.fixture
def context(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def watch_errors(page) -> list[str]:
    """Collect the page's JavaScript errors and CSP refusals (in page.js_errors)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.js_errors = errors
    return errors


def wait_for_page_scripts(page) -> None:
    """Wait until app.js has loaded the page's own scripts (it does so once the page has
    painted, so the `load` event comes first): <html data-scripts="ready">."""
    page.wait_for_function("() => document.documentElement.dataset.scripts")
    state = page.evaluate("() => document.documentElement.dataset.scripts")
    assert state == "ready", f"a page script could not be loaded ({page.url})"


def slow_page_script(page, name: str, milliseconds: int) -> dict:
    """Hold the page script static/js/<name>.js (hashed name or not) for `milliseconds`
    before it is fetched; the returned {"released": bool} says when it has gone on. Needs a
    context without a service worker, which would fetch the script past the page's routes."""
    state = {"released": False}

    def hold(route):
        page.wait_for_timeout(milliseconds)
        state["released"] = True
        route.continue_()

    page.route(re.compile(rf"/static/js/{re.escape(name)}(\.[0-9a-f]+)?\.js$"), hold)
    return state


def with_scripts_after_navigation(page):
    """goto, reload, go_back and go_forward wait for the page's scripts as well as for its
    `load` event when they load a page, so a test acts on it as a person does once it has
    settled (plain forms work before that), unless told to wait only for the commit. After a
    click that loads a page, wait for what the test needs (a locator), or call
    wait_for_page_scripts."""

    def waiting(navigate):
        def navigate_and_wait(*args, **kwargs):
            response = navigate(*args, **kwargs)
            if kwargs.get("wait_until") == "commit":
                return response  # a page that moves on by itself: the test waits for where
            if response is not None and "text/html" in response.headers.get("content-type", ""):
                wait_for_page_scripts(page)
            return response

        return navigate_and_wait

    for name in ("goto", "reload", "go_back", "go_forward"):
        setattr(page, name, waiting(getattr(page, name)))
    return page


@pytest.fixture
def page(context):
    page = with_scripts_after_navigation(context.new_page())
    errors = watch_errors(page)
    yield page
    assert not errors, f"JavaScript or CSP errors on the page: {errors}"


@pytest.fixture
def persistent_context(playwright_instance, tmp_path):
    """A real profile (not incognito): Chromium only reports installability in one."""
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=ARGS, **PHONE
    )
    yield context
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def check_accessibility(axe):
    """axe on the page as it is, then again in dark mode (colour contrast differs)."""

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
        page.emulate_media(color_scheme="dark")
        try:
            dark = axe.run(page)
            assert dark.violations_count == 0, "dark mode:\n" + dark.generate_report()
        finally:
            page.emulate_media(color_scheme=None)

    return check


@pytest.fixture(scope="session")
def artifacts():
    shutil.rmtree(ARTIFACTS / "screenshots", ignore_errors=True)
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def screenshot(artifacts):
    def take(page, name: str) -> None:
        page.screenshot(path=artifacts / "screenshots" / f"{name}.png", full_page=True)

    return take


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the shipped articles loaded, as `make run` has it."""
    from apps.conditions.services import load_articles
    from tests.conftest import CONTENT_DIR

    load_articles(content_dir=CONTENT_DIR / "conditions")
    return live_server.url


def wait_for_service_worker(page) -> None:
    """Wait until a service worker controls the page (first visit: after it claims it)."""
    page.wait_for_function(
        "() => !!navigator.serviceWorker && navigator.serviceWorker.controller !== null",
        timeout=15000,
    )
