"""The council's forms: the Woo status the lead chooses when asking for a council report, an
entry of the decision log, and the municipality's target year (dashboard/views/council.py and
dashboard/views/decisions.py). They validate and normalise; the views save and audit."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dashboard.models import CouncilRecord, CouncilRecordKind, MunicipalityTarget
from wup.models import Membership, Municipality, Neighbourhood, WooGround, WooStatus

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CouncilReportRequestForm(forms.Form):
    """The Woo status of the report asked for: public by default, not public only on a ground
    of the Woo."""

    woo_status = forms.ChoiceField(
        label=_("Woo-status van deze rapportage"),
        choices=WooStatus.choices,
        initial=WooStatus.PUBLIC,
        required=False,  # not sent (the overview's button): public
        widget=forms.RadioSelect,
        help_text=_(
            "Voortgangsrapportages aan de raad zijn openbaar. Een openbare rapportage staat op "
            "de pagina van de gemeente voor inwoners."
        ),
    )
    woo_ground = forms.ChoiceField(
        label=_("grond om niet openbaar te maken"),
        choices=[("", "–"), *WooGround.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("woo_status") in (WooStatus.PUBLIC, "", None):
            cleaned["woo_status"] = WooStatus.PUBLIC
            cleaned["woo_ground"] = ""
        elif not cleaned.get("woo_ground"):
            self.add_error(
                "woo_ground",
                _("Kies de grond uit de Woo waarom de rapportage niet openbaar is."),
            )
        return cleaned


class CouncilRecordForm(forms.ModelForm):
    """One entry of the decision log. A toezegging needs an owner and a due date."""

    class Meta:
        model = CouncilRecord
        fields = [
            "kind",
            "title",
            "neighbourhood",
            "date",
            "number",
            "url",
            "owner",
            "due_on",
            "status",
            "notes",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "due_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["neighbourhood"]
        field.queryset = Neighbourhood.objects.visible_to(membership).order_by("name")
        field.empty_label = _("De hele gemeente")
        if membership.limited_to_neighbourhoods:
            # Someone who works in some neighbourhoods writes only about those.
            field.required = True
            field.help_text = _("Kies een van uw wijken.")
        field.error_messages["invalid_choice"] = _("Kies een wijk uit de lijst.")
        self.fields["url"].error_messages["invalid"] = _(
            "Vul een volledig webadres in, dat begint met https://."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == CouncilRecordKind.PROMISE:
            if not (cleaned.get("owner") or "").strip() and "owner" not in self.errors:
                self.add_error("owner", _("Zeg wie de toezegging moet nakomen."))
            if not cleaned.get("due_on") and "due_on" not in self.errors:
                self.add_error("due_on", _("Vul in wanneer de toezegging af moet zijn."))
        return cleaned


class MunicipalityTargetForm(forms.ModelForm):
    class Meta:
        model = MunicipalityTarget
        fields = ["target_year"]

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["target_year"].widget.attrs.update({"min": 2020, "max": 2050})
        self.fields["target_year"].error_messages.update(
            {
                "min_value": _("Kies een jaar van 2020 tot en met 2050."),
                "max_value": _("Kies een jaar van 2020 tot en met 2050."),
            }
        )

    def clean_target_year(self):
        year = self.cleaned_data["target_year"]
        if not 2020 <= year <= 2050:
            raise forms.ValidationError(_("Kies een jaar van 2020 tot en met 2050."))
        return year
