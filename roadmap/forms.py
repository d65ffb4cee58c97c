"""Forms of the roadmap editor. They validate and normalise; the views save and audit."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dialogue.models import Outcome
from wup.models import Party, Phase

from .graph import loop_through
from .models import (
    Agreement,
    Ambition,
    CoreValue,
    Milestone,
    MilestoneStatus,
    MunicipalRoleType,
    Roadmap,
    Safeguard,
    SafeguardStatus,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIRST_YEAR, LAST_YEAR = 2020, 2050


class MunicipalRoleForm(forms.Form):
    """The municipality's role in one phase; both fields empty means: not chosen yet."""

    role = forms.ChoiceField(
        label=_("Rol van de gemeente"),
        choices=[("", _("Nog niet gekozen")), *MunicipalRoleType.choices],
        required=False,
    )
    reasoning = forms.CharField(
        label=_("Waarom deze rol"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, phase: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.phase = phase
        self.phase_label = Phase(phase).label

    def clean(self):
        cleaned = super().clean()
        reasoning = cleaned["reasoning"] = cleaned.get("reasoning", "").strip()
        if cleaned.get("role") and not reasoning:
            self.add_error("reasoning", _("Leg uit waarom de gemeente deze rol kiest."))
        if reasoning and not cleaned.get("role"):
            self.add_error("role", _("Kies een rol, of maak de uitleg leeg."))
        return cleaned


class BaseMunicipalRoleFormSet(forms.BaseFormSet):
    """One form per phase, in the order of the phases."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "phase": Phase.values[index]}


MunicipalRoleFormSet = forms.formset_factory(
    MunicipalRoleForm,
    formset=BaseMunicipalRoleFormSet,
    extra=0,
    max_num=len(Phase),
    absolute_max=len(Phase),
    validate_max=True,
    min_num=len(Phase),
    validate_min=True,
)


def role_formset(roadmap: Roadmap, data=None) -> BaseMunicipalRoleFormSet:
    """Return the role formset with one form per phase, filled from the saved roles."""
    saved = {r.phase: r for r in roadmap.roles.all()}
    initial = [
        {"role": saved[p].role, "reasoning": saved[p].reasoning} if p in saved else {}
        for p in Phase.values
    ]
    return MunicipalRoleFormSet(data, initial=initial, prefix="rollen")


class AmbitionForm(forms.ModelForm):
    class Meta:
        model = Ambition
        fields = ["party", "text", "target_value", "target_unit", "target_year"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "target_value": _("Mag leeg blijven. Bijvoorbeeld 250 (woningen)."),
            "target_unit": _("Bijvoorbeeld: woningen, procent, GJ."),
        }

    def __init__(self, *args, parties, fixed_party: Party | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        if fixed_party is not None:
            # A partner writes ambitions for their own party only; a posted party is ignored.
            self.fields["party"].initial = fixed_party.pk
            self.fields["party"].disabled = True

    def clean_target_year(self):
        year = self.cleaned_data.get("target_year")
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Kies een jaar van %(first)s tot en met %(last)s."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return year

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target_value") is not None and not cleaned.get("target_unit"):
            self.add_error("target_unit", _("Zeg ook waarin de streefwaarde is uitgedrukt."))
        return cleaned


def outcome_label(outcome: Outcome) -> str:
    session = outcome.session
    day = formats.date_format(timezone.localtime(session.starts_at).date(), "j F Y")
    return f"{session.title} ({day}): {outcome.text}"


class CoreValueForm(forms.ModelForm):
    class Meta:
        model = CoreValue
        fields = ["name", "why", "outcomes", "order"]
        widgets = {
            "why": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.CheckboxSelectMultiple,
        }
        labels = {"order": _("Volgorde")}
        help_texts = {"order": _("Lagere nummers staan eerder.")}

    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the neighbourhood agreed on in a dialogue session can carry a core value.
        # Links made earlier stay choosable, so saving the form does not drop them unseen.
        agreed = Q(session__neighbourhood_id=roadmap.neighbourhood_id, agreed=True)
        if self.instance.pk:
            agreed |= Q(
                session__neighbourhood_id=roadmap.neighbourhood_id,
                pk__in=self.instance.outcomes.values("pk"),
            )
        field = self.fields["outcomes"]
        field.queryset = (
            Outcome.objects.filter(agreed)
            .select_related("session")
            .order_by("session__starts_at", "kind", "pk")
        )
        field.label_from_instance = outcome_label
        field.help_text = _(
            "Alleen uitkomsten van dialoogsessies in deze wijk waarover de deelnemers het eens "
            "zijn. Staat een uitkomst er niet bij? Zet bij de sessie eerst ‘hierover zijn we "
            "het eens’ aan."
        )
        field.error_messages["invalid_choice"] = _(
            "Kies alleen afgesproken uitkomsten van sessies in deze wijk."
        )


class MilestoneDatesMixin:
    """Progress rules shared by the full milestone form and the partner's progress form."""

    def clean_achieved_date(self):
        achieved = self.cleaned_data.get("achieved_date")
        if achieved and achieved > timezone.localdate():
            raise forms.ValidationError(
                _(
                    "Een tussendoel kan niet in de toekomst behaald zijn. Vul de datum in waarop "
                    "het echt behaald is, of gebruik ‘verwacht’."
                )
            )
        return achieved

    def clean(self):
        cleaned = super().clean()
        achieved = cleaned.get("achieved_date")
        status = cleaned.get("status")
        if status == MilestoneStatus.ACHIEVED and not achieved and "achieved_date" in cleaned:
            self.add_error("achieved_date", _("Vul in op welke dag het tussendoel is behaald."))
        if achieved and status and status != MilestoneStatus.ACHIEVED:
            self.add_error(
                "status", _("Er staat een datum bij ‘behaald op’: kies de status Behaald.")
            )
        return cleaned


class MilestoneForm(MilestoneDatesMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = [
            "title",
            "description",
            "owner",
            "baseline_date",
            "forecast_date",
            "achieved_date",
            "status",
            "depends_on",
            "decision_body",
            "decision_kind",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "baseline_date": DATE_WIDGET,
            "forecast_date": DATE_WIDGET,
            "achieved_date": DATE_WIDGET,
            "depends_on": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "baseline_date": _("De datum uit het plan. Die blijft staan als het later wordt."),
            "forecast_date": _("Wanneer verwacht u het nu? Eerder dan gepland mag ook."),
            "depends_on": _("Welke tussendoelen moeten eerst klaar zijn?"),
        }

    def __init__(self, *args, roadmap: Roadmap, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        self.fields["owner"].queryset = parties
        field = self.fields["depends_on"]
        # Validate against every milestone of this roadmap, so choosing the milestone itself
        # gets a plain message below; offer only the others.
        field.queryset = roadmap.milestones.order_by("baseline_date", "pk")
        field.widget.choices = [
            (m.pk, f"{m.title} ({formats.date_format(m.baseline_date, 'j F Y')})")
            for m in field.queryset
            if m.pk != self.instance.pk
        ]
        field.error_messages["invalid_choice"] = _("Kies alleen tussendoelen van deze routekaart.")

    def clean_depends_on(self):
        chosen = self.cleaned_data.get("depends_on")
        if chosen is None or self.instance.pk is None:
            return chosen  # a new milestone has no dependents yet, so it cannot close a loop
        ids = {m.pk for m in chosen}
        if self.instance.pk in ids:
            raise forms.ValidationError(_("Een tussendoel kan niet van zichzelf afhangen."))
        edges = dependency_edges(self.roadmap)
        edges[self.instance.pk] = ids
        loop = loop_through(edges, self.instance.pk)
        if loop is not None:
            titles = dict(self.roadmap.milestones.values_list("pk", "title"))
            raise forms.ValidationError(
                _(
                    "Dan hangt ‘%(start)s’ via %(via)s weer van zichzelf af. "
                    "Kies een ander tussendoel."
                ),
                params={
                    "start": self.instance.title,
                    "via": get_text_list([f"‘{titles[pk]}’" for pk in loop], gettext("en")),
                },
            )
        return chosen

    def clean(self):
        cleaned = super().clean()
        body, kind = cleaned.get("decision_body"), cleaned.get("decision_kind")
        if body and not kind:
            self.add_error("decision_kind", _("Kies wat voor besluit het is."))
        elif kind and not body:
            self.add_error("decision_body", _("Kies wie het besluit neemt: college of raad."))
        return cleaned


def dependency_edges(roadmap: Roadmap) -> dict[int, set[int]]:
    """Return {milestone id: ids it depends on} for a roadmap, in one query."""
    edges: dict[int, set[int]] = {}
    through = Milestone.depends_on.through.objects.filter(from_milestone__roadmap=roadmap)
    for source, target in through.values_list("from_milestone_id", "to_milestone_id"):
        edges.setdefault(source, set()).add(target)
    return edges


class MilestoneProgressForm(MilestoneDatesMixin, forms.ModelForm):
    """What a milestone's owner reports between versions: forecast, achieved, status."""

    class Meta:
        model = Milestone
        fields = ["forecast_date", "achieved_date", "status"]
        widgets = {"forecast_date": DATE_WIDGET, "achieved_date": DATE_WIDGET}
        help_texts = {
            "forecast_date": _("Wanneer verwacht u het nu? Eerder dan gepland mag ook."),
        }


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "description",
            "parties",
            "agreement_type",
            "status",
            "woo_category",
            "signed_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "parties": forms.CheckboxSelectMultiple,
            "signed_on": DATE_WIDGET,
        }
        help_texts = {
            "woo_category": _("Onder welke categorie van de Woo maken we dit actief openbaar?"),
        }

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = parties

    def clean_signed_on(self):
        signed = self.cleaned_data.get("signed_on")
        if signed and signed > timezone.localdate():
            raise forms.ValidationError(_("De datum van ondertekening ligt in de toekomst."))
        return signed


class SafeguardForm(forms.ModelForm):
    class Meta:
        model = Safeguard
        fields = ["status", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"evidence": _("Hoe is dit geregeld, en waar staat het?")}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == SafeguardStatus.SECURED
            and not cleaned.get("evidence", "").strip()
        ):
            self.add_error("evidence", _("Leg uit hoe deze waarborg geborgd is."))
        return cleaned


SafeguardFormSet = forms.modelformset_factory(
    Safeguard, form=SafeguardForm, extra=0, can_delete=False, edit_only=True
)


class RoadmapSummaryForm(forms.ModelForm):
    class Meta:
        model = Roadmap
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
