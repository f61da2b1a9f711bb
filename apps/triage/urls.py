from django.urls import path

from apps.triage import views

app_name = "triage"
urlpatterns = [
    path("check/", views.start, name="start"),
]
