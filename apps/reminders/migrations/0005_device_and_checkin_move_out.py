"""Device moves to apps.phones and CheckIn to apps.diary: the models, not the tables.

State only (SeparateDatabaseAndState with no database operation). The foreign keys of
Reminder and PushSubscription now name phones.Device, whose table is still
"reminders_device", so their columns and constraints are the same as before. CheckIn leaves
this app's state here and is created in diary 0001 on its old table "reminders_checkin".
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0004_alter_checkin_size_word"),
        ("phones", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="reminder",
                    name="device",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="phones.device",
                    ),
                ),
                migrations.AlterField(
                    model_name="pushsubscription",
                    name="device",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="subscriptions",
                        to="phones.device",
                    ),
                ),
                migrations.DeleteModel(name="CheckIn"),
                migrations.DeleteModel(name="Device"),
            ],
            database_operations=[],
        ),
    ]
