"""Fuzz the triage screens (sessions at every point of three walks, any options, HTMX or not)
and the JSON API (any JSON, and bodies that are not JSON at all)."""

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.profile import fuzz_settings
from tests.fuzz.strategies import (
    PLAIN,
    RAW_JSON,
    SESSIONS,
    WALKS,
    Ref,
    Visit,
    body_mode,
    dump_json,
    form,
    form_text,
    json_dump_mode,
    json_value,
    odd_slug,
    query,
    raw_json_bytes,
    visits,
    visits_in_session,
    wire_value,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]


def _questions() -> dict[str, list[str]]:
    from lumpguide import fast_yaml
    from tests.fuzz.world import CONTENT_DIR

    data = fast_yaml.safe_load((CONTENT_DIR / "triage" / "questionnaire.yaml").read_text())
    return {q["id"]: [o["id"] for o in q["options"]] for q in data["questions"]}


def _walks() -> dict[str, list[str]]:
    """The questions each world walk asks, in order (the world's sessions follow them)."""
    from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file, next_step
    from tests.fuzz.world import VIGNETTES
    from tests.triage.walker import walk

    questionnaire = load_questionnaire_file(QUESTIONNAIRE_PATH)
    return {
        name: list(
            walk(
                VIGNETTES[name]["findings"], lambda a: next_step(questionnaire, a).to_dict()
            ).answers
        )
        for name in WALKS
    }


QUESTIONS = _questions()
WALK_QUESTIONS = _walks()
# (session, the question it is at) for every point of every walk before its end
ON_TRACK = [
    (f"{name}:{k}", question)
    for name, asked in WALK_QUESTIONS.items()
    for k, question in enumerate(asked)
]
QUESTION_IDS = sorted(QUESTIONS)
OPTION_IDS = sorted({o for options in QUESTIONS.values() for o in options})
question_id = st.one_of(st.sampled_from(QUESTION_IDS), st.sampled_from(QUESTION_IDS), odd_slug)
option = st.one_of(st.sampled_from(OPTION_IDS), st.sampled_from(OPTION_IDS), wire_value)
options = st.one_of(
    st.lists(option, max_size=6),
    st.lists(st.sampled_from(OPTION_IDS), max_size=60),
    st.builds(lambda o, n: [o] * n, option, st.integers(100, 5_000)),
)
fragment_headers = st.sampled_from(
    [
        {},
        {"HX-Request": "true", "HX-Target": "screen"},
        {"HX-Request": "true", "HX-Boosted": "true"},
        {"HX-Request": "true", "HX-History-Restore-Request": "true"},
    ]
)


def in_session(name: str, csrf: str = "input") -> Visit:
    return Visit(
        cookies={"sessionid": Ref("session", name), "lumpguide_device": Ref("device", "a")},
        csrf=csrf,
    )


@fuzz_settings(2)
@given(visit=visits_in_session, qid=question_id, query=query, headers=fragment_headers)
@example(visit=in_session("E01:0"), qid="emergency_signs", query="", headers={})
@example(visit=in_session("prefill"), qid="location", query="", headers={"HX-Request": "true"})
@example(visit=in_session("E04:13"), qid="size", query="", headers={})
@example(visit=PLAIN, qid="%00", query="", headers={})
def test_question_get(fuzz, visit, qid, query, headers):
    with fuzz.browser(visit) as browser:
        path = f"/check/q/{qid}/" + (f"?{query}" if query else "")
        browser.get("GET /check/q/<id>/", path, headers=headers)


def _on_track(visit: Visit, point: tuple[str, str]) -> Visit:
    cookies = {**visit.cookies, "sessionid": Ref("session", point[0])}
    return Visit(
        headers=visit.headers, cookies=cookies, cookie_junk=visit.cookie_junk, csrf=visit.csrf
    )


# The session's current question and some of its options (a valid answer, or a near miss)
on_track = st.sampled_from(ON_TRACK).flatmap(
    lambda point: st.tuples(
        st.builds(_on_track, visits, st.just(point)),
        st.just(point[1]),
        st.one_of(
            st.lists(st.sampled_from(QUESTIONS[point[1]]), min_size=1, max_size=3, unique=True),
            st.lists(st.sampled_from(QUESTIONS[point[1]]), max_size=8),
            options,
        ),
    )
)
anywhere = st.tuples(visits_in_session, question_id, options)


@fuzz_settings(4)
@given(
    point=st.one_of(on_track, anywhere),
    extra=form({"next": form_text}),
    headers=fragment_headers,
    mode=body_mode,
)
@example(
    point=(in_session("E01:0"), "emergency_signs", ["saddle", "none"]),
    extra=[],
    headers={},
    mode="form",
)
@example(
    point=(in_session("E04:2"), "location", ["spine"] * 5_000),
    extra=[],
    headers={"HX-Request": "true"},
    mode="form",
)
@example(
    point=(in_session("E04:3"), "feel", OPTION_IDS),
    extra=[],
    headers={},
    mode="form",
)
@example(
    point=(in_session("E04:0"), "emergency_signs", ["no-such-option", "\x00", "none"]),
    extra=[],
    headers={},
    mode="form",
)
@example(point=(in_session("E04:0"), "nope", ["none"]), extra=[], headers={}, mode="form")
@example(point=(in_session("E03:5"), "smell", ["yes", "no"]), extra=[], headers={}, mode="form")
def test_question_post(fuzz, point, extra, headers, mode):
    visit, qid, chosen = point
    path = f"/check/q/{qid}/"
    fields = [("option", value) for value in chosen] + extra
    with fuzz.browser(visit) as browser:
        browser.submit(
            "POST /check/q/<id>/",
            path,
            page=path,
            form=fields,
            mode=mode,
            headers=headers,
        )


