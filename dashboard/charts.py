"""Plotly figures for the council's dashboard, built as plain dicts from plain data.

The page embeds a figure with `json_script` and static/js/charts.js draws it (no inline script
under our CSP); the plot itself is hidden from screen readers and every chart has a table with
the same figures next to it. Lines differ by dash and marker as well as by colour.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from .progress import IndicatorProgress
from .pulse import MonthMeans

FONT = {"family": "system-ui, sans-serif", "size": 14, "color": "#1a1a1a"}
ROUTE_COLOUR = "#5c5c5c"
MEASURED_COLOUR = "#154273"
FORECAST_COLOUR = "#a34a00"
TODAY_COLOUR = "#1a1a1a"
PULSE_COLOURS = {"trust": "#1f5f99", "co_ownership": "#a34a00", "legitimacy": "#2e7d32"}
PULSE_MARKERS = {"trust": "circle", "co_ownership": "square", "legitimacy": "diamond"}
PULSE_DASHES = {"trust": "solid", "co_ownership": "dash", "legitimacy": "dot"}


def _layout(**extra) -> dict:
    return {
        "font": FONT,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.2},
        **extra,
    }


def _day(day: datetime.date) -> str:
    return day.isoformat()


def route_chart(progress: IndicatorProgress, *, today: datetime.date) -> dict | None:
    """Return the route (dashed) against the measurements (solid, with markers) of one indicator,
    with today marked and, when the target is not met yet, the forecast at the present pace
    (dotted). None when the indicator has neither a route nor a measurement."""
    if not progress.route and not progress.measurements:
        return None
    indicator = progress.indicator
    unit = str(indicator.get_unit_display())
    data: list[dict] = []
    if progress.route:
        points = sorted(progress.route, key=lambda p: p.date)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _("Route (gepland)"),
                "x": [_day(p.date) for p in points],
                "y": [float(p.value) for p in points],
                "line": {"color": ROUTE_COLOUR, "width": 2, "dash": "dash"},
                "marker": {"symbol": "diamond-open", "size": 9},
                "hovertemplate": "%{x|%d-%m-%Y}: %{y}<extra></extra>",
            }
        )
    if progress.measurements:
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _("Gemeten"),
                "x": [_day(m.date) for m in progress.measurements],
                "y": [float(m.value) for m in progress.measurements],
                "line": {"color": MEASURED_COLOUR, "width": 3},
                "marker": {"symbol": "circle", "size": 9},
                "hovertemplate": "%{x|%d-%m-%Y}: %{y}<extra></extra>",
            }
        )
    target, latest = progress.target, progress.latest
    if target and latest and progress.forecast and progress.forecast > latest.date:
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": _("Verwacht bij het huidige tempo"),
                "x": [_day(latest.date), _day(progress.forecast)],
                "y": [float(latest.value), float(target.value)],
                "line": {"color": FORECAST_COLOUR, "width": 2, "dash": "dot"},
                "hovertemplate": "%{x|%d-%m-%Y}: %{y}<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": _layout(
            title={"text": indicator.name},
            xaxis={"type": "date"},
            yaxis={"title": {"text": unit}, "rangemode": "tozero"},
            shapes=[
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": _day(today),
                    "x1": _day(today),
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": TODAY_COLOUR, "width": 1, "dash": "dashdot"},
                }
            ],
            annotations=[
                {
                    "x": _day(today),
                    "y": 1,
                    "xref": "x",
                    "yref": "paper",
                    "text": _("vandaag"),
                    "showarrow": False,
                    "yanchor": "bottom",
                }
            ],
        ),
    }


def pulse_chart(summary: list[MonthMeans]) -> dict | None:
    """Return one line per pulse question through the monthly means (1–5); None without months
    that have enough answers."""
    if not summary:
        return None
    names = {
        "trust": _("Vertrouwen"),
        "co_ownership": _("Mede-eigenaarschap"),
        "legitimacy": _("Legitimiteit"),
    }
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": str(label),
                "x": [_day(m.month) for m in summary],
                "y": [getattr(m, key) for m in summary],
                "line": {"color": PULSE_COLOURS[key], "width": 3, "dash": PULSE_DASHES[key]},
                "marker": {"symbol": PULSE_MARKERS[key], "size": 9},
                "hovertemplate": "%{x|%m-%Y}: %{y:.1f}<extra></extra>",
            }
            for key, label in names.items()
        ],
        "layout": _layout(
            title={"text": _("Peiling per maand (gemiddelde 1 tot 5)")},
            xaxis={"type": "date", "dtick": "M1", "tickformat": "%m-%Y"},
            yaxis={"range": [1, 5], "title": {"text": _("gemiddelde score")}},
        ),
    }
