from django.apps import AppConfig


class PwaConfig(AppConfig):
    """The installable, offline web app: the manifest, the service worker and what it stores,
    and the offline page. On top of every other app: it reads their pages, none reads it."""

    name = "apps.pwa"
    verbose_name = "Offline web app"
