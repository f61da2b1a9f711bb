"""The reminder form (a plain HTML form; JavaScript only fills the time zone)."""

import zoneinfo
from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.reminders.models import Reminder
from apps.reminders.services import latest_reminder_date, local_today, zone_names


@cache
def zone_choices() -> list[tuple[str, str]]:
    names = sorted(z for z in zone_names() if "/" in z and not z.startswith("Etc/"))
    return [("UTC", "UTC"), *((z, z.replace("_", " ")) for z in names)]


class ZoneSelect(forms.Select):
    """A <select> of time zones as Django's, its options in one flat list written inline
    (Django's include and group for each option made the reminder form ten times slower
    than the rest of its page). The zones have no groups and their values are text."""

    template_name = "reminders/widgets/zone_select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["options"] = [option for _, group, _ in widget["optgroups"] for option in group]
        return context


class ReminderForm(forms.Form):
    # A browser's date and time inputs take ISO values only, whatever the page's language
    # (Spanish formats would give "07/12/2026", which an <input type=date> shows as empty).
    date = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Filled in from your phone when it can be."),
        choices=zone_choices,
        widget=ZoneSelect,
    )
    channel = forms.ChoiceField(
        label=_("How should we remind you?"),
        choices=Reminder.Channel.choices,
        widget=forms.RadioSelect,
        initial=Reminder.Channel.BOTH,
    )
    follow_up_days = forms.IntegerField(
        required=False, min_value=1, max_value=365, widget=forms.HiddenInput
    )

    def __init__(self, *args, has_push: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.has_push = has_push
        if not has_push:
            # What can reach the person today; the page's script turns notifications on in the
            # same tap when they choose them
            self.fields["channel"].initial = Reminder.Channel.CALENDAR

    def clean_timezone(self) -> str:
        name = self.cleaned_data["timezone"]
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise forms.ValidationError(_("Choose a time zone from the list.")) from exc
        return name

    def clean(self) -> dict:
        data = super().clean()
        day, tz_name = data.get("date"), data.get("timezone")
        if day and tz_name:
            if day < local_today(tz_name):
                self.add_error("date", _("Choose today or a later day."))
            elif day > latest_reminder_date(tz_name):
                self.add_error("date", _("Choose a day within the next two years."))
        channel = data.get("channel")
        if channel == Reminder.Channel.PUSH and not self.has_push:
            self.add_error(
                "channel",
                _(
                    "Notifications are not turned on for this phone, so this reminder could "
                    "not reach you. Turn notifications on below, or choose a calendar event."
                ),
            )
        elif channel == Reminder.Channel.BOTH and not self.has_push:
            # Saved as "both", it would look set to notify and never could (issue 20)
            self.add_error(
                "channel",
                _(
                    "Notifications are not turned on for this phone, so only the calendar "
                    "event could reach you. Turn notifications on below, or choose a calendar "
                    "event."
                ),
            )
        return data
