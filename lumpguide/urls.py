"""LumpGuide URL configuration."""

from django.contrib import admin
from django.urls import include, path

from lumpguide import errors, views

urlpatterns = [
    path("", views.home, name="home"),
    path("settings/", views.settings_view, name="settings"),
    path("healthz", views.healthz, name="healthz"),
    path("conditions/", include("apps.conditions.urls")),
    path("", include("apps.triage.urls")),
    path("", include("apps.reminders.urls")),
    path("", include("apps.diary.urls")),
    path("", include("apps.phones.urls")),
    path("", include("apps.handover.urls")),
    path("", include("apps.pwa.urls")),
    path("admin/", admin.site.urls),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
