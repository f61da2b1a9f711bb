"""What one phone's summary is made of, gathered through the other apps' own services: the
triage walk in this browser's session (else the newest walk a reminder kept for this phone),
and this phone's check-ins and reminders. Nothing of anyone else's, nothing stored here."""

from django.http import HttpRequest
from django.utils import timezone

from apps.diary import chart, diary
from apps.diary import services as diary_services
from apps.handover.summary import Handover, build_diary, build_triage
from apps.phones.device import current_device
from apps.reminders import services as reminders
from apps.triage import handoff
from apps.triage.questionnaire_store import current_questionnaire
from lumpguide.context_processors import current_region


def handover_for(request: HttpRequest, *, include_diary: bool = True) -> Handover:
    device = current_device(request)
    region = current_region(request)
    recent = reminders.recent_reminders(device=device)
    zone_name = diary.zone_name(reminders=recent, fallback=region.time_zone)
    answers, answered_on = handoff.finished_answers(request), None
    answered_at = handoff.finished_at(request) if answers else None
    if not answers:
        answers, answered_on = reminders.latest_triage(device=device)
        answered_at = reminders.latest_triage_kept_at(device=device)
    triage = (
        build_triage(
            questionnaire=current_questionnaire(),
            answers=answers,
            answered_on=answered_on,
            answered_at=answered_at,
            region=region,
        )
        if answers
        else None
    )
    part = None
    if include_diary and device is not None:
        window = diary_services.diary_window(device=device, latest=chart.MAX_POINTS)
        part = build_diary(
            check_ins=window.latest,
            total=window.total,
            first=window.first,
            reminders=recent,
            open_reminders=reminders.open_reminders(device=device),
            zone_name=zone_name,
        )
    return Handover(
        made_at=timezone.now().replace(microsecond=0),
        zone_name=zone_name,
        region=region,
        triage=triage,
        diary=part,
    )


def has_diary(request: HttpRequest) -> bool:
    """Whether this phone has any check-in (to offer leaving the diary in or out)."""
    device = current_device(request)
    return bool(device and diary_services.diary_window(device=device, latest=1).total)
