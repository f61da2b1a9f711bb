"""{{ reminder.timezone|zone_place }}: "Madrid", not "Europe/Madrid" (apps/reminders/zone_names)."""

from django import template

from apps.reminders.zone_names import zone_place as _zone_place

register = template.Library()


@register.filter
def zone_place(zone: str) -> str:
    return _zone_place(zone) if zone else zone
