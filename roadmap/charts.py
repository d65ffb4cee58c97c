"""Plotly figures for roadmaps, built as plain dicts from plain data
(plotly's figure classes cost about 1 ms a figure, the dicts microseconds; the tests check
the dicts with those classes, tests/plotly_figures.py).

The milestone timeline: per milestone the planned (baseline) date and the date expected today
(achieved, or forecast), joined by a line, so a slip shows as its length. Every page that shows
it also has the milestones table with the same dates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from wup.chart_text import plotly_text

STATUS_COLOURS = {
    "behaald": "#2e7d32",
    "vertraagd": "#b3261e",
    "risico": "#a34a00",
}
DEFAULT_COLOUR = "#154273"


@dataclass(frozen=True)
class TimelineRow:
    title: str
    baseline: datetime.date
    expected: datetime.date
    status: str


def timeline(rows: list[TimelineRow]) -> dict | None:
    """Return the milestone timeline figure, or None without milestones."""
    if not rows:
        return None
    rows = sorted(rows, key=lambda r: (r.baseline, r.title))
    titles = [plotly_text(r.title) for r in rows]
    lines = {"x": [], "y": []}
    for row in rows:
        lines["x"] += [row.baseline.isoformat(), row.expected.isoformat(), None]
        title = plotly_text(row.title)
        lines["y"] += [title, title, None]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "x": lines["x"],
                "y": lines["y"],
                "line": {"color": "#6b6b6b", "width": 2},
                "hoverinfo": "skip",
                "showlegend": False,
            },
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("Gepland"),
                "x": [r.baseline.isoformat() for r in rows],
                "y": titles,
                "marker": {"symbol": "circle-open", "size": 12, "color": "#1a1a1a"},
            },
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("Verwacht of behaald"),
                "x": [r.expected.isoformat() for r in rows],
                "y": titles,
                "marker": {
                    "symbol": "diamond",
                    "size": 12,
                    "color": [STATUS_COLOURS.get(r.status, DEFAULT_COLOUR) for r in rows],
                },
            },
        ],
        "layout": {
            "font": {"family": "system-ui, sans-serif", "size": 14, "color": "#1a1a1a"},
            "margin": {"l": 260, "r": 30, "t": 40, "b": 40},
            "height": 120 + 36 * len(rows),
            "paper_bgcolor": "#ffffff",
            "yaxis": {"autorange": "reversed", "automargin": True},
            "xaxis": {"type": "date"},
            "legend": {"orientation": "h", "y": 1.08},
            "title": {"text": _("Tussendoelen: gepland en verwacht")},
        },
    }
