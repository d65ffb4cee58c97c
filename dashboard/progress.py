"""Where indicators and milestones stand: the models turned into the plain data of `route`
and `schedule`, in a fixed number of queries however many neighbourhoods are asked about.

The council measures against the *adopted* route: the route points copied to the latest
roadmap version (see `route_section.freeze_route`). The back office can ask for the draft instead.
"""

from __future__ import annotations

import datetime
import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.db import connections, router
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import number_format

from roadmap.models import Milestone, MilestoneStatus, RoadmapVersion
from wup.models import Neighbourhood

from . import route, schedule
from .models import Indicator, IndicatorUnit, Measurement, RoutePoint

STATUS_ORDER = [
    route.RouteStatus.FAR_BEHIND,
    route.RouteStatus.BEHIND,
    route.RouteStatus.ON_ROUTE,
    route.RouteStatus.NO_DATA,
]
OFF_ROUTE_STATUSES = (route.RouteStatus.BEHIND, route.RouteStatus.FAR_BEHIND)


# The decimals a value of each unit is shown with: a number of homes is a whole number, a score
# has one decimal (as the pulse tables show it), an index two.
UNIT_DECIMALS: dict[str, int] = {
    IndicatorUnit.COUNT: 0,
    IndicatorUnit.PERCENT: 1,
    IndicatorUnit.M3_PER_YEAR: 0,
    IndicatorUnit.KWH_PER_YEAR: 0,
    IndicatorUnit.GJ_PER_YEAR: 0,
    IndicatorUnit.TON_CO2: 1,
    IndicatorUnit.EUR: 0,
    IndicatorUnit.LIKERT: 1,
    IndicatorUnit.INDEX: 2,
}


def unit_decimals(unit: str) -> int:
    """Return the number of decimals a value in this unit is shown with."""
    return UNIT_DECIMALS.get(unit, 2)


def rounded(value: float, unit: str) -> Decimal:
    """Return a value rounded as it is shown: to its unit's decimals, half up, as people round
    (round() would make 1234.5 m³ into 1.234). Whatever compares shown values uses this, so a
    change shown as "0,0" is no change."""
    decimals = unit_decimals(unit)
    result = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(result) if result == 0 else result  # not "-0,00"


def figure(value: float | None, unit: str, *, signed: bool = False) -> str:
    """Return a value as the council reads it, in the active language: with its unit's number
    of decimals (see UNIT_DECIMALS) and thousands grouped: "1.210" homes, "9,5"
    percent, "4,0" on a 1–5 score. "–" for None; `signed` puts + before a rise."""
    if value is None:
        return "–"
    shown = rounded(value, unit)
    text = number_format(shown, unit_decimals(unit), use_l10n=True, force_grouping=True)
    return f"+{text}" if signed and shown > 0 else text


# The Netherlands means to be off natural gas by 2050 (Klimaatakkoord). A forecast past that
# year is shown as "later than 2050", not as a date: at a slow start's pace the arithmetic says
# 2103, which is right but reads like a bug and says nothing a council can act on.
FORECAST_HORIZON_YEAR = 2050
# For a target past 2050 the horizon is this many years after the target's year.
FORECAST_HORIZON_YEARS_PAST_TARGET = 10


def forecast_horizon(target_date: datetime.date) -> datetime.date:
    """Return the last day a forecast for this target date is shown as a date."""
    year = FORECAST_HORIZON_YEAR
    if target_date.year > FORECAST_HORIZON_YEAR:
        year = target_date.year + FORECAST_HORIZON_YEARS_PAST_TARGET
    return datetime.date(year, 12, 31)


class Outlook(StrEnum):
    """What the forecast says about the target, in the words a page chooses from."""

    NONE = "none"  # no route or nothing measured yet: nothing to say
    MET = "met"  # the target is met already; the forecast is the date it was reached
    ON_TIME = "on_time"  # reached on or before the target date at today's pace
    LATE = "late"  # reached after the target date, before the horizon
    BEYOND = "beyond"  # reached only after the horizon (2050): "not at this pace"
    NO_PACE = "no_pace"  # fewer than two measurement dates in the pace window: no pace yet
    STALLED = "stalled"  # no progress, or the wrong way: never at this pace


