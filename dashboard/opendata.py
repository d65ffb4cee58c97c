"""What the open data shows, read in a fixed number of queries however many neighbourhoods a
municipality has, and the CSV files it is offered as.

Public means what the public pages show: neighbourhoods, the *adopted* roadmap versions (never a
draft), the milestones of the latest adopted version with today's progress (as the public
roadmap page shows them), indicators with the route of the latest adopted version, and the
measurements. Nothing about people: no user, e-mail, follower, question or pulse answer, and no
measurement note (free text that can name someone).

CSV files follow the back-office measurement files (`csv_io`, written by `wup.csv_files`):
UTF-8 with BOM, semicolons, ISO dates, numbers with a decimal comma as Dutch Excel reads them,
text cells quoted against formulas.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Max, OuterRef, Prefetch, Subquery
from django.db.models.fields.json import KeyTransform

from roadmap.models import Milestone, MilestoneStatus, RoadmapVersion
from wup.csv_files import quote_cell
from wup.models import BUILD_PERIODS, CbsArea, HeatSolution, Municipality, Phase

from . import csv_io
from .models import (
    DataSource,
    DataStatus,
    Direction,
    Indicator,
    IndicatorCategory,
    IndicatorUnit,
    Measurement,
    RoutePoint,
)

# --- Reads ------------------------------------------------------------------------------------


def adopted_numbers(**neighbourhoods) -> dict[int, int]:
    """Map neighbourhood id → number of its latest adopted roadmap version (one query).

    The keyword arguments filter the neighbourhoods: `municipality=m` or `pk=n.pk` (a filter
    rather than a list of ids, which a thousand neighbourhoods would make slow).
    """
    where = {f"roadmap__neighbourhood__{key}": value for key, value in neighbourhoods.items()}
    rows = (
        RoadmapVersion.objects.filter(**where)
        .order_by()
        .values("roadmap__neighbourhood_id")
        .annotate(number=Max("number"))
    )
    return {row["roadmap__neighbourhood_id"]: row["number"] for row in rows}


def _latest_versions(**neighbourhoods):
    """Return the latest adopted version of each filtered neighbourhood's roadmap."""
    where = {f"roadmap__neighbourhood__{key}": value for key, value in neighbourhoods.items()}
    rows = RoadmapVersion.objects.filter(**where)
    newest = rows.filter(roadmap_id=OuterRef("roadmap_id")).order_by("-number").values("pk")[:1]
    return rows.filter(pk=Subquery(newest))


def latest_adopted(**neighbourhoods) -> dict[int, RoadmapVersion]:
    """Map neighbourhood id → its latest adopted roadmap version (one query). Neighbourhoods
    without an adopted roadmap are not in the map; the keyword arguments filter them as in
    `adopted_numbers`.

    Of the snapshot only the milestones are read, as `adopted_milestones`: a whole snapshot
    is large, and a thousand of them would be read for one file.
    """
    versions = (
        _latest_versions(**neighbourhoods)
        .only("roadmap_id", "number")
        .annotate(
            neighbourhood_id=F("roadmap__neighbourhood_id"),
            adopted_milestones=KeyTransform("milestones", "snapshot"),
        )
    )
    return {v.neighbourhood_id: v for v in versions}


def public_milestones(
    versions: dict[int, RoadmapVersion], **neighbourhoods
) -> dict[int, list[dict]]:
    """Map neighbourhood id → the milestones of its latest adopted version, each with today's
    forecast, achieved date and status (one query; none without versions). The keyword
    arguments filter the neighbourhoods as in `adopted_numbers`, and must cover `versions`.

    Title, owner, baseline and dependencies come from the adopted snapshot, as the public
    roadmap page shows them; a milestone added to the draft since is not public yet. A
    milestone removed from the draft since keeps its adopted row, without progress.
    """
    where = {f"roadmap__neighbourhood__{key}": value for key, value in neighbourhoods.items()}
    live = (
        {
            m.pk: m
            for m in Milestone.objects.filter(**where).only(
                "roadmap_id", "forecast_date", "achieved_date", "status"
            )
        }
        if versions
        else {}
    )
    result: dict[int, list[dict]] = {}
    for neighbourhood_id, version in versions.items():
        rows = []
        for m in version.adopted_milestones or []:
            now = live.get(m["id"])
            if now is not None and now.roadmap_id != version.roadmap_id:
                now = None  # never mix in another roadmap's row
            rows.append(
                {
                    "id": m["id"],
                    "title": m["title"],
                    "description": m.get("description", ""),
                    "owner_name": m["owner_name"],
                    "baseline_date": _date(m["baseline_date"]),
                    "forecast_date": now.forecast_date if now else None,
                    "achieved_date": now.achieved_date if now else None,
                    "status": now.status if now else "",
                    "depends_on": list(m.get("depends_on", [])),
                    "roadmap_version": version.number,
                }
            )
        result[neighbourhood_id] = rows
    return result


