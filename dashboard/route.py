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


@dataclass(frozen=True)
class Projection:
    """Where an indicator goes from its latest measurement if the rest of the adopted route is
    followed, shifted by the delay measured so far (see `route_forecast`)."""

    reached: date | None  # when the target is reached; None when it will not be (pace method)
    delay_days: int  # how many days behind the route the latest measurement is; 0 on plan/ahead
    line: list[tuple[date, float]]  # from the latest measurement to the target, in route shape
    method: Literal["route", "pace", "met"]


def route_forecast(
    route: Sequence[RoutePoint],
    measurements: Iterable[Measurement],
    *,
    direction: Direction,
) -> Projection | None:
    """Return when the target (the route's last value) is reached if the rest of the route is
    followed from where the latest measurement stands; None without a route or a measurement.

    The forecast keeps the route's shape (a step for a heat network that goes live on one day,
    an S-curve, a straight line). The latest measurement is set against the route: the delay is
    how long ago the route planned the value measured (the last day the route was at or below
    it; a plateau the measurement lies on counts as on plan). Behind: the rest of the route is
    shifted later by that delay. Ahead: the route shifted earlier by the lead, but never before
    the rest of the route, followed from today's level, gets there (a lead does not bring a
    step forward). A measurement at or past the target gives the date it was first reached (as
    `forecast`).

    One case cannot be projected that way: a step of the route already passed while the
    measurement is only part of the way up it (the shifted route would be done already). Then
    the forecast falls back to the pace of the last two years (`forecast`, method "pace").
    """
    _check_direction(direction)
    points = sorted(route, key=lambda p: p.date)
    series = sorted(measurements, key=lambda m: m.date)
    if not points or not series:
        return None
    latest_m = latest(series)
    sign = 1.0 if direction == "up" else -1.0
    dates = [p.date for p in points]
    # The route as it rises (for "down" as it falls): a dip would otherwise make a value
    # planned twice. Each point the highest value planned up to it.
    envelope: list[float] = []
    for p in points:
        value = sign * float(p.value)
        envelope.append(max(value, envelope[-1]) if envelope else value)
    target = sign * float(points[-1].value)
    now, level = latest_m.date, sign * float(latest_m.value)
    if level >= target:
        reached = forecast(series, target=float(points[-1].value), direction=direction)
        return Projection(reached, 0, [], "met")

    # The last day the route planned at most the measured level: the end of a plateau the
    # measurement lies on, or where the route rises past it.
    if level < envelope[0]:
        planned_at = dates[0]
    else:
        planned_at = _crossing(dates, envelope, level, strict=True)
    delay = max(0, (now - planned_at).days)
    shift = timedelta(days=delay)

    def out(value: float) -> float:
        return sign * value

    if delay > 0:
        reached = _crossing(dates, envelope, target, strict=False) + shift
        if reached <= now:  # part-way up a step the route took already: no shape to follow
            return Projection(
                forecast(series, target=float(points[-1].value), direction=direction),
                delay,
                [],
                "pace",
            )
        line = [(now, out(level))]
        for day, value in zip(dates, envelope, strict=True):
            if day + shift < now or value <= level:
                continue
            if value >= target:
                line.append((reached, out(target)))
                break
            line.append((day + shift, out(value)))
        return Projection(reached, delay, line, "route")

    # On plan or ahead. Two readings of a lead: the route shifted earlier by it (a year ahead
    # on an S-curve is done a year early), and what the route still plans to add from today
    # added to today's level (a lead on a step route does not bring the step forward). The
    # later of the two counts: a lead never takes a step that is still to come.
    base = _envelope_value(dates, envelope, now)
    needed = base + (target - level)  # the route's level at which the target is reached
    offset_reached = _crossing(dates, envelope, needed, strict=False, after=now)
    lead = timedelta(days=max(0, (_crossing(dates, envelope, level, strict=False) - now).days))
    shifted_reached = _crossing(dates, envelope, target, strict=False) - lead
    line = [(now, out(level))]
    if lead and shifted_reached > offset_reached:
        for day, value in zip(dates, envelope, strict=True):
            if day - lead <= now or value <= level:
                continue
            if value >= target:
                break
            line.append((day - lead, out(value)))
        line.append((shifted_reached, out(target)))
        return Projection(shifted_reached, 0, line, "route")
    for day, value in zip(dates, envelope, strict=True):
        if day <= now or day >= offset_reached:
            continue
        line.append((day, out(min(target, level + value - base))))
    line.append((offset_reached, out(target)))
    return Projection(offset_reached, 0, line, "route")


def _envelope_value(dates: list[date], values: list[float], on: date) -> float:
    i = bisect_right(dates, on)
    if i == 0:
        return values[0]
    if i == len(dates):
        return values[-1]
    share = (on - dates[i - 1]).days / (dates[i] - dates[i - 1]).days
    return values[i - 1] + share * (values[i] - values[i - 1])


def _crossing(
    dates: list[date],
    values: list[float],
    level: float,
    *,
    strict: bool,
    after: date | None = None,
) -> date:
    """On a rising route (`values` never fall): with `strict`, the last day it is at or below
    `level`; without, the first day (on or after `after`) it is at or above `level`. The route
    must pass `level` (the callers make sure it does)."""

    def past(value: float) -> bool:
        return value > level if strict else value >= level

    if not strict and after is not None and _envelope_value(dates, values, after) >= level:
        return after
    for i in range(1, len(dates)):
        a, b = values[i - 1], values[i]
        if past(a) or not past(b):
            continue
        if after is not None and dates[i] < after:
            continue
        if dates[i] == dates[i - 1]:
            return dates[i]  # a step
        span = (dates[i] - dates[i - 1]).days
        share = (level - a) / (b - a)
        offset = share * span
        day = dates[i - 1] + timedelta(days=math.floor(offset) if strict else math.ceil(offset))
        return max(day, after) if after is not None else day
    return dates[0] if past(values[0]) else dates[-1]


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
