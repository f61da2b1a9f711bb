"""Reminders, the check-in screen, the diary and "Your data": thin views over services.

Every page that shows personal data is sent with Cache-Control: no-store, so the service
worker never keeps it; the empty check-in form is the exception (it opens offline).
"""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.reminders import calendar_file, chart, diary, push, push_endpoints, recheck, services
from apps.reminders import your_data as your_data_export
from apps.reminders.device import current_device, device_for_write, forget_device, uses_device
from apps.reminders.forms import CheckInForm, ReminderForm
from apps.reminders.models import CheckIn, Reminder
from apps.triage import handoff
from lumpguide.context_processors import current_region
from lumpguide.rendering import render_page, see_other


def _push_context() -> dict:
    try:
        key = push.application_server_key()
    except push.VapidKeysMissing:
        key = ""
    return {"vapid_public_key": key}


def _reminder_or_404(request: HttpRequest, reminder_id: int) -> Reminder:
    try:
        return services.get_reminder(device=current_device(request), reminder_id=reminder_id)
    except Reminder.DoesNotExist as exc:
        raise Http404("No such reminder") from exc


# Reminders ----------------------------------------------------------------------------------


@require_GET
@never_cache
def reminder_list(request: HttpRequest) -> HttpResponse:
    return _reminder_list_page(request)


def _reminder_list_page(request: HttpRequest, *, error: str = "", status: int = 200):
    device = current_device(request)
    context = {
        "reminders": services.reminders_page(device=device, page=request.GET.get("page")),
        "has_subscription": services.has_subscription(device=device),
        "created": request.GET.get("created", ""),
        "error": error,
        **_push_context(),
    }
    return render_page(request, "reminders/reminder_list.html", context, status=status)


def _reminder_form_page(request, form, *, reminder=None, status=200) -> HttpResponse:
    context = {"form": form, "reminder": reminder, **_push_context()}
    return render_page(request, "reminders/reminder_form.html", context, status=status)


def _limit_reached(response: HttpResponse, limit: services.LimitReached) -> HttpResponse:
    response.status_code = 429
    response["Retry-After"] = str(limit.retry_after)
    return response


def _refused(request, form, *, reminder=None, limit=None) -> HttpResponse:
    """The form again, when the service refused a valid-looking reminder."""
    if limit is None:  # a date the clock cannot hold (ReminderError)
        form.add_error("date", _("Choose a day within the next two years."))
        return _reminder_form_page(request, form, reminder=reminder, status=400)
    form.add_error(None, limit.message)
    return _limit_reached(_reminder_form_page(request, form, reminder=reminder), limit)


@require_http_methods(["GET", "POST"])
@never_cache
@uses_device
def reminder_new(request: HttpRequest) -> HttpResponse:
    has_push = services.has_subscription(device=current_device(request))
    if request.method == "POST":
        form = ReminderForm(request.POST, has_push=has_push)
        if not form.is_valid():
            return _reminder_form_page(request, form, status=400)
        data = form.cleaned_data
        try:
            reminder = services.schedule_reminder(
                device=device_for_write(request),
                local_date=data["date"],
                local_time=data["time"],
                tz_name=data["timezone"],
                channel=data["channel"],
                follow_up_days=data["follow_up_days"],
                # Set from a triage result: keep its answers, so the diary can offer them again.
                triage_answers=handoff.finished_answers(request) if data["follow_up_days"] else {},
            )
        except services.LimitReached as limit:
            return _refused(request, form, limit=limit)
        except services.ReminderError:
            return _refused(request, form)
        return see_other(f"{reverse('reminders:list')}?created={reminder.pk}")
    try:
        days = max(0, min(365, int(request.GET.get("days", "14"))))
    except ValueError:
        days = 14
    tz_name = current_region(request).time_zone
    date, time = services.suggested_local(tz_name=tz_name, days=days)
    form = ReminderForm(
        initial={
            "date": date,
            "time": time.strftime("%H:%M"),
            "timezone": tz_name,
            "follow_up_days": days or None,
        },
        has_push=has_push,
    )
    return _reminder_form_page(request, form)


