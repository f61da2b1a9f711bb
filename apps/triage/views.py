from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from lumpguide.rendering import render_page


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render_page(request, "triage/start.html")