@dataclass
class IndicatorProgress:
    indicator: Indicator
    route: list[route.RoutePoint]
    measurements: list[route.Measurement]  # by date; may hold some dated after `on`
    position: route.Position | None
    forecast: datetime.date | None  # when the route's last value is reached (see projection)
    on: datetime.date | None = None  # the day asked about; None: every measurement counts
    # The rest of the route from the latest measurement, shifted by the delay measured so far
    # (route.route_forecast); `forecast` is its `reached`.
    projection: route.Projection | None = None

    @property
    def status(self) -> route.RouteStatus:
        return self.position.status if self.position else route.RouteStatus.NO_DATA

    @property
    def target(self) -> route.RoutePoint | None:
        return max(self.route, key=lambda p: p.date) if self.route else None

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def has_route(self) -> bool:
        return bool(self.route)

    @property
    def is_measured(self) -> bool:
        return self.latest is not None

    @property
    def known(self) -> list[route.Measurement]:
        """The measurements on or before `on`: those the position and forecast are made of."""
        if self.on is None:
            return self.measurements
        return [m for m in self.measurements if m.date <= self.on]

    @property
    def latest(self) -> route.Measurement | None:
        """The latest measurement on or before `on`, the one `position` measures."""
        return route.latest(self.measurements, self.on)

    @property
    def late(self) -> bool:
        """Whether the forecast misses the target date (or there is no forecast at all)."""
        target = self.target
        if target is None or self.latest is None:
            return False
        return self.forecast is None or self.forecast > target.date

    @property
    def horizon(self) -> datetime.date | None:
        """The last day the forecast is shown as a date (see `forecast_horizon`)."""
        target = self.target
        return forecast_horizon(target.date) if target else None

    @property
    def outlook(self) -> Outlook:
        """What the forecast says. Not worked out in latest-only mode (no forecast there)."""
        target, latest = self.target, self.latest
        if target is None or latest is None:
            return Outlook.NONE
        if self.forecast is None:
            since = latest.date - route.FORECAST_WINDOW
            dates = {m.date for m in self.known if m.date >= since}
            return Outlook.NO_PACE if len(dates) < 2 else Outlook.STALLED
        if self.forecast <= latest.date:
            return Outlook.MET
        if self.forecast > forecast_horizon(target.date):
            return Outlook.BEYOND
        return Outlook.LATE if self.forecast > target.date else Outlook.ON_TIME


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
        projection = route.route_forecast(planned, known, direction=indicator.direction)
        result.setdefault(indicator.neighbourhood_id, []).append(
            IndicatorProgress(
                indicator,
                planned,
                series,
                position,
                projection.reached if projection else None,
                on,
                projection,
            )
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
    routes: dict[int, list[route.RoutePoint]] = defaultdict(list)
    for indicator_id, day, value in _route_rows(ids, draft=draft):
        routes[indicator_id].append(route.RoutePoint(day, float(value)))
    return routes


def _route_rows(ids: list[int], *, draft: bool) -> QuerySet:
    """(indicator id, date, value) of each route point of these neighbourhoods' indicators, by
    date (see `_routes`)."""
    if draft:
        points = RoutePoint.objects.filter(indicator__neighbourhood_id__in=ids, version=None)
    else:  # a version's points are its own neighbourhood's
        points = RoutePoint.objects.filter(version_id__in=_adopted_versions(ids))
    return points.order_by("date").values_list("indicator_id", "date", "value")


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
            IndicatorProgress(indicator, planned, [latest] if latest else [], position, None, on)
        )
    return result


@dataclass(frozen=True)
class LatestPosition:
    """Where one indicator stands, without the indicator itself: for pages that only count."""

    indicator_id: int
    measured_on: datetime.date | None  # its latest measurement on or before the day asked about
    position: route.Position | None
    name: str = ""
    has_route: bool = False

    @property
    def status(self) -> route.RouteStatus:
        return self.position.status if self.position else route.RouteStatus.NO_DATA

    @property
    def is_measured(self) -> bool:
        return self.measured_on is not None


def _latest_rows_sql(connection) -> str:
    """The indicators of some neighbourhoods, each with its latest measurement on or before a
    day, on PostgreSQL: one LATERAL step back along the (indicator, date) index per indicator
    rather than two correlated subqueries (one for the date, one for the value)."""
    q = connection.ops.quote_name
    indicator, measurement = Indicator._meta, Measurement._meta

    def i(name: str) -> str:
        return f"i.{q(indicator.get_field(name).column)}"

    def m(name: str) -> str:
        return q(measurement.get_field(name).column)

    columns = ", ".join(
        [i(name) for name in ("id", "neighbourhood", "direction", "behind_percent")]
        + [i("far_behind_percent"), f"latest.{m('date')}", f"latest.{m('value')}", i("name")]
    )
    # Only quoted names from the models' meta go into the text; the values are parameters.
    return (
        f"SELECT {columns} FROM {q(indicator.db_table)} i LEFT JOIN LATERAL ("  # noqa: S608  # nosec B608  # quoted model names only
        f"SELECT {m('date')}, {m('value')} FROM {q(measurement.db_table)}"
        f" WHERE {m('indicator')} = i.{q(indicator.pk.column)} AND {m('date')} <= %s"
        f" ORDER BY {m('date')} DESC LIMIT 1) latest ON TRUE"
        f" WHERE {i('neighbourhood')} = ANY(%s)"
        f" ORDER BY {i('neighbourhood')}, {i('order')}, {i('id')}"
    )


