"""Which push endpoints LumpGuide may contact: real Web Push services only (no SSRF).

A browser's PushSubscription names the push service's URL. The server POSTs to it, so an
endpoint is accepted only over an allowed scheme (HTTPS; the tests add plain HTTP on
loopback) to a host on settings.LUMPGUIDE_PUSH_HOSTS, where a name starting with a dot
matches that domain's subdomains. It is checked when a phone subscribes and again before
every send, and no redirect is ever followed (push.send).
"""

import base64
import json
import re
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

MAX_LENGTH = 1000
# Printable ASCII only: no spaces, control characters, NUL or lone surrogates, and no
# backslash, which urlsplit keeps inside a host name while the HTTP client that sends stops
# the host there ("https://127.0.0.1\\.push.services.mozilla.com/" would reach 127.0.0.1).
_URL_CHARACTERS = re.compile(r"[!-\[\]-~]+")
# The part after "//": a host name of letters, digits, dots and hyphens, and perhaps a port.
# Nothing else (no user name, no brackets), so every parser finds the same host.
_NETLOC = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?")
#: Where push services listen: an https endpoint on another port is refused.
HTTPS_PORT = 443
# The subscription's keys are base64url (p256dh is 87 characters, auth 22; some browsers pad).
_KEY = re.compile(r"[A-Za-z0-9_\-]+=*")
MAX_BODY = 4096


class EndpointRefused(ValueError):
    """An endpoint that is not a known push service's HTTPS URL."""


def check_endpoint(endpoint: object) -> str:
    """The endpoint, if LumpGuide may send to it; else EndpointRefused saying why."""
    if not isinstance(endpoint, str) or not endpoint:
        raise EndpointRefused("The endpoint must be a URL.")
    if len(endpoint) > MAX_LENGTH or not _URL_CHARACTERS.fullmatch(endpoint):
        raise EndpointRefused("The endpoint is not a valid URL.")
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").rstrip(".").lower()
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as exc:
        raise EndpointRefused("The endpoint is not a valid URL.") from exc
    if parts.scheme not in settings.LUMPGUIDE_PUSH_SCHEMES:
        raise EndpointRefused("The endpoint must use HTTPS.")
    if parts.username is not None or parts.password is not None:
        raise EndpointRefused("The endpoint must not carry a user name or password.")
    if not _NETLOC.fullmatch(parts.netloc):
        raise EndpointRefused("The endpoint is not a valid URL.")
    if parts.scheme == "https" and parts.port not in (None, HTTPS_PORT):
        raise EndpointRefused("The endpoint must use the HTTPS port.")
    if not host_allowed(host):
        raise EndpointRefused("The endpoint is not a push service LumpGuide sends to.")
    return endpoint


def host_allowed(host: str) -> bool:
    for allowed in settings.LUMPGUIDE_PUSH_HOSTS:
        allowed = allowed.lower()
        if allowed.startswith("."):
            if host.endswith(allowed) and len(host) > len(allowed):
                return True
        elif host == allowed:
            return True
    return False


def is_allowed(endpoint: object) -> bool:
    try:
        check_endpoint(endpoint)
    except EndpointRefused:
        return False
    return True


def parse_subscription(body: bytes) -> dict[str, str]:
    """A PushSubscription's JSON as {endpoint, p256dh, auth}; EndpointRefused if it is not one."""
    if len(body) > MAX_BODY:
        raise EndpointRefused("The subscription is too large.")
    try:
        data = json.loads(body)
        endpoint, keys = data["endpoint"], data["keys"]
        p256dh, auth = keys["p256dh"], keys["auth"]
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise EndpointRefused("Expected a PushSubscription as JSON.") from exc
    if not (valid_p256dh(p256dh) and valid_auth(auth)):
        raise EndpointRefused("The subscription's keys are not valid.")
    return {"endpoint": check_endpoint(endpoint), "p256dh": p256dh, "auth": auth}


def _b64url(value: object, most: int) -> bytes | None:
    if not (isinstance(value, str) and len(value) <= most and _KEY.fullmatch(value)):
        return None
    try:
        return base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except ValueError:
        return None


def valid_p256dh(value: object) -> bool:
    """The browser's P-256 public key: 65 bytes, a point on the curve."""
    raw = _b64url(value, 200)
    if raw is None or len(raw) != 65:
        return False
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        return False
    return True


def valid_auth(value: object) -> bool:
    """The subscription's authentication secret: 16 bytes."""
    raw = _b64url(value, 100)
    return raw is not None and len(raw) == 16
