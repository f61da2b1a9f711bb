"""Sending a due reminder: claim it, push it, record the outcome. Safe to run any number of times.

The guarantee (see README "Reminders"):
- Never lost. A reminder is only left alone once it is sent, cancelled, or failed after
  LUMPGUIDE_REMINDER_MAX_ATTEMPTS tries. Claiming it (scheduled -> sending, with a lease)
  commits in the same transaction as a "lease check" task due when the lease ends, so a
  worker killed after the claim is followed by another attempt; the sweep covers task rows
  that were lost or left running by a killed worker before it claimed anything.
- Never twice by concurrent workers: the claim is a compare-and-set on (version, state,
  attempt_id) under select_for_update(skip_locked=True), so one attempt owns the reminder,
  and only the owner may mark it sent.
- The one gap no sender can close: if a worker dies after the push service accepted the
  message but before "sent" was committed, the next attempt pushes it again. That copy
  carries the same Topic (the push service replaces an undelivered one) and the same
  notification tag (the phone replaces a shown one), so the person sees one notification.

This module knows nothing of the task queue: it is given `schedule`, which queues a send of a
reminder's version for a time (apps/reminders/tasks.py passes its enqueue_send). So delivery
never imports tasks, and tasks.py alone knows django.tasks.
"""

import datetime as dt
import logging
import os
import random
import socket
import uuid
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.reminders import push
from apps.reminders.models import PushAttempt, PushSubscription, Reminder, endpoint_sha256

logger = logging.getLogger(__name__)
WORKER = f"{socket.gethostname()}:{os.getpid()}"[:64]


class Schedule(Protocol):
    """Queue a send of this version of the reminder at `at`, in the caller's transaction."""

    def __call__(self, *, reminder_id: int, version: int, at: dt.datetime) -> None: ...


@dataclass(frozen=True)
class Claim:
    reminder_id: int
    version: int
    attempt_id: uuid.UUID
    topic: str


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.LUMPGUIDE_REMINDER_LEASE_SECONDS)


def claim(*, reminder_id: int, version: int, schedule: Schedule) -> Claim | None:
    """Take the reminder for one attempt, or None when it is not this task's to send."""
    now = timezone.now()
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(pk=reminder_id, version=version)
            .first()
        )
        if reminder is None:  # deleted, changed since, or another worker holds the row
            return None
        if reminder.state == Reminder.State.SENDING:
            if reminder.lease_until and reminder.lease_until > now:
                return None  # another attempt is in progress; its lease check follows it
            if reminder.attempts >= settings.LUMPGUIDE_REMINDER_MAX_ATTEMPTS:
                # Every attempt died before it could record an outcome: stop, and say so.
                reminder.state = Reminder.State.FAILED
                reminder.lease_until = None
                reminder.last_error = "Gave up: no attempt could finish"
                reminder.save(update_fields=["state", "lease_until", "last_error", "updated_at"])
                return None
        elif reminder.state != Reminder.State.SCHEDULED:
            return None  # sent, cancelled or failed
        if reminder.due_at > now or (reminder.next_attempt_at and reminder.next_attempt_at > now):
            return None  # too early: the task for the right time is queued
        attempt_id = uuid.uuid4()
        lease_until = now + lease()
        won = Reminder.objects.filter(
            pk=reminder.pk,
            version=version,
            state=reminder.state,
            attempt_id=reminder.attempt_id,
        ).update(
            state=Reminder.State.SENDING,
            attempt_id=attempt_id,
            lease_until=lease_until,
            attempts=F("attempts") + 1,
            claimed_by=WORKER,
            updated_at=now,
        )
        if not won:
            return None
        # If this worker dies from here on, this task picks the reminder up again.
        schedule(reminder_id=reminder.pk, version=version, at=lease_until)
    return Claim(reminder.pk, version, attempt_id, reminder.topic)


def payload(*, reminder: Reminder, claim: Claim, origin: str) -> dict:
    """Declarative Web Push shape (Safari 18.4+), which LumpGuide's service worker also reads."""
    url = origin.rstrip("/") + reverse("diary:check_in") + f"?reminder={reminder.pk}"
    with translation.override(reminder.language):
        return _payload(reminder=reminder, claim=claim, url=url)


def _payload(*, reminder: Reminder, claim: Claim, url: str) -> dict:
    return {
        "web_push": 8030,
        "notification": {
            "title": _("Time to check your lump"),
            "body": _("How does it look today? Add a check-in to your diary."),
            "navigate": url,
            "tag": claim.topic,
            "silent": False,
        },
        "reminder": reminder.pk,
        "attempt": str(claim.attempt_id),
    }


