"""The fuzz suite's browser: Django's test client in-process, one fresh client per example,
cookies kept as a browser keeps them, the CSRF token read from the page before each POST.

Every response is counted per target. A 5xx is recorded with the request that caused it and
the exception, and ends the example; the test then fails at its end with every distinct 5xx
it met (one per exception and place), so one known bug does not hide the rest, and the counts
of a big run stay whole. LUMPGUIDE_FUZZ_STOP=1 raises at the first 5xx instead, so that
Hypothesis shrinks the input; LUMPGUIDE_FUZZ_TRACE=1 prints every request and its status.
"""

import contextlib
import json
import os
import re
import sys
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.http import HttpResponseServerError
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from tests.fuzz.strategies import Ref, Visit, encode_pairs

BASE_DIR = Path(__file__).resolve().parents[2]
STOP_AT_FIRST = os.environ.get("LUMPGUIDE_FUZZ_STOP", "") not in {"", "0"}
TRACE = os.environ.get("LUMPGUIDE_FUZZ_TRACE", "") not in {"", "0"}  # print every request
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_HX_HEADERS = re.compile(rb'"x-csrftoken": "([^"]+)"')
FORM = "application/x-www-form-urlencoded"
HX_HEADERS = {"hx-request", "hx-target", "hx-trigger", "hx-trigger-name", "hx-boosted"}

# (target, backend) -> Counter of status classes; filled by every test, printed at the end.
COUNTS: dict[tuple[str, str], Counter] = defaultdict(Counter)
# backend -> Hypothesis examples run (each one a browser, one or more requests)
INPUTS: Counter = Counter()


class StopExample(Exception):
    """A 5xx was recorded: the rest of the example would only repeat it."""


@dataclass
class Failure:
    target: str
    signature: str
    request: str
    exception: str
    hits: int = 1

    def describe(self) -> str:
        return (
            f"{self.target}: {self.signature}  ({self.hits} input(s); the shortest:)\n"
            f"{self.request}\n{self.exception}"
        )


def shorten(value, limit: int = 300) -> str:
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text)} characters in all)"


def _signature(exc_info) -> tuple[str, str]:
    """The exception's type and the innermost line of our own code it passed through, and a
    short traceback for the report."""
    if not exc_info:
        return "no exception (a 5xx response)", ""
    exc_type, exc, tb = exc_info
    frames = traceback.extract_tb(tb)
    ours = [  # the app's own frames: not the packages', not the tests'
        f
        for f in frames
        if f.filename.startswith(str(BASE_DIR))
        and not f.filename.startswith((str(BASE_DIR / ".venv"), str(BASE_DIR / "tests")))
    ]
    place = "?"
    if ours or frames:
        where = (ours or frames)[-1]
        name = where.filename.removeprefix(f"{BASE_DIR}/")
        place = f"{name}:{where.lineno}"
    message = str(exc).splitlines()[0][:200] if str(exc) else ""
    short_tb = "".join(traceback.format_list(frames[-6:]))
    return f"{exc_type.__name__} at {place}", f"{exc_type.__name__}: {message}\n{short_tb}"


class Fuzz:
    """Per test: the world, the backend, counts and the 5xx met so far."""

    def __init__(self, world):
        self.world = world
        self.backend = connection.vendor
        self.failures: dict[str, Failure] = {}

    @contextlib.contextmanager
    def browser(self, visit: Visit):
        """A fresh browser for one example; whatever the example stored is rolled back."""
        INPUTS[self.backend] += 1
        with transaction.atomic():
            browser = Browser(self, visit)
            with contextlib.suppress(StopExample):
                yield browser
            transaction.set_rollback(True)

    def record(self, target: str, response, request_text: str, stream_error=None) -> None:
        """Count the response; a 5xx, or a streamed body that broke off (`stream_error`, as
        sys.exc_info()), is a failure."""
        status = 500 if stream_error else response.status_code
        counts = COUNTS[(target, self.backend)]
        counts["examples"] += 1
        counts[f"{status // 100}xx"] += 1
        if status == 403:
            counts["403"] += 1
        counts["max"] = max(counts["max"], status)
        if status < 500:
            return
        signature, exception = _signature(stream_error or getattr(response, "exc_info", None))
        key = f"{target} | {signature}"
        text = f"  {request_text}\n  -> {response.status_code}"
        if stream_error:
            text += ", then the streamed body broke off"
        failure = self.failures.get(key)
        if failure is None:
            self.failures[key] = Failure(target, signature, text, exception)
        else:
            failure.hits += 1
            if len(text) < len(failure.request):
                failure.request, failure.exception = text, exception
        if STOP_AT_FIRST:
            raise AssertionError(f"{target} gave {status}:\n{text}\n{exception}")
        raise StopExample

    def report(self) -> str:
        return f"{len(self.failures)} distinct server error(s) on {self.backend}:\n\n" + (
            "\n\n".join(f.describe() for f in self.failures.values())
        )

    def raise_failures(self) -> None:
        if self.failures:
            raise AssertionError(self.report())


