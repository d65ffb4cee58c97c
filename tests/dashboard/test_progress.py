"""dashboard.progress: the models turned into route and schedule figures, in fixed queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboard import progress, route
from dashboard.models import Indicator, IndicatorUnit, Measurement, RoutePoint, StandardIndicator
from dashboard.route import RouteStatus
from roadmap.models import Milestone, MilestoneStatus, Roadmap, adopt
from tests.factories import NeighbourhoodFactory

TODAY = datetime.date(2026, 6, 1)
D = datetime.date


def _gas_free(neighbourhood) -> Indicator:
    return neighbourhood.indicators.get(code=StandardIndicator.GAS_FREE)


def _route(indicator, *points, version=None):
    RoutePoint.objects.bulk_create(
        RoutePoint(indicator=indicator, date=day, value=Decimal(value), version=version)
        for day, value in points
    )


def _measure(indicator, *points):
    Measurement.objects.bulk_create(
        Measurement(indicator=indicator, date=day, value=Decimal(value), source="cbs_aardgasvrij")
        for day, value in points
    )


@pytest.mark.django_db
def test_status_uses_the_adopted_route_and_ignores_the_draft(neighbourhood):
    indicator = _gas_free(neighbourhood)
    _route(indicator, (D(2026, 1, 1), 0), (D(2027, 1, 1), 100))
    adopt(
        Roadmap.objects.create(neighbourhood=neighbourhood),
        by="college",
        decision_date=D(2026, 1, 10),
        decision_reference="B-1",
    )
    # The draft now plans far less; the council still measures against what was adopted.
    RoutePoint.objects.filter(indicator=indicator, version=None).update(value=Decimal(1))
    _measure(indicator, (D(2026, 3, 1), 10), (D(2026, 5, 1), 20))

    adopted = progress.indicator_progress([neighbourhood], on=TODAY)[neighbourhood.pk]
    draft = progress.indicator_progress([neighbourhood], on=TODAY, draft=True)[neighbourhood.pk]

    gas_free = next(p for p in adopted if p.indicator == indicator)
    # Planned on 1 May: 100 × 120/365 ≈ 32.9; measured 20 is 39% short: far behind.
    assert gas_free.status == RouteStatus.FAR_BEHIND
    assert gas_free.position.planned == pytest.approx(100 * 120 / 365)
    assert gas_free.target.value == 100
    assert next(p for p in draft if p.indicator == indicator).status == RouteStatus.ON_ROUTE


@pytest.mark.django_db
def test_no_adopted_roadmap_means_no_route_and_no_data(neighbourhood):
    indicator = _gas_free(neighbourhood)
    _route(indicator, (D(2026, 1, 1), 0), (D(2027, 1, 1), 100))
    _measure(indicator, (D(2026, 3, 1), 10))
    found = progress.indicator_progress([neighbourhood], on=TODAY)[neighbourhood.pk]
    assert {p.status for p in found} == {RouteStatus.NO_DATA}
    assert progress.worst_status(found) == RouteStatus.NO_DATA


@pytest.mark.django_db
def test_measurements_after_the_day_asked_about_do_not_count(neighbourhood):
    indicator = _gas_free(neighbourhood)
    _route(indicator, (D(2026, 1, 1), 0), (D(2027, 1, 1), 100), version=None)
    _measure(indicator, (D(2026, 5, 1), 33), (D(2026, 12, 1), 0))
    found = progress.indicator_progress([neighbourhood], on=TODAY, draft=True)[neighbourhood.pk]
    gas_free = next(p for p in found if p.indicator == indicator)
    assert gas_free.position.measured.date == D(2026, 5, 1)
    assert gas_free.status == RouteStatus.ON_ROUTE
    # The forecast follows the route from the one known measurement (a little ahead of it): the
    # target on the route's date; the measurement of 1 December does not count yet.
    assert gas_free.forecast == D(2027, 1, 1)
    assert gas_free.late is False


@pytest.mark.django_db
def test_thresholds_are_per_indicator(neighbourhood):
    indicator = _gas_free(neighbourhood)
    indicator.behind_percent, indicator.far_behind_percent = 50, 60
    indicator.save()
    _route(indicator, (D(2026, 1, 1), 0), (D(2027, 1, 1), 100))
    _measure(indicator, (D(2026, 5, 1), 20))
    found = progress.indicator_progress([neighbourhood], on=TODAY, draft=True)[neighbourhood.pk]
    assert next(p for p in found if p.indicator == indicator).status == RouteStatus.ON_ROUTE


@pytest.mark.django_db
def test_worst_status_ignores_indicators_without_data():
    def fake(status):
        return type("P", (), {"status": status})()

    assert progress.worst_status([]) == RouteStatus.NO_DATA
    assert (
        progress.worst_status([fake(RouteStatus.NO_DATA), fake(RouteStatus.BEHIND)])
        == RouteStatus.BEHIND
    )
    assert (
        progress.worst_status([fake(RouteStatus.ON_ROUTE), fake(RouteStatus.FAR_BEHIND)])
        == RouteStatus.FAR_BEHIND
    )


@pytest.mark.django_db
def test_query_count_does_not_grow_with_neighbourhoods(municipality):
    def count(n: int) -> int:
        hoods = [NeighbourhoodFactory(municipality=municipality) for _ in range(n)]
        for hood in hoods:
            indicator = _gas_free(hood)
            _route(indicator, (D(2026, 1, 1), 0), (D(2027, 1, 1), 100))
            adopt(
                Roadmap.objects.create(neighbourhood=hood),
                by="college",
                decision_date=D(2026, 1, 10),
                decision_reference="B",
            )
            _measure(indicator, (D(2026, 3, 1), 10), (D(2026, 5, 1), 30))
        with CaptureQueriesContext(connection) as queries:
            result = progress.indicator_progress(hoods, on=TODAY)
        assert all(len(result[h.pk]) == 9 for h in hoods)
        assert all(progress.worst_status(result[h.pk]) != RouteStatus.NO_DATA for h in hoods)
        return len(queries)

    assert count(2) == count(20) == 4


@pytest.mark.django_db
def test_milestone_forecasts_propagate_and_leave_cancelled_out(neighbourhood, party):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood)
    a = Milestone.objects.create(
        roadmap=roadmap,
        title="A",
        owner=party,
        baseline_date=D(2026, 1, 1),
        forecast_date=D(2026, 3, 2),
    )
    b = Milestone.objects.create(
        roadmap=roadmap, title="B", owner=party, baseline_date=D(2026, 2, 1)
    )
    b.depends_on.add(a)
    gone = Milestone.objects.create(
        roadmap=roadmap,
        title="C",
        owner=party,
        baseline_date=D(2030, 1, 1),
        status=MilestoneStatus.CANCELLED,
    )
    b.depends_on.add(gone)
    rows = progress.milestone_forecasts(
        Milestone.objects.filter(roadmap=roadmap).prefetch_related("depends_on")
    )
    by_title = {row.milestone.title: row for row in rows}
    assert set(by_title) == {"A", "B"}
    assert by_title["A"].slip_days == 60
    # B keeps its planned 31 days after A: A slipped 60 days, so B does too.
    assert by_title["B"].expected == D(2026, 4, 2)
    assert by_title["B"].slip_days == 60
    assert by_title["A"].critical and by_title["B"].critical

    delayed = progress.milestone_forecasts(
        Milestone.objects.filter(roadmap=roadmap).prefetch_related("depends_on"), delays={a.pk: 10}
    )
    assert {r.milestone.title: r.expected for r in delayed}["B"] == D(2026, 4, 12)


def _hood_with_mixed_statuses(municipality) -> tuple:
    """A neighbourhood whose indicators stand far behind, behind, on route and without data,
    one with several measurements and one entered ahead of the day asked about."""
    hood = NeighbourhoodFactory(municipality=municipality)
    indicators = list(hood.indicators.order_by("order", "pk"))
    for n, ind in enumerate(indicators[:6]):
        _route(ind, (D(2026, 1, 1), 0), (D(2027, 1, 1), 100), (D(2028, 1, 1), 150))
        if n == 5:
            ind.direction = "down"
            ind.behind_percent, ind.far_behind_percent = 20, 40
            ind.save()
    adopt(
        Roadmap.objects.create(neighbourhood=hood),
        by="college",
        decision_date=D(2026, 1, 10),
        decision_reference="B",
    )
    RoutePoint.objects.filter(indicator__in=indicators, version=None).update(value=Decimal(7))
    series = {
        0: [(D(2026, 2, 1), 5), (D(2026, 4, 1), 10)],  # far behind
        1: [(D(2026, 3, 1), 10), (D(2026, 5, 1), 31)],  # behind
        2: [(D(2026, 5, 1), 45), (D(2026, 12, 1), 0)],  # on route; the later one does not count
        3: [(D(2026, 7, 1), 99)],  # only after the day asked about: no data
        5: [(D(2026, 1, 1), 0), (D(2026, 5, 20), 60)],
        6: [(D(2026, 5, 1), 3)],  # no route: no data
    }
    for n, points in series.items():
        _measure(indicators[n], *points)
    return hood


@pytest.mark.django_db
@pytest.mark.parametrize("draft", [False, True])
def test_latest_only_gives_the_statuses_and_positions_of_the_full_mode(municipality, draft):
    hoods = [
        _hood_with_mixed_statuses(municipality),
        NeighbourhoodFactory(municipality=municipality),
    ]
    full = progress.indicator_progress(hoods, on=TODAY, draft=draft)
    with CaptureQueriesContext(connection) as queries:
        latest = progress.indicator_progress(hoods, on=TODAY, draft=draft, latest_only=True)
    assert len(queries) == 2  # the indicators with their latest measurement, the route points
    with CaptureQueriesContext(connection) as queries:
        positions = progress.latest_positions([h.pk for h in hoods], on=TODAY, draft=draft)
    assert len(queries) == 2
    for hood in hoods:
        assert [p.indicator for p in latest[hood.pk]] == [p.indicator for p in full[hood.pk]]
        assert [p.position for p in latest[hood.pk]] == [p.position for p in full[hood.pk]]
        assert [p.route for p in latest[hood.pk]] == [p.route for p in full[hood.pk]]
        assert [p.latest for p in latest[hood.pk]] == [
            route_latest(p.measurements) for p in full[hood.pk]
        ]
        assert [p.latest for p in latest[hood.pk]] == [p.latest for p in full[hood.pk]]
        assert all(p.forecast is None for p in latest[hood.pk])
        assert [(p.indicator_id, p.position) for p in positions[hood.pk]] == [
            (p.indicator.pk, p.position) for p in full[hood.pk]
        ]
        assert [p.measured_on for p in positions[hood.pk]] == [
            p.latest.date if p.latest else None for p in latest[hood.pk]
        ]
        assert progress.worst_status(positions[hood.pk]) == progress.worst_status(full[hood.pk])
    statuses = [p.status for p in full[hoods[0].pk]]
    if not draft:  # the data covers every status against the adopted route
        assert set(statuses) == set(RouteStatus)


@pytest.mark.django_db
def test_the_latest_rows_are_the_same_by_sql_and_by_the_orm(municipality):
    # PostgreSQL takes a LATERAL query, other databases (SQLite for make run) the ORM: the same.
    hoods = [
        _hood_with_mixed_statuses(municipality),
        NeighbourhoodFactory(municipality=municipality),
    ]
    ids = [h.pk for h in hoods]
    orm = progress._latest_rows_orm(ids, TODAY)
    assert len(orm) == 18 and any(row[-1] is not None for row in orm)
    assert [tuple(row) for row in progress._latest_rows(ids, TODAY)] == [tuple(row) for row in orm]


def route_latest(measurements):
    known = [m for m in measurements if m.date <= TODAY]
    return known[-1] if known else None


@pytest.mark.django_db
def test_latest_only_with_indicators_given_as_a_list(municipality):
    hood = _hood_with_mixed_statuses(municipality)
    indicators = list(hood.indicators.order_by("order", "pk"))
    full = progress.indicator_progress([hood], on=TODAY, indicators=indicators)[hood.pk]
    with CaptureQueriesContext(connection) as queries:
        latest = progress.indicator_progress(
            [hood], on=TODAY, indicators=indicators, latest_only=True
        )[hood.pk]
    assert len(queries) == 2  # the latest measurements, the route points
    assert [p.status for p in latest] == [p.status for p in full]


@pytest.mark.django_db
def test_latest_is_the_measurement_the_position_measures(neighbourhood):
    indicator = _gas_free(neighbourhood)
    _route(indicator, (D(2026, 1, 1), 0), (D(2027, 1, 1), 100), version=None)
    # One entered ahead of the day asked about: not the latest, as it is not the position's.
    _measure(indicator, (D(2026, 3, 1), 15), (D(2026, 5, 1), 33), (D(2026, 12, 1), 90))
    found = progress.indicator_progress([neighbourhood], on=TODAY, draft=True)[neighbourhood.pk]
    gas_free = next(p for p in found if p.indicator == indicator)
    assert gas_free.latest == gas_free.position.measured
    assert gas_free.latest.date == D(2026, 5, 1)
    assert [m.date for m in gas_free.known] == [D(2026, 3, 1), D(2026, 5, 1)]
    assert len(gas_free.measurements) == 3  # still there for whoever wants every measurement
    # On a later day the later measurement counts.
    later = progress.indicator_progress([neighbourhood], on=D(2026, 12, 1), draft=True)
    assert next(p for p in later[neighbourhood.pk] if p.indicator == indicator).latest.value == 90


@pytest.mark.django_db
def test_nothing_measured_on_or_before_the_day_means_no_latest_and_not_late(neighbourhood):
    indicator = _gas_free(neighbourhood)
    _route(indicator, (D(2026, 1, 1), 0), (D(2027, 1, 1), 100), version=None)
    _measure(indicator, (D(2026, 7, 1), 99))
    found = progress.indicator_progress([neighbourhood], on=TODAY, draft=True)[neighbourhood.pk]
    gas_free = next(p for p in found if p.indicator == indicator)
    assert gas_free.latest is None
    assert gas_free.position is None
    assert gas_free.late is False
    assert gas_free.outlook == progress.Outlook.NONE


# --- What the forecast says ----------------------------------------------------------------------


@pytest.fixture
def indicator_stub():
    return Indicator(name="Woningen aardgasvrij", unit="aantal", direction="up")


def _progress(indicator, measured, *, forecast, target=(D(2033, 12, 31), 960), on=TODAY):
    planned = [route.RoutePoint(D(2025, 1, 1), 0.0), route.RoutePoint(*target)]
    return progress.IndicatorProgress(
        indicator=indicator,
        route=planned,
        measurements=[route.Measurement(day, float(value)) for day, value in measured],
        position=None,
        forecast=forecast,
        on=on,
    )


def test_latest_without_a_day_asked_about_is_the_last_measurement(indicator_stub):
    p = _progress(indicator_stub, [(D(2026, 1, 1), 1), (D(2026, 9, 1), 2)], forecast=None)
    p.on = None
    assert p.latest == route.Measurement(D(2026, 9, 1), 2.0)
    assert p.known == p.measurements


@pytest.mark.parametrize(
    ("measured", "forecast", "outlook"),
    [
        # The target met already: the forecast is the day it was reached.
        ([(D(2026, 1, 1), 500), (D(2026, 5, 1), 960)], D(2026, 5, 1), progress.Outlook.MET),
        ([(D(2026, 1, 1), 500), (D(2026, 5, 1), 600)], D(2030, 1, 1), progress.Outlook.ON_TIME),
        ([(D(2026, 1, 1), 500), (D(2026, 5, 1), 600)], D(2033, 12, 31), progress.Outlook.ON_TIME),
        ([(D(2026, 1, 1), 500), (D(2026, 5, 1), 600)], D(2034, 1, 1), progress.Outlook.LATE),
        ([(D(2026, 1, 1), 500), (D(2026, 5, 1), 600)], D(2050, 12, 31), progress.Outlook.LATE),
        # A slow start at today's pace: 2103 is right, but is shown as "later than 2050".
        ([(D(2026, 1, 1), 30), (D(2026, 5, 1), 36)], D(2051, 1, 1), progress.Outlook.BEYOND),
        ([(D(2026, 1, 1), 30), (D(2026, 5, 1), 36)], D(2103, 9, 24), progress.Outlook.BEYOND),
        # No forecast: one measurement gives no pace yet; two that do not move give none at all.
        ([(D(2026, 5, 1), 36)], None, progress.Outlook.NO_PACE),
        # Two measurements, but the older one outside the two years the pace is taken over.
        ([(D(2023, 1, 1), 10), (D(2026, 5, 1), 36)], None, progress.Outlook.NO_PACE),
        ([(D(2026, 1, 1), 36), (D(2026, 5, 1), 36)], None, progress.Outlook.STALLED),
        ([(D(2026, 1, 1), 40), (D(2026, 5, 1), 36)], None, progress.Outlook.STALLED),
    ],
)
def test_outlook_says_what_the_forecast_means(indicator_stub, measured, forecast, outlook):
    assert _progress(indicator_stub, measured, forecast=forecast).outlook == outlook


def test_outlook_is_none_without_a_route_or_a_measurement(indicator_stub):
    p = _progress(indicator_stub, [], forecast=None)
    assert p.outlook == progress.Outlook.NONE
    p = _progress(indicator_stub, [(D(2026, 5, 1), 36)], forecast=None)
    p.route = []
    assert p.outlook == progress.Outlook.NONE


def test_a_measurement_after_the_day_does_not_make_a_pace(indicator_stub):
    p = _progress(indicator_stub, [(D(2026, 5, 1), 36), (D(2026, 9, 1), 80)], forecast=None)
    assert p.outlook == progress.Outlook.NO_PACE


def test_the_horizon_is_2050_or_ten_years_after_a_later_target(indicator_stub):
    assert progress.forecast_horizon(D(2033, 12, 31)) == D(2050, 12, 31)
    assert progress.forecast_horizon(D(2050, 6, 30)) == D(2050, 12, 31)
    assert progress.forecast_horizon(D(2055, 1, 1)) == D(2065, 12, 31)
    late_target = (D(2055, 1, 1), 960)
    measured = [(D(2026, 1, 1), 30), (D(2026, 5, 1), 36)]
    p = _progress(indicator_stub, measured, forecast=D(2060, 1, 1), target=late_target)
    assert p.horizon == D(2065, 12, 31)
    assert p.outlook == progress.Outlook.LATE


def test_unit_decimals_are_whole_for_counts_and_few_for_shares():
    assert progress.unit_decimals("aantal") == 0
    assert progress.unit_decimals("procent") == 1
    assert progress.unit_decimals("score") == 1
    assert progress.unit_decimals("index") == 2
    assert progress.unit_decimals("iets anders") == 2
    assert set(progress.UNIT_DECIMALS) == set(IndicatorUnit)


@pytest.mark.parametrize(
    "points",
    [
        [(D(2026, 1, 1), 0), (D(2027, 1, 1), 100)],
        [(D(2026, 1, 1), 10), (D(2026, 3, 1), 10), (D(2026, 3, 1), 40), (D(2028, 1, 1), 90)],
        [(D(2026, 1, 1), 0), (D(2027, 1, 1), 0)],  # flat at zero
        [(D(2026, 1, 1), 50), (D(2027, 1, 1), 50)],  # hold a level
        [(D(2026, 9, 1), 20), (D(2027, 1, 1), 80)],  # starts after the measurements
        [(D(2025, 1, 1), 20), (D(2025, 6, 1), 80)],  # ended before them
    ],
)
@pytest.mark.parametrize("direction", ["up", "down"])
@pytest.mark.parametrize("measured", [(D(2026, 3, 1), 25), (D(2026, 5, 1), 0), (D(2026, 5, 1), 95)])
def test_the_latest_positions_arithmetic_is_route_position(points, direction, measured):
    """latest_positions works out each position without route.position (see _position_on):
    the same figures on steps, flat routes and measurements outside the route."""
    planned = [route.RoutePoint(day, float(value)) for day, value in points]
    latest = route.Measurement(measured[0], float(measured[1]))
    fast = progress._position_on(
        [p.date for p in planned],
        [p.value for p in planned],
        latest,
        direction=direction,
        behind=0.05,
        far_behind=0.15,
    )
    assert fast == route.position(
        planned, [latest], direction=direction, on=TODAY, behind=0.05, far_behind=0.15
    )