def _latest_rows(ids: list[int], on: datetime.date) -> list[tuple]:
    """(pk, neighbourhood id, direction, behind %, far behind %, latest date, latest value, name) of
    each indicator of these neighbourhoods, in the indicators' order (one query). LATERAL on
    PostgreSQL; elsewhere (SQLite for `make run`) two correlated subqueries."""
    connection = connections[router.db_for_read(Indicator)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_latest_rows_sql(connection), [on, ids])
            return cursor.fetchall()
    return _latest_rows_orm(ids, on)


def _latest_rows_orm(ids: list[int], on: datetime.date) -> list[tuple]:
    """The same rows as _latest_rows, by the ORM (any database)."""
    return list(
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
            "name",
        )
    )


def _position_on(
    dates: list[datetime.date],
    values: list[float],
    measured: route.Measurement,
    *,
    direction: str,
    behind: float,
    far_behind: float,
) -> route.Position:
    """`route.position(planned, [measured], ...)` for a route already in date order, given as
    its dates and values, and one measurement: the same figures without making a RoutePoint
    of each point or sorting the route twice per indicator."""
    i = bisect_right(dates, measured.date)  # the points on or before it; the last one counts
    if i == 0:
        value = values[0]
    elif i == len(dates):
        value = values[-1]
    else:
        share = (measured.date - dates[i - 1]).days / (dates[i] - dates[i - 1]).days
        value = values[i - 1] + share * (values[i] - values[i - 1])
    short = value - measured.value
    if direction == "down":
        short = -short
    start, end = values[0], values[-1]
    scale = next((abs(c) for c in (value - start, end - start, value) if c != 0), None)
    if scale is None:  # a flat route at zero, as route.position
        shortfall = math.inf if short > 0 else 0.0
    else:
        shortfall = short / scale
    if shortfall >= far_behind:
        status = route.RouteStatus.FAR_BEHIND
    elif shortfall >= behind:
        status = route.RouteStatus.BEHIND
    else:
        status = route.RouteStatus.ON_ROUTE
    return route.Position(measured=measured, planned=value, shortfall=shortfall, status=status)


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
    rows = _latest_rows(ids, on)
    # Each route as its dates and its values, in date order (equal dates in the query's order).
    routes: dict[int, tuple[list[datetime.date], list[float]]] = {}
    for indicator_id, day, value in _route_rows(ids, draft=draft):
        found = routes.get(indicator_id)
        if found is None:
            found = routes[indicator_id] = ([], [])
        found[0].append(day)
        found[1].append(float(value))
    result: dict[int, list[LatestPosition]] = {i: [] for i in ids}
    for pk, neighbourhood_id, direction, behind, far_behind, day, value, name in rows:
        planned = routes.get(pk)
        position = None
        if planned and day is not None and day <= on:
            measured = route.Measurement(day, float(value))
            if direction in ("up", "down") and 0 <= behind <= far_behind:
                position = _position_on(
                    *planned,
                    measured,
                    direction=direction,
                    behind=behind / 100,
                    far_behind=far_behind / 100,
                )
            else:  # let route.position say what is wrong
                position = _latest_position(
                    [route.RoutePoint(*point) for point in zip(*planned, strict=True)],
                    measured,
                    direction=direction,
                    behind_percent=behind,
                    far_behind_percent=far_behind,
                    on=on,
                )
        result.setdefault(neighbourhood_id, []).append(
            LatestPosition(pk, day, position, name=name, has_route=bool(planned))
        )
    return result


def worst_status(progress: Iterable[IndicatorProgress]) -> route.RouteStatus:
    """The neighbourhood's status: its worst indicator with data, NO_DATA when none has any."""
    statuses = {p.status for p in progress}
    return next((s for s in STATUS_ORDER if s in statuses), route.RouteStatus.NO_DATA)


