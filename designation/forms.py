"""Forms of the warmteprogramma, the designation track and the safeguard assessments. They
validate and normalise; the domain modules save and audit."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from roadmap.forms import DATE_WIDGET
from roadmap.models import Milestone

from .models import (
    DesignationTrack,
    Evidence,
    HeatProgramme,
    ProgrammeNeighbourhood,
    SafeguardAssessment,
    StepKind,
    StepStatus,
    TrackStep,
    Verdict,
)
from .programme import check_adoption


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = HeatProgramme
        fields = ["title", "summary", "adopted_on", "decision_reference", "decision_url", "review"]
        widgets = {
            "adopted_on": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "review": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.needs_review:
            del self.fields["review"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("adopted_on") and not cleaned.get("decision_reference", "").strip():
            self.add_error(
                "decision_reference", _("Geef het kenmerk van het raadsbesluit dat het vaststelde.")
            )
        if "review" in self.fields:
            try:
                check_adoption(self.instance, cleaned.get("adopted_on"), cleaned.get("review", ""))
            except forms.ValidationError as e:
                self.add_error(None, e)
        return cleaned


class EntryForm(forms.ModelForm):
    class Meta:
        model = ProgrammeNeighbourhood
        fields = [
            "order",
            "preferred_solution",
            "designation_intended",
            "designation_year",
            "gas_end_year",
        ]

    def clean(self):
        cleaned = super().clean()
        year, end = cleaned.get("designation_year"), cleaned.get("gas_end_year")
        if cleaned.get("designation_intended") and not year:
            self.add_error("designation_year", _("Geef het jaar waarin de gemeente wil aanwijzen."))
        if year and end and end < year:
            self.add_error("gas_end_year", _("Het gas stopt na het aanwijzen, niet ervoor."))
        return cleaned


EntryFormSet = forms.modelformset_factory(
    ProgrammeNeighbourhood, form=EntryForm, extra=0, can_delete=False, edit_only=True
)


class AddEntryForm(forms.Form):
    neighbourhood = forms.ModelChoiceField(label=_("Wijk"), queryset=None)

    def __init__(self, *args, neighbourhoods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods


class StepForm(forms.ModelForm):
    motivation = forms.CharField(
        label=_("Motivering als niet alle waarborgen voldaan zijn"),
        help_text=_(
            "Alleen nodig als een waarborg nog niet voldaan is. De motivering komt in het "
            "logboek en wordt aan de raad getoond."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    class Meta:
        model = TrackStep
        fields = [
            "status",
            "date",
            "end_date",
            "document_title",
            "document_url",
            "objection_count",
            "summary",
            "milestone",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, gated: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.instance.kind
        if kind != StepKind.INSPECTION:
            del self.fields["end_date"]
        if kind != StepKind.OBJECTIONS:
            del self.fields["objection_count"]
        if not gated:
            del self.fields["motivation"]
        self.fields["milestone"].queryset = Milestone.objects.filter(
            roadmap__neighbourhood=self.instance.track.neighbourhood
        )
        self.fields["milestone"].required = False

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status in {StepStatus.ACTIVE, StepStatus.DONE} and not cleaned.get("date"):
            self.add_error("date", _("Geef de datum van deze stap."))
        if cleaned.get("document_url") and not cleaned.get("document_title", "").strip():
            self.add_error("document_title", _("Geef het document een naam."))
        start, end = cleaned.get("date"), cleaned.get("end_date")
        if end and not start:
            self.add_error("date", _("Geef de eerste dag ter inzage."))
        elif start and end and end < start:
            self.add_error("end_date", _("De laatste dag ligt na de eerste dag."))
        return cleaned


class GasEndForm(forms.ModelForm):
    class Meta:
        model = DesignationTrack
        fields = ["gas_end_date"]
        widgets = {"gas_end_date": DATE_WIDGET}


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = SafeguardAssessment
        fields = ["verdict", "reasoning"]
        widgets = {"reasoning": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("verdict") != Verdict.NOT_ASSESSED
            and not cleaned.get("reasoning", "").strip()
        ):
            self.add_error("reasoning", _("Leg uit waarom u zo oordeelt."))
        return cleaned


MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["title", "url", "file", "dated", "owner"]
        widgets = {"dated": DATE_WIDGET}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "size"):
            if upload.size > MAX_EVIDENCE_BYTES:
                raise forms.ValidationError(_("Het bestand is groter dan 10 MB."))
            if not upload.read(5).startswith(b"%PDF-"):
                raise forms.ValidationError(_("Dit bestand is geen PDF."))
            upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("file") and "url" not in self.errors:
            self.add_error("url", _("Geef een link naar het document, of kies een PDF."))
        return cleaned
