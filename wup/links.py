"""Absolute links for mails, feeds and QR codes: the public base URL (setting SITE_URL).

In production SITE_URL is required (a deploy check in wup/checks.py fails without it): a link
in a mail must never depend on the Host header of whoever triggered it. In development, with
SITE_URL empty, a link follows the request; without a request (a task, a digest) it points at
the development server.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

DEVELOPMENT_URL = "http://127.0.0.1:8000"


def site_url(request: HttpRequest | None = None) -> str:
    """Return the base URL without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEVELOPMENT_URL


def absolute(path: str, request: HttpRequest | None = None) -> str:
    """Return the absolute URL of a site-relative path (one that starts with a slash)."""
    return site_url(request) + path
