"""`make backup` then `make restore` onto a fresh database (deploy/backup.sh, restore.sh,
issue 21): the same diary, reminders and push subscriptions, and the same VAPID key, so a
phone subscribed before the backup still gets its notifications after the restore."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.pg_server import PostgresServer, missing_reason

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

MAKE_DATA = """
import datetime as dt, json
from django.utils import timezone
from apps.phones.services import create_device
from apps.diary import services as diary
from apps.reminders import services as reminders
from tests.reminders.conftest import browser_keys
import uuid
from decimal import Decimal
device, _ = create_device()
diary.record_check_in(device=device, key=uuid.uuid4(), size_cm=Decimal("2.5"), size_word="",
    pain=3, red=False, hot=False, leaking=False, colour_changed=False, note="before the backup")
reminders.save_subscription(device=device, endpoint="https://fcm.googleapis.com/fcm/send/kept",
    origin="https://lumpguide.example/", **browser_keys())
reminders.schedule_reminder(device=device, local_date=dt.date.today() + dt.timedelta(days=9),
    local_time=dt.time(9), tz_name="Europe/London", channel="both")
"""

READ_DATA = """
import json
from apps.diary.models import CheckIn
from apps.reminders.models import PushSubscription, Reminder
from apps.reminders import push
print(json.dumps({
    "check_ins": list(CheckIn.objects.values_list("note", "size_cm")),
    "reminders": list(Reminder.objects.values_list("state", "channel", "due_at")),
    "subscriptions": list(PushSubscription.objects.values_list("endpoint", "p256dh", "auth")),
    "public_key": push.application_server_key(),
}, default=str))
"""


def manage(env: dict, *args: str, code: str | None = None) -> str:
    command = [sys.executable, "manage.py", *args]
    if code is not None:
        command += ["shell", "--no-imports", "-c", code]
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def write_env(path: Path, *, database_url: str, vapid: Path) -> dict:
    settings = {
        "DATABASE_URL": database_url,
        "LUMPGUIDE_VAPID_PRIVATE_KEY_FILE": str(vapid),
        "DJANGO_SECRET_KEY": "kept-across-the-restore",
    }
    path.write_text("".join(f"{k}={v}\n" for k, v in settings.items()))
    return {**os.environ, **settings, "DJANGO_SETTINGS_MODULE": "lumpguide.settings"}


@pytest.mark.postgres
def test_a_backup_restores_onto_a_fresh_database(tmp_path):
    if reason := missing_reason():
        pytest.skip(reason)
    first, second = PostgresServer(tmp_path / "pg1"), PostgresServer(tmp_path / "pg2")
    first.start()
    try:
        vapid = tmp_path / "state" / "vapid" / "private_key.pem"
        env_file = tmp_path / "etc" / "lumpguide.env"
        env_file.parent.mkdir()
        env = write_env(env_file, database_url=first.url, vapid=vapid)
        manage(env, "migrate", "-v0")
        manage(env, "ensure_vapid_keys")
        manage(env, code=MAKE_DATA)
        before = json.loads(manage(env, code=READ_DATA))
        backup = subprocess.run(
            [str(DEPLOY / "backup.sh")],
            env={**os.environ, "LUMPGUIDE_ENV_FILE": str(env_file), "BACKUP_DIR": str(tmp_path)},
            check=True,
            capture_output=True,
            text=True,
        )
        archive = Path(backup.stdout.strip().splitlines()[-1])
        assert oct(archive.stat().st_mode & 0o777) == "0o600"
        with tarfile.open(archive) as tar:
            assert sorted(tar.getnames()) == [
                "database.dump",
                "lumpguide.env",
                "vapid_private_key.pem",
            ]
    finally:
        first.stop()  # the first database host is gone
    vapid.unlink()
    second.start()
    try:
        new_env_file = tmp_path / "new-etc" / "lumpguide.env"
        new_env_file.parent.mkdir()
        new_env = write_env(new_env_file, database_url=second.url, vapid=vapid)
        subprocess.run(
            [str(DEPLOY / "restore.sh")],
            env={**os.environ, "LUMPGUIDE_ENV_FILE": str(new_env_file), "FILE": str(archive)},
            check=True,
            capture_output=True,
            text=True,
        )
        after = json.loads(manage(new_env, code=READ_DATA))
        restored_settings = new_env_file.read_text()
    finally:
        second.stop()
    assert after == before
    assert after["check_ins"] and after["reminders"] and after["subscriptions"]
    # The new host's database, the backup's secret key (the phones' sessions stay signed).
    assert f"DATABASE_URL={second.url}" in restored_settings
    assert "DJANGO_SECRET_KEY=kept-across-the-restore" in restored_settings
