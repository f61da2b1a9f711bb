"""The JSON API in the triage contract. Stateless: no session, cookie or CSRF token."""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt

from apps.triage.engine import AnswerError, next_step
from apps.triage.questionnaire_store import current_questionnaire


def error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@cache_control(max_age=300, public=True)
def questionnaire(request: HttpRequest) -> JsonResponse:
    if request.method != "GET":
        return error("Use GET for the questionnaire.", status=405)
    return JsonResponse(current_questionnaire().public_dict())


@csrf_exempt
def next_question(request: HttpRequest) -> JsonResponse:
    if request.method != "POST":
        return error("Use POST with a JSON body for the next step.", status=405)
    try:
        payload = json.loads(request.body)
    except RequestDataTooBig:
        return error("The request body is too large.")
    except (ValueError, RecursionError):
        return error("The request body is not valid JSON.")
    if not isinstance(payload, dict) or "answers" not in payload:
        return error('The body must be a JSON object with an "answers" object.')
    unknown = sorted(set(payload) - {"answers"})
    if unknown:
        return error(f'Unknown field "{unknown[0]}"; the body takes only "answers".')
    try:
        step = next_step(current_questionnaire(), payload["answers"])
    except AnswerError as exc:
        return error(str(exc))
    return JsonResponse(step.to_dict())
