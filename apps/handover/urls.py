from django.urls import path

from apps.handover import fhir, views

app_name = "handover"
urlpatterns = [
    path("handover/", views.summary, name="summary"),
    path("handover/lumpguide-summary.txt", views.text, name="text"),
    path("handover/lumpguide-summary.fhir.json", views.fhir_download, name="fhir"),
    path(
        f"fhir/Questionnaire/{fhir.QUESTIONNAIRE_ID}",
        views.fhir_questionnaire,
        name="fhir_questionnaire",
    ),
    path("fhir/CodeSystem/<slug:name>", views.fhir_code_system, name="fhir_code_system"),
]
