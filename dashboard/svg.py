"""SVG for the council: the status map of the neighbourhoods (web and PDF), its legend, and the
bar chart of how many neighbourhoods have each status (PDF). Drawn in Python, no browser, no
tile server.

Status is never carried by colour alone: each status has its own fill pattern (plain, stripes,
cross-hatch, dots) as well as its colour, each area's <title> says the status in words, the
legend names every status, and the page puts the same facts in a table.

The map itself is `wup.svg_map.render_map`; this module gives it the status patterns as `defs`,
each area's pattern as its fill, and a label style: a name on a pattern would be hard to read in
any single colour (white dots on grey, white stripes on orange), so each name is drawn in
near-black on a white halo: 19:1 against the halo, and the halo stands out 3:1 or more from every
status colour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from reports.svg import GRID, INK, BarRows, chart_start
from wup.models import Municipality
from wup.svg import Swatch, legend
from wup.svg import text as _x
from wup.svg_map import LabelStyle, MapArea, neighbourhood_outlines, render_map

from .progress import STATUS_ORDER
from .route import RouteStatus

# Each 3:1 or more against white (WCAG 1.4.11). Rijkshuisstijl groen, oranje, rood, grijs.
STATUS_COLOURS: dict[str, str] = {
    RouteStatus.ON_ROUTE: "#39870c",
    RouteStatus.BEHIND: "#e17000",
    RouteStatus.FAR_BEHIND: "#d52b1e",
    RouteStatus.NO_DATA: "#696969",
}
TIMELINE_MAX_ROWS = 25

# The names on the map: near-black on a white halo, whatever the fill beneath.
LABEL_INK = "#0b0c0c"
LABEL_HALO = "#ffffff"
LABEL_HALO_WIDTH = 5  # in map units (about pixels on a laptop): 2.5 around each letter


def _pattern(pattern_id: str, status: str) -> str:
    """Return the <pattern> of a status: its colour with plain, striped, hatched or dotted fill."""
    colour = STATUS_COLOURS[status]
    marks = {
        RouteStatus.ON_ROUTE: "",
        RouteStatus.BEHIND: (
            '<path d="M-2,2 L2,-2 M0,10 L10,0 M8,12 L12,8" stroke="#ffffff" stroke-width="2.5"/>'
        ),
        RouteStatus.FAR_BEHIND: (
            '<path d="M0,0 L10,10 M10,0 L0,10" stroke="#000000" stroke-width="1.6"/>'
        ),
        RouteStatus.NO_DATA: '<circle cx="5" cy="5" r="1.8" fill="#ffffff"/>',
    }[status]
    return (
        f'<pattern id="{_x(pattern_id)}" width="10" height="10" patternUnits="userSpaceOnUse">'
        f'<rect width="10" height="10" fill="{colour}"/>{marks}</pattern>'
    )


# Names over patterns would be hard to read in any single colour: near-black on a white halo.
LABELS = LabelStyle(ink=LABEL_INK, halo=LABEL_HALO, halo_width=LABEL_HALO_WIDTH)


def _patterns(id_prefix: str) -> str:
    return "".join(_pattern(f"{id_prefix}-{status}", status) for status in STATUS_COLOURS)


def _fill(status: str, id_prefix: str) -> str:
    return f"url(#{id_prefix}-{status if status in STATUS_COLOURS else RouteStatus.NO_DATA})"


@dataclass(frozen=True)
class StatusMap:
    svg: SafeString
    legend: SafeString


def _areas(
    municipality: Municipality,
    statuses: Mapping[str, tuple[str, str]],
    url: Callable[[str], str],
    id_prefix: str,
) -> list[MapArea]:
    """Return an area per neighbourhood in `statuses` (slug → (status, label)) that has a
    boundary (one query)."""
    return [
        MapArea(
            name=outline.name,
            url=url(outline.slug),
            geometry=outline.geometry,
            fill=_fill(statuses[outline.slug][0], id_prefix),
            label=statuses[outline.slug][1],
        )
        for outline in neighbourhood_outlines(municipality)
        if outline.slug in statuses
    ]


def _render(
    municipality: Municipality, areas: list[MapArea], description: str, **options
) -> SafeString:
    """Return the status map of these areas: each filled with its status's pattern (`options`
    go to `render_map`, `id_prefix` among them)."""
    return render_map(
        areas,
        title=_("Kaart: status van de wijken in %(name)s") % {"name": municipality.name},
        description=description,
        defs=_patterns(options["id_prefix"]),
        label_style=LABELS,
        **options,
    )


def status_map(
    municipality: Municipality,
    statuses: Mapping[str, tuple[str, str]],
    *,
    url: Callable[[str], str],
    labels: Mapping[str, str],
) -> StatusMap | None:
    """Return the choropleth of the neighbourhoods' status, or None when none has a boundary.

    `statuses` maps a slug to (status, what the area's title says, e.g. "status: Achter");
    `url` gives each slug's link; `labels` names each status for the legend.
    """
    areas = _areas(municipality, statuses, url, "ww-status-map")
    if not areas:
        return None
    svg = _render(
        municipality,
        areas,
        _(
            "Elke wijk is een link naar het dashboard van die wijk. Kleur en arcering laten de "
            "status tegen de route zien; de tabel geeft dezelfde gegevens."
        ),
        id_prefix="ww-status-map",
    )
    return StatusMap(
        svg=svg,
        legend=status_legend(labels),
    )


def status_legend(labels: Mapping[str, str], *, heading: str = "") -> SafeString:
    """Return the legend: a swatch with the status's colour and pattern, and its name."""
    swatches = [
        Swatch(
            fill=f"url(#ww-status-legend-{status})",
            label=labels.get(status, status),
            defs=_pattern(f"ww-status-legend-{status}", status),
        )
        for status in STATUS_ORDER
    ]
    return legend(swatches, heading=heading or _("Kleur en arcering: de status"), size=20)


def status_map_for_pdf(
    municipality: Municipality, statuses: Mapping[str, tuple[str, str]]
) -> str | None:
    """Return the status map as a standalone SVG for the PDF (areas link within the report)."""
    areas = _areas(municipality, statuses, lambda slug: f"#wijk-{slug}", "pdf-status-map")
    if not areas:
        return None
    svg = _render(
        municipality,
        areas,
        _(
            "Kleur en arcering laten de status tegen de route zien: effen op route, gestreept "
            "achter, geruit ver achter, gestippeld geen gegevens. De tabel geeft dezelfde "
            "gegevens."
        ),
        id_prefix="pdf-status-map",
        size=560,
    )
    return str(svg)


def status_bars(counts: Iterable[dict], *, width: int = 560) -> str:
    """Return a horizontal bar chart of how many neighbourhoods have each status.

    `counts` are dicts with status, label and count, as in the report's content. Each bar has
    the status's pattern and its count written next to it.
    """
    counts = list(counts)
    layout = BarRows(
        width=width, rows=len(counts), bar_height=24, gap=12, top=12, right=50, bottom=10
    )
    plot_left, bar_height = layout.plot_left, layout.bar_height
    most = max((c["count"] for c in counts), default=0) or 1
    described = "; ".join(f"{c['label']}: {c['count']}" for c in counts)
    title = _("Aantal wijken per status")
    parts = chart_start(
        width=width,
        height=layout.height,
        id_prefix="st",
        title=title,
        description=f"{described}. {_('De tabel geeft dezelfde cijfers.')}",
        font_size=12,
        defs="".join(_pattern(f"st-{status}", status) for status in STATUS_COLOURS),
    )
    for index, c in enumerate(counts):
        length = round(c["count"] / most * (layout.plot_right - plot_left), 1)
        parts.append(layout.label(index, c["label"]))
        if length:
            parts.append(
                f'<rect x="{plot_left}" y="{layout.row_top(index)}" width="{length}" '
                f'height="{bar_height}" fill="url(#st-{_x(c["status"])})" stroke="{INK}" '
                'stroke-width="0.5"/>'
            )
        parts.append(
            f'<text x="{plot_left + length + 6}" y="{layout.text_y(index)}">{c["count"]}</text>'
        )
    parts.append(
        f'<line x1="{plot_left}" y1="{layout.top - 4}" x2="{plot_left}" '
        f'y2="{layout.height - 6}" stroke="{GRID}"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
