"""One phone's writes at once on PostgreSQL (where a row lock, not the database, orders
them): the same subscription sent twice gives no 500, and a race cannot pass a cap (open
reminders, check-ins a day)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_server import PostgresServer

HARNESS = Path(__file__).with_name("pg_race_harness.py")
ROOT = HARNESS.parents[2]


@pytest.mark.postgres
def test_one_phone_s_writes_at_once_on_postgres(tmp_path):
    if not PostgresServer.available():
        pytest.skip("PostgreSQL binaries not found (apt-get install postgresql)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (requirements-dev.txt)")
    server = PostgresServer(tmp_path / "pg")
    server.start()
    try:
        env = {
            **os.environ,
            "DATABASE_URL": server.url,
            "DJANGO_SETTINGS_MODULE": "lumpguide.settings",
            "LUMPGUIDE_MAX_OPEN_REMINDERS": "5",
            "LUMPGUIDE_MAX_NEW_REMINDERS_PER_DAY": "1000",
            "LUMPGUIDE_MAX_CHECK_INS_PER_DAY": "5",
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        done = subprocess.run(
            [sys.executable, str(HARNESS)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        server.stop()
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["errors"] == []
    assert found["subscriptions"] == 3  # one per endpoint, each sent six times at once
    assert found["reminders"] == [5, 5, 5]  # four waiting, six racing for the last place
    assert found["left"] == 0  # "Delete all" raced five changes: no deadlock, nothing kept
    assert found["check_ins"] == [5, 5, 5]  # four kept today, six racing for the last place
