"""Check the hand-over from outside, against a running LumpGuide (issue 19), as a phone would:

    .venv/bin/python scripts/check_handover.py http://127.0.0.1:8000

In Chromium (Debian's), in English and in Spanish, it walks to a two-week result, adds diary
check-ins after the advice (the last red, hot and sore), opens "Summary for your doctor", and
checks that:
- the QR code, as the screen shows it, decodes with Debian's zbarimg to exactly the .txt file;
- "ruled out" / "descartad" appears nowhere (page, text, FHIR);
- the FHIR file has no SNOMED CT or LOINC code on anything reported as absent, its `authored`
  is when the answers were given (not the download), and two downloads have the same ids;
- the page names the presenting complaint and calls out the check-in that meets the advice's
  own "get help" signs.
Prints one line per check and exits 1 if any fails. Needs nothing from the server's code."""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CLINICAL_SYSTEMS = ("http://snomed.info/sct", "http://loinc.org")
# A deep, hard, growing lump over 5 cm, painless, over 6 weeks, at 50 or over: within 2 weeks
WALK = {
    "emergency_signs": ["none"],
    "urgent_signs": ["none"],
    "location": ["side"],
    "feel": ["hard"],
    "movement": ["fixed"],
    "skin": ["normal"],
    "surface": ["none"],
    "pain": ["painless"],
    "size": ["large"],
    "onset": ["long"],
    "change": ["growing"],
    "background": ["age_over_50"],
}
WORDS = {
    "en": {"start": "Start now", "continue": "Continue", "result": "See your result"},
    "es": {"start": "Empezar ahora", "continue": "Continuar", "result": "Ver su resultado"},
}

failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def walk(page, base: str, language: str) -> None:
    words = WORDS[language]
    page.goto(base + "/check/")
    page.get_by_role("link", name=words["start"]).click()
    page.locator("#triage-screen[data-question]").wait_for()
    for _ in range(30):
        screen = page.locator("#triage-screen")
        screen.wait_for()
        question = screen.get_attribute("data-question")
        if question is None:
            button = page.get_by_role("button", name=words["result"])
            link = page.get_by_role("link", name=words["result"])
            (button if button.count() else link).first.click()
            page.locator("#triage-screen.result").wait_for()
            return
        for option in WALK.get(question, ["none"]):
            label = page.locator(f"label[for='option-{option}']")
            if not label.count():
                label = page.locator("#triage-screen label").last
            label.click()
        page.get_by_role("button", name=words["continue"]).click()
        page.wait_for_function(
            "(q) => { const s = document.getElementById('triage-screen');"
            " return s && s.getAttribute('data-question') !== q; }",
            arg=question,
        )
    raise SystemExit("the walk did not end")


def add_check_ins(page, base: str) -> None:
    for size, pain, red_hot in (("3", "1", False), ("3,5", "5", True)):
        page.goto(base + "/diary/check-in/")
        page.locator("input[name=size_cm]").fill(size)
        page.locator("input[name=pain]").fill(pain)
        if red_hot:
            page.locator("input[name=red]").check()
            page.locator("input[name=hot]").check()
        page.locator("#check-in-form button[type=submit]").click()
        page.wait_for_url("**/diary/?saved=1")


def zbar(png: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".png") as file:
        file.write(png)
        file.flush()
        out = subprocess.run(
            ["zbarimg", "--raw", "-q", file.name], capture_output=True, check=False
        )
    return out.stdout.decode("utf-8").rstrip("\n")


def clinical_codes_on_absent(resource) -> list[str]:
    """Codings from SNOMED CT or LOINC on any component whose value is false."""
    found = []
    if isinstance(resource, dict):
        if resource.get("valueBoolean") is False:
            for coding in resource.get("code", {}).get("coding", []):
                if coding.get("system") in CLINICAL_SYSTEMS:
                    found.append(coding["code"])
        for value in resource.values():
            found += clinical_codes_on_absent(value)
    elif isinstance(resource, list):
        for value in resource:
            found += clinical_codes_on_absent(value)
    return found


def check_language(browser, base: str, language: str) -> None:
    locale = {"en": "en-GB", "es": "es-ES"}[language]
    context = browser.new_context(
        locale=locale,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        # As the browser sends it for a download (Playwright's page.request does not by itself)
        extra_http_headers={"Accept-Language": locale},
    )
    page = context.new_page()
    walk(page, base, language)
    answered = time.time()
    time.sleep(2)  # the download is later than the answers
    add_check_ins(page, base)
    page.goto(base + "/handover/")
    html = page.content()
    text = page.request.get(base + "/handover/lumpguide-summary.txt").text().rstrip("\n")
    tag = f"[{language}]"
    decoded = zbar(page.locator(".qr-code").screenshot())
    check(decoded == text, f"{tag} the QR code decodes with zbarimg to exactly the .txt")
    first = page.request.get(base + "/handover/lumpguide-summary.fhir.json").json()
    second = page.request.get(base + "/handover/lumpguide-summary.fhir.json").json()
    everything = (html + text + json.dumps(first, ensure_ascii=False)).lower()
    check(
        "ruled out" not in everything and "descartad" not in everything,
        f"{tag} nothing says 'ruled out' / 'descartad'",
    )
    check(
        clinical_codes_on_absent(first) == [],
        f"{tag} no SNOMED CT or LOINC code on anything reported absent",
    )
    resources = [e["resource"] for e in first["entry"]]
    response = next(r for r in resources if r["resourceType"] == "QuestionnaireResponse")
    authored = response["authored"]
    from datetime import datetime

    when = datetime.fromisoformat(authored).timestamp()
    check(
        abs(when - answered) < 90,
        f"{tag} authored ({authored}) is when the answers were given, not the download",
    )
    ids = lambda bundle: [e["fullUrl"] for e in bundle["entry"]]  # noqa: E731
    check(ids(first) == ids(second), f"{tag} the same walk downloaded twice has the same ids")
    complaint = page.locator("#complaint").inner_text()
    check(
        bool(complaint) and complaint in text,
        f"{tag} the page names the presenting complaint: {complaint!r}",
    )
    alerts = page.locator("#safety-net li")
    check(alerts.count() >= 1, f"{tag} the red, hot, sore check-in after the advice is called out")
    context.close()


def main() -> None:
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
    if not Path("/usr/bin/zbarimg").exists():
        raise SystemExit("zbarimg is missing: make zbar")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        for language in ("en", "es"):
            check_language(browser, base, language)
        browser.close()
    print(f"{len(failures)} failed" if failures else "all passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
