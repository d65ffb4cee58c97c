"""System checks of our own settings; `manage.py check --deploy` runs the deploy ones."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs=None, **kwargs) -> list:
    """Mails, calendar feeds, QR codes and the API link to SITE_URL (wup/links.py); in
    production it must be set, or links would follow whatever Host a request brought."""
    if settings.DEBUG:
        return []
    if not settings.SITE_URL:
        return [
            Error(
                "SITE_URL is not set.",
                hint="Set SITE_URL to the public base URL, e.g. https://wijkwaarde.example.nl.",
                id="wup.E001",
            )
        ]
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        return [
            Error(
                f"SITE_URL must be a scheme and host such as https://wijkwaarde.example.nl, "
                f"not {settings.SITE_URL!r}.",
                id="wup.E002",
            )
        ]
    if parts.scheme != "https":
        return [Warning("SITE_URL does not use https.", id="wup.W001")]
    return []