@dataclass(frozen=True)
class PublicRoutePoint:
    date: datetime.date
    value: Decimal


def public_indicators(versions: dict[int, RoadmapVersion], **neighbourhoods) -> list[Indicator]:
    """Return the indicators of the neighbourhoods (filtered as in `adopted_numbers`), each
    with `route` (the points of the latest adopted version), `route_version`, `party_name` and
    `public_milestone_id` (only a milestone of the adopted version) set. Two queries."""
    where = {f"neighbourhood__{key}": value for key, value in neighbourhoods.items()}
    indicators = list(
        Indicator.objects.filter(**where)
        .select_related("party")
        .order_by("neighbourhood__name", "neighbourhood_id", "order", "pk")
        .only(
            "neighbourhood_id",
            "code",
            "name",
            "description",
            "category",
            "unit",
            "direction",
            "source",
            "milestone_id",
            "order",
            "party__name",
        )
    )
    routes: dict[int, list[PublicRoutePoint]] = defaultdict(list)
    if versions and indicators:
        points = RoutePoint.objects.filter(
            version__in=_latest_versions(**neighbourhoods).values("pk"),
            **{f"indicator__{key}": value for key, value in where.items()},
        )
        for indicator_id, day, value in points.order_by("indicator_id", "date").values_list(
            "indicator_id", "date", "value"
        ):
            routes[indicator_id].append(PublicRoutePoint(day, value))
    adopted_milestones = {
        n: {m["id"] for m in v.adopted_milestones or []} for n, v in versions.items()
    }
    for indicator in indicators:
        version = versions.get(indicator.neighbourhood_id)
        indicator.route = routes.get(indicator.pk, []) if version else []
        indicator.route_version = version.number if version else None
        indicator.party_name = indicator.party.name if indicator.party_id else None
        milestone_id = indicator.milestone_id
        public = adopted_milestones.get(indicator.neighbourhood_id, set())
        indicator.public_milestone_id = milestone_id if milestone_id in public else None
    return indicators


def public_measurements():
    """Return the measurements with only their public fields loaded (no note, no author)."""
    return Measurement.objects.only(
        "indicator_id", "date", "value", "source", "data_status"
    ).order_by("indicator__order", "indicator_id", "date", "pk")


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


# --- CSV --------------------------------------------------------------------------------------

# The back office's columns, without the note: it is free text and may name people.
MEASUREMENT_HEADER = [c for c in csv_io.HEADER if c != "opmerking"]

NEIGHBOURHOOD_HEADER = [
    "wijk",
    "naam",
    "cbs_codes",
    "fase",
    "voorkeursoplossing",
    "startanalyse",
    "aardgasvrij_in",
    "routekaart_versie",
    "peiljaar",
    "woningen",
    "koopwoningen_procent",
    "corporatiewoningen_procent",
    "overige_huurwoningen_procent",
    "gemiddeld_gasverbruik_m3",
    *(f"bouwjaar_{key}_procent" for key in BUILD_PERIODS),
]
INDICATOR_HEADER = [
    "wijk",
    "indicator_id",
    "code",
    "indicator",
    "categorie",
    "eenheid",
    "richting",
    "bron",
    "gemeten_door",
    "tussendoel_id",
    "routekaart_versie",
]
ROUTE_HEADER = ["wijk", "indicator_id", "indicator", "routekaart_versie", "datum", "waarde"]
MILESTONE_HEADER = [
    "wijk",
    "routekaart_versie",
    "tussendoel_id",
    "tussendoel",
    "eigenaar",
    "gepland",
    "verwacht",
    "behaald",
    "status",
    "hangt_af_van",
]


def _text(value: str | None) -> str:
    """A text cell, quoted as the back-office files quote it (`quote_cell`)."""
    return quote_cell(value or "")


