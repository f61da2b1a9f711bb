"""The check-in screen, the diary and "check your lump again": thin views over services.

Every page that shows personal data is sent with Cache-Control: no-store, so the service
worker never keeps it; the empty check-in form is the exception (it opens offline).
"""

import uuid
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.diary import chart, diary, recheck, services
from apps.diary.forms import CheckInForm
from apps.diary.models import CheckIn
from apps.phones.device import current_device, device_for_write, limit_reached, uses_device
from apps.phones.services import LimitReached
from apps.reminders import services as reminders
from apps.reminders.models import Reminder
from apps.triage import handoff
from lumpguide.context_processors import current_region
from lumpguide.rendering import render_page, see_other


@require_http_methods(["GET", "HEAD", "POST"])
@uses_device
def check_in(request: HttpRequest) -> HttpResponse:
    """GET is an empty form with no personal data: the service worker keeps it for offline."""
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        form = CheckInForm(
            request.POST, last_cm=services.last_size_cm(device=current_device(request))
        )
        if not form.is_valid():
            if wants_json:
                return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
            response = render_page(request, "diary/check_in.html", {"form": form}, status=400)
            response["Cache-Control"] = "no-store"
            return response
        data = form.cleaned_data
        try:
            _check_in, created = services.record_check_in(
                device=device_for_write(request),
                key=data["key"],
                size_cm=data["size_cm"],
                size_word=data["size_word"],
                pain=data["pain"],
                red=data["red"],
                hot=data["hot"],
                leaking=data["leaking"],
                colour_changed=data["colour_changed"],
                note=data["note"],
                recorded_at=data["recorded_at"],
            )
        except LimitReached as limit:
            if wants_json:
                return limit_reached(JsonResponse({"error": limit.message}), limit)
            form.add_error(None, limit.message)
            response = render_page(request, "diary/check_in.html", {"form": form})
            response["Cache-Control"] = "no-store"
            return limit_reached(response, limit)
        if wants_json:
            return JsonResponse({"ok": True, "created": created}, status=201 if created else 200)
        return see_other(f"{reverse('diary:diary')}?saved=1")
    return render_page(request, "diary/check_in.html", {"form": CheckInForm()})


@require_safe
def photos(request: HttpRequest) -> HttpResponse:
    """The photos of the lump: kept on the phone only (static/js/photos.js fills the page from
    its own storage). The server's page holds no personal data, so the service worker keeps it
    and it opens offline; no photo ever reaches this view."""
    return render_page(request, "diary/photos.html")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def check_in_delete(request: HttpRequest, check_in_id: int) -> HttpResponse:
    """Deletes a check-in only once asked: the diary's form asks in a dialog (app.js, its
    data-confirm) and then sends `confirmed`; without JavaScript it comes here without it, and
    this page asks. Its photos stay on the phone (the diary page tells photos.js its key)."""
    device = current_device(request)
    confirmed = request.method == "POST" and request.POST.get("confirmed") == "1"
    try:
        if confirmed and device is not None:
            key = services.delete_check_in(device=device, check_in_id=check_in_id)
            return see_other(f"{reverse('diary:diary')}?{urlencode({'deleted': key})}")
        check_in = services.check_in_of(device=device, check_in_id=check_in_id)
    except CheckIn.DoesNotExist as exc:
        raise Http404("No such check-in") from exc
    if request.method == "POST":
        return see_other(request.path)  # not confirmed: ask here
    zone_name = _zone_name(request, reminders.recent_reminders(device=device))
    with timezone.override(zone_name):
        context = {
            "check_in": check_in,
            "size": diary.size_label(check_in),
            "flags": diary.flags(check_in),
            "question": diary.DELETE_QUESTION,
            "keeps_photos": diary.DELETE_KEEPS_PHOTOS,
            "zone_name": zone_name,
        }
    return render_page(request, "diary/check_in_delete.html", context)


def _zone_name(request: HttpRequest, recent) -> str:
    """The diary's time zone: the newest of the `recent` reminders', else the region's."""
    return diary.zone_name(reminders=recent, fallback=current_region(request).time_zone)


def _deleted_key(request: HttpRequest) -> str:
    """The key of the check-in just deleted (?deleted=<key>), for photos.js; else ""."""
    try:
        return str(uuid.UUID(request.GET.get("deleted", "")))
    except ValueError:
        return ""


@require_safe
@never_cache
def diary_view(request: HttpRequest) -> HttpResponse:
    device = current_device(request)
    window = services.diary_window(device=device, latest=chart.MAX_POINTS)
    recent = reminders.recent_reminders(device=device)
    zone_name = _zone_name(request, recent)
    page = services.check_ins_page(device=device, page=request.GET.get("page"))
    with timezone.override(zone_name):
        context = {
            "page": page,
            "rows": [
                {"check_in": c, "size": diary.size_label(c), "flags": diary.flags(c)} for c in page
            ],
            "total": window.total,
            "concerns": diary.concerns(check_ins=window.ends, reminders=recent),
            "chart": chart.chart_svg(window.latest, prefix="chart"),
            "chart_summary": chart.summary(window.latest, total=window.total),
            "open_reminders": reminders.open_reminders(device=device),
            "failed_reminders": [r for r in recent if r.state == Reminder.State.FAILED][:3],
            "delete_question": diary.DELETE_QUESTION_OF,
            "keeps_photos": diary.DELETE_KEEPS_PHOTOS,
        }
    context["zone_name"] = zone_name
    context["saved"] = request.GET.get("saved") == "1"
    context["deleted_key"] = _deleted_key(request)
    context["deleted"] = request.GET.get("deleted") == "1" or bool(context["deleted_key"])
    return render_page(request, "diary/diary.html", context)


@require_POST
def check_again(request: HttpRequest) -> HttpResponse:
    """Start triage again with the last answers, brought up to date by the newest check-in."""
    device = current_device(request)
    ends = services.diary_window(device=device, latest=1).ends
    earlier, earlier_on = reminders.latest_triage(device=device)
    if not earlier:
        earlier = handoff.finished_answers(request)
        earlier_on = timezone.localdate()
    answers = earlier
    if ends:
        answers = recheck.recheck_answers(
            earlier=earlier,
            earlier_on=earlier_on,
            latest=ends[-1],
            grown=diary.has_grown(ends),
            today=timezone.localdate(),
        )
    return see_other(handoff.start_again_with(request, answers))
