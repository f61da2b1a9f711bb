"""A phone: the only identity LumpGuide has (there are no accounts)."""

from django.db import models


class Device(models.Model):
    """A phone, known only by the SHA-256 of a random key kept in an HTTP-only cookie."""

    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Created by apps.reminders before the phone had an app of its own; the table kept
        # its name (migrations phones 0001 and reminders 0005 moved the model, not the rows).
        db_table = "reminders_device"

    def __str__(self) -> str:
        return f"Device {self.pk}"
