"""Phones: find one by its cookie key, make one, delete one with everything kept for it."""

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from apps.phones.models import Device

MAX_RETRY_AFTER = 24 * 60 * 60


class LimitReached(Exception):
    """A phone's fair limit is reached (open reminders, check-ins a day): `message` for the
    person, `retry_after` seconds: a minute to a day (a place among the open reminders frees
    when the next is due, months away, or at once when the person cancels one)."""

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = min(MAX_RETRY_AFTER, max(60, int(retry_after)))


def check_per_day(made: QuerySet, *, most: int, message: str) -> None:
    """At most `most` of `made` (a phone's rows, by their created_at) in any 24 hours; else
    LimitReached with `message` (its %(count)s filled in), to try again when the oldest of
    them is a day old."""
    since = timezone.now() - dt.timedelta(days=1)
    recent = list(
        made.filter(created_at__gt=since)
        .order_by("created_at")
        .values_list("created_at", flat=True)[:most]
    )
    if len(recent) >= most:
        raise LimitReached(
            message % {"count": len(recent)},
            retry_after=(recent[0] + dt.timedelta(days=1) - timezone.now()).total_seconds(),
        )


def lock_phone(device: Device) -> None:
    """Take the phone's row lock for this transaction. Every write that checks a cap takes it
    first, and so does "Delete all": one phone's writes run one after another, so two cannot
    both see the last free place, and they lock rows in the same order (no deadlock).
    (PostgreSQL; SQLite's IMMEDIATE transactions already run one at a time.)"""
    list(Device.objects.select_for_update().filter(pk=device.pk).values_list("pk", flat=True))


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def find_device(*, key: str | None) -> Device | None:
    if not key:
        return None
    return Device.objects.filter(key_hash=hash_key(key)).first()


def create_device() -> tuple[Device, str]:
    """A new device and its secret key (only the key's hash is stored)."""
    key = secrets.token_urlsafe(32)
    return Device.objects.create(key_hash=hash_key(key)), key


@transaction.atomic
def delete_phone(*, device: Device | None) -> None:
    """The device and every row kept for it: each one's foreign key to Device cascades
    (tests/phones checks that every such model is also in "Your data")."""
    if device is not None:
        lock_phone(device)  # then its reminders and their queued sends, as a change does
        device.delete()