@fuzz_settings()
@given(
    visit=visits_in_session,
    page=st.sampled_from(["/check/", "/check/result/", "/check/summary/"]),
    fields=form({"next": form_text}),
)
@example(visit=in_session("E01:13"), page="/check/result/", fields=[])
def test_restart(fuzz, visit, page, fields):
    with fuzz.browser(visit) as browser:
        browser.submit("POST /check/restart/", "/check/restart/", page=page, form=fields)


@fuzz_settings()
@given(
    visit=visits_in_session,
    page=st.sampled_from(["/check/", "/check/result/", "/check/summary/"]),
    fields=form({"next": form_text}),
)
@example(visit=in_session("E01:13"), page="/check/result/", fields=[])
def test_forget_my_answers(fuzz, visit, page, fields):
    with fuzz.browser(visit) as browser:
        browser.submit("POST /check/forget/", "/check/forget/", page=page, form=fields)


@fuzz_settings()
@given(visit=visits_in_session, name=st.sampled_from(SESSIONS))
def test_summary_and_result_in_each_session(fuzz, visit, name):
    cookies = {**visit.cookies, "sessionid": Ref("session", name)}
    visit = Visit(headers=visit.headers, cookies=cookies, csrf=visit.csrf)
    with fuzz.browser(visit) as browser:
        for page in ("/check/", "/check/summary/", "/check/result/"):
            browser.get(f"GET {page} (each session)", page)


# The JSON API ---------------------------------------------------------------------------------

answers = st.dictionaries(
    st.one_of(st.sampled_from(QUESTION_IDS), st.text(max_size=10)),
    st.one_of(
        st.lists(st.one_of(st.sampled_from(OPTION_IDS), json_value), max_size=6),
        json_value,
    ),
    max_size=14,
)
api_body = st.one_of(
    st.builds(lambda a: {"answers": a}, answers),
    st.builds(
        lambda a, extra: {"answers": a, **extra},
        answers,
        st.dictionaries(st.text(), json_value, max_size=2),
    ),
    json_value,
)
content_type = st.sampled_from(
    [
        "application/json",
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=latin-1",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "",
    ]
)


@fuzz_settings(3)
@given(
    visit=visits,
    body=st.one_of(
        st.builds(dump_json, api_body, json_dump_mode),
        st.builds(dump_json, api_body, json_dump_mode),
        raw_json_bytes,
    ),
    content_type=content_type,
)
@example(visit=Visit(), body=RAW_JSON[2].encode(), content_type="application/json")
@example(
    visit=Visit(),
    body=b'{"answers": {"emergency_signs": ["\\ud800"]}}',
    content_type="application/json",
)
@example(
    visit=Visit(), body=b'{"answers": {"\\u0000": ["\\u0000"]}}', content_type="application/json"
)
@example(
    visit=Visit(),
    body=b'{"answers": {"emergency_signs": [1e999]}}',
    content_type="application/json",
)
@example(
    visit=Visit(), body=b'{"answers": {"emergency_signs": "none"}}', content_type="application/json"
)
@example(
    visit=Visit(),
    body=b'{"answers": {"emergency_signs": [["none"]]}}',
    content_type="application/json",
)
@example(
    visit=Visit(),
    body=b'{"answers": {"emergency_signs": [{"a": 1}]}}',
    content_type="application/json",
)
@example(
    visit=Visit(),
    body=json.dumps({"answers": {"x" * 100_000: ["none"]}}).encode(),
    content_type="application/json",
)
@example(visit=Visit(), body=b"9" * 5000, content_type="application/json")
def test_api_next(fuzz, visit, body, content_type):
    with fuzz.browser(visit) as browser:
        browser.request(
            "POST /api/triage/next",
            "POST",
            "/api/triage/next",
            body=body,
            content_type=content_type,
        )


@fuzz_settings()
@given(
    visit=visits_in_session,
    body=st.one_of(st.builds(dump_json, api_body, json_dump_mode), raw_json_bytes),
    content_type=content_type,
)
@example(
    visit=in_session("E01:13"),
    body=b'{"answers": {"emergency_signs": ["\\ud800"]}}',
    content_type="application/json",
)
@example(visit=in_session("E01:13"), body=b"9" * 5000, content_type="application/json")
def test_keep_offline_answers(fuzz, visit, body, content_type):
    """The answers of an offline walk, sent when the phone is online again (triage.js)."""
    with fuzz.browser(visit) as browser:
        browser.submit(
            "POST /check/offline-answers/",
            "/check/offline-answers/",
            page="/check/",
            body=body,
            content_type=content_type,
        )


@fuzz_settings(0.5)
@given(
    visit=visits,
    path=st.sampled_from(
        [
            "/api/triage/next",
            "/api/triage/questionnaire",
            "/api/triage/openapi.json",
            "/check/spec.json",
            "/check/offline-screens/",
        ]
    ),
    method=st.sampled_from(["GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "POST"]),
    body=st.one_of(st.just(b""), raw_json_bytes),
)
def test_api_methods(fuzz, visit, path, method, body):
    with fuzz.browser(visit) as browser:
        browser.request(
            f"{path} (any method)",
            method,
            path,
            body=body,
            content_type="application/json",
        )
