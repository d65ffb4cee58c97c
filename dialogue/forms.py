from __future__ import annotations

import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wup.models import Membership, Neighbourhood

from .models import (
    SIDE_QUESTIONS,
    Argument,
    DialogueSession,
    Outcome,
    Participant,
    Prompt,
    Side,
    StakeholderGroup,
)


class SessionForm(forms.ModelForm):
    class Meta:
        model = DialogueSession
        fields = [
            "neighbourhood",
            "title",
            "proposition",
            "proposition_2",
            "proposition_3",
            "starts_at",
            "location",
            "online_link",
            "invited_parties",
            "participation_level",
            "can_influence",
            "cannot_influence",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "proposition": forms.Textarea(attrs={"rows": 3}),
            "proposition_2": forms.Textarea(attrs={"rows": 2}),
            "proposition_3": forms.Textarea(attrs={"rows": 2}),
            "can_influence": forms.Textarea(attrs={"rows": 3}),
            "cannot_influence": forms.Textarea(attrs={"rows": 3}),
            "invited_parties": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = membership.municipality
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.visible_to(membership)
        self.fields["invited_parties"].queryset = municipality.parties.order_by("name")
        self.fields["proposition"].required = False
        self.fields["proposition"].help_text = _(
            "Laat leeg om de voorkeursoplossing van de wijk te gebruiken."
        )
        self.fields["proposition_3"].help_text = _("Mag leeg blijven. Een derde voorstel.")
        self.fields["can_influence"].help_text = _(
            "Zeg vooraf eerlijk wat deelnemers kunnen veranderen."
        )
        self.fields["cannot_influence"].help_text = _(
            "Bijvoorbeeld: het jaar waarin de wijk van het gas af gaat ligt vast."
        )
        if self.instance.pk:
            # The neighbourhood of an existing session does not move: its history belongs there.
            self.fields["neighbourhood"].disabled = True

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("location") and not cleaned.get("online_link"):
            self.add_error("location", _("Vul een plaats of een link voor online meedoen in."))
        if (
            cleaned.get("proposition_3", "").strip()
            and not cleaned.get("proposition_2", "").strip()
        ):
            self.add_error("proposition_3", _("Vul eerst alternatief 1 in, dan pas alternatief 2."))
        neighbourhood = cleaned.get("neighbourhood")
        if neighbourhood and not cleaned.get("proposition"):
            cleaned["proposition"] = str(
                _("De voorkeursoplossing voor %(name)s: %(solution)s.")
                % {
                    "name": neighbourhood.name,
                    "solution": neighbourhood.get_preferred_solution_display(),
                }
            )
        return cleaned


class PromptForm(forms.ModelForm):
    class Meta:
        model = Prompt
        fields = ["side", "text", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].choices = Side.choices


class BasePromptFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        sides = {
            form.cleaned_data.get("side")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        }
        if not set(Side) <= sides:
            raise forms.ValidationError(_("Geef elke kant van de driehoek minstens één vraag."))


PromptFormSet = forms.inlineformset_factory(
    DialogueSession,
    Prompt,
    form=PromptForm,
    formset=BasePromptFormSet,
    extra=1,
    can_delete=True,
    min_num=3,
    validate_min=True,
)


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("De zes cijfers die u op het scherm ziet."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_code(self):
        code = re.sub(r"\D", "", self.cleaned_data["code"])
        if len(code) != 6:
            raise forms.ValidationError(_("Een code heeft zes cijfers."))
        return code


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["display_name", "group"]
        widgets = {"group": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = False
        self.fields["display_name"].help_text = _("Anderen zien uw naam niet op de website.")
        self.fields["group"].choices = StakeholderGroup.choices


class PartyCodeForm(forms.Form):
    """For an invited party's representative: the party code from the session lead."""

    party_code = forms.CharField(
        label=_("Partijcode"),
        max_length=20,
        help_text=_(
            "Alleen als u hier namens een organisatie bent, zoals de gemeente of de "
            "woningcorporatie. De gespreksleider geeft u de code. Bewoners laten dit leeg."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


SCORE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class ScoreForm(forms.Form):
    """One 1–5 score with an optional reason per prompt of the session, and per proposition
    when the session compares alternatives (fields score_<prompt> for proposition 1, as
    always, and score_<n>_<prompt> for proposition n)."""

    def __init__(
        self,
        *args,
        prompts: list[Prompt],
        initial_scores: dict | None = None,
        propositions: list[tuple[int, str]] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.prompts = prompts
        self.propositions = propositions or [(1, "")]
        initial_scores = initial_scores or {}
        for number, _text in self.propositions:
            for prompt in prompts:
                key = (prompt.pk, number)
                if number == 1 and key not in initial_scores:
                    key = prompt.pk  # keyed by prompt alone: a single proposition
                value, reason = initial_scores.get(key, (None, ""))
                self.fields[self.score_field(prompt, number)] = forms.TypedChoiceField(
                    label=prompt.text,
                    choices=SCORE_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "ww-scale"}),
                    # Which side of the triangle the question is about, in plain words.
                    help_text=format_lazy(
                        "{}: {} {}",
                        Side(prompt.side).label,
                        SIDE_QUESTIONS[prompt.side],
                        _("1 = helemaal niet, 5 = helemaal wel"),
                    ),
                    initial=value,
                    required=False,
                )
                self.fields[self.reason_field(prompt, number)] = forms.CharField(
                    label=_("Waarom? (mag u weglaten)"),
                    max_length=500,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=reason,
                )

    @staticmethod
    def score_field(prompt: Prompt, number: int = 1) -> str:
        return f"score_{prompt.pk}" if number == 1 else f"score_{number}_{prompt.pk}"

    @staticmethod
    def reason_field(prompt: Prompt, number: int = 1) -> str:
        return f"reason_{prompt.pk}" if number == 1 else f"reason_{number}_{prompt.pk}"

    def groups(self) -> list[tuple[int, str, list]]:
        """Return (number, text, bound fields) per proposition: the phone shows them one under
        the other, each with its own heading."""
        return [
            (
                number,
                text,
                [
                    self[name]
                    for prompt in self.prompts
                    for name in (
                        self.score_field(prompt, number),
                        self.reason_field(prompt, number),
                    )
                ],
            )
            for number, text in self.propositions
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in self._score_names()):
            if not self.prompts:
                raise forms.ValidationError(_("Kies bij minstens één vraag een score."))
            # Next to the first question, where the resident starts (and in the summary).
            self.add_error(
                self.score_field(self.prompts[0]), _("Kies bij minstens één vraag een score.")
            )
        return cleaned

    def _score_names(self) -> list[str]:
        return [self.score_field(p, n) for n, _text in self.propositions for p in self.prompts]

    def scores(self) -> list[tuple[Prompt, int, str, int]]:
        """Return (prompt, value, reason, proposition) for every prompt that got a score."""
        return [
            (
                p,
                self.cleaned_data[self.score_field(p, n)],
                self.cleaned_data[self.reason_field(p, n)],
                n,
            )
            for n, _text in self.propositions
            for p in self.prompts
            if self.cleaned_data.get(self.score_field(p, n))
        ]


class ArgumentForm(forms.ModelForm):
    class Meta:
        model = Argument
        fields = ["side", "stance", "text"]
        widgets = {
            "side": forms.RadioSelect,
            "stance": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no empty "choose one" option. Each side with its plain question.
        self.fields["side"].choices = [
            (side.value, format_lazy("{}: {}", side.label, SIDE_QUESTIONS[side])) for side in Side
        ]
        self.fields["side"].label = _("Over welke kant gaat uw argument?")
        self.fields["stance"].choices = Argument.Stance.choices


class HideArgumentForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=200)


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["kind", "text", "agreed", "arguments"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "arguments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, session: DialogueSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arguments"].queryset = session.arguments.visible().order_by("side", "pk")
        self.fields["arguments"].label_from_instance = lambda a: (
            f"{a.get_side_display()} ({a.get_stance_display().lower()}): {a.text}"
        )


class SummaryForm(forms.ModelForm):
    class Meta:
        model = DialogueSession
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
