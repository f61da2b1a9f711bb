"""Sending reminders through the loopback push service: once on 201, retried, removed, safe."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.reminders import delivery, push, services, tasks
from apps.reminders.models import PushAttempt, PushSubscription, Reminder
from tests.reminders.conftest import due_reminder, spoil_key

pytestmark = pytest.mark.usefixtures("vapid_key")


# Delivery is given its scheduler; the worker gives it the task queue's.
def deliver(**kwargs) -> str:
    return delivery.deliver(**kwargs, schedule=tasks.enqueue_send)


def claim(**kwargs) -> delivery.Claim | None:
    return delivery.claim(**kwargs, schedule=tasks.enqueue_send)


def finish(claimed: delivery.Claim, results) -> str:
    return delivery.finish(claimed, results, schedule=tasks.enqueue_send)


def run_due_tasks() -> list:
    """What `db_worker` does, in-process: run every ready task, in order."""
    results = []
    while (row := DBTaskResult.objects.ready().first()) is not None:
        row.claim("test-worker")
        value = row.task.call(*row.task_result.args, **row.task_result.kwargs)
        row.set_successful(value)
        results.append(value)
    return results


def send_tasks(reminder: Reminder):
    return [
        row
        for row in DBTaskResult.objects.filter(task_path=tasks.send_reminder.module_path)
        if row.args_kwargs["kwargs"]["reminder_id"] == reminder.pk
    ]


def test_sent_once_on_201_with_vapid_encryption_and_headers(device, subscribed, push_service):
    reminder = due_reminder(device)
    assert run_due_tasks().count("sent") == 1
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT and reminder.sent_at
    [received] = push_service.received
    assert received.vapid_ok
    assert received.vapid_key == push.application_server_key()
    assert received.headers["content-encoding"] == "aes128gcm"
    assert received.headers["ttl"] == "86400"
    assert received.headers["urgency"] == "normal"
    assert received.topic == f"lumpguide-reminder-{reminder.pk}"
    assert received.payload["web_push"] == 8030
    assert received.payload["reminder"] == reminder.pk
    assert received.payload["notification"]["navigate"].endswith(
        f"/diary/check-in/?reminder={reminder.pk}"
    )
    assert received.payload["notification"]["tag"] == received.topic
    # Running the task again (a duplicate row, the lease check, the sweep) sends nothing.
    assert deliver(reminder_id=reminder.pk, version=reminder.version) == "skipped"
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        run_due_tasks()
        tasks.sweep()
        run_due_tasks()
    assert len(push_service.received) == 1
    attempt = PushAttempt.objects.get()
    assert attempt.outcome == "accepted" and attempt.status_code == 201


def test_gone_subscription_is_removed(device, subscribed, push_service):
    push_service.script[f"/push/{subscribed.name}"] = [410]
    reminder = due_reminder(device)
    run_due_tasks()
    reminder.refresh_from_db()
    assert not PushSubscription.objects.exists()
    assert reminder.state == Reminder.State.FAILED
    assert len(push_service.received) == 1


@pytest.mark.parametrize("status", [429, 500, 503])
def test_retried_with_back_off_then_sent_once(device, subscribed, push_service, settings, status):
    settings.LUMPGUIDE_REMINDER_RETRY_SECONDS = 30
    push_service.script[f"/push/{subscribed.name}"] = [status]
    push_service.retry_after = "120"
    reminder = due_reminder(device)
    run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SCHEDULED
    wait = (reminder.next_attempt_at - timezone.now()).total_seconds()
    assert wait >= (120 if status == 429 else 30) - 1
    assert any(row.run_after == reminder.next_attempt_at for row in send_tasks(reminder))
    assert run_due_tasks() == []  # not before the back-off
    with time_machine.travel(reminder.next_attempt_at + dt.timedelta(seconds=1)):
        run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT
    assert [r.status for r in push_service.received] == [status, 201]
    assert push_service.per_reminder()[reminder.pk] == 1


def test_network_error_is_retried(device, subscribed, push_service):
    push_service.stop()  # nothing listens: connection refused
    reminder = due_reminder(device)
    run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SCHEDULED
    assert reminder.next_attempt_at > timezone.now()
    assert "ConnectionError" in reminder.last_error


def test_gives_up_after_max_attempts(device, subscribed, push_service, settings):
    settings.LUMPGUIDE_REMINDER_MAX_ATTEMPTS = 3
    push_service.script[f"/push/{subscribed.name}"] = [500] * 10
    reminder = due_reminder(device)
    start = timezone.now()
    for day in range(1, 6):
        with time_machine.travel(start + dt.timedelta(days=day)):
            run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.FAILED
    assert len(push_service.received) == 3


def test_changed_or_cancelled_reminder_is_not_sent_by_its_stale_task(
    device, subscribed, push_service
):
    moved = due_reminder(device)
    cancelled = due_reminder(device)
    services.change_reminder(
        device=device,
        reminder_id=moved.pk,
        local_date=moved.local_date + dt.timedelta(days=3),
        local_time=moved.local_time,
        tz_name=moved.timezone,
        channel="push",
    )
    services.cancel_reminder(device=device, reminder_id=cancelled.pk)
    assert deliver(reminder_id=moved.pk, version=1) == "skipped"
    run_due_tasks()
    assert push_service.received == []
    with time_machine.travel(timezone.now() + dt.timedelta(days=4)):
        run_due_tasks()
    assert push_service.per_reminder() == {moved.pk: 1}


def test_no_subscription_means_failed_not_stuck(device, push_service):
    reminder = due_reminder(device)
    run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.FAILED
    assert reminder.last_error == "No phone to notify"


def test_calendar_only_reminder_queues_no_task(device):
    reminder = due_reminder(device, channel="calendar")
    assert send_tasks(reminder) == []


def test_task_is_enqueued_in_the_same_transaction(device):
    with pytest.raises(RuntimeError), transaction.atomic():
        due_reminder(device)
        raise RuntimeError("rolled back")
    assert not Reminder.objects.exists()
    assert not DBTaskResult.objects.filter(task_path=tasks.send_reminder.module_path).exists()
    reminder = due_reminder(device)
    [row] = send_tasks(reminder)
    assert row.run_after == reminder.due_at
    assert row.args_kwargs["kwargs"] == {"reminder_id": reminder.pk, "version": 1}


def test_worker_killed_after_claim_is_recovered_after_the_lease(device, subscribed, push_service):
    reminder = due_reminder(device)
    claimed = claim(reminder_id=reminder.pk, version=1)  # ...and the worker dies here
    assert claimed is not None
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENDING
    # The lease check was queued with the claim; nothing happens until the lease ends.
    assert any(row.run_after == reminder.lease_until for row in send_tasks(reminder))
    DBTaskResult.objects.filter(run_after__lte=timezone.now()).update(status="RUNNING")
    assert run_due_tasks() == []
    with time_machine.travel(reminder.lease_until + dt.timedelta(seconds=1)):
        run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT
    assert push_service.per_reminder() == {reminder.pk: 1}


def test_worker_killed_after_the_push_was_recorded_does_not_send_again(
    device, subscribed, push_service
):
    reminder = due_reminder(device)
    claimed = claim(reminder_id=reminder.pk, version=1)
    delivery.push_all(claimed)  # accepted and recorded; the worker dies before finish()
    DBTaskResult.objects.filter(run_after__lte=timezone.now()).update(status="RUNNING")
    reminder.refresh_from_db()
    with time_machine.travel(reminder.lease_until + dt.timedelta(seconds=1)):
        run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT
    assert push_service.per_reminder() == {reminder.pk: 1}


def test_worker_killed_between_201_and_recording_it_sends_a_copy_that_collapses(
    device, subscribed, push_service
):
    """The documented gap: the copy has the same Topic and tag, so the phone shows one."""
    reminder = due_reminder(device)
    claimed = claim(reminder_id=reminder.pk, version=1)
    delivery.push_all(claimed)
    # As if the worker died after the push service's 201 but before writing it down.
    PushAttempt.objects.update(outcome="started", status_code=None)
    DBTaskResult.objects.filter(run_after__lte=timezone.now()).update(status="RUNNING")
    reminder.refresh_from_db()
    with time_machine.travel(reminder.lease_until + dt.timedelta(seconds=1)):
        run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT
    assert push_service.per_reminder() == {reminder.pk: 2}
    assert push_service.shown_on_device() == {reminder.pk: 1}
    first, second = push_service.accepted()
    assert first.topic == second.topic
    assert first.payload["attempt"] != second.payload["attempt"]
    assert PushAttempt.objects.filter(reminder=reminder).count() == 2


def test_a_finished_attempt_is_not_undone_by_a_late_one(device, subscribed, push_service):
    reminder = due_reminder(device)
    claimed = claim(reminder_id=reminder.pk, version=1)
    assert claim(reminder_id=reminder.pk, version=1) is None  # a second worker
    results = delivery.push_all(claimed)
    assert finish(claimed, results) == Reminder.State.SENT
    assert finish(claimed, results) == "superseded"


def test_sweep_requeues_due_reminders_that_lost_their_task(device, subscribed, push_service):
    reminder = due_reminder(device)
    DBTaskResult.objects.filter(task_path=tasks.send_reminder.module_path).delete()
    assert tasks.sweep() == 1
    assert tasks.sweep() == 0  # one is waiting now
    run_due_tasks()
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT


def test_sweep_keeps_one_periodic_sweep_queued(device):
    due_reminder(device)
    due_reminder(device)
    sweeps = DBTaskResult.objects.filter(task_path=tasks.sweep_reminders.module_path)
    assert sweeps.count() == 1
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        run_due_tasks()
    assert sweeps.filter(status="READY").count() == 1


def test_delivery_queues_through_the_scheduler_it_is_given(
    device, subscribed, push_service, settings
):
    """Delivery knows no task queue: the lease check and the retry go to its `schedule`."""
    settings.LUMPGUIDE_REMINDER_RETRY_SECONDS = 30
    push_service.script[f"/push/{subscribed.name}"] = [503]
    reminder = due_reminder(device)
    asked = []

    def schedule(*, reminder_id, version, at):
        asked.append((reminder_id, version, at))

    queued = DBTaskResult.objects.count()
    assert delivery.deliver(reminder_id=reminder.pk, version=1, schedule=schedule) == "scheduled"
    reminder.refresh_from_db()
    assert [(r, v) for r, v, _at in asked] == [(reminder.pk, 1), (reminder.pk, 1)]
    lease_check, retry = (at for _r, _v, at in asked)
    assert lease_check > timezone.now() and retry == reminder.next_attempt_at
    assert DBTaskResult.objects.count() == queued  # nothing went to the queue behind its back


def test_the_sweep_says_once_when_it_cannot_read_the_queue(device, settings, caplog, monkeypatch):
    monkeypatch.setattr(tasks, "_warned_backends", set())
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with caplog.at_level("WARNING", logger="apps.reminders.tasks"):
        due_reminder(device)  # queued, and the sweep "kept" (it cannot tell that it is)
        assert tasks.sweep() == 1  # it cannot see what waits, so it queues every due one
        assert tasks.sweep() == 1
        tasks.ensure_sweep()
    [warning] = [r for r in caplog.records if r.name == "apps.reminders.tasks"]
    assert "DummyBackend is not django-tasks-db's DatabaseBackend" in warning.getMessage()
    assert "sweep_reminders" in warning.getMessage()


def test_deleting_the_phone_deletes_its_queued_and_finished_sends(device, subscribed, push_service):
    """ "Delete all" leaves no queue row naming its reminders (or when they were due); a send
    running at that moment is left to finish, and another phone's sends are untouched."""
    from apps.phones.services import create_device, delete_phone

    other, _key = create_device()
    sent = due_reminder(device)
    run_due_tasks()  # a finished send row
    waiting = due_reminder(device)  # a queued one
    running = due_reminder(device)
    [running_row] = send_tasks(running)
    running_row.claim("a-worker")
    others = due_reminder(other)
    assert send_tasks(sent) and send_tasks(waiting)
    delete_phone(device=device)
    assert not send_tasks(sent) and not send_tasks(waiting)
    assert [row.status for row in send_tasks(running)] == ["RUNNING"]
    assert len(send_tasks(others)) == 1