@require_http_methods(["GET", "POST"])
@never_cache
def reminder_edit(request: HttpRequest, reminder_id: int) -> HttpResponse:
    reminder = _reminder_or_404(request, reminder_id)
    has_push = services.has_subscription(device=reminder.device)
    if request.method == "POST":
        form = ReminderForm(request.POST, has_push=has_push)
        if not form.is_valid():
            return _reminder_form_page(request, form, reminder=reminder, status=400)
        data = form.cleaned_data
        try:
            services.change_reminder(
                device=reminder.device,
                reminder_id=reminder.pk,
                local_date=data["date"],
                local_time=data["time"],
                tz_name=data["timezone"],
                channel=data["channel"],
            )
        except services.LimitReached as limit:
            return _refused(request, form, reminder=reminder, limit=limit)
        except services.ReminderError:
            return _refused(request, form, reminder=reminder)
        return see_other(reverse("reminders:list"))
    form = ReminderForm(
        initial={
            "date": reminder.local_date,
            "time": reminder.local_time.strftime("%H:%M"),
            "timezone": reminder.timezone,
            "channel": reminder.channel,
        },
        has_push=has_push,
    )
    return _reminder_form_page(request, form, reminder=reminder)


@require_POST
def reminder_snooze(request: HttpRequest, reminder_id: int) -> HttpResponse:
    reminder = _reminder_or_404(request, reminder_id)
    try:
        services.snooze_reminder(
            device=reminder.device, reminder_id=reminder.pk, by=request.POST.get("by", "")
        )
    except services.ReminderError:
        error = _(
            "That reminder cannot be moved that way: it is cancelled, or it would be more than "
            "two years ahead. Use “Change” to pick another day."
        )
        return _reminder_list_page(request, error=error, status=400)
    except services.LimitReached as limit:
        return _limit_reached(_reminder_list_page(request, error=limit.message), limit)
    return see_other(reverse("reminders:list"))


@require_POST
def reminder_cancel(request: HttpRequest, reminder_id: int) -> HttpResponse:
    reminder = _reminder_or_404(request, reminder_id)
    services.cancel_reminder(device=reminder.device, reminder_id=reminder.pk)
    return see_other(reverse("reminders:list"))


@require_GET
@never_cache
def reminder_calendar(request: HttpRequest, reminder_id: int) -> HttpResponse:
    reminder = _reminder_or_404(request, reminder_id)
    body = calendar_file.reminder_calendar(
        reminder=reminder,
        check_in_url=request.build_absolute_uri(reverse("reminders:check_in")),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="lumpguide-reminder-{reminder.local_date:%Y-%m-%d}.ics"'
    )
    return response


# Push subscriptions -------------------------------------------------------------------------


@require_POST
@never_cache
@uses_device
def push_subscribe(request: HttpRequest) -> HttpResponse:
    try:
        subscription = push_endpoints.parse_subscription(request.body)
    except push_endpoints.EndpointRefused as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    try:
        services.save_subscription(
            device=device_for_write(request),
            **subscription,
            origin=request.build_absolute_uri("/"),
        )
    except services.SubscriptionTaken:
        return JsonResponse(
            {"error": "This push subscription belongs to another phone."}, status=409
        )
    return JsonResponse({"ok": True}, status=201)


@require_POST
def push_off(request: HttpRequest) -> HttpResponse:
    services.delete_subscriptions(device=current_device(request))
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"ok": True})
    return see_other(f"{reverse('reminders:list')}?notifications=off")


