"""The summary in Chromium at 390x844: it opens from a result and from the diary, with and
without JavaScript; its print view (page.pdf) holds the answers, the warning signs ruled out
and the diary table, on one page for a walk without a diary, with the QR code beside its head
at the printed size; the QR code on the phone's screen decodes to the text; the offline result
still offers print and the text; axe finds nothing in light or dark mode."""

import io
import re
import unicodedata

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from apps.triage.questionnaire_store import current_questionnaire
from apps.triage.words import finding_words
from tests.browser.conftest import PHONE, wait_for_page_scripts
from tests.browser.test_reminders import phone_with_data
from tests.browser.test_triage import answer_screens, start_offline_walk
from tests.handover.conftest import LONG, SHORT, walk_answers
from tests.handover.test_text_and_qr import MIN_PRINTED_MODULE_MM, printed_size_mm

MM_PER_PX = 25.4 / 96  # CSS pixels


def walk_without_javascript(page, site, findings):
    """The plain form flow: each screen a page, as a browser without JavaScript has it."""
    answers = walk_answers(findings)
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    for _ in range(30):
        question_id = page.locator("#triage-screen").get_attribute("data-question")
        if question_id is None:
            if page.get_by_role("link", name="See your result").count():
                page.get_by_role("link", name="See your result").click()
            page.locator("#triage-screen.result").wait_for()
            return answers
        for option in answers[question_id]:
            page.locator(f"label[for='option-{option}']").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    raise AssertionError("the walk did not end")


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    yield page
    context.close()


def pdf_text(page) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    text = " ".join(p.extract_text() for p in reader.pages)
    # NFKC: the PDF's ligatures ("ﬂ") back to letters.
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)), len(reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def ruled_out_labels() -> list[str]:
    """The hand-over says what was asked and not reported in a clinician's few words."""
    question = current_questionnaire().question("emergency_signs")
    return list(dict.fromkeys(finding_words(f) for o in question.options for f in o.findings))


def test_from_a_result_with_javascript(site, page, check_accessibility, screenshot):
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("[data-question='emergency_signs']").wait_for()
    answer_screens(page, site, LONG)
    page.get_by_role("link", name="Summary for your doctor").click()
    page.get_by_role("heading", name="Summary for your doctor").wait_for()
    wait_for_page_scripts(page)  # handover.js shows the two buttons
    assert page.get_by_role("button", name="Print or save as PDF").is_visible()
    assert page.locator(".share-button").is_visible()  # Share, or Copy where it cannot share
    text = squash(page.locator("main").inner_text())
    # A self-report rules nothing out: "Not reported", never "ruled out" (issue 19)
    assert "Not reported:" in text and "ruled out" not in text.lower()
    assert "Presenting complaint" in text and "Lump on the lower back:" in text
    for label in ruled_out_labels():
        assert label in text
    check_accessibility(page)
    screenshot(page, "handover-from-result")
    # The QR code as the phone's screen shows it decodes to the text beside it.
    shot = Image.open(io.BytesIO(page.locator(".qr-code").screenshot()))
    (found,) = zxingcpp.read_barcodes(shot)
    assert found.text == page.locator("#handover-text").text_content()


def test_from_a_result_without_javascript_prints_on_one_page(site, no_js_page):
    page = no_js_page
    answers = walk_without_javascript(page, site, LONG)
    page.get_by_role("link", name="Summary for your doctor").click()
    page.get_by_role("heading", name="Summary for your doctor").wait_for()
    assert not page.get_by_role("button", name="Print or save as PDF").is_visible()
    assert not page.locator(".share-button").is_visible()
    assert page.locator(".qr-code").is_visible()
    text, pages = pdf_text(page)
    assert pages == 1, "a walk without a diary prints on one page"
    questionnaire = current_questionnaire()
    for question_id, options in answers.items():
        for option_id in options:
            option = questionnaire.question(question_id).option(option_id)
            for finding in option.findings:
                assert squash(str(finding_words(finding)))[:40] in text, finding
    for label in ruled_out_labels():
        assert squash(label)[:40] in text, label
    assert "This is not a diagnosis." in text and "LumpGuide summary for a clinician" in text
    # Written to the clinician: the person's own "if you think it is an emergency" stays on screen
    assert "help you decide" not in text and "Summary for your doctor" not in text
    assert "Check your lump" not in text  # no navigation on paper
    assert_the_printed_qr_code_stands_beside_the_head(page)


def assert_the_printed_qr_code_stands_beside_the_head(page):
    """On paper (print media, as wide as A4 less its 12 mm margins) the QR code is
    --handover-qr-size square, at 0.4 mm a module or more, beside the page's head and above
    the advice: nothing under it."""
    page.set_viewport_size({"width": round(186 / MM_PER_PX), "height": 1100})
    page.emulate_media(media="print")
    try:
        size = printed_size_mm()
        qr = page.locator(".qr-code").bounding_box()
        head = page.locator(".handover-head").bounding_box()
        advice = page.locator(".handover-advice").bounding_box()
        assert abs(qr["width"] * MM_PER_PX - size) < 0.5
        assert abs(qr["height"] * MM_PER_PX - size) < 0.5
        modules = int(page.locator(".qr-code").get_attribute("viewBox").split()[2])
        assert size / modules >= MIN_PRINTED_MODULE_MM
        assert head["x"] + head["width"] <= qr["x"]
        assert advice["y"] >= qr["y"] + qr["height"]
    finally:
        page.emulate_media(media=None)


def test_from_the_diary_with_javascript(site, context, page, settings, check_accessibility):
    phone_with_data(context, site, settings)
    page.goto(site + "/diary/")
    page.get_by_role("link", name="Summary for your doctor").click()
    page.get_by_role("heading", name="Size and pain over time").wait_for()
    assert page.locator(".handover-table tbody tr").count() == 3
    assert page.locator(".handover .diary-chart").count() == 2
    check_accessibility(page)


def test_from_the_diary_without_javascript_the_print_view_has_the_table(
    site,
    browser,
    settings,
    check_accessibility,
):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    phone_with_data(context, site, settings)
    page = context.new_page()
    walk_without_javascript(page, site, SHORT)
    page.goto(site + "/diary/")
    page.get_by_role("link", name="Summary for your doctor").click()
    page.get_by_role("heading", name="Size and pain over time").wait_for()
    text, _pages = pdf_text(page)
    assert "Reported: saddle numbness" in text  # the answer given, in a clinician's words
    assert "Not reported:" in text and "bladder or bowel change" in text  # asked, not said
    for row in ("1.5 cm 2/10", "2 cm 3/10", "3.5 cm 6/10 leaking"):
        assert row in text, row
    context.close()


def test_offline_the_result_still_offers_print_and_the_text(site, context, page):
    start_offline_walk(site, context, page)
    answer_screens(page, site, SHORT)
    screen = page.locator("#triage-screen[data-offline]")
    assert screen.get_by_role("button", name="Print or save this page").is_visible()
    assert screen.locator(".share-button").is_visible()
    assert "The summary page, its QR code and its file need a connection." in screen.inner_text()
    # The text Share sends: the advice, the answers, and that it is not a diagnosis.
    shared = page.evaluate(
        "() => Array.from(document.querySelectorAll('#triage-screen [data-share-part]'))"
        ".map(e => e.innerText.trim()).join('\\n\\n')"
    )
    assert "Call 999 or go to A&E now." in shared and "This is not a diagnosis." in shared
    assert "Numbness or tingling between your legs" in shared
