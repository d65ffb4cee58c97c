"""Plotly figures for dialogue results, built as plain dicts from plain data
(plotly's figure classes cost about 1 ms a figure, the dicts microseconds; the tests check
the dicts with those classes, tests/plotly_figures.py).

The page embeds a figure with `json_script` and static/js/charts.js draws it (no inline script
under our CSP). Every chart on a page also has a table with the same figures.
"""

from __future__ import annotations

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from wup.chart_text import plotly_text

from .models import Side
from .results import Results

SIDE_COLOURS = {Side.LEGITIMACY: "#1f5f99", Side.ENGAGEMENT: "#a34a00", Side.RETURN: "#2e7d32"}
FONT = {"family": "system-ui, sans-serif", "size": 16, "color": "#1a1a1a"}


def _layout(**extra) -> dict:
    return {
        "font": FONT,
        "margin": {"l": 90, "r": 90, "t": 50, "b": 40},  # room for the side labels
        "paper_bgcolor": "#ffffff",
        "showlegend": False,
        # Decimal and thousands separators of the active language: axis ticks "1,5" in Dutch.
        "separators": f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}",
        **extra,
    }


def triangle(results: Results) -> dict | None:
    """Return a radar chart of the three side means (1–5), or None while nobody has scored."""
    means = [results.sides[side].mean for side in Side]
    if all(mean is None for mean in means):
        return None
    labels = [str(side.label) for side in Side]
    values = [mean or 0 for mean in means]
    return {
        "data": [
            {
                "type": "scatterpolar",
                "r": [*values, values[0]],
                "theta": [*labels, labels[0]],
                "fill": "toself",
                "fillcolor": "rgba(21, 66, 115, 0.25)",
                "line": {"color": "#154273", "width": 3},
                "hovertemplate": "%{theta}: %{r:.1f}<extra></extra>",
            }
        ],
        "layout": _layout(
            polar={"radialaxis": {"range": [0, 5], "tickvals": [1, 2, 3, 4, 5]}},
            title={"text": _("Gemiddelde score per kant (1 tot 5)")},
        ),
    }


def trend(points: list[tuple[str, Results]]) -> dict | None:
    """Return one line per side through the sessions' means, oldest first; None without data."""
    if not points:
        return None
    labels = [plotly_text(label) for label, _results in points]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": str(side.label),
                "x": labels,
                "y": [results.sides[side].mean for _label, results in points],
                "line": {"color": SIDE_COLOURS[side], "width": 3},
                "marker": {"size": 10},
            }
            for side in Side
        ],
        "layout": _layout(
            showlegend=True,
            yaxis={"range": [1, 5], "title": {"text": _("gemiddelde score")}},
            title={"text": _("Scores per sessie")},
        ),
    }