def push_all(claim: Claim) -> list[push.PushResult]:
    """Push to every subscription of the device that has not yet accepted this version."""
    reminder = Reminder.objects.select_related("device").get(pk=claim.reminder_id)
    done = set(
        PushAttempt.objects.filter(
            reminder=reminder, version=claim.version, outcome=push.Outcome.ACCEPTED
        ).values_list("endpoint_sha256", flat=True)
    )
    results = []
    for subscription in PushSubscription.objects.filter(device=reminder.device_id):
        sent_to = endpoint_sha256(subscription.endpoint)
        if sent_to in done:
            continue
        record = PushAttempt.objects.create(
            reminder=reminder,
            attempt_id=claim.attempt_id,
            version=claim.version,
            endpoint_sha256=sent_to,
            outcome="started",
        )
        result = push.send(
            subscription_info=subscription.as_subscription_info(),
            payload=payload(reminder=reminder, claim=claim, origin=subscription.origin),
            topic=claim.topic,
        )
        # An update, not a save: the row is gone if the phone chose "Delete all" meanwhile.
        PushAttempt.objects.filter(pk=record.pk).update(
            outcome=result.outcome, status_code=result.status_code
        )
        if result.outcome in (push.Outcome.GONE, push.Outcome.REFUSED):
            subscription.delete()
        results.append(result)
    return results


def retry_delay(*, attempts: int, retry_after: float | None) -> dt.timedelta:
    base = settings.LUMPGUIDE_REMINDER_RETRY_SECONDS * 2 ** max(0, attempts - 1)
    seconds = min(max(base, retry_after or 0), 3600) * random.uniform(1.0, 1.25)  # noqa: S311
    return dt.timedelta(seconds=seconds)


def finish(claim: Claim, results: list[push.PushResult], *, schedule: Schedule) -> str:
    """Record the attempt's outcome, if this attempt still owns the reminder; a retry is
    queued with `schedule`."""
    now = timezone.now()
    with transaction.atomic():
        reminder = Reminder.objects.select_for_update().filter(pk=claim.reminder_id).first()
        if (
            reminder is None
            or reminder.state != Reminder.State.SENDING
            or reminder.version != claim.version
            or reminder.attempt_id != claim.attempt_id
        ):
            return "superseded"
        outcomes = {result.outcome for result in results}
        accepted_before = PushAttempt.objects.filter(
            reminder=reminder, version=claim.version, outcome=push.Outcome.ACCEPTED
        ).exists()
        reminder.lease_until = None
        if push.Outcome.RETRY in outcomes:
            if reminder.attempts >= settings.LUMPGUIDE_REMINDER_MAX_ATTEMPTS:
                reminder.state = Reminder.State.SENT if accepted_before else Reminder.State.FAILED
                reminder.last_error = ("Gave up after retries: " + _details(results))[:200]
            else:
                retry_after = max((r.retry_after or 0 for r in results), default=0)
                delay = retry_delay(attempts=reminder.attempts, retry_after=retry_after)
                reminder.state = Reminder.State.SCHEDULED
                reminder.attempt_id = None
                reminder.next_attempt_at = now + delay
                reminder.last_error = _details(results)
                schedule(
                    reminder_id=reminder.pk, version=reminder.version, at=reminder.next_attempt_at
                )
        elif accepted_before:
            reminder.state = Reminder.State.SENT
            reminder.sent_at = now
            reminder.last_error = ""
        else:
            reminder.state = Reminder.State.FAILED
            reminder.last_error = (
                "No phone to notify" if not results else "The push service refused it"
            )
        reminder.save()
        return reminder.state


def _details(results: list[push.PushResult]) -> str:
    return "; ".join(f"{r.status_code or ''} {r.detail}".strip()[:60] for r in results)[:200]


def deliver(*, reminder_id: int, version: int, schedule: Schedule) -> str:
    """One task run: claim, push, finish. Returns what happened, for the task result. Whatever
    goes wrong in the push ends in a recorded outcome (a retry, then "failed"), never in a
    reminder left "sending"; a reminder deleted meanwhile ("Delete all") ends it quietly."""
    claimed = claim(reminder_id=reminder_id, version=version, schedule=schedule)
    if claimed is None:
        return "skipped"
    try:
        results = push_all(claimed)
    except Exception as exc:
        if not Reminder.objects.filter(pk=reminder_id).exists():
            return "superseded"
        logger.exception("Reminder %s v%s: the send broke", reminder_id, version)
        results = [push.PushResult(push.Outcome.RETRY, detail=f"{type(exc).__name__}: {exc}")]
    state = finish(claimed, results, schedule=schedule)
    logger.info("Reminder %s v%s: %s", reminder_id, version, state)
    return state
