from django.apps import AppConfig


class HandoverConfig(AppConfig):
    """ "Summary for your doctor": one triage walk and the phone's diary, handed over on paper,
    as a QR code and as FHIR R4. It keeps nothing of its own: every summary is built on
    request from what triage, the diary and the reminders keep (and "Delete all" deletes)."""

    name = "apps.handover"
    default_auto_field = "django.db.models.BigAutoField"
