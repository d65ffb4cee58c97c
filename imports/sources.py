"""The sources a lead can upload, each with its reader and what it stores.

A source reads the uploaded file(s) into checked data (``read``; every problem as "regel N:
reden"), then stores it (``store``) inside the transaction that ``imports.jobs`` opens — and
rolls back for the preview. Preview and storing run the same code, so the counts the lead
confirms are the counts that are stored.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wup.cbs_import import (
    BUURT,
    WIJK,
    BoundaryFile,
    CbsImportError,
    _feature_errors,
    _line_errors,
    import_kwb,
)
from wup.models import CbsArea, Municipality

from . import boundaries, counts, kwb, startanalyse
from .tables import Progress, TableError


class Problems(Exception):
    """What is wrong with the upload; nothing is stored."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Outcome:
    counts: list[tuple[str, int]]
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_preview(self) -> dict[str, Any]:
        return {
            "counts": [[str(label), n] for label, n in self.counts],
            "columns": [str(c) for c in self.columns],
            "rows": self.rows,
            "notes": [str(n) for n in self.notes],
        }


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    description: str
    read: Callable[..., Any]
    store: Callable[..., Outcome]
    file_label: str
    second_file_label: str = ""
    second_file_required: bool = False
    extensions: tuple[str, ...] = ("csv", "xlsx")


def _number(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}"


# --- KWB --------------------------------------------------------------------------------------


def _read_kwb(path: Path, second: Path | None, job, progress: Progress):
    options = job.options
    errors: list[str] = []
    kwb_file = boundary_file = None
    try:
        kwb_file = kwb.read_kwb(
            path,
            name=job.file_name,
            year=options.get("year"),
            municipality_code=job.municipality.cbs_code,
            progress=lambda f: progress(f * (0.5 if second else 1)),
        )
    except TableError as exc:
        errors += exc.errors
    if second is not None:
        try:
            boundary_file = boundaries.read_boundaries(
                second,
                municipality_code=job.municipality.cbs_code,
                progress=lambda f: progress(0.5 + f / 2),
            )
        except TableError as exc:
            errors += exc.errors
    if boundary_file is not None and kwb_file is not None:
        boundary_file = _known(boundary_file, kwb_file.codes)
    if kwb_file is not None and kwb_file.problems:
        errors = _line_errors(kwb_file.problems) + errors
    if boundary_file is not None and boundary_file.problems:
        errors += _feature_errors(boundary_file.problems)
    if errors:
        raise Problems(errors)
    return kwb_file, boundary_file


def _store_kwb(job, parsed) -> Outcome:
    kwb_file, boundary_file = parsed
    level = job.options.get("level", "")
    try:
        result = import_kwb(kwb_file, level=level, boundary_file=boundary_file)
    except CbsImportError as exc:
        raise Problems(exc.errors) from None
    rows = [
        [
            row.code,
            row.name,
            str(CbsArea.Level(row.level).label),
            _number(row.figures.get("homes")),
            _number(row.figures.get("share_owner_occupied")),
            _number(row.figures.get("share_corporation")),
            _number(row.figures.get("share_other_rental")),
            _number(row.figures.get("avg_gas_m3")),
        ]
        for row in kwb_file.rows[:10]
    ]
    notes = [_("Peiljaar %(year)d.") % {"year": result.year}]
    if kwb_file.skipped:
        notes.append(
            _("%(count)d regels van andere gemeenten worden overgeslagen.")
            % {"count": kwb_file.skipped}
        )
    outcome_counts = [
        (_("CBS-wijken en -buurten nieuw"), result.areas_created),
        (_("CBS-wijken en -buurten gewijzigd"), result.areas_updated),
        (_("CBS-wijken en -buurten ongewijzigd"), result.areas_unchanged),
        (_("nieuwe wijken in Wijkwaarde"), result.neighbourhoods_created),
    ]
    if boundary_file is not None:
        outcome_counts.append((_("grenzen nieuw of gewijzigd"), result.boundaries_stored))
    return Outcome(
        outcome_counts,
        [
            _("code"),
            _("naam"),
            _("soort"),
            _("woningen"),
            _("koop (%)"),
            _("corporatie (%)"),
            _("overige huur (%)"),
            _("gas (m³)"),
        ],
        rows,
        notes,
    )


# --- boundaries -------------------------------------------------------------------------------


def _read_boundaries(path: Path, second: Path | None, job, progress: Progress):
    try:
        boundary_file = boundaries.read_boundaries(
            path, municipality_code=job.municipality.cbs_code, progress=progress
        )
    except TableError as exc:
        raise Problems(exc.errors) from None
    if boundary_file.problems:
        raise Problems(_feature_errors(boundary_file.problems))
    if not boundary_file.boundaries:
        raise Problems(
            [
                _("het bestand bevat geen wijken of buurten van gemeente %(code)s")
                % {"code": job.municipality.cbs_code}
            ]
        )
    return boundary_file