def test_the_sweep_prunes_finished_rows_after_the_days_set(
    device, subscribed, push_service, settings
):
    settings.LUMPGUIDE_TASK_RESULTS_DAYS = 2
    reminder = due_reminder(device)
    run_due_tasks()

    def finished() -> list:
        return [row for row in send_tasks(reminder) if row.status == "SUCCESSFUL"]

    assert finished()
    waiting = DBTaskResult.objects.filter(status="READY").count()  # a lease check, a sweep
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        tasks.prune_finished_tasks()
    assert finished()  # one day old: kept
    with time_machine.travel(timezone.now() + dt.timedelta(days=3)):
        tasks.sweep_reminders.call()
    assert not finished()
    assert DBTaskResult.objects.filter(status="READY").count() >= waiting  # none lost


def test_once_notifications_are_off_no_copy_of_the_address_is_kept(
    device, subscribed, push_service
):
    """ "Notifications are off … no longer keeps this phone's notification address": the push
    attempts keep only a hash of it, which still stops a second push of one version."""
    from django.core import serializers

    endpoint = subscribed.info()["endpoint"]
    due_reminder(device)
    run_due_tasks()
    assert len(push_service.received) == 1
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        run_due_tasks()
    assert len(push_service.received) == 1  # nothing pushed twice
    services.delete_subscriptions(device=device)
    kept = serializers.serialize(
        "json",
        [*Reminder.objects.all(), *PushAttempt.objects.all(), *PushSubscription.objects.all()],
    )
    assert PushAttempt.objects.exists() and endpoint not in kept


