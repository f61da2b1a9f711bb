"""The offline web app's own pages: the offline page, the web app manifest, the service
worker, with the configuration of what it stores (offline_manifest), and the triage screens
as the offline script fills them (offline_screens)."""

import hashlib
import json

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe
from django.views.decorators.vary import vary_on_cookie

from apps.pwa import offline_manifest
from apps.pwa.offline_screens import context as offline_screens_context
from lumpguide.context_processors import current_region
from lumpguide.rendering import render_page


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    return render_page(request, "pwa/offline.html")


@require_safe
@cache_control(max_age=3600, public=True)
@vary_on_cookie  # its language can come from the language cookie
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "id": "/",
        "name": "LumpGuide",
        "short_name": "LumpGuide",
        "description": _(
            "How urgent is a sore lump on your lower back, what it might be, and what to do now."
        ),
        "lang": request.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": "#005eb8",
        "background_color": "#ffffff",
        "categories": ["health", "medical"],
        "prefer_related_applications": False,
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"indent": 1}
    )


SERVICE_WORKER_KEY = "site:sw.js"


def _service_worker(request: HttpRequest) -> tuple[str, str]:
    """The service worker with its configuration, and its ETag, for the request's language
    (each edition's worker stores that edition's pages): made at most once per
    LUMPGUIDE_CONTENT_RECHECK_SECONDS per process and language (browsers ask for it on every
    visit), and looked up once per request, for the ETag and the body."""
    if not hasattr(request, "_lumpguide_sw"):
        request._lumpguide_sw = caches["local"].get_or_set(
            f"{SERVICE_WORKER_KEY}:{get_language()}",
            _make_service_worker,
            settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS,
        )
    return request._lumpguide_sw


def _make_service_worker() -> tuple[str, str]:
    body = render_to_string(
        "pwa/sw.js",
        {
            "config": json.dumps(offline_manifest.build(), indent=1),
            "reminders_sw": static("js/sw-reminders.js"),
        },
    )
    return body, hashlib.sha256(body.encode()).hexdigest()[:32]


@require_safe
@cache_control(no_cache=True, max_age=0)
@condition(etag_func=lambda request: _service_worker(request)[1])
def service_worker(request: HttpRequest) -> HttpResponse:
    """Answered 304 when the browser's copy is current (its ETag)."""
    body, _etag = _service_worker(request)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@cache_control(max_age=0, no_cache=True)
def offline_screens(request: HttpRequest) -> HttpResponse:
    """The question, summary and result screens with markers, for the offline script to fill
    (the service worker keeps this page)."""
    context = offline_screens_context(current_region(request))
    # Always the whole document (it has no HTMX fragment), whoever asks.
    return TemplateResponse(request, "pwa/offline_screens.html", context)
