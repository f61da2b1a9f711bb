"""Phones: find one by its cookie key, make one, delete one with everything kept for it."""

import hashlib
import secrets

from django.db import transaction

from apps.phones.models import Device


class LimitReached(Exception):
    """A phone's fair limit is reached (open reminders, check-ins a day): `message` for the
    person, `retry_after` seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = max(60, int(retry_after))


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
        # The phone's row lock first, as every capped write takes it (reminders): then its
        # reminders and their queued sends, in the same order, so the two cannot deadlock.
        list(Device.objects.select_for_update().filter(pk=device.pk).values_list("pk", flat=True))
        device.delete()
