"""Two-step login for staff (django-otp): a passkey (django-otp-webauthn), an authenticator app
(TOTP) and one-time recovery codes.

Required (setting MFA_REQUIRED) for administrators and project leads of any municipality, and for
superusers and support staff (is_staff), and for every member of a municipality that asks it of
all roles (Municipality.mfa_for_all_roles): after the password they pass a second step; without a
device yet they enrol one first (wup/views/mfa.py). Until then every other page sends them to
that step. Other roles may enrol too. A passkey is offered first; the app is the fallback, the
recovery codes the last resort. A passkey is only ever the second step, never instead of the
password (OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is off). A device can only be added by someone
who already passed the second step, or who has none: a stolen password alone cannot replace a
device.

Whether a signed-in person needs it is worked out once per session (a role that changes during
a session applies from the next login).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .models import Membership, Role

MFA_ROLES = (Role.ADMIN, Role.PROJECT_LEAD)
REQUIRED_KEY = "ww_mfa_required"
RECOVERY_CODES = 10
# Pages an unverified person may still open: the second step itself, logging out, the language.
OPEN_URL_NAMES = {"mfa_verify", "mfa_setup", "mfa_recovery_codes", "logout", "set_language"}
# django-otp-webauthn's endpoints (the passkey's second step and enrolment, its texts), which
# check for themselves who may use them (wup/views/mfa.py).
OPEN_NAMESPACE = "otp_webauthn"


def required_for(user) -> bool:
    if not settings.MFA_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:  # the support staff's admin (wup/admin_site.py)
        return True
    return Membership.objects.filter(
        Q(role__in=MFA_ROLES) | Q(municipality__mfa_for_all_roles=True), user=user
    ).exists()


def is_verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def needs_second_step(request: HttpRequest) -> bool:
    if not settings.MFA_REQUIRED or not request.user.is_authenticated or is_verified(request):
        return False
    if REQUIRED_KEY not in request.session:
        request.session[REQUIRED_KEY] = required_for(request.user)
    return request.session[REQUIRED_KEY]


def remember_requirement(sender, request: HttpRequest | None = None, user=None, **kwargs):
    """Receiver of user_logged_in (connected in WupConfig.ready): work out at login whether this
    session needs the second step, so the pages after it need no extra session write."""
    if settings.MFA_REQUIRED and request is not None and hasattr(request, "session"):
        request.session[REQUIRED_KEY] = required_for(user)


class MfaRequiredMiddleware:
    """After django-otp's OTPMiddleware: send who needs the second step there first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name in OPEN_URL_NAMES or OPEN_NAMESPACE in match.namespaces:
            return None
        if not needs_second_step(request):
            return None
        name = "mfa_verify" if user_has_device(request.user) else "mfa_setup"
        target = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse(name)
            return response
        return redirect(target)


def verify(user, code: str):
    """Return the device that accepts the code (app or recovery code), or None. Each device
    verifies for itself, so django-otp's throttling after failures applies."""
    code = "".join(code.split())
    with transaction.atomic():  # the devices are locked while they count a failure
        for device in devices_for_user(user, for_verify=True):
            if device.verify_token(code):
                return device
    return None


def new_totp_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)


def confirm_totp_device(device: TOTPDevice) -> list[str]:
    """Confirm the enrolled device; replace the recovery codes; return the new codes."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with new ones; return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    return codes


def has_recovery_codes(user) -> bool:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()


def passkeys(user):
    """The user's passkeys, newest first."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("-created_at")


def reset(user) -> int:
    """Remove every second-step device of the user (passkeys, app, recovery codes); return how
    many. django-otp lists the devices of every installed plugin, passkeys included."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    return removed


def next_url(request: HttpRequest) -> str:
    """Where to go after the second step: `next` when it is ours, else the back office."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)
