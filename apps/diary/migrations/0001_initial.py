"""CheckIn moves here from apps.reminders: the model, not the table.

State only (SeparateDatabaseAndState with no database operation): the table stays
"reminders_checkin" (CheckIn.Meta.db_table) with its rows and its constraints, which keep
their names. The content type moves with it (reminders.checkin -> diary.checkin).
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, old="reminders", new="diary", model="checkin"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if not types.filter(app_label=new, model=model).exists():
        types.filter(app_label=old, model=model).update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="diary", new="reminders")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("phones", "0001_initial"),
        # reminders 0005 drops CheckIn from the reminders app's state.
        ("reminders", "0005_device_and_checkin_move_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CheckIn",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.UUIDField(default=uuid.uuid4)),
                        ("recorded_at", models.DateTimeField()),
                        (
                            "size_cm",
                            models.DecimalField(
                                blank=True, decimal_places=1, max_digits=4, null=True
                            ),
                        ),
                        (
                            "size_word",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("pea", "Pea (about 1 cm)"),
                                    ("grape", "Grape (about 1.5 cm)"),
                                    ("walnut", "Walnut (about 3 cm)"),
                                    ("golf_ball", "Golf ball (about 4 to 5 cm)"),
                                    ("bigger", "Bigger than a golf ball (more than 5 cm)"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("pain", models.PositiveSmallIntegerField()),
                        ("red", models.BooleanField(default=False)),
                        ("hot", models.BooleanField(default=False)),
                        ("leaking", models.BooleanField(default=False)),
                        ("colour_changed", models.BooleanField(default=False)),
                        ("note", models.CharField(blank=True, max_length=500)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "device",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="check_ins",
                                to="phones.device",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reminders_checkin",
                        "ordering": ["recorded_at", "pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("device", "key"), name="reminders_checkin_unique_key"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("pain__lte", 10)), name="reminders_pain_0_10"
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
