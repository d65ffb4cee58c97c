"""Forms for residents' questions: the public ask form and the project lead's answer form."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from wup.antispam import ProtectedForm
from wup.models import Question

# What the resident agrees to. Change the text? Raise the version: the consent record keeps both.
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _(
    "Ik geef toestemming dat de gemeente mijn e-mailadres gebruikt om mijn vraag te beantwoorden. "
    "Het adres gebruiken we nergens anders voor. Een jaar na het antwoord halen we mijn naam en "
    "e-mailadres weg."
)


class AskForm(ProtectedForm):
    """A resident's question. The honeypot and start time are rendered by _antispam_fields.html."""

    name = forms.CharField(
        label=_("Uw naam (mag u weglaten)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("Hierheen sturen we het antwoord."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label=_("Uw vraag"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Zonder uw toestemming kunnen we u geen antwoord sturen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template writes the one token
        # Only the fields people fill in; the anti-spam fields have their own template.
        self.helper.layout = Layout("name", "email", "text", "consent")

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class AnswerForm(forms.ModelForm):
    """The project lead's answer, and whether it goes into the public questions and answers."""

    class Meta:
        model = Question
        fields = ["answer", "published", "public_text"]
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 8}),
            "public_text": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"published": _("Openbaar maken, zonder naam (geanonimiseerd)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("published") and not (cleaned.get("public_text") or "").strip():
            self.add_error(
                "public_text",
                _("Schrijf de vraag zoals die openbaar komt, zonder namen of adressen."),
            )
        return cleaned
