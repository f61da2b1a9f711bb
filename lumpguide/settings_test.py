"""Settings for the tests: LumpGuide's own, plus the tests' push service on loopback.

Only here may a push endpoint be plain HTTP on this machine (tests/reminders/fake_push.py);
production and `make run` allow HTTPS push services on the allowlist alone. Rate limits are
high so that ordinary tests never meet them; the limit tests set their own.
"""

from lumpguide.settings import *  # noqa: F403
from lumpguide.settings import LUMPGUIDE_PUSH_HOSTS

LUMPGUIDE_PUSH_HOSTS = [*LUMPGUIDE_PUSH_HOSTS, "127.0.0.1", "localhost"]
LUMPGUIDE_PUSH_SCHEMES = ["https", "http"]
LUMPGUIDE_RATE_API = "100000/m"
LUMPGUIDE_RATE_FORMS = "100000/m"
LUMPGUIDE_RATE_NEW_DEVICES = "100000/h"
# A test changes the content and rolls it back: ask the database every time.
LUMPGUIDE_CONTENT_RECHECK_SECONDS = 0
# The tests' admin users (pytest-django's admin_client) need no slow password hash: PBKDF2's
# 1.2 million rounds took most of a second each.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
