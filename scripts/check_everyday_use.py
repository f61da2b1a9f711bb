"""Check everyday use from outside, against a running LumpGuide (issue 20), as a phone would:

    .venv/bin/python scripts/check_everyday_use.py http://127.0.0.1:8000 [--vignettes FILE]

With plain HTTP (requests, no JavaScript) and Chromium (Debian's) for the result pages, it
checks that:
1. with no cookie, Accept-Language es-ES gives tel:112, no tel:999 and no "111" on the home page
   and an emergency result; en-US tel:911, en-AU tel:000 (no tel:999); "es" (no country) gets
   the "Where are you?" form (a select named region) before any tel: link;
2. POST /api/triage/next with "region" names its number in an emergency's steps (us 911, es 112);
3. a "Both" or "A notification" reminder from a phone with no push subscription is refused with
   a message and the calendar way out, never listed as Scheduled; a calendar one gives an .ics;
4. a check-in of "2,5" reads back as 2.5 cm (English) and 2,5 cm (Spanish), never 25; more than
   3 times the last size asks "Is that right?" and saves nothing until it is ticked;
5. "tender" with "painless" is refused by the plain form, with a message, both ticks kept;
6. changing an earlier answer so that it opens a follow-up (surface: discharge), then answering
   that, brings back the summary with every earlier row and answer;
7. no sentence twice on the result page of any vignette walk (--vignettes, default
   /work/shared/vignettes-examples.json), English and Spanish: walked through the JSON API as
   the contract's person answers, handed to a browser with POST /check/offline-answers/. The
   visible text of <main> is split at . ! ? and line breaks; fragments under 4 words (button
   labels, "None of these", "Not sure") are ignored. The causes' reasons ("You said it does not
   hurt.", under each cause they support) are counted on a "note" line, not failed: each
   cause lists the answers behind it, by design.
(The Spanish words of issue 20 are a unit test: tests/i18n/test_spain_words.py.) Requests
answered 429 are sent again after Retry-After. Prints one line per check and exits 1 if any
fails. Needs nothing from the server's code."""

import argparse
import html
import json
import re
import sys
import time
from collections import Counter

import requests
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIGNETTES = "/work/shared/vignettes-examples.json"
SHORTEST = 4  # words: shorter fragments are labels, not sentences
EMERGENCY = {"emergency_signs": ["saddle"]}
# A walk to the summary by the plain forms: a soft, moving, tender lump with nothing else
WALK = {
    "emergency_signs": ["none"],
    "urgent_signs": ["none"],
    "location": ["side"],
    "feel": ["soft"],
    "movement": ["moves"],
    "skin": ["normal"],
    "surface": ["none"],
    "pain": ["tender"],
    "size": ["small"],
    "onset": ["weeks"],
    "change": ["stable"],
    "background": ["none"],
}

failures: list[str] = []


def check(ok: bool, what: str, detail: str = "") -> None:
    print(("ok   " if ok else "FAIL ") + what + (f"\n       {detail}" if detail and not ok else ""))
    if not ok:
        failures.append(what)


def send(call, *args, **kwargs):
    """requests' or Playwright's call, sent again after a 429's Retry-After (up to a minute)."""
    for _ in range(5):
        response = call(*args, **kwargs)
        status = getattr(response, "status_code", None) or response.status
        wait = int(response.headers.get("retry-after", "0") or 0)
        if status != 429 or wait > 65:
            return response
        time.sleep(wait + 1)
    return response


def phone(base: str, language: str) -> requests.Session:
    session = requests.Session()
    session.headers.update({"Accept-Language": language, "Referer": base + "/"})
    return session


def post_form(session: requests.Session, url: str, data: dict, **kwargs) -> requests.Response:
    data = {**data, "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")}
    return send(session.post, url, data=data, **kwargs)


