"""Hypothesis strategies for odd input: text, numbers, dates, JSON, query strings, form bodies,
headers and cookies. Values that name things made per test (a device's key, a reminder's id, a
session at some point of a walk) are `Ref`s, which the browser turns into the real values."""

import datetime as dt
import json
import string
import zoneinfo
from dataclasses import dataclass, field
from urllib.parse import quote, quote_from_bytes

from hypothesis import strategies as st

# References to what the test's world holds -------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A value known only once the world exists: Ref("device", "a"), Ref("reminder", "y9999")."""

    kind: str
    name: str

    def __repr__(self) -> str:
        return f"Ref({self.kind}:{self.name})"


DEVICE_A = Ref("device", "a")  # owns the world's reminders, check-ins and subscription
DEVICE_B = Ref("device", "b")  # another phone: its reminders are someone else's
DEVICE_EDGE = Ref("device", "edge")  # reminders at the ends of the calendar, odd check-ins

REMINDERS = (
    "soon",
    "sent",
    "cancelled",
    "y9999_dec31_2350_utc",
    "y9999_dec27_utc",
    "y0001_jan01_utc",
    "y0001_jan01_1200_tokyo",
    "y9999_dec31_kiritimati",
    "calendar_only",
    "with_answers",
    "of_device_b",
)
CHECK_INS = ("first", "second", "smallest", "largest", "of_device_b")
# Sessions: a walk (by the vignette it follows) after k answers, a fresh one, a diary prefill.
WALKS = {"E01": "emergency", "E03": "urgent", "E04": "self care"}
SESSIONS = (
    "blank",
    "prefill",
    *(f"{walk}:{k}" for walk in WALKS for k in range(14)),
)


# Text ---------------------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "\t\n\r",
    "\u200b",
    "\ufeff",
    "\ufffd",
    "é",
    "ü" * 3,
    "日本語",
    "🦠",
    "\u202e",
    "null",
    "None",
    "undefined",
    "true",
    "NaN",
    "-1",
    "0",
    "1e309",
    "9" * 50,
    "<script>alert(1)</script>",
    "'\"",
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "../../etc/passwd",
    "%s%s%s%n",
    "\\",
    "//",
    "a" * 101,
    "Robert'); DROP TABLE reminders_reminder;--",
]

# Any Unicode a browser can send in a form (a lone surrogate cannot be UTF-8 encoded).
form_char = st.characters(exclude_categories=("Cs",))
form_text = st.one_of(
    st.text(form_char, max_size=40),
    st.sampled_from(NASTY),
    st.text(st.sampled_from("\x00\x01\x7f\u0085\u2028\u2029\ufffe\uffff\U0010ffff"), max_size=5),
)


def long_text(min_size: int = 1_000, max_size: int = 120_000) -> st.SearchStrategy[str]:
    """A long string made cheaply: one short piece repeated."""
    piece = st.sampled_from(["a", "9", "é", "日", "🦠", "\x00", "<b>", "%", "a b ", "-"])
    return st.builds(
        lambda p, n: (p * (n // len(p) + 1))[:n], piece, st.integers(min_size, max_size)
    )


any_text = st.one_of(form_text, form_text, form_text, long_text())
odd_int = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, 10**30, 10**100]),
)
number_text = st.one_of(
    odd_int.map(str),
    st.floats().map(repr),
    st.decimals(allow_nan=True).map(str),
    st.sampled_from(["1e999", "-0", "+5", " 5 ", "0x10", "1_000", "５", "٣", "½", "1,5", "sNaN"]),
    st.sampled_from(["9" * 5000, "1" + "0" * 4300, "0." + "0" * 5000 + "1"]),
)
field_value = st.one_of(form_text, number_text, long_text(1_000, 20_000))


# Bytes on the wire ----------------------------------------------------------------------------

wire_value = st.one_of(
    field_value.map(lambda s: s.encode()),
    st.binary(max_size=30),  # invalid UTF-8 too
    st.sampled_from([b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"%", b"%zz", b"+", b"&", b"="]),
)


def encode_pairs(pairs: list[tuple[str | bytes, str | bytes]]) -> str:
    """application/x-www-form-urlencoded (also a query string), byte by byte, repeats kept."""

    def enc(value: str | bytes) -> str:
        if isinstance(value, str):
            value = value.encode("utf-8", "surrogatepass")
        return quote_from_bytes(value, safe="")

    return "&".join(f"{enc(k)}={enc(v)}" for k, v in pairs)


raw_query_junk = st.sampled_from(
    ["", "&", "&&=&", "=", "a", "a=1&a=2", "%", "%zz", "%00", "%ff%fe", "q=%ED%A0%80", "+", ";"]
)


