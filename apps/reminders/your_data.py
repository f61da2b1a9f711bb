"""What the reminders keep for a phone, as "Your data" shows and downloads it
(apps/phones/your_data.py). Push attempts say only whether the reminder reached the push
service, never the status a remote server answered."""

from django.utils.translation import gettext_lazy as _

from apps.phones.kept import Kept
from apps.phones.your_data import iso
from apps.reminders import push, services
from apps.reminders.models import PushSubscription, Reminder


def reminder_row(r: Reminder) -> dict:
    return {
        "id": r.pk,
        "local_date": iso(r.local_date),
        "local_time": r.local_time.strftime("%H:%M"),
        "timezone": r.timezone,
        "due_at_utc": iso(r.due_at),
        "channel": r.channel,
        "follow_up_days": r.follow_up_days,
        "triage_answers": r.triage_answers,
        "language": r.language,
        "state": r.state,
        "sent_at": iso(r.sent_at),
        "created_at": iso(r.created_at),
        "push_attempts": [
            {
                "at": iso(a.created_at),
                "result": "sent" if a.outcome == push.Outcome.ACCEPTED else "could not be sent",
            }
            for a in r.push_attempts.all()
        ],
    }


def subscription_row(s: PushSubscription) -> dict:
    return {"endpoint": s.endpoint, "created_at": iso(s.created_at)}


KEPT = [
    Kept(
        name="reminders",
        label=_("Reminders"),
        model=Reminder,
        as_dict=reminder_row,
        prefetch=("push_attempts",),
        page=lambda device, page: services.reminders_page(device=device, page=page),
        template="reminders/_your_data.html",
    ),
    Kept(
        name="push_subscriptions",
        label=_("Notification addresses (push subscriptions)"),
        model=PushSubscription,
        as_dict=subscription_row,
    ),
]
