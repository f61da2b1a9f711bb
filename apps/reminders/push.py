"""Web Push through pywebpush: VAPID keys from settings, and what a push service answered."""

import base64
import email.utils
import enum
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import requests
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.utils import timezone
from py_vapid import Vapid, VapidException
from pywebpush import WebPushException, webpush

from apps.reminders import push_endpoints


class Outcome(enum.StrEnum):
    ACCEPTED = "accepted"  # 201/202: the push service has it
    GONE = "gone"  # 404/410: the subscription no longer exists
    RETRY = "retry"  # 429, 5xx, timeouts, network errors
    REJECTED = "rejected"  # any other 4xx (or a redirect): retrying will not help
    REFUSED = "refused"  # not an allowed push service: never contacted


@dataclass(frozen=True)
class PushResult:
    outcome: Outcome
    status_code: int | None = None
    retry_after: float | None = None
    detail: str = ""


class VapidKeysMissing(RuntimeError):
    """No usable VAPID key: none at the path, or one that cannot be read (a corrupt file, a
    folder). Pages then offer the calendar file only; a send is retried, then fails."""


class _NoRedirects(requests.Session):
    """A session that never follows a redirect: a 3xx is the push service's last word."""

    def get_redirect_target(self, resp):
        return None


def private_key_path() -> Path:
    return Path(settings.LUMPGUIDE_VAPID_PRIVATE_KEY_FILE)


@cache
def _vapid(path: str, mtime: float) -> Vapid:
    return Vapid.from_file(path)


def vapid() -> Vapid:
    path = private_key_path()
    try:
        return _vapid(str(path), path.stat().st_mtime)
    except FileNotFoundError:
        raise VapidKeysMissing(
            f"No VAPID key at {path}: run `manage.py ensure_vapid_keys`."
        ) from None
    except (OSError, ValueError, VapidException) as exc:
        raise VapidKeysMissing(
            f"The VAPID key at {path} cannot be read ({type(exc).__name__}): restore it from "
            "the backup (a new key would end every phone's notifications)."
        ) from exc


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def application_server_key() -> str:
    """The public key for PushManager.subscribe(): base64url of the uncompressed point."""
    public = vapid().public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return b64url(public)


def generate_keys(*, path: Path) -> bool:
    """Create a key pair at path unless one is there. True when a new one was made."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = Vapid()
    keys.generate_keys()
    keys.save_key(str(path))
    path.chmod(0o600)
    return True


def send(
    *, subscription_info: dict, payload: dict, topic: str, urgency: str = "normal"
) -> PushResult:
    """Encrypt (aes128gcm) and post one message. Never raises for a push service's answer.

    Only an allowed push service is contacted (push_endpoints), and no redirect is followed.
    """
    if not push_endpoints.is_allowed(subscription_info.get("endpoint")):
        return PushResult(Outcome.REFUSED, detail="Not an allowed push service")
    try:
        key = vapid()
    except VapidKeysMissing as exc:  # the operator may put it back: retried, then failed
        return PushResult(Outcome.RETRY, detail=str(exc)[:200])
    try:
        response = webpush(
            subscription_info,
            data=json.dumps(payload, separators=(",", ":")),
            vapid_private_key=key,
            # pywebpush fills in "aud" and "exp" in place: a fresh dict every call.
            vapid_claims={"sub": settings.LUMPGUIDE_VAPID_SUBJECT},
            content_encoding="aes128gcm",
            ttl=settings.LUMPGUIDE_PUSH_TTL_SECONDS,
            timeout=settings.LUMPGUIDE_PUSH_TIMEOUT_SECONDS,
            headers={"Urgency": urgency, "Topic": topic},
            requests_session=_NoRedirects(),
        )
    except WebPushException as exc:
        status = exc.status_code if exc.response is not None else None
        if status is None:
            return PushResult(Outcome.RETRY, detail=str(exc)[:200])
        return _classify(status, exc.retry_after, str(exc)[:200])
    except (requests.RequestException, OSError) as exc:
        return PushResult(Outcome.RETRY, detail=f"{type(exc).__name__}: {exc}"[:200])
    except (ValueError, TypeError) as exc:  # keys that cannot encrypt: the subscription is bad
        return PushResult(Outcome.REFUSED, detail=f"{type(exc).__name__}: {exc}"[:200])
    return _classify(response.status_code, None, "")


def _classify(status: int, retry_after: str | None, detail: str) -> PushResult:
    if status in (200, 201, 202):
        return PushResult(Outcome.ACCEPTED, status)
    if status in (404, 410):
        return PushResult(Outcome.GONE, status, detail=detail)
    if status == 429 or status >= 500:
        return PushResult(Outcome.RETRY, status, _seconds(retry_after), detail)
    return PushResult(Outcome.REJECTED, status, detail=detail)


def _seconds(retry_after: str | None) -> float | None:
    """Retry-After as seconds: it is either a number of seconds or an HTTP date."""
    if not retry_after:
        return None
    try:
        return max(0.0, float(retry_after))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(retry_after)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - timezone.now()).total_seconds())
