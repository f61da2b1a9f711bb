"""A time zone as a person reads it, in their language: "Europe/Madrid" is "Madrid", and in
Spanish "America/New_York" is "Nueva York" (the CLDR's city names, through Babel). The zone's
id stays the value of every form and file; this is only what a page shows."""

from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone_location
from django.utils.translation import get_language, to_locale


@cache
def _place(zone: str, locale: str) -> str:
    try:
        return get_timezone_location(zone, locale=Locale.parse(locale), return_city=True)
    except (LookupError, UnknownLocaleError, ValueError):
        return zone


def zone_place(zone: str, language: str | None = None) -> str:
    """The city (or "UTC") that names `zone` in `language` (the active one by default); the
    zone's id where the CLDR has no name for it."""
    return _place(zone, to_locale(language or get_language() or "en"))
