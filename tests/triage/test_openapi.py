"""The triage API's OpenAPI document: valid OpenAPI 3.1, its codes the contract's, and honoured
by the API (schemathesis, in-process against Django's own WSGI app); every other method a JSON 405.
"""

import jsonschema
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.http import JsonResponse
from django.test import Client
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

from apps.triage import api
from apps.triage.engine import Assessment
from apps.triage.engine.contract import (
    CONDITION_SLUGS,
    FINDINGS,
    RED_FLAGS,
    URGENCY_ORDER,
    URGENCY_RANK,
)
from apps.triage.openapi import API_VERSION, MAX_CONDITIONS, PATHS, openapi_document
from apps.triage.questionnaire_store import current_questionnaire

pytestmark = pytest.mark.django_db

OPENAPI_URL = "/api/triage/openapi.json"
#: Fuzzed examples per operation and generation mode (positive, negative); the coverage phase
#: adds its own cases (boundary values, each wrong type, unlisted methods, wrong content types).
MAX_EXAMPLES = 100
SCHEMATHESIS_CONFIG = {
    "generation": {"max-examples": MAX_EXAMPLES, "mode": "all"},
    "checks": {
        # Answers valid by the schema may still be refused with a documented 400: they must name
        # the active questionnaire's questions and options, in the order the walk asks them.
        "positive_data_acceptance": {"enabled": False},
    },
    "phases": {"stateful": {"enabled": False}},
}
#: Schemathesis sends requests' default `Accept-Encoding: gzip, ...`, and its WSGI transport does
#: not decompress what Django's GZipMiddleware then sends.
IDENTITY = {"Accept-Encoding": "identity"}
ALL_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY")


