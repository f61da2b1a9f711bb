"""Values every page needs: the person's region and the regions to choose from."""

from django.conf import settings
from django.http import HttpRequest

from lumpguide.regions import COOKIE_NAME, REGIONS, region_for


def site(request: HttpRequest) -> dict:
    region = region_for(request.COOKIES.get(COOKIE_NAME), default=settings.LUMPGUIDE_DEFAULT_REGION)
    return {"region": region, "regions": REGIONS.values()}
