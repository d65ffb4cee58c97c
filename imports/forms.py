"""The upload form of each source, and the form that composes a plan area of CBS areas."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboard.models import DataStatus
from wup.cbs_import import BUURT, MAX_YEAR, MIN_YEAR, WIJK

from .sources import Source


def max_upload_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_UPLOAD_MB", 500)) * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField()
    second_file = forms.FileField(required=False)
    year = forms.IntegerField(
        label=_("Peiljaar"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("Leeg: het jaar uit het bestand of uit de bestandsnaam."),
    )
    level = forms.ChoiceField(
        label=_("Nieuwe wijken in Wijkwaarde maken"),
        choices=[
            ("", _("Nee, alleen de cijfers bijwerken")),
            (WIJK, _("Ja, één per CBS-wijk")),
            (BUURT, _("Ja, één per CBS-buurt")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("Datum van de cijfers"),
        help_text=_("De datum waarop het bestand de stand geeft, zoals 2026-01-01."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    data_status = forms.ChoiceField(
        label=_("Status van de cijfers"),
        choices=[("", _("Onbekend of uit het bestand")), *DataStatus.choices],
        required=False,
    )
    edition = forms.CharField(
        label=_("Editie van de Startanalyse"),
        max_length=20,
        help_text=_("Bijvoorbeeld 2020 of 2025. Een kolom editie in het bestand gaat voor."),
    )

    FIELDS = {
        "kwb": ("file", "second_file", "year", "level"),
        "grenzen": ("file", "year"),
        "energielabels": ("file", "second_file", "date", "data_status"),
        "aardgasvrij": ("file", "date", "data_status"),
        "startanalyse": ("file", "edition"),
    }

    def __init__(self, *args, source: Source, initial_level: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        for name in list(self.fields):
            if name not in self.FIELDS[source.key]:
                del self.fields[name]
        self.fields["file"].label = source.file_label
        extensions = ", ".join(f".{e}" for e in source.extensions)
        self.fields["file"].help_text = _("%(types)s, hoogstens %(max)s.") % {
            "types": extensions,
            "max": filesizeformat(max_upload_bytes()),
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{e}" for e in source.extensions)
        if "second_file" in self.fields:
            self.fields["second_file"].label = source.second_file_label
            self.fields["second_file"].required = source.second_file_required
        if "level" in self.fields:
            self.fields["level"].initial = initial_level
        if "date" in self.fields:
            self.fields["date"].initial = timezone.localdate().replace(day=1)
        if source.key == "grenzen":
            self.fields["year"].help_text = _(
                "Leeg: het nieuwste peiljaar van de kerncijfers in Wijkwaarde."
            )

    def _check(self, name: str, extensions: tuple[str, ...]):
        upload = self.cleaned_data.get(name)
        if not upload:
            return upload
        suffix = PurePath(upload.name).suffix.lower().lstrip(".")
        if suffix not in extensions:
            raise forms.ValidationError(
                _("Kies een bestand van het soort %(types)s; dit is een .%(suffix)s-bestand."),
                params={"types": ", ".join(f".{e}" for e in extensions), "suffix": suffix},
            )
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("Het bestand is te groot (%(size)s). Het mag hoogstens %(max)s zijn."),
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(max_upload_bytes()),
                },
            )
        return upload

    def clean_file(self):
        return self._check("file", self.source.extensions)

    def clean_second_file(self):
        extensions = ("gpkg", "geojson", "json") if self.source.key == "kwb" else ("csv", "xlsx")
        return self._check("second_file", extensions)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("De datum ligt in de toekomst."))
        if date < datetime.date(2000, 1, 1):
            raise forms.ValidationError(_("Kies een datum vanaf 2000."))
        return date

    def options(self) -> dict:
        """The choices as the job keeps them (JSON)."""
        data = self.cleaned_data
        options = {}
        for name in ("year", "level", "data_status", "edition"):
            if data.get(name) not in (None, ""):
                options[name] = data[name]
        if data.get("date"):
            options["date"] = data["date"].isoformat()
        return options


class PlanAreaForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label=_("CBS-wijken en -buurten van deze wijk"),
        required=True,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één CBS-wijk of -buurt.")},
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = choices
