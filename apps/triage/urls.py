from django.urls import path

from apps.triage import api, views

app_name = "triage"
urlpatterns = [
    path("check/", views.start, name="start"),
    path("check/q/<slug:question_id>/", views.question, name="question"),
    path("check/summary/", views.summary, name="summary"),
    path("check/result/", views.result, name="result"),
    path("check/restart/", views.restart, name="restart"),
    path("check/forget/", views.forget, name="forget"),
    path("check/offline-answers/", views.keep_offline_answers, name="keep_offline_answers"),
    path("check/spec.json", views.spec, name="spec"),
    path("api/triage/questionnaire", api.questionnaire, name="api-questionnaire"),
    path("api/triage/next", api.next_question, name="api-next"),
    path("api/triage/openapi.json", api.openapi, name="api-openapi"),
]
