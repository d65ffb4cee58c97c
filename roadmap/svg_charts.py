"""The roadmap report's milestone timeline as plain SVG, drawn in Python without a browser (the
council's progress report draws it too).

Each chart carries a <title> and a <desc> that say in words what it shows, uses text labels rather
than colour alone, and is placed next to a table with the same figures in the report. The shared
font and colours are in reports/svg.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.svg import ACCENT, GRID, INK, MUTED, chart_start
from reports.svg import shorten as _shorten
from reports.svg import text as _x

BASELINE = "#5c5c5c"
FORECAST_ON_TIME = ACCENT
FORECAST_LATE = "#a34a00"
ACHIEVED = "#2e7d32"


@dataclass(frozen=True)
class TimelineRow:
    title: str
    baseline: datetime.date
    forecast: datetime.date | None = None
    achieved: datetime.date | None = None

    @property
    def expected(self) -> datetime.date:
        return self.achieved or self.forecast or self.baseline

    @property
    def slip_days(self) -> int:
        return (self.expected - self.baseline).days


def _year_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 1, 1)


def _ticks(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Return tick dates: every year, every quarter for short spans."""
    months = 3 if (end - start).days <= 550 else 12
    if (end - start).days > 12 * 366:
        months = 24
    ticks = []
    day = start
    while day <= end:
        ticks.append(day)
        month = day.month - 1 + months
        day = datetime.date(day.year + month // 12, month % 12 + 1, 1)
    return ticks


def milestone_timeline(rows: list[TimelineRow], *, width: int = 760) -> str:
    """Return an SVG timeline: per milestone the baseline date, and the forecast or achieved date.

    A grey open diamond marks the planned (baseline) date; a blue dot the forecast when on time, an
    orange dot the forecast when later; a green square the date it was achieved. A line joins
    baseline and expected date, so a slip shows as a length.
    """
    label_width = 250
    top = 64
    row_height = 30
    plot_left = label_width + 10
    plot_right = width - 20
    height = top + row_height * max(len(rows), 1) + 40

    late = sum(1 for r in rows if r.slip_days > 0 and not r.achieved)
    achieved = sum(1 for r in rows if r.achieved)
    title = _("Tijdlijn van de tussendoelen")
    desc = " ".join(
        [
            ngettext(
                "%(n)d tussendoel: geplande datum en verwachte of behaalde datum.",
                "%(n)d tussendoelen: geplande datum en verwachte of behaalde datum.",
                len(rows),
            )
            % {"n": len(rows)},
            ngettext("%(n)d is later dan gepland.", "%(n)d zijn later dan gepland.", late)
            % {"n": late},
            ngettext("%(n)d is behaald.", "%(n)d zijn behaald.", achieved) % {"n": achieved},
            _("De tabel hieronder geeft dezelfde gegevens."),
        ]
    )
    parts = chart_start(
        width=width, height=height, id_prefix="tl", title=title, description=desc, font_size=13
    )
    # Legend, in words as well as shapes.
    legend_y = 20
    parts += [
        f'<g aria-hidden="true" transform="translate({plot_left},{legend_y})">',
        f'<path d="M0,-6 L6,0 L0,6 L-6,0 Z" fill="#ffffff" stroke="{BASELINE}" stroke-width="2"/>',
        f'<text x="12" y="4">{_x(_("gepland"))}</text>',
        f'<circle cx="110" cy="0" r="6" fill="{FORECAST_ON_TIME}"/>',
        f'<text x="122" y="4">{_x(_("verwacht, op tijd"))}</text>',
        f'<circle cx="260" cy="0" r="6" fill="{FORECAST_LATE}"/>',
        f'<text x="272" y="4">{_x(_("verwacht, later"))}</text>',
        f'<rect x="384" y="-6" width="12" height="12" fill="{ACHIEVED}"/>',
        f'<text x="402" y="4">{_x(_("behaald"))}</text>',
        "</g>",
    ]
    if not rows:
        parts.append(
            f'<text x="{plot_left}" y="{top + 20}" fill="{MUTED}">'
            f"{_x(_('Er zijn nog geen tussendoelen.'))}</text></svg>"
        )
        return "".join(parts)

    dates = [d for r in rows for d in (r.baseline, r.forecast, r.achieved) if d]
    start = _year_start(min(dates))
    last = max(dates)
    end = datetime.date(last.year + 1, 1, 1)
    span = max((end - start).days, 1)

    def x_of(day: datetime.date) -> float:
        return round(plot_left + (day - start).days / span * (plot_right - plot_left), 1)

    axis_bottom = top + row_height * len(rows)
    for tick in _ticks(start, end):
        x = x_of(tick)
        label = str(tick.year) if tick.month == 1 else date_format(tick, "M Y")
        parts.append(
            f'<line x1="{x}" y1="{top - 8}" x2="{x}" y2="{axis_bottom}" stroke="{GRID}"/>'
            f'<text x="{x}" y="{axis_bottom + 18}" text-anchor="middle" fill="{MUTED}">'
            f"{_x(label)}</text>"
        )
    for index, row in enumerate(rows):
        y = top + row_height * index + row_height / 2
        parts.append(
            f'<text x="{label_width}" y="{y + 4}" text-anchor="end">{_x(_shorten(row.title, 36))}'
            "</text>"
        )
        xb = x_of(row.baseline)
        xe = x_of(row.expected)
        colour = (
            ACHIEVED if row.achieved else FORECAST_LATE if row.slip_days > 0 else FORECAST_ON_TIME
        )
        if xe != xb:
            parts.append(
                f'<line x1="{xb}" y1="{y}" x2="{xe}" y2="{y}" stroke="{colour}" stroke-width="3"/>'
            )
        parts.append(
            f'<path d="M{xb},{y - 7} L{xb + 7},{y} L{xb},{y + 7} L{xb - 7},{y} Z" fill="#ffffff" '
            f'stroke="{BASELINE}" stroke-width="2"/>'
        )
        if row.achieved:
            parts.append(
                f'<rect x="{xe - 6}" y="{y - 6}" width="12" height="12" fill="{ACHIEVED}"/>'
            )
        elif row.forecast:
            parts.append(f'<circle cx="{xe}" cy="{y}" r="6" fill="{colour}"/>')
    parts.append(
        f'<line x1="{plot_left}" y1="{axis_bottom}" x2="{plot_right}" y2="{axis_bottom}" '
        f'stroke="{INK}"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
