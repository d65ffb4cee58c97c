"""The council dashboard's Plotly figures are valid for the plotly.js the pages load, in every
shape a route chart takes (what it draws is tested in test_council.py)."""

import datetime

import pytest

from dashboard import charts, route
from dashboard.models import Indicator
from dashboard.progress import IndicatorProgress, Outlook
from dashboard.pulse import MonthMeans
from tests.plotly_figures import assert_valid_figure

TODAY = datetime.date(2026, 6, 1)
YEAR = datetime.timedelta(days=365)


def progress(*, route_to: float | None, measured: list[float], forecast, unit="aantal"):
    """Progress of one indicator: a route from two years ago to 2030, measurements every two
    months up to today, and the forecast given."""
    points = (
        [
            route.RoutePoint(TODAY - 2 * YEAR, 0.0),
            route.RoutePoint(datetime.date(2030, 1, 1), route_to),
        ]
        if route_to is not None
        else []
    )
    days = [TODAY - datetime.timedelta(days=60 * k) for k in range(len(measured) - 1, -1, -1)]
    return IndicatorProgress(
        indicator=Indicator(name="Woningen aardgasvrij", unit=unit),
        route=points,
        measurements=[
            route.Measurement(day, value) for day, value in zip(days, measured, strict=True)
        ],
        position=None,
        forecast=forecast,
        on=TODAY,
    )


@pytest.mark.parametrize(
    ("shape", "outlook", "notes"),
    [
        pytest.param(
            {"route_to": 600, "measured": [100, 250, 400], "forecast": datetime.date(2029, 3, 1)},
            Outlook.ON_TIME,
            0,
            id="forecast drawn in full",
        ),
        pytest.param(
            {"route_to": 600, "measured": [10, 20, 30], "forecast": datetime.date(2039, 5, 1)},
            Outlook.LATE,
            1,
            id="forecast cut short with a note",
        ),
        pytest.param(
            {"route_to": 600, "measured": [1, 2, 3], "forecast": datetime.date(2103, 1, 1)},
            Outlook.BEYOND,
            1,
            id="target only after 2050",
        ),
        pytest.param(
            {"route_to": 40, "measured": [], "forecast": None, "unit": "procent"},
            Outlook.NONE,
            0,
            id="route, nothing measured",
        ),
        pytest.param(
            {"route_to": None, "measured": [3.1, 3.4], "forecast": None, "unit": "score"},
            Outlook.NONE,
            0,
            id="measured, no route",
        ),
    ],
)
def test_route_chart_is_a_valid_plotly_figure(shape, outlook, notes):
    found = progress(**shape)
    assert found.outlook == outlook
    figure = charts.route_chart(found, today=TODAY)
    assert_valid_figure(figure)
    assert len(figure["layout"]["annotations"]) == 1 + notes  # "vandaag", and the note


def test_pulse_chart_is_a_valid_plotly_figure():
    months = [
        MonthMeans(datetime.date(2026, 3, 1), n=14, trust=3.2, co_ownership=2.8, legitimacy=3.6),
        MonthMeans(datetime.date(2026, 4, 1), n=9, trust=3.4, co_ownership=3.0, legitimacy=3.5),
    ]
    figure = charts.pulse_chart(months)
    assert_valid_figure(figure)
    assert len(figure["data"]) == 3


def test_an_indicator_name_is_shown_as_typed_never_as_a_link():
    progress_ = progress(route_to=100.0, measured=[10.0, 20.0], forecast=None)
    progress_.indicator.name = '<a href="https://evil.example">Woningen</a>'
    figure = charts.route_chart(progress_, today=TODAY)
    assert figure["layout"]["title"]["text"] == (
        '&lt;a href="https://evil.example"&gt;Woningen&lt;/a&gt;'
    )
