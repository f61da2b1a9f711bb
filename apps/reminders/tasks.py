"""Background tasks (Django's task framework; django-tasks-db runs them with `db_worker`)."""

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.db.models import Q
from django.tasks import task, task_backends
from django.utils import timezone

SEND_PRIORITY = 10


@task(priority=SEND_PRIORITY)
def send_reminder(*, reminder_id: int, version: int) -> str:
    from apps.reminders import delivery

    return delivery.deliver(reminder_id=reminder_id, version=version)


@task()
def sweep_reminders() -> int:
    """Every few minutes: queue due reminders that have no task waiting, then come back.
    Also deletes expired sessions (triage answers older than the session's 14 days), as
    `manage.py clearsessions` would, so that the start page's promise holds."""
    ensure_sweep()
    clear_expired_sessions()
    return sweep()


def clear_expired_sessions() -> None:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


def enqueue_send(*, reminder_id: int, version: int, at: dt.datetime) -> None:
    """Queue a send for this version at `at` (in the caller's transaction, on the DB backend)."""
    send_reminder.using(run_after=at).enqueue(reminder_id=reminder_id, version=version)


def _ready_tasks(task_obj):
    """READY rows of a task in django-tasks-db; None with another backend."""
    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover
        return None
    if not isinstance(task_backends[task_obj.backend], DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(status="READY", task_path=task_obj.module_path)


def ensure_sweep() -> None:
    """Keep exactly one sweep waiting in the queue."""
    ready = _ready_tasks(sweep_reminders)
    if ready is None or ready.exists():
        return
    interval = dt.timedelta(seconds=settings.LUMPGUIDE_REMINDER_SWEEP_SECONDS)
    sweep_reminders.using(run_after=timezone.now() + interval).enqueue()


def sweep() -> int:
    """Queue a send for every due push reminder that has no task waiting. Returns how many.

    A second task for the same reminder is harmless (the claim lets one through), so this
    errs on the side of queueing: it covers a task row lost, or left "running" by a worker
    that was killed before it claimed the reminder.
    """
    from apps.reminders.models import Reminder

    now = timezone.now()
    ready = _ready_tasks(send_reminder)
    waiting = set()
    if ready is not None:
        for args_kwargs in ready.values_list("args_kwargs", flat=True):
            kwargs = args_kwargs.get("kwargs", {})
            waiting.add((kwargs.get("reminder_id"), kwargs.get("version")))
    due = Reminder.objects.filter(
        channel__in=[Reminder.Channel.PUSH, Reminder.Channel.BOTH]
    ).filter(
        Q(
            state=Reminder.State.SCHEDULED,
            due_at__lte=now,
        )
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        | Q(state=Reminder.State.SENDING, lease_until__lte=now)
    )
    queued = 0
    for reminder_id, version in due.values_list("pk", "version"):
        if (reminder_id, version) not in waiting:
            enqueue_send(reminder_id=reminder_id, version=version, at=now)
            queued += 1
    return queued
