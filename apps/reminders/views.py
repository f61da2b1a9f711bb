"""Reminders and push subscriptions: thin views over services.

Every page that shows personal data is sent with Cache-Control: no-store, so the service
worker never keeps it.
"""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from apps.phones.device import current_device, device_for_write, limit_reached, uses_device
from apps.phones.services import LimitReached
from apps.reminders import calendar_file, push, push_endpoints, services
from apps.reminders.forms import ReminderForm
from apps.reminders.models import Reminder
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


@require_safe
@never_cache
def reminder_list(request: HttpRequest) -> HttpResponse:
    return _reminder_list_page(request)


def _created(request: HttpRequest, device) -> Reminder | None:
    """The reminder just set (?created=<id>), if it is this phone's."""
    try:
        return services.get_reminder(device=device, reminder_id=int(request.GET["created"]))
    except (KeyError, ValueError, OverflowError, Reminder.DoesNotExist):
        return None


def _reminder_list_page(request: HttpRequest, *, error: str = "", status: int = 200):
    device = current_device(request)
    context = {
        "reminders": services.reminders_page(device=device, page=request.GET.get("page")),
        "has_subscription": services.has_subscription(device=device),
        "created": _created(request, device),
        "error": error,
        **_push_context(),
    }
    return render_page(request, "reminders/reminder_list.html", context, status=status)


def _reminder_form_page(request, form, *, reminder=None, status=200) -> HttpResponse:
    context = {"form": form, "reminder": reminder, **_push_context()}
    return render_page(request, "reminders/reminder_form.html", context, status=status)


def _refused(request, form, *, reminder=None, limit=None) -> HttpResponse:
    """The form again, when the service refused a valid-looking reminder."""
    if limit is None:  # a date the clock cannot hold (ReminderError)
        form.add_error("date", _("Choose a day within the next two years."))
        return _reminder_form_page(request, form, reminder=reminder, status=400)
    form.add_error(None, limit.message)
    return limit_reached(_reminder_form_page(request, form, reminder=reminder), limit)


@require_http_methods(["GET", "HEAD", "POST"])
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
                language=get_language(),
            )
        except LimitReached as limit:
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


@require_http_methods(["GET", "HEAD", "POST"])
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
        except LimitReached as limit:
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
    except LimitReached as limit:
        return limit_reached(_reminder_list_page(request, error=limit.message), limit)
    return see_other(reverse("reminders:list"))


@require_POST
def reminder_cancel(request: HttpRequest, reminder_id: int) -> HttpResponse:
    reminder = _reminder_or_404(request, reminder_id)
    services.cancel_reminder(device=reminder.device, reminder_id=reminder.pk)
    return see_other(reverse("reminders:list"))


@require_safe
@never_cache
def reminder_calendar(request: HttpRequest, reminder_id: int) -> HttpResponse:
    reminder = _reminder_or_404(request, reminder_id)
    body = calendar_file.reminder_calendar(
        reminder=reminder,
        check_in_url=request.build_absolute_uri(reverse("diary:check_in")),
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
