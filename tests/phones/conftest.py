"""The phones of tests/reminders (a device, a client with its cookie) and its clock."""

from tests.reminders.conftest import (  # noqa: F401 (fixtures)
    device,
    device_client,
    known_datetime,
    vapid_key,
)
