"""The check-in form (a plain HTML form; it works offline through the service worker)."""

import datetime as dt
import uuid

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from apps.diary.models import CheckIn

CLOCK_SKEW = dt.timedelta(minutes=5)
#: A check-in kept on the phone longer than this (or a phone's clock far behind) counts as now.
OLDEST_KEPT_OFFLINE = dt.timedelta(days=30)


class CheckInForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    size_cm = forms.DecimalField(
        label=_("Size in centimetres"),
        help_text=_("Measure across the widest part, if you can."),
        required=False,
        min_value=0.1,
        max_value=50,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
    size_word = forms.ChoiceField(
        label=_("Or compare it with something"),
        choices=[("", _("I measured it, or I can't tell")), *CheckIn.Size.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    pain = forms.IntegerField(
        label=_("Pain today, from 0 (none) to 10 (the worst you can imagine)"),
        min_value=0,
        max_value=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    red = forms.BooleanField(label=_("It is red"), required=False)
    hot = forms.BooleanField(label=_("It feels hot"), required=False)
    leaking = forms.BooleanField(label=_("It is leaking pus or fluid"), required=False)
    colour_changed = forms.BooleanField(label=_("It has changed colour"), required=False)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    #: When the check-in was made, from the page's script: a check-in kept on the phone while
    #: it was offline reaches the server later, and must keep its own time. Without it (no
    #: JavaScript), the time it arrives. Not shown: the template lists the fields it shows.
    recorded_at = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def clean_recorded_at(self) -> dt.datetime | None:
        """An ISO 8601 time with its offset, at most OLDEST_KEPT_OFFLINE ago; anything else, or
        a time ahead of the server's (a phone's clock set wrong), counts as now (None): never
        an error, which would lose a check-in kept on the phone."""
        try:
            value = parse_datetime(self.cleaned_data["recorded_at"])
            if value is None or timezone.is_naive(value):
                return None
            now = timezone.now()
            if not now - OLDEST_KEPT_OFFLINE <= value <= now + CLOCK_SKEW:
                return None
        except (ValueError, OverflowError):
            return None
        return value

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("red", "hot", "leaking", "colour_changed")]
