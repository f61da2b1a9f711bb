"""Run the real `manage.py db_worker` in subprocesses against a file SQLite or a throwaway
PostgreSQL, so a worker can be SIGKILLed in the middle of sending."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import copy_database
from tests.pg_server import PostgresServer

BASE_DIR = Path(__file__).resolve().parents[2]

SETUP = """
import datetime as dt, json, os
from django.utils import timezone
from apps.phones.services import create_device
from apps.reminders import services
spec = json.loads(os.environ["CRASH_SPEC"])
device, _ = create_device()
services.save_subscription(device=device, origin="http://testserver/", **spec["subscription"])
local = (timezone.now() - dt.timedelta(minutes=1)).astimezone(services.zone("Europe/London"))
for _ in range(spec["count"]):
    services.schedule_reminder(device=device, local_date=local.date(),
        local_time=local.time().replace(microsecond=0), tz_name="Europe/London", channel="push")
"""


class Database:
    url: str

    def query(self, sql: str) -> list[tuple]:
        raise NotImplementedError


class SqliteDatabase(Database):
    def __init__(self, path: Path):
        self.path = path
        self.url = f"sqlite:///{path}"

    def query(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.path, timeout=20) as conn:
            return conn.execute(sql).fetchall()


class PostgresDatabase(PostgresServer, Database):
    """initdb + pg_ctl in a temporary folder, on a free port, as a non-root user."""


class Harness:
    def __init__(self, *, database: Database, folder: Path, vapid_key: Path):
        self.database = database
        self.folder = folder
        self.workers: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lumpguide.settings_test",
            "LUMPGUIDE_MAX_OPEN_REMINDERS": "1000",  # more than the 20 a phone may have
            "LUMPGUIDE_MAX_NEW_REMINDERS_PER_DAY": "1000",  # and may set in a day
            "DATABASE_URL": database.url,
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "LUMPGUIDE_VAPID_PRIVATE_KEY_FILE": str(vapid_key),
            "LUMPGUIDE_VAPID_SUBJECT": "mailto:tests@lumpguide.example",
            "LUMPGUIDE_REMINDER_LEASE_SECONDS": "3",
            "LUMPGUIDE_REMINDER_SWEEP_SECONDS": "2",
            "LUMPGUIDE_REMINDER_RETRY_SECONDS": "1",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        self.env.pop("DJANGO_DEBUG", None)

    def manage(self, *args: str, extra_env: dict | None = None) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env={**self.env, **(extra_env or {})},
            check=True,
            capture_output=True,
            timeout=60,
        )

    def set_up(self, *, count: int, subscription: dict, migrated: Path | None = None) -> None:
        """Migrate (or copy `migrated`, a migrated SQLite file, to a SQLite database), then add
        a device with `count` reminders due now."""
        if migrated is not None and isinstance(self.database, SqliteDatabase):
            copy_database(migrated, self.database.path)
        else:
            self.manage("migrate", "--no-input")
        spec = {
            "count": count,
            "subscription": {
                "endpoint": subscription["endpoint"],
                "p256dh": subscription["keys"]["p256dh"],
                "auth": subscription["keys"]["auth"],
            },
        }
        self.manage("shell", "-c", SETUP, extra_env={"CRASH_SPEC": json.dumps(spec)})

    def start_worker(self, name: str) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115
        worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--no-reload",
                "--worker-id",
                name,
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.workers.append(worker)
        return worker

    def states(self) -> dict[str, int]:
        rows = self.database.query("SELECT state, COUNT(*) FROM reminders_reminder GROUP BY state")
        return dict(rows)

    def claimed_by(self, reminder_id: int) -> str:
        rows = self.database.query(
            f"SELECT claimed_by FROM reminders_reminder WHERE id = {int(reminder_id)}"
        )
        return rows[0][0]

    def wait_until_all_sent(self, count: int, timeout: float = 40) -> dict[str, int]:
        deadline = time.monotonic() + timeout
        states: dict[str, int] = {}
        while time.monotonic() < deadline:
            states = self.states()
            if states.get("sent", 0) == count:
                return states
            time.sleep(0.2)
        raise AssertionError(f"Not all sent within {timeout}s: {states}; logs in {self.folder}")

    def stop(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


def cleanup(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
