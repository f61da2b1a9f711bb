"""One template per page: HTMX requests get its `content` partial, others the whole page."""

from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers


def wants_fragment(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page(
    request: HttpRequest,
    template_name: str,
    context: dict | None = None,
    *,
    partial: str = "content",
    status: int = 200,
) -> TemplateResponse:
    if wants_fragment(request):
        template_name = f"{template_name}#{partial}"
    response = TemplateResponse(request, template_name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def see_other(url: str) -> HttpResponseRedirect:
    """After a form POST: 303, so the browser (or HTMX) fetches the next page with GET."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response
