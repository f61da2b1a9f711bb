"""Everything LumpGuide keeps for one phone, as "Your data" shows it and as a JSON download.

The download streams: it is written a few rows at a time, however many check-ins there are.
Push attempts say only whether the reminder reached the push service, never the status a
remote server answered.
"""

import json
from collections.abc import Iterator

from apps.reminders import push
from apps.reminders.models import CheckIn, Device, PushSubscription, Reminder

CHUNK = 200


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def reminder_row(r: Reminder) -> dict:
    return {
        "id": r.pk,
        "local_date": _iso(r.local_date),
        "local_time": r.local_time.strftime("%H:%M"),
        "timezone": r.timezone,
        "due_at_utc": _iso(r.due_at),
        "channel": r.channel,
        "follow_up_days": r.follow_up_days,
        "triage_answers": r.triage_answers,
        "state": r.state,
        "sent_at": _iso(r.sent_at),
        "created_at": _iso(r.created_at),
        "push_attempts": [
            {
                "at": _iso(a.created_at),
                "result": "sent" if a.outcome == push.Outcome.ACCEPTED else "could not be sent",
            }
            for a in r.push_attempts.all()
        ],
    }


def check_in_row(c: CheckIn) -> dict:
    return {
        "key": str(c.key),
        "recorded_at": _iso(c.recorded_at),
        "size_cm": str(c.size_cm) if c.size_cm is not None else None,
        "size_word": c.size_word,
        "pain": c.pain,
        "red": c.red,
        "hot": c.hot,
        "leaking": c.leaking,
        "colour_changed": c.colour_changed,
        "note": c.note,
    }


def subscription_row(s: PushSubscription) -> dict:
    return {"endpoint": s.endpoint, "created_at": _iso(s.created_at)}


def export_json(*, device: Device | None, triage_session: dict) -> Iterator[str]:
    """The JSON download, piece by piece: device, triage answers in the session, reminders,
    notification addresses and check-ins."""

    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    yield '{"device": '
    yield dumps({"created_at": _iso(device.created_at)} if device else None)
    yield ',\n"triage_session": ' + dumps(triage_session)
    lists = {
        "reminders": (
            Reminder.objects.filter(device=device).order_by("pk").prefetch_related("push_attempts"),
            reminder_row,
        ),
        "push_subscriptions": (
            PushSubscription.objects.filter(device=device).order_by("pk"),
            subscription_row,
        ),
        "check_ins": (
            CheckIn.objects.filter(device=device).order_by("recorded_at", "pk"),
            check_in_row,
        ),
    }
    for name, (rows, as_dict) in lists.items():
        yield f',\n"{name}": ['
        if device is not None:
            for i, row in enumerate(rows.iterator(chunk_size=CHUNK)):
                yield (",\n " if i else "\n ") + dumps(as_dict(row))
        yield "]"
    yield "}\n"


def counts(*, device: Device | None) -> dict[str, int]:
    if device is None:
        return {"reminders": 0, "check_ins": 0, "push_subscriptions": 0}
    return {
        "reminders": Reminder.objects.filter(device=device).count(),
        "check_ins": CheckIn.objects.filter(device=device).count(),
        "push_subscriptions": PushSubscription.objects.filter(device=device).count(),
    }
