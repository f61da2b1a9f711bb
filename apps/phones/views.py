"""The "Your data" pages: everything kept for this phone, shown, downloaded (JSON) and deleted.

Sent with Cache-Control: no-store, so the service worker never keeps it.
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from apps.phones import kept, services
from apps.phones import your_data as export
from apps.phones.device import current_device, forget_device, uses_device
from lumpguide import database
from lumpguide.rendering import render_page, see_other


@require_safe
@never_cache
def your_data(request: HttpRequest) -> HttpResponse:
    device = current_device(request)
    counts = export.counts(device=device)
    everything = kept.everything()
    context = {
        "counts": [(item.label, counts[item.name]) for item in everything],
        "sections": [
            {
                "template": item.template,
                "page": item.page(device, request.GET.get(f"{item.name}_page")),
            }
            for item in everything
            if item.page is not None
        ],
        "answer_rows": kept.in_session().rows(request),
        "has_filled_in": bool(kept.in_session().data(request)["filled_in"]),
        "deleted": request.GET.get("deleted") == "1",
    }
    return render_page(request, "phones/your_data.html", context)


@require_safe
@never_cache
def your_data_download(request: HttpRequest) -> HttpResponse:
    response = StreamingHttpResponse(
        export.export_json(
            device=current_device(request), triage_session=kept.in_session().data(request)
        ),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="lumpguide-my-data.json"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@uses_device
def your_data_delete(request: HttpRequest) -> HttpResponse:
    """Delete the phone's rows and its session (the triage answers in it included)."""
    if request.method == "POST":
        services.delete_phone(device=current_device(request))
        forget_device(request)
        request.session.flush()
        database.forget_deleted_rows(connection)
        return see_other(f"{reverse('phones:your_data')}?deleted=1")
    return render_page(request, "phones/your_data_delete.html", {})
