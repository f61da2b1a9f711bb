"""Permissions-Policy on every response: browser features LumpGuide never uses are off.

The policy is the LUMPGUIDE_PERMISSIONS_POLICY setting, {feature: [allowed origins]}: an empty
list allows no one, "self" the site itself, "*" everyone. A response that already carries a
Permissions-Policy header keeps its own.
"""

from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Permissions-Policy"
KEYWORDS = {"self", "src"}


def permissions_policy(policy: Mapping[str, Iterable[str]]) -> str:
    """The header's value: {"camera": [], "fullscreen": ["self"]} is
    `camera=(), fullscreen=(self)`."""
    parts = []
    for feature, allowed in policy.items():
        origins = list(allowed)
        if "*" in origins:
            parts.append(f"{feature}=*")
        else:
            items = " ".join(o if o in KEYWORDS else f'"{o}"' for o in origins)
            parts.append(f"{feature}=({items})")
    return ", ".join(parts)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.LUMPGUIDE_PERMISSIONS_POLICY
        if policy and HEADER not in response:
            response[HEADER] = permissions_policy(policy)
        return response