def _number(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(str(value))
    return csv_io.format_number(Decimal(value))


def _day(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def areas() -> Prefetch:
    """Prefetch a neighbourhood's CBS areas without their boundaries (large, not open data
    here: the CBS publishes them)."""
    return Prefetch("areas", queryset=CbsArea.objects.defer("geometry").order_by("code"))


def neighbourhoods_of(municipality: Municipality):
    """Return the municipality's neighbourhoods with what the open data shows (two queries)."""
    return (
        municipality.neighbourhoods.select_related("startanalyse_variant")
        .prefetch_related(areas())
        .order_by("name", "pk")
    )


def neighbourhood_rows(municipality: Municipality) -> list[list[str]]:
    """Return one row per neighbourhood (three queries)."""
    neighbourhoods = list(neighbourhoods_of(municipality))
    numbers = adopted_numbers(municipality=municipality)
    rows = []
    for n in neighbourhoods:
        figures = n.key_figures()
        variant = n.startanalyse_variant
        rows.append(
            [
                n.slug,
                _text(n.name),
                " ".join(sorted({a.code for a in n.areas.all()})),
                n.phase,
                n.preferred_solution,
                f"{variant.edition} {variant.code}" if variant else "",
                str(n.planned_gas_free_year or ""),
                str(numbers.get(n.pk, "")),
                str(figures.reference_year or ""),
                str(figures.homes if figures.homes is not None else ""),
                _number(figures.share_owner_occupied),
                _number(figures.share_corporation),
                _number(figures.share_other_rental),
                _number(figures.avg_gas_m3),
                *(_number(figures.build_periods.get(key)) for key in BUILD_PERIODS),
            ]
        )
    return rows


def indicator_rows(municipality: Municipality) -> list[list[str]]:
    """Return one row per indicator of the municipality's neighbourhoods (four queries)."""
    slugs = dict(municipality.neighbourhoods.values_list("pk", "slug"))
    versions = latest_adopted(municipality=municipality)
    return [
        [
            slugs[i.neighbourhood_id],
            str(i.pk),
            i.code,
            _text(i.name),
            i.category,
            i.unit,
            i.direction,
            i.source,
            _text(i.party_name),
            str(i.public_milestone_id or ""),
            str(i.route_version or ""),
        ]
        for i in public_indicators(versions, municipality=municipality)
    ]


def route_rows(municipality: Municipality) -> list[list[str]]:
    """Return one row per point of the adopted routes (four queries)."""
    slugs = dict(municipality.neighbourhoods.values_list("pk", "slug"))
    versions = latest_adopted(municipality=municipality)
    return [
        [
            slugs[i.neighbourhood_id],
            str(i.pk),
            _text(i.name),
            str(i.route_version),
            point.date.isoformat(),
            _number(point.value),
        ]
        for i in public_indicators(versions, municipality=municipality)
        for point in i.route
    ]


def milestone_rows(municipality: Municipality) -> list[list[str]]:
    """Return one row per milestone of the latest adopted roadmaps (three queries)."""
    slugs = dict(municipality.neighbourhoods.order_by("name", "pk").values_list("pk", "slug"))
    milestones = public_milestones(
        latest_adopted(municipality=municipality), municipality=municipality
    )
    return [
        [
            slug,
            str(m["roadmap_version"]),
            str(m["id"]),
            _text(m["title"]),
            _text(m["owner_name"]),
            _day(m["baseline_date"]),
            _day(m["forecast_date"]),
            _day(m["achieved_date"]),
            m["status"],
            " ".join(str(pk) for pk in m["depends_on"]),
        ]
        for neighbourhood_id, slug in slugs.items()
        for m in milestones.get(neighbourhood_id, [])
    ]


def measurement_rows(municipality: Municipality) -> Iterator[list[str]]:
    """Yield one row per measurement in the municipality, read in chunks (one query)."""
    rows = (
        Measurement.objects.filter(indicator__neighbourhood__municipality=municipality)
        .order_by("indicator__neighbourhood__name", "indicator__order", "indicator_id", "date")
        .values_list(
            "indicator__neighbourhood__slug",
            "indicator_id",
            "indicator__name",
            "date",
            "value",
            "source",
            "data_status",
        )
    )
    for slug, indicator_id, name, day, value, source, data_status in rows.iterator(2000):
        yield [
            slug,
            str(indicator_id),
            _text(name),
            day.isoformat(),
            csv_io.format_number(value),
            source,
            data_status,
        ]


# The codes in the files, with their Dutch meaning, for the /api/ page.
CODE_LISTS = {
    "fase": Phase,
    "voorkeursoplossing": HeatSolution,
    "categorie": IndicatorCategory,
    "eenheid": IndicatorUnit,
    "richting": Direction,
    "bron": DataSource,
    "status (metingen.csv)": DataStatus,
    "status (tussendoelen.csv)": MilestoneStatus,
}
