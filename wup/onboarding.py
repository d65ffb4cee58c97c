"""A new municipality and its first administrator, invited by e-mail.

Support staff do this in the Django admin (wup/admin.py, "Nieuwe gemeente"), or on the server
with `manage.py create_municipality`; both go through `create_municipality`. The invitation
carries a set-password link of its own (`invite_tokens`): single-use (it stops working once a
password is set or the person has logged in) and valid for INVITE_TIMEOUT_DAYS days. At the
first login the administrator enrols a second step (wup/mfa.py requires it for the role).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import audit, links
from .mail import queue_email
from .models import Membership, Municipality, Role


class InviteTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset tokens with their own salt and lifetime (INVITE_TIMEOUT_DAYS, not the
    reset link's hours). Like a reset token it is tied to the password and the last login, so
    it works once."""

    key_salt = "wup.onboarding.InviteTokenGenerator"

    def check_token(self, user, token) -> bool:
        if not (user and token) or token.count("-") != 1:
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        age = self._num_seconds(self._now()) - timestamp
        if age > settings.INVITE_TIMEOUT_DAYS * 24 * 3600:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


invite_tokens = InviteTokenGenerator()


class NewMunicipalityForm(forms.ModelForm):
    admin_email = forms.EmailField(label=_("E-mailadres van de eerste beheerder"))
    admin_name = forms.CharField(label=_("Naam van de eerste beheerder"), max_length=150)

    class Meta:
        model = Municipality
        fields = ["name", "cbs_code", "slug"]
        help_texts = {
            "cbs_code": _("GM en vier cijfers, bijvoorbeeld GM0344."),
            "slug": _("Kleine letters, cijfers en streepjes, bijvoorbeeld utrecht."),
        }

    def clean_admin_email(self) -> str:
        return get_user_model().objects.normalize_email(self.cleaned_data["admin_email"]).lower()


def invitation_link(user, request: HttpRequest | None = None) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invite_tokens.make_token(user)
    path = reverse("invite_confirm", kwargs={"uidb64": uid, "token": token})
    return links.absolute(path, request)


def create_municipality(
    form: NewMunicipalityForm, request: HttpRequest | None = None
) -> tuple[Municipality, Membership]:
    """Create the municipality of a valid form, its first administrator (a new account without a
    password, or an existing one) and the invitation mail, with one audit entry; all or nothing.
    Without a request (the management command) the entry has no actor."""
    audit_request = request or _command_request()
    email, name = form.cleaned_data["admin_email"], form.cleaned_data["admin_name"]
    User = get_user_model()
    with transaction.atomic():
        municipality = form.save()
        user = User.objects.filter(username__iexact=email).first()
        created = user is None
        if created:
            user = User(username=email, email=email, first_name=name)
            user.set_unusable_password()
            user.save()
        membership = Membership.objects.create(
            user=user, municipality=municipality, role=Role.ADMIN
        )
        audit.record(
            audit_request,
            action="create_municipality",
            obj=municipality,
            municipality=municipality,
            changes={**audit.form_changes(form), "uitgenodigd": email},
        )
        # In Dutch, the municipality's language, whatever the language of the support staff.
        with translation.override(settings.LANGUAGE_CODE):
            _queue_invitation(email, user, membership, created, request)
    return municipality, membership


def _queue_invitation(email, user, membership, created: bool, request) -> None:
    queue_email(
        "wup/email/invitation",
        {
            "municipality": membership.municipality,
            "role": membership.get_role_display(),
            "inviter": gettext("het team van Wijkwaarde"),
            "link": invitation_link(user, request) if created else None,
            "link_days": settings.INVITE_TIMEOUT_DAYS,
            "login_link": links.absolute(reverse("login"), request),
        },
        [email],
    )


def _command_request() -> HttpRequest:
    """A request without a person or an address, for the audit entry of a management command."""
    request = HttpRequest()
    request.user = AnonymousUser()
    return request