def test_changing_or_cancelling_a_reminder_drops_its_stale_queued_sends(device, subscribed):
    """Each edit queues a send for the new version; the old one goes at once instead of
    waiting in the queue (up to two years) to do nothing."""
    day = timezone.now().date() + dt.timedelta(days=300)
    reminder = services.schedule_reminder(
        device=device, local_date=day, local_time=dt.time(9, 0), tz_name="UTC", channel="push"
    )
    for minute in range(5):
        services.change_reminder(
            device=device,
            reminder_id=reminder.pk,
            local_date=day,
            local_time=dt.time(9, minute),
            tz_name="UTC",
            channel="push",
        )
    [waiting] = [row for row in send_tasks(reminder) if row.status == "READY"]
    assert waiting.args_kwargs["kwargs"]["version"] == 6
    services.cancel_reminder(device=device, reminder_id=reminder.pk)
    assert send_tasks(reminder) == []


# Faults (issue 21) -----------------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["corrupt", "deleted", "a folder"])
def test_an_unusable_vapid_key_is_retried_then_failed_never_left_sending(
    device, subscribed, push_service, settings, vapid_key, fault
):
    settings.LUMPGUIDE_REMINDER_MAX_ATTEMPTS = 3
    spoil_key(vapid_key, fault)
    reminder = due_reminder(device)
    start = timezone.now()
    for day in range(0, 5):
        with time_machine.travel(start + dt.timedelta(days=day)):
            run_due_tasks()
            reminder.refresh_from_db()
            assert reminder.state != Reminder.State.SENDING
    assert reminder.state == Reminder.State.FAILED
    assert reminder.attempts == 3
    assert "VAPID key" in reminder.last_error
    assert push_service.received == []


