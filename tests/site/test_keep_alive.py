"""A request body the view did not read leaves the keep-alive connection usable under gunicorn
(issue 21: past 64 KB gunicorn dropped the connection it had just called kept alive)."""

import http.client
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from bench.serve import free_port
from tests.conftest import copy_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gunicorn_port(migrated_sqlite, collected):
    with tempfile.TemporaryDirectory() as tmp:
        database = copy_database(migrated_sqlite, Path(tmp) / "keep-alive.sqlite3")
        env = {
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SETTINGS_MODULE": "lumpguide.settings",
        }
        port = free_port()
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        # gunicorn.conf.py's gthread workers: the ones that keep connections alive.
        server = subprocess.Popen(
            [gunicorn, "lumpguide.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
            cwd=ROOT,
            env=env,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("HEAD", "/")
                    break
                except OSError:
                    assert time.monotonic() < deadline, "gunicorn did not start"
                    time.sleep(0.05)
            yield port
        finally:
            server.terminate()
            server.wait(10)


@pytest.mark.parametrize("size", [1_000, 70_000, 300_000, 1_000_000])
def test_an_unread_body_leaves_the_connection_usable(gunicorn_port, size):
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn_port, timeout=10)
    # Refused before the body is read: no CSRF token.
    connection.request("POST", "/healthz", body=b"x" * size, headers={"Content-Type": "text/plain"})
    first = connection.getresponse()
    first.read()
    assert first.status in (403, 405)
    connection.request("GET", "/healthz")
    second = connection.getresponse()
    assert second.status == 200 and second.read()
    connection.close()
