from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "apps.conditions"
    verbose_name = "Condition articles"
