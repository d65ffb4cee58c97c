"""An indicator against its route: interpolation, status and forecast, on their edge cases."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.route import (
    Measurement,
    RoutePoint,
    RouteStatus,
    forecast,
    planned_value,
    position,
    status,
)

START = date(2025, 1, 1)


def day(n: int) -> date:
    return START + timedelta(days=n)


def route(*points: tuple[int, float]) -> list[RoutePoint]:
    return [RoutePoint(day(n), value) for n, value in points]


def measured(*points: tuple[int, float]) -> list[Measurement]:
    return [Measurement(day(n), value) for n, value in points]


# 0 → 100 over a hundred days: the planned value on day n is n.
STRAIGHT = route((0, 0), (100, 100))


# planned_value


def test_planned_value_interpolates_between_route_points():
    assert planned_value(route((0, 10), (10, 110)), day(5)) == 60


def test_planned_value_on_a_route_point_is_that_point():
    assert planned_value(route((0, 10), (10, 20), (20, 50)), day(10)) == 20


def test_before_the_route_starts_the_starting_value_holds():
    assert planned_value(route((10, 40), (20, 50)), day(0)) == 40


def test_after_the_route_ends_the_target_holds():
    assert planned_value(route((10, 40), (20, 50)), day(400)) == 50


def test_without_a_route_nothing_is_planned():
    assert planned_value([], day(0)) is None


def test_a_single_route_point_holds_on_every_date():
    assert planned_value(route((10, 40)), day(0)) == planned_value(route((10, 40)), day(99)) == 40


def test_an_unsorted_route_gives_the_same_values():
    points = route((20, 50), (0, 10), (10, 20))
    assert [planned_value(points, day(n)) for n in (5, 15)] == [15, 35]


def test_two_route_points_on_one_date_make_a_step_and_the_last_listed_counts_from_then():
    points = route((0, 0), (10, 50), (10, 80), (20, 100))
    assert planned_value(points, day(5)) == 25  # heading for the first of the two
    assert planned_value(points, day(10)) == 80
    assert planned_value(points, day(15)) == 90


def test_decimal_values_from_the_database_are_accepted():
    points = [RoutePoint(day(0), Decimal("1.5")), RoutePoint(day(10), Decimal("2.5"))]
    assert planned_value(points, day(5)) == pytest.approx(2.0)


# status


def test_no_measurement_is_no_data():
    assert status(STRAIGHT, [], direction="up") == RouteStatus.NO_DATA


def test_no_route_is_no_data():
    assert status([], measured((5, 5)), direction="up") == RouteStatus.NO_DATA


def test_measurements_after_the_reference_date_are_not_used():
    assert status(STRAIGHT, measured((50, 50)), direction="up", on=day(49)) == RouteStatus.NO_DATA


def test_one_measurement_on_the_route_is_on_route():
    assert status(STRAIGHT, measured((50, 50)), direction="up") == RouteStatus.ON_ROUTE


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (96, RouteStatus.ON_ROUTE),  # 4% short
        (95, RouteStatus.BEHIND),  # 5% short: the threshold itself counts as behind
        (86, RouteStatus.BEHIND),
        (85, RouteStatus.FAR_BEHIND),
        (0, RouteStatus.FAR_BEHIND),
    ],
)
def test_default_thresholds_are_five_and_fifteen_percent_of_the_planned_change(value, expected):
    assert status(STRAIGHT, measured((100, value)), direction="up") == expected


def test_shortfall_is_measured_against_the_planned_change_not_the_absolute_value():
    # Planned 90 → 100; at 95 half the planned change is missing, not 5% of the value.
    found = position(route((0, 90), (100, 100)), measured((100, 95)), direction="up")
    assert found.planned == 100
    assert found.shortfall == pytest.approx(0.5)
    assert found.status == RouteStatus.FAR_BEHIND


def test_thresholds_can_be_set_per_call():
    kwargs = {"direction": "up", "behind": 0.01, "far_behind": 0.03}
    assert status(STRAIGHT, measured((100, 96)), **kwargs) == RouteStatus.FAR_BEHIND
    assert status(STRAIGHT, measured((100, 98)), **kwargs) == RouteStatus.BEHIND


def test_thresholds_out_of_order_are_refused():
    with pytest.raises(ValueError, match="behind"):
        status(STRAIGHT, measured((1, 1)), direction="up", behind=0.2, far_behind=0.1)


def test_an_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="Direction"):
        status(STRAIGHT, measured((1, 1)), direction="Up")


def test_ahead_of_the_route_counts_as_on_route_with_a_negative_shortfall():
    found = position(STRAIGHT, measured((50, 70)), direction="up")
    assert found.status == RouteStatus.ON_ROUTE
    assert found.shortfall == pytest.approx(-0.4)


def test_the_route_is_read_on_the_measurement_date_not_the_reference_date():
    # Measured on day 50 at 50: on route then, though the route plans 100 by day 100.
    assert status(STRAIGHT, measured((50, 50)), direction="up", on=day(100)) == RouteStatus.ON_ROUTE


def test_the_latest_measurement_on_or_before_the_reference_date_counts():
    values = measured((80, 20), (50, 50))  # unsorted on purpose
    assert status(STRAIGHT, values, direction="up", on=day(60)) == RouteStatus.ON_ROUTE
    assert status(STRAIGHT, values, direction="up") == RouteStatus.FAR_BEHIND


def test_of_two_measurements_on_one_date_the_last_listed_counts():
    assert status(STRAIGHT, measured((50, 10), (50, 50)), direction="up") == RouteStatus.ON_ROUTE


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1190, RouteStatus.ON_ROUTE),  # better than planned
        (1210, RouteStatus.ON_ROUTE),  # 10 of 300 short
        (1220, RouteStatus.BEHIND),  # 20 of 300
        (1300, RouteStatus.FAR_BEHIND),  # 100 of 300
    ],
)
def test_direction_down_counts_a_higher_value_as_behind(value, expected):
    gas_use = route((0, 1500), (100, 1200))
    assert status(gas_use, measured((100, value)), direction="down") == expected


def test_after_a_route_entirely_in_the_past_the_target_is_the_yardstick():
    assert status(STRAIGHT, measured((500, 100)), direction="up") == RouteStatus.ON_ROUTE
    found = position(STRAIGHT, measured((500, 90)), direction="up")
    assert (found.planned, found.status) == (100, RouteStatus.BEHIND)


def test_before_a_route_entirely_in_the_future_holding_the_start_is_on_route():
    future = route((365, 0), (730, 100))
    assert status(future, measured((10, 0)), direction="up") == RouteStatus.ON_ROUTE


def test_before_the_route_starts_a_step_back_is_weighed_against_the_whole_planned_change():
    future = route((365, 50), (730, 150))
    found = position(future, measured((10, 40)), direction="up")
    assert found.shortfall == pytest.approx(0.1)
    assert found.status == RouteStatus.BEHIND


def test_a_flat_route_that_holds_a_level_weighs_a_shortfall_against_the_level():
    hold = route((0, 60), (100, 60))
    assert status(hold, measured((50, 57)), direction="up") == RouteStatus.BEHIND
    assert status(hold, measured((50, 60)), direction="up") == RouteStatus.ON_ROUTE


def test_a_route_flat_at_zero_counts_anything_worse_as_far_behind():
    zero = route((0, 0), (100, 0))
    assert status(zero, measured((50, 0)), direction="down") == RouteStatus.ON_ROUTE
    assert status(zero, measured((50, 1)), direction="down") == RouteStatus.FAR_BEHIND


@given(
    points=st.lists(
        st.tuples(st.integers(0, 1000), st.integers(-1000, 1000)), min_size=1, max_size=8
    ),
    on=st.integers(-100, 1100),
)
def test_the_planned_value_never_leaves_the_range_of_the_route(points, on):
    values = [value for _n, value in points]
    planned = planned_value(route(*points), day(on))
    assert min(values) - 1e-9 <= planned <= max(values) + 1e-9


@given(
    points=st.lists(
        st.tuples(st.integers(0, 1000), st.integers(-1000, 1000)), min_size=1, max_size=8
    ),
    on=st.integers(-100, 1100),
    direction=st.sampled_from(["up", "down"]),
)
def test_a_measurement_exactly_on_the_route_is_always_on_route(points, on, direction):
    plan = route(*points)
    value = planned_value(plan, day(on))
    assert status(plan, measured((on, value)), direction=direction) == RouteStatus.ON_ROUTE


# forecast


def test_no_measurement_gives_no_forecast():
    assert forecast([], target=100, direction="up") is None


def test_one_measurement_short_of_the_target_gives_no_pace_and_no_forecast():
    assert forecast(measured((0, 50)), target=100, direction="up") is None


def test_one_measurement_that_meets_the_target_gives_its_date():
    assert forecast(measured((7, 100)), target=100, direction="up") == day(7)


def test_a_target_already_met_gives_the_date_it_was_reached_and_stayed():
    values = measured((30, 90), (0, 50), (10, 101), (20, 99), (40, 102), (50, 105))
    assert forecast(values, target=100, direction="up") == day(40)


def test_a_steady_pace_reaches_the_target_on_the_line():
    values = measured((0, 0), (10, 10), (20, 20))  # one a day
    assert forecast(values, target=50, direction="up") == day(50)


def test_the_forecast_goes_on_from_the_latest_value_at_the_fitted_pace():
    # The fitted pace is half a day (not the last step's two a day), and the 30 still to go
    # count from the last value, 20, not from the fitted line's 15 there.
    values = measured((0, 10), (10, 0), (20, 20))
    assert forecast(values, target=50, direction="up") == day(80)


def test_a_forecast_part_way_through_a_day_rounds_up_to_the_next_day():
    values = measured((0, 0), (1, 3))  # three a day, ten to go from 3 to 13
    assert forecast(values, target=13, direction="up") == day(5)


def test_no_progress_gives_no_forecast():
    assert forecast(measured((0, 40), (10, 40), (20, 40)), target=100, direction="up") is None


def test_moving_the_wrong_way_gives_no_forecast():
    assert forecast(measured((0, 40), (10, 30)), target=100, direction="up") is None
    assert forecast(measured((0, 1400), (10, 1500)), target=1200, direction="down") is None


def test_direction_down_forecasts_when_the_value_falls_to_the_target():
    gas_use = measured((0, 1500), (100, 1400))
    assert forecast(gas_use, target=1200, direction="down") == day(300)
    assert forecast(measured((0, 1500), (100, 1190)), target=1200, direction="down") == day(100)


def test_unsorted_measurements_give_the_same_forecast():
    values = measured((20, 20), (0, 0), (10, 10))
    assert forecast(values, target=50, direction="up") == day(50)


def test_by_default_only_the_last_two_years_set_the_pace():
    # Fast growth three years ago, a standstill since: at the present pace, never.
    values = measured((0, 0), (100, 50), (1000, 60), (1400, 60), (1800, 60))
    assert forecast(values, target=100, direction="up") is None
    wide = forecast(values, target=100, direction="up", window=timedelta(days=5000))
    assert wide is not None and wide > day(1800)


def test_the_pace_can_be_taken_from_the_last_n_measurements():
    values = measured((0, 0), (10, 0), (20, 0), (30, 10), (40, 20))
    assert forecast(values, target=50, direction="up", last=2) == day(70)
    assert forecast(values, target=50, direction="up", last=1) is None


def test_a_pace_so_slow_the_calendar_runs_out_gives_no_forecast():
    values = measured((0, 0), (1, 1e-9))
    assert forecast(values, target=1e9, direction="up") is None


@given(
    values=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 1000)), min_size=1, max_size=12),
    target=st.integers(0, 1000),
    direction=st.sampled_from(["up", "down"]),
)
def test_a_forecast_is_never_before_the_latest_measurement_unless_the_target_is_met(
    values, target, direction
):
    series = measured(*values)
    found = forecast(series, target=target, direction=direction)
    now = max(series, key=lambda m: m.date)  # the last listed of the latest date counts
    now = [m for m in series if m.date == now.date][-1]
    met = now.value >= target if direction == "up" else now.value <= target
    if met:
        assert found is not None and found <= now.date
    elif found is not None:
        assert found > now.date
