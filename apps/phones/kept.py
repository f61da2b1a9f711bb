"""What each app keeps for a phone, declared by that app, so that "Your data" shows, downloads
and deletes all of it without this app importing the apps that use it.

An app with a model that has a foreign key to Device registers it in its AppConfig.ready();
an app that keeps something in the browser's session registers how to read it (triage: the
answers), with register_session.
tests/phones/test_your_data.py fails if a model points at Device and is not registered.
Deleting is by that foreign key (CASCADE), so nothing has to be registered for it to be
deleted; registering is what makes it shown and downloaded.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db import models

from apps.phones.models import Device


@dataclass(frozen=True)
class Kept:
    #: The key in the JSON download, and the section's anchor on the page.
    name: str
    #: What "Your data" calls it (a lazy translation).
    label: Any
    #: The model, with a `device` foreign key to Device.
    model: type[models.Model]
    #: One row as the download writes it.
    as_dict: Callable[[Any], dict]
    #: The phone's rows in the download's order (stable, so the file is the same twice).
    ordering: tuple[str, ...] = ("pk",)
    prefetch: tuple[str, ...] = ()
    #: A page of them for the "Your data" page (device, page number), with `template` the
    #: section that shows it as `page`; without them only the count is shown.
    page: Callable[[Device | None, str | None], Page] | None = None
    template: str = ""

    def rows(self, device: Device | None) -> models.QuerySet:
        if device is None:
            return self.model.objects.none()
        rows = self.model.objects.filter(device=device).order_by(*self.ordering)
        return rows.prefetch_related(*self.prefetch) if self.prefetch else rows


_registry: dict[str, Kept] = {}


def register(*kept: Kept) -> None:
    """Called from an AppConfig.ready(); registering a name again replaces it."""
    for item in kept:
        _registry[item.name] = item


def everything() -> list[Kept]:
    """What is kept for a phone, in the order the apps were installed."""
    return list(_registry.values())


@dataclass(frozen=True)
class KeptInSession:
    """What an app keeps in the browser's session (the triage's answers), read from a request."""

    #: Everything it keeps, as the download writes it: {"answers": ..., "filled_in": ...}.
    data: Callable[[Any], dict]
    #: The answers in words for the page: [{"question": ..., "answer": [...]}].
    rows: Callable[[Any], list[dict]]


_NOTHING_IN_SESSION = KeptInSession(
    data=lambda request: {"answers": {}, "filled_in": {}}, rows=lambda request: []
)
_session: list[KeptInSession] = []


def register_session(item: KeptInSession) -> None:
    """Called from an AppConfig.ready(); one app keeps answers in the session (triage)."""
    _session[:] = [item]


def in_session() -> KeptInSession:
    return _session[0] if _session else _NOTHING_IN_SESSION
