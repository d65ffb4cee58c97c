from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dashboard.models import Indicator
from dialogue.models import Argument, Outcome, StakeholderGroup
from roadmap.models import Agreement, CoreValue, Milestone
from wup.models import Neighbourhood, Question

from .models import RESPONSE_TARGET, Activity, Input, Response, Verslag


def _reach_field(group: StakeholderGroup) -> str:
    return f"reach_{group.value}"


class ActivityForm(forms.ModelForm):
    """An activity, with one number field per stakeholder group for its reach."""

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "held_on",
            "place",
            "audience",
            "level",
            "reach_total",
            "notes",
            "themes",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for group in StakeholderGroup:
            self.fields[_reach_field(group)] = forms.IntegerField(
                label=_("Bereik: %(group)s") % {"group": group.label},
                required=False,
                min_value=0,
                help_text=_("Laat leeg als u het niet weet."),
                initial=(self.instance.reach_by_group or {}).get(group.value),
            )

    def clean(self):
        cleaned = super().clean()
        by_group = {
            group.value: cleaned[_reach_field(group)]
            for group in StakeholderGroup
            if cleaned.get(_reach_field(group)) is not None
        }
        total = cleaned.get("reach_total")
        if total is not None and sum(by_group.values()) > total:
            self.add_error(
                "reach_total",
                _("Samen is het bereik per groep meer dan het totaal. Pas een van beide aan."),
            )
        self.instance.reach_by_group = by_group
        return cleaned

    @property
    def reach_changed(self) -> bool:
        return any(_reach_field(group) in self.changed_data for group in StakeholderGroup)


class InputForm(forms.ModelForm):
    """One input and what was done with it. The roadmap object must match the response."""

    class Meta:
        model = Input
        fields = [
            "text",
            "theme",
            "question",
            "arguments",
            "response",
            "core_value",
            "milestone",
            "agreement",
            "indicator",
            "explanation",
            "to_council",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 3}),
            "arguments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, neighbourhood: Neighbourhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = Question.objects.filter(
            neighbourhood=neighbourhood
        ).order_by("-asked_at")
        self.fields["question"].label_from_instance = _question_label
        self.fields["arguments"].queryset = (
            Argument.objects.filter(session__neighbourhood=neighbourhood, hidden=False)
            .select_related("session")
            .order_by("session__starts_at", "pk")
        )
        self.fields["arguments"].label_from_instance = lambda a: f"{a.session.title}: {a.text}"
        # Nothing to link to: no empty group of checkboxes or empty list.
        for name in ("question", "arguments"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]
        roadmap_of = {"roadmap__neighbourhood": neighbourhood}
        self.fields["core_value"].queryset = CoreValue.objects.filter(**roadmap_of)
        self.fields["milestone"].queryset = Milestone.objects.filter(**roadmap_of)
        self.fields["agreement"].queryset = Agreement.objects.filter(**roadmap_of)
        self.fields["indicator"].queryset = Indicator.objects.filter(neighbourhood=neighbourhood)
        for name in RESPONSE_TARGET.values():
            self.fields[name].help_text = _("Alleen als u kiest voor 'Opgenomen als …'.")

    def clean(self):
        cleaned = super().clean()
        response = cleaned.get("response")
        wanted = RESPONSE_TARGET.get(response)
        for name in RESPONSE_TARGET.values():
            if name != wanted:
                cleaned[name] = None  # only the chosen kind of roadmap object is kept
        if wanted and not cleaned.get(wanted):
            self.add_error(
                wanted,
                _("Kies het onderdeel van de routekaart waarin u dit hebt opgenomen."),
            )
        if response == Response.NOT_TAKEN and not cleaned.get("explanation", "").strip():
            self.add_error(
                "explanation",
                _("Schrijf op waarom u dit niet overneemt. Bewoners en de raad lezen dit."),
            )
        if response == Response.ANSWERED and not cleaned.get("explanation", "").strip():
            self.add_error("explanation", _("Schrijf op welk antwoord u gaf."))
        return cleaned


def _question_label(question: Question) -> str:
    text = question.public_text or question.text
    status = _("beantwoord") if question.answered_at else _("open")
    return f"#{question.pk} ({status}): {text[:80]}"


class OutcomeLinkForm(forms.Form):
    """Which milestones, agreements and indicators a session outcome was taken into."""

    milestones = forms.ModelMultipleChoiceField(
        label=_("Mijlpalen"),
        queryset=Milestone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agreements = forms.ModelMultipleChoiceField(
        label=_("Afspraken"),
        queryset=Agreement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicatoren"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, outcome: Outcome, **kwargs):
        super().__init__(*args, **kwargs)
        neighbourhood = outcome.session.neighbourhood
        self.fields["milestones"].queryset = Milestone.objects.filter(
            roadmap__neighbourhood=neighbourhood
        )
        self.fields["agreements"].queryset = Agreement.objects.filter(
            roadmap__neighbourhood=neighbourhood
        )
        self.fields["indicators"].queryset = Indicator.objects.filter(neighbourhood=neighbourhood)


class VerslagForm(forms.ModelForm):
    class Meta:
        model = Verslag
        fields = ["intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 5})}
