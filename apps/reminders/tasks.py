"""Background tasks (Django's task framework; django-tasks-db runs them with `db_worker`).

The one module that knows the task queue: it alone imports django.tasks and django-tasks-db.
The tasks call down into delivery, handing it `enqueue_send` as its scheduler, and the
services call enqueue_send and ensure_sweep; nothing here is imported back by delivery, so
there is no import loop. The task paths (`apps.reminders.tasks.send_reminder`,
`apps.reminders.tasks.sweep_reminders`) are stored in queued rows: keep them.
"""

import datetime as dt
import logging
from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError
from django.db.models import Q, QuerySet
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.tasks import Task, TaskResultStatus, task, task_backends
from django.tasks.signals import task_finished
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from apps.phones.models import Device
from apps.reminders import delivery
from apps.reminders.models import Reminder

logger = logging.getLogger(__name__)
SEND_PRIORITY = 10
#: Reminder ids per query when a phone's queued sends are deleted.
FORGET_CHUNK = 500


@task(priority=SEND_PRIORITY)
def send_reminder(*, reminder_id: int, version: int) -> str:
    return delivery.deliver(reminder_id=reminder_id, version=version, schedule=enqueue_send)


@task()
def sweep_reminders() -> int:
    """Every few minutes: queue due reminders that have no task waiting, then come back.
    Also deletes expired sessions (triage answers older than the session's 14 days), as
    `manage.py clearsessions` would, so that the start page's promise holds."""
    ensure_sweep()
    clear_expired_sessions()
    prune_finished_tasks()
    forget_abandoned_sends()
    return sweep()


def clear_expired_sessions() -> None:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


def prune_finished_tasks() -> None:
    """Delete the queue's finished rows (sends and sweeps) older than
    LUMPGUIDE_TASK_RESULTS_DAYS, with django-tasks-db's own command: without it they pile up,
    a row every sweep and every send."""
    backend = task_backends[sweep_reminders.backend]
    if isinstance(backend, DatabaseBackend):
        call_command(
            "prune_db_task_results",
            backend=backend,  # call_command passes it as is: the backend, not its name
            queue_name="*",
            min_age_days=settings.LUMPGUIDE_TASK_RESULTS_DAYS,
            verbosity=0,
        )


def _stale_since() -> dt.datetime:
    """A send started before this is not running any more: its worker was killed (a send
    ends within its lease, LUMPGUIDE_PUSH_TIMEOUT_SECONDS a push)."""
    return timezone.now() - 2 * dt.timedelta(seconds=settings.LUMPGUIDE_REMINDER_LEASE_SECONDS)


def _running_now() -> Q:
    """A row a live worker still owns: deleting it would crash that worker when it saves the
    outcome (django-tasks-db saves with update_fields)."""
    return Q(status=TaskResultStatus.RUNNING, started_at__gte=_stale_since())


def forget_sends(reminder_ids: list[int], *, waiting_only: bool = False) -> int:
    """Delete the queue's rows for these reminders' sends, waiting, finished or left running
    by a killed worker: they name the reminder and when it was due. A send running now is
    left to finish (its reminder is gone, so it sends nothing); its row is deleted as it ends
    (_forget_a_finished_send_of_a_deleted_reminder). Returns how many went."""
    if not isinstance(task_backends[send_reminder.backend], DatabaseBackend):
        return 0
    deleted = 0
    for start in range(0, len(reminder_ids), FORGET_CHUNK):
        rows = DBTaskResult.objects.filter(
            task_path=send_reminder.module_path,
            args_kwargs__kwargs__reminder_id__in=reminder_ids[start : start + FORGET_CHUNK],
        )
        if waiting_only:
            rows = rows.filter(status=TaskResultStatus.READY)
        else:
            rows = rows.exclude(_running_now())
        deleted += rows.delete()[0]
    return deleted


def forget_abandoned_sends() -> int:
    """Delete send rows left RUNNING by a killed worker. Its reminder is not lost: the lease
    check queued with the claim, or the sweep, sends it again."""
    if not isinstance(task_backends[send_reminder.backend], DatabaseBackend):
        return 0
    return DBTaskResult.objects.filter(
        task_path=send_reminder.module_path,
        status=TaskResultStatus.RUNNING,
        started_at__lt=_stale_since(),
    ).delete()[0]


@receiver(task_finished)
def _forget_a_finished_send_of_a_deleted_reminder(sender, task_result, **kwargs) -> None:
    """A send that was running when its phone chose "Delete all": its row goes as it ends."""
    try:
        if task_result.task.module_path != send_reminder.module_path:
            return
        reminder_id = task_result.kwargs.get("reminder_id")
        if not Reminder.objects.filter(pk=reminder_id).exists():
            DBTaskResult.objects.filter(pk=task_result.id).delete()
    except DatabaseError:  # never the worker's problem: the prune takes the row later
        logger.exception("Could not delete the finished send %s", task_result.id)


def forget_waiting_sends(reminder_id: int) -> int:
    """A reminder changed or cancelled: the sends queued for its older version would do
    nothing when they ran (delivery checks the version), so they go now rather than wait in
    the queue, up to two years, for each edit."""
    return forget_sends([reminder_id], waiting_only=True)


@receiver(pre_delete, sender=Device)
def _forget_the_phones_sends(sender, instance: Device, **kwargs) -> None:
    """ "Delete all" deletes the phone, and its reminders with it: their sends go too."""
    forget_sends(list(instance.reminders.values_list("pk", flat=True)))


def enqueue_send(*, reminder_id: int, version: int, at: dt.datetime) -> None:
    """Queue a send for this version at `at` (in the caller's transaction, on the DB backend).
    Delivery's scheduler (delivery.Schedule)."""
    send_reminder.using(run_after=at).enqueue(reminder_id=reminder_id, version=version)


_warned_backends: set[str] = set()


def _ready_tasks(task_obj: Task) -> QuerySet | None:
    """READY rows of a task in django-tasks-db; None, with a warning (once per process), when
    the backend is another, whose queue this cannot read."""
    backend = task_backends[task_obj.backend]
    if isinstance(backend, DatabaseBackend):
        return DBTaskResult.objects.filter(status="READY", task_path=task_obj.module_path)
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if name not in _warned_backends:
        _warned_backends.add(name)
        logger.warning(
            "The task backend %s is not django-tasks-db's DatabaseBackend, so the reminder "
            "sweep cannot see which sends are waiting: it queues every due reminder each time "
            "(the claim keeps that harmless), and it cannot keep a periodic sweep queued. Run "
            "`manage.py sweep_reminders` on a timer, or set TASKS_BACKEND to "
            "django_tasks_db.DatabaseBackend.",
            name,
        )
    return None


def ensure_sweep() -> None:
    """Keep exactly one sweep waiting in the queue (django-tasks-db only: see _ready_tasks)."""
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
