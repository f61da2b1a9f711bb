"""The JSON API in the triage contract. Stateless: no session, cookie or CSRF token.

Every view answers the methods it serves, HEAD where it serves GET, and OPTIONS with 204 and
`Allow`; any other method gets a JSON 405 with `Allow` (as apps/triage/openapi.py documents).
"""

import json
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt

from apps.triage.engine import AnswerError, next_step
from apps.triage.openapi import allow_header, openapi_document
from apps.triage.presenters import urgency_view
from apps.triage.questionnaire_store import current_questionnaire
from lumpguide.regions import REGIONS, Region, region_for, region_of_accept_language


def error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def accept_language(request: HttpRequest) -> str:
    """The language the API answers in: the first of Accept-Language that LumpGuide has, else
    English. Only that header counts (the contract's rule), never the site's language cookie."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:1000]
    for code, quality in parse_accept_lang_header(header):
        if quality <= 0:  # "q=0": not acceptable
            continue
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def api_view(*methods: str) -> Callable:
    """Serve `methods` (HEAD too with GET); OPTIONS gets 204 and any other method a JSON 405,
    both with `Allow`. The API uses no cookies, so no view needs a CSRF token."""
    allow = allow_header(methods)
    served = {*methods, *(["HEAD"] if "GET" in methods else [])}

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                del response["Content-Type"]  # no body, so no type
            elif request.method not in served:
                response = error(f"Method not allowed here; use {' or '.join(methods)}.", 405)
            else:
                language = accept_language(request)
                with translation.override(language):
                    response = view(request, *args, **kwargs)
                response["Content-Language"] = language
                return response
            response["Allow"] = allow
            return response

        return wrapper

    return decorator


@api_view("GET")
@cache_control(max_age=300, public=True)
def questionnaire(request: HttpRequest) -> JsonResponse:
    return JsonResponse(current_questionnaire().public_dict())


class BadBody(ValueError):
    """A request body that is not {"answers": {...}} as JSON; the message says why."""


def request_body(request: HttpRequest) -> tuple[object, str | None]:
    """The "answers" of a JSON body {"answers": {...}, "region": "uk"} (the answers are checked
    by the engine, not here), and the region it names, if any."""
    try:
        payload = json.loads(request.body)
    except RequestDataTooBig as exc:
        raise BadBody("The request body is too large.") from exc
    except RawPostDataException as exc:  # read as a form already (the CSRF check did)
        raise BadBody("The body must be JSON (Content-Type: application/json).") from exc
    except (ValueError, RecursionError) as exc:
        raise BadBody("The request body is not valid JSON.") from exc
    if not isinstance(payload, dict) or "answers" not in payload:
        raise BadBody('The body must be a JSON object with an "answers" object.')
    unknown = sorted(set(payload) - {"answers", "region"})
    if unknown:
        raise BadBody(f'Unknown field "{unknown[0]}"; the body takes "answers" and "region".')
    region = payload.get("region")
    if "region" in payload and (not isinstance(region, str) or region not in REGIONS):
        names = ", ".join(REGIONS)
        raise BadBody(f"Unknown region {json.dumps(region)[:40]}; use one of {names}.")
    return payload["answers"], region


def answers_body(request: HttpRequest):
    """The "answers" of a JSON body, as request_body reads it (its region, if any, is ignored)."""
    return request_body(request)[0]


def with_region(body: dict, region: Region) -> dict:
    """An assessment's steps begin with what to do where the person is, as the result page's
    care card does ("Call 999 or go to A&E now."): the region's numbers and care settings."""
    assessment = body["assessment"]
    action = urgency_view(assessment["urgency"], region).action
    return {**body, "assessment": {**assessment, "next_steps": [action, *assessment["next_steps"]]}}


@api_view("POST")
def next_question(request: HttpRequest) -> JsonResponse:
    try:
        answers, region_code = request_body(request)
        step = next_step(current_questionnaire(), answers)
    except (BadBody, AnswerError) as exc:
        return error(str(exc))
    body = step.to_dict()
    if body["done"]:
        code = region_code or region_of_accept_language(
            request.META.get("HTTP_ACCEPT_LANGUAGE", "")
        )
        body = with_region(body, region_for(code, default=settings.LUMPGUIDE_DEFAULT_REGION))
    return JsonResponse(body)


@api_view("GET")
@cache_control(max_age=300, public=True)
def openapi(request: HttpRequest) -> JsonResponse:
    """The OpenAPI 3.1 document of this API (apps/triage/openapi.py)."""
    return JsonResponse(openapi_document())
