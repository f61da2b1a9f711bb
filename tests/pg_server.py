"""A throwaway PostgreSQL server from Debian's binaries: initdb + pg_ctl in a temporary folder,
on a free port, as a non-root user. Used by the worker crash tests and the fuzz suite."""

import contextlib
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("LUMPGUIDE_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing_reason() -> str:
    """Why a throwaway PostgreSQL cannot be started here, or "" when it can."""
    if not PostgresServer.available():
        return (
            f"PostgreSQL binaries not found in {PG_BIN} "
            "(apt-get install postgresql, or set LUMPGUIDE_PG_BIN)"
        )
    if importlib.util.find_spec("psycopg") is None:
        return "psycopg is not installed (requirements-dev.txt)"
    return ""


class PostgresError(RuntimeError):
    """A PostgreSQL program failed; the message has its output and the server log's end."""


class PostgresServer:
    """initdb + pg_ctl in `folder`, on a free port; a database named `lumpguide`."""

    def __init__(self, folder: Path):
        """`folder` holds the data and the log. As root, the server runs as `postgres`, which
        cannot reach into pytest's temporary folders (0700, and any other pytest started on
        the machine makes them 0700 again): it gets a folder of its own in the system's
        temporary folder instead, named after `folder` and removed when it stops."""
        self.own_folder = os.geteuid() == 0
        if self.own_folder:
            folder = Path(tempfile.mkdtemp(prefix=f"lumpguide-{folder.name}-"))
        self.folder = folder
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/lumpguide"

    @staticmethod
    def available() -> bool:
        return (PG_BIN / "initdb").exists() and (PG_BIN / "pg_ctl").exists()

    def _run(self, *args: str) -> None:
        command = [str(PG_BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=60)
        except subprocess.CalledProcessError as exc:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PostgresError(
                f"{' '.join(command)} exited with {exc.returncode}:\n"
                f"{exc.stderr.decode(errors='replace')}\n{tail}"
            ) from exc

    def start(self):
        data = self.folder / "data"
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.own_folder:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        self._run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        try:
            self._start_server(data)
        except BaseException:  # half started (createdb failed, a timeout): stop it, then say why
            self.stop()
            raise
        return self

    def _start_server(self, data: Path) -> None:
        for attempt in range(3):  # another program may take the free port first
            try:
                self._run(
                    "pg_ctl",
                    "-D",
                    str(data),
                    "-l",
                    str(self.folder / "server.log"),
                    "-o",
                    f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                    "-w",
                    "start",
                )
                break
            except PostgresError:
                if attempt == 2:
                    raise
                self.port = free_port()
                self.url = f"postgres://postgres@127.0.0.1:{self.port}/lumpguide"
        # The server's pid, read now: another pytest on the machine may delete this folder (it
        # keeps only its three newest temporary folders), and pg_ctl cannot stop it then
        self.pid = int((data / "postmaster.pid").read_text().split()[0])
        self._run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "lumpguide"
        )

    def stop(self) -> None:
        """Stop the server; never leaves it running, never raises.

        pg_ctl stops it; where pg_ctl fails (its folder removed by another pytest, a timeout),
        the server (the pid read at start) and its processes are killed, and waited for."""
        with contextlib.suppress(subprocess.SubprocessError, PostgresError, OSError):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        pid = getattr(self, "pid", None) or _pid_in(self.folder / "data" / "postmaster.pid")
        if pid and running(pid) and str(self.folder) in _command_line(pid):
            # Its processes each have a session of their own (a process group would miss them),
            # and are the init process's children once the server is gone: listed first.
            processes = [pid, *children(pid)]
            for process in processes:
                with contextlib.suppress(OSError):
                    os.kill(process, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while any(map(running, processes)) and time.monotonic() < deadline:
                time.sleep(0.02)
        if self.own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)

    def query(self, sql: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=lumpguide"
        ) as c:
            return c.execute(sql).fetchall()


def running(pid: int) -> bool:
    """Whether the process exists and has not ended (a zombie has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in {"Z", "X"}


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _pid_in(pid_file: Path) -> int | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int(pid_file.read_text().split()[0])
    return None
