"""Site-wide pages: home, offline, settings, the web app manifest and the service worker."""

import hashlib
import json
import re

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_http_methods, require_safe
from django.views.decorators.vary import vary_on_cookie

from lumpguide import offline_manifest
from lumpguide.regions import COOKIE_NAME, REGIONS
from lumpguide.rendering import render_page

_LOCAL_PATH = re.compile(r"/(?![/\\])[!-~]{0,500}")


def safe_next(url: str) -> str:
    """`url` if it is a path on this site (printable ASCII, not //host), else ""."""
    return url if _LOCAL_PATH.fullmatch(url) else ""


def _set_language(request: HttpRequest, code: str, next_url: str) -> HttpResponse:
    """Keep the chosen language in its cookie (it wins over the browser's Accept-Language)."""
    if code not in dict(settings.LANGUAGES):
        context = {"next": next_url, "language_error": _("Choose one of the languages listed.")}
        return render_page(request, "settings.html", context, status=400)
    response = HttpResponseRedirect(next_url or f"{reverse('settings')}?saved=language")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=request.is_secure() or settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render_page(request, "home.html")


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    return render_page(request, "offline.html")


@require_http_methods(["GET", "HEAD", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request.POST.get("next") or request.GET.get("next") or "")
    if request.method == "POST" and "language" in request.POST:
        return _set_language(request, request.POST["language"], next_url)
    if request.method == "POST":
        code = request.POST.get("region", "")
        if code not in REGIONS:
            context = {"next": next_url, "error": _("Choose one of the regions listed.")}
            return render_page(request, "settings.html", context, status=400)
        response = HttpResponseRedirect(next_url or f"{reverse('settings')}?saved=1")
        response.set_cookie(
            COOKIE_NAME,
            code,
            max_age=365 * 24 * 3600,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response
    saved = request.GET.get("saved")
    return render_page(
        request,
        "settings.html",
        {"next": next_url, "saved": saved == "1", "saved_language": saved == "language"},
    )


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
        "sw.js",
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
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
