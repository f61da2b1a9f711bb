"""The one map of URLs the JavaScript uses, every one from reverse(): the pages get it as a
json_script block (id "lumpguide-config"), the service worker inside its CONFIG."""

from django.templatetags.static import static
from django.urls import reverse

#: Stand for a condition's slug and a question's id in those URLs; scripts fill them in.
SLUG = "__slug__"
QUESTION = "__question__"


def urls() -> dict[str, str]:
    return {
        "home": reverse("home"),
        "offline": reverse("offline"),
        "service_worker": reverse("service-worker"),
        "triage_spec": reverse("triage:spec"),
        "triage_offline_screens": reverse("offline_screens"),
        "triage_start": reverse("triage:start"),
        "triage_question": reverse("triage:question", args=[QUESTION]),
        "triage_summary": reverse("triage:summary"),
        "triage_result": reverse("triage:result"),
        "triage_restart": reverse("triage:restart"),
        "triage_forget": reverse("triage:forget"),
        "triage_keep_answers": reverse("triage:keep_offline_answers"),
        "condition": reverse("conditions:detail", args=[SLUG]),
        "check_in": reverse("diary:check_in"),
        "icon": static("icons/icon-192.png"),
    }


def never_cache() -> list[str]:
    """URL prefixes the service worker never stores: the admin, the JSON API, itself."""
    return [
        reverse("admin:index"),
        reverse("triage:api-questionnaire").rsplit("/", 1)[0] + "/",
        reverse("service-worker"),
    ]
