"""Staff sessions end after STAFF_IDLE_TIMEOUT without activity and STAFF_SESSION_MAX_AGE after
login, whatever happens in between; the cookie itself ends with the browser
(SESSION_EXPIRE_AT_BROWSER_CLOSE). Only signed-in users are concerned: residents' phones carry
their own cookies (participation, pulse), which this leaves alone.

Background refreshes (HTMX GETs: a report's status, a live console's figures) do not count as
activity, otherwise an open tab would never time out; what the person does (a page, a form,
the "stay signed in" button) does. Pages for signed-in users warn a few minutes before the end
(static/js/session-timeout.js).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

SIGNED_IN_AT = "ww_signed_in_at"
ACTIVE_AT = "ww_active_at"
# Writing the session on every click costs a query; a minute's precision is enough.
RECORD_EVERY = 60


def is_background(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and request.headers.get("HX-Request") == "true"


class StaffSessionMiddleware:
    """After AuthenticationMiddleware: sign out an idle or too old staff session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            if expired := self._expired(request):
                logout(request)
                messages.info(request, expired)
                if request.headers.get("HX-Request") == "true":
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
                    return response
                return redirect_to_login(request.get_full_path())
            self._touch(request)
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> str:
        now = time.time()
        session = request.session
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        active_at = session.get(ACTIVE_AT, now)
        if now - signed_in_at > settings.STAFF_SESSION_MAX_AGE:
            return _(
                "U bent uitgelogd omdat u langer dan %(hours)d uur ingelogd was. Log opnieuw in."
            ) % {"hours": settings.STAFF_SESSION_MAX_AGE // 3600}
        if now - active_at > settings.STAFF_IDLE_TIMEOUT:
            return _(
                "U bent uitgelogd omdat u %(minutes)d minuten niets hebt gedaan. Log opnieuw in."
            ) % {"minutes": settings.STAFF_IDLE_TIMEOUT // 60}
        return ""

    def _touch(self, request: HttpRequest) -> None:
        now = time.time()
        if is_background(request) and ACTIVE_AT in request.session:
            return
        if now - request.session.get(ACTIVE_AT, 0) >= RECORD_EVERY:
            request.session[ACTIVE_AT] = now


def start_clocks(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """Receiver of django.contrib.auth's user_logged_in (connected in WupConfig.ready, like
    Django's own last_login): both clocks start at login, whichever way it happened, so the
    first request after it needs no extra session write."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[ACTIVE_AT] = time.time()


def timeouts(request: HttpRequest) -> dict:
    """Context processor: when the warning shows and the session ends, for signed-in users."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "session_warn_after": settings.STAFF_IDLE_TIMEOUT - settings.STAFF_IDLE_WARNING,
        "session_idle_timeout": settings.STAFF_IDLE_TIMEOUT,
    }
