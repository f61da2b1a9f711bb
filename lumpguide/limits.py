"""Fair limits per client address, counted with django-ratelimit in the shared cache.

- every request to the JSON API (LUMPGUIDE_RATE_API),
- every form POST (and any other unsafe method) elsewhere (LUMPGUIDE_RATE_FORMS),
- new phone keys (LUMPGUIDE_RATE_NEW_DEVICES), checked where a device is created.

The cache is Django's database cache by default, so the counts hold across web processes.
A request over a limit gets 429 with Retry-After: JSON for the API, else the 429 page.
"""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django_ratelimit.core import get_usage

from lumpguide.errors import too_many_requests

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TooManyRequests(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Rate limit reached; retry after {retry_after} s")
        self.retry_after = retry_after


def client_address(group: str, request: HttpRequest) -> str:
    """Whose requests are counted together: REMOTE_ADDR, or, behind a trusted proxy
    (DJANGO_BEHIND_PROXY), the last address in X-Forwarded-For, the one that proxy saw. An
    IPv6 address counts as its /64, which one phone or home is given whole: rotating
    addresses within it (privacy addresses do, every few hours) is one client."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            address = last[:64]
    return counted_as(address)


def counted_as(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.IPv6Network((ip, 64), strict=False))


def check(request: HttpRequest, *, group: str, rate: str) -> None:
    """Count this request in `group`; TooManyRequests if it is over `rate` (say "60/m")."""
    usage = get_usage(request, group=group, key=client_address, rate=rate, increment=True)
    if usage and usage["should_limit"]:
        raise TooManyRequests(max(1, int(usage["time_left"])))


def check_new_device(request: HttpRequest) -> None:
    check(request, group="new-device", rate=settings.LUMPGUIDE_RATE_NEW_DEVICES)


class RateLimitMiddleware:
    """Applies the API and form limits, and answers any TooManyRequests with a 429."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            if request.path.startswith("/api/"):
                check(request, group="api", rate=settings.LUMPGUIDE_RATE_API)
            elif request.method not in SAFE_METHODS:
                check(request, group="forms", rate=settings.LUMPGUIDE_RATE_FORMS)
        except TooManyRequests as exc:
            return too_many_requests(request, retry_after=exc.retry_after)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, TooManyRequests):
            return too_many_requests(request, retry_after=exception.retry_after)
        return None
