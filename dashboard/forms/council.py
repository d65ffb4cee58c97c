"""The council report's Woo status, which the lead chooses (dashboard/views/council.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wup.models import Municipality, WooStatus


class CouncilReportWooForm(forms.ModelForm):
    """Public by default; not public only on a ground of the Woo."""

    class Meta:
        model = Municipality
        fields = ["council_report_woo", "council_report_woo_ground"]
        widgets = {"council_report_woo": forms.RadioSelect}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("council_report_woo") == WooStatus.PUBLIC:
            cleaned["council_report_woo_ground"] = ""
        elif not cleaned.get("council_report_woo_ground"):
            self.add_error(
                "council_report_woo_ground",
                _("Kies de grond uit de Woo waarom de rapportage niet openbaar is."),
            )
        return cleaned
