"""Error pages in the site's layout, with the way home and the region's emergency number.

Django calls these through handler400/403/404/500 in lumpguide/urls.py and CSRF_FAILURE_VIEW;
the rate limiter calls too_many_requests. Under /api/ every error is JSON: {"error": "..."}.
The 500 handler never fails itself: it renders with a small context of its own and falls back
to plain HTML (or JSON) with the default region's emergency number.
"""

import html
import logging
import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

from lumpguide.context_processors import current_region
from lumpguide.regions import REGIONS, region_for
from lumpguide.rendering import render_page

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
API_MESSAGES = {
    400: "The request could not be understood.",
    403: "The request was refused.",
    404: "Not found.",
    500: "Something went wrong on our side. Try again in a few minutes.",
}
CSRF_API_MESSAGE = "The request was refused: the CSRF check failed."
FALLBACK_500_JSON = '{"error": "Something went wrong on our side."}'
FALLBACK_500_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Something went wrong – LumpGuide</title>
</head>
<body>
<h1>Something went wrong on our side</h1>
<p>It is not something you did. Try again in a few minutes.</p>
<p><strong>If you feel very unwell or this is an emergency, call
<a href="tel:%(tel)s">%(number)s</a>.</strong></p>
<p><a href="/">Go to the home page</a></p>
</body>
</html>
"""


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _page(request: HttpRequest, template: str, status: int, context: dict | None = None):
    # Rendered now, not later: a response made in middleware is never rendered for us.
    return render_page(request, template, context, status=status).render()


# No @requires_csrf_token (Django's default handlers have it): it checks the token again,
# which reads request.POST, so a body that cannot be parsed (a wrong charset, a multipart
# body with no boundary) would raise inside the error page and become a 500. The pages'
# {% csrf_token %} still works: get_token() makes one when the request has none.
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return _json_error(API_MESSAGES[400], 400)
    return _page(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return _json_error(API_MESSAGES[403], 403)
    return _page(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return _json_error(API_MESSAGES[404], 404)
    return _page(request, "404.html", 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: most often a form left open until its token no longer matched."""
    if is_api(request):
        return _json_error(CSRF_API_MESSAGE, 403)
    referer = request.headers.get("Referer", "")
    back_url = (
        referer
        if url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        else ""
    )
    response = _page(request, "403.html", 403, {"csrf_failed": True, "back_url": back_url})
    if getattr(request, "htmx", False):
        # HTMX does not swap a 403, so the tap would do nothing: load the page afresh instead,
        # which also brings a new token.
        response["HX-Refresh"] = "true"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        if is_api(request):
            return _json_error(API_MESSAGES[500], 500)
        return HttpResponse(_render_500(request), status=500)
    except Exception:
        logger.exception("The 500 page failed; sending the plain fallback")
        return _fallback_500(request)


def _render_500(request: HttpRequest) -> str:
    """The 500 page from a minimal context: no context processors, no session, no database."""
    try:
        region = current_region(request)
    except Exception:
        region = _default_region()
    context = {"region": region}
    return render_to_string("500.html", context)


def _default_region():
    try:
        return region_for(None, default=settings.LUMPGUIDE_DEFAULT_REGION)
    except Exception:
        return REGIONS["uk"]


def _fallback_500(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        return HttpResponse(FALLBACK_500_JSON, status=500, content_type="application/json")
    number = _default_region().emergency_number
    body = FALLBACK_500_HTML % {
        "tel": html.escape(number.replace(" ", "")),
        "number": html.escape(number),
    }
    return HttpResponse(body, status=500, content_type="text/html; charset=utf-8")


def _prefers_json(request: HttpRequest) -> bool:
    preferred = request.get_preferred_type(["text/html", "application/json"])
    return preferred == "application/json"


def too_many_requests(
    request: HttpRequest, retry_after: int, *, json: bool = False
) -> HttpResponse:
    """429 with Retry-After: JSON for the API and for clients that prefer it, else the page."""
    seconds = max(0, math.ceil(retry_after))
    if json or is_api(request) or _prefers_json(request):
        message = f"Too many requests. Try again in {seconds} seconds."
        response: HttpResponse = JsonResponse(
            {"error": message, "retry_after": seconds}, status=429
        )
    else:
        context = {
            "retry_after": seconds,
            "wait_minutes": math.ceil(seconds / 60) if seconds >= 120 else None,
        }
        response = _page(request, "429.html", 429, context)
    response["Retry-After"] = str(seconds)
    return response
