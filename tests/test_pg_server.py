"""tests/pg_server.py stops its throwaway PostgreSQL in every path: when `pg_ctl stop` fails
(made to fail here, or failing because another pytest removed the server's folder with its
old temporary folders), no process of the server is left running."""

import os
import shutil
import signal
import subprocess

import pytest

from tests import pg_server
from tests.pg_server import PostgresError, PostgresServer

pytestmark = pytest.mark.postgres


def processes_of(pid: int) -> list[int]:
    """The server and its processes, as `ps` lists them."""
    listed = subprocess.run(
        ["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True, check=True
    ).stdout
    pairs = [tuple(map(int, line.split())) for line in listed.splitlines()]
    return [pid, *(child for child, parent in pairs if parent == pid)]


def alive(pid: int) -> bool:
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True)
    return state.returncode == 0 and not state.stdout.strip().startswith("Z")


@pytest.fixture
def server(tmp_path):
    if reason := pg_server.missing_reason():
        pytest.skip(reason)
    server = PostgresServer(tmp_path / "pg").start()
    started = [pid for pid in processes_of(server.pid) if alive(pid)]
    try:
        assert server.pid in started and len(started) > 1  # the server and its workers
        yield server, started
    finally:  # whatever the test found, nothing is left behind
        for pid in started:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_failing_pg_ctl_stop_leaves_no_server_running(server, monkeypatch):
    server, started = server
    run = server._run

    def pg_ctl_stop_fails(*args):
        if args[0] == "pg_ctl" and "stop" in args:
            raise PostgresError("pg_ctl stop failed (made to fail by the test)")
        return run(*args)

    monkeypatch.setattr(server, "_run", pg_ctl_stop_fails)
    server.stop()  # does not raise
    assert [pid for pid in started if alive(pid)] == []


def test_a_server_whose_folder_was_removed_is_stopped_too(server):
    """Another pytest on the machine keeps only its three newest temporary folders: pg_ctl
    then has no folder to stop a server in; the pid read at start still does it."""
    server, started = server
    shutil.rmtree(server.folder)
    with pytest.raises(PostgresError):  # pg_ctl really fails here
        server._run("pg_ctl", "-D", str(server.folder / "data"), "status")
    server.stop()
    assert [pid for pid in started if alive(pid)] == []


def test_a_server_that_pg_ctl_stops_is_stopped(server):
    server, started = server
    server.stop()
    assert [pid for pid in started if alive(pid)] == []
    server.stop()  # a second time: nothing to do, nothing raised
