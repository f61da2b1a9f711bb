"""Everything LumpGuide keeps for one phone, as "Your data" shows it and as a JSON download.

What there is comes from each app's registration (apps/phones/kept.py). The download
streams: it is written a few rows at a time, however many check-ins there are.
"""

import json
from collections.abc import Iterator

from apps.phones import kept
from apps.phones.models import Device

CHUNK = 200


def iso(value) -> str | None:
    return value.isoformat() if value else None


def export_json(*, device: Device | None, triage_session: dict) -> Iterator[str]:
    """The JSON download, piece by piece: the device, the triage answers in the session, then
    each kind of row an app keeps (reminders, notification addresses, check-ins)."""

    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    yield '{"device": '
    yield dumps({"created_at": iso(device.created_at)} if device else None)
    yield ',\n"triage_session": ' + dumps(triage_session)
    for item in kept.everything():
        yield f',\n"{item.name}": ['
        for i, row in enumerate(item.rows(device).iterator(chunk_size=CHUNK)):
            yield (",\n " if i else "\n ") + dumps(item.as_dict(row))
        yield "]"
    yield "}\n"


def counts(*, device: Device | None) -> dict[str, int]:
    return {item.name: item.rows(device).count() for item in kept.everything()}
