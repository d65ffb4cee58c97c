"""Forecasts in the route's shape (issue 11, item 2): the rest of the adopted route from the latest
measurement, shifted by the delay measured so far, for a step route (a heat network that goes
live on one day), an S-shaped route and a straight one, on their edges: nothing measured, on
plan, ahead, behind, finished."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dashboard.route import Measurement, RoutePoint, route_forecast


def pts(*pairs) -> list[RoutePoint]:
    return [RoutePoint(day, value) for day, value in pairs]


def m(day: date, value: float) -> Measurement:
    return Measurement(day, value)


D = date
# A heat network: nothing until it goes live on 1 January 2030, then 400 homes on the first
# day and the rest connected in two years.
STEP = pts((D(2024, 1, 1), 0), (D(2030, 1, 1), 0), (D(2030, 1, 1), 400), (D(2032, 1, 1), 1000))
# Slow start, fast middle, slow end.
S = pts(
    (D(2024, 1, 1), 0),
    (D(2026, 1, 1), 50),
    (D(2028, 1, 1), 200),
    (D(2029, 1, 1), 500),
    (D(2030, 1, 1), 800),
    (D(2032, 1, 1), 950),
    (D(2034, 1, 1), 1000),
)
LINEAR = pts((D(2024, 1, 1), 0), (D(2034, 1, 1), 1000))


# --- Nothing measured, finished -------------------------------------------------------------


@pytest.mark.parametrize("route", [STEP, S, LINEAR], ids=["step", "s", "linear"])
def test_nothing_measured_gives_no_forecast(route):
    assert route_forecast(route, [], direction="up") is None
    assert route_forecast([], [m(D(2027, 1, 1), 10)], direction="up") is None


@pytest.mark.parametrize("route", [STEP, S, LINEAR], ids=["step", "s", "linear"])
def test_finished_gives_the_day_the_target_was_reached(route):
    found = route_forecast(
        route,
        [m(D(2030, 6, 1), 900), m(D(2031, 1, 1), 1000), m(D(2031, 6, 1), 1010)],
        direction="up",
    )
    assert (found.reached, found.method, found.delay_days) == (D(2031, 1, 1), "met", 0)


# --- On plan: never later than the route ------------------------------------------------------


def test_step_route_on_plan_before_the_network_goes_live():
    # Nothing happens until 2030: zero homes in 2027 is exactly on plan, not "after 2050".
    found = route_forecast(STEP, [m(D(2026, 1, 1), 0), m(D(2027, 1, 1), 0)], direction="up")
    assert found.delay_days == 0
    assert found.reached == D(2032, 1, 1)
    # The line keeps the step: flat at zero, up to 400 on the day it goes live, then to 1,000.
    assert found.line == [
        (D(2027, 1, 1), 0),
        (D(2030, 1, 1), 0),
        (D(2030, 1, 1), 400),
        (D(2032, 1, 1), 1000),
    ]


@pytest.mark.parametrize(
    ("route", "measured"),
    [(S, m(D(2028, 1, 1), 200)), (LINEAR, m(D(2029, 1, 1), 500.2))],
    ids=["s", "linear"],
)
def test_on_plan_reaches_the_target_on_the_routes_date(route, measured):
    found = route_forecast(route, [measured], direction="up")
    assert found.delay_days == 0
    assert found.reached == D(2034, 1, 1)
    assert found.line[0] == (measured.date, measured.value)
    assert found.line[-1] == (D(2034, 1, 1), 1000)


def test_the_s_route_line_follows_the_s():
    found = route_forecast(S, [m(D(2028, 1, 1), 200)], direction="up")
    assert [day for day, _ in found.line] == [
        D(2028, 1, 1),
        D(2029, 1, 1),
        D(2030, 1, 1),
        D(2032, 1, 1),
        D(2034, 1, 1),
    ]
    assert [value for _, value in found.line] == [200, 500, 800, 950, 1000]


# --- Behind: the rest of the route shifted by the delay -----------------------------------------


def test_step_route_behind_shifts_the_step():
    # A year after go-live the network still is not live: the step and all after it move a year.
    found = route_forecast(STEP, [m(D(2031, 1, 1), 0)], direction="up")
    # The route was last at zero on 1 January 2030: 365 days ago. The step is due today.
    assert found.delay_days == 365
    assert found.reached == D(2032, 1, 1) + timedelta(days=365)
    assert found.line == [
        (D(2031, 1, 1), 0),
        (D(2031, 1, 1), 400),
        (found.reached, 1000),
    ]


def test_s_route_behind():
    # 50 homes in 2028 is where the route was in 2026: two years behind.
    found = route_forecast(S, [m(D(2027, 1, 1), 20), m(D(2028, 1, 1), 50)], direction="up")
    assert found.delay_days == 730
    assert found.reached == D(2034, 1, 1) + timedelta(days=730)
    assert found.method == "route"


def test_linear_route_behind():
    # 400 in 2029 is where the route was a year before.
    found = route_forecast(LINEAR, [m(D(2029, 1, 1), 400)], direction="up")
    assert 360 <= found.delay_days <= 370
    assert found.reached == D(2034, 1, 1) + timedelta(days=found.delay_days)
    assert found.line == [(D(2029, 1, 1), 400), (found.reached, 1000)]


# --- Ahead ---------------------------------------------------------------------------------------


def test_step_route_ahead_does_not_bring_the_step_forward():
    # 300 homes already off gas in 2027 (other ways than the network): the rest still waits
    # for the network.
    found = route_forecast(STEP, [m(D(2027, 1, 1), 300)], direction="up")
    assert found.delay_days == 0
    assert D(2030, 1, 1) < found.reached < D(2032, 1, 1)


def test_s_route_ahead_is_done_early_by_its_lead():
    # 500 in 2028 is where the route plans to be in 2029: a year ahead.
    found = route_forecast(S, [m(D(2028, 1, 1), 500)], direction="up")
    assert found.reached == D(2034, 1, 1) - timedelta(days=366)
    assert found.line[0] == (D(2028, 1, 1), 500)
    assert found.line[-1] == (found.reached, 1000)


def test_linear_route_ahead():
    found = route_forecast(LINEAR, [m(D(2029, 1, 1), 600)], direction="up")
    assert D(2032, 12, 1) <= found.reached <= D(2033, 2, 1)


# --- Down and the fall-back --------------------------------------------------------------------


def test_a_falling_route_is_read_the_same_way():
    gas = pts((D(2024, 1, 1), 1000), (D(2034, 1, 1), 0))
    on_plan = route_forecast(gas, [m(D(2029, 1, 1), 499.8)], direction="down")
    assert on_plan.reached == D(2034, 1, 1)
    behind = route_forecast(gas, [m(D(2029, 1, 1), 600)], direction="down")
    assert behind.reached > D(2034, 12, 1)
    assert behind.line[-1] == (behind.reached, 0)


def test_part_way_up_a_step_already_passed_falls_back_to_the_pace():
    # The last step (to the target) should have been taken; half of it was: the shifted route
    # would be done already, so the pace of the measurements says when.
    route = pts((D(2024, 1, 1), 0), (D(2030, 1, 1), 0), (D(2030, 1, 1), 1000))
    found = route_forecast(route, [m(D(2030, 6, 1), 300), m(D(2031, 1, 1), 500)], direction="up")
    assert found.method == "pace"
    assert found.reached is not None and found.reached > D(2031, 1, 1)
