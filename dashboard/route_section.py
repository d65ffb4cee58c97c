"""The route as a section of the roadmap.

Its draft points are in every snapshot (so the difference between versions shows route
changes), and adopting a version copies the draft points to that version, so the council
measures against the route that was decided, not against a draft. DashboardConfig.ready()
registers it: register_section(ROUTE_SECTION, take_route, freeze=freeze_route); roadmap.models
adopt() calls freeze_route for every version it adopts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from roadmap.models import Roadmap, RoadmapVersion
from roadmap.snapshots import NOTHING, Field, Section

from .models import Indicator, IndicatorUnit, RoutePoint


def take_route(roadmap: Roadmap) -> list[dict]:
    """The draft route of the roadmap's neighbourhood: one item per indicator that has one."""
    points: dict[int, list[list[str]]] = {}
    for point in RoutePoint.objects.filter(
        indicator__neighbourhood_id=roadmap.neighbourhood_id, version=None
    ).order_by("indicator_id", "date"):
        points.setdefault(point.indicator_id, []).append(
            [point.date.isoformat(), format(point.value.normalize(), "f")]
        )
    indicators = Indicator.objects.filter(pk__in=points).order_by("order", "pk")
    return [
        {
            "id": indicator.pk,
            "name": indicator.name,
            "unit": indicator.unit,
            "unit_label": str(indicator.get_unit_display()),
            "points": points[indicator.pk],
        }
        for indicator in indicators
    ]


def freeze_route(version: RoadmapVersion) -> None:
    """Copy the draft route points of the version's neighbourhood to the version."""
    draft = RoutePoint.objects.filter(
        indicator__neighbourhood_id=version.roadmap.neighbourhood_id, version=None
    )
    RoutePoint.objects.bulk_create(
        RoutePoint(indicator_id=p.indicator_id, version=version, date=p.date, value=p.value)
        for p in draft
    )


def _unit(item: dict) -> str:
    """The unit in the reader's language; the stored label for a unit that no longer exists."""
    unit = item.get("unit")
    if unit in IndicatorUnit.values:
        return str(IndicatorUnit(unit).label)
    return item.get("unit_label") or NOTHING


def _points(item: dict, snapshot: dict) -> str:
    shown = [
        "{}: {}".format(
            formats.date_format(date.fromisoformat(day), "j F Y"), formats.localize(Decimal(value))
        )
        for day, value in item.get("points", [])
    ]
    return "; ".join(shown) or NOTHING


ROUTE_SECTION = Section(
    "route",
    _("Route van de indicatoren"),
    "id",
    lambda item: item["name"],
    (
        Field("name", _("Indicator"), lambda item, snapshot: item.get("name") or NOTHING),
        Field("unit", _("Eenheid"), lambda item, snapshot: _unit(item)),
        Field("points", _("Geplande waarden"), _points),
    ),
)
