"""A reminder as an iCalendar file with an alarm (Add to Calendar on iPhone and elsewhere)."""

import datetime as dt

from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from apps.reminders.models import Reminder

EVENT_LENGTH = dt.timedelta(minutes=15)
LATEST_START = dt.datetime.max.replace(tzinfo=dt.UTC) - EVENT_LENGTH


def reminder_calendar(*, reminder: Reminder, check_in_url: str, host: str) -> bytes:
    """A VCALENDAR with one VEVENT at the reminder's UTC time and a VALARM at that moment."""
    alarm = Alarm.new_display(
        description=_("Time to check your lump with LumpGuide"), trigger=dt.timedelta(0)
    )
    start = reminder.due_at.astimezone(dt.UTC)
    end = start + EVENT_LENGTH if start < LATEST_START else start
    event = Event.new(
        summary=_("Check your lump (LumpGuide)"),
        description=_(
            "Look at the lump and add a check-in to your LumpGuide diary: %(url)s\n"
            "LumpGuide does not diagnose. If the lump is growing, red and hot, leaking, or "
            "you feel unwell, check it again or see a doctor."
        )
        % {"url": check_in_url},
        start=start,
        end=end,
        # Stable for the reminder (a changed one replaces the event), with no database id.
        uid=f"lumpguide-reminder-{reminder.uid}@{host}",
        url=check_in_url,
        subcomponents=[alarm],
    )
    event.add("sequence", reminder.version)
    calendar = Calendar.new(
        prodid="-//LumpGuide//Reminders//EN", method="PUBLISH", subcomponents=[event]
    )
    return calendar.to_ical()
