"""The audit log as people read it: the codes an entry stores (action, object type, field names and
values such as "adopt", "steeringaction", "True") shown in the reader's language.

The entries keep their codes (the log is evidence and must not change with a translation); only
their display is translated. A code this module does not know is shown as it is stored.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AuditEntry

ACTIONS = {
    "accept": gettext_lazy("verwerkt in de planning"),
    "access": gettext_lazy("toegang gevraagd"),
    "admin_add": gettext_lazy("toegevoegd door de ondersteuning"),
    "admin_change": gettext_lazy("gewijzigd door de ondersteuning"),
    "admin_delete": gettext_lazy("verwijderd door de ondersteuning"),
    "admin_view": gettext_lazy("ingezien door de ondersteuning"),
    "adopt": gettext_lazy("vastgesteld"),
    "answer": gettext_lazy("beantwoord"),
    "change_role": gettext_lazy("rol gewijzigd"),
    "close": gettext_lazy("gesloten"),
    "create": gettext_lazy("aangemaakt"),
    "create_municipality": gettext_lazy("gemeente aangemaakt, eerste beheerder uitgenodigd"),
    "delete": gettext_lazy("verwijderd"),
    "dismiss": gettext_lazy("afgewezen"),
    "export": gettext_lazy("gedownload"),
    "hide": gettext_lazy("verborgen"),
    "lock": gettext_lazy("op slot gezet voor nieuwe deelnemers"),
    "import": gettext_lazy("ingelezen"),
    "import_measurements": gettext_lazy("metingen ingelezen"),
    "invite": gettext_lazy("uitgenodigd"),
    "invite_accepted": gettext_lazy("uitnodiging aangenomen"),
    "login": gettext_lazy("inloggen"),
    "mfa_enrol": gettext_lazy("tweede stap ingesteld"),
    "mfa_verify": gettext_lazy("tweede stap gecontroleerd"),
    "open": gettext_lazy("geopend"),
    "paper_entry": gettext_lazy("papieren invoer"),
    "publish": gettext_lazy("gepubliceerd"),
    "refresh_measurements": gettext_lazy("metingen bijgewerkt"),
    "remove": gettext_lazy("weggehaald"),
    "restore": gettext_lazy("teruggezet"),
    "reset_mfa": gettext_lazy("tweede stap teruggezet"),
    "reveal": gettext_lazy("zichtbaar gemaakt"),
    "schedule": gettext_lazy("ingepland"),
    "step": gettext_lazy("volgende stap"),
    "unpublish": gettext_lazy("publicatie ingetrokken"),
    "unlock": gettext_lazy("weer opengezet voor nieuwe deelnemers"),
    "update": gettext_lazy("gewijzigd"),
    "update_progress": gettext_lazy("voortgang bijgewerkt"),
    "update_prompts": gettext_lazy("vragen bijgewerkt"),
    "update_roles": gettext_lazy("rollen bijgewerkt"),
    "update_route": gettext_lazy("route bijgewerkt"),
}

# Models without a Dutch verbose_name of their own.
OBJECTS = {
    "agreement": gettext_lazy("afspraak"),
    "ambition": gettext_lazy("ambitie"),
    "argument": gettext_lazy("argument"),
    "cbsarea": gettext_lazy("CBS-gebied"),
    "consentrecord": gettext_lazy("toestemming"),
    "corevalue": gettext_lazy("kernwaarde"),
    "developmentimpact": gettext_lazy("gevolg van een ontwikkeling"),
    "file": gettext_lazy("bestand"),
    "follower": gettext_lazy("volger"),
    "milestone": gettext_lazy("tussendoel"),
    "municipalrole": gettext_lazy("rol van de gemeente"),
    "outcome": gettext_lazy("uitkomst"),
    "page": gettext_lazy("pagina"),
    "participant": gettext_lazy("deelnemer"),
    "prompt": gettext_lazy("stelling"),
    "question": gettext_lazy("vraag"),
    "report": gettext_lazy("rapport"),
    "roadmapversion": gettext_lazy("vastgestelde versie"),
    "safeguard": gettext_lazy("waarborg"),
    "score": gettext_lazy("score"),
}


@cache
@functools.cache
def _models() -> dict[str, type[models.Model]]:
    """Every model by its name (the app registry does not change while the process runs)."""
    return {m._meta.model_name: m for m in apps.get_models()}


def action_label(action: str) -> str:
    return str(ACTIONS[action]) if action in ACTIONS else action


def object_label(object_type: str) -> str:
    if object_type in OBJECTS:
        return str(OBJECTS[object_type])
    model = _models().get(object_type)
    if model is not None and "verbose_name" in model._meta.original_attrs:
        return str(model._meta.verbose_name)
    return object_type


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def value_text(value, field: models.Field | None = None) -> str:
    """A stored value in words: yes/no for True/False, a choice's label, lists joined. Forms
    store their values as text, so "True" and "False" are yes and no too (unless the field is
    known to hold text)."""
    boolean = field is None or isinstance(field, models.BooleanField)
    if value is True or (boolean and value == "True"):
        return _("ja")
    if value is False or (boolean and value == "False"):
        return _("nee")
    if value is None or value == "":
        return "–"
    if isinstance(value, list):
        return ", ".join(value_text(v, field) for v in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items()) or "–"
    if field is not None and field.choices:
        labels = {str(code): label for code, label in field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    return str(value)


@dataclass(frozen=True)
class Change:
    field: str
    value: str


@dataclass(frozen=True)
class ShownEntry:
    """An audit entry with its codes in words."""

    entry: AuditEntry
    action: str
    object_type: str
    changes: list[Change]


def shown(entry: AuditEntry) -> ShownEntry:
    model = _models().get(entry.object_type)
    changes = []
    for name, value in (entry.changes or {}).items():
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        changes.append(Change(label, value_text(value, field)))
    return ShownEntry(
        entry=entry,
        action=action_label(entry.action),
        object_type=object_label(entry.object_type),
        changes=changes,
    )
