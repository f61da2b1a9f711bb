"""Device moved to apps.phones and CheckIn to apps.diary by state-only migrations: a database
migrated before the move migrates cleanly after it, keeps every row, and no table is
renamed, recreated or altered."""

import datetime as dt
import io
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.diary.models import CheckIn
from apps.phones.models import Device
from apps.phones.services import find_device, hash_key
from apps.reminders.models import PushSubscription, Reminder

#: The last migrations before the move: Device and CheckIn were the reminders app's.
BEFORE = [("reminders", "0004_alter_checkin_size_word"), ("phones", None), ("diary", None)]
MOVES = [
    ("phones", "0001_initial"),
    ("reminders", "0005_device_and_checkin_move_out"),
    ("diary", "0001_initial"),
]
TABLES = [
    "reminders_device",
    "reminders_checkin",
    "reminders_reminder",
    "reminders_pushsubscription",
]


def schema() -> dict:
    """Each table's columns and constraints (with their names), as the database has them."""
    with connection.cursor() as cursor:
        introspection = connection.introspection
        return {
            table: (
                [
                    (c.name, c.type_code, c.null_ok)
                    for c in introspection.get_table_description(cursor, table)
                ],
                {
                    name: (tuple(c["columns"]), c["unique"], c["foreign_key"])
                    for name, c in introspection.get_constraints(cursor, table).items()
                },
            )
            for table in TABLES
        }


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # as the migrate command does: the graph after the run
    return executor


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_rows_stored_before_the_move_are_read_after_it():
    tables_now = set(connection.introspection.table_names())
    schema_now = schema()
    try:
        migrate(MOVES)  # just after the move (later migrations may add columns)
        schema_moved = schema()
        executor = migrate(BEFORE)
        # The database as the code before the move left it: the same tables, the same schema.
        assert set(connection.introspection.table_names()) == tables_now
        assert schema() == schema_moved
        assert not ({"phones_device", "diary_checkin"} & tables_now)
        old = executor.loader.project_state([BEFORE[0]]).apps
        with pytest.raises(LookupError):
            old.get_model("phones", "Device")
        OldDevice = old.get_model("reminders", "Device")
        OldCheckIn = old.get_model("reminders", "CheckIn")
        OldReminder = old.get_model("reminders", "Reminder")
        device = OldDevice.objects.create(key_hash=hash_key("the phone's key"))
        OldCheckIn.objects.create(
            device=device,
            key=uuid.UUID(int=7),
            recorded_at=dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC),
            size_word="grape",
            pain=4,
            red=True,
            note="before the move",
        )
        OldReminder.objects.create(
            device=device,
            local_date=dt.date(2030, 1, 1),
            local_time=dt.time(9, 0),
            timezone="Europe/London",
            due_at=dt.datetime(2030, 1, 1, 9, tzinfo=dt.UTC),
        )
        # Raw SQL too, as any other client of the old tables would have written.
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO reminders_pushsubscription "
                "(device_id, endpoint, p256dh, auth, origin, created_at) "
                "VALUES (%s, %s, 'p', 'a', '', %s)",
                [
                    device.pk,
                    "https://fcm.googleapis.com/fcm/send/old",
                    connection.ops.adapt_datetimefield_value(dt.datetime.now(dt.UTC)),
                ],
            )
        device_type = ContentType.objects.get(app_label="reminders", model="device")
        check_in_type = ContentType.objects.get(app_label="reminders", model="checkin")
    finally:
        migrate(latest())

    assert set(connection.introspection.table_names()) == tables_now
    assert schema() == schema_now
    # The new models read the old rows, relations and all.
    phone = find_device(key="the phone's key")
    assert phone is not None and phone.pk == device.pk
    [check_in] = CheckIn.objects.filter(device=phone)
    assert (check_in.key, check_in.size_word, check_in.pain, check_in.red, check_in.note) == (
        uuid.UUID(int=7),
        "grape",
        4,
        True,
        "before the move",
    )
    assert Reminder.objects.get().device == phone
    assert PushSubscription.objects.get().device == phone
    assert {s.endpoint for s in phone.subscriptions.all()} == {
        "https://fcm.googleapis.com/fcm/send/old"
    }
    # The content types moved (the same rows), so admin history and permissions follow.
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Device).pk == device_type.pk
    assert ContentType.objects.get_for_model(CheckIn).pk == check_in_type.pk
    assert not ContentType.objects.filter(app_label="reminders", model__in=["device", "checkin"])
    # The constraints still hold on the moved model.
    phone.delete()
    assert not CheckIn.objects.exists() and not Reminder.objects.exists()


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor, even to print SQL
@pytest.mark.parametrize(("app", "name"), MOVES)
def test_the_moves_change_nothing_in_the_database(app, name):
    out = io.StringIO()
    call_command("sqlmigrate", app, name, stdout=out)
    statements = [
        line
        for line in out.getvalue().splitlines()
        if line.strip() and not line.startswith("--") and line not in {"BEGIN;", "COMMIT;"}
    ]
    assert statements == [], statements


@pytest.mark.django_db
def test_the_models_match_the_migrations():
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())
