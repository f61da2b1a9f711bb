"""Shared fixtures: plain static storage (no collectstatic needed), article factories, and a
migrated SQLite file for the tests that run the app in other processes."""

import contextlib
import datetime as dt
import fcntl
import hashlib
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import hypothesis
import pytest

from apps.conditions.models import Article

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
ROOT = CONTENT_DIR.parent

# Hypothesis's default 200 ms deadline a test case is a timing check, and timings belong in
# bench/: on a busy two-core machine a first case took 355 ms and failed a sound test. Every
# other setting stays Hypothesis's default (the tests that set their own keep them).
hypothesis.settings.register_profile("lumpguide", deadline=None)
hypothesis.settings.load_profile("lumpguide")


@pytest.fixture(scope="session", autouse=True)
def _plain_static_storage():
    """Static files straight from the source folders, for the whole session (the live server
    answers service-worker requests between tests too), so no collectstatic is needed."""
    from django.conf import settings
    from django.test import override_settings

    override = override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        WHITENOISE_USE_FINDERS=True,
        WHITENOISE_AUTOREFRESH=True,
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The .mo files as `make messages` builds them, for a plain `pytest` run too."""
    import subprocess

    for po in (CONTENT_DIR.parent / "locale").glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True)
def _fresh_local_cache():
    """Each test starts with nothing in the per-process caches (rate counts, the active
    questionnaire, page fragments), as the database cache starts empty in each test's
    transaction."""
    from django.core.cache import caches
    from django.utils import translation

    for name in ("local", "fragments"):
        caches[name].clear()
    # A request leaves its language active in the thread (LocaleMiddleware never resets it):
    # each test starts in English.
    translation.activate("en")
    yield
    translation.deactivate()
    for name in ("local", "fragments"):
        caches[name].clear()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """A file SQLite test database: the live server's threads then each get their own
    connection instead of sharing one in-memory connection, which breaks under the
    service worker's parallel requests."""
    from django.db import connections

    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        database["TEST"]["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture
def make_article(db):
    def make(slug: str = "lipoma", **fields) -> Article:
        values = {
            "title": slug.replace("-", " ").capitalize(),
            "summary": f"A one-line summary of {slug}.",
            "keywords": "soft lump\nfatty lump",
            "body": (
                f"Intro about {slug}.\n\n## Check if it's {slug}\n\n- it is soft\n\n"
                "## Things you can do\n\n### Do\n\n- wait\n\n### Don't\n\n- squeeze it\n\n"
                "## Treatment\n\nUsually none.\n\n## Causes and who gets it\n\nAnyone.\n"
            ),
            "care_see_a_doctor": "the lump is getting bigger",
            "care_urgent": "the lump is red and hot",
            "care_emergency": "you feel very unwell",
            "sources": [
                {
                    "key": "NHS-LIPOMA",
                    "publisher": "NHS",
                    "title": "Lipoma",
                    "url": "https://www.nhs.uk/conditions/lipoma/",
                }
            ],
            "status": Article.Status.PUBLISHED,
            "reviewed_by": "Test reviewer",
            "last_reviewed": dt.date(2026, 11, 24),
            "next_review_due": dt.date(2029, 11, 24),
        }
        values.update(fields)
        return Article.objects.create(slug=slug, **values)

    return make


@contextlib.contextmanager
def held_for_the_module(django_db_blocker):
    """A transaction held open over a module's tests (use it in a module-scoped fixture) and
    rolled back after the last: what is made in it is there for every test, which runs in a
    savepoint on top of it (pytest-django's db) and leaves it as it found it."""
    from django.db import transaction

    with django_db_blocker.unblock():
        held = transaction.atomic()
        held.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            held.__exit__(None, None, None)


@pytest.fixture
def real_articles(db):
    """The articles shipped in content/conditions, loaded as `make run` loads them."""
    from apps.conditions.services import load_articles

    load_articles(content_dir=CONTENT_DIR / "conditions")
    return Article.objects.all()


@pytest.fixture(scope="session")
def collected(tmp_path_factory) -> None:
    """The static files as the production settings serve them (`collectstatic`, with its
    manifest), for the tests that start gunicorn with those settings: a page they render
    names hashed files (the 403 page an unread body gets, too). Run once a session, with a
    lock, so two xdist workers never write the manifest at once."""
    unused = tmp_path_factory.mktemp("collect") / "unused.sqlite3"
    name = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]  # one lock per checkout
    lock_path = Path(tempfile.gettempdir()) / f"lumpguide-collectstatic-{name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        manage(unused, "collectstatic", "--no-input", "-v0")


def manage(database: Path, *args: str) -> None:
    """`manage.py` with the production settings on a SQLite file, in a subprocess."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "lumpguide.settings",
    }
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory, request) -> Path:
    """A SQLite database file as `manage.py migrate` and `createcachetable` leave it (run in a
    subprocess, with the production settings), made once a test run and shared by its xdist
    workers (the first makes it, under a lock): the tests that start gunicorn or the task
    worker on a file database start from a copy (copy_database) and never write to it."""
    base = tmp_path_factory.getbasetemp()
    # An xdist worker's own folder is in the run's: the run's is shared (without xdist, its own)
    shared = base.parent if hasattr(request.config, "workerinput") else base
    path = shared / "migrated.sqlite3"
    with open(shared / "migrated.sqlite3.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            making = shared / "migrating.sqlite3"
            manage(making, "migrate", "-v0")
            manage(making, "createcachetable")
            # Whole (its write-ahead log too), or not there: never half a file to copy
            copy_database(making, shared / "migrated.partial.sqlite3").rename(path)
    return path


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a SQLite database, its write-ahead log included (SQLite's backup)."""
    with sqlite3.connect(source) as given, sqlite3.connect(target) as copy:
        given.backup(copy)
    given.close()
    copy.close()
    return target
