"""Where an indicator stands against its planned route, and when it reaches its target.

Plain functions over plain data, so the edge cases are easy to test and the models and views
only have to turn rows into `RoutePoint` and `Measurement`. Input need not be sorted. Values are
converted with `float()`, so Decimals from the database work too.

Rules, in short:
- the route is linear between its points, flat before the first (the starting value: nothing
  has been planned to change yet) and flat after the last (the target holds);
- two route points on the same date make a step: from that date on the one listed last counts;
- the status compares the latest measurement with the route *on that measurement's date*, and
  measures the shortfall against the change the route planned since its first point, not
  against the absolute value: planned 100 from a start of 90, measured 95, is half-way behind;
- being ahead counts as on route (the `shortfall` of a `Position` is negative then).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

Direction = Literal["up", "down"]  # up: more is better (homes gas-free); down: less (gas use)

# The default forecast looks at the last two years: older pace says little about today's.
FORECAST_WINDOW = timedelta(days=731)


class RouteStatus(StrEnum):
    NO_DATA = "no_data"
    ON_ROUTE = "on_route"
    BEHIND = "behind"
    FAR_BEHIND = "far_behind"


@dataclass(frozen=True)
class RoutePoint:
    date: date
    value: float


@dataclass(frozen=True)
class Measurement:
    date: date
    value: float


@dataclass(frozen=True)
class Position:
    """The latest measurement set against the route, with the figures behind the status."""

    measured: Measurement
    planned: float
    shortfall: float  # share of the planned change not achieved; negative when ahead
    status: RouteStatus


def planned_value(route: Iterable[RoutePoint], on: date) -> float | None:
    """Return the value the route plans on a date, or None when there is no route.

    Before the first point the first value holds and after the last the last value holds.
    """
    points = sorted(route, key=lambda p: p.date)  # stable: equal dates keep the input order
    if not points:
        return None
    dates = [p.date for p in points]
    # i counts the points on or before `on`, so with two points on one date the last one counts.
    i = bisect_right(dates, on)
    if i == 0:
        return float(points[0].value)
    if i == len(points):
        return float(points[-1].value)
    a, b = points[i - 1], points[i]  # a.date <= on < b.date, so the span is never zero
    share = (on - a.date).days / (b.date - a.date).days
    return float(a.value) + share * (float(b.value) - float(a.value))


def latest(measurements: Iterable[Measurement], on: date | None = None) -> Measurement | None:
    """Return the latest measurement on or before `on` (any date when None), or None.

    Of two measurements on the same date the one listed last counts, as a correction would.
    """
    eligible = [m for m in measurements if on is None or m.date <= on]
    return max(reversed(eligible), key=lambda m: m.date) if eligible else None


def position(
    route: Sequence[RoutePoint],
    measurements: Iterable[Measurement],
    *,
    direction: Direction,
    on: date | None = None,
    behind: float = 0.05,
    far_behind: float = 0.15,
) -> Position | None:
    """Return the latest measurement on or before `on` against the route, or None without
    a route or a measurement.

    `on=None` takes the latest measurement of all; the caller passes today's date to keep
    measurements entered ahead of time out. `behind` and `far_behind` are shortfalls as a share
    of the planned change: with the defaults, 5% short of the plan is behind, 15% far behind.
    """
    if not 0 <= behind <= far_behind:
        raise ValueError(f"Need 0 <= behind <= far_behind, got {behind} and {far_behind}.")
    _check_direction(direction)
    measured = latest(measurements, on)
    planned = planned_value(route, measured.date) if measured else None
    if measured is None or planned is None:
        return None
    short = planned - float(measured.value)
    if direction == "down":
        short = -short
    scale = _scale(route, planned)
    if scale is None:
        # A flat route at zero: anything worse than the plan is as far off as it gets.
        shortfall = math.inf if short > 0 else 0.0
    else:
        shortfall = short / scale
    if shortfall >= far_behind:
        status = RouteStatus.FAR_BEHIND
    elif shortfall >= behind:
        status = RouteStatus.BEHIND
    else:
        status = RouteStatus.ON_ROUTE
    return Position(measured=measured, planned=planned, shortfall=shortfall, status=status)


def status(
    route: Sequence[RoutePoint],
    measurements: Iterable[Measurement],
    *,
    direction: Direction,
    on: date | None = None,
    behind: float = 0.05,
    far_behind: float = 0.15,
) -> RouteStatus:
    """Return where the indicator stands against its route; NO_DATA without a route or a
    measurement. See `position` for the rules and the figures behind it."""
    found = position(
        route, measurements, direction=direction, on=on, behind=behind, far_behind=far_behind
    )
    return found.status if found else RouteStatus.NO_DATA


def _scale(route: Sequence[RoutePoint], planned: float) -> float | None:
    """Return the amount a shortfall is divided by, or None when every candidate is zero.

    First choice is the change planned since the first point. Before the route starts, or
    while it is flat, nothing was planned to change yet; then the whole planned change (first
    to last point) measures how far back a step backwards sets us. A route that is flat
    throughout (hold a level) falls back to the level itself.
    """
    points = sorted(route, key=lambda p: p.date)
    start, end = float(points[0].value), float(points[-1].value)
    for candidate in (planned - start, end - start, planned):
        if candidate != 0:
            return abs(candidate)
    return None


def forecast(
    measurements: Iterable[Measurement],
    *,
    target: float,
    direction: Direction,
    last: int | None = None,
    window: timedelta = FORECAST_WINDOW,
) -> date | None:
    """Return the date the target is reached at the present pace, or None when it will not be.

    When the latest measurement already meets the target: the date it was reached, i.e. the
    first measurement of the unbroken run at or past the target that ends with the latest.
    Otherwise the pace is the least-squares slope (per day) over the last `last` measurements,
    or, by default, over all measurements within `window` of the latest one; the target date
    is found by going on from the latest measured value at that pace. None with fewer than two
    measurement dates, when the pace is zero or the wrong way, or beyond the calendar.
    """
    _check_direction(direction)
    series = sorted(measurements, key=lambda m: m.date)
    if not series:
        return None

    def met(m: Measurement) -> bool:
        return float(m.value) >= target if direction == "up" else float(m.value) <= target

    if met(series[-1]):
        reached = series[-1]
        for m in reversed(series):
            if not met(m):
                break
            reached = m
        return reached.date

    now = series[-1]
    if last is not None:
        recent = series[-last:] if last > 0 else []
    else:
        recent = [m for m in series if m.date >= now.date - window]
    slope = _slope(recent)
    if not slope:  # None (too few dates) or a standstill
        return None
    days_needed = (target - float(now.value)) / slope  # positive only when heading for it
    if days_needed <= 0:
        return None
    days = math.ceil(days_needed)
    if days > (date.max - now.date).days:
        return None
    return now.date + timedelta(days=days)


def _slope(series: Sequence[Measurement]) -> float | None:
    """Return the least-squares change per day, or None with fewer than two distinct dates."""
    if len({m.date for m in series}) < 2:
        return None
    xs = [m.date.toordinal() for m in series]
    ys = [float(m.value) for m in series]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / sxx


def _check_direction(direction: str) -> None:
    # A typo such as "Up" would otherwise silently read as "down".
    if direction not in ("up", "down"):
        raise ValueError(f'Direction must be "up" or "down", got {direction!r}.')
