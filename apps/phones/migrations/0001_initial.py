"""Device moves here from apps.reminders: the model, not the table.

State only (SeparateDatabaseAndState with no database operation): the table stays
"reminders_device" (Device.Meta.db_table), with its rows, its id sequence and the foreign keys
that point at it. Reminders 0005 then drops Device from the reminders app's state.

The content type moves with it (reminders.device -> phones.device, the same row), so admin
history and permissions follow the model and no stale content type is left behind.
"""

from django.db import migrations, models


def move_content_type(apps, schema_editor, *, old="reminders", new="phones", model="device"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model=model).exists():
        types.filter(app_label=old, model=model).update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="phones", new="reminders")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The table is made by reminders 0001; the model moves after the last change there.
        ("reminders", "0004_alter_checkin_size_word"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Device",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key_hash", models.CharField(max_length=64, unique=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={"db_table": "reminders_device"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
