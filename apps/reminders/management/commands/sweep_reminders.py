"""Queue every due reminder that has no task waiting, and keep the periodic sweep going."""

from django.core.management.base import BaseCommand

from apps.reminders import tasks


class Command(BaseCommand):
    help = "Queue due reminders that have no pending task; start the periodic sweep task."

    def handle(self, *args, **options) -> None:
        queued = tasks.sweep()
        tasks.ensure_sweep()
        self.stdout.write(f"Queued {queued} due reminder(s) for the worker.")
