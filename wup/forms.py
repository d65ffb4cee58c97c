from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import Membership, Municipality, Neighbourhood, Party, Role


class NeighbourhoodForm(forms.ModelForm):
    class Meta:
        model = Neighbourhood
        fields = [
            "name",
            "slug",
            "phase",
            "phase_detail",
            "preferred_solution",
            "startanalyse_variant",
            "solution_motivation",
            "planned_gas_free_year",
            "summary",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "solution_motivation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Laat leeg om het uit de naam te maken.")
        self.fields["planned_gas_free_year"].widget.attrs.update(min=2020, max=2050)
        self.fields["planned_gas_free_year"].help_text = _("Een jaar tussen 2020 en 2050.")

    def clean_planned_gas_free_year(self):
        year = self.cleaned_data["planned_gas_free_year"]
        if year is not None and not 2020 <= year <= 2050:
            raise forms.ValidationError(_("Kies een jaar tussen 2020 en 2050."))
        return year

    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("slug") or slugify(cleaned.get("name") or "")
        if not slug:
            return cleaned
        cleaned["slug"] = slug
        clash = Neighbourhood.objects.filter(municipality=self.municipality, slug=slug)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            self.add_error("slug", _("Er is al een wijk met dit adres. Kies een ander."))
        return cleaned

    def save(self, commit: bool = True) -> Neighbourhood:
        self.instance.municipality = self.municipality
        self.instance.slug = self.cleaned_data["slug"]
        return super().save(commit)


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["name", "party_type", "description", "website", "neighbourhoods"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "neighbourhoods": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality: Municipality, neighbourhoods=None, **kwargs):
        """`neighbourhoods`: those a member limited to some may link the party to."""
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.instance.municipality = municipality
        if neighbourhoods is None:
            neighbourhoods = municipality.neighbourhoods.all()
        self.fields["neighbourhoods"].queryset = neighbourhoods.order_by("name")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Party.objects.filter(municipality=self.municipality, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Deze partij bestaat al."))
        return name


class MembershipForm(forms.ModelForm):
    """The role of a member and, optionally, the neighbourhoods it is limited to."""

    class Meta:
        model = Membership
        fields = ["role", "party", "limited_to_neighbourhoods", "neighbourhoods"]
        widgets = {"neighbourhoods": forms.CheckboxSelectMultiple}

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["party"].queryset = municipality.parties.order_by("name")
        self.fields["party"].help_text = _(
            "Alleen voor partners: de organisatie die zij vertegenwoordigen."
        )
        self.fields["neighbourhoods"].queryset = municipality.neighbourhoods.order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.PARTNER and not cleaned.get("party"):
            self.add_error("party", _("Kies de partij die deze partner vertegenwoordigt."))
        if cleaned.get("limited_to_neighbourhoods") and not cleaned.get("neighbourhoods"):
            self.add_error("neighbourhoods", _("Kies minstens één wijk."))
        if cleaned.get("role") != Role.PARTNER:
            cleaned["party"] = None
        return cleaned


class InviteForm(MembershipForm):
    email = forms.EmailField(label=_("E-mailadres"))
    name = forms.CharField(label=_("Naam"), max_length=150)

    class Meta(MembershipForm.Meta):
        fields = ["email", "name", *MembershipForm.Meta.fields]

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()
        if Membership.objects.filter(
            municipality=self.municipality, user__email__iexact=email
        ).exists():
            raise forms.ValidationError(_("Deze persoon is al lid van deze gemeente."))
        return email


class MunicipalitySettingsForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = [
            "name",
            "theme_colour",
            "logo",
            "intro",
            "milestone_behind_days",
            "milestone_far_behind_days",
            "mfa_for_all_roles",
        ]
        widgets = {
            "theme_colour": forms.TextInput(attrs={"type": "color"}),
            "intro": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > settings.LOGO_MAX_BYTES:
            raise forms.ValidationError(_("Het logo is te groot: hoogstens 512 kB."))
        return logo

    SLIP_FIELDS = ("milestone_behind_days", "milestone_far_behind_days")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty (or left out by an older form): the municipality keeps what it has.
        for name in self.SLIP_FIELDS:
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in self.SLIP_FIELDS:
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = getattr(self.instance, name)
        behind = cleaned.get("milestone_behind_days")
        far = cleaned.get("milestone_far_behind_days")
        if behind is not None and far is not None and behind > far:
            self.add_error(
                "milestone_far_behind_days",
                _("Ver achter kan niet eerder beginnen dan achter."),
            )
        return cleaned


class NeighbourhoodSearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek uw wijk"), required=False, max_length=80)
