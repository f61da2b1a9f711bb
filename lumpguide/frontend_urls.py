"""The one map of URLs the JavaScript uses, every one from reverse(): the pages get it as a
json_script block (id "lumpguide-config"), the service worker inside its CONFIG."""

from django.templatetags.static import static
from django.urls import reverse

#: Stands for a condition's slug in the "condition" URL; the script puts the slug in its place.
SLUG = "__slug__"


def urls() -> dict[str, str]:
    return {
        "home": reverse("home"),
        "offline": reverse("offline"),
        "service_worker": reverse("service-worker"),
        "triage_spec": reverse("triage:spec"),
        "condition": reverse("conditions:detail", args=[SLUG]),
        "check_in": reverse("reminders:check_in"),
        "icon": static("icons/icon-192.png"),
    }


def never_cache() -> list[str]:
    """URL prefixes the service worker never stores: the admin, the JSON API, itself."""
    return [
        reverse("admin:index"),
        reverse("triage:api-questionnaire").rsplit("/", 1)[0] + "/",
        reverse("service-worker"),
    ]
