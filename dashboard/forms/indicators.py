"""Forms for indicators, their draft route and their measurements. They validate and
normalise; the views save and audit."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from dashboard.csv_io import MAX_UPLOAD_BYTES, parse_number
from dashboard.models import Indicator, Measurement
from roadmap.forms import DATE_WIDGET
from roadmap.models import Milestone
from wup.models import Neighbourhood, Party

MAX_ROUTE_POINTS = 100
EXTRA_ROUTE_ROWS = 3


class NumberField(forms.CharField):
    """A number typed the Dutch way (1234,5) or the English way (1234.5); returns a Decimal."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value) -> Decimal | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_number(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            # 1234.50 shows as 1234,5 (in Dutch); never as 1.2345E+3.
            return formats.localize_input(Decimal(format(value.normalize(), "f")))
        return value


def _day(value) -> str:
    return formats.date_format(value, "j F Y")


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "description",
            "category",
            "unit",
            "direction",
            "source",
            "party",
            "milestone",
            "behind_percent",
            "far_behind_percent",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "party": _("Alleen deze partij ziet de indicator en kan er metingen bij invoeren."),
            "milestone": _("Het tussendoel uit de routekaart van deze wijk waar dit bij hoort."),
        }

    def __init__(self, *args, neighbourhood: Neighbourhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Party.objects.filter(
            municipality_id=neighbourhood.municipality_id
        ).order_by("name")
        self.fields["party"].empty_label = _("Geen partij: alleen de gemeente")
        self.fields["milestone"].queryset = Milestone.objects.filter(
            roadmap__neighbourhood=neighbourhood
        ).order_by("baseline_date", "pk")
        self.fields["milestone"].label_from_instance = lambda m: (
            f"{m.title} ({_day(m.baseline_date)})"
        )
        self.fields["milestone"].empty_label = _("Geen tussendoel")
        self.fields["milestone"].error_messages["invalid_choice"] = _(
            "Kies een tussendoel uit de routekaart van deze wijk."
        )
        for name in ("behind_percent", "far_behind_percent"):
            self.fields[name].validators.append(MaxValueValidator(100))
            self.fields[name].widget.attrs["max"] = 100
        if self.instance.code:
            # A standard indicator keeps its meaning: Wijkwaarde and the council count on it.
            for name in ("unit", "direction"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Vast voor een standaardindicator.")

    def clean(self):
        cleaned = super().clean()
        behind, far = cleaned.get("behind_percent"), cleaned.get("far_behind_percent")
        if behind is not None and far is not None and behind > far:
            self.add_error(
                "far_behind_percent",
                _(
                    "‘Ver achter’ moet minstens zo groot zijn als ‘achter’ (%(behind)s procent). "
                    "Maak dit getal groter of ‘achter’ kleiner."
                )
                % {"behind": behind},
            )
        return cleaned


class RoutePointForm(forms.Form):
    """One row of the draft route: a date and the value planned on it. An empty row is skipped."""

    date = forms.DateField(label=_("Datum"), required=False, widget=DATE_WIDGET)
    value = NumberField(label=_("Geplande waarde"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rendered by hand in a table (templates/dashboard/indicators/route.html).
        for name in ("date", "value"):
            self.fields[name].widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"

    def clean(self):
        cleaned = super().clean()
        has_date = cleaned.get("date") is not None or "date" in self.errors
        has_value = cleaned.get("value") is not None or "value" in self.errors
        if has_date and not has_value:
            self.add_error("value", _("Vul ook de geplande waarde in, of maak de regel leeg."))
        if has_value and not has_date:
            self.add_error("date", _("Vul ook de datum in, of maak de regel leeg."))
        return cleaned

    @property
    def is_point(self) -> bool:
        """Whether this row holds a point to keep (after validation)."""
        data = getattr(self, "cleaned_data", {})
        return (
            not data.get("DELETE")
            and data.get("date") is not None
            and data.get("value") is not None
        )


class BaseRouteFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        first: dict = {}
        problems = []
        for number, form in enumerate(self.forms, start=1):
            if not form.is_point:
                continue
            day = form.cleaned_data["date"]
            if day not in first:
                first[day] = number
                continue
            params = {"date": _day(day), "first": first[day], "this": number}
            form.add_error("date", _("Deze datum staat al op regel %(first)d.") % params)
            problems.append(
                forms.ValidationError(
                    _("%(date)s staat er twee keer in (regel %(first)d en %(this)d)."),
                    params=params,
                    code="duplicate_date",
                )
            )
        if problems:
            raise forms.ValidationError(problems)

    def points(self) -> list[tuple]:
        """Return the valid points as (date, value), by date."""
        return sorted(
            (form.cleaned_data["date"], form.cleaned_data["value"])
            for form in self.forms
            if form.is_point
        )


RouteFormSet = forms.formset_factory(
    RoutePointForm,
    formset=BaseRouteFormSet,
    extra=EXTRA_ROUTE_ROWS,
    can_delete=True,
    max_num=MAX_ROUTE_POINTS,
    absolute_max=MAX_ROUTE_POINTS + EXTRA_ROUTE_ROWS,
    validate_max=True,
)


def route_formset(indicator: Indicator, data=None, *, add_rows: bool = False) -> BaseRouteFormSet:
    """Return the route formset: bound to `data` when posted, else filled with the draft points.

    With `add_rows` ("meer regels"), the rows as typed come back unchecked, with empty rows
    below them: nothing typed is lost and no error shows for a row not finished yet.
    """
    if data is not None and not add_rows:
        initial = [
            {"date": p.date, "value": p.value}
            for p in indicator.route_points.filter(version=None).order_by("date")
        ]
        return RouteFormSet(data, initial=initial, prefix="route")
    if data is None:
        initial = [
            {"date": p.date, "value": p.value}
            for p in indicator.route_points.filter(version=None).order_by("date")
        ]
    else:
        initial = _typed_rows(data)
    return RouteFormSet(initial=initial, prefix="route")


def _typed_rows(data) -> list[dict]:
    """Return the rows of a posted route formset as typed, leaving out empty ones."""
    try:
        total = min(int(data.get("route-TOTAL_FORMS", 0)), RouteFormSet.absolute_max)
    except ValueError:
        total = 0
    rows = []
    for i in range(total):
        row = {
            "date": data.get(f"route-{i}-date", "").strip(),
            "value": data.get(f"route-{i}-value", "").strip(),
        }
        if row["date"] or row["value"]:
            row["DELETE"] = bool(data.get(f"route-{i}-DELETE"))
            rows.append(row)
    return rows


class MeasurementForm(forms.ModelForm):
    """A measured value on a date. A date that already has a measurement is refused on an edit;
    on a new entry the form says so and asks whether to replace it (`replace`)."""

    value = NumberField(label=_("Waarde"))
    replace = forms.BooleanField(
        label=_("Ja, vervang de meting van die datum door deze"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Measurement
        fields = ["date", "value", "source", "data_status", "note"]
        widgets = {"date": DATE_WIDGET}
        help_texts = {
            "data_status": _("Bij cijfers van het CBS: voorlopig, nader voorlopig of definitief."),
        }

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.replaces: Measurement | None = None
        if not self.instance.pk and not self.initial.get("source"):
            # The unsaved instance's empty source is already in self.initial and would win.
            self.initial["source"] = indicator.source
        self.fields["value"].help_text = indicator.get_unit_display()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("Deze datum ligt in de toekomst. Vul de datum in waarop gemeten is.")
            )
        return day

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        if day is None:
            return cleaned
        other = self.indicator.measurements.filter(date=day).exclude(pk=self.instance.pk).first()
        if other is None:
            return cleaned
        params = {"date": _day(day), "value": formats.localize(other.value)}
        if self.instance.pk:
            self.add_error(
                "date",
                _(
                    "Op %(date)s is al een andere meting (%(value)s). Kies een andere datum, "
                    "of bewerk die andere meting."
                )
                % params,
            )
        elif cleaned.get("replace"):
            self.replaces = other
        else:
            self.fields["replace"].widget = forms.CheckboxInput()
            self.add_error(
                "date",
                _(
                    "Op %(date)s is al een meting: %(value)s. Wilt u die vervangen door wat u "
                    "hier invult? Vink dan ‘vervang’ aan en sla opnieuw op. Of kies een andere "
                    "datum."
                )
                % params,
            )
        return cleaned

    def save(self, commit: bool = True) -> Measurement:
        """Save the new measurement, or the replaced one with this form's values."""
        if self.replaces is None:
            return super().save(commit)
        target = self.replaces
        for name in self._meta.fields:
            setattr(target, name, self.cleaned_data[name])
        if commit:
            target.save()
        return target


class MeasurementImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Dezelfde kolommen als het bestand dat u hier kunt downloaden. Puntkomma’s of "
            "komma’s tussen de kolommen, opgeslagen als UTF-8. Hoogstens 2 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot (%(size)s). Het mag hoogstens %(max)s zijn."),
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(MAX_UPLOAD_BYTES),
                },
            )
        return upload
