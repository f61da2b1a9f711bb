"""Create the Web Push (VAPID) key pair once, where settings expect it, and keep it."""

from django.core.management.base import BaseCommand, CommandError

from apps.reminders import push


class Command(BaseCommand):
    help = "Create a VAPID key pair for Web Push if none exists (never replaces one)."

    def handle(self, *args, **options) -> None:
        path = push.private_key_path()
        try:
            created = push.generate_keys(path=path)
            public_key = push.application_server_key()
        except (OSError, push.VapidKeysMissing) as exc:
            # One line naming the setting and the path, not a traceback (issue 21).
            raise CommandError(f"LUMPGUIDE_VAPID_PRIVATE_KEY_FILE ({path}): {exc}") from exc
        if created:
            self.stdout.write(f"Created a VAPID key pair at {path}.")
        else:
            self.stdout.write(f"Using the VAPID key at {path}.")
        self.stdout.write(f"Public key (applicationServerKey): {public_key}")
