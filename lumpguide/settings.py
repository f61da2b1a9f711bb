"""LumpGuide settings, read from environment variables.

Local use needs no variables at all. Production sets DJANGO_PRODUCTION=1, which turns on
HTTPS-only cookies, HSTS and the redirect to HTTPS, and requires DJANGO_SECRET_KEY.
README.md lists every variable.
"""

from pathlib import Path

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import to_language

from lumpguide.database import database_from_url
from lumpguide.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = env_bool("DJANGO_PRODUCTION")
DEBUG = env_bool("DJANGO_DEBUG") and not PRODUCTION

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_PRODUCTION=1.")
    SECRET_KEY = "local-only-insecure-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "django_ratelimit",
    "apps.conditions",
    "apps.triage",
    "apps.phones",
    "apps.reminders",
    "apps.diary",
    "apps.handover",
    "apps.pwa",
]

MIDDLEWARE = [
    # Outermost: whatever answered, an unread request body is read to its end.
    "lumpguide.middleware.DrainRequestBodyMiddleware",
    # Then, so that it compresses what every other middleware produced. Django's GZip
    # middleware pads responses against BREACH, and CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lumpguide.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lumpguide.limits.RateLimitMiddleware",
]

ROOT_URLCONF = "lumpguide.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lumpguide.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "lumpguide.wsgi.application"
ASGI_APPLICATION = "lumpguide.asgi.application"

DATABASES = {"default": database_from_url(env_str("DATABASE_URL"), base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English, then each language with a catalogue in locale/ (so adding a language is files:
# README, "Languages"), each by its own name, as the switcher shows it.
# A folder is named as makemessages names it ("pt_BR"); the language code is "pt-br".
_CATALOGUES = sorted(
    to_language(p.parts[-3]) for p in (BASE_DIR / "locale").glob("*/LC_MESSAGES/django.po")
)


def _own_name(code: str) -> str:
    name = LANG_INFO.get(code, {}).get("name_local", code)
    return name[:1].upper() + name[1:]


LANGUAGES = [("en", "English")] + [(code, _own_name(code)) for code in _CATALOGUES]
LANGUAGE_COOKIE_NAME = "lumpguide_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each language's date and time formats (lumpguide/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["lumpguide.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "lumpguide.static_storage.StaticStorage"},
}
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}

# Content Security Policy: our own origin only, no inline code, no eval. Every script is a
# file of our own, so a nonce would add nothing to 'self' (and cost a token a response).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # blob: for the photos of the lump, drawn from this phone's own storage (static/js/photos.js)
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Database sessions (ADR 0003), read with one plain SELECT (lumpguide/sessions.py).
SESSION_ENGINE = "lumpguide.sessions"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"

# A form whose CSRF token no longer matches gets the 403 page that says to go back and try
# again (JSON under /api/).
CSRF_FAILURE_VIEW = "lumpguide.errors.csrf_failure"

# Permissions-Policy (lumpguide/middleware.py): browser features LumpGuide never uses, turned
# off for every page. Each feature maps to the origins allowed to use it; empty allows none.
# Only features Chromium recognises: it logs an error on every page for any other name (such as
# "bluetooth"), and tests/browser/test_error_pages.py checks there is none.
LUMPGUIDE_PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "captured-surface-control",
        "compute-pressure",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "speaker-selection",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
}

# Trust X-Forwarded-Proto (and the client address in X-Forwarded-For) only when a reverse
# proxy that sets them, and strips what clients send, stands in front of LumpGuide.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Two caches, both Django's own. "default", the database, is shared by every web process and
# worker. "local" is each process's memory: what must cost nothing on every request (the
# per-address rate counts, which version of the questionnaire is active) is kept there.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lumpguide_cache",
    },
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "lumpguide-local",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    # Parts of pages that are the same for everyone who sees them ({% cache ... using=
    # "fragments" %}): the site's header, a question's choices, an article. Each key names
    # the content's version, so a change is a new key; at most ~2,000 parts (a few MB).
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "lumpguide-fragments",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# The per-address limits count in "local" by default: each web process counts alone, so with
# N processes a client can reach up to N times a limit before a 429, and no request writes to
# the database to be counted. "default" counts across every process and machine, for about
# ten database queries (a write among them) per counted request.
RATELIMIT_USE_CACHE = env_str("LUMPGUIDE_RATELIMIT_CACHE", "local")
if RATELIMIT_USE_CACHE not in ("local", "default"):
    raise ImproperlyConfigured('LUMPGUIDE_RATELIMIT_CACHE must be "local" or "default"')
RATELIMIT_ENABLE = env_bool("LUMPGUIDE_RATELIMIT_ENABLE", True)
# django-ratelimit objects to both: the memory cache is not shared between processes (see
# above), and the database cache's increment is not atomic (two processes counting at the
# same instant may count once). The limits are for fairness, not security, so that is
# accepted rather than running another service.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# How long a web process trusts what it knows of the content (which questionnaire is active,
# the service worker's list of pages) before it asks the database again: a questionnaire or
# article loaded or edited reaches every process within this many seconds.
LUMPGUIDE_CONTENT_RECHECK_SECONDS = env_int("LUMPGUIDE_CONTENT_RECHECK_SECONDS", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}

