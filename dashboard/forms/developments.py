"""Forms for recording a new development and its impact on milestones. They validate and
normalise; the views save and audit."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from dashboard.models import Development, DevelopmentImpact
from roadmap.models import Milestone, MilestoneStatus

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_DELAY_DAYS = 3650  # ten years: anything more is a typing error, not a plan


class DevelopmentForm(forms.ModelForm):
    class Meta:
        model = Development
        fields = ["title", "description", "occurs_on", "kind", "likelihood"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "occurs_on": DATE_WIDGET}
        help_texts = {
            "title": _("Kort en duidelijk, bijvoorbeeld: ‘Netbeheerder stelt aansluiting uit’."),
            "description": _("Wat is er aan de hand, en waar komt het bericht vandaan?"),
            "occurs_on": _("Wanneer gebeurt het, of wanneer werd het bekend?"),
            "likelihood": _("Hoe groot is de kans dat het zo gaat?"),
        }


def milestone_choices(milestones: Iterable[Milestone]) -> list:
    """Return select choices grouped by neighbourhood: [(name, [(pk, label), …]), …].

    Pass milestones with `roadmap__neighbourhood` loaded, in the order to show them.
    """
    groups: dict[str, list[tuple[int, str]]] = {}
    for m in milestones:
        label = _("%(title)s (gepland %(date)s)") % {
            "title": m.title,
            "date": formats.date_format(m.baseline_date, "j F Y"),
        }
        groups.setdefault(m.roadmap.neighbourhood.name, []).append((m.pk, label))
    return [("", _("Kies een tussendoel")), *groups.items()]


def choosable_milestones(neighbourhoods, development: Development | None = None):
    """Return the milestones a development may delay: those of these neighbourhoods that are
    neither achieved nor cancelled, plus any it already delays (so saving does not drop them)."""
    open_ = Q(roadmap__neighbourhood__in=neighbourhoods) & ~Q(
        status__in=[MilestoneStatus.ACHIEVED, MilestoneStatus.CANCELLED]
    )
    if development is not None and development.pk:
        open_ |= Q(pk__in=development.impacts.values("milestone_id"))
    return (
        Milestone.objects.filter(open_)
        .select_related("roadmap__neighbourhood")
        .order_by("roadmap__neighbourhood__name", "baseline_date", "pk")
    )


class ImpactForm(forms.ModelForm):
    """One milestone and how many days later it gets. The choices come in ready-made, so a
    formset of ten rows costs no query per row."""

    milestone = forms.TypedChoiceField(label=_("Tussendoel"), coerce=int)

    class Meta:
        model = DevelopmentImpact
        fields = ["milestone", "delay_days"]
        labels = {"delay_days": _("Vertraging in dagen")}
        help_texts = {
            "delay_days": _("Hoeveel dagen later? Een min-getal betekent: zoveel dagen eerder.")
        }

    def __init__(self, *args, milestones: dict[int, Milestone], choices: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestones = milestones
        self.fields["milestone"].choices = choices
        self.fields["milestone"].error_messages["invalid_choice"] = _(
            "Kies een tussendoel uit de lijst."
        )

    def clean_milestone(self) -> Milestone:
        return self.milestones[self.cleaned_data["milestone"]]

    def clean_delay_days(self) -> int:
        days = self.cleaned_data["delay_days"]
        if days == 0:
            raise forms.ValidationError(_("Vul een aantal dagen in; 0 verandert niets."))
        if abs(days) > MAX_DELAY_DAYS:
            raise forms.ValidationError(
                _("Vul hoogstens %(max)s dagen in (tien jaar)."), params={"max": MAX_DELAY_DAYS}
            )
        return days


class BaseImpactFormSet(forms.BaseInlineFormSet):
    def validate_unique(self):
        # The only unique rule is one row per milestone; clean() says so in plain words at the
        # row itself, instead of Django's "correct the duplicate data for milestone".
        pass

    def clean(self):
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            milestone = form.cleaned_data.get("milestone")
            if milestone is None:
                continue
            if milestone.pk in seen:
                form.add_error(
                    "milestone",
                    _("Dit tussendoel staat er al. Tel de dagen op in één regel."),
                )
            seen.add(milestone.pk)


ImpactFormSet = forms.inlineformset_factory(
    Development,
    DevelopmentImpact,
    form=ImpactForm,
    formset=BaseImpactFormSet,
    fields=["milestone", "delay_days"],
    extra=3,
    max_num=50,
    validate_max=True,
    can_delete=True,
)


def impact_formset(
    development: Development, milestones: list[Milestone], data=None
) -> BaseImpactFormSet:
    """Return the impact formset, its milestone choices grouped by neighbourhood."""
    return ImpactFormSet(
        data,
        instance=development,
        prefix="gevolgen",
        queryset=DevelopmentImpact.objects.filter(development=development)
        if development.pk
        else DevelopmentImpact.objects.none(),
        form_kwargs={
            "milestones": {m.pk: m for m in milestones},
            "choices": milestone_choices(milestones),
        },
    )
