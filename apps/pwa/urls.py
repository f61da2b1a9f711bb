"""The offline web app's URLs, at the site's root (a service worker's scope is its folder)."""

from django.urls import path

from apps.pwa import views

urlpatterns = [
    path("offline/", views.offline, name="offline"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service-worker"),
    # Beside the triage screens it is drawn from (the service worker keeps it)
    path("check/offline-screens/", views.offline_screens, name="offline_screens"),
]
