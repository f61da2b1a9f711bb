"""A test-only URLconf: the site's own URLs and error handlers, plus views that fail."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from lumpguide import urls as site_urls


def boom(request):
    raise RuntimeError("a bug in a view")


def suspicious(request):
    raise SuspiciousOperation("a malformed request")


def forbidden(request):
    raise PermissionDenied


@require_POST
def form(request):
    return HttpResponse("saved")


handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

urlpatterns = [
    path("test/boom/", boom),
    path("test/bad/", suspicious),
    path("test/forbidden/", forbidden),
    path("test/form/", form),
    path("api/test/boom", boom),
    path("api/test/bad", suspicious),
    path("api/test/forbidden", forbidden),
    path("api/test/form", form),
    *site_urls.urlpatterns,
]
