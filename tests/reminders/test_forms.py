"""The reminder form's time-zone list (ZoneSelect) is Django's <select>, written faster."""

import re

import pytest
from django import forms

from apps.reminders.forms import ReminderForm, ZoneSelect, zone_choices


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("value", ["Europe/London", "UTC", "America/Argentina/Buenos_Aires", ""])
def test_the_zone_list_is_the_html_django_s_select_gives(value):
    attrs = {"id": "id_timezone", "required": True, "aria-describedby": "id_timezone_helptext"}
    ours = ZoneSelect(choices=zone_choices()).render("timezone", value, attrs)
    django_s = forms.Select(choices=zone_choices()).render("timezone", value, attrs)
    assert normalised(ours) == normalised(django_s)
    assert ours.count("<option") == len(zone_choices()) > 400
    assert ours.count(" selected") == (1 if value else 0)


def test_the_form_uses_it_and_keeps_a_zone_sent_back():
    form = ReminderForm(data={"timezone": "Europe/Madrid"})
    html = str(form["timezone"])
    assert '<option value="Europe/Madrid" selected>Europe/Madrid</option>' in html
    assert isinstance(form.fields["timezone"].widget, ZoneSelect)
