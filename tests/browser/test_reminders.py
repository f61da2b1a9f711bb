"""Reminders in a real browser: set one and download the .ics, an offline check-in that is sent
once when the phone is back online, the diary chart, and a push shown by the service worker."""

import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from apps.diary import services as diary
from apps.diary.models import CheckIn
from apps.phones.services import create_device
from apps.reminders import push, services
from apps.reminders.models import Reminder
from tests.browser.conftest import PHONE, slow_page_script, wait_for_service_worker


@pytest.fixture(autouse=True)
def vapid_key(settings, tmp_path):
    path = tmp_path / "vapid.pem"
    push.generate_keys(path=path)
    settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE = path
    return path


def phone_with_data(context, site, settings):
    """A device with three check-ins, its cookie put in the browser."""
    device, key = create_device()
    for days, size, pain, leaking in [
        (14, "1.5", 2, False),
        (7, "2.0", 3, False),
        (0, "3.5", 6, True),
    ]:
        diary.record_check_in(
            device=device,
            key=uuid.uuid4(),
            size_cm=Decimal(size),
            size_word="",
            pain=pain,
            red=False,
            hot=False,
            leaking=leaking,
            colour_changed=False,
            note="",
            recorded_at=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC) - dt.timedelta(days=days),
        )
    context.add_cookies([{"name": settings.LUMPGUIDE_DEVICE_COOKIE, "value": key, "url": site}])
    return device


def test_set_a_reminder_and_download_the_calendar_file(site, page, check_accessibility, screenshot):
    page.goto(site + "/reminders/new/?days=14")
    browser_zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert page.locator("#id_timezone").input_value() == browser_zone
    assert page.locator("#id_time").input_value() == "09:00"
    check_accessibility(page)
    # Without notifications on, the calendar is what is chosen at first (issue 20)
    assert page.get_by_label("A calendar event").is_checked()
    # Its file downloads at once: the calendar event can remind only once it is in a calendar
    with page.expect_download() as first:
        page.get_by_role("button", name="Set the reminder").click()
    assert first.value.suggested_filename.endswith(".ics")
    page.get_by_text("Your reminder is set.").wait_for()
    assert page.url == site + "/reminders/"  # a reload does not download it again
    reminder = Reminder.objects.get()
    assert reminder.timezone == browser_zone and reminder.follow_up_days == 14
    check_accessibility(page)
    screenshot(page, "reminders-list")
    with page.expect_download() as info:
        page.get_by_role("link", name="Add to your calendar (.ics)").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in text and "BEGIN:VALARM" in text
    assert f"DTSTART:{reminder.due_at:%Y%m%dT%H%M%S}Z" in text


@pytest.mark.parametrize("permission", ["granted", "denied"])
def test_both_without_notifications_is_never_saved_as_scheduled(site, browser, permission):
    """ "Both" tries to turn notifications on in the same tap; where they cannot be (no push
    service here, or permission refused) the server refuses it with the way out."""
    context = browser.new_context(**PHONE)
    if permission == "granted":
        context.grant_permissions(["notifications"], origin=site)
    page = context.new_page()
    page.goto(site + "/reminders/new/?days=14")
    wait_for_service_worker(page)
    page.get_by_label("Both").check()
    page.get_by_role("button", name="Set the reminder").click()
    page.get_by_text("only the calendar event could reach you").wait_for()
    assert not Reminder.objects.exists()
    assert page.get_by_role("link", name="How should we remind you?").count() == 1
    context.close()


def test_offline_check_in_is_sent_once_back_online(site, context, page, check_accessibility):
    page.goto(site + "/diary/check-in/")
    wait_for_service_worker(page)
    check_accessibility(page)
    context.set_offline(True)
    page.goto(site + "/diary/check-in/")  # from the service worker's cache
    page.get_by_label("Size in centimetres").fill("2.5")
    page.get_by_label("Pain today").fill("4")
    page.get_by_label("It is red").check()
    page.get_by_label("Note (optional)").fill("written offline")
    page.get_by_role("button", name="Save this check-in").click()
    page.get_by_text("Saved on this phone").wait_for()
    queued = page.evaluate(
        """() => new Promise((resolve) => {
            const r = indexedDB.open("lumpguide-reminders", 1);
            r.onsuccess = () => {
                const store = r.result.transaction("checkins").objectStore("checkins");
                const q = store.getAll();
                q.onsuccess = () => resolve(q.result);
            };
        })"""
    )
    assert len(queued) == 1 and queued[0]["key"]
    assert CheckIn.objects.count() == 0
    context.set_offline(False)
    page.wait_for_function("() => navigator.onLine")
    # The page (on "online") or the service worker (Background Sync) sends it, one at a time.
    page.get_by_text("Your saved check-in has been sent.").wait_for(timeout=15000)
    page.wait_for_timeout(1500)  # time for any second replay; the server would drop the copy
    check_in = CheckIn.objects.get()
    assert str(check_in.key) == queued[0]["key"]
    assert check_in.note == "written offline" and check_in.red and check_in.pain == 4
    # It keeps the time of the tap, not of its arrival.
    assert (
        check_in.recorded_at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        == queued[0]["queuedAt"]
    )
    page.goto(site + "/diary/")
    assert page.locator(".diary-row").count() == 1
    assert "written offline" in page.locator(".diary-table").inner_text()


