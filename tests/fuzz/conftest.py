"""The fuzz suite's fixtures and reporting.

LUMPGUIDE_FUZZ_DB=postgres runs the app against a throwaway PostgreSQL server started here
(skipped, with the reason, where the binaries are missing); otherwise SQLite, as every other
test. Run it on this folder alone (`pytest tests/fuzz`, as `make fuzz` does): the test
database is made once per session, for whichever tests come first.

At the end a table of examples and statuses per target and backend goes to the terminal and
to test-artifacts/fuzz-counts.txt (each backend's latest run with LUMPGUIDE_FUZZ_EXAMPLES set,
as `make fuzz` sets it), or fuzz-counts-quick.txt (the quick slice of a plain `pytest`).
"""

import datetime as dt
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests import pg_server
from tests.conftest import held_for_the_module
from tests.fuzz.browser import COUNTS, INPUTS, Fuzz
from tests.fuzz.profile import EXAMPLES

BASE_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = BASE_DIR / "test-artifacts"
FUZZ_DB = os.environ.get("LUMPGUIDE_FUZZ_DB", "sqlite").lower()


def use_database(entry: dict) -> None:
    """Point the default connection at another database, before the test database is made."""
    from django.db import connections

    databases = connections.settings  # the very dict settings.DATABASES holds
    connections["default"].close()
    databases["default"] = entry
    connections.configure_settings(databases)  # fills in Django's defaults
    del connections["default"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """As tests/conftest.py does; with LUMPGUIDE_FUZZ_DB=postgres, a throwaway PostgreSQL."""
    if FUZZ_DB in {"postgres", "postgresql"}:
        reason = pg_server.missing_reason()
        if reason:
            pytest.skip(f"LUMPGUIDE_FUZZ_DB=postgres: {reason}")
        from lumpguide.database import database_from_url

        # Not under pytest's tmp folders: another pytest run on this machine removes old ones,
        # and the server's files with them, while a long fuzz run still needs them.
        folder = Path(tempfile.mkdtemp(prefix="lumpguide-fuzz-pg-"))
        server = pg_server.PostgresServer(folder / "pg")
        try:
            server.start()
            use_database(database_from_url(server.url, base_dir=BASE_DIR))
            yield
        finally:
            server.stop()
            shutil.rmtree(folder, ignore_errors=True)
    elif FUZZ_DB == "sqlite":
        yield
    else:
        raise pytest.UsageError(f"LUMPGUIDE_FUZZ_DB is sqlite or postgres, not {FUZZ_DB!r}")


@pytest.fixture(scope="session")
def fuzz_vapid_key(tmp_path_factory):
    from apps.reminders import push

    path = tmp_path_factory.mktemp("fuzz-vapid") / "private_key.pem"
    push.generate_keys(path=path)
    return path


VAPID_SUBJECT = "mailto:tests@lumpguide.example"


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker, fuzz_vapid_key):
    """The world (tests/fuzz/world.py), made once for a module's tests in a transaction held
    open over them and rolled back after the last: each test runs in a savepoint on top of it
    (pytest-django's db) and each example in one more, so every test starts from the world
    as it was made, as when each test made its own (a quarter of a second each)."""
    from django.test import override_settings

    from tests.fuzz.world import build_world

    with held_for_the_module(django_db_blocker):
        with override_settings(
            LUMPGUIDE_VAPID_PRIVATE_KEY_FILE=fuzz_vapid_key, LUMPGUIDE_VAPID_SUBJECT=VAPID_SUBJECT
        ):
            world = build_world()
        yield world


@pytest.fixture
def fuzz(fuzz_world, db, settings, fuzz_vapid_key):
    """The world the test's examples start from, and the recorder of what they met."""
    settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE = fuzz_vapid_key
    settings.LUMPGUIDE_VAPID_SUBJECT = VAPID_SUBJECT
    # Each 5xx is reported once, at the end; odd input's 400s need no log line either.
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield Fuzz(fuzz_world)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After Hypothesis has run every example: fail if any of them met a 5xx."""
    fuzz = getattr(item, "funcargs", {}).get("fuzz")
    try:
        result = yield
    except BaseException as exc:  # the test failed otherwise: say what 5xx it met too
        if isinstance(fuzz, Fuzz) and fuzz.failures:
            exc.add_note(fuzz.report())
        raise
    if isinstance(fuzz, Fuzz):
        fuzz.raise_failures()
    return result


# The table ------------------------------------------------------------------------------------


def _rows_by_backend() -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for (target, backend), counts in sorted(COUNTS.items()):
        rows.setdefault(backend, {})[target] = dict(counts)
    return rows


COLUMNS = [("examples", 8), ("2xx", 7), ("3xx", 6), ("4xx", 7), ("403", 6), ("5xx", 5)]
WIDTH = 64


def _table(data: dict) -> list[str]:
    """Per target and backend: examples run, and how many got each class of status (403, the
    CSRF refusals among the 4xx, also on its own), and the highest status seen."""
    lines = [
        f"{backend}: LUMPGUIDE_FUZZ_EXAMPLES={run['examples_per_target']}, {run['inputs']} "
        f"inputs, {run['total']} requests, finished {run['finished']}"
        for backend, run in data.items()
    ]
    header = f"{'target':<{WIDTH}} {'backend':<10} "
    header += " ".join(f"{name:>{width}}" for name, width in COLUMNS) + f" {'max':>4}"
    lines += [header, "-" * len(header)]
    for backend, run in data.items():
        for target, counts in run["targets"].items():
            cells = " ".join(f"{counts.get(name, 0):>{width}}" for name, width in COLUMNS)
            lines.append(f"{target[:WIDTH]:<{WIDTH}} {backend:<10} {cells} {counts['max']:>4}")
        sums = " ".join(
            f"{sum(c.get(name, 0) for c in run['targets'].values()):>{width}}"
            for name, width in COLUMNS
        )
        lines.append(f"{'TOTAL':<{WIDTH}} {backend:<10} {sums}")
    return lines


def pytest_terminal_summary(terminalreporter):
    rows = _rows_by_backend()
    if not rows:
        return
    finished = dt.datetime.now().isoformat(timespec="seconds")
    this_run = {
        backend: {
            "examples_per_target": EXAMPLES,
            "finished": finished,
            "total": sum(c.get("examples", 0) for c in targets.values()),
            "inputs": INPUTS[backend],
            "targets": targets,
        }
        for backend, targets in rows.items()
    }
    ARTIFACTS.mkdir(exist_ok=True)
    name = "fuzz-counts" if os.environ.get("LUMPGUIDE_FUZZ_EXAMPLES") else "fuzz-counts-quick"
    saved = ARTIFACTS / f"{name}.json"
    try:
        data = json.loads(saved.read_text())
    except (OSError, ValueError):
        data = {}
    data.update(this_run)
    saved.write_text(json.dumps(data, indent=1, sort_keys=True))
    (ARTIFACTS / f"{name}.txt").write_text("\n".join(_table(data)) + "\n")
    terminalreporter.section("fuzz: examples and statuses per target")
    for line in _table(this_run):
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"(each backend's latest run: {ARTIFACTS / name}.txt)")
