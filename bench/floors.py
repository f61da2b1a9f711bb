"""Floors: what the least a triage page must do costs, measured beside the real pages.

Every triage screen, whatever it shows, reads the walk from the session (ADR 0003), puts
Django's CSRF token in its forms, and renders a template through the site's context
processors; a full page also extends base.html. These views do exactly that and nothing else,
so `bench/load.py` can show how close each real page is to the floor under it, and how far
that floor already is from the issue's target ratio. They exist only in the benchmark's
server (`bench.settings`), never in the site.
"""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import path

from apps.triage.session_answers import get_answers

#: A one-line fragment, as small as an HTMX answer can be.
FRAGMENT = engines["django"].from_string("<p>{{ csrf_token }}</p>")
#: An empty page: the site's layout around one line.
PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block main %}<p>Floor</p>{% endblock %}'
)


def session_only(request: HttpRequest) -> HttpResponse:
    get_answers(request)
    return HttpResponse("ok", content_type="text/plain")


def session_and_csrf(request: HttpRequest) -> HttpResponse:
    get_answers(request)
    get_token(request)
    return HttpResponse("ok", content_type="text/plain")


def fragment(request: HttpRequest) -> TemplateResponse:
    get_answers(request)
    return TemplateResponse(request, FRAGMENT)


def page(request: HttpRequest) -> TemplateResponse:
    get_answers(request)
    return TemplateResponse(request, PAGE)


urlpatterns = [
    path("bench/floor/session", session_only),
    path("bench/floor/session-csrf", session_and_csrf),
    path("bench/floor/fragment", fragment),
    path("bench/floor/page", page),
]
