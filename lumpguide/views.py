"""Site-wide pages: home, settings, the health check (the offline app is apps/pwa)."""

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

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
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