@pytest.fixture
def document(client):
    response = client.get(OPENAPI_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_document_is_valid_openapi_3_1(document):
    validate(document, cls=OpenAPIV31SpecValidator)
    assert document["openapi"].startswith("3.1.")
    assert document["info"]["version"] == API_VERSION
    assert document == openapi_document()


def test_the_document_is_served_like_the_questionnaire(client):
    document = client.get(reverse("triage:api-openapi"))
    questionnaire = client.get(reverse("triage:api-questionnaire"))
    assert document["Cache-Control"] == questionnaire["Cache-Control"]
    assert not document.cookies


def test_every_api_url_is_in_the_document(document):
    api_names = [
        name
        for name in get_resolver().namespace_dict["triage"][1].reverse_dict
        if isinstance(name, str) and name.startswith("api-")
    ]
    assert {reverse(f"triage:{name}") for name in api_names} == set(PATHS) == set(document["paths"])
    for path, methods in PATHS.items():
        declared = {method.upper() for method in document["paths"][path]} & set(ALL_METHODS)
        assert declared == {*methods, "OPTIONS"}


def test_the_enums_are_the_contracts_codes(document):
    schemas = document["components"]["schemas"]
    assert schemas["UrgencyCode"]["enum"] == list(reversed(URGENCY_ORDER))
    assert set(schemas["UrgencyCode"]["enum"]) == set(URGENCY_RANK)
    assert schemas["ConditionSlug"]["enum"] == list(CONDITION_SLUGS)
    assert schemas["Finding"]["enum"] == list(FINDINGS)
    assert schemas["RedFlag"]["enum"] == list(RED_FLAGS)
    assessment = schemas["Assessment"]["properties"]
    assert assessment["urgency"] == {"$ref": "#/components/schemas/UrgencyCode"}
    assert assessment["red_flags"]["items"] == {"$ref": "#/components/schemas/RedFlag"}
    assert assessment["conditions"]["maxItems"] == MAX_CONDITIONS == 5
    assert assessment["follow_up_days"]["type"] == ["integer", "null"]
    condition = schemas["RankedCondition"]["properties"]
    assert condition["slug"] == {"$ref": "#/components/schemas/ConditionSlug"}
    option = schemas["Option"]["properties"]
    assert option["findings"]["items"] == {"$ref": "#/components/schemas/Finding"}


def test_the_two_next_bodies_are_told_apart_by_done(document):
    schemas = document["components"]["schemas"]
    branches = [ref["$ref"].rsplit("/", 1)[1] for ref in schemas["NextResponse"]["oneOf"]]
    assert [schemas[name]["properties"]["done"] for name in branches] == [
        {"const": False},
        {"const": True},
    ]
    assert set(schemas["NextQuestion"]["required"]) == {"done", "question", "progress"}
    assert set(schemas["Done"]["required"]) == {"done", "assessment"}


def test_errors_rate_limits_and_options_are_documented(document):
    responses = document["components"]["responses"]
    error = {"$ref": "#/components/schemas/Error"}
    assert responses["MethodNotAllowed"]["content"]["application/json"]["schema"] == error
    assert responses["MethodNotAllowed"]["headers"]["Allow"]["required"] is True
    limited = responses["TooManyRequests"]["content"]["application/json"]["schema"]
    assert limited == {"$ref": "#/components/schemas/RateLimited"}
    assert document["components"]["schemas"]["RateLimited"]["required"] == ["error"]
    assert responses["TooManyRequests"]["headers"]["Retry-After"]["required"] is True
    assert responses["Options"]["headers"]["Allow"]["required"] is True
    for path in PATHS:
        for method, operation in document["paths"][path].items():
            if method == "description":
                continue
            assert operation["responses"]["429"] == {
                "$ref": "#/components/responses/TooManyRequests"
            }
    next_responses = document["paths"]["/api/triage/next"]["post"]["responses"]
    assert next_responses["400"] == {"$ref": "#/components/responses/BadRequest"}


# --- Wrong methods: a JSON 405 with Allow on every API URL -------------------------------------


def allow_of(path):
    methods = PATHS[path]
    return ", ".join([*methods, *(["HEAD"] if "GET" in methods else []), "OPTIONS"])


WRONG_METHODS = [
    (path, method)
    for path, methods in PATHS.items()
    for method in ALL_METHODS
    if method not in {*methods, "OPTIONS"} and not (method == "HEAD" and "GET" in methods)
]


@pytest.mark.parametrize(
    ("path", "method"), WRONG_METHODS, ids=[f"{m} {p}" for p, m in WRONG_METHODS]
)
def test_a_wrong_method_gets_a_json_405_with_allow(document, path, method):
    strict = Client(enforce_csrf_checks=True)
    response = strict.generic(method, path, '{"answers": {}}', content_type="application/json")
    assert response.status_code == 405, response.content
    assert response["Allow"] == allow_of(path)
    assert response["Content-Type"] == "application/json"
    assert not response.cookies
    if method != "HEAD":  # HEAD: the same headers, no body
        body = response.json()
        jsonschema.validate(body, document["components"]["schemas"]["Error"])
        assert " ".join(PATHS[path]) in body["error"]


@pytest.mark.parametrize("path", list(PATHS))
def test_options_gets_204_with_allow(path):
    response = Client(enforce_csrf_checks=True).options(path)
    assert response.status_code == 204
    assert response["Allow"] == allow_of(path)
    assert response.content == b""
    assert "Content-Type" not in response


@pytest.mark.parametrize("path", [path for path, methods in PATHS.items() if "GET" in methods])
def test_head_is_answered_where_get_is(client, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == b""


# --- Schemathesis: the API honours its document ------------------------------------------------


@pytest.fixture
def wsgi_app(db):
    """Django's own WSGI app, in-process. Like the test client, it leaves the test's database
    connection open between requests (Django closes it at the end of a real request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def schemathesis_config():
    return SchemathesisConfig.from_dict(SCHEMATHESIS_CONFIG)


#: Loaded from the builder at import, as schemathesis' pytest plugin needs (its fixture loader
#: fails on pytest 9.2); the served document is the same, see the two tests on loading it.
schema = schemathesis.openapi.from_dict(openapi_document(), config=schemathesis_config())


def call_and_validate(case, app):
    """Send the case to the app; raise FailureGroup if any schemathesis check fails."""
    return case.call_and_validate(app=app, headers=IDENTITY)


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_api_honours_its_openapi_document(case, wsgi_app):
    """No 5xx; only documented status codes, content types and headers; bodies that validate;
    405 with Allow for each method a path does not document; bad data refused."""
    call_and_validate(case, wsgi_app)


def test_schemathesis_loads_the_served_document(wsgi_app):
    served = schemathesis.openapi.from_wsgi(OPENAPI_URL, wsgi_app, config=schemathesis_config())
    assert served.raw_schema == schema.raw_schema
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert len(labels) == 2 * len(PATHS)  # each path's method, and OPTIONS
    # Loaded over HTTP, schemathesis leaves out the GET of the document itself.
    served_labels = {result.ok().label for result in served.get_all_operations()}
    assert served_labels == labels - {f"GET {OPENAPI_URL}"}


from tests.triage.test_engine_properties import without_contradictions  # noqa: E402


def draw_answer(data, question):
    """A random answer the questionnaire allows: one option, or a set (an exclusive one alone)."""
    ids = [option.id for option in question.options]
    if question.kind == "single":
        return [data.draw(st.sampled_from(ids))]
    exclusive = [option.id for option in question.options if option.exclusive]
    combinable = [option_id for option_id in ids if option_id not in exclusive]
    choices = [st.lists(st.sampled_from(combinable), min_size=1, unique=True)] if combinable else []
    choices += [st.sampled_from(exclusive).map(lambda option_id: [option_id])] if exclusive else []
    # never two options that cannot both be true ("moves" and "does not move"): a 400
    return without_contradictions(question.spec(), data.draw(st.one_of(choices)))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_walks_end_in_an_assessment_as_documented(wsgi_app, data):
    """Fuzzed bodies seldom name real questions, so walk the questionnaire with random answers
    and have schemathesis check every step, the assessment included, against the document."""
    questionnaire = current_questionnaire()
    operation = schema["/api/triage/next"]["POST"]
    answers = {}
    for _ in range(len(questionnaire.questions) + 1):
        case = operation.Case(body={"answers": answers}, media_type="application/json")
        response = call_and_validate(case, wsgi_app)
        assert response.status_code == 200, response.text
        step = response.json()
        if step["done"]:
            return
        question = questionnaire.question(step["question"]["id"])
        answers[question.id] = draw_answer(data, question)
    pytest.fail(f"the walk did not end: {answers}")


# --- ... and that run can fail -----------------------------------------------------------------


def finds_a_failure(app, path, method):
    """Draw cases for one operation and check them as the run above does, until one fails (the
    first that fails: not shrunk to the simplest, which only takes longer)."""
    operation = schema[path][method]

    def fails(case):
        try:
            call_and_validate(case, app)
        except FailureGroup:
            return True
        return False

    strategy = operation.as_strategy()
    return find(
        strategy,
        fails,
        settings=settings(
            max_examples=MAX_EXAMPLES,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        ),
    )


def test_schemathesis_catches_a_server_error(wsgi_app, monkeypatch):
    def broken(questionnaire, answers):
        raise RuntimeError("a bug")

    monkeypatch.setattr(api, "next_step", broken)
    finds_a_failure(wsgi_app, "/api/triage/next", "POST")


def test_schemathesis_catches_an_undocumented_status(wsgi_app, monkeypatch):
    monkeypatch.setattr(api, "JsonResponse", lambda data, **kw: JsonResponse(data, status=201))
    finds_a_failure(wsgi_app, "/api/triage/questionnaire", "GET")


def test_schemathesis_catches_a_body_off_the_contract(wsgi_app, monkeypatch):
    off = Assessment(
        urgency="whenever",
        headline="Relax.",
        red_flags=(),
        conditions=(),
        next_steps=(),
        follow_up_days=None,
    )
    monkeypatch.setattr(api, "next_step", lambda questionnaire, answers: off)
    finds_a_failure(wsgi_app, "/api/triage/next", "POST")
