"""The question screens: plain forms and whole pages, or HTMX fragments of the same templates."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import (
    condition,
    require_http_methods,
    require_POST,
    require_safe,
)

from apps.triage import api, flow
from apps.triage.engine import AnswerError, Walk, next_step
from apps.triage.offline_screens import context as offline_screens_context
from apps.triage.presenters import (
    PHOTO_QUESTIONS,
    answer_error_message,
    empty_answer_message,
    questionnaire_rows,
    red_flag_labels,
    split_causes,
    urgency_view,
)
from apps.triage.questionnaire_store import (
    current_questionnaire,
    current_spec_json,
    current_with_spec,
)
from apps.triage.session_answers import clear_answers, get_answers, get_prefill, save_answers
from lumpguide.context_processors import current_region
from lumpguide.rendering import render_page, see_other, wants_fragment

SCREEN = "screen"


def _screen(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    fragment = wants_fragment(request)
    response = render_page(request, template, context, partial=SCREEN, status=status)
    if fragment:
        response["HX-Push-Url"] = request.get_full_path()
    response["Cache-Control"] = "no-store"
    return response


def _current_screen_url(state: Walk) -> str:
    if not state.done:
        return reverse("triage:question", args=[state.current_question_id])
    if state.urgency == "emergency":
        return reverse("triage:result")
    return reverse("triage:summary")


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    questionnaire = current_questionnaire()
    state = flow.resume(questionnaire, get_answers(request))
    first = flow.question_order(questionnaire)[0]
    context = {
        "first_url": reverse("triage:question", args=[first]),
        # As the first question's "Question 1 of at most N" says.
        "most_questions": flow.resume(questionnaire, {}).progress(questionnaire, first).most,
        "resume_url": _current_screen_url(state) if state.answers else None,
        "forgotten": request.GET.get("forgotten") == "1" and not state.answers,
    }
    return _screen(request, "triage/start.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def question(request: HttpRequest, question_id: str) -> HttpResponse:
    questionnaire, spec = current_with_spec()
    questions = {q["id"]: q for q in questionnaire.public_dict()["questions"]}
    if question_id not in questions:
        raise Http404("No such question")
    state = flow.resume(questionnaire, get_answers(request))
    if question_id not in state.answers and question_id != state.current_question_id:
        return redirect(_current_screen_url(state))
    error = ""
    chosen = state.answers.get(question_id, [])
    filled_in = False
    if not chosen and request.method == "GET":
        chosen = flow.suggestions(questionnaire, get_prefill(request)).get(question_id, [])
        filled_in = bool(chosen)
    if request.method == "POST":
        chosen = request.POST.getlist("option")
        if not chosen:
            error = empty_answer_message(questionnaire.question(question_id))
        else:
            try:
                state, kept = flow.answer(questionnaire, get_answers(request), question_id, chosen)
            except AnswerError:
                error = answer_error_message(
                    question=questionnaire.question(question_id), chosen=chosen
                )
            else:
                save_answers(request, kept)
                return see_other(_current_screen_url(state))
    progress = state.progress(questionnaire, question_id)
    context = {
        "question": questions[question_id],
        "chosen": chosen,
        "filled_in": filled_in,
        "error": error,
        "number": progress.number,
        "most": progress.most,
        "back_url": (
            reverse("triage:question", args=[progress.previous])
            if progress.previous
            else reverse("triage:start")
        ),
        "answers": state.answers,
        "photo": question_id in PHOTO_QUESTIONS,
        # Names the questionnaire's content in the cache key of the question's choices.
        "questionnaire_etag": spec.etag,
    }
    return _screen(request, "triage/question.html", context, status=400 if error else 200)


@require_safe
def summary(request: HttpRequest) -> HttpResponse:
    questionnaire = current_questionnaire()
    state = flow.resume(questionnaire, get_answers(request))
    if not state.done:
        return redirect(_current_screen_url(state))
    return _screen(
        request,
        "triage/summary.html",
        {
            "rows": questionnaire_rows(questionnaire, state.answers, change_links=True),
            "answers": state.answers,
        },
    )


@require_safe
def result(request: HttpRequest) -> HttpResponse:
    questionnaire = current_questionnaire()
    state = flow.resume(questionnaire, get_answers(request))
    if not state.done:
        return redirect(_current_screen_url(state))
    assessment = state.step.to_dict()["assessment"]
    likely, rule_out = split_causes(assessment["conditions"])
    context = {
        "assessment": assessment,
        "likely": likely,
        "rule_out": rule_out,
        "urgency": urgency_view(assessment["urgency"], current_region(request)),
        "summary_url": reverse("triage:summary"),
        "red_flag_labels": red_flag_labels(assessment["red_flags"]),
        "rows": questionnaire_rows(questionnaire, state.answers),
        "answers": state.answers,
    }
    return _screen(request, "triage/result.html", context)


@require_POST
def restart(request: HttpRequest) -> HttpResponse:
    """Forget the answers and go straight to the first screen, with nothing ticked."""
    clear_answers(request)
    first = flow.question_order(current_questionnaire())[0]
    return see_other(reverse("triage:question", args=[first]))


@require_POST
def keep_offline_answers(request: HttpRequest) -> HttpResponse:
    """The answers of a walk done on the phone while it was offline, sent once it is online
    again ({"answers": {...}} as JSON, checked as the API checks them): kept in the session
    like answers given here, so that the summary for the doctor, a reminder and "Carry on"
    use them, not the answers from before. 204; 400 with {"error": ...}."""
    questionnaire = current_questionnaire()
    try:
        answers = api.answers_body(request)
        next_step(questionnaire, answers)
    except (api.BadBody, AnswerError) as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    save_answers(request, flow.resume(questionnaire, answers).answers)
    return HttpResponse(status=204)


@require_safe
@cache_control(max_age=0, no_cache=True)
def offline_screens(request: HttpRequest) -> HttpResponse:
    """The question, summary and result screens with markers, for the offline script to fill
    (the service worker keeps this page)."""
    context = offline_screens_context(current_region(request))
    # Always the whole document (it has no HTMX fragment), whoever asks.
    return TemplateResponse(request, "triage/offline_screens.html", context)


@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    """Delete this walk's answers (and any filled in from the diary) from the session now."""
    clear_answers(request)
    return see_other(f"{reverse('triage:start')}?forgotten=1")


def _spec_json(request: HttpRequest):
    """The spec for this request, looked up once for the ETag and the body."""
    if not hasattr(request, "_lumpguide_spec"):
        request._lumpguide_spec = current_spec_json()
    return request._lumpguide_spec


def _spec_etag(request: HttpRequest) -> str:
    return _spec_json(request).etag


@require_safe
@cache_control(max_age=0, no_cache=True)
@condition(etag_func=_spec_etag)
def spec(request: HttpRequest) -> HttpResponse:
    """The whole questionnaire and its rules, for the offline engine in the browser: made once
    per questionnaire, and answered 304 when the browser already has it (ETag)."""
    return HttpResponse(_spec_json(request).content, content_type="application/json")
