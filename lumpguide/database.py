"""Turn DATABASE_URL into Django's DATABASES entry (SQLite and PostgreSQL only)."""

import logging
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

logger = logging.getLogger(__name__)


def database_from_url(url: str, *, base_dir: Path) -> dict:
    """Return one DATABASES entry for a sqlite:/// or postgres:// URL."""
    if not url:
        return sqlite_database(base_dir / "db.sqlite3")
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        # sqlite:///relative.db has path "/relative.db"; sqlite:////abs.db has "//abs.db".
        path = path[1:] if path.startswith("//") else path.lstrip("/")
        return sqlite_database(Path(path) if Path(path).is_absolute() else base_dir / path)
    if parsed.scheme in {"postgres", "postgresql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": unquote(parsed.hostname or ""),
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ValueError(
        f"DATABASE_URL must start with sqlite:// or postgres://, not {parsed.scheme!r}"
    )


def sqlite_database(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        # Kept open between requests (checked before reuse), so the PRAGMAs below run once
        # per connection, not once per request.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            # secure_delete: a deleted row's bytes are overwritten, not left in free pages;
            # journal_size_limit=0: the write-ahead log shrinks to nothing once checkpointed.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA secure_delete=ON; PRAGMA journal_size_limit=0;"
            ),
        },
    }


def forget_deleted_rows(connection) -> None:
    """After "Delete all": on SQLite, copy the write-ahead log into the database and empty
    it, so that no earlier copy of a deleted row's page stays in the -wal file (secure_delete
    has already zeroed the rows in the pages). PostgreSQL keeps no such file a person's
    phone could be read from; its dead rows go with autovacuum."""
    from django.db import transaction  # not at the top: settings.py imports this module

    if connection.vendor != "sqlite":
        return
    # Not inside a transaction (SQLite refuses a checkpoint there): once it is committed.
    transaction.on_commit(lambda: _checkpoint(connection), using=connection.alias)


def _checkpoint(connection) -> None:
    from django.db import OperationalError

    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except OperationalError:  # busy: the next checkpoint empties it (journal_size_limit)
        logger.warning("Could not empty SQLite's write-ahead log after a deletion.")
