"""The check-in form (a plain HTML form; it works offline through the service worker)."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.diary.models import CheckIn


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

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("red", "hot", "leaking", "colour_changed")]
