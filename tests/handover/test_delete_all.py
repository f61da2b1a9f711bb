""" "Delete all my data" removes everything the summary could show: the walk in the session,
the walk a reminder kept, the check-ins and the reminders."""

import pytest

from apps.reminders.models import Reminder
from tests.handover.conftest import LONG, diary_of, give_answers, walk_answers
from tests.reminders.test_views import make_reminder

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]


def test_delete_all_leaves_nothing_to_summarise(phone):
    answers = walk_answers(LONG)
    give_answers(phone, answers)
    reminder = make_reminder(phone.device)
    Reminder.objects.filter(pk=reminder.pk).update(triage_answers=answers)
    diary_of(phone.device, [(1.5, 2), (2.5, 7)])
    before = phone.get("/handover/").content.decode()
    assert "2.5 cm" in before and "growing" in before
    assert reminder.local_date.strftime("%-d %B %Y") in before  # the reminder is shown

    response = phone.post("/your-data/delete/")
    assert response.status_code == 303

    after = phone.get("/handover/").content.decode()
    assert "There is nothing to summarise yet" in after
    for shown in ("2.5 cm", "growing", "Possible causes", "Reminders to check"):
        assert shown not in after
    assert phone.get("/handover/lumpguide-summary.txt").status_code == 404
    assert phone.get("/handover/lumpguide-summary.fhir.json").status_code == 404
    assert not Reminder.objects.exists()
