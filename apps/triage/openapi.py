"""The OpenAPI 3.1 document of the triage JSON API (GET /api/triage/openapi.json).

It describes the API exactly as the shared triage contract writes it. Every code list in it
(urgency codes, condition slugs, finding and red-flag codes) is read from
apps.triage.engine.contract, so a code added there appears here without being typed twice.

`info.version` is API_VERSION, the version of this API's outside face, not the questionnaire's
version: the document is built from the contract alone (it reads no database and no
questionnaire), so it is the same for every questionnaire that the API may run. Bump
API_VERSION when the contract's JSON API changes; the questionnaire's own version is in the
body of GET /api/triage/questionnaire.

Methods: each path answers the methods it documents, HEAD wherever it answers GET (the same
headers, no body), and OPTIONS with 204 and an `Allow` header; any other method gets a JSON
405 with `Allow` (components.responses.MethodNotAllowed).

`done` tells the two bodies of POST /api/triage/next apart. It is a boolean, and an OpenAPI
discriminator names string values, so the oneOf discriminates by `"const": false` and
`"const": true` instead of a `discriminator` object.
"""

from typing import Any

from apps.triage.engine.contract import (
    CONDITION_SLUGS,
    FINDINGS,
    RED_FLAGS,
    URGENCY_ORDER,
)
from lumpguide.regions import REGIONS

API_VERSION = "1.0.0"
OPENAPI_VERSION = "3.1.0"
MAX_CONDITIONS = 5

#: path -> the methods it serves besides HEAD and OPTIONS (HEAD goes with GET).
PATHS: dict[str, tuple[str, ...]] = {
    "/api/triage/questionnaire": ("GET",),
    "/api/triage/next": ("POST",),
    "/api/triage/openapi.json": ("GET",),
}

JSON = "application/json"


def allow_header(methods: tuple[str, ...]) -> str:
    """The `Allow` value for a path that serves `methods`: HEAD with GET, and always OPTIONS."""
    allowed = [*methods, *(["HEAD"] if "GET" in methods else []), "OPTIONS"]
    return ", ".join(allowed)


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def _text(description: str, *, min_length: int = 1) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "description": description}
    if min_length:
        schema["minLength"] = min_length
    return schema


def _object(properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "required": list(properties),
        "additionalProperties": False,
        "properties": properties,
    }


def _schemas() -> dict[str, Any]:
    return {
        "UrgencyCode": {
            "type": "string",
            "description": "Urgency levels, most urgent first.",
            "enum": list(reversed(URGENCY_ORDER)),
        },
        "ConditionSlug": {
            "type": "string",
            "description": "A condition; also the slug of its article at /conditions/<slug>/.",
            "enum": list(CONDITION_SLUGS),
        },
        "Finding": {
            "type": "string",
            "description": "One fact about the person or the lump.",
            "enum": list(FINDINGS),
        },
        "RedFlag": {
            "type": "string",
            "description": "A finding that sets a floor on the urgency.",
            "enum": list(RED_FLAGS),
        },
        "Option": _object(
            {
                "id": _text("Option id: never changes with the language."),
                "label": _text("What the option says."),
                "findings": {
                    "type": "array",
                    "description": 'The findings the option asserts; empty for "No" and the like.',
                    "items": _ref("schemas", "Finding"),
                },
            },
            "One answer option.",
        ),
        "Question": _object(
            {
                "id": _text("Question id: never changes with the language."),
                "text": _text("The question."),
                "help": _text("More about the question; may be empty.", min_length=0),
                "kind": {"type": "string", "enum": ["single", "multiple"]},
                "options": {"type": "array", "minItems": 1, "items": _ref("schemas", "Option")},
            },
            "A question (QUESTION in the contract).",
        ),
        "Questionnaire": _object(
            {
                "version": _text("The questionnaire's version."),
                "questions": {
                    "type": "array",
                    "minItems": 1,
                    "items": _ref("schemas", "Question"),
                },
            },
            "The whole questionnaire as data.",
        ),
        "Answers": {
            "type": "object",
            "description": (
                "Answers so far: question id -> the chosen option ids (a list of one for a "
                "single-choice question). Answers that name an unknown question or option, or "
                "a question that was not asked, get 400."
            ),
            "additionalProperties": {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"type": "string"},
            },
        },
        "NextRequest": {
            **_object(
                {
                    "answers": _ref("schemas", "Answers"),
                    "region": {
                        "type": "string",
                        "enum": list(REGIONS),
                        "description": (
                            "Whose phone numbers and care settings the texts name. Without "
                            "it: the country in Accept-Language where LumpGuide serves it, "
                            "else the site's default. An unknown region gets 400."
                        ),
                    },
                },
                "The body of POST /api/triage/next.",
            ),
            "required": ["answers"],
        },
        "Progress": _object(
            {
                "answered": {"type": "integer", "minimum": 0},
                "remaining_at_most": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "Questions still to come, counting this one, at most.",
                },
            },
            "How far the walk has come.",
        ),
        "NextQuestion": _object(
            {
                "done": {"const": False},
                "question": _ref("schemas", "Question"),
                "progress": _ref("schemas", "Progress"),
            },
            "The next question to ask.",
        ),
        "RankedCondition": _object(
            {
                "slug": _ref("schemas", "ConditionSlug"),
                "name": _text("The condition's name."),
                "why": {"type": "array", "items": {"type": "string"}},
            },
            "A likely cause.",
        ),
        "Assessment": _object(
            {
                "urgency": _ref("schemas", "UrgencyCode"),
                "headline": _text("One plain sentence: what to do."),
                "red_flags": {
                    "type": "array",
                    "description": "The red flags that decided it, if any.",
                    "uniqueItems": True,
                    "items": _ref("schemas", "RedFlag"),
                },
                "conditions": {
                    "type": "array",
                    "description": "Most likely first.",
                    "maxItems": MAX_CONDITIONS,
                    "items": _ref("schemas", "RankedCondition"),
                },
                "next_steps": {"type": "array", "items": {"type": "string"}},
                "follow_up_days": {
                    "type": ["integer", "null"],
                    "minimum": 1,
                    "description": "When to check the lump again, in days; null for emergency.",
                },
            },
            "What to do, and the likely causes.",
        ),
        "Done": _object(
            {"done": {"const": True}, "assessment": _ref("schemas", "Assessment")},
            "The walk is over: the assessment.",
        ),
        "NextResponse": {
            "description": 'Either the next question or the assessment; "done" tells which.',
            "oneOf": [_ref("schemas", "NextQuestion"), _ref("schemas", "Done")],
        },
        "Error": _object({"error": _text("What is wrong.")}, "An error."),
        "RateLimited": {
            **_object(
                {
                    "error": _text("What is wrong, and how long to wait."),
                    "retry_after": {
                        "type": "integer",
                        "minimum": 0,
                        "description": "Seconds to wait, as in `Retry-After`.",
                    },
                },
                "Too many requests.",
            ),
            "required": ["error"],
        },
    }