@dataclass
class Browser:
    fuzz: Fuzz
    visit: Visit
    jar: dict = field(default_factory=dict)

    def __post_init__(self):
        self.client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        self.refs: dict[str, str] = {}  # what the world's names stood for, for the report
        self.notes: list[str] = []  # and what else the example set up
        self.jar = {name: self.resolve(value) for name, value in self.visit.cookies.items()}

    # Values -------------------------------------------------------------------------------

    def resolve(self, value):
        if not isinstance(value, Ref):
            return value
        resolved = self.fuzz.world.resolve(value)
        self.refs[repr(value)] = resolved
        return resolved

    def note(self, text: str) -> None:
        """Say in any report of this example what it set up (a reminder it stored, say)."""
        self.notes.append(text)

    def path(self, template: str, *parts) -> str:
        return template.format(*(self.resolve(p) for p in parts))

    # Requests -----------------------------------------------------------------------------

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.jar.items()) + self.visit.cookie_junk

    def request(
        self,
        target: str,
        method: str,
        path: str,
        *,
        body: bytes | str = b"",
        content_type: str = FORM,
        headers: dict | None = None,
    ):
        """One request as the browser sends it; the response's cookies go into the jar."""
        headers = {**self.visit.headers, **(headers or {})}
        extra = {"HTTP_COOKIE": self._cookie_header()}
        if "Host" in headers:
            extra["HTTP_HOST"] = headers.pop("Host")
        kwargs = {"headers": headers, **extra}
        if body or method not in {"GET", "HEAD", "OPTIONS", "DELETE"}:
            kwargs.update(data=body, content_type=content_type)
        unhandled = ""
        try:
            response = self.client.generic(method, path, **kwargs)
        except Exception:  # the error page failed too: the server sends a bare 500
            response = HttpResponseServerError()
            response.exc_info = sys.exc_info()
            unhandled = " (and Django's error handling raised too)"
        request_text = (
            f"{method} {shorten(path, 200)}{unhandled}\n"
            f"  headers: {shorten(headers, 400)}\n"
            f"  Cookie: {shorten(extra['HTTP_COOKIE'], 300)}"
        )
        if body:
            request_text += f"\n  body ({content_type}): {shorten(body, 400)}"
        if self.refs:
            named = ", ".join(f"{name} = {shorten(v, 60)}" for name, v in self.refs.items())
            request_text += f"\n  from the world (tests/fuzz/world.py): {named}"
        for text in self.notes:
            request_text += f"\n  {text}"
        stream_error = None
        if response.streaming:  # read it all, as a browser would: it may fail part way
            try:
                response.content_read = b"".join(response.streaming_content)
            except Exception:
                stream_error = sys.exc_info()
        if TRACE:
            print(f"{response.status_code} {request_text}\n")
        self.fuzz.record(target, response, request_text, stream_error)
        for name, morsel in response.cookies.items():
            if morsel["max-age"] == 0 or morsel.value == "":
                self.jar.pop(name, None)
            else:
                self.jar[name] = morsel.value
        return response

    def get(self, target: str, path: str, headers: dict | None = None):
        return self.request(target, "GET", path, headers=headers)

    def csrf_token(self, target: str, page: str) -> str:
        """Open the page with the form as a browser navigates to it (no HTMX headers), and
        read the token from the hidden input, else from <body hx-headers>, else the cookie."""
        plain = {k: v for k, v in self.visit.headers.items() if k.lower() not in HX_HEADERS}
        response = self.request(target, "GET", page, headers=plain)
        content = getattr(response, "content_read", b"") if response.streaming else response.content
        for pattern in (CSRF_INPUT, CSRF_HX_HEADERS):
            if match := pattern.search(content):
                return match.group(1).decode()
        return self.jar.get("csrftoken", "")

    def submit(
        self,
        target: str,
        path: str,
        *,
        page: str | None,
        page_target: str = "",
        form: list[tuple] | None = None,
        mode: str = "form",
        body: bytes | None = None,
        content_type: str = "application/json",
        headers: dict | None = None,
    ):
        """POST as the page's form (or its script) would, with the CSRF token as the visit
        says: a form in `mode` (see strategies.body_mode), or a ready `body`. The page's GET
        counts as `page_target` (by default, the target's "form page")."""
        page_target = page_target or f"{target}: form page"
        token = self.csrf_token(page_target, page) if page else ""
        form = list(form or [])
        headers = dict(headers or {})
        if self.visit.csrf == "input" and body is None and mode in {"form", "multipart"}:
            form.append(("csrfmiddlewaretoken", token))
        elif self.visit.csrf in {"input", "header"}:  # a script's fetch sends the header
            headers["X-CSRFToken"] = token
        elif self.visit.csrf == "garbage":
            headers["X-CSRFToken"] = token[::-1] + "x"
        if body is None:
            body, content_type = encode_form(form, mode)
        return self.request(
            target, "POST", path, body=body, content_type=content_type, headers=headers
        )


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def encode_form(pairs: list[tuple], mode: str) -> tuple[bytes, str]:
    """The body and its Content-Type for form fields sent in this way."""
    if mode == "multipart":
        data: dict[str, list[str]] = {}
        for name, value in pairs:
            data.setdefault(_text(name), []).append(_text(value))
        return encode_multipart(BOUNDARY, data), MULTIPART_CONTENT
    if mode == "json":
        body = json.dumps({_text(name): _text(value) for name, value in pairs})
        return body.encode("utf-8", "surrogatepass"), "application/json"
    content_type = mode.removeprefix("junk:") if mode.startswith("junk:") else FORM
    return encode_pairs(pairs).encode(), content_type