# Headers and cookies ------------------------------------------------------------------------

# What a WSGI server hands Django: latin-1 characters, no CR or LF.
header_char = st.characters(
    codec="latin-1", exclude_characters="\r\n", exclude_categories=("Cc",)
) | st.just("\t")
header_text = st.one_of(
    st.text(header_char, max_size=40),
    # UTF-8 on the wire, read as latin-1, as WSGI does
    st.text(form_char, max_size=20).map(lambda s: s.encode().decode("latin-1")),
    st.sampled_from(["", " ", "true", "false", "1", "0", "null", "[object Object]", "*"]),
)


def long_header(piece: str = "a") -> st.SearchStrategy[str]:
    return st.integers(1_000, 60_000).map(lambda n: piece * n)


urlish = st.one_of(
    st.sampled_from(
        [
            "http://testserver/",
            "http://testserver/check/q/location/",
            "https://testserver/diary/",
            "http://evil.example/",
            "http://[",
            "http://[::1",
            "http://a:b@c:d/",
            "http://testserver:99999999/",
            "javascript:alert(1)",
            "//evil.example",
            "/relative",
            "http://testserver/%00",
            "http://testserver/%ff",
            "http://тест/",
            "",
        ]
    ),
    header_text,
)
accept_language = st.one_of(
    st.sampled_from(
        [
            "en",
            "en-GB,en;q=0.9",
            "de-DE,de;q=0.8,en;q=0.1",
            "fr",
            "*",
            "xx-YYYYYYYYYYYY",
            "en;q=abc",
            "en;q=1e999",
            "en;q=-1",
            ";;;,,,",
            "zh-Hant-TW,zh;q=0.9",
            "i-klingon",
            "en-" + "a" * 300,
        ]
    ),
    header_text,
    long_header("en,"),
)
accept = st.one_of(
    st.sampled_from(
        [
            "text/html",
            "application/json",
            "application/json; charset=utf-8",
            "application/json;q=0",
            "*/*",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "text/*",
            "/",
            "application/",
            ";",
            "a/b;c",
            "text/html;q=nan",
            "text/html;q=1e999",
        ]
    ),
    header_text,
    long_header("text/html,"),
)
htmx_true = st.one_of(st.just("true"), header_text)

headers = st.fixed_dictionaries(
    {},
    optional={
        "HX-Request": htmx_true,
        "HX-Target": st.one_of(
            st.sampled_from(["screen", "main", "results", "content"]), header_text
        ),
        "HX-Trigger": header_text,
        "HX-Trigger-Name": header_text,
        "HX-Current-URL": st.one_of(urlish, long_header("/x")),
        "HX-History-Restore-Request": htmx_true,
        "HX-Boosted": htmx_true,
        "HX-Prompt": header_text,
        "Accept-Language": accept_language,
        "Accept": accept,
        "User-Agent": st.one_of(header_text, long_header()),
        "Referer": urlish,
        "X-Requested-With": st.sampled_from(["XMLHttpRequest", "", "fetch"]),
        "Accept-Encoding": st.sampled_from(["gzip", "br", "identity;q=0", "*", "gzip;q=nan"]),
        "If-None-Match": header_text,
        "If-Modified-Since": st.sampled_from(["Mon, 01 Jan 0001 00:00:00 GMT", "garbage", ""]),
        "Range": st.sampled_from(["bytes=0-1", "bytes=-1", "bytes=9999999999-", "junk"]),
        "X-Forwarded-For": header_text,
        "X-Forwarded-Proto": st.sampled_from(["https", "http", "junk"]),
    },
)
# Headers that, when odd, only ever give a 4xx: sent now and then.
rare_headers = st.fixed_dictionaries(
    {},
    optional={
        "Origin": st.sampled_from(["http://testserver", "null", "http://evil.example", "junk"]),
        "Host": st.sampled_from(["testserver", "evil.example", "testserver:80", "[", "a" * 300]),
    },
)

