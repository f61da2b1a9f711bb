"""Diary fixtures: the phones and clock of tests/reminders (the diary reads reminders too),
and check-ins made through the service."""

import uuid
from decimal import Decimal

from apps.diary import services
from apps.diary.models import CheckIn
from tests.reminders.conftest import (  # noqa: F401 (fixtures)
    device,
    device_client,
    known_datetime,
    vapid_key,
)


def make_check_in(phone, **fields) -> CheckIn:
    values = {
        "key": uuid.uuid4(),
        "size_cm": Decimal("2.0"),
        "size_word": "",
        "pain": 3,
        "red": False,
        "hot": False,
        "leaking": False,
        "colour_changed": False,
        "note": "",
    }
    values.update(fields)
    return services.record_check_in(device=phone, **values)[0]
