"""Roadmap snapshots and the differences between them.

A snapshot is the roadmap as plain JSON: self-contained (party names, session titles and labels
are copied in, so an old version reads the same years later), stable (the same content always
gives the same checksum) and keyed per item (roles by phase, safeguards by kind, everything else
by row id) so that two snapshots can be compared item by item.

Each chosen value is stored as its code, with next to it the Dutch label the decision displayed
(whatever language the adopter used). Pages show the code's label in the reader's language
(`label_of`, `localised`); the stored label only for a code that no longer exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from dialogue.models import Outcome
from wup.models import PartyType, Phase

from .models import (
    AgreementStatus,
    AgreementType,
    MunicipalRoleType,
    Roadmap,
    RoadmapVersion,
    SafeguardStatus,
    SafeguardType,
    WooCategory,
)

FORMAT = 1

SECTION_NAMES = ("roles", "ambitions", "core_values", "milestones", "agreements", "safeguards")


def empty_snapshot() -> dict:
    """Return the snapshot of an empty roadmap: what the first version is compared with."""
    names = SECTION_NAMES + tuple(extra.section.name for extra in EXTRA_SECTIONS)
    return {"format": FORMAT, "summary": "", **{name: [] for name in names}}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def take_snapshot(roadmap: Roadmap) -> dict:
    """Return the roadmap's current content as a JSON-safe, stable, self-contained dict."""
    if roadmap.pk is None:
        return {**empty_snapshot(), "summary": roadmap.summary}
    roadmap = Roadmap.objects.for_editor().get(pk=roadmap.pk)
    with override("nl"):
        extra = {e.section.name: e.take(roadmap) for e in EXTRA_SECTIONS}
    return {**_own_sections(roadmap), **extra}


def _own_sections(roadmap: Roadmap) -> dict:
    phase_order = {value: i for i, value in enumerate(Phase.values)}
    kind_order = {value: i for i, value in enumerate(SafeguardType.values)}
    with override("nl"):
        return {
            "format": FORMAT,
            "summary": roadmap.summary,
            "roles": [
                {
                    "phase": r.phase,
                    "phase_label": r.get_phase_display(),
                    "role": r.role,
                    "role_label": r.get_role_display(),
                    "reasoning": r.reasoning,
                }
                for r in sorted(roadmap.roles.all(), key=lambda r: phase_order.get(r.phase, 99))
            ],
            "ambitions": [
                {
                    "id": a.pk,
                    "party_name": a.party.name,
                    "party_type": a.party.party_type,
                    "party_type_label": a.party.get_party_type_display(),
                    "text": a.text,
                    "target_value": None if a.target_value is None else str(a.target_value),
                    "target_unit": a.target_unit,
                    "target_year": a.target_year,
                }
                for a in roadmap.ambitions.all()
            ],
            "core_values": [
                {
                    "id": cv.pk,
                    "name": cv.name,
                    "why": cv.why,
                    "outcomes": [
                        {
                            "id": o.pk,
                            "kind": o.kind,
                            "kind_label": o.get_kind_display(),
                            "text": o.text,
                            "session_id": o.session_id,
                            "session_title": o.session.title,
                            "session_date": timezone.localdate(o.session.starts_at).isoformat(),
                        }
                        for o in sorted(
                            cv.outcomes.all(), key=lambda o: (o.session.starts_at, o.pk)
                        )
                    ],
                }
                for cv in roadmap.core_values.all()
            ],
            "milestones": [
                {
                    "id": m.pk,
                    "title": m.title,
                    "description": m.description,
                    "owner_name": m.owner.name,
                    "baseline_date": _iso(m.baseline_date),
                    "depends_on": sorted(d.pk for d in m.depends_on.all()),
                }
                for m in roadmap.milestones.all()
            ],
            "agreements": [
                {
                    "id": a.pk,
                    "title": a.title,
                    "description": a.description,
                    "type": a.agreement_type,
                    "type_label": a.get_agreement_type_display(),
                    "status": a.status,
                    "status_label": a.get_status_display(),
                    "woo_category": a.woo_category,
                    "woo_category_label": a.get_woo_category_display(),
                    "signed_on": _iso(a.signed_on),
                    "parties": sorted(p.name for p in a.parties.all()),
                }
                for a in roadmap.agreements.all()
            ],
            "safeguards": [
                {
                    "kind": s.kind,
                    "kind_label": s.get_kind_display(),
                    "status": s.status,
                    "status_label": s.get_status_display(),
                    "evidence": s.evidence,
                }
                for s in sorted(roadmap.safeguards.all(), key=lambda s: kind_order.get(s.kind, 99))
            ],
        }


# --- Showing values ---------------------------------------------------------------------------

NOTHING = "–"

Show = Callable[[dict, dict], str]


def _text(name: str) -> Show:
    return lambda item, snapshot: str(item.get(name) or NOTHING)


