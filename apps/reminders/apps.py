from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "apps.reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        from apps.phones import kept
        from apps.reminders.your_data import KEPT

        kept.register(*KEPT)
