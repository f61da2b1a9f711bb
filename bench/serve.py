"""Start LumpGuide under gunicorn on a free loopback port with a throwaway database."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_server(*, workers: int = 2, extra_env: dict | None = None) -> Iterator[str]:
    """Yield the base URL of a freshly migrated and loaded LumpGuide under gunicorn."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DJANGO_SETTINGS_MODULE": "lumpguide.settings",
            # One client hammers the server: the per-address limits would answer 429.
            "LUMPGUIDE_RATELIMIT_ENABLE": "0",
            **(extra_env or {}),
        }
        manage = [PYTHON, "manage.py"]
        for command in (
            ["migrate", "-v0"],
            ["createcachetable"],
            ["load_articles"],
            ["load_questionnaire"],
            ["collectstatic", "--no-input", "-v0"],
        ):
            subprocess.run(
                manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
            )
        port = free_port()
        gunicorn = Path(PYTHON).parent / "gunicorn"
        server = subprocess.Popen(
            [
                str(gunicorn),
                "lumpguide.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)
