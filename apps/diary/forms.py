"""The check-in form (a plain HTML form; it works offline through the service worker)."""

import datetime as dt
import re
import uuid
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from apps.diary.models import CheckIn
from lumpguide import numbers

CLOCK_SKEW = dt.timedelta(minutes=5)
#: A check-in kept on the phone longer than this (or a phone's clock far behind) counts as now.
OLDEST_KEPT_OFFLINE = dt.timedelta(days=30)


#: A size as people write it: "2", "2.5" or "2,5" (Spain and most of Europe), never "2,500".
_CENTIMETRES = re.compile(r"[0-9]{1,3}(?:[.,][0-9])?")
#: A new size this many times the last one (or a third of it) is asked about before it is kept.
SIZE_JUMP = 3


class CentimetresField(forms.DecimalField):
    """Centimetres with a comma or a point before the tenths, whatever the page's language.
    A text input (inputmode decimal): a number input would throw away or misread "2,5"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6})
    default_error_messages = {
        "invalid": _("Write the size as a number of centimetres, like 2.5 or 2,5."),
    }

    def to_python(self, value):
        value = str(value or "").strip()[:20]
        if value and not _CENTIMETRES.fullmatch(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value.replace(",", "."))


class CheckInForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    size_cm = CentimetresField(
        label=_("Size in centimetres"),
        help_text=_("Measure across the widest part, if you can."),
        required=False,
        min_value=Decimal("0.1"),
        max_value=50,
        decimal_places=1,
    )
    #: "Yes, that is right", after a size far from the last one was asked about.
    size_confirmed = forms.BooleanField(required=False)
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

    def __init__(self, *args, last_cm: float | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.last_cm = last_cm
        self.asks_size = False

    def clean(self) -> dict:
        """A size more than SIZE_JUMP times the last one, or under a third of it, is asked
        about once ("2,5" typed as 25 is a tenfold jump). Never for a check-in kept on the phone
        offline (it has recorded_at): its page is gone, and nothing it says may be lost."""
        data = super().clean()
        size, last = data.get("size_cm"), self.last_cm
        if (
            size
            and last
            and not data.get("size_confirmed")
            and not self.data.get("recorded_at")  # as sent: a kept one's time may be refused
            and not last / SIZE_JUMP <= float(size) <= last * SIZE_JUMP
        ):
            self.asks_size = True
            self.add_error(
                "size_cm",
                forms.ValidationError(
                    _(
                        "Is that right? Last time it was %(last)s cm, and now %(now)s cm. Check "
                        "the size, or tick “Yes, that is right”."
                    ),
                    code="size_jump",
                    params={"last": numbers.decimal(last), "now": numbers.decimal(size)},
                ),
            )
        return data

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
