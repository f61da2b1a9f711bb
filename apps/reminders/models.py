"""A phone's reminders, its push subscriptions and every push attempt.

The phone itself is apps.phones' Device; the check-ins are apps.diary's."""

import hashlib
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.phones.models import Device


class PushSubscription(models.Model):
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="subscriptions")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    # The site's origin when the phone subscribed: notifications link back to it.
    origin = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Push subscription {self.pk} of device {self.device_id}"

    def as_subscription_info(self) -> dict:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class Reminder(models.Model):
    class Channel(models.TextChoices):
        PUSH = "push", _("A notification on this phone")
        CALENDAR = "calendar", _("A calendar event")
        BOTH = "both", _("Both")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Could not be sent")

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="reminders")
    # The calendar event's UID: stable and unguessable, unlike the database id.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The person's wall-clock time and zone are the truth; due_at (UTC) is derived from them.
    local_date = models.DateField()
    local_time = models.TimeField()
    timezone = models.CharField(max_length=64)
    due_at = models.DateTimeField(db_index=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.BOTH)
    follow_up_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # The answers of the triage this reminder came from: the diary offers them again.
    triage_answers = models.JSONField(default=dict, blank=True)
    #: The language the person used when setting it: the notification is sent in it.
    language = models.CharField(max_length=10, default="en")
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    # Bumped on every change: a task carrying an older version does nothing.
    version = models.PositiveIntegerField(default=1)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The claim: which attempt owns the "sending" state, and until when.
    attempt_id = models.UUIDField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self) -> str:
        return f"Reminder {self.pk} at {self.due_at:%Y-%m-%d %H:%M} UTC ({self.state})"

    @property
    def uses_push(self) -> bool:
        return self.channel in {self.Channel.PUSH, self.Channel.BOTH}

    @property
    def uses_calendar(self) -> bool:
        return self.channel in {self.Channel.CALENDAR, self.Channel.BOTH}

    @property
    def topic(self) -> str:
        """The Web Push Topic: a re-sent copy replaces an undelivered one at the push service."""
        return f"lumpguide-reminder-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state in {self.State.SCHEDULED, self.State.SENDING}


class PushAttempt(models.Model):
    """One push of one reminder to one subscription: the audit trail of every attempt."""

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="push_attempts")
    attempt_id = models.UUIDField()
    version = models.PositiveIntegerField()
    # Which subscription it went to, as the SHA-256 of its endpoint: enough not to push one
    # version twice to it, and no copy of the address once the subscription is deleted.
    endpoint_sha256 = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Attempt {self.attempt_id} of reminder {self.reminder_id}: {self.outcome}"


def endpoint_sha256(endpoint: str) -> str:
    """What a PushAttempt keeps of the endpoint it went to."""
    return hashlib.sha256(endpoint.encode()).hexdigest()