cookie_char = st.characters(codec="latin-1", exclude_characters="\r\n;", exclude_categories=("Cc",))
cookie_text = st.one_of(
    st.text(cookie_char, max_size=40),
    st.sampled_from(['""', '"', '"\\"', "\\", "a=b", "=", "deleted", "%00", "\\000"]),
    # Django decodes a quoted cookie's octal escapes: these arrive as NUL bytes.
    st.sampled_from(['"\\000"', '"' + "\\000" * 32 + '"', '"abc\\000def\\012"']),
)
device_cookie = st.one_of(
    st.just(DEVICE_A),
    st.just(DEVICE_A),
    st.just(DEVICE_B),
    st.just(DEVICE_EDGE),
    cookie_text,
    long_header("A"),
    st.integers(1_000, 100_000).map(lambda n: "x" * n),
)
region_cookie = st.one_of(
    st.sampled_from(["uk", "us", "eu", "es", "au", "UK", "uk ", "", "xx", "__proto__", "None"]),
    cookie_text,
    long_header("uk"),
)
session_ref = st.sampled_from([Ref("session", name) for name in SESSIONS])
session_cookie = st.one_of(session_ref, session_ref, cookie_text, long_header("s"))
cookies = st.fixed_dictionaries(
    {},
    optional={
        "lumpguide_device": device_cookie,
        "lumpguide_region": region_cookie,
        "sessionid": session_cookie,
        "csrftoken": cookie_text,
        "lumpguide_language": st.one_of(st.sampled_from(["en", "es", "es-ES", "xx"]), cookie_text),
    },
)
cookie_junk = st.one_of(
    st.just(""),
    st.sampled_from(["; ;", ";=;", "; a", "; $Version=1", '; x="', "; lumpguide_device"]),
    st.text(cookie_char | st.just(";"), max_size=30).map(lambda s: "; " + s),
)


@dataclass(frozen=True)
class Visit:
    """How the browser sends a request: odd headers, odd cookies, and how it gives the CSRF
    token ("input": the form's hidden input, "header": X-CSRFToken as HTMX and fetch do,
    "garbage", "none")."""

    headers: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)
    cookie_junk: str = ""
    csrf: str = "input"


csrf_mode = st.sampled_from(["input", "input", "input", "header", "header", "garbage", "none"])
visits = st.builds(
    Visit,
    headers=st.builds(
        lambda a, b: {**a, **b}, headers, st.one_of(*[st.just({})] * 9, rare_headers)
    ),
    cookies=cookies,
    cookie_junk=cookie_junk,
    csrf=csrf_mode,
)


# Visits that mostly carry one of the world's sessions, and are mostly the phone with data.
visits_in_session = st.builds(
    lambda v, s, d: Visit(
        headers=v.headers,
        cookies={**v.cookies, "sessionid": s, **({"lumpguide_device": d} if d else {})},
        cookie_junk=v.cookie_junk,
        csrf=v.csrf,
    ),
    visits,
    st.one_of(session_ref, session_ref, session_ref, session_cookie),
    st.one_of(st.just(DEVICE_A), st.just(DEVICE_A), st.none()),
)


PLAIN = Visit(cookies={"lumpguide_device": DEVICE_A})


# Path segments -----------------------------------------------------------------------------

odd_id = st.one_of(
    st.sampled_from(["0", "00", "1", "007", "-1", "+1", "1.0", "1e3", " 1", "1%20", "%00", "%ff"]),
    st.sampled_from([str(10**30), str(2**63), str(2**63 - 1), str(2**64), "9" * 300, "9" * 5000]),
    st.integers(0, 2**70).map(str),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12).map(
        lambda s: quote(s, safe="")
    ),
)
odd_slug = st.one_of(
    st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=30),
    st.sampled_from(["lipoma", "LIPOMA", "lipoma-", "-", "_", "%00", "%C3%BC", "ü", "a%2Fb", ".."]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12).map(
        lambda s: quote(s, safe="")
    ),
    st.integers(200, 5_000).map(lambda n: "a" * n),
)


# Dates and times -----------------------------------------------------------------------------

any_date = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
TODAY = dt.date.today()
soon_date = st.dates(TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=700))
EDGE_DATES = ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "9999-12-27", "9999-12-24"]
date_text = st.one_of(
    soon_date.map(dt.date.isoformat),
    st.dates(TODAY - dt.timedelta(days=3), TODAY + dt.timedelta(days=800)).map(dt.date.isoformat),
    any_date.map(dt.date.isoformat),
    st.sampled_from(EDGE_DATES),
    st.tuples(
        any_date, st.sampled_from(["%d/%m/%Y", "%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y", "%b %d %Y"])
    ).map(lambda t: t[0].strftime(t[1])),
    st.sampled_from(["0000-01-01", "10000-01-01", "-0001-01-01", "2025-02-30", "2024-13-01"]),
    form_text,
)
time_text = st.one_of(
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.times().map(lambda t: t.isoformat()),
    st.sampled_from(
        ["00:00", "23:59", "23:59:59.999999", "24:00", "23:60", "25:00", "12", "-1:00"]
    ),
    form_text,
)
ZONES = sorted(zoneinfo.available_timezones())
zone_name = st.one_of(
    st.sampled_from(ZONES),
    st.sampled_from(
        [
            "UTC",
            "Asia/Tokyo",
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago",
            "Etc/GMT+12",
            "Etc/GMT-14",
            "America/New_York",
            "Europe/London",
            "localtime",
            "Factory",
            "posixrules",
            "../../../etc/passwd",
            "/etc/localtime",
            "Europe/London\x00",
            "Europe/",
            "europe/london",
            " UTC",
        ]
    ),
    form_text,
    long_text(100, 5_000),
)