def test_diary_chart_has_a_text_alternative(
    site, context, page, settings, check_accessibility, screenshot
):
    phone_with_data(context, site, settings)
    page.goto(site + "/diary/")
    charts = page.locator("svg[role=img]")
    assert charts.count() == 2 and charts.first.is_visible()
    assert charts.first.get_attribute("aria-labelledby") == "chart-size-title chart-size-desc"
    assert "out of 10" in page.locator("#chart-pain-desc").text_content()
    assert "3 check-ins" in page.locator(".diary-figure figcaption").text_content()
    assert page.locator(".diary-row").count() == 3
    warning = page.locator("#diary-concerns")
    assert "The lump has grown" in warning.inner_text()
    check_accessibility(page)
    screenshot(page, "diary")
    # "Check your lump again": the warning-sign screens come fresh, then the newest check-in
    # is filled in (it is leaking and 3.5 cm), for the person to confirm.
    warning.get_by_role("button", name="Check your lump again").click()
    page.wait_for_url("**/check/q/emergency_signs/")
    assert page.locator("input:checked").count() == 0
    for screen in ("emergency_signs", "urgent_signs"):
        assert page.locator(f'[data-question="{screen}"] input:checked').count() == 0
        page.get_by_label("None of these").check()
        page.get_by_role("button", name="Continue").click()
        page.locator(f'[data-question="{screen}"]').wait_for(state="detached")
    assert page.locator('[data-question="location"] input:checked').count() == 0  # no triage yet
    for screen, option in (
        ("location", "To one side of the lower back"),
        ("feel", "Soft or doughy"),
        ("movement", "It moves or slides"),
        ("skin", "None of these, the skin looks normal"),
    ):
        page.locator(f'[data-question="{screen}"]').wait_for()
        page.get_by_label(option).check()
        page.get_by_role("button", name="Continue").click()
    page.locator('[data-question="surface"]').wait_for()
    assert page.locator("#filled-in").is_visible()
    assert page.get_by_label("It leaks pus, fluid, blood or cheesy material").is_checked()
    check_accessibility(page)
    screenshot(page, "question-filled-in-from-diary")


def test_every_reminders_screen_is_accessible(site, context, page, settings, check_accessibility):
    device = phone_with_data(context, site, settings)
    reminder = services.schedule_reminder(
        device=device,
        local_date=dt.date(2030, 1, 2),
        local_time=dt.time(9),
        tz_name="Europe/London",
        channel="both",
    )
    for path in [
        "/reminders/",
        f"/reminders/{reminder.pk}/",
        "/your-data/",
        "/your-data/delete/",
    ]:
        page.goto(site + path)
        check_accessibility(page)
    page.get_by_role("button", name="Yes, delete everything").click()
    page.get_by_text("has been deleted").wait_for()
    check_accessibility(page)
    assert not CheckIn.objects.exists()