# When the milestones put a neighbourhood behind: the slip of its critical path, in days. The
# municipality sets its own (wup.Municipality.milestone_behind_days, ...); these are the defaults.
SLIP_BEHIND_DAYS = 90
SLIP_FAR_BEHIND_DAYS = 365


@dataclass(frozen=True)
class SlipThresholds:
    """A critical path that slips more than `behind` days is behind, more than `far_behind`
    days far behind."""

    behind: int = SLIP_BEHIND_DAYS
    far_behind: int = SLIP_FAR_BEHIND_DAYS

    @classmethod
    def of(cls, municipality) -> SlipThresholds:
        """The thresholds a municipality set (the defaults for None)."""
        if municipality is None:
            return cls()
        return cls(
            getattr(municipality, "milestone_behind_days", SLIP_BEHIND_DAYS),
            getattr(municipality, "milestone_far_behind_days", SLIP_FAR_BEHIND_DAYS),
        )

    def status(self, slip_days: int | None) -> route.RouteStatus | None:
        """The status the critical path gives: None when nothing on it is still to come."""
        if slip_days is None:
            return None
        if slip_days > self.far_behind:
            return route.RouteStatus.FAR_BEHIND
        if slip_days > self.behind:
            return route.RouteStatus.BEHIND
        return route.RouteStatus.ON_ROUTE


def critical_slip(forecasts: Iterable[MilestoneForecast]) -> int | None:
    """The largest slip (days, never below zero) of the milestones on the critical path that
    are still to come; None when none is."""
    slips = [
        f.slip_days
        for f in forecasts
        if f.critical
        and f.milestone.achieved_date is None
        and f.milestone.status != MilestoneStatus.ACHIEVED
    ]
    return max(0, *slips) if slips else None


class Driver(StrEnum):
    """What sets a neighbourhood's status."""

    NONE = ""  # on route, or nothing to go by
    INDICATOR = "indicator"
    MILESTONES = "milestones"
    BOTH = "both"  # an indicator and the critical path are equally bad


class Missing(StrEnum):
    """Why there is no status (NO_DATA), in the words the council reads."""

    NOTHING = ""  # there is a status
    NO_ROUTE = "no_route"  # measured, but no adopted route to measure against
    NOT_MEASURED = "not_measured"  # an adopted route, but nothing of it measured yet
    NO_DATA = "no_data"  # neither


@dataclass(frozen=True)
class Verdict:
    """A neighbourhood's status and what sets it: the worse of its indicators and its critical
    path."""

    status: route.RouteStatus
    driver: Driver = Driver.NONE
    indicator: str = ""  # the name of the indicator furthest behind, when it drives
    slip_days: int | None = None  # the critical path's slip, when there are milestones to come
    missing: Missing = Missing.NOTHING


_BADNESS = {s: len(STATUS_ORDER) - i for i, s in enumerate(STATUS_ORDER)}


def verdict(
    indicators: Iterable,
    slip_days: int | None,
    thresholds: SlipThresholds | None = None,
) -> Verdict:
    """Return a neighbourhood's status: the worse of its worst indicator (IndicatorProgress or
    LatestPosition: `status`, `position`, `name`, `has_route`, `is_measured`) and its critical
    path (`slip_days`, see `critical_slip`) against the thresholds.

    A critical path on time does not make a neighbourhood without measurements "on route": it
    only counts when it is behind.
    """
    thresholds = thresholds or SlipThresholds()
    items = list(indicators)
    worst = worst_status(items)
    path = thresholds.status(slip_days)
    if path not in (route.RouteStatus.BEHIND, route.RouteStatus.FAR_BEHIND):
        path = None
    if worst == route.RouteStatus.NO_DATA and path is None:
        routed = any(i.has_route for i in items)
        measured = any(i.is_measured for i in items)
        missing = (
            Missing.NOT_MEASURED if routed else Missing.NO_ROUTE if measured else Missing.NO_DATA
        )
        return Verdict(worst, slip_days=slip_days, missing=missing)
    off = [i for i in items if i.status == worst and worst in OFF_ROUTE_STATUSES]
    name = ""
    if off:
        name = max(off, key=lambda i: i.position.shortfall if i.position else 0).name
    if path is None or _BADNESS[worst] > _BADNESS[path]:
        driver = Driver.INDICATOR if name else Driver.NONE
        return Verdict(worst, driver, name, slip_days)
    if _BADNESS[path] > _BADNESS[worst]:
        return Verdict(path, Driver.MILESTONES, "", slip_days)
    return Verdict(worst, Driver.BOTH, name, slip_days)


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
