"""Delete all, in a real browser: nothing of the walk or the diary is left, session included."""

import pytest

from apps.diary.models import CheckIn
from apps.phones.models import Device


@pytest.fixture(autouse=True)
def vapid_key(settings, tmp_path):
    from apps.reminders import push

    path = tmp_path / "vapid.pem"
    push.generate_keys(path=path)
    settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE = path


def test_delete_all_leaves_nothing_of_the_walk_or_the_diary(site, page, check_accessibility):
    # A walk to a result with a red flag.
    page.goto(site + "/check/")
    page.get_by_role("link", name="Start now").click()
    page.get_by_label("Numbness or tingling between your legs").check()
    page.get_by_role("button", name="Continue").click()
    page.locator("#result-headline").wait_for()
    assert "numbness between your legs" in page.locator("#triage-screen").inner_text()
    # A check-in.
    page.goto(site + "/diary/check-in/")
    page.get_by_label("Pain today").fill("6")
    page.get_by_label("Note (optional)").fill("sore after sitting")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/diary/?saved=1")
    assert "sore after sitting" in page.content()
    assert CheckIn.objects.count() == 1
    # Your data shows the answers too, then delete everything.
    page.goto(site + "/your-data/")
    assert "Numbness or tingling" in page.content()
    check_accessibility(page)
    # A walk drawn on the phone while offline keeps its newest answers in the tab (triage.js).
    page.evaluate("sessionStorage.setItem('lumpguide-offline-walk', '{\"answers\": {}}')")
    page.get_by_role("link", name="Delete all my data").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    page.get_by_text("has been deleted").wait_for()
    page.wait_for_function("() => sessionStorage.length === 0")
    assert "your answers to the questions" in page.content()
    check_accessibility(page)
    assert not Device.objects.exists() and not CheckIn.objects.exists()
    # Nothing of it is left anywhere the person (or the next person) could look.
    page.goto(site + "/check/")
    assert page.get_by_role("link", name="Carry on where you left off").count() == 0
    for path in ("/check/summary/", "/check/result/"):
        page.goto(site + path)  # nothing answered: back to the first question, blank
        assert "/check/q/" in page.url, path
        assert page.locator("input:checked").count() == 0, path
        assert page.locator("#result-headline").count() == 0, path
    page.goto(site + "/diary/")
    assert "sore after sitting" not in page.content()
    page.goto(site + "/your-data/")
    assert "None are kept." in page.content()
    cookies = {c["name"] for c in page.context.cookies()}
    assert "lumpguide_device" not in cookies