def test_push_message_shows_a_notification_that_opens_the_check_in(site, context, page):
    """The push arrives through the DevTools protocol (ServiceWorker.deliverPushMessage), as a
    push service would deliver it. The tap on the notification is simulated: the test asks the
    service worker's own routing function where the shown notification leads, then opens it."""
    context.grant_permissions(["notifications"], origin=site)
    page.goto(site + "/diary/")
    wait_for_service_worker(page)
    cdp = context.new_cdp_session(page)
    registrations: list[str] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(
            r["registrationId"]
            for r in event["registrations"]
            if r["scopeURL"] == site + "/" and not r["isDeleted"]
        ),
    )
    cdp.send("ServiceWorker.enable")
    for _ in range(20):
        if registrations:
            break
        page.wait_for_timeout(100)
    assert registrations
    message = {
        "web_push": 8030,
        "notification": {
            "title": "Time to check your lump",
            "body": "How does it look today?",
            "navigate": site + "/diary/check-in/?reminder=7",
            "tag": "lumpguide-reminder-7",
        },
        "reminder": 7,
        "attempt": "a1",
    }
    shown = []
    # Delivered again if nothing shows: on a loaded machine the first delivery can reach the
    # worker before it is ready. A copy with the same tag replaces, never adds (checked below).
    for _delivery in range(3):
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": site + "/",
                "registrationId": registrations[-1],
                "data": json.dumps(message),
            },
        )
        for _ in range(30):
            shown = page.evaluate(
                """async () => (await (await navigator.serviceWorker.ready).getNotifications())
                    .map((n) => ({title: n.title, body: n.body, tag: n.tag, data: n.data}))"""
            )
            if shown:
                break
            page.wait_for_timeout(100)
        if shown:
            break
    assert shown == [
        {
            "title": "Time to check your lump",
            "body": "How does it look today?",
            "tag": "lumpguide-reminder-7",
            "data": {"url": site + "/diary/check-in/?reminder=7", "reminder": 7},
        }
    ]
    # A second copy of the same reminder (same tag) replaces it rather than adding one.
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": site + "/", "registrationId": registrations[-1], "data": json.dumps(message)},
    )
    page.wait_for_timeout(500)
    count = page.evaluate(
        "async () => (await (await navigator.serviceWorker.ready).getNotifications()).length"
    )
    assert count == 1
    [worker] = context.service_workers
    target = worker.evaluate(
        """async () => {
            const [n] = await self.registration.getNotifications();
            return self.lgNotificationUrl(n);
        }"""
    )
    assert target == site + "/diary/check-in/?reminder=7"
    assert worker.evaluate("self.lgNotificationUrl({data: {url: 'https://evil.example/'}})") == (
        site + "/diary/check-in/"
    )
    page.goto(target)
    assert page.locator("h1").inner_text() == "How is the lump today?"


def test_a_double_tap_on_save_stores_one_check_in(site, page):
    page.goto(site + "/diary/check-in/")
    page.get_by_label("Size in centimetres").fill("2")
    page.get_by_label("Pain today").fill("1")
    page.evaluate(
        """() => { const form = document.getElementById("check-in-form");
                   form.requestSubmit(); form.requestSubmit(); }"""
    )
    page.wait_for_url("**/diary/?saved=1")
    page.wait_for_timeout(500)  # time for a second request to land, if one was made
    assert CheckIn.objects.count() == 1


def test_a_time_zone_picked_before_the_script_arrives_is_kept(site, browser):
    """reminders.js picks the phone's zone for the person, unless they have picked one."""
    context = browser.new_context(service_workers="block", **PHONE, timezone_id="Asia/Tokyo")
    page = context.new_page()
    slow_page_script(page, "reminders", 1000)
    page.goto(site + "/reminders/new/?days=14")
    page.locator("#id_timezone").select_option("America/New_York")
    page.locator("html[data-scripts='ready']").wait_for(state="attached")
    assert page.locator("#id_timezone").input_value() == "America/New_York"
    page.goto(site + "/reminders/new/?days=14")  # untouched: the phone's own zone
    page.locator("html[data-scripts='ready']").wait_for(state="attached")
    assert page.locator("#id_timezone").input_value() == "Asia/Tokyo"
    context.close()


def test_a_size_typed_with_a_comma_is_kept_as_the_person_meant(site, page, check_accessibility):
    """ "2,5" as Spain and most of Europe write it is 2.5 cm, never 25 (issue 20); a jump of more
    than three times the last size is asked about before it is kept."""
    page.goto(site + "/diary/check-in/")
    page.get_by_label("Size in centimetres").fill("2,5")
    page.get_by_label("Pain today").fill("1")
    page.get_by_role("button", name="Save this check-in").click()
    page.wait_for_url(site + "/diary/?saved=1")
    assert CheckIn.objects.get().size_cm == Decimal("2.5")
    page.goto(site + "/diary/check-in/")
    page.get_by_label("Size in centimetres").fill("25")
    page.get_by_label("Pain today").fill("1")
    page.get_by_role("button", name="Save this check-in").click()
    page.get_by_text("Is that right?").first.wait_for()
    assert CheckIn.objects.count() == 1
    check_accessibility(page)
    page.get_by_label("Yes, that is right").check()
    page.get_by_role("button", name="Save this check-in").click()
    page.wait_for_url(site + "/diary/?saved=1")
    assert CheckIn.objects.count() == 2


def test_the_spanish_diary_and_summary_fit_a_320px_screen(site, context, page, settings):
    """A walk at 320 px found the Spanish diary's table 336 px wide: nothing may stick out."""
    from tests.browser.test_pages import STICKING_OUT

    phone_with_data(context, site, settings)
    context.add_cookies([{"name": "lumpguide_language", "value": "es", "url": site}])
    page.set_viewport_size({"width": 320, "height": 700})
    for path in ("/diary/", "/handover/"):
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.locator("#check-ins").count() == 1, path
        assert page.evaluate(STICKING_OUT) == [], path
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, path