# Per section, the choices each stored code comes from.
CODES: dict[str, dict[str, type[models.TextChoices]]] = {
    "roles": {"phase": Phase, "role": MunicipalRoleType},
    "ambitions": {"party_type": PartyType},
    "outcomes": {"kind": Outcome.Kind},
    "agreements": {"type": AgreementType, "status": AgreementStatus, "woo_category": WooCategory},
    "safeguards": {"kind": SafeguardType, "status": SafeguardStatus},
}


def label_of(choices: type[models.TextChoices], item: dict, name: str) -> str:
    """Return the label of the code stored under `name`, in the active language; for a code
    that no longer exists the label stored next to it (older snapshots keep working)."""
    value = item.get(name)
    if value in choices.values:
        return str(choices(value).label)
    return str(item.get(f"{name}_label") or value or NOTHING)


def _localised_items(items: list[dict], codes: dict[str, type[models.TextChoices]]) -> list:
    return [
        {**item, **{f"{name}_label": label_of(c, item, name) for name, c in codes.items()}}
        for item in items
    ]


def localised(snapshot: dict) -> dict:
    """Return a copy of a snapshot with every `*_label` in the active language."""
    result = dict(snapshot)
    for section, codes in CODES.items():
        if section in result and section != "outcomes":
            result[section] = _localised_items(result[section], codes)
    result["core_values"] = [
        {**cv, "outcomes": _localised_items(cv.get("outcomes", []), CODES["outcomes"])}
        for cv in result.get("core_values", [])
    ]
    return result


def _label(section: str, name: str) -> Show:
    """Show a stored code by its label in the active language."""
    choices = CODES[section][name]
    return lambda item, snapshot: label_of(choices, item, name)


def _date(name: str) -> Show:
    def show(item: dict, snapshot: dict) -> str:
        value = item.get(name)
        return formats.date_format(date.fromisoformat(value), "j F Y") if value else NOTHING

    return show


def _number(name: str) -> Show:
    def show(item: dict, snapshot: dict) -> str:
        value = item.get(name)
        if value in (None, ""):
            return NOTHING
        # 12.50 shows as 12,5 and 10.00 as 10 (normalize alone would give 1E+1).
        return formats.localize(Decimal(format(Decimal(value).normalize(), "f")))

    return show


def _names(name: str) -> Show:
    return lambda item, snapshot: ", ".join(item.get(name) or []) or NOTHING


def _outcomes(item: dict, snapshot: dict) -> str:
    return (
        "; ".join(
            f"{label_of(Outcome.Kind, o, 'kind')}: {o['text']} ({o['session_title']})"
            for o in item["outcomes"]
        )
        or NOTHING
    )


def _dependencies(item: dict, snapshot: dict) -> str:
    titles = {m["id"]: m["title"] for m in snapshot.get("milestones", [])}
    return ", ".join(titles.get(pk, f"#{pk}") for pk in item.get("depends_on", [])) or NOTHING


@dataclass(frozen=True)
class Field:
    name: str
    label: Any  # a lazy translation
    show: Show


@dataclass(frozen=True)
class Section:
    name: str
    title: Any
    key: str
    item_title: Callable[[dict], str]
    fields: tuple[Field, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "roles",
        _("Rol van de gemeente"),
        "phase",
        lambda item: label_of(Phase, item, "phase"),
        (
            Field("role", _("Rol"), _label("roles", "role")),
            Field("reasoning", _("Waarom deze rol"), _text("reasoning")),
        ),
    ),
    Section(
        "ambitions",
        _("Ambities"),
        "id",
        lambda item: f"{item['party_name']}: {item['text'][:60]}",
        (
            Field("party_name", _("Partij"), _text("party_name")),
            Field("text", _("Ambitie"), _text("text")),
            Field("target_value", _("Streefwaarde"), _number("target_value")),
            Field("target_unit", _("Eenheid"), _text("target_unit")),
            Field("target_year", _("In het jaar"), _text("target_year")),
        ),
    ),
    Section(
        "core_values",
        _("Kernwaarden"),
        "id",
        lambda item: item["name"],
        (
            Field("name", _("Kernwaarde"), _text("name")),
            Field("why", _("Waarom"), _text("why")),
            Field("outcomes", _("Komt voort uit"), _outcomes),
        ),
    ),
    Section(
        "milestones",
        _("Tussendoelen"),
        "id",
        lambda item: item["title"],
        (
            Field("title", _("Tussendoel"), _text("title")),
            Field("description", _("Toelichting"), _text("description")),
            Field("owner_name", _("Eigenaar"), _text("owner_name")),
            Field("baseline_date", _("Gepland"), _date("baseline_date")),
            Field("depends_on", _("Hangt af van"), _dependencies),
        ),
    ),
    Section(
        "agreements",
        _("Afspraken"),
        "id",
        lambda item: item["title"],
        (
            Field("title", _("Afspraak"), _text("title")),
            Field("description", _("Wat is afgesproken"), _text("description")),
            Field("type", _("Soort"), _label("agreements", "type")),
            Field("status", _("Status"), _label("agreements", "status")),
            Field("woo_category", _("Woo-categorie"), _label("agreements", "woo_category")),
            Field("signed_on", _("Getekend op"), _date("signed_on")),
            Field("parties", _("Partijen"), _names("parties")),
        ),
    ),
    Section(
        "safeguards",
        _("Waarborgen"),
        "kind",
        lambda item: label_of(SafeguardType, item, "kind"),
        (
            Field("status", _("Status"), _label("safeguards", "status")),
            Field("evidence", _("Onderbouwing"), _text("evidence")),
        ),
    ),
)