def _known(boundary_file: BoundaryFile, codes) -> BoundaryFile:
    """Leave out derived wijk outlines (index 0) of wijken that are not in the figures."""
    return BoundaryFile(
        [b for b in boundary_file.boundaries if b.index or b.code in codes],
        boundary_file.problems,
    )


def boundary_year(municipality: Municipality, year: int | None) -> int | None:
    """Return the year boundaries belong to: the one chosen, else the newest imported."""
    if year:
        return year
    return CbsArea.objects.filter(municipality=municipality).aggregate(y=Max("reference_year"))["y"]


def _store_boundaries(job, boundary_file: BoundaryFile) -> Outcome:
    year = boundary_year(job.municipality, job.options.get("year"))
    known = CbsArea.objects.filter(municipality=job.municipality, reference_year=year)
    boundary_file = _known(boundary_file, set(known.values_list("code", flat=True)))
    areas = {
        a.code: a
        for a in CbsArea.objects.filter(
            municipality=job.municipality,
            reference_year=year,
            code__in=[b.code for b in boundary_file.boundaries],
        )
    }
    missing = [b for b in boundary_file.boundaries if b.code not in areas]
    if missing:
        raise Problems(
            _feature_errors(
                [
                    (
                        b.index,
                        _(
                            "geen wijk of buurt met code %(code)s in peiljaar %(year)s; "
                            "lees eerst de kerncijfers van dat jaar in"
                        )
                        % {"code": b.code, "year": year},
                    )
                    for b in missing
                ]
            )
        )
    changed = []
    for boundary in boundary_file.boundaries:
        area = areas[boundary.code]
        if area.geometry != boundary.geometry:
            area.geometry = boundary.geometry
            changed.append(area)
    CbsArea.objects.bulk_update(changed, ["geometry"], batch_size=500)
    total = len(boundary_file.boundaries)
    rows = [
        [b.code, areas[b.code].name, str(sum(len(r) for r in _rings(b.geometry)))]
        for b in boundary_file.boundaries[:10]
    ]
    return Outcome(
        [
            (_("grenzen nieuw of gewijzigd"), len(changed)),
            (_("grenzen ongewijzigd"), total - len(changed)),
        ],
        [_("code"), _("naam"), _("punten na vereenvoudigen")],
        rows,
        [_("Peiljaar %(year)s.") % {"year": year}],
    )


