"""Where indicators and milestones stand: the models turned into the plain data of `route`
and `schedule`, in a fixed number of queries however many neighbourhoods are asked about.

The council measures against the *adopted* route: the route points copied to the latest
roadmap version (see `signals.freeze_route`). The back office can ask for the draft instead.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from roadmap.models import Milestone, MilestoneStatus, RoadmapVersion
from wup.models import Neighbourhood

from . import route, schedule
from .models import Indicator, Measurement, RoutePoint

STATUS_ORDER = [
    route.RouteStatus.FAR_BEHIND,
    route.RouteStatus.BEHIND,
    route.RouteStatus.ON_ROUTE,
    route.RouteStatus.NO_DATA,
]


@dataclass
class IndicatorProgress:
    indicator: Indicator
    route: list[route.RoutePoint]
    measurements: list[route.Measurement]
    position: route.Position | None
    forecast: datetime.date | None  # when the route's last value is reached at today's pace

    @property
    def status(self) -> route.RouteStatus:
        return self.position.status if self.position else route.RouteStatus.NO_DATA

    @property
    def target(self) -> route.RoutePoint | None:
        return max(self.route, key=lambda p: p.date) if self.route else None

    @property
    def latest(self) -> route.Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def late(self) -> bool:
        """Whether the forecast misses the target date (or there is no forecast at all)."""
        target = self.target
        if target is None or not self.measurements:
            return False
        return self.forecast is None or self.forecast > target.date


def latest_versions(neighbourhood_ids: Iterable[int]) -> dict[int, int]:
    """Map neighbourhood id → id of its roadmap's latest adopted version (one query)."""
    rows = RoadmapVersion.objects.filter(roadmap__neighbourhood_id__in=list(neighbourhood_ids))
    latest = rows.filter(roadmap_id=OuterRef("roadmap_id")).order_by("-number").values("pk")[:1]
    return dict(rows.filter(pk=Subquery(latest)).values_list("roadmap__neighbourhood_id", "pk"))


def indicator_progress(
    neighbourhoods: Iterable[Neighbourhood | int],
    *,
    on: datetime.date | None = None,
    draft: bool = False,
    indicators: Iterable[Indicator] | None = None,
) -> dict[int, list[IndicatorProgress]]:
    """Map neighbourhood id → progress of each of its indicators, in the indicators' order.

    Four queries: indicators, latest versions, route points, measurements. `draft` measures
    against the draft route instead of the adopted one. Measurements after `on` (default
    today) are left out of the position.
    """
    on = on or timezone.localdate()
    ids = [n if isinstance(n, int) else n.pk for n in neighbourhoods]
    if indicators is None:
        indicators = Indicator.objects.filter(neighbourhood_id__in=ids).order_by(
            "neighbourhood_id", "order", "pk"
        )
    indicators = list(indicators)
    indicator_ids = [i.pk for i in indicators]
    points = RoutePoint.objects.filter(indicator_id__in=indicator_ids)
    if draft:
        points = points.filter(version=None)
    else:
        versions = latest_versions(ids)
        points = points.filter(version_id__in=list(versions.values()))
    routes: dict[int, list[route.RoutePoint]] = defaultdict(list)
    for indicator_id, day, value in points.order_by("date").values_list(
        "indicator_id", "date", "value"
    ):
        routes[indicator_id].append(route.RoutePoint(day, float(value)))
    measured: dict[int, list[route.Measurement]] = defaultdict(list)
    for indicator_id, day, value in (
        Measurement.objects.filter(indicator_id__in=indicator_ids)
        .order_by("date")
        .values_list("indicator_id", "date", "value")
    ):
        measured[indicator_id].append(route.Measurement(day, float(value)))

    result: dict[int, list[IndicatorProgress]] = {i: [] for i in ids}
    for indicator in indicators:
        planned = routes.get(indicator.pk, [])
        series = measured.get(indicator.pk, [])
        known = [m for m in series if m.date <= on]
        position = route.position(
            planned,
            known,
            direction=indicator.direction,
            on=on,
            behind=indicator.behind_percent / 100,
            far_behind=indicator.far_behind_percent / 100,
        )
        target = max(planned, key=lambda p: p.date) if planned else None
        forecast = (
            route.forecast(known, target=target.value, direction=indicator.direction)
            if target and known
            else None
        )
        result.setdefault(indicator.neighbourhood_id, []).append(
            IndicatorProgress(indicator, planned, series, position, forecast)
        )
    return result


def worst_status(progress: Iterable[IndicatorProgress]) -> route.RouteStatus:
    """The neighbourhood's status: its worst indicator with data, NO_DATA when none has any."""
    statuses = {p.status for p in progress}
    return next((s for s in STATUS_ORDER if s in statuses), route.RouteStatus.NO_DATA)


@dataclass
class MilestoneForecast:
    milestone: Milestone
    expected: datetime.date  # after propagating slips through the dependencies
    slip_days: int  # against the baseline
    critical: bool


def milestone_forecasts(
    milestones: Iterable[Milestone], *, delays: dict[int, int] | None = None
) -> list[MilestoneForecast]:
    """Forecast each milestone with slips propagated through its dependencies.

    Pass the milestones with `depends_on` prefetched. `delays` (milestone id → extra days)
    plays out a scenario on top of today's forecasts. Cancelled milestones are left out.
    """
    milestones = [m for m in milestones if m.status != MilestoneStatus.CANCELLED]
    known = {m.pk for m in milestones}
    tasks = [
        schedule.Task(
            id=m.pk,
            title=m.title,
            baseline=m.baseline_date,
            forecast=m.forecast_date,
            achieved=m.achieved_date,
            depends_on=frozenset(d.pk for d in m.depends_on.all() if d.pk in known),
        )
        for m in milestones
    ]
    if delays:
        result = schedule.scenario(tasks, delays)
        expected = {row.id: row.after for row in result.rows}
        critical = set(result.critical_path_after)
    else:
        expected = schedule.propagate(tasks)
        critical = set(schedule.critical_path(tasks, expected))
    return [
        MilestoneForecast(
            milestone=m,
            expected=expected[m.pk],
            slip_days=(expected[m.pk] - m.baseline_date).days,
            critical=m.pk in critical,
        )
        for m in milestones
    ]
