"""Give every reminder a random UID for its calendar event (it carried the database ids).

Three steps, as Django's docs advise for a unique field with a callable default: add it
nullable, fill each existing row with its own UUID, then make it unique and not null.
"""

import uuid

from django.db import migrations, models


def fill_uids(apps, schema_editor):
    Reminder = apps.get_model("reminders", "Reminder")
    for reminder in Reminder.objects.filter(uid__isnull=True).only("pk").iterator():
        Reminder.objects.filter(pk=reminder.pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("reminders", "0002_reminder_triage_answers")]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reminder",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
