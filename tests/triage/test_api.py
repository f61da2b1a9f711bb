"""The JSON API exactly as the contract writes it: vignettes walk through it; bad input is a 400."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.triage.engine.contract import URGENCY_RANK
from tests.triage.walker import walk

pytestmark = pytest.mark.django_db
SHARED = Path(__file__).resolve().parents[3] / "shared" / "vignettes-examples.json"
LOCAL = Path(__file__).resolve().parent / "vignettes.json"
VIGNETTES = json.loads((SHARED if SHARED.exists() else LOCAL).read_text())


def post(client, body, **kwargs):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post("/api/triage/next", data, content_type="application/json", **kwargs)


@pytest.fixture
def api_next(client):
    def next_fn(answers):
        response = post(client, {"answers": answers})
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == "application/json"
        return response.json()

    return next_fn


def test_local_copy_of_vignettes_matches_the_shared_file():
    if SHARED.exists():
        assert json.loads(LOCAL.read_text()) == json.loads(SHARED.read_text())


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_vignette_through_the_api(api_next, vignette):
    result = walk(vignette["findings"], api_next)
    assessment = result.assessment
    assert assessment["urgency"] in vignette["accept"], (vignette["id"], assessment)
    lowest_accepted = min(URGENCY_RANK[level] for level in vignette["accept"])
    assert URGENCY_RANK[assessment["urgency"]] >= lowest_accepted
    top3 = [c["slug"] for c in assessment["conditions"][:3]]
    assert set(top3) & set(vignette["conditions"]), (vignette["id"], top3)


SET_4 = json.loads((Path(__file__).resolve().parent / "vignettes_heldout4.json").read_text())
SPANISH_CASES = [case for case in SET_4 if case.get("language") == "es"]


@pytest.mark.parametrize("case", SPANISH_CASES, ids=lambda case: case["id"])
def test_a_spanish_blind_case_through_the_api_in_spanish(client, case):
    """Set 4's Spanish cases, walked in Spanish: the same codes, and Spanish words."""

    def next_fn(answers):
        body = {"answers": answers, "region": "es"}
        response = post(client, body, HTTP_ACCEPT_LANGUAGE="es-ES")
        assert response.status_code == 200, response.content
        return response.json()

    result = walk(case["findings"], next_fn, case.get("unsure", ()))
    assessment = result.assessment
    assert assessment["urgency"] in case["accept"], case["id"]
    slugs = [c["slug"] for c in assessment["conditions"][:3]]
    assert set(case["conditions"]) & set(slugs), (case["id"], slugs)
    first_question = result.steps[0]["question"]
    assert first_question["text"].startswith("En los últimos días")
    assert all(
        reason.startswith("Ha dicho") for c in assessment["conditions"] for reason in c["why"]
    )
    assert not any("You said" in step for step in assessment["next_steps"])


def test_result_has_the_contract_shape(api_next):
    result = walk(["red", "warm", "tender", "fluid", "discharge", "size_medium"], api_next)
    assessment = result.result["assessment"]
    assert set(assessment) == {
        "urgency", "headline", "red_flags", "conditions", "next_steps", "follow_up_days",
    }  # fmt: skip
    assert isinstance(assessment["headline"], str) and assessment["headline"]
    assert len(assessment["conditions"]) <= 5
    for condition in assessment["conditions"]:
        assert set(condition) == {"slug", "name", "why"}
    for step in result.steps[:-1]:
        assert set(step) == {"done", "question", "progress"}
        assert set(step["progress"]) == {"answered", "remaining_at_most"}
        assert set(step["question"]) == {"id", "text", "help", "kind", "options"}


def test_questionnaire_endpoint(client):
    response = client.get("/api/triage/questionnaire")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"version", "questions"}
    first = data["questions"][0]
    assert first["kind"] == "multiple"
    assert {"id", "label", "findings"} == set(first["options"][0])


def test_api_needs_no_csrf_token_or_cookie(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = post(strict, {"answers": {}})
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        ("[]", '"answers"'),
        ({"answer": {}}, '"answers"'),
        ({"answers": {}, "extra": 1}, 'Unknown field "extra"'),
        ({"answers": []}, None),
        ({"answers": {"no_such_question": ["x"]}}, "no_such_question"),
        ({"answers": {"emergency_signs": ["no_such_option"]}}, "no_such_option"),
        ({"answers": {"emergency_signs": "none"}}, None),
        ({"answers": {"emergency_signs": [1]}}, None),
        ({"answers": {"emergency_signs": []}}, None),
        ({"answers": {"emergency_signs": ["none", "none"]}}, None),
        ({"answers": {"emergency_signs": ["none", "saddle"]}}, None),
        ({"answers": {"background": ["none"]}}, "background"),
        ({"answers": {"emergency_signs": ["saddle"], "urgent_signs": ["none"]}}, "urgent_signs"),
        ("[" * 100_000, "not valid JSON"),
        ('{"answers": {"emergency_signs": ["\\ud800"]}}', None),
    ],
)
def test_bad_input_gets_a_400_that_says_what_is_wrong(client, body, words):
    response = post(client, body)
    assert response.status_code == 400, response.content
    message = response.json()["error"]
    assert isinstance(message, str) and message
    if words:
        assert words in message


def test_wrong_method_is_refused_with_json(client):
    assert client.get("/api/triage/next").status_code == 405
    assert client.post("/api/triage/questionnaire").status_code == 405


def test_huge_body_is_a_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, {"answers": {"x": ["y" * 5000]}})
    assert response.status_code == 400


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=20), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.one_of(JSON, st.fixed_dictionaries({"answers": JSON})))
def test_no_json_body_causes_a_server_error(client, body):
    response = post(client, body)
    assert response.status_code in (200, 400)
    assert ("error" in response.json()) == (response.status_code == 400)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=200))
def test_no_byte_string_causes_a_server_error(client, raw):
    response = client.post("/api/triage/next", raw, content_type="application/json")
    assert response.status_code in (200, 400)


def test_a_read_only_endpoint_answers_post_with_a_json_405_not_a_csrf_failure():
    """Regression: POST to the questionnaire got Django's CSRF failure, not a JSON 405."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/api/triage/questionnaire", "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"]
    assert not response.cookies


@pytest.mark.parametrize(
    ("body", "headers", "first_step"),
    [
        ({"region": "uk"}, {}, "Call 999 or go to A&E now."),
        ({"region": "us"}, {"HTTP_ACCEPT_LANGUAGE": "en-GB"}, "Call 911"),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "en-AU,en;q=0.8"}, "Call 000"),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "de-AT"}, "Call 112"),
        ({}, {"HTTP_ACCEPT_LANGUAGE": "es-ES"}, "Llame al 112 o vaya a urgencias del hospital"),
    ],
)
def test_the_region_names_its_own_numbers(client, settings, body, headers, first_step):
    """The contract (2026-12-06): "region" in the body, else the country in Accept-Language,
    else the site's default; the steps begin with that region's action."""
    settings.LUMPGUIDE_DEFAULT_REGION = "uk"
    response = post(client, {"answers": {"emergency_signs": ["saddle"]}, **body}, **headers)
    assert response.status_code == 200
    assert response.json()["assessment"]["next_steps"][0].startswith(first_step)


@pytest.mark.parametrize("region", ["mars", "", None, 7, ["uk"]])
def test_an_unknown_region_is_a_400(client, region):
    response = post(client, {"answers": {}, "region": region})
    assert response.status_code == 400
    assert "region" in response.json()["error"]
