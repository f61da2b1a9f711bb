"""Kill the real `db_worker` (SIGKILL) in the middle of a push, start it again: every reminder
is delivered, none is lost, and the only copy is the one in flight at the kill, which has
the same Topic (so the push service and the phone collapse it into one notification).

The push service holds the K-th request open, so the kill lands, deterministically, at the
worst moment: after the push service took the message, before the worker heard "201".
"""

import os
import signal

import pytest

from apps.reminders import push
from tests.reminders.fake_push import FakePushService
from tests.reminders.worker_harness import Harness, PostgresDatabase, SqliteDatabase

COUNT = 30
HANG_ON = 12


@pytest.fixture
def vapid_file(tmp_path):
    path = tmp_path / "vapid.pem"
    push.generate_keys(path=path)
    return path


@pytest.fixture
def service():
    service = FakePushService(hang_on=HANG_ON).start()
    yield service
    service.stop()


def check_delivered_exactly_once(harness: Harness, service: FakePushService) -> None:
    states = harness.wait_until_all_sent(COUNT)
    assert states == {"sent": COUNT}
    per_reminder = service.per_reminder()
    hung = service.received[HANG_ON - 1].payload["reminder"]
    # Nothing lost: every reminder reached the push service.
    assert len(per_reminder) == COUNT
    # Nothing twice, except the one whose 201 the killed worker never heard: sent again,
    # with the same Topic, under a new attempt id.
    assert {rid: n for rid, n in per_reminder.items() if n > 1} == {hung: 2}
    copies = [r for r in service.accepted() if r.payload["reminder"] == hung]
    assert copies[0].topic == copies[1].topic == f"lumpguide-reminder-{hung}"
    assert copies[0].payload["attempt"] != copies[1].payload["attempt"]
    # What the phone shows: one notification per reminder.
    assert set(service.shown_on_device().values()) == {1}
    assert all(r.vapid_ok for r in service.received)


def test_sqlite_worker_killed_mid_push_and_restarted(
    tmp_path, vapid_file, service, migrated_sqlite
):
    harness = Harness(
        database=SqliteDatabase(tmp_path / "crash.sqlite3"), folder=tmp_path, vapid_key=vapid_file
    )
    subscriber = service.subscriber("phone")
    harness.set_up(count=COUNT, subscription=subscriber.info(), migrated=migrated_sqlite)
    worker = harness.start_worker("worker-1")
    try:
        assert service.hung.wait(30), "the worker never reached the held push"
        assert len(service.received) == HANG_ON  # part way: some sent, the rest waiting
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        service.release.set()
        harness.start_worker("worker-1-restarted")
        check_delivered_exactly_once(harness, service)
    finally:
        harness.stop()


@pytest.mark.postgres
def test_postgres_two_workers_one_killed_mid_push(tmp_path, vapid_file, service):
    if not PostgresDatabase.available():
        pytest.skip(
            "PostgreSQL binaries not found in /usr/lib/postgresql/15/bin "
            "(apt-get install postgresql, or set LUMPGUIDE_PG_BIN)"
        )
    pytest.importorskip("psycopg", reason="psycopg is not installed (requirements-dev.txt)")
    database = PostgresDatabase(tmp_path / "pg").start()
    harness = Harness(database=database, folder=tmp_path, vapid_key=vapid_file)
    try:
        subscriber = service.subscriber("phone")
        harness.set_up(count=COUNT, subscription=subscriber.info())
        harness.start_worker("worker-a")
        harness.start_worker("worker-b")
        assert service.hung.wait(30), "no worker reached the held push"
        hung = service.received[HANG_ON - 1].payload["reminder"]
        owner = harness.claimed_by(hung)
        pid = int(owner.rsplit(":", 1)[1])
        assert pid in {w.pid for w in harness.workers}
        os.kill(pid, signal.SIGKILL)
        killed = next(w for w in harness.workers if w.pid == pid)
        killed.wait(timeout=10)
        service.release.set()
        harness.start_worker("worker-restarted")
        check_delivered_exactly_once(harness, service)
        # The reminder the killed worker held was finished by another worker. (Which worker
        # sent the rest depends on scheduling, so the test does not count them.)
        assert harness.claimed_by(hung) != owner
    finally:
        harness.stop()
        database.stop()
