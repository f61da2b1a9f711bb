"""Photos of the lump, kept on the phone only (issue 23), in Chromium at a phone's size: taken
on the skin screen and shown at once, kept in IndexedDB (made smaller there), beside their
check-in in the diary, listed offline, compared, printed with the summary for a doctor and on
no copy of it the server makes, deleted one by one or with everything else. No request the
server receives carries a photo (every body is read, on both sides), and no cache holds one.

The photos are JPEGs drawn here with Pillow, larger than the phone keeps them."""

import io
import re

import pypdf
import pytest
from PIL import Image, ImageDraw

from apps.diary.models import CheckIn
from lumpguide.middleware import DrainRequestBodyMiddleware
from tests.browser.conftest import PHONE, wait_for_page_scripts, wait_for_service_worker

JPEG = b"\xff\xd8\xff"
#: An answer or a check-in is a few hundred bytes; even this small photo is tens of KB.
LARGEST_BODY = 4096


def photo(colour=(200, 40, 40), size=(2400, 1800), name="back.jpg") -> dict:
    """A camera's photo of a lump, as set_input_files takes it."""
    image = Image.new("RGB", size, (224, 188, 168))
    width, height = size
    ImageDraw.Draw(image).ellipse(
        (width // 3, height // 3, 2 * width // 3, 2 * height // 3), colour
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return {"name": name, "mimeType": "image/jpeg", "buffer": out.getvalue()}


#: What the phone keeps, without the pictures (never opening a store that is not there: that
#: would make an empty one).
STORED = """async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("lumpguide-photos")) return [];
    return await new Promise((resolve, reject) => {
        const r = indexedDB.open("lumpguide-photos");
        r.onsuccess = () => {
            const db = r.result;
            const q = db.transaction("photos").objectStore("photos").getAll();
            q.onsuccess = () => {
                db.close();
                resolve(q.result.map((p) => ({
                    id: p.id, of: p.of, question: p.question, checkIn: p.checkIn,
                    width: p.width, height: p.height, type: p.blob.type, size: p.blob.size,
                    isBlob: p.blob instanceof Blob, takenAt: p.takenAt,
                    checkInDeleted: !!p.checkInDeleted,
                })));
            };
        };
        r.onerror = () => reject(r.error);
    });
}"""

QUEUED_CHECK_INS = """() => new Promise((resolve) => {
    const r = indexedDB.open("lumpguide-reminders", 1);
    r.onsuccess = () => {
        const q = r.result.transaction("checkins").objectStore("checkins").getAll();
        q.onsuccess = () => { r.result.close(); resolve(q.result); };
    };
})"""

CACHED = """async () => {
    const out = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            const response = await cache.match(request);
            out.push([request.url, response.headers.get("Content-Type") || ""]);
        }
    }
    return out;
}"""


@pytest.fixture
def received(monkeypatch):
    """Every request the server receives, from a page or from the service worker's replay of
    a check-in kept offline: its body, cookies and query string."""
    seen = []
    original = DrainRequestBodyMiddleware.__call__

    def recording(self, request):
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        seen.append(
            {
                "path": request.path,
                "body": request.body if length else b"",
                "cookie": request.META.get("HTTP_COOKIE", ""),
                "query": request.META.get("QUERY_STRING", ""),
            }
        )
        return original(self, request)

    monkeypatch.setattr(DrainRequestBodyMiddleware, "__call__", recording)
    return seen


@pytest.fixture
def requests_sent(context):
    """Every request the pages make, with its body, as the browser sends it."""
    seen = []
    context.on("request", lambda request: seen.append((request.url, request.post_data_buffer)))
    return seen


def assert_no_photo_sent(requests_sent, received) -> None:
    assert requests_sent and received
    for url, body in requests_sent:
        assert JPEG not in (body or b"") and len(body or b"") < LARGEST_BODY, url
    for request in received:
        where = request["path"]
        assert JPEG not in request["body"] and len(request["body"]) < LARGEST_BODY, where
        assert len(request["cookie"]) < 1024 and len(request["query"]) < 1024, where


def assert_no_photo_cached(page) -> None:
    cached = page.evaluate(CACHED)
    assert cached, "the service worker stored nothing: nothing was checked"
    for url, content_type in cached:
        assert not url.startswith(("blob:", "data:")) and "jpeg" not in content_type, url


def take_photo(page, scope, file: dict) -> None:
    """Choose a photo with the scope's button's file input, and wait until it is kept."""
    before = len(page.evaluate(STORED))
    scope.locator("[data-photo-input]").set_input_files(files=[file])
    for _ in range(100):  # page.evaluate awaits the store (wait_for_function would not)
        if len(page.evaluate(STORED)) > before:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the photo was not kept")


def walk_to_skin(page, site) -> None:
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.locator("#triage-screen[data-question]").wait_for()
    for option in ("none", "none", "spine", "soft", "moves"):
        here = page.locator("#triage-screen").get_attribute("data-question")
        page.locator(f"label[for='option-{option}']").click()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_function(
            "(q) => document.getElementById('triage-screen').getAttribute('data-question') !== q",
            arg=here,
        )
    page.locator("#triage-screen[data-question='skin']").wait_for()


def add_check_in(page, site, pain: str, file: dict | None = None) -> None:
    page.goto(site + "/diary/check-in/")
    if file:
        take_photo(page, page.locator("#check-in-form"), file)
        page.locator("#check-in-form [data-photo-list] figure").wait_for()
    page.get_by_label("Pain today").fill(pain)
    page.get_by_role("button", name="Save this check-in").click()
    page.wait_for_url("**/diary/?saved=1")
    wait_for_page_scripts(page)


def test_a_photo_on_the_skin_screen_shows_at_once_and_stays_on_the_phone(
    site, context, page, received, requests_sent, check_accessibility, screenshot
):
    page.goto(site + "/")
    wait_for_service_worker(page)
    walk_to_skin(page, site)
    block = page.locator("#triage-screen [data-photo-block]")
    button = block.get_by_role("button", name="Take a photo to look")
    assert button.is_visible() and button.bounding_box()["height"] >= 44
    assert "Hold a coin or a ruler beside the lump" in block.inner_text()
    take_photo(page, block, photo())
    shown = block.locator("figure img")
    shown.wait_for()
    # At once, large (the screen's width), from the phone's own storage, said in words
    assert shown.evaluate("img => img.src").startswith("blob:")
    page.wait_for_function(
        "() => document.querySelector('#triage-screen [data-photo-list] img').naturalWidth"
    )
    assert shown.evaluate("img => img.naturalWidth") == 1600
    assert shown.bounding_box()["width"] > 300
    assert re.fullmatch(
        r"Photo of the lump, \d{1,2} [A-Z][a-z]+ 20\d\d", shown.get_attribute("alt")
    )
    assert "What is the skin over the lump like?" in block.locator("figcaption").inner_text()
    assert block.get_by_role("status").inner_text() == "Photo kept on this phone."
    [stored] = page.evaluate(STORED)
    assert stored["of"] == "question" and stored["question"] == "skin"
    assert stored["isBlob"] and stored["type"] == "image/jpeg"
    assert (stored["width"], stored["height"]) == (1600, 1200)  # from 2400 × 1800
    assert stored["size"] < len(photo()["buffer"])
    screenshot(page, "photo-skin-screen")
    check_accessibility(page)
    # The walk carries on as before, and the next screen about the skin offers one too, with
    # this walk's photo of the skin shown again (it was not: the person could not look again).
    page.locator("label[for='option-red']").click()
    page.get_by_role("button", name="Continue").click()
    surface = page.locator("#triage-screen[data-question='surface'] [data-photo-block]")
    surface.locator("figure").wait_for()
    assert "What is the skin over the lump like?" in surface.locator("figcaption").inner_text()
    take_photo(page, surface, photo((90, 60, 40)))
    surface.locator("figure").nth(1).wait_for()
    assert (
        "Can you see any of these on the lump?" in surface.locator("figcaption").first.inner_text()
    )
    # And back on the skin screen, the surface's photo shows beside the skin's.
    page.get_by_role("link", name="Back").click()
    skin = page.locator("#triage-screen[data-question='skin'] [data-photo-block]")
    skin.locator("figure").nth(1).wait_for()
    assert skin.locator("figure").count() == 2
    check_accessibility(page)
    assert_no_photo_sent(requests_sent, received)
    assert_no_photo_cached(page)


def test_a_photo_on_a_skin_screen_drawn_offline(site, context, page, received, requests_sent):
    """Offline, triage.js draws the skin screen from the server's template: the same block."""
    page.goto(site + "/check/")
    wait_for_service_worker(page)
    page.reload()
    context.set_offline(True)
    walk_to_skin(page, site)
    assert page.locator("#triage-screen[data-offline]").count() == 1
    block = page.locator("#triage-screen [data-photo-block]")
    take_photo(page, block, photo())
    block.locator("figure img").wait_for()
    assert page.evaluate(STORED)[0]["question"] == "skin"
    context.set_offline(False)
    assert_no_photo_sent(requests_sent, received)


def test_check_in_photos_sit_beside_it_in_the_diary_and_are_listed_offline(
    site, context, page, received, requests_sent, screenshot
):
    page.goto(site + "/diary/check-in/")
    wait_for_service_worker(page)
    add_check_in(page, site, "3", photo((200, 40, 40)))
    check_in = CheckIn.objects.get()
    strip = page.locator(f".diary-row[data-photos-for='{check_in.key}']")
    strip.locator("img").wait_for()
    thumbnail = strip.get_by_role("link")
    assert thumbnail.get_attribute("href").startswith("/diary/photos/#photo-")
    assert thumbnail.bounding_box()["height"] >= 44
    assert page.evaluate(STORED)[0]["checkIn"] == str(check_in.key)
    # A check-in made offline keeps its photo with it, by the key made on the phone.
    context.set_offline(True)
    page.goto(site + "/diary/check-in/")  # the service worker's copy
    assert page.locator("#check-in-form [data-photo-list] figure").count() == 0
    take_photo(page, page.locator("#check-in-form"), photo((120, 30, 90), (1800, 2400)))
    page.get_by_label("Pain today").fill("5")
    page.get_by_role("button", name="Save this check-in").click()
    page.get_by_text("Saved on this phone").wait_for()
    page.wait_for_function(
        "() => !document.querySelector('#check-in-form [data-photo-list] figure')"
    )
    [queued] = page.evaluate(QUEUED_CHECK_INS)
    assert JPEG not in queued["body"].encode() and len(queued["body"]) < LARGEST_BODY
    keys = {p["checkIn"] for p in page.evaluate(STORED)}
    assert keys == {str(check_in.key), queued["key"]}
    # Both listed on the diary's photos page, with no connection.
    page.goto(site + "/diary/photos/")
    page.locator("[data-photo-gallery] figure").nth(1).wait_for()
    assert page.locator("[data-photo-gallery] figure").count() == 2
    with_check_in = page.locator("[data-photo-gallery]").get_by_text("With the check-in of ")
    assert with_check_in.count() == 2
    screenshot(page, "photos-offline")
    # Back online: the check-in goes (not its photo), and the diary shows the photo beside it.
    context.set_offline(False)
    page.goto(site + "/diary/check-in/")  # reminders.js asks the service worker to send
    for _ in range(150):
        if CheckIn.objects.count() == 2:
            break
        page.wait_for_timeout(100)
    assert CheckIn.objects.filter(key=queued["key"]).exists()
    page.goto(site + "/diary/")
    page.locator(f"[data-photos-for='{queued['key']}'] img").wait_for()
    assert page.locator(".diary-row[data-photos-for] img").count() == 2
    assert_no_photo_sent(requests_sent, received)
    assert_no_photo_cached(page)


def test_a_check_in_sent_back_to_correct_keeps_its_photo(site, page):
    page.goto(site + "/diary/check-in/")
    take_photo(page, page.locator("#check-in-form"), photo())
    page.get_by_label("Size in centimetres").fill("two")
    page.get_by_label("Pain today").fill("3")
    page.get_by_role("button", name="Save this check-in").click()
    page.get_by_text("There is a problem").wait_for()
    wait_for_page_scripts(page)
    page.locator("#check-in-form [data-photo-list] figure").wait_for()
    page.get_by_label("Size in centimetres").fill("2")
    page.get_by_label("Pain today").fill("3")
    page.get_by_role("button", name="Save this check-in").click()
    page.wait_for_url("**/diary/?saved=1")
    check_in = CheckIn.objects.get()
    page.locator(f"[data-photos-for='{check_in.key}'] img").wait_for()
    assert [p["checkIn"] for p in page.evaluate(STORED)] == [str(check_in.key)]


def test_deleting_a_check_in_asks_first_and_keeps_its_photos_saying_so(
    site, page, check_accessibility
):
    """Deleting a check-in asked nothing, and its photos still said "With a check-in". A
    photo is the one thing nothing can restore, and a wrong size or pain is the usual reason
    to delete a check-in: the photos stay, and say their check-in was deleted."""
    add_check_in(page, site, "3", photo())
    check_in = CheckIn.objects.get()
    row = page.locator(f".diary-row[data-photos-for='{check_in.key}']")
    row.locator("img").wait_for()
    delete = row.get_by_role("button", name=re.compile(r"^Delete the check-in of "))
    asked = []
    page.once("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    delete.click()
    when = row.get_by_role("rowheader").inner_text()
    assert asked == [
        f"Delete the check-in of {when}? This cannot be undone. Any photos taken with it stay "
        "on this phone."
    ]
    page.wait_for_timeout(300)
    assert CheckIn.objects.count() == 1 and page.url.endswith("/diary/?saved=1")
    # The page that asks without JavaScript
    page.goto(site + f"/diary/check-ins/{check_in.pk}/delete/")
    check_accessibility(page)
    page.go_back()
    row.locator("img").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    delete.click()
    page.wait_for_url(f"**/diary/?deleted={check_in.key}")
    notice = page.get_by_role("status").filter(has_text="Check-in deleted.")
    notice.get_by_text("Its photos stay on this phone:").wait_for()
    assert CheckIn.objects.count() == 0
    [stored] = page.evaluate(STORED)
    assert stored["checkInDeleted"] and stored["checkIn"] == str(check_in.key)
    check_accessibility(page)
    notice.get_by_role("link", name="Photos of your lump").click()
    caption = page.locator("[data-photo-gallery] figcaption")
    caption.wait_for()
    assert re.search(
        r"With a check-in of \d{1,2} [A-Z][a-z]+ 20\d\d that you deleted", caption.inner_text()
    ), caption.inner_text()
    assert "With a check-in\n" not in caption.inner_text() + "\n"


def assert_side_by_side(page, first, second, width: int) -> None:
    """Really side by side: level, each about half the screen, captions still readable."""
    a, b = first.bounding_box(), second.bounding_box()
    assert abs(a["y"] - b["y"]) < 1 and a["x"] + a["width"] <= b["x"], (a, b)
    for box in (a, b):
        assert width * 0.4 <= box["width"] <= width / 2, (width, box)
        assert box["height"] > 0
    assert b["x"] + b["width"] <= width
    for caption in page.locator(".compare-side figcaption").all():
        assert caption.evaluate("c => parseFloat(getComputedStyle(c).fontSize)") >= 14
        assert caption.evaluate("c => c.scrollWidth <= c.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_two_photos_compare_side_by_side_and_with_a_slider(
    site, page, check_accessibility, screenshot
):
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto(site + "/diary/photos/")
    assert page.get_by_text("Take at least two photos to compare them.").is_visible()
    take = page.locator("[data-photo-block]")
    take_photo(page, take, photo((200, 40, 40), name="first.jpg"))
    page.wait_for_timeout(50)  # a later time for the second
    take_photo(page, take, photo((40, 40, 200), name="second.jpg"))
    compare = page.locator("[data-photo-compare]")
    first_photo = compare.get_by_role("group", name="First photo")
    second_photo = compare.get_by_role("group", name="Second photo")
    first_photo.get_by_role("radio").nth(1).wait_for()
    older, newer = sorted(page.evaluate(STORED), key=lambda p: p["takenAt"])
    assert first_photo.locator("input:checked").input_value() == older["id"]
    assert second_photo.locator("input:checked").input_value() == newer["id"]
    side = compare.locator(".compare-side img")
    first, second = side.nth(0), side.nth(1)
    assert first.get_attribute("src") != second.get_attribute("src")
    assert first.get_attribute("alt").startswith("Photo of the lump, ")
    # Side by side at 320 px too, each half the width; nothing is wider than the screen.
    assert_side_by_side(page, first, second, 320)
    # The slider: the first photo shows left of the line (as side by side), as far as the
    # range says; the caption says which is which, and what each was for.
    compare.get_by_label("Move the line").fill("20")
    stage = compare.locator(".compare-stage")
    assert stage.evaluate("s => s.style.getPropertyValue('--reveal')") == "20%"
    top = stage.locator(".compare-top")
    assert top.evaluate("i => getComputedStyle(i).clipPath").startswith("inset(")
    assert top.get_attribute("src") == first.get_attribute("src")
    caption = compare.locator(".compare-slider figcaption").inner_text()
    assert "Left of the line: " in caption and "Right of the line: " in caption
    assert caption.count("Taken on its own, not with a question or a check-in") == 2, caption
    # Any two: the newest and the oldest the other way round.
    srcs = [first.get_attribute("src"), second.get_attribute("src")]
    first_photo.locator(f"input[value='{newer['id']}']").check()
    second_photo.locator(f"input[value='{older['id']}']").check()
    page.wait_for_function(
        "([older, newer]) => { const [a, b] = document.querySelectorAll('.compare-side img');"
        " return a.src === newer && b.src === older; }",
        arg=srcs,
    )
    screenshot(page, "photos-compare-320")
    check_accessibility(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_side_by_side(page, first, second, 390)


#: Each photo's label: when it was taken, and what for.
WHEN = r"\d{1,2} [A-Z][a-z]+ 20\d\d at \d\d:\d\d"
LABELS = [
    rf"{WHEN}\s+For the question “What is the skin over the lump like\?”",
    rf"{WHEN}\s+With the check-in of \d{{1,2}} [A-Z][a-z]+ 20\d\d",
    rf"{WHEN}\s+Taken on its own, not with a question or a check-in",
]


def assert_labelled_in_full(labels) -> None:
    """Each label says when and what for, and none is cut off at 320 px."""
    texts = labels.all_inner_texts()
    assert len(texts) == 3, texts
    for pattern in LABELS:
        assert any(re.fullmatch(pattern, text.strip()) for text in texts), (pattern, texts)
    for label in labels.all():
        box = label.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
        assert label.evaluate("l => l.scrollWidth <= l.clientWidth")


def test_each_photo_says_when_and_what_for_in_full_at_320_px(site, page, check_accessibility):
    """The compare pickers (a <select>) and the printed summary named a photo by its date
    only, or cut its words off at 320 px."""
    page.set_viewport_size({"width": 320, "height": 720})
    walk_to_skin(page, site)
    take_photo(page, page.locator("#triage-screen [data-photo-block]"), photo())
    add_check_in(page, site, "3", photo((40, 40, 200)))
    page.goto(site + "/diary/photos/")
    take_photo(page, page.locator("[data-photo-block]"), photo((40, 200, 40)))
    first_photo = page.get_by_role("group", name="First photo")
    first_photo.get_by_role("radio").nth(2).wait_for()
    assert_labelled_in_full(first_photo.locator("label"))
    assert_labelled_in_full(page.get_by_role("group", name="Second photo").locator("label"))
    assert_labelled_in_full(page.locator("[data-photo-gallery] figcaption"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    check_accessibility(page)
    # The summary for a doctor: the photos to tick, and the printed page.
    page.goto(site + "/handover/")
    chooser = page.locator("[data-photo-print]")
    chooser.get_by_role("checkbox").nth(2).wait_for()
    assert_labelled_in_full(chooser.locator("label"))
    for box in chooser.get_by_role("checkbox").all():
        box.check()
    page.emulate_media(media="print")
    printed = page.locator("[data-photo-printed] figcaption")
    printed.nth(2).wait_for()
    texts = [" ".join(text.split()) for text in printed.all_inner_texts()]
    for pattern in LABELS:
        assert any(re.fullmatch(pattern.replace("\\s+", " "), text) for text in texts), texts
    page.emulate_media(media="screen")


def pdf_images(page) -> list[tuple[int, int]]:
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [image.image.size for p in reader.pages for image in p.images]


def test_the_printed_summary_holds_the_chosen_photo_and_the_servers_copies_do_not(
    site, page, received, requests_sent, check_accessibility
):
    add_check_in(page, site, "4")
    page.goto(site + "/diary/photos/")
    take_photo(page, page.locator("[data-photo-block]"), photo())
    page.goto(site + "/handover/")
    chooser = page.locator("[data-photo-print]")
    choice = chooser.get_by_role("checkbox")
    choice.wait_for()
    assert not choice.is_checked()
    assert pdf_images(page) == []  # the QR code and the chart are drawn, not pictures
    check_accessibility(page)
    choice.check()
    printed = page.locator("[data-photo-printed]")
    assert printed.locator("img").evaluate("img => img.src").startswith("blob:")
    assert pdf_images(page) == [(1600, 1200)]
    # The tick is kept over a reload (it was lost), and in a new tab, as when the browser was
    # closed at home and opened at the doctor's (a walk found it lost): on the phone only.
    page.reload()
    choice.wait_for()
    assert choice.is_checked()
    assert pdf_images(page) == [(1600, 1200)]
    other_tab = page.context.new_page()
    other_tab.goto(site + "/handover/")
    other_tab.locator("[data-photo-print]").get_by_role("checkbox").wait_for()
    assert other_tab.locator("[data-photo-print]").get_by_role("checkbox").is_checked()
    other_tab.close()
    page.emulate_media(media="print")
    assert printed.is_visible() and chooser.is_hidden()
    page.emulate_media(media="screen")
    assert printed.is_hidden()
    # What the server makes of the summary never holds it: the page, its text, its FHIR file.
    html = page.request.get(site + "/handover/").text()
    assert "blob:" not in html and "data:image" not in html
    section = re.search(r"data-photo-printed-list>(.*?)</div>", html, re.S).group(1)
    assert section.strip() == ""
    for url in ("/handover/lumpguide-summary.txt", "/handover/lumpguide-summary.fhir.json"):
        body = page.request.get(site + url).body()
        assert b"blob:" not in body and JPEG not in body and b"/9j/" not in body, url
        assert b"image/jpeg" not in body and b"Photo" not in body, url
    assert_no_photo_sent(requests_sent, received)


def test_photos_print_with_the_summary_when_there_is_nothing_else(site, page, check_accessibility):
    """No answers and no check-ins: the summary had nothing to print photos with."""
    page.goto(site + "/handover/")
    assert page.get_by_text("There is nothing to summarise yet").is_visible()
    assert page.locator("[data-photos-only]").is_hidden()
    assert page.get_by_role("button", name="Print or save as PDF").count() == 0
    page.goto(site + "/diary/photos/")
    take_photo(page, page.locator("[data-photo-block]"), photo())
    page.goto(site + "/handover/")
    page.get_by_text("You can still print photos of the lump that are on this phone").wait_for()
    choice = page.locator("[data-photo-print]").get_by_role("checkbox")
    choice.check()
    assert page.get_by_role("button", name="Print or save as PDF").is_visible()
    check_accessibility(page)
    assert pdf_images(page) == [(1600, 1200)]
    page.emulate_media(media="print")
    assert page.locator("[data-photo-printed] img").is_visible()
    assert page.get_by_text("this page holds only photos they chose").is_visible()
    assert page.get_by_text("There is nothing to summarise yet").is_hidden()
    assert page.locator("[data-photo-print]").is_hidden()
    page.emulate_media(media="screen")


def test_delete_one_photo_all_photos_and_all_my_data(site, page, check_accessibility):
    page.goto(site + "/diary/photos/")
    take = page.locator("[data-photo-block]")
    take_photo(page, take, photo((200, 40, 40)))
    take_photo(page, take, photo((40, 40, 200)))
    gallery = page.locator("[data-photo-gallery] figure")
    gallery.nth(1).wait_for()
    # Asked first: a photo is only on this phone; saying no keeps it
    asked = []
    page.once("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    gallery.first.get_by_role("button", name="Delete this photo").click()
    assert asked and "cannot be brought back" in asked[0]
    assert gallery.count() == 2 and len(page.evaluate(STORED)) == 2
    page.once("dialog", lambda dialog: dialog.accept())
    gallery.first.get_by_role("button", name="Delete this photo").click()
    page.wait_for_function(
        "() => document.querySelectorAll('[data-photo-gallery] figure').length === 1"
    )
    assert len(page.evaluate(STORED)) == 1
    assert page.evaluate("() => document.activeElement.hasAttribute('data-photo-take')")
    assert take.get_by_role("status").inner_text() == "Photo deleted."
    # "Your data" says where they are and what they take, and can delete them all.
    page.goto(site + "/your-data/")
    section = page.locator("section", has=page.get_by_role("heading", name="Photos on this phone"))
    assert "on this phone only" in section.inner_text()
    assert (
        "If you clear this browser's data, or lose the phone, they are lost."
        in section.inner_text()
    )
    usage = page.locator("[data-photo-usage]")
    page.wait_for_function(
        "() => document.querySelector('[data-photo-usage] [data-slot=persisted]').textContent"
    )
    assert usage.locator("[data-slot=count]").inner_text() == "1"
    assert re.fullmatch(r"\d+ kB", usage.locator("[data-slot=size]").inner_text())
    delete_all = usage.get_by_role("button", name="Delete all photos on this phone")
    assert delete_all.is_enabled()
    check_accessibility(page)
    page.once("dialog", lambda dialog: dialog.accept())
    usage.get_by_role("button", name="Delete all photos on this phone").click()
    usage.get_by_text("All the photos on this phone have been deleted.").wait_for()
    assert page.evaluate(STORED) == [] and usage.locator("[data-slot=count]").inner_text() == "0"
    assert delete_all.is_disabled()  # nothing left to delete ...
    assert page.evaluate("() => document.activeElement.hasAttribute('data-photo-status')")
    page.reload()
    page.wait_for_function(
        "() => document.querySelector('[data-photo-usage] [data-slot=persisted]').textContent"
    )
    assert delete_all.is_disabled()
    # "Delete all my data" clears the phone's store too.
    page.goto(site + "/diary/photos/")
    take_photo(page, page.locator("[data-photo-block]"), photo())
    page.goto(site + "/your-data/")
    page.get_by_role("link", name="Delete all my data").click()
    assert "photos of the lump kept on this phone are deleted too" in page.content()
    page.get_by_role("button", name="Yes, delete everything").click()
    page.get_by_text("The photos of the lump kept on this phone have been deleted too.").wait_for()
    assert page.evaluate(STORED) == []
    check_accessibility(page)
    page.goto(site + "/diary/photos/")
    assert page.get_by_text("No photos yet.").is_visible()


def test_forget_my_answers_keeps_the_photos_and_says_so(site, page):
    walk_to_skin(page, site)
    take_photo(page, page.locator("#triage-screen [data-photo-block]"), photo())
    page.request.post(
        site + "/check/forget/",
        headers={
            "X-CSRFToken": next(
                c["value"] for c in page.context.cookies() if c["name"] == "csrftoken"
            )
        },
    )
    page.goto(site + "/check/?forgotten=1")
    assert "they stay on this phone until you delete them" in page.locator("main").inner_text()
    assert len(page.evaluate(STORED)) == 1


def test_without_javascript_the_pages_say_what_is_missing_and_the_rest_works(site, browser):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    missing = "Photos of the lump need JavaScript, which is off in this browser."
    for path in ("/diary/photos/", "/diary/check-in/"):
        page.goto(site + path)
        # In a <noscript>, which a browser with JavaScript off shows (Playwright only stops
        # scripts: its parser still reads <noscript> as text, so only the markup is checked).
        assert re.search(rf"<noscript><p[^>]*>{re.escape(missing)}", page.content()), path
        assert page.get_by_role("button", name=re.compile("photo")).count() == 0, path
    page.get_by_label("Pain today").fill("2")
    page.get_by_role("button", name="Save this check-in").click()
    page.wait_for_url("**/diary/?saved=1")
    assert CheckIn.objects.count() == 1
    # Deleting it asks on a page of the server's own (no dialog without JavaScript).
    page.get_by_role("button", name=re.compile(r"^Delete the check-in of ")).click()
    page.get_by_role("heading", name="Delete this check-in?").wait_for()
    assert CheckIn.objects.count() == 1
    page.get_by_role("link", name="No, keep it").click()
    page.get_by_role("button", name=re.compile(r"^Delete the check-in of ")).click()
    page.get_by_role("button", name="Yes, delete this check-in").click()
    page.get_by_text("Check-in deleted.").wait_for()
    assert CheckIn.objects.count() == 0
    context.close()


def test_where_the_browser_cannot_keep_photos_it_says_so(site, browser):
    context = browser.new_context(**PHONE)
    context.add_init_script("Object.defineProperty(window, 'indexedDB', { value: undefined });")
    page = context.new_page()
    page.goto(site + "/diary/check-in/")
    wait_for_page_scripts(page)
    assert page.get_by_text("This browser cannot keep photos on this phone").is_visible()
    assert page.get_by_role("button", name="Add a photo").is_hidden()
    context.close()


def test_in_spanish(site, browser, check_accessibility):
    context = browser.new_context(**{**PHONE, "locale": "es-ES"})
    page = context.new_page()
    page.goto(site + "/diary/check-in/")
    wait_for_page_scripts(page)
    form = page.locator("#check-in-form")
    assert form.get_by_role("button", name="Añadir una foto").is_visible()
    take_photo(page, form, photo())
    image = form.locator("[data-photo-list] img")
    image.wait_for()
    assert re.fullmatch(r"Foto del bulto, \d{1,2} de [a-z]+ de 20\d\d", image.get_attribute("alt"))
    assert form.get_by_role("status").inner_text() == "Foto guardada en este teléfono."
    check_accessibility(page)
    context.close()
