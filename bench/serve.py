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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    base: str
    #: The environment the server runs with (its throwaway database included).
    env: dict
    pid: int

    def cpu_seconds(self) -> float:
        """User and system CPU time used so far by gunicorn and its live workers (Linux)."""
        pids = [self.pid]
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        ticks = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def running_server(
    *, extra_env: dict | None = None, gunicorn_args: tuple[str, ...] = ()
) -> Iterator[Server]:
    """A freshly migrated and loaded LumpGuide under gunicorn, with the settings of
    gunicorn.conf.py (as `make run` has them) unless `gunicorn_args` changes them."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DJANGO_SETTINGS_MODULE": "lumpguide.settings",
            # One client address sends every request: the limits stay on, and are counted
            # as for anyone, but set high enough that none answers 429.
            "LUMPGUIDE_RATE_API": "100000000/h",
            "LUMPGUIDE_RATE_FORMS": "100000000/h",
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
                "--log-level",
                "warning",
                *gunicorn_args,
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
            yield Server(base, env, server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