# Check-ins and the diary --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@uses_device
def check_in(request: HttpRequest) -> HttpResponse:
    """GET is an empty form with no personal data: the service worker keeps it for offline."""
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if not form.is_valid():
            if wants_json:
                return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
            response = render_page(request, "reminders/check_in.html", {"form": form}, status=400)
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
            )
        except services.LimitReached as limit:
            if wants_json:
                return _limit_reached(JsonResponse({"error": limit.message}), limit)
            form.add_error(None, limit.message)
            response = render_page(request, "reminders/check_in.html", {"form": form})
            response["Cache-Control"] = "no-store"
            return _limit_reached(response, limit)
        if wants_json:
            return JsonResponse({"ok": True, "created": created}, status=201 if created else 200)
        return see_other(f"{reverse('reminders:diary')}?saved=1")
    return render_page(request, "reminders/check_in.html", {"form": CheckInForm()})


@require_POST
def check_in_delete(request: HttpRequest, check_in_id: int) -> HttpResponse:
    device = current_device(request)
    try:
        if device is None:
            raise CheckIn.DoesNotExist
        services.delete_check_in(device=device, check_in_id=check_in_id)
    except CheckIn.DoesNotExist as exc:
        raise Http404("No such check-in") from exc
    return see_other(reverse("reminders:diary"))


@require_GET
@never_cache
def diary_view(request: HttpRequest) -> HttpResponse:
    device = current_device(request)
    window = services.diary_window(device=device, latest=chart.MAX_POINTS)
    reminders = services.recent_reminders(device=device)
    zone_name = diary.zone_name(reminders=reminders, fallback=current_region(request).time_zone)
    page = services.check_ins_page(device=device, page=request.GET.get("page"))
    with timezone.override(zone_name):
        context = {
            "page": page,
            "rows": [
                {"check_in": c, "size": diary.size_label(c), "flags": diary.flags(c)} for c in page
            ],
            "total": window.total,
            "concerns": diary.concerns(check_ins=window.ends, reminders=reminders),
            "chart": chart.chart_svg(
                window.latest, title_id="chart-title", desc_id="chart-desc", total=window.total
            )
            if window.total
            else "",
            "chart_summary": chart.summary(window.latest, total=window.total),
            "open_reminders": services.open_reminders(device=device),
            "failed_reminders": [r for r in reminders if r.state == Reminder.State.FAILED][:3],
        }
    context["zone_name"] = zone_name
    context["saved"] = request.GET.get("saved") == "1"
    return render_page(request, "reminders/diary.html", context)


@require_POST
def check_again(request: HttpRequest) -> HttpResponse:
    """Start triage again with the last answers, brought up to date by the newest check-in."""
    device = current_device(request)
    ends = services.diary_window(device=device, latest=1).ends
    earlier, earlier_on = services.latest_triage(device=device)
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


# Your data ----------------------------------------------------------------------------------


@require_GET
@never_cache
def your_data(request: HttpRequest) -> HttpResponse:
    device = current_device(request)
    context = {
        "counts": your_data_export.counts(device=device),
        "reminders": services.reminders_page(device=device, page=request.GET.get("reminders_page")),
        "check_ins": services.check_ins_page(device=device, page=request.GET.get("check_ins_page")),
        "answer_rows": handoff.session_rows(request),
        "has_filled_in": bool(handoff.session_data(request)["filled_in"]),
        "deleted": request.GET.get("deleted") == "1",
    }
    return render_page(request, "reminders/your_data.html", context)


@require_GET
@never_cache
def your_data_download(request: HttpRequest) -> HttpResponse:
    response = StreamingHttpResponse(
        your_data_export.export_json(
            device=current_device(request), triage_session=handoff.session_data(request)
        ),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="lumpguide-my-data.json"'
    return response


@require_http_methods(["GET", "POST"])
@never_cache
@uses_device
def your_data_delete(request: HttpRequest) -> HttpResponse:
    """Delete the phone's rows and its session (the triage answers in it included)."""
    if request.method == "POST":
        services.delete_everything(device=current_device(request))
        forget_device(request)
        request.session.flush()
        return see_other(f"{reverse('reminders:your_data')}?deleted=1")
    return render_page(request, "reminders/your_data_delete.html", {})
