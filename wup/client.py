"""Who is on the other end of a request: the client's address, read in one place.

Behind our load balancers (setting BEHIND_PROXY) the connection comes from the last of them.
Each trusted proxy appends the address it saw to X-Forwarded-For, so with TRUSTED_PROXY_COUNT
proxies (default 1) the last that many entries are theirs and the client's address is the first
of those: the TRUSTED_PROXY_COUNT-th entry from the right. Anything before it came with the
request and the client can write what it likes there. Without a proxy the header is the
client's own text, so it is ignored and the address is the connection's. An entry that is not
an IP address is not an address: then the connection's counts.

Every limit (logins, resets, join codes, forms, the pulse), the audit trail and the open-data
API's throttle (DRF's NUM_PROXIES is the same count) read the address here.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from rest_framework.throttling import AnonRateThrottle


def client_address(request: HttpRequest) -> str:
    """Return the client's address, or "" when the request does not say."""
    connection = request.META.get("REMOTE_ADDR") or ""
    if settings.BEHIND_PROXY:
        entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        entries = [e for e in entries if e]
        if entries:
            # With fewer entries than proxies the request skipped one: the left-most entry
            # is then the farthest any of ours saw (DRF's NUM_PROXIES reads it the same way).
            candidate = entries[-min(trusted_proxy_count(), len(entries))]
            if _is_address(candidate):
                return candidate
    return connection


def trusted_proxy_count() -> int:
    return max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class AddressRateThrottle(AnonRateThrottle):
    """The open-data API's rate limit per anonymous client, keyed on `client_address`."""

    def get_ident(self, request) -> str:
        return client_address(request)
