"""Response headers the security middleware of Django does not set: Permissions-Policy.

Every response refuses the browser features Wijkwaarde does not use (camera, microphone,
location, payment, USB, full screen and the like), also for anything embedded. What it does
use: the WebAuthn calls of staff passkeys, on our own pages. The policy is the setting
PERMISSIONS_POLICY: feature → allowlist ("self" or nothing).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def header_value(policy: dict[str, list[str]]) -> str:
    """Structured-header text: camera=(), fullscreen=(self), ..."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.value = header_value(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response
