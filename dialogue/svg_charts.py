"""The session report's chart as plain SVG, drawn in Python without a browser: the mean score per
side of the value triangle. Its figures are rounded as the table's (floatformat: half up), so a
bar never says "2,6" next to "2,7" in the table.

It carries a <title> and a <desc> that say in words what it shows, uses text labels rather than
colour alone, and sits next to a table with the same figures. The shared font and colours are in
reports/svg.py.
"""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from reports.svg import ACCENT, GRID, MUTED, BarRows, chart_start
from reports.svg import shorten as _shorten
from reports.svg import text as _x


def side_means_bars(
    rows: list[tuple[str, float | None]], *, width: int = 560, scale_max: int = 5
) -> str:
    """Return a horizontal bar chart of the value-triangle side means on a 1–5 scale."""
    layout = BarRows(
        width=width, rows=len(rows), bar_height=26, gap=14, top=16, right=60, bottom=30
    )
    plot_left, plot_right = layout.plot_left, layout.plot_right
    title = _("Gemiddelde score per kant van de waardendriehoek (1 tot 5)")
    described = [
        f"{label}: {floatformat(mean, 1) if mean is not None else _('geen scores')}"
        for label, mean in rows
    ]
    desc = "; ".join(described) + ". " + _("De tabel hieronder geeft dezelfde cijfers.")

    def x_of(value: float) -> float:
        return round(plot_left + value / scale_max * (plot_right - plot_left), 1)

    parts = chart_start(
        width=width,
        height=layout.height,
        id_prefix="bars",
        title=title,
        description=desc,
        font_size=12,
    )
    axis_bottom = layout.rows_bottom
    for tick in range(0, scale_max + 1):
        x = x_of(tick)
        parts.append(
            f'<line x1="{x}" y1="{layout.top - 4}" x2="{x}" y2="{axis_bottom}" stroke="{GRID}"/>'
            f'<text x="{x}" y="{axis_bottom + 16}" text-anchor="middle" fill="{MUTED}">'
            f"{tick}</text>"
        )
    for index, (label, mean) in enumerate(rows):
        parts.append(layout.label(index, _shorten(label, 22)))
        if mean is None:
            parts.append(
                f'<text x="{plot_left + 4}" y="{layout.text_y(index)}" fill="{MUTED}">'
                f"{_x(_('geen scores'))}</text>"
            )
            continue
        x_end = x_of(max(0.0, min(float(mean), scale_max)))
        parts.append(
            f'<rect x="{plot_left}" y="{layout.row_top(index)}" '
            f'width="{round(x_end - plot_left, 1)}" height="{layout.bar_height}" fill="{ACCENT}"/>'
            f'<text x="{x_end + 6}" y="{layout.text_y(index)}">{_x(floatformat(mean, 1))}'
            "</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
