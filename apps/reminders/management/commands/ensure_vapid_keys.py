"""Create the Web Push (VAPID) key pair once, where settings expect it, and keep it."""

from django.core.management.base import BaseCommand

from apps.reminders import push


class Command(BaseCommand):
    help = "Create a VAPID key pair for Web Push if none exists (never replaces one)."

    def handle(self, *args, **options) -> None:
        path = push.private_key_path()
        if push.generate_keys(path=path):
            self.stdout.write(f"Created a VAPID key pair at {path}.")
        else:
            self.stdout.write(f"Using the VAPID key at {path}.")
        self.stdout.write(f"Public key (applicationServerKey): {push.application_server_key()}")
