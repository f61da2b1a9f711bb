"""A push attempt keeps the SHA-256 of the endpoint it went to, not the endpoint: once
notifications are turned off (the subscription deleted), no copy of the address is left."""

import hashlib

from django.db import migrations, models


def hash_endpoints(apps, schema_editor):
    PushAttempt = apps.get_model("reminders", "PushAttempt")
    for attempt in PushAttempt.objects.only("pk", "endpoint").iterator(chunk_size=500):
        attempt.endpoint_sha256 = hashlib.sha256(attempt.endpoint.encode()).hexdigest()
        attempt.save(update_fields=["endpoint_sha256"])


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0006_reminder_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="pushattempt",
            name="endpoint_sha256",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(hash_endpoints, migrations.RunPython.noop),
        migrations.RemoveField(model_name="pushattempt", name="endpoint"),
    ]