def test_a_reminder_whose_every_attempt_died_is_failed_at_the_cap(
    device, subscribed, push_service, settings
):
    """Each attempt's worker killed after the claim: the lease checks claim it again, up to
    LUMPGUIDE_REMINDER_MAX_ATTEMPTS, then it is failed (it was tried 13 times past a cap of 8)."""
    settings.LUMPGUIDE_REMINDER_MAX_ATTEMPTS = 3
    reminder = due_reminder(device)
    for _attempt in range(3):
        reminder.refresh_from_db()
        with time_machine.travel((reminder.lease_until or timezone.now()) + dt.timedelta(1)):
            assert claim(reminder_id=reminder.pk, version=1) is not None  # ...and it dies
    reminder.refresh_from_db()
    with time_machine.travel(reminder.lease_until + dt.timedelta(seconds=1)):
        assert claim(reminder_id=reminder.pk, version=1) is None
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts) == (Reminder.State.FAILED, 3)
    assert push_service.received == []


def test_delete_all_during_a_send_ends_it_quietly(device, subscribed, push_service, monkeypatch):
    from apps.phones.services import delete_phone

    reminder = due_reminder(device)
    real_send = push.send

    def send_then_delete(**kwargs):
        result = real_send(**kwargs)
        delete_phone(device=device)  # the person taps "Delete all" while it is sent
        return result

    monkeypatch.setattr(push, "send", send_then_delete)
    assert deliver(reminder_id=reminder.pk, version=1) == "superseded"
    assert not Reminder.objects.exists()


def test_a_send_running_at_delete_all_leaves_no_row_when_it_ends(device, subscribed, push_service):
    """The worker's own path (db_worker.run_task): the row is saved, then task_finished."""
    from django.tasks.signals import task_finished

    from apps.phones.services import delete_phone

    reminder = due_reminder(device)
    [row] = send_tasks(reminder)
    row.claim("a-worker")
    delete_phone(device=device)  # leaves the running row to its worker
    value = row.task.call(*row.task_result.args, **row.task_result.kwargs)
    row.set_successful(value)
    task_finished.send(sender=type(row.task.get_backend()), task_result=row.task_result)
    assert not DBTaskResult.objects.filter(pk=row.pk).exists()


def test_rows_left_running_by_a_killed_worker_go_with_the_sweep_and_delete_all(
    device, subscribed, push_service, settings
):
    from apps.phones.services import delete_phone

    first, second = due_reminder(device), due_reminder(device)
    rows = [*send_tasks(first), *send_tasks(second)]
    for row in rows:
        row.claim("a-killed-worker")
    later = timezone.now() + 3 * dt.timedelta(seconds=settings.LUMPGUIDE_REMINDER_LEASE_SECONDS)
    with time_machine.travel(later):
        tasks.sweep_reminders.call()
    assert [r.status for r in send_tasks(first) + send_tasks(second)] == ["READY", "READY"]
    # A fresh one left by a killed worker, found by "Delete all" after the lease.
    third = due_reminder(device)
    [row] = send_tasks(third)
    row.claim("another-killed-worker")
    with time_machine.travel(later):
        delete_phone(device=device)
    assert not send_tasks(third)
