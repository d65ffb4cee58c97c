"""Plotly figures for the council's dashboard, built as plain dicts from plain data
(plotly's figure classes cost about 1 ms a figure, the dicts microseconds; the tests check
the dicts with those classes, tests/plotly_figures.py).

The page embeds a figure with `json_script` and static/js/charts.js draws it (no inline script
under our CSP); the plot itself is hidden from screen readers and every chart has a table with
the same figures next to it. Lines differ by dash and marker as well as by colour.
"""

from __future__ import annotations

import datetime
import math

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from wup.chart_text import plotly_text

from .progress import IndicatorProgress, Outlook, unit_decimals
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
        # Decimal and thousands separators of the active language: "1.210" and "3,9" in Dutch.
        "separators": f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}",
        **extra,
    }


def _day(day: datetime.date) -> str:
    return day.isoformat()


# A forecast at most this long after the target date is drawn in full; a later one (2103 at
# a slow start's pace) would squeeze the route into a corner, so its line stops this long after
# the target date (or today, when that is later) and a note at its end says when it arrives.
FORECAST_DRAWN_PAST_TARGET = datetime.timedelta(days=3 * 365)
FORECAST_CUT_PAST_TARGET = datetime.timedelta(days=365)


def _hover(unit: str) -> str:
    """The hover text of a point: its date and its value at the unit's precision."""
    return f"%{{x|%d-%m-%Y}}: %{{y:,.{unit_decimals(unit)}f}}<extra></extra>"


def _forecast_trace(
    progress: IndicatorProgress, *, today: datetime.date, hover: str
) -> tuple[dict, dict | None] | None:
    """Return the dotted line from the latest measurement to the target along the rest of the
    route, shifted by the delay measured so far (progress.projection; a straight line at
    today's pace where the route cannot be followed), and the note at its end when it is cut
    short; None when there is nothing to forecast."""
    target, latest, forecast = progress.target, progress.latest, progress.forecast
    if not (target and latest and forecast and forecast > latest.date):
        return None
    projection = progress.projection
    if projection is not None and projection.line:
        line = [(day, float(value)) for day, value in projection.line]
        name = _("Verwacht: de route, opgeschoven met de achterstand")
    else:
        line = [(latest.date, float(latest.value)), (forecast, float(target.value))]
        name = _("Verwacht bij het huidige tempo")
    note = None
    if progress.outlook == Outlook.BEYOND or forecast > target.date + FORECAST_DRAWN_PAST_TARGET:
        end = max(target.date, today, latest.date) + FORECAST_CUT_PAST_TARGET
        line = _cut(line, end)
        if progress.outlook == Outlook.BEYOND:
            text = _("verwacht: doel pas na %(year)s") % {"year": progress.horizon.year}
        else:
            text = _("verwacht: doel in %(year)s") % {"year": forecast.year}
        note = {
            "x": _day(line[-1][0]),
            "y": line[-1][1],
            "xref": "x",
            "yref": "y",
            "text": text + " →",
            "showarrow": False,
            "xanchor": "right",
            "yanchor": "bottom",
            "font": {"color": FORECAST_COLOUR},
        }
    trace = {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "x": [_day(day) for day, _value in line],
        "y": [value for _day_, value in line],
        "line": {"color": FORECAST_COLOUR, "width": 2, "dash": "dot"},
        "hovertemplate": hover,
    }
    return trace, note


def _cut(line: list[tuple[datetime.date, float]], end: datetime.date) -> list:
    """Return the line up to `end`, ending on it (its value there interpolated)."""
    kept = [point for point in line if point[0] <= end]
    after = next((point for point in line if point[0] > end), None)
    if after is not None and kept:
        (day, value), (next_day, next_value) = kept[-1], after
        share = (end - day).days / (next_day - day).days
        kept.append((end, value + share * (next_value - value)))
    return kept


def _year_ticks(days: list[datetime.date]) -> dict:
    """Return x-axis ticks on whole years, at most about ten of them: year numbers read the same
    in every language, Plotly's own month names are English."""
    first, last = min(days), max(days)
    step = max(1, math.ceil((last.year - first.year + 1) / 10))
    return {"tickformat": "%Y", "dtick": f"M{12 * step}", "tick0": f"{first.year}-01-01"}


def route_chart(progress: IndicatorProgress, *, today: datetime.date) -> dict | None:
    """Return the route (dashed) against the measurements (solid, with markers) of one indicator,
    with today marked and, when the target is not met yet, the forecast at the present pace
    (dotted; cut short, with a note, when it lies far beyond the target date). Measurements
    after `today` are left out, as they are of the status. None when the indicator has neither
    a route nor a measurement."""
    measurements = [m for m in progress.measurements if m.date <= today]
    if not progress.route and not measurements:
        return None
    indicator = progress.indicator
    unit = str(indicator.get_unit_display())
    hover = _hover(indicator.unit)
    data: list[dict] = []
    annotations: list[dict] = [
        {
            "x": _day(today),
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "text": _("vandaag"),
            "showarrow": False,
            "yanchor": "bottom",
        }
    ]
    days = [today]
    if progress.route:
        points = sorted(progress.route, key=lambda p: p.date)
        days += [p.date for p in points]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _("Route (gepland)"),
                "x": [_day(p.date) for p in points],
                "y": [float(p.value) for p in points],
                "line": {"color": ROUTE_COLOUR, "width": 2, "dash": "dash"},
                "marker": {"symbol": "diamond-open", "size": 9},
                "hovertemplate": hover,
            }
        )
    if measurements:
        days += [m.date for m in measurements]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _("Gemeten"),
                "x": [_day(m.date) for m in measurements],
                "y": [float(m.value) for m in measurements],
                "line": {"color": MEASURED_COLOUR, "width": 3},
                "marker": {"symbol": "circle", "size": 9},
                "hovertemplate": hover,
            }
        )
    found = _forecast_trace(progress, today=today, hover=hover)
    if found:
        trace, note = found
        days.append(datetime.date.fromisoformat(trace["x"][-1]))
        data.append(trace)
        if note:
            annotations.append(note)
    return {
        "data": data,
        "layout": _layout(
            title={"text": plotly_text(indicator.name)},
            xaxis={"type": "date", **_year_ticks(days)},
            yaxis={"title": {"text": unit}, "rangemode": "tozero", "separatethousands": True},
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
            annotations=annotations,
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
