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

from django.db.models import Exists, OuterRef, QuerySet, Subquery
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


def _adopted_versions(neighbourhood_ids: list[int]):
    """The latest adopted version of each neighbourhood's roadmap, as a subquery of ids: the
    versions with no later one (an anti-join the planner does well at any size)."""
    later = RoadmapVersion.objects.filter(
        roadmap_id=OuterRef("roadmap_id"), number__gt=OuterRef("number")
    )
    return RoadmapVersion.objects.filter(
        ~Exists(later), roadmap__neighbourhood_id__in=neighbourhood_ids
    ).values("pk")


def indicator_progress(
    neighbourhoods: Iterable[Neighbourhood | int],
    *,
    on: datetime.date | None = None,
    draft: bool = False,
    indicators: Iterable[Indicator] | None = None,
    latest_only: bool = False,
) -> dict[int, list[IndicatorProgress]]:
    """Map neighbourhood id → progress of each of its indicators, in the indicators' order.

    Four queries: indicators, latest versions, route points, measurements. `draft` measures
    against the draft route instead of the adopted one. Measurements after `on` (default
    today) are left out of the position.

    `latest_only` is for pages that show only where each indicator stands (the council's
    overview): each indicator gets just its latest measurement on or before `on` — looked up in
    the database through the (indicator, date) index, not loaded with every other one — and no
    forecast. Its status and position are those of the full mode. Two queries: the indicators
    with their latest measurement (just the latest measurements when `indicators` is given as a
    list) and the route points.
    """
    on = on or timezone.localdate()
    ids = [n if isinstance(n, int) else n.pk for n in neighbourhoods]
    if latest_only:
        return _latest_progress(ids, on=on, draft=draft, indicators=indicators)
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


# The names the latest measurement is annotated under in latest-only mode.
_LATEST_DATE = "latest_measured_on"
_LATEST_VALUE = "latest_measured_value"


def _latest_annotations(on: datetime.date) -> dict[str, Subquery]:
    """The latest measurement on or before `on` of the indicator in the outer query: one step
    back along the (indicator, date) unique index per indicator."""
    latest = Measurement.objects.filter(indicator_id=OuterRef("pk"), date__lte=on).order_by("-date")
    return {
        _LATEST_DATE: Subquery(latest.values("date")[:1]),
        _LATEST_VALUE: Subquery(latest.values("value")[:1]),
    }


def _routes(ids: list[int], *, draft: bool) -> dict[int, list[route.RoutePoint]]:
    """Map indicator id → its route, for the indicators of these neighbourhoods (one query,
    with a subquery rather than lists of indicator and version ids)."""
    if draft:
        points = RoutePoint.objects.filter(indicator__neighbourhood_id__in=ids, version=None)
    else:  # a version's points are its own neighbourhood's
        points = RoutePoint.objects.filter(version_id__in=_adopted_versions(ids))
    routes: dict[int, list[route.RoutePoint]] = defaultdict(list)
    for indicator_id, day, value in points.order_by("date").values_list(
        "indicator_id", "date", "value"
    ):
        routes[indicator_id].append(route.RoutePoint(day, float(value)))
    return routes


def _latest_position(
    planned: list[route.RoutePoint],
    latest: route.Measurement | None,
    *,
    direction: str,
    behind_percent: int,
    far_behind_percent: int,
    on: datetime.date,
) -> route.Position | None:
    if not planned or latest is None:
        return None
    return route.position(
        planned,
        [latest],
        direction=direction,
        on=on,
        behind=behind_percent / 100,
        far_behind=far_behind_percent / 100,
    )


def _latest_progress(
    ids: list[int],
    *,
    on: datetime.date,
    draft: bool,
    indicators: Iterable[Indicator] | None,
) -> dict[int, list[IndicatorProgress]]:
    annotations = _latest_annotations(on)
    if indicators is None:
        indicators = Indicator.objects.filter(neighbourhood_id__in=ids).order_by(
            "neighbourhood_id", "order", "pk"
        )
    if isinstance(indicators, QuerySet):
        indicators = list(indicators.annotate(**annotations))
        latest_of = {
            i.pk: (getattr(i, _LATEST_DATE), getattr(i, _LATEST_VALUE)) for i in indicators
        }
    else:
        indicators = list(indicators)
        latest_of = {
            pk: (day, value)
            for pk, day, value in Indicator.objects.filter(pk__in=[i.pk for i in indicators])
            .annotate(**annotations)
            .values_list("pk", _LATEST_DATE, _LATEST_VALUE)
        }
    routes = _routes(ids, draft=draft)
    result: dict[int, list[IndicatorProgress]] = {i: [] for i in ids}
    for indicator in indicators:
        planned = routes.get(indicator.pk, [])
        day, value = latest_of.get(indicator.pk, (None, None))
        latest = None if day is None else route.Measurement(day, float(value))
        position = _latest_position(
            planned,
            latest,
            direction=indicator.direction,
            behind_percent=indicator.behind_percent,
            far_behind_percent=indicator.far_behind_percent,
            on=on,
        )
        result.setdefault(indicator.neighbourhood_id, []).append(
            IndicatorProgress(indicator, planned, [latest] if latest else [], position, None)
        )
    return result


@dataclass(frozen=True)
class LatestPosition:
    """Where one indicator stands, without the indicator itself: for pages that only count."""

    indicator_id: int
    measured_on: datetime.date | None  # its latest measurement on or before the day asked about
    position: route.Position | None

    @property
    def status(self) -> route.RouteStatus:
        return self.position.status if self.position else route.RouteStatus.NO_DATA


def latest_positions(
    neighbourhood_ids: Iterable[int], *, on: datetime.date | None = None, draft: bool = False
) -> dict[int, list[LatestPosition]]:
    """Map neighbourhood id → where each of its indicators stands, in the indicators' order.

    The statuses and positions of `indicator_progress(..., latest_only=True)` — the same as the
    full mode's — from value rows rather than model instances, in two queries: the indicators
    with their latest measurement, and the route points.
    """
    on = on or timezone.localdate()
    ids = list(neighbourhood_ids)
    rows = (
        Indicator.objects.filter(neighbourhood_id__in=ids)
        .order_by("neighbourhood_id", "order", "pk")
        .annotate(**_latest_annotations(on))
        .values_list(
            "pk",
            "neighbourhood_id",
            "direction",
            "behind_percent",
            "far_behind_percent",
            _LATEST_DATE,
            _LATEST_VALUE,
        )
    )
    rows = list(rows)
    routes = _routes(ids, draft=draft)
    result: dict[int, list[LatestPosition]] = {i: [] for i in ids}
    for pk, neighbourhood_id, direction, behind, far_behind, day, value in rows:
        latest = None if day is None else route.Measurement(day, float(value))
        position = _latest_position(
            routes.get(pk, []),
            latest,
            direction=direction,
            behind_percent=behind,
            far_behind_percent=far_behind,
            on=on,
        )
        result.setdefault(neighbourhood_id, []).append(LatestPosition(pk, day, position))
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