def _error_response(
    description: str, headers: dict[str, Any] | None = None, schema: str = "Error"
) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {JSON: {"schema": _ref("schemas", schema)}},
    }
    if headers:
        response["headers"] = headers
    return response


def _allow_header(description: str) -> dict[str, Any]:
    return {"description": description, "required": True, "schema": {"type": "string"}}


def _responses() -> dict[str, Any]:
    return {
        "BadRequest": _error_response(
            "Unknown question or option, a question that was not asked, malformed JSON, a "
            "wrong type or a body too large."
        ),
        "MethodNotAllowed": _error_response(
            "The path does not answer this method. Not listed under the operations: any "
            "method a path does not document (other than HEAD where it answers GET, and "
            "OPTIONS) gets this.",
            {"Allow": _allow_header("The methods the path answers.")},
        ),
        "TooManyRequests": _error_response(
            "Too many requests from this client; try again later.",
            {
                "Retry-After": {
                    "description": "Seconds to wait before trying again.",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 0},
                }
            },
            schema="RateLimited",
        ),
        "Options": {
            "description": "The methods the path answers, in `Allow`; no body.",
            "headers": {"Allow": _allow_header("The methods the path answers.")},
        },
    }


ACCEPT_LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": (
        "The language for texts (questions, options, headline, reasons, next steps) where "
        "LumpGuide has it, else English. Codes and ids never change with the language."
    ),
    "schema": {"type": "string"},
}


def _options_operation(path: str, methods: tuple[str, ...]) -> dict[str, Any]:
    return {
        "operationId": "options" + "".join(p.title() for p in path.split("/")[-1].split(".")),
        "summary": f"The methods {path} answers: {allow_header(methods)}",
        "responses": {
            "204": _ref("responses", "Options"),
            "429": _ref("responses", "TooManyRequests"),
        },
    }


def _paths() -> dict[str, Any]:
    ok = "200"
    paths: dict[str, Any] = {
        "/api/triage/questionnaire": {
            "get": {
                "operationId": "getQuestionnaire",
                "summary": "The whole questionnaire as data",
                "parameters": [ACCEPT_LANGUAGE],
                "responses": {
                    ok: {
                        "description": "The questionnaire.",
                        "content": {JSON: {"schema": _ref("schemas", "Questionnaire")}},
                    },
                    "429": _ref("responses", "TooManyRequests"),
                },
            },
        },
        "/api/triage/next": {
            "post": {
                "operationId": "nextStep",
                "summary": "The next question, or the assessment when the walk is over",
                "parameters": [ACCEPT_LANGUAGE],
                "requestBody": {
                    "required": True,
                    "content": {JSON: {"schema": _ref("schemas", "NextRequest")}},
                },
                "responses": {
                    ok: {
                        "description": "The next question, or the assessment.",
                        "content": {JSON: {"schema": _ref("schemas", "NextResponse")}},
                    },
                    "400": _ref("responses", "BadRequest"),
                    "429": _ref("responses", "TooManyRequests"),
                },
            },
        },
        "/api/triage/openapi.json": {
            "get": {
                "operationId": "getOpenapi",
                "summary": "This document",
                "responses": {
                    ok: {
                        "description": "The OpenAPI document of the triage API.",
                        "content": {
                            JSON: {
                                "schema": {
                                    "type": "object",
                                    "required": ["openapi", "info", "paths"],
                                }
                            }
                        },
                    },
                    "429": _ref("responses", "TooManyRequests"),
                },
            },
        },
    }
    for path, methods in PATHS.items():
        paths[path]["description"] = (
            f"Answers {allow_header(methods)}; any other method gets 405 (MethodNotAllowed)."
        )
        paths[path]["options"] = _options_operation(path, methods)
    return paths


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document, as JSON-able data (a new dict on every call)."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "LumpGuide triage API",
            "version": API_VERSION,
            "description": (
                "LumpGuide's triage as JSON: stateless, with no session, cookie or CSRF token. "
                "All bodies are JSON. Nothing a client sends produces a 500. Each path answers "
                "HEAD wherever it answers GET, OPTIONS with 204 and `Allow`, and any other method "
                'with 405, `Allow` and {"error": "..."}. Too many requests get 429 with '
                "`Retry-After`."
            ),
        },
        "paths": _paths(),
        "components": {"schemas": _schemas(), "responses": _responses()},
    }