# JSON -----------------------------------------------------------------------------------------

json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    odd_int,
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),  # lone surrogates included: json.dumps escapes them as \udxxx
    st.sampled_from(["\x00", "\ud800", "\udfff", "a\ud800b", "\ud83e\udda0"]),
    st.integers(1_000, 200_000).map(lambda n: "x" * n),
)
json_value = st.recursive(
    json_scalar,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=15,
)
RAW_JSON = [
    "",
    " ",
    "[" * 100_000,
    "{" * 50_000,
    '{"a":' * 50_000,
    "[" * 2_000 + "]" * 2_000,
    '"\\ud800"',
    '"\\u0000"',
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    "9" * 5_000,
    "{}",
    "[]",
    "null",
    '{"answers": null}',
    '{"answers": {}, "answers": []}',
    "{'answers': {}}",
    '{"answers": {}}\x00',
    '\ufeff{"answers": {}}',
]
raw_json_bytes = st.one_of(
    st.sampled_from(RAW_JSON).map(str.encode),
    st.binary(max_size=40),
    st.sampled_from([b"\xff\xfe{\x00}\x00", b"\xef\xbb\xbf{}", '{"a": "é"}'.encode("utf-16")]),
)


def dump_json(value, how: str) -> bytes:
    """JSON text as a client might send it: escaped ASCII, or raw (surrogates passed through,
    which is invalid UTF-8), or UTF-16."""
    if how == "ascii":
        return json.dumps(value).encode()
    if how == "raw":
        return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return json.dumps(value).encode("utf-16")


json_dump_mode = st.sampled_from(["ascii", "ascii", "ascii", "raw", "utf-16"])


# Forms -----------------------------------------------------------------------------------------


def one_field(values: st.SearchStrategy) -> st.SearchStrategy[list]:
    """A form field's values: mostly one, sometimes none or several (as a crafted POST can)."""
    return st.one_of(
        values.map(lambda v: [v]),
        values.map(lambda v: [v]),
        values.map(lambda v: [v]),
        st.just([]),
        st.lists(values, min_size=2, max_size=4),
    )


junk_pairs = st.lists(
    st.tuples(st.one_of(form_text, st.binary(max_size=8)), wire_value), max_size=3
)


def form(
    fields: dict[str, st.SearchStrategy], valid: dict[str, st.SearchStrategy] | None = None
) -> st.SearchStrategy[list[tuple]]:
    """A form body as (name, value) pairs: the fields with odd values, and junk fields. Given
    `valid` values (a field missing there is left out), also forms the view accepts, and
    forms with one odd field among valid ones, so the fuzz gets past the form too."""

    def assemble(chosen: dict, junk: list) -> list[tuple]:
        return [(name, v) for name, values in chosen.items() for v in values] + junk

    odd = st.builds(
        assemble,
        st.fixed_dictionaries({name: one_field(s) for name, s in fields.items()}),
        st.one_of(st.just([]), st.just([]), junk_pairs),
    )
    if valid is None:
        return odd
    good = {name: s.map(lambda v: [v]) for name, s in valid.items()}

    def near_miss(name: str) -> st.SearchStrategy[list[tuple]]:
        return st.builds(
            assemble, st.fixed_dictionaries({**good, name: one_field(fields[name])}), st.just([])
        )

    return st.one_of(
        odd,
        st.sampled_from(sorted(fields)).flatmap(near_miss),
        st.builds(assemble, st.fixed_dictionaries(good), st.just([])),
    )


# How the body goes: as a browser's form, multipart, JSON, or form data under an odd type.
body_mode = st.sampled_from(
    ["form"] * 6
    + ["multipart", "json"]
    + [
        "junk:text/plain",
        "junk:application/x-www-form-urlencoded; charset=utf-16",
        "junk:application/x-www-form-urlencoded; charset=nonsense",
        "junk:multipart/form-data",
        "junk:multipart/form-data; boundary=x",
        "junk:application/json",
        "junk:",
    ]
)
query = st.builds(
    lambda pairs, junk: "&".join(p for p in (encode_pairs(pairs), junk) if p),
    st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(
                    [
                        *("q", "next", "saved", "days", "created", "deleted", "notifications"),
                        *("page", "reminders_page", "check_ins_page", "forgotten"),
                    ]
                ),
                form_text,
            ),
            st.one_of(wire_value, long_text(1_000, 10_000)),
        ),
        max_size=4,
    ),
    raw_query_junk,
)
