"""Permissions-Policy on every page and on the service worker: browser features LumpGuide never
uses are off.

A policy governs documents and workers only, so images, styles, scripts, the manifest and JSON
go without it: it is 0.5 KB of header, and a phone on a slow network fetches half a dozen of
those before the first screen shows.

The policy is the LUMPGUIDE_PERMISSIONS_POLICY setting, {feature: [allowed origins]}: an empty
list allows no one, "self" the site itself, "*" everyone. A response that already carries a
Permissions-Policy header keeps its own.
"""

from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Permissions-Policy"
WORKER_URL_NAME = "service-worker"
KEYWORDS = {"self", "src"}


def permissions_policy(policy: Mapping[str, Iterable[str]]) -> str:
    """The header's value: {"camera": [], "fullscreen": ["self"]} is
    `camera=(), fullscreen=(self)`."""
    parts = []
    for feature, allowed in policy.items():
        origins = list(allowed)
        if "*" in origins:
            parts.append(f"{feature}=*")
        else:
            items = " ".join(o if o in KEYWORDS else f'"{o}"' for o in origins)
            parts.append(f"{feature}=({items})")
    return ", ".join(parts)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.LUMPGUIDE_PERMISSIONS_POLICY
        if policy and HEADER not in response and _is_document_or_worker(request, response):
            response[HEADER] = permissions_policy(policy)
        return response


def _is_document_or_worker(request: HttpRequest, response: HttpResponse) -> bool:
    if response.get("Content-Type", "").startswith("text/html"):
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == WORKER_URL_NAME


class DrainRequestBodyMiddleware:
    """Read what is left of a request body the view did not read (a 403, 405, 413 or 429
    answered before it), up to LUMPGUIDE_DRAIN_BODY_BYTES. Gunicorn drains at most 64 KB
    itself and then drops the keep-alive connection it has just called kept alive, so a
    proxy reusing it could give the next person a 502 (issue 21). A larger body never gets
    here in production: Caddy refuses it first (deploy/Caddyfile, request_body)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if 0 < length <= settings.LUMPGUIDE_DRAIN_BODY_BYTES:
            try:
                while request.read(64 * 1024):
                    pass
            except OSError:  # the client went away: nothing to keep alive
                pass
        return response
