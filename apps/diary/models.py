"""The lump diary: a phone's check-ins."""

import uuid

from django.db import models

from apps.phones.models import Device
from lumpguide import sizes


class CheckIn(models.Model):
    #: The everyday comparisons of content/sizes.yaml (CheckIn.Size.PEA == "pea", ...). A
    #: check-in stores the id, so a label can change without touching saved check-ins.
    Size = models.TextChoices(
        "Size",
        [(word.upper(), (word, label)) for word, label in sizes.checkin_choices()],
        module=__name__,
        qualname="CheckIn.Size",
    )

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="check_ins")
    # Made on the phone; a check-in sent twice (offline queue, double tap) is stored once.
    key = models.UUIDField(default=uuid.uuid4)
    recorded_at = models.DateTimeField()
    size_cm = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    size_word = models.CharField(max_length=sizes.ID_MAX_LENGTH, choices=Size.choices, blank=True)
    pain = models.PositiveSmallIntegerField()
    red = models.BooleanField(default=False)
    hot = models.BooleanField(default=False)
    leaking = models.BooleanField(default=False)
    colour_changed = models.BooleanField(default=False)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Created by apps.reminders before the diary had an app of its own: the table and
        # its constraints kept their names (migrations reminders 0005 and diary 0001 moved
        # the model, not the rows).
        db_table = "reminders_checkin"
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["device", "key"], name="reminders_checkin_unique_key"),
            models.CheckConstraint(condition=models.Q(pain__lte=10), name="reminders_pain_0_10"),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.pk} on {self.recorded_at:%Y-%m-%d}"
