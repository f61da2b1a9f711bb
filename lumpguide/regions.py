"""Where to get help, by region: the numbers and services a page names.

Sources: clinical brief §6 (UK 999/NHS 111; US 911; EU 112, so Spain's 112; Australia 000 and
healthdirect) and §8.6 (Spain: the hospital's urgencias for an emergency, not the health
centre's; same day at the health centre, else primary-care urgencias or the region's health
emergency line, 061 or 112).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

COOKIE_NAME = "lumpguide_region"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    emergency_number: str
    emergency_place: str
    urgent_action: str
    urgent_number: str
    doctor: str
    #: The IANA time zone the reminder form suggests and the diary shows times in, until a
    #: reminder gives the phone's own zone.
    time_zone: str

    @property
    def emergency_action(self) -> str:
        return _("Call %(number)s or go to %(place)s now") % {
            "number": self.emergency_number,
            "place": self.emergency_place,
        }

    @property
    def emergency_tel(self) -> str:
        """The emergency number as a tel: link dials it: digits only ("999")."""
        return _digits(self.emergency_number)

    @property
    def urgent_tel(self) -> str:
        """The urgent line's digits ("1800022222"), or "" where the region has none."""
        return _digits(self.urgent_number)

    @property
    def urgent_call_label(self) -> str:
        """The urgent line's button text: "Call 111"; named where the number alone says little
        ("Call healthdirect 1800 022 222"). "" where the region has no urgent line."""
        if not self.urgent_number:
            return ""
        service = {"au": _("healthdirect")}.get(self.code)
        if service:
            return _("Call %(service)s %(number)s") % {
                "service": service,
                "number": self.urgent_number,
            }
        return _("Call %(number)s") % {"number": self.urgent_number}


def _digits(number: str) -> str:
    return re.sub(r"[^0-9]", "", number)


REGIONS: dict[str, Region] = {
    "uk": Region(
        code="uk",
        name=_("United Kingdom"),
        emergency_number="999",
        emergency_place=_("A&E"),
        urgent_action=_("Ask for an urgent GP appointment or call NHS 111"),
        urgent_number="111",
        doctor=_("a GP"),
        time_zone="Europe/London",
    ),
    "us": Region(
        code="us",
        name=_("United States"),
        emergency_number="911",
        emergency_place=_("the emergency room"),
        urgent_action=_("Call your doctor today or go to an urgent care center"),
        urgent_number="",
        doctor=_("your doctor"),
        time_zone="America/New_York",
    ),
    "eu": Region(
        code="eu",
        name=_("European Union"),
        emergency_number="112",
        emergency_place=_("the emergency department"),
        urgent_action=_("Contact your doctor today or the local out-of-hours service"),
        urgent_number="",
        doctor=_("your doctor"),
        time_zone="Europe/Paris",
    ),
    "es": Region(
        code="es",
        name=_("Spain"),
        emergency_number="112",
        # Clinical brief 8.6: the nearest "urgencias" is often primary care's, which would
        # only refer on; same day is the health centre, else primary-care urgencias or the
        # region's health emergency line (061 or 112, by region)
        emergency_place=_("the nearest hospital emergency department (not your health centre)"),
        urgent_action=_(
            "Ask your health centre for an appointment today. If you cannot get one, go to "
            "primary care urgent care or call your region's health emergency line (061 or 112)"
        ),
        urgent_number="",
        doctor=_("your family doctor"),
        time_zone="Europe/Madrid",
    ),
    "au": Region(
        code="au",
        name=_("Australia"),
        emergency_number="000",
        emergency_place=_("the emergency department"),
        urgent_action=_("See a GP today or call healthdirect on 1800 022 222"),
        urgent_number="1800 022 222",
        doctor=_("a GP"),
        time_zone="Australia/Sydney",
    ),
}


#: Countries (ISO 3166, as Accept-Language names them) and the region that serves each.
_EU_COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "SE",
]
COUNTRY_REGIONS = {
    "GB": "uk",
    "UK": "uk",
    "US": "us",
    "AU": "au",
    "ES": "es",
    **dict.fromkeys(_EU_COUNTRIES, "eu"),
}


def region_of_country(country: str) -> str | None:
    """The region for a country code ("GB", "es"), or None where LumpGuide serves none."""
    return COUNTRY_REGIONS.get(country.upper())


def region_of_accept_language(header: str) -> str | None:
    """The region of the first country named in an Accept-Language header that LumpGuide
    serves ("es-ES": Spain, "en-US": the United States, "de-AT": the EU), or None where it names
    no such country ("es" alone says a language, not where the phone is)."""
    for code, quality in parse_accept_lang_header(header[:1000]):
        if quality <= 0 or "-" not in code:
            continue
        region = region_of_country(code.rsplit("-", 1)[1])
        if region:
            return region
    return None


def region_for(code: str | None, *, default: str) -> Region:
    """The region for a stored code, falling back to the default, then to the UK."""
    return REGIONS.get(code or "") or REGIONS.get(default) or REGIONS["uk"]
