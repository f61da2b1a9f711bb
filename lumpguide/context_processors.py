"""Values every page needs: the person's region and the regions to choose from."""

from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf
from django.utils.formats import get_format
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from lumpguide import frontend_urls
from lumpguide.regions import COOKIE_NAME, REGIONS, Region, region_for, region_of_accept_language


def known_region_code(request: HttpRequest) -> str | None:
    """The region the person chose in Settings, else the country their browser's language
    names ("es-ES": Spain, "en-US": the United States), else None: not known, so ask."""
    chosen = request.COOKIES.get(COOKIE_NAME)
    if chosen in REGIONS:
        return chosen
    return region_of_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))


def current_region(request: HttpRequest) -> Region:
    return region_for(known_region_code(request), default=settings.LUMPGUIDE_DEFAULT_REGION)


def site(request: HttpRequest) -> dict:
    known = known_region_code(request)  # read once: the cookie, else Accept-Language
    return {
        "region": region_for(known, default=settings.LUMPGUIDE_DEFAULT_REGION),
        # Nothing says where the phone is: pages ask before any number is called the person's
        "region_unknown": known is None,
        "regions": REGIONS.values(),
        "frontend_config_script": _frontend_config_script(
            get_script_prefix(), get_urlconf(), get_language()
        ),
    }


@lru_cache(maxsize=8)
def _frontend_config_script(
    script_prefix: str, urlconf: str | None, language: str | None
) -> SafeString:
    """The URL map for the page's scripts, and the locale they write dates in, as its
    json_script block: the same for every page and every request of a process (for one script
    prefix, URLconf and language), so made once."""
    return json_script(
        {"urls": frontend_urls.urls(), "dateLocale": get_format("INTL_DATE_LOCALE")},
        "lumpguide-config",
    )
