"""Values every page needs: the person's region and the regions to choose from."""

from django.conf import settings
from django.http import HttpRequest

from lumpguide import frontend_urls
from lumpguide.regions import COOKIE_NAME, REGIONS, Region, region_for


def current_region(request: HttpRequest) -> Region:
    return region_for(request.COOKIES.get(COOKIE_NAME), default=settings.LUMPGUIDE_DEFAULT_REGION)


def site(request: HttpRequest) -> dict:
    return {
        "region": current_region(request),
        "regions": REGIONS.values(),
        "frontend_config": {"urls": frontend_urls.urls()},
    }
