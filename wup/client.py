"""Who is on the other end of a request: the client's address, read in one place.

Behind our load balancer (setting BEHIND_PROXY) the connection comes from the balancer, which
appends the address it saw to X-Forwarded-For. Only that last entry is ours: anything before it
came with the request and the client can write what it likes there. Without a proxy the header
is the client's own text, so it is ignored and the address is the connection's.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from rest_framework.throttling import AnonRateThrottle


def client_address(request: HttpRequest) -> str:
    """Return the client's address, or "" when the request does not say."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR") or ""


class AddressRateThrottle(AnonRateThrottle):
    """The open-data API's rate limit per anonymous client, keyed on `client_address`."""

    def get_ident(self, request) -> str:
        return client_address(request)
