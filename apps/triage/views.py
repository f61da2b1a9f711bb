"""The question screens: plain forms and whole pages, or HTMX fragments of the same templates."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import (
    condition,
    require_http_methods,
    require_POST,
    require_safe,
)

from apps.triage import api, flow
from apps.triage.engine import (
    AnswerError,
    QuestionScreen,
    ResultScreen,
    Screen,
    SummaryScreen,
    next_step,
)
from apps.triage.presenters import (
    PHOTO_QUESTIONS,
    answer_error_message,
    empty_answer_message,
    screen_rows,
    urgency_view,
)
from apps.triage.questionnaire_store import (
    current_questionnaire,
    current_spec_json,
    current_with_spec,
)
from apps.triage.session_answers import (
    clear_answers,
    current_walk,
    get_answers,
    get_prefill,
    save_answers,
)
from apps.triage.words import red_flag_labels
from lumpguide.context_processors import current_region
from lumpguide.rendering import render_page, see_other, wants_fragment

SCREEN = "screen"


def _screen(
    request: HttpRequest, template: str, context: dict, status: int = 200, url: str = ""
) -> HttpResponse:
    """A screen: the whole page, or for htmx its `screen` partial, with the address it has
    (`url`, when it is not the one asked for: the next screen, drawn in answer to a POST)."""
    fragment = wants_fragment(request)
    response = render_page(request, template, context, partial=SCREEN, status=status)
    if fragment:
        response["HX-Push-Url"] = url or request.get_full_path()
    response["Cache-Control"] = "no-store"
    return response


def _url(screen: Screen) -> str:
    if isinstance(screen, QuestionScreen):
        return reverse("triage:question", args=[screen.question.id])
    if isinstance(screen, ResultScreen):
        return reverse("triage:result")
    return reverse("triage:summary")


def _question_context(screen: QuestionScreen, questionnaire_etag: str, **shown) -> dict:
    """A question screen's context; `shown` overrides what the walk says is chosen (what was
    just sent, refused), and adds an `error` or `filled_in`."""
    previous = screen.progress.previous
    return {
        "question": screen.question,
        "chosen": screen.chosen,
        "filled_in": False,
        "error": "",
        "number": screen.progress.number,
        "most": screen.progress.most,
        # Reversed only when the screen's top is not cached already: its key names `previous`
        "back_url": (
            reverse_lazy("triage:question", args=[previous])
            if previous
            else reverse_lazy("triage:start")
        ),
        "previous": previous,
        "answers": screen.answers,
        "photo": screen.question.id in PHOTO_QUESTIONS,
        # Names the questionnaire's content in the cache key of the question's choices.
        "questionnaire_etag": questionnaire_etag,
        **shown,
    }


def _summary_context(questionnaire, screen: SummaryScreen) -> dict:
    return {
        "rows": screen_rows(questionnaire, screen.answers, change_links=True),
        "answers": screen.answers,
    }


def _result_context(request: HttpRequest, questionnaire, screen: ResultScreen) -> dict:
    assessment = screen.assessment
    return {
        "assessment": assessment,
        "likely": screen.likely,
        "rule_out": screen.rule_out,
        "urgency": urgency_view(assessment.urgency, current_region(request)),
        "red_flag_labels": red_flag_labels(list(assessment.red_flags)),
        "rows": screen_rows(questionnaire, screen.answers),
        "answers": screen.answers,
    }


def _filled_in(request: HttpRequest, questionnaire, screen: QuestionScreen) -> dict:
    """A question not yet answered on this walk, with an answer from the diary to offer: that
    answer ticked, and the screen says it was filled in (for the person to confirm)."""
    if screen.chosen:
        return {}
    filled = flow.suggestions(questionnaire, get_prefill(request)).get(screen.question.id, [])
    return {"chosen": filled, "filled_in": True} if filled else {}


def _render(
    request: HttpRequest, questionnaire, questionnaire_etag: str, screen: Screen, url: str = ""
) -> HttpResponse:
    if isinstance(screen, QuestionScreen):
        filled = _filled_in(request, questionnaire, screen)
        context = _question_context(screen, questionnaire_etag, **filled)
        return _screen(request, "triage/question.html", context, url=url)
    if isinstance(screen, SummaryScreen):
        context = _summary_context(questionnaire, screen)
        return _screen(request, "triage/summary.html", context, url=url)
    context = _result_context(request, questionnaire, screen)
    return _screen(request, "triage/result.html", context, url=url)


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    questionnaire = current_questionnaire()
    state = current_walk(request, questionnaire)
    first = flow.resume(questionnaire, {}).next_screen()
    context = {
        "first_url": _url(first),
        # As the first question's "Question 1 of at most N" says.
        "most_questions": first.progress.most,
        "resume_url": _url(state.next_screen()) if state.answers else None,
        "forgotten": request.GET.get("forgotten") == "1" and not state.answers,
    }
    return _screen(request, "triage/start.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def question(request: HttpRequest, question_id: str) -> HttpResponse:
    """A question screen. An answer taken goes to the next screen: for htmx, drawn in the same
    response (with its address in HX-Push-Url); for a plain form, a 303 to it. The walk is read
    once per request (flow.answer reads the answer with it)."""
    questionnaire, spec = current_with_spec()
    question = questionnaire.question(question_id)
    if question is None:
        raise Http404("No such question")
    shown = {}
    if request.method == "POST":
        chosen = request.POST.getlist("option")
        try:
            if not chosen:
                raise AnswerError("nothing chosen")
            state, kept = flow.answer(questionnaire, get_answers(request), question_id, chosen)
        except AnswerError:
            message = (
                answer_error_message(question=question, chosen=chosen)
                if chosen
                else empty_answer_message(question)
            )
            shown = {"chosen": chosen, "error": message}
        else:
            save_answers(request, kept)
            after = state.next_screen()
            if wants_fragment(request):
                return _render(request, questionnaire, spec.etag, after, url=_url(after))
            return see_other(_url(after))
    state = current_walk(request, questionnaire)
    screen = state.question_screen(question_id)
    if screen is None:
        return redirect(_url(state.next_screen()))
    if not shown:
        shown = _filled_in(request, questionnaire, screen)
    status = 400 if shown.get("error") else 200
    return _screen(
        request, "triage/question.html", _question_context(screen, spec.etag, **shown), status
    )


@require_safe
def summary(request: HttpRequest) -> HttpResponse:
    questionnaire = current_questionnaire()
    state = current_walk(request, questionnaire)
    screen = state.summary_screen()
    if screen is None:
        return redirect(_url(state.next_screen()))
    return _screen(request, "triage/summary.html", _summary_context(questionnaire, screen))


@require_safe
def result(request: HttpRequest) -> HttpResponse:
    questionnaire = current_questionnaire()
    state = current_walk(request, questionnaire)
    screen = state.result_screen()
    if screen is None:
        return redirect(_url(state.next_screen()))
    return _screen(request, "triage/result.html", _result_context(request, questionnaire, screen))


@require_POST
def restart(request: HttpRequest) -> HttpResponse:
    """Forget the answers and go straight to the first screen, with nothing ticked."""
    clear_answers(request)
    return see_other(_url(flow.resume(current_questionnaire(), {}).next_screen()))


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
