from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "apps.triage"
    verbose_name = "Triage"
