"""The hand-over pages: thin views over selectors.handover_for and the presenters.

Everything built from a person's answers or diary is sent with Cache-Control: no-store (the
service worker never keeps it); the published Questionnaire and CodeSystems are the same for
everyone, in every language (English, with the other languages' words as translations), and
their canonical URLs come from settings.LUMPGUIDE_CANONICAL_BASE, never from the request's
host."""

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from apps.diary import chart
from apps.handover import fhir, selectors
from apps.handover.qr import qr_svg
from apps.handover.text import summary_text
from apps.triage.engine import Questionnaire
from apps.triage.questionnaire_store import current_questionnaire, other_languages
from lumpguide.rendering import render_page

FHIR_JSON = "application/fhir+json"


def _include_diary(request: HttpRequest) -> bool:
    return request.GET.get("diary") != "0"


def _editions() -> tuple[Questionnaire, dict[str, Questionnaire]]:
    """The English questionnaire (the FHIR definitions' words, whatever the request's
    language) and each other language's edition of it."""
    return current_questionnaire("en"), {
        language: current_questionnaire(language) for language in other_languages()
    }


def _fhir_response(resource, *, filename: str = "") -> HttpResponse:
    body = json.dumps(json.loads(resource.model_dump_json(exclude_none=True)), indent=2)
    response = HttpResponse(body, content_type=f"{FHIR_JSON}; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@never_cache
def summary(request: HttpRequest) -> HttpResponse:
    include_diary = _include_diary(request)
    handover = selectors.handover_for(request, include_diary=include_diary)
    context = {"handover": handover, "include_diary": include_diary}
    if not handover.empty:
        text = summary_text(handover)
        context["text"] = text
        context["qr"] = qr_svg(text, title=_("QR code of the text summary above"))
    if handover.diary is not None:
        context["chart"] = chart.chart_svg(handover.diary.check_ins, prefix="handover-chart")
        context["chart_summary"] = chart.summary(
            handover.diary.check_ins, total=handover.diary.total
        )
    context["can_leave_out_diary"] = handover.diary is not None or (
        not include_diary and selectors.has_diary(request)
    )
    if handover.triage is not None:
        context["urgency"] = handover.triage.advice.urgency
    return render_page(request, "handover/summary.html", context)


@require_safe
@never_cache
def text(request: HttpRequest) -> HttpResponse:
    handover = selectors.handover_for(request, include_diary=_include_diary(request))
    if handover.empty:
        raise Http404("Nothing to summarise")
    response = HttpResponse(summary_text(handover) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lumpguide-summary.txt"'
    return response


@require_safe
@never_cache
def fhir_download(request: HttpRequest) -> HttpResponse:
    include_diary = _include_diary(request)
    handover = selectors.handover_for(request, include_diary=include_diary)
    if handover.empty:
        raise Http404("Nothing to summarise")
    resource = fhir.document(
        handover,
        questionnaire=current_questionnaire("en"),
        asked=current_questionnaire(),
        diary_left_out=not include_diary and selectors.has_diary(request),
    )
    return _fhir_response(resource, filename="lumpguide-summary.fhir.json")


@require_safe
@cache_control(max_age=0, no_cache=True)
def fhir_questionnaire(request: HttpRequest) -> HttpResponse:
    questionnaire, editions = _editions()
    return _fhir_response(fhir.questionnaire_resource(questionnaire, editions=editions))


@require_safe
@cache_control(max_age=0, no_cache=True)
def fhir_code_system(request: HttpRequest, name: str) -> HttpResponse:
    short = name.removeprefix("lumpguide-")
    if short == name or short not in fhir.CODE_SYSTEMS:
        raise Http404("No such code system")
    questionnaire, editions = _editions()
    return _fhir_response(fhir.code_system(short, questionnaire=questionnaire, editions=editions))
