from django.apps import AppConfig


class PhonesConfig(AppConfig):
    """The phone identity every app shares (no accounts), and "Your data" over all of it."""

    name = "apps.phones"
    label = "phones"
    verbose_name = "Phones and their data"