@dataclass(frozen=True)
class ExtraSection:
    """A section another app adds to the roadmap (the dashboard adds the route)."""

    section: Section
    # Takes the section's items from a roadmap, for its snapshot.
    take: Callable[[Roadmap], list[dict]]
    # Keeps what the section holds per adopted version besides its items in the snapshot (the
    # route: its points, which the council measures against); adopt() calls it. None: nothing.
    freeze: Callable[[RoadmapVersion], None] | None = None


# The roadmap app does not import the apps above it: they register their sections here, from
# their AppConfig.ready().
EXTRA_SECTIONS: list[ExtraSection] = []


def register_section(
    section: Section,
    take: Callable[[Roadmap], list[dict]],
    *,
    freeze: Callable[[RoadmapVersion], None] | None = None,
) -> None:
    """Add a section to every snapshot taken from now on, and to the differences shown; with
    `freeze`, adopting a version also lets the section keep what it keeps per version."""
    if all(extra.section.name != section.name for extra in EXTRA_SECTIONS):
        EXTRA_SECTIONS.append(ExtraSection(section, take, freeze))


def freeze_sections(version: RoadmapVersion) -> None:
    """Let each registered section keep what it keeps for a newly adopted version."""
    for extra in EXTRA_SECTIONS:
        if extra.freeze is not None:
            extra.freeze(version)


def shown_extra_sections(snapshot: dict) -> list[dict]:
    """The registered sections a snapshot holds, as text to show: each with its title and its
    items (title and filled-in fields), so a page can show them without knowing them."""
    return [
        {
            "name": extra.section.name,
            "title": extra.section.title,
            "items": [
                _whole(extra.section, item, snapshot) for item in snapshot[extra.section.name]
            ],
        }
        for extra in EXTRA_SECTIONS
        if snapshot.get(extra.section.name)
    ]


def all_sections() -> tuple[Section, ...]:
    return SECTIONS + tuple(extra.section for extra in EXTRA_SECTIONS)


SUMMARY = Section(
    "summary",
    _("Samenvatting"),
    "summary",
    lambda item: str(_("Samenvatting")),
    (Field("summary", _("Samenvatting"), _text("summary")),),
)


def _whole(section: Section, item: dict, snapshot: dict) -> dict:
    return {
        "key": item[section.key],
        "title": section.item_title(item),
        "fields": [
            {"field": f.name, "label": f.label, "value": f.show(item, snapshot)}
            for f in section.fields
            if item.get(f.name) not in (None, "", [])
        ],
    }


def _compare(section: Section, old: dict, new: dict, old_snap: dict, new_snap: dict) -> list:
    return [
        {
            "field": f.name,
            "label": f.label,
            "before": f.show(old, old_snap),
            "after": f.show(new, new_snap),
        }
        for f in section.fields
        if old.get(f.name) != new.get(f.name)
    ]


def diff(old: dict, new: dict) -> dict:
    """Return what changed from one snapshot to another, per section; {} when nothing did.

    Each section that changed maps to {"title", "added", "removed", "changed"}. Added and
    removed items carry their filled-in fields; changed items carry, per changed field, its
    label and the value before and after, as text to show.
    """
    result: dict[str, dict] = {}
    old_summary, new_summary = old.get("summary", ""), new.get("summary", "")
    if old_summary != new_summary:
        fields = _compare(SUMMARY, {"summary": old_summary}, {"summary": new_summary}, old, new)
        result["summary"] = {
            "title": SUMMARY.title,
            "added": [],
            "removed": [],
            "changed": [{"key": "summary", "title": SUMMARY.title, "fields": fields}],
        }
    for section in all_sections():
        before = {item[section.key]: item for item in old.get(section.name, [])}
        after = {item[section.key]: item for item in new.get(section.name, [])}
        added = [_whole(section, item, new) for key, item in after.items() if key not in before]
        removed = [_whole(section, item, old) for key, item in before.items() if key not in after]
        changed = []
        for key, item in after.items():
            if key in before and (fields := _compare(section, before[key], item, old, new)):
                changed.append({"key": key, "title": section.item_title(item), "fields": fields})
        if added or removed or changed:
            result[section.name] = {
                "title": section.title,
                "added": added,
                "removed": removed,
                "changed": changed,
            }
    return result