# LumpGuide's own settings.
LUMPGUIDE_DEFAULT_REGION = env_str("LUMPGUIDE_DEFAULT_REGION", "uk")
LUMPGUIDE_CONTENT_DIR = BASE_DIR / "content"
# Changes whenever the deployed code or content changes; names the service worker's caches.
LUMPGUIDE_VERSION = env_str("LUMPGUIDE_VERSION", "")
# Where the canonical URLs of LumpGuide's FHIR Questionnaire and CodeSystems (and the system of
# its documents' ids) start: one name for each meaning, whatever host a file was made on.
LUMPGUIDE_CANONICAL_BASE = env_str("LUMPGUIDE_CANONICAL_BASE", "https://lumpguide.example")

# Reminders: Web Push (VAPID) keys and delivery timings. `manage.py ensure_vapid_keys` (run by
# `make run`) creates the private key file once when it is missing; the public key is derived.
LUMPGUIDE_VAPID_PRIVATE_KEY_FILE = Path(
    env_str(
        "LUMPGUIDE_VAPID_PRIVATE_KEY_FILE", str(BASE_DIR / "local" / "vapid" / "private_key.pem")
    )
)
LUMPGUIDE_VAPID_SUBJECT = env_str("LUMPGUIDE_VAPID_SUBJECT", "mailto:reminders@lumpguide.example")
LUMPGUIDE_PUSH_TTL_SECONDS = env_int("LUMPGUIDE_PUSH_TTL_SECONDS", 86_400)
LUMPGUIDE_PUSH_TIMEOUT_SECONDS = env_int("LUMPGUIDE_PUSH_TIMEOUT_SECONDS", 10)
# A claimed reminder whose worker vanished is tried again after the lease (> pushes' timeouts).
LUMPGUIDE_REMINDER_LEASE_SECONDS = env_int("LUMPGUIDE_REMINDER_LEASE_SECONDS", 120)
LUMPGUIDE_REMINDER_RETRY_SECONDS = env_int("LUMPGUIDE_REMINDER_RETRY_SECONDS", 60)
LUMPGUIDE_REMINDER_MAX_ATTEMPTS = env_int("LUMPGUIDE_REMINDER_MAX_ATTEMPTS", 8)
LUMPGUIDE_REMINDER_SWEEP_SECONDS = env_int("LUMPGUIDE_REMINDER_SWEEP_SECONDS", 300)
# Finished task rows (sends, sweeps) are deleted by the sweep after this many days.
LUMPGUIDE_TASK_RESULTS_DAYS = env_int("LUMPGUIDE_TASK_RESULTS_DAYS", 7)
LUMPGUIDE_DEVICE_COOKIE = "lumpguide_device"

# Web Push: the worker only ever contacts these push services, over HTTPS, following no
# redirect. A name starting with a dot matches that domain's subdomains. Extend the list with
# LUMPGUIDE_PUSH_EXTRA_HOSTS (comma-separated); README "Reminders" lists what each one is.
LUMPGUIDE_PUSH_HOSTS = [
    "fcm.googleapis.com",  # Chrome, Edge on Android, Samsung Internet, Opera (Firebase)
    "android.googleapis.com",  # older Chrome subscriptions (also Firebase)
    ".push.services.mozilla.com",  # Firefox (Mozilla autopush)
    ".push.apple.com",  # Safari on macOS and iOS (Apple Web Push)
    ".notify.windows.com",  # Edge on Windows (Windows Notification Service)
    *env_list("LUMPGUIDE_PUSH_EXTRA_HOSTS", []),
]
LUMPGUIDE_PUSH_SCHEMES = ["https"]

# Fair limits (README "Limits"). Per phone: open reminders and check-ins a day. Per client
# address: requests per minute to the JSON API, form posts, and new phone keys per hour.
LUMPGUIDE_MAX_OPEN_REMINDERS = env_int("LUMPGUIDE_MAX_OPEN_REMINDERS", 20)
LUMPGUIDE_MAX_NEW_REMINDERS_PER_DAY = env_int("LUMPGUIDE_MAX_NEW_REMINDERS_PER_DAY", 20)
LUMPGUIDE_MAX_CHECK_INS_PER_DAY = env_int("LUMPGUIDE_MAX_CHECK_INS_PER_DAY", 20)
# An unread request body is read to its end up to this size, so that the connection stays
# usable (lumpguide/middleware.py); the proxy refuses larger ones (deploy/Caddyfile).
LUMPGUIDE_DRAIN_BODY_BYTES = env_int("LUMPGUIDE_DRAIN_BODY_BYTES", 1024 * 1024)
LUMPGUIDE_RATE_API = env_str("LUMPGUIDE_RATE_API", "120/m")
LUMPGUIDE_RATE_FORMS = env_str("LUMPGUIDE_RATE_FORMS", "60/m")
LUMPGUIDE_RATE_NEW_DEVICES = env_str("LUMPGUIDE_RATE_NEW_DEVICES", "20/h")
