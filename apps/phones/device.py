"""The phone's identity in a request: a random key in a secure, HTTP-only, SameSite=Lax cookie.

Every app that keeps something for a phone (reminders, the diary) finds it here."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from apps.phones import services
from apps.phones.models import Device
from lumpguide import limits

MAX_AGE = 2 * 365 * 24 * 3600


def current_device(request: HttpRequest) -> Device | None:
    if not hasattr(request, "_lumpguide_device"):
        key = request.COOKIES.get(settings.LUMPGUIDE_DEVICE_COOKIE)
        request._lumpguide_device = services.find_device(key=key)
    return request._lumpguide_device


def device_for_write(request: HttpRequest) -> Device:
    """The device, created on first need; the cookie is set by @uses_device."""
    device = current_device(request)
    if device is None:
        limits.check_new_device(request)
        device, key = services.create_device()
        request._lumpguide_device = device
        request._lumpguide_new_key = key
    return device


def forget_device(request: HttpRequest) -> None:
    request._lumpguide_device = None
    request._lumpguide_forget = True


def uses_device(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if getattr(request, "_lumpguide_forget", False):
            response.delete_cookie(settings.LUMPGUIDE_DEVICE_COOKIE, samesite="Lax")
        elif key := getattr(request, "_lumpguide_new_key", None):
            response.set_cookie(
                settings.LUMPGUIDE_DEVICE_COOKIE,
                key,
                max_age=MAX_AGE,
                secure=request.is_secure() or settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    return wrapper


def limit_reached(response: HttpResponse, limit: services.LimitReached) -> HttpResponse:
    """The response, as the 429 of a phone's fair limit (README "Limits")."""
    response.status_code = 429
    response["Retry-After"] = str(limit.retry_after)
    return response