def _rings(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


# --- measurements -----------------------------------------------------------------------------


def _measurement_options(job) -> tuple[datetime.date, str]:
    return datetime.date.fromisoformat(job.options["date"]), job.options.get("data_status", "")


def _read_labels(path: Path, second: Path | None, job, progress: Progress):
    try:
        lookup, problems = counts.read_postcode_table(
            second, municipality_code=job.municipality.cbs_code, progress=lambda f: progress(f / 2)
        )
        labels = counts.read_labels(path, lookup, progress=lambda f: progress(0.5 + f / 2))
    except TableError as exc:
        raise Problems(exc.errors) from None
    problems += labels.problems
    if problems:
        raise Problems(problems)
    return labels


def _store_counts(job, indicator: str, source: str, area_counts, note: str) -> Outcome:
    date, status = _measurement_options(job)
    plan = counts.plan_measurements(
        job.municipality,
        indicator,
        area_counts.counts,
        date=date,
        source=source,
        data_status=status,
        user=job.created_by,
        note=note,
    )
    counts.store_measurements(plan)
    notes = []
    if plan.areas_without_plan_area:
        notes.append(
            _("%(count)d buurten uit het bestand horen bij geen wijk in Wijkwaarde.")
            % {"count": plan.areas_without_plan_area}
        )
    return Outcome(
        [
            (_("metingen nieuw"), len(plan.create)),
            (_("metingen gewijzigd"), len(plan.update)),
            (_("metingen ongewijzigd"), plan.unchanged),
        ],
        [_("wijk"), _("indicator"), _("datum"), _("waarde"), _("wat er gebeurt")],
        plan.sample,
        notes,
    )


def _store_labels(job, labels) -> Outcome:
    outcome = _store_counts(
        job,
        counts.LABEL_INDICATOR,
        counts.LABEL_SOURCE,
        labels,
        _("EP-online: %(file)s") % {"file": job.file_name[:200]},
    )
    outcome.notes.insert(
        0,
        _(
            "%(rows)d woningen met een label gelezen; %(other)d adressen liggen niet in "
            "deze gemeente of staan niet in de postcodetabel. Adressen worden niet bewaard."
        )
        % {"rows": labels.rows, "other": labels.unmatched},
    )
    return outcome


def _read_gas_free(path: Path, second: Path | None, job, progress: Progress):
    try:
        result = counts.read_gas_free(
            path, municipality_code=job.municipality.cbs_code, progress=progress
        )
    except TableError as exc:
        raise Problems(exc.errors) from None
    if result.problems:
        raise Problems(result.problems)
    return result


def _store_gas_free(job, result) -> Outcome:
    statuses = set(result.statuses.values())
    if not job.options.get("data_status") and len(statuses) == 1:
        job.options["data_status"] = statuses.pop()
    return _store_counts(
        job,
        counts.GAS_FREE_INDICATOR,
        counts.GAS_FREE_SOURCE,
        result,
        _("CBS aardgasvrije woningen %(year)s") % {"year": result.year or ""},
    )


# --- Startanalyse ------------------------------------------------------------------------------


def _read_startanalyse(path: Path, second: Path | None, job, progress: Progress):
    try:
        rows, problems = startanalyse.read_startanalyse(
            path,
            edition=job.options.get("edition", ""),
            municipality_code=job.municipality.cbs_code,
            progress=progress,
        )
    except TableError as exc:
        raise Problems(exc.errors) from None
    if problems:
        raise Problems(problems)
    if not rows:
        raise Problems([_("het bestand bevat geen buurten van deze gemeente")])
    return rows


def _store_startanalyse(job, rows) -> Outcome:
    result = startanalyse.store_startanalyse(rows)
    return Outcome(
        [
            (_("uitkomsten nieuw"), result["created"]),
            (_("uitkomsten gewijzigd"), result["updated"]),
            (_("uitkomsten ongewijzigd"), result["unchanged"]),
        ],
        [_("code"), _("strategie"), _("editie"), _("nationale kosten (€ per jaar)")],
        [[r.code, r.strategy, r.edition, f"{r.costs:.0f}"] for r in rows[:10]],
    )


SOURCES: dict[str, Source] = {
    source.key: source
    for source in (
        Source(
            "kwb",
            gettext_lazy("CBS Kerncijfers wijken en buurten"),
            gettext_lazy(
                "Het Excel- of CSV-bestand van het CBS, met de grenzen erbij als u wilt. "
                "U krijgt de woningen, het eigendom en het gasverbruik per wijk en buurt."
            ),
            _read_kwb,
            _store_kwb,
            gettext_lazy("Kerncijfers (xlsx of csv)"),
            gettext_lazy("Grenzen (GeoPackage of GeoJSON, mag leeg)"),
        ),
        Source(
            "grenzen",
            gettext_lazy("Grenzen van wijken en buurten (PDOK)"),
            gettext_lazy(
                "De wijk- en buurtkaart van PDOK of het CBS als GeoPackage (RD New) of "
                "GeoJSON. De kaart in Wijkwaarde gebruikt deze grenzen."
            ),
            _read_boundaries,
            _store_boundaries,
            gettext_lazy("Grenzen (gpkg of geojson)"),
            extensions=("gpkg", "geojson", "json"),
        ),
        Source(
            "energielabels",
            gettext_lazy("Energielabels (RVO EP-online)"),
            gettext_lazy(
                "Het open-data-bestand van EP-online en de postcode-buurttabel van het CBS. "
                "Wijkwaarde telt per buurt de woningen met label B of beter; adressen "
                "worden niet bewaard."
            ),
            _read_labels,
            _store_labels,
            gettext_lazy("EP-online-bestand (csv of xlsx)"),
            gettext_lazy("CBS postcode-buurttabel (csv of xlsx)"),
            second_file_required=True,
        ),
        Source(
            "aardgasvrij",
            gettext_lazy("Aardgasvrije woningen (CBS)"),
            gettext_lazy("De CBS-tabel met het aantal aardgasvrije woningen per wijk en buurt."),
            _read_gas_free,
            _store_gas_free,
            gettext_lazy("CBS-tabel (csv of xlsx)"),
        ),
        Source(
            "startanalyse",
            gettext_lazy("Startanalyse (PBL)"),
            gettext_lazy(
                "De uitkomsten van de Startanalyse per buurt: de nationale kosten van elke "
                "strategie. Bij elke wijk ziet u dan de goedkoopste strategie."
            ),
            _read_startanalyse,
            _store_startanalyse,
            gettext_lazy("Startanalyse (csv of xlsx)"),
        ),
    )
}

LEVELS = {BUURT, WIJK}
