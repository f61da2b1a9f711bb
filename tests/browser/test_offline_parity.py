"""Online and offline show the same screens: the offline script fills the server's own
templates, so every question, progress line, summary row, result headline, cause, reason and
next step reads the same, word for word (H10)."""

import re

import pytest

from tests.browser.conftest import wait_for_page_scripts, wait_for_service_worker
from tests.browser.test_triage import BY_ID
from tests.triage.walker import choose

# What differs by design: the offline notice, the time a result was made, and the note that
# a reminder needs a connection.
OFFLINE_ONLY = [
    re.compile(r"You are offline\. LumpGuide is working this out on your phone.*"),
    re.compile(r"You need a connection to set a reminder\."),
    re.compile(r"You are offline: you can print this page or share its text now\..*"),
    re.compile(r"This is not a diagnosis\..*"),
]


# The print button is shown by script once a screen has settled: when it appears is timing,
# not content, so it is left out of the comparison.
# The button's words are left out wherever they stand: alone on a line, or before the Share
# button's words when both are shown.
PRINT = "Print or save this page"


def normal(text: str) -> str:
    lines = [line.replace(PRINT, "").strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not any(p.fullmatch(line) for p in OFFLINE_ONLY)]
    return "\n".join(lines)


def screen_text(page) -> str:
    return normal(page.locator("#triage-screen").inner_text())


def walk_screens(page, site, findings, *, change_size_to=None) -> list[str]:
    """The text of every screen of a walk, from the first question to the result."""
    questions = {
        q["id"]: q for q in page.request.get(site + "/api/triage/questionnaire").json()["questions"]
    }
    texts = []
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-question]").wait_for()
    for _ in range(40):
        screen = page.locator("#triage-screen")
        question_id = screen.get_attribute("data-question")
        if page.locator("#triage-screen[data-urgency]").count():
            page.locator("#triage-screen [data-print]").wait_for()  # shown once HTMX settles
            wait_for_page_scripts(page)  # and Share, once handover.js has run
        texts.append(screen_text(page))
        if question_id is None:
            if page.locator("#triage-screen[data-urgency]").count():
                return texts
            if change_size_to:
                row = page.locator(".summary-row", has_text="How big is the lump")
                row.get_by_role("link").click()
                page.locator("#triage-screen[data-question='size']").wait_for()
                page.locator(f"label[for='option-{change_size_to}']").click()
                page.get_by_role("button", name="Continue").click()
                page.wait_for_function(
                    "() => !document.getElementById('triage-screen').hasAttribute('data-question')"
                )
                change_size_to = None
                continue
            page.get_by_role("link", name="See your result").click()
            page.locator("#triage-screen.result").wait_for()
            continue
        for option in choose(questions[question_id], frozenset(findings)):
            page.locator(f"label[for='option-{option}']").click()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_function(
            "(previous) => { const s = document.getElementById('triage-screen');"
            " return s && s.getAttribute('data-question') !== previous; }",
            arg=question_id,
        )
    raise AssertionError("the walk did not end")


@pytest.mark.parametrize(
    ("case", "change_size_to"), [("E01", None), ("E03", None), ("E05", None), ("E04", "large")]
)
def test_online_and_offline_screens_read_the_same(site, context, page, case, change_size_to):
    findings = BY_ID[case]["findings"]
    page.goto(site + "/check/")
    wait_for_service_worker(page)
    page.reload()
    online = walk_screens(page, site, findings, change_size_to=change_size_to)
    page.request.post(site + "/check/restart/", headers={"X-CSRFToken": csrf(page)})
    page.goto(site + "/check/")
    context.set_offline(True)
    offline = walk_screens(page, site, findings, change_size_to=change_size_to)
    assert page.locator("#triage-screen[data-offline]").count() == 1
    assert len(online) == len(offline)
    for number, (a, b) in enumerate(zip(online, offline, strict=True)):
        assert a == b, f"screen {number + 1} differs"


def csrf(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
