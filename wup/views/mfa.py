"""The second login step (wup/mfa.py): a passkey or a code, or enrol one of them first.

The passkey endpoints are django-otp-webauthn's views, mounted by us under its namespace
(wup/urls.py) with our audit entries and recovery codes added; they check for themselves that
someone is signed in, and that enrolling takes a passed second step once a device exists."""

from __future__ import annotations

from base64 import b32encode

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import user_has_device
from django_otp_webauthn import views as webauthn_views

from wup import audit, mfa
from wup.access import get_member_for
from wup.qr import qr_svg

RECOVERY_SESSION_KEY = "ww_mfa_new_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    if mfa.is_verified(request):
        return redirect(mfa.next_url(request))
    if not user_has_device(request.user):
        return redirect("mfa_setup")
    form = CodeForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        device = mfa.verify(request.user, form.cleaned_data["code"])
        audit.record_account_event(request, action="mfa_verify", ok=device is not None)
        if device is not None:
            django_otp.login(request, device)
            return redirect(mfa.next_url(request))
        form.add_error(
            "code",
            _("Deze code klopt niet of is al gebruikt. Na een paar fouten moet u even wachten."),
        )
        status = 422
    return render(
        request,
        "registration/mfa_verify.html",
        {
            "form": form,
            "has_passkey": mfa.passkeys(request.user).exists(),
            "has_app": request.user.totpdevice_set.filter(confirmed=True).exists(),
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    # Replacing a device takes the second step first: a password alone is not enough.
    if user_has_device(request.user) and not mfa.is_verified(request):
        return redirect("mfa_verify")
    device = mfa.new_totp_device(request.user)
    form = CodeForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        if device.verify_token("".join(form.cleaned_data["code"].split())):
            codes = mfa.confirm_totp_device(device)
            django_otp.login(request, device)
            audit.record_account_event(request, action="mfa_enrol", ok=True)
            request.session[RECOVERY_SESSION_KEY] = codes
            return redirect("mfa_recovery_codes")
        form.add_error("code", _("Deze code klopt niet. Kijk of de tijd op uw telefoon klopt."))
        status = 422
    return render(
        request,
        "registration/mfa_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url, module_px=4),
            "secret": b32encode(device.bin_key).decode(),
            "passkeys": mfa.passkeys(request.user),
        },
        status=status,
    )


@never_cache
@login_required
@require_safe
def mfa_recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, shown once."""
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect(mfa.next_url(request))
    return render(request, "registration/mfa_recovery_codes.html", {"codes": codes})


@login_required
@require_POST
def member_mfa_reset(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    """An administrator resets a member's second step (lost phone and codes): the member enrols
    again at the next login. Not for someone who is also a member elsewhere (that is for the
    platform's support staff), nor for oneself; audited."""
    member, membership = get_member_for(request, municipality_slug, pk)
    municipality = membership.municipality
    if member == membership:
        messages.error(request, _("U kunt uw eigen tweede stap niet herstellen."))
    elif member.user.memberships.exclude(municipality=municipality).exists():
        messages.error(
            request,
            _(
                "Deze persoon is ook lid bij een andere gemeente. Vraag de ondersteuning van "
                "Wijkwaarde om de tweede stap te herstellen."
            ),
        )
    else:
        with transaction.atomic():
            removed = mfa.reset(member.user)
            audit.record(
                request,
                action="reset_mfa",
                obj=member,
                municipality=municipality,
                changes={"apparaten": str(removed)},
            )
        messages.success(
            request,
            _(
                "De tweede stap is hersteld. Bij de volgende keer inloggen stelt deze persoon "
                "hem opnieuw in."
            ),
        )
    return redirect("wup:bo_member_edit", municipality.slug, member.pk)


class BeginPasskeyRegistration(webauthn_views.BeginCredentialRegistrationView):
    pass


class CompletePasskeyRegistration(webauthn_views.CompleteCredentialRegistrationView):
    """A new passkey: audited; the first device of an account also gets recovery codes, which
    the page then shows once (static/js/passkey.js goes to mfa_recovery_codes)."""

    def post(self, *args, **kwargs):
        with transaction.atomic():
            response = super().post(*args, **kwargs)
            audit.record_account_event(self.request, action="mfa_enrol", ok=True)
            if not mfa.has_recovery_codes(self.request.user):
                self.request.session[RECOVERY_SESSION_KEY] = mfa.new_recovery_codes(
                    self.request.user
                )
        return response


class BeginPasskeyAuthentication(webauthn_views.BeginCredentialAuthenticationView):
    pass


class CompletePasskeyAuthentication(webauthn_views.CompleteCredentialAuthenticationView):
    """The second step with a passkey; every attempt of a signed-in person is audited."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_authenticated:
            audit.record_account_event(request, action="mfa_verify", ok=response.status_code == 200)
        return response

    def get_success_url(self):
        return mfa.next_url(self.request)
