"""The steering action form. It validates and normalises; the view saves and audits."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from dashboard.models import Indicator, SteeringAction, SteeringStatus
from wup.models import Neighbourhood

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REASON_KEY = re.compile(r"^((indicator|milestone|triangle):\d{1,12}|questions)$")


class SteeringActionForm(forms.ModelForm):
    # The suggestion this action answers (dashboard.steering.Suggestion.key); set from the
    # "maak een stuuractie" link and kept through the form, blank for a free-standing action.
    reason = forms.CharField(required=False, widget=forms.HiddenInput, max_length=60)

    class Meta:
        model = SteeringAction
        fields = [
            "title",
            "description",
            "owner",
            "due_on",
            "decided_by",
            "status",
            "outcome",
            "indicator",
            "milestone",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "due_on": DATE_WIDGET,
        }
        help_texts = {
            "title": _("Wat gaat er gebeuren om weer op route te komen?"),
            "owner": _("Wie zorgt ervoor? Een persoon, team of partij."),
            "decided_by": _("Leeg laten als er (nog) geen besluit van college of raad nodig is."),
            "outcome": _("Wat heeft het opgeleverd? Vul dit in als de actie klaar is."),
            "indicator": _("Mag leeg blijven."),
            "milestone": _("Mag leeg blijven."),
        }

    def __init__(self, *args, neighbourhood: Neighbourhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            neighbourhood=neighbourhood
        ).order_by("order", "pk")
        self.fields["milestone"].queryset = (
            self.fields["milestone"]
            .queryset.filter(roadmap__neighbourhood=neighbourhood)
            .order_by("baseline_date", "pk")
        )
        if self.instance.pk:
            del self.fields["reason"]

    def clean_reason(self) -> str:
        reason = self.cleaned_data.get("reason", "").strip()
        if reason and not REASON_KEY.match(reason):
            return ""  # not one of ours (a hand-edited link): a free-standing action
        return reason

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == SteeringStatus.DECIDED and not cleaned.get("decided_by"):
            self.add_error("decided_by", _("Zeg wie het besluit nam: het college of de raad."))
        if status == SteeringStatus.DONE and not cleaned.get("outcome", "").strip():
            self.add_error("outcome", _("Schrijf op wat de actie heeft opgeleverd."))
        return cleaned

    def save(self, commit: bool = True) -> SteeringAction:
        if "reason" in self.fields:  # what an action answers is set when it is made
            self.instance.reason_key = self.cleaned_data.get("reason", "")
        return super().save(commit=commit)
