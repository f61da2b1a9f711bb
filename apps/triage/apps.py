from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "apps.triage"
    verbose_name = "Triage"

    def ready(self) -> None:
        from apps.phones import kept
        from apps.triage import handoff

        kept.register_session(
            kept.KeptInSession(data=handoff.session_data, rows=handoff.session_rows)
        )