def text_of(page: str) -> str:
    page = re.sub(r"<(script|style|select)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def tels(page: str) -> list[str]:
    return sorted(set(re.findall(r'href="(tel:[0-9+ ]+)"', page)))


def form_fields(form: str) -> dict:
    """The text, hidden, date and time inputs and the selects' chosen options of a form."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and not re.search(r'type="(radio|checkbox)"', tag):
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        fields[name] = chosen.group(1) if chosen else ""
    return fields


def answer(session: requests.Session, base: str, question: str, options: list[str]):
    session.get(f"{base}/check/q/{question}/")
    return post_form(session, f"{base}/check/q/{question}/", {"option": options})


def emergency_result(session: requests.Session, base: str) -> requests.Response:
    session.get(base + "/check/")
    return answer(session, base, "emergency_signs", EMERGENCY["emergency_signs"])


# 1. Numbers by region ------------------------------------------------------------------------


def check_numbers(base: str) -> None:
    for language, number in (("es-ES", "tel:112"), ("en-US", "tel:911"), ("en-AU", "tel:000")):
        session = phone(base, language)
        home = session.get(base + "/").text
        result = emergency_result(session, base)
        for name, page in (("home page", home), ("emergency result", result.text)):
            found, words = tels(page), text_of(page)
            ok = number in found and "tel:999" not in found
            if language == "es-ES":
                ok = ok and "tel:111" not in found and not re.search(r"\b111\b", words)
            check(ok, f"[{language}] the {name} shows {number}", f"{result.url}: tel: {found}")
    session = phone(base, "es")
    pages = {"home page": session.get(base + "/").text}
    pages["emergency result"] = emergency_result(session, base).text
    for name, page in pages.items():
        asks = re.search(r'<form[^>]*>(?:(?!</form>).)*<select name="region"', page, re.S)
        first_tel = page.find('href="tel:')
        check(
            bool(asks) and (first_tel == -1 or asks.start() < first_tel),
            f"[es] the {name} asks where the person is (a region select) before any tel: link",
            f"region form at {asks.start() if asks else None}, first tel: at {first_tel}",
        )
    chosen = post_form(session, base + "/settings/", {"region": "es", "next": "/"})
    found = tels(chosen.text)
    check(
        "tel:112" in found and "tel:999" not in found and 'name="region"' not in chosen.text,
        "[es] after choosing Spain there, the home page shows tel:112 and no longer asks",
        f"{chosen.status_code} {chosen.url}, tel: links {found}",
    )


# 2. The API's region -------------------------------------------------------------------------


def check_api_region(base: str) -> None:
    for region, number in (("us", "911"), ("es", "112")):
        body = {"answers": EMERGENCY, "region": region}
        response = send(requests.post, base + "/api/triage/next", json=body)
        assessment = response.json().get("assessment") or {}
        steps = [assessment.get("headline", "")] + assessment.get("next_steps", [])
        check(
            assessment.get("urgency") == "emergency"
            and any(re.search(rf"\b{number}\b", step) for step in steps)
            and not any(re.search(r"\b999\b", step) for step in steps),
            f"[api] region {region!r}: an emergency's steps name {number} (and not 999)",
            f"POST {json.dumps(body)} -> {response.status_code} {steps}",
        )


# 3. Reminders --------------------------------------------------------------------------------


def new_reminder(session: requests.Session, base: str, channel: str) -> requests.Response:
    page = session.get(base + "/reminders/new/").text
    form = re.search(r'<form[^>]*id="reminder-form".*?</form>', page, re.S).group(0)
    return post_form(session, base + "/reminders/new/", {**form_fields(form), "channel": channel})


def check_reminders(session: requests.Session, base: str) -> None:
    for channel in ("both", "push"):
        response = new_reminder(session, base, channel)
        alert = re.search(r'role="alert".*?</div>', response.text, re.S)
        message = text_of(alert.group(0)) if alert else ""
        check(
            response.status_code == 400
            and "/reminders/new/" in response.url
            and bool(message)
            and 'value="calendar"' in response.text,
            f"[en] a {channel!r} reminder without push is refused, with a message and the "
            "calendar way out",
            f"{response.status_code} {response.url} message {message!r}",
        )
    listed = session.get(base + "/reminders/").text
    items = re.findall(r'<li class="reminder-item".*?</li>', listed, re.S)
    wrong = [
        text_of(item)[:80]
        for item in items
        if "<dd>Scheduled</dd>" in item and "<dd>A calendar event</dd>" not in item
    ]
    check(not wrong, "[en] no reminder that needs push is listed as Scheduled", f"{wrong}")
    saved = new_reminder(session, base, "calendar")
    link = re.search(r'href="([^"]+\.ics)"', saved.text)
    ics = session.get(base + link.group(1)) if link else None
    check(
        ics is not None
        and ics.headers.get("Content-Type", "").startswith("text/calendar")
        and ".ics" in ics.headers.get("Content-Disposition", "")
        and ics.text.startswith("BEGIN:VCALENDAR")
        and "BEGIN:VEVENT" in ics.text,
        "[en] a calendar reminder is saved and its .ics downloads",
        f"{saved.status_code} {saved.url} link {link and link.group(1)}"
        + (f" -> {ics.status_code} {ics.headers.get('Content-Type')}" if ics else ""),
    )


# 4. The diary --------------------------------------------------------------------------------


def check_in(session, base: str, size: str, language: str, confirmed: bool = False):
    headers = {"Accept-Language": language}
    page = session.get(base + "/diary/check-in/", headers=headers).text
    form = re.search(r'<form[^>]*id="check-in-form".*?</form>', page, re.S).group(0)
    data = {**form_fields(form), "size_cm": size, "size_word": "", "pain": "2"}
    if confirmed:
        data["size_confirmed"] = "on"
    return post_form(session, base + "/diary/check-in/", data, headers=headers)


def diary_sizes(session, base: str, language: str) -> list[str]:
    page = session.get(base + "/diary/", headers={"Accept-Language": language}).text
    rows = re.findall(r'<tr class="diary-row">.*?</tr>', page, re.S)
    return [text_of(re.search(r"<td>(.*?)</td>", row, re.S).group(1)) for row in rows]


def check_diary(session: requests.Session, base: str) -> None:
    saved = check_in(session, base, "2,5", "es-ES")
    english, spanish = diary_sizes(session, base, "en-GB"), diary_sizes(session, base, "es-ES")
    check(
        english == ["2.5 cm"] and spanish == ["2,5 cm"],
        "[en, es] a check-in of '2,5' reads back as 2.5 cm (en) and 2,5 cm (es), never 25",
        f"POST size_cm=2,5 -> {saved.status_code} {saved.url}; en {english}, es {spanish}",
    )
    for language, asked in (("en-GB", "Is that right?"), ("es-ES", "¿Es correcto?")):
        jump = check_in(session, base, "9", language)
        kept = diary_sizes(session, base, language)
        check(
            jump.status_code == 400
            and asked in jump.text
            and 'name="size_confirmed"' in jump.text
            and len(kept) == 1,
            f"[{language[:2]}] 9 cm after 2,5 cm asks {asked!r} and saves nothing yet",
            f"{jump.status_code} {jump.url}; diary sizes {kept}",
        )
    confirmed = check_in(session, base, "9", "en-GB", confirmed=True)
    kept = diary_sizes(session, base, "en-GB")
    check(
        kept == ["9 cm", "2.5 cm"],
        "[en] ticking 'Yes, that is right' saves it",
        f"{confirmed.status_code} {confirmed.url}; diary sizes {kept}",
    )


# 5 and 6. The plain forms of the questions ---------------------------------------------------


def summary_rows(page: str) -> list[tuple[str, str]]:
    rows = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", page, re.S)
    return [(text_of(question), text_of(given)) for question, given in rows]


def check_forms(base: str) -> None:
    session = phone(base, "en-GB")
    session.get(base + "/check/")
    for question in list(WALK)[:7]:
        answer(session, base, question, WALK[question])
    refused = answer(session, base, "pain", ["tender", "painless"])
    alert = re.search(r'role="alert".*?</div>', refused.text, re.S)
    ticked = [
        option
        for option in ("tender", "painless")
        if re.search(rf'<input[^>]*value="{option}"[^>]*\bchecked\b', refused.text)
    ]
    check(
        refused.status_code == 400
        and refused.url.endswith("/check/q/pain/")
        and bool(alert)
        and ticked == ["tender", "painless"],
        "[en] 'tender' and 'painless' together are refused by the plain form, ticks kept",
        f"{refused.status_code} {refused.url} ticked {ticked} "
        f"message {text_of(alert.group(0)) if alert else None!r}",
    )
    for question in list(WALK)[7:]:
        last = answer(session, base, question, WALK[question])
    before = summary_rows(last.text)
    follow_up = answer(session, base, "surface", ["discharge"])
    opened = re.search(r'data-question="([^"]+)"', follow_up.text)
    options = re.findall(r'<input[^>]*name="option"[^>]*value="([^"]+)"', follow_up.text)
    after = answer(session, base, opened.group(1), options[-1:]) if opened else follow_up
    rows = summary_rows(after.text)
    changed = before[list(WALK).index("surface")][0] if len(before) == len(WALK) else ""
    lost = [row for row in before if row not in rows and row[0] != changed]
    check(
        bool(opened)
        and after.url.endswith("/check/summary/")
        and len(before) == len(WALK)
        and not lost
        and len(rows) == len(before) + 1,
        "[en] a changed answer that opens a follow-up keeps every later answer on the summary",
        f"follow-up {opened and opened.group(1)}, back at {after.url}, "
        f"{len(before)} rows before, {len(rows)} after, lost {lost}",
    )


# 7. Each sentence once on the vignettes' result pages ----------------------------------------


def choose(question: dict, true: set) -> list[str]:
    """As the contract's person answers: options whose findings are all true (for a single
    choice, the one that overlaps most), else an option with no findings."""
    fits = [o for o in question["options"] if o["findings"] and set(o["findings"]) <= true]
    if question["kind"] == "single":
        fits = sorted(fits, key=lambda o: -len(set(o["findings"]) & true))[:1]
    blank = [o for o in question["options"] if not o["findings"]][:1]
    return [o["id"] for o in fits or blank]


def api_walk(base: str, findings: list[str]) -> dict:
    answers: dict = {}
    for _ in range(40):
        step = send(requests.post, base + "/api/triage/next", json={"answers": answers}).json()
        if step.get("done"):
            return answers
        answers[step["question"]["id"]] = choose(step["question"], set(findings))
    raise SystemExit(f"the API walk of {findings} did not end")


def sentences(text: str) -> list[str]:
    parts = (" ".join(p.split()) for p in re.split(r"(?<=[.!?])\s+|\n+", text))
    return [p for p in parts if len(p.split()) >= SHORTEST]


def check_sentences_once(base: str, vignettes: list[dict]) -> None:
    walks = {case["id"]: api_walk(base, case["findings"]) for case in vignettes}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        for language in ("en-GB", "es-ES"):
            context = browser.new_context(
                locale=language,
                service_workers="block",
                extra_http_headers={"Accept-Language": language},
            )
            page = context.new_page()
            page.goto(base + "/check/")
            twice, reasons_twice, missing = [], [], []
            for case_id, answers in walks.items():
                csrf = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
                handed = send(
                    page.request.post,
                    base + "/check/offline-answers/",
                    data=json.dumps({"answers": answers}),
                    headers={
                        "X-CSRFToken": csrf,
                        "Content-Type": "application/json",
                        "Referer": base + "/check/",
                    },
                )
                page.goto(base + "/check/result/")
                if handed.status != 204 or not page.locator("[data-urgency]").count():
                    missing.append(f"{case_id} ({handed.status} {page.url})")
                    continue
                reasons = set(sentences("\n".join(page.locator("main ul.why").all_inner_texts())))
                said = Counter(sentences(page.locator("main").inner_text()))
                for sentence, times in said.items():
                    if times > 1:
                        found = reasons_twice if sentence in reasons else twice
                        found.append(f"{case_id}: {sentence!r} x{times}")
            tag = f"[{language[:2]}]"
            check(not missing, f"{tag} every vignette walk reaches a result page", f"{missing}")
            check(
                not twice,
                f"{tag} no sentence twice on the {len(walks)} vignettes' result pages "
                "(outside the causes' reasons)",
                "; ".join(twice),
            )
            # Not a failure: each cause lists the answers behind it, so an answer that supports
            # two causes is under both (tests/triage/test_result_says_it_once.py).
            print(
                f"note {tag} {len(reasons_twice)} reasons stand under more than one cause "
                "(each cause lists its own reasons)"
            )
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--vignettes", default=VIGNETTES, help=f"default {VIGNETTES}")
    options = parser.parse_args()
    base = options.base.rstrip("/")
    with open(options.vignettes, encoding="utf-8") as file:
        vignettes = json.load(file)
    started = time.time()
    check_numbers(base)
    check_api_region(base)
    one_phone = phone(base, "en-GB")  # one new phone key for the reminders and the diary
    check_reminders(one_phone, base)
    check_diary(one_phone, base)
    check_forms(base)
    check_sentences_once(base, vignettes)
    print(
        f"{len(failures)} failed" if failures else "all passed", f"({time.time() - started:.0f} s)"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
