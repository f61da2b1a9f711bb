from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "apps.reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        from apps.phones import kept
        from apps.reminders import tasks  # noqa: F401 (its receiver forgets a phone's sends)
        from apps.reminders.your_data import KEPT

        kept.register(*KEPT)
