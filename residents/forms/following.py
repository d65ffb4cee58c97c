"""The form to follow a neighbourhood by e-mail, and the consent text it shows."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wup.antispam import ProtectedForm

# Raise the version whenever the wording changes: each consent record keeps the version and the
# text the resident agreed to (AVG art. 7(1)).
CONSENT_TEXT_VERSION = "volgen-2026-1"
CONSENT_TEXT = _(
    "Ik wil e-mail krijgen als er iets nieuws is over deze wijk, hoogstens één keer per week. "
    "Ik kan mij altijd afmelden met de link in elke e-mail."
)


class FollowForm(ProtectedForm):
    """E-mail address and consent; nothing else is asked (data minimisation)."""

    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        help_text=_("We sturen eerst een e-mail om te controleren dat dit adres van u is."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        required=True,
        error_messages={
            "required": _("Zet een vinkje als u e-mail over deze wijk wilt krijgen."),
        },
    )

    field_order = ["email", "consent"]

    def clean_email(self) -> str:
        # One address, one follower per neighbourhood, whatever the capitals.
        return self.cleaned_data["email"].strip().lower()
