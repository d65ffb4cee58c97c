"""Staff accounts: Django's login and reset views with limits and an audit trail.

Login (django-axes, settings AXES_*): failed attempts are counted per account and per client
address (wup.client.client_address, so a forged X-Forwarded-For changes nothing). After
AXES_FAILURE_LIMIT failures for one account within AXES_COOLOFF_TIME, or LOGIN_FAILURES_PER_ADDRESS
from one address, every attempt is refused, the right password too, until the cool-off has passed
without failures; the account's owner gets one mail when their account is locked. Every attempt
with a username, successful or not, is written to the audit trail with the client's address.

Reset: limited per address and per e-mail address (known or not), and the request does the same
work for both: it only queues a task, which looks the address up and sends the link.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db.models import Sum
from django.http import HttpRequest
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .client import client_address
from .links import absolute, site_url
from .mail import queue_email
from .tasks import send_email, send_password_reset

# Reset links per e-mail address per hour; per client address ten times as many (antispam).
RESETS_PER_ACCOUNT_PER_HOUR = 3


def login_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The username attempts are counted under (AXES_USERNAME_CALLABLE): without case or
    surrounding spaces, so `Lead@…` and `lead@…` count for one account."""
    username = (credentials or {}).get("username")
    if username is None:
        username = request.POST.get("username") if request is not None else None
    return username.strip().lower()[:150] if username else None


def axes_client_address(request: HttpRequest) -> str:
    """AXES_CLIENT_IP_CALLABLE: the same address every limit and the audit trail use."""
    return client_address(request)


class LoginBackend(AxesStandaloneBackend):
    """Refuses every attempt on a locked account or from a locked address.

    Without a request (the test client's login(), a shell) there is no address to count, so it
    leaves the decision to the next backend; every login form passes its request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginAttempts(AxesDatabaseHandler):
    """django-axes' database handler (AXES_HANDLER) with two allowances and the owner's mail.

    AXES_LOCKOUT_PARAMETERS is ["username", "ip_address"]; axes compares the larger of the two
    counts with one limit. An address, where a whole town hall may sit, has a larger allowance
    (LOGIN_FAILURES_PER_ADDRESS): its count is shifted down by the difference.
    """

    def _counts(self, request, credentials) -> tuple[int, int]:
        by_account, by_address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return by_account, by_address

    def get_failures(self, request, credentials: dict | None = None) -> int:
        by_account, by_address = self._counts(request, credentials)
        allowance = settings.LOGIN_FAILURES_PER_ADDRESS - settings.AXES_FAILURE_LIMIT
        return max(by_account, by_address - allowance)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or not getattr(request, "axes_locked_out", False):
            return
        by_account, _by_address = self._counts(request, credentials)
        if by_account == settings.AXES_FAILURE_LIMIT:  # just now, not on every later attempt
            _mail_owner(request, get_client_username(request, credentials))


def _mail_owner(request: HttpRequest, username: str | None) -> None:
    if not username:
        return
    user = (
        get_user_model()
        ._default_manager.filter(username__iexact=username, is_active=True)
        .exclude(email="")
        .first()
    )
    if user is None:
        return
    minutes = int(get_cool_off(request).total_seconds() // 60)
    queue_email(
        "wup/email/account_locked",
        {
            "user": user,
            "minutes": minutes,
            "failures": settings.AXES_FAILURE_LIMIT,
            "address": client_address(request),
            "reset_link": absolute(reverse("password_reset"), request),
        },
        [user.email],
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form; the request only queues a task (`send_reset_links`), whether or
    not the address has an account, so both take the same time and get the same answer."""

    def save(self, *, request=None, **kwargs):
        send_password_reset.delay(
            self.cleaned_data["email"], site_url(request), translation.get_language()
        )


def send_reset_links(email: str, base_url: str, language: str | None = None) -> int:
    """Send a reset link to every active account with this address (in the worker);
    return how many were sent."""
    sent = 0
    with translation.override(language or settings.LANGUAGE_CODE):
        for user in auth_forms.PasswordResetForm().get_users(email):
            context = {
                "email": email,
                "user": user,
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
                "base_url": base_url,
            }
            subject = "".join(
                loader.render_to_string(
                    "registration/password_reset_subject.txt", context
                ).splitlines()
            )
            body = loader.render_to_string("registration/password_reset_email.html", context)
            send_email.delay(subject, body, [getattr(user, user.get_email_field_name())])
            sent += 1
    return sent
