"""What the service worker stores for offline use, and the version that names its caches."""

import hashlib
import json

from django.conf import settings
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language

from apps.conditions import search
from apps.conditions.selectors import article_cache_keys
from apps.triage.questionnaire_store import current_questionnaire
from lumpguide import frontend_urls

STATIC_FILES = [
    "css/app.css",
    "js/app.js",
    "js/search.js",
    "js/reminders.js",
    "js/sw-reminders.js",
    "js/triage-engine.js",
    "js/triage-presenters.js",
    "js/triage.js",
    "js/handover.js",
    "js/photos.js",
    "django_htmx/htmx-2.min.js",
    "icons/icon-32.png",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/apple-touch-icon.png",
]


#: The templates the offline screens are made of (pwa/offline_screens.html and the triage
#: parts it includes).
OFFLINE_TEMPLATES = [
    "pwa/offline_screens.html",
    "triage/question.html",
    "triage/summary.html",
    "triage/result.html",
    "includes/call_button.html",
    "includes/disclaimer.html",
    "includes/photo_take.html",
    "includes/photo_item.html",
    "includes/photo_missing.html",
]


def build() -> dict:
    """The service worker's configuration: cache version, static files and pages to store."""
    static_urls = [static(path) for path in STATIC_FILES]
    article_keys = article_cache_keys()
    pages = [
        reverse("home"),
        reverse("offline"),
        reverse("conditions:list"),
        reverse("triage:start"),
        reverse("triage:spec"),
        reverse("offline_screens"),
        reverse("diary:check_in"),
        # Holds no photo: photos.js fills it from the phone's own storage, offline too.
        reverse("diary:photos"),
        *(url for url, _ in article_keys),
    ]
    fingerprint = json.dumps(
        [
            settings.LUMPGUIDE_VERSION,
            get_language(),
            static_urls,
            article_keys,
            current_questionnaire().spec,
            # The offline screens are these templates: a change to one is a new version.
            [get_template(name).template.source for name in OFFLINE_TEMPLATES],
            # The search's synonyms are in the stored list page: a change is a new version.
            search.words_file(get_language() or "en").read_text(encoding="utf-8"),
        ],
        sort_keys=True,
        default=str,
    )
    version = hashlib.sha256(fingerprint.encode()).hexdigest()[:12]
    return {
        "version": version,
        "language": get_language(),
        "static": static_urls,
        "pages": pages,
        "offline": reverse("offline"),
        "searchPages": [reverse("conditions:list")],
        "neverCache": frontend_urls.never_cache(),
        "staticPrefix": settings.STATIC_URL,
        "urls": frontend_urls.urls(),
    }
