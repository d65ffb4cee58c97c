"""Maps of a municipality's neighbourhoods as inline SVG, drawn in Python without any tile server.

The map is a set of links, one per neighbourhood, so it is drawn as a labelled group rather than as
one image: each area is focusable, and its <title> names the neighbourhood and what the colour
means. Colour never carries information alone; the page puts the same facts in a table.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Max, Window
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import CbsArea, Municipality, Phase
from .svg import Swatch
from .svg import legend as swatch_legend
from .svg import number as _num
from .svg import text as _x
from .theme import contrast_text_colour

# From the Rijkshuisstijl palette, near the hues of the phase badges. Each is 3:1 or more against
# white (WCAG 1.4.11), so the white borders between areas and the page around the map stay visible.
PHASE_COLOURS: dict[str, str] = {
    Phase.EXPLORING: "#007bc7",  # hemelblauw, 4.5:1
    Phase.PLANNING: "#42145f",  # paars, 14.0:1
    Phase.DECIDING: "#e17000",  # oranje, 3.2:1
    Phase.IMPLEMENTING: "#39870c",  # groen, 4.5:1
    Phase.MANAGING: "#696969",  # grijs, 5.5:1
}
UNKNOWN_COLOUR = "#535353"

LABEL_FONT_SIZE = 13
# Average glyph width as a share of the font size, to judge whether a name fits inside its area.
GLYPH_WIDTH = 0.58

Ring = list[tuple[float, float]]
Polygon = list[Ring]  # the outer ring first, then its holes


@dataclass(frozen=True)
class MapArea:
    name: str
    url: str
    geometry: dict[str, Any] | None  # GeoJSON Polygon or MultiPolygon, lon/lat (EPSG:4326)
    fill: str  # #rrggbb, or url(#id) of a pattern given in render_map's `defs` (with a LabelStyle)
    label: str = ""  # what the colour means, e.g. "fase Uitvoering"; said in the area's <title>


@dataclass(frozen=True)
class LabelStyle:
    """Every name in one ink over a halo: a copy of the name beneath it with a wide stroke, so
    it reads on any fill, patterns too. (Not `paint-order: stroke`: WeasyPrint does not support
    it and would paint the stroke over the letters in a PDF.)"""

    ink: str
    halo: str
    halo_width: float


def _polygons(geometry: dict[str, Any] | None) -> list[Polygon]:
    """Return the polygons of a GeoJSON geometry as (lon, lat) rings; none for other shapes."""
    if not isinstance(geometry, dict):
        return []
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        parts = [coordinates]
    elif kind == "MultiPolygon":
        parts = coordinates
    else:
        return []
    # An imported boundary that is not well-formed costs that area its place on the map, not the
    # page: the table beside the map still lists it.
    try:
        return [
            [[(float(p[0]), float(p[1])) for p in ring] for ring in polygon if len(ring) >= 3]
            for polygon in parts
            if polygon
        ]
    except (TypeError, ValueError, IndexError):
        return []


@dataclass(frozen=True)
class _Projection:
    """Equirectangular, with longitude shrunk by cos(mean latitude) so shapes keep their aspect."""

    west: float
    north: float
    kx: float
    scale: float
    padding: float
    width: float  # of the viewBox, padding included
    height: float

    @classmethod
    def fit(cls, polygons: Iterable[Polygon], *, size: float, padding: float) -> _Projection:
        points = [p for polygon in polygons for ring in polygon for p in ring] or [(0.0, 0.0)]
        west, east = min(p[0] for p in points), max(p[0] for p in points)
        south, north = min(p[1] for p in points), max(p[1] for p in points)
        kx = math.cos(math.radians((south + north) / 2))
        span = max((east - west) * kx, north - south)
        scale = (size - 2 * padding) / span if span > 0 else 1.0
        return cls(
            west=west,
            north=north,
            kx=kx,
            scale=scale,
            padding=padding,
            width=(east - west) * kx * scale + 2 * padding,
            height=(north - south) * scale + 2 * padding,
        )

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.padding + (lon - self.west) * self.kx * self.scale,
            self.padding + (self.north - lat) * self.scale,
        )


def _projected(ring: Ring, project: _Projection) -> list[tuple[float, float]]:
    """Return a ring in map units: `project` on each point, without a call per point."""
    padding, west, north = project.padding, project.west, project.north
    kx, scale = project.kx, project.scale
    # The same arithmetic, in the same order, as _Projection.__call__.
    return [
        (padding + (lon - west) * kx * scale, padding + (north - lat) * scale) for lon, lat in ring
    ]


def _ring_path(projected: list[tuple[float, float]]) -> str:
    points: list[str] = []
    for x, y in projected:
        point = f"{_num(x)} {_num(y)}"
        if not points or points[-1] != point:  # rounding merges near points
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()  # Z closes the ring
    if len(points) >= 3:
        return "M" + "L".join(points[:2]) + " " + " ".join(points[2:]) + "Z"
    return ""


def _path_data(polygons: list[Polygon], project: _Projection) -> str:
    return "".join(
        _ring_path(_projected(ring, project)) for polygon in polygons for ring in polygon
    )


def _box(projected: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = zip(*projected, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _ring_box(ring: Ring, project: _Projection) -> tuple[float, float, float, float]:
    return _box(_projected(ring, project))


def _label_at(
    area: MapArea,
    boxes: list[tuple[float, float, float, float]],
    colour: str | None = None,
    style: LabelStyle | None = None,
) -> str:
    """Return the area's name drawn inside the largest of its parts' boxes, or nothing when it
    does not fit: in `style` when given, else in `colour` (or the fill's contrast colour)."""
    left, top, right, bottom = max(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    if len(area.name) * GLYPH_WIDTH * LABEL_FONT_SIZE > (right - left) * 0.9:
        return ""
    if LABEL_FONT_SIZE * 1.4 > bottom - top:
        return ""
    at = f' x="{_num((left + right) / 2)}" y="{_num((top + bottom) / 2)}"'
    rest = (
        f' font-size="{LABEL_FONT_SIZE}"'
        f' text-anchor="middle" dominant-baseline="central" aria-hidden="true">'
        f"{_x(area.name)}</text>"
    )
    if style is not None:
        return (
            f'<text class="ww-map__label"{at} fill="{_x(style.halo)}" stroke="{_x(style.halo)}"'
            f' stroke-width="{_num(style.halo_width)}" stroke-linejoin="round"{rest}'
            f'<text class="ww-map__label"{at} fill="{_x(style.ink)}" stroke="none"{rest}'
        )
    return (
        f'<text class="ww-map__label"{at}'
        f' fill="{colour or contrast_text_colour(area.fill)}" stroke="none"{rest}'
    )


def _label(area: MapArea, polygons: list[Polygon], project: _Projection) -> str:
    """Return the area's name drawn inside its largest part, or nothing when it does not fit."""
    return _label_at(area, [_ring_box(polygon[0], project) for polygon in polygons if polygon])


def _area_parts(
    area: MapArea,
    polygons: list[Polygon],
    project: _Projection,
    colours: dict[str, str] | None,
    style: LabelStyle | None = None,
) -> tuple[str, str]:
    """Return the area's path data and, when `colours` is given (names shown), its label: each
    ring projected once for both."""
    parts = []
    boxes = []
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            projected = _projected(ring, project)
            parts.append(_ring_path(projected))
            if index == 0 and colours is not None:
                boxes.append(_box(projected))
    path_data = "".join(parts)
    if colours is None or not path_data:
        return path_data, ""
    if style is not None:
        return path_data, _label_at(area, boxes, style=style)
    colour = colours.get(area.fill)
    if colour is None:
        colour = colours[area.fill] = contrast_text_colour(area.fill)
    return path_data, _label_at(area, boxes, colour)


def render_map(
    areas: Sequence[MapArea],
    *,
    title: str,
    description: str,
    id_prefix: str = "ww-map",
    size: float = 640,
    padding: float = 8,
    show_names: bool = True,
    defs: str = "",
    label_style: LabelStyle | None = None,
) -> SafeString:
    """Return an SVG map with each area as a link, fitted to a viewBox of at most size × size.

    Areas without a usable boundary are left out. Names are drawn only where they fit inside
    their area; the <title> of each link always carries the name and the label. `defs` is our
    own SVG markup (e.g. the <pattern>s the areas' fills name) put before the areas.
    """
    drawable = [(area, polys) for area in areas if (polys := _polygons(area.geometry))]
    project = _Projection.fit(
        (polygon for _area, polygons in drawable for polygon in polygons),
        size=size,
        padding=padding,
    )
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ww-map__svg" role="group"'
        f' viewBox="0 0 {_num(project.width)} {_num(project.height)}"'
        f' aria-labelledby="{_x(title_id)}" aria-describedby="{_x(desc_id)}">',
        f'<title id="{_x(title_id)}">{_x(title)}</title>',
        f'<desc id="{_x(desc_id)}">{_x(description)}</desc>',
        f"<defs>{defs}</defs>" if defs else "",
        # White borders between areas; attributes rather than CSS so the SVG also works on its own.
        '<g stroke="#ffffff" stroke-width="1" stroke-linejoin="round">',
    ]
    colours: dict[str, str] | None = {} if show_names else None  # label colour per fill
    for area, polygons in drawable:
        path_data, label = _area_parts(area, polygons, project, colours, label_style)
        if not path_data:  # smaller than the rounding: an invisible link would be a trap
            continue
        name = f"{area.name}, {area.label}" if area.label else area.name
        out.append(
            f'<a class="ww-map__area" href="{_x(area.url)}"><title>{_x(name)}</title>'
            f'<path d="{path_data}" fill="{_x(area.fill)}"'
            f' fill-rule="evenodd"/>{label}</a>'
        )
    out.append("</g></svg>")
    # Every value above went through _x or _num, except `defs`: the caller's own SVG markup.
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703  # escaped above


def legend(items: Iterable[tuple[str, str]], *, heading: str = "") -> SafeString:
    """Return an HTML list of colour swatches, each with its label: items are (colour, label)."""
    return swatch_legend((Swatch(colour, label) for colour, label in items), heading=heading)


def phase_colour(phase: str) -> str:
    """Return the map colour of a phase."""
    return PHASE_COLOURS.get(phase, UNKNOWN_COLOUR)


def phase_legend_items() -> list[tuple[str, str]]:
    """Return (colour, label) for every phase, in the order of the phases."""
    return [(phase_colour(phase), str(phase.label)) for phase in Phase]


@dataclass(frozen=True)
class NeighbourhoodOutline:
    slug: str
    name: str
    phase: str
    geometry: dict[str, Any]  # a MultiPolygon of all its CBS areas


def neighbourhood_outlines(municipality: Municipality) -> list[NeighbourhoodOutline]:
    """Return each neighbourhood with a boundary, its CBS areas merged, in one query.

    Only the areas of a neighbourhood's latest reference year count: an older year may have other
    borders, and drawing both would overlap.
    """
    rows = (
        CbsArea.objects.filter(neighbourhood__municipality=municipality, geometry__isnull=False)
        .annotate(latest=Window(Max("reference_year"), partition_by=[F("neighbourhood_id")]))
        .filter(reference_year=F("latest"))
        .order_by("neighbourhood__name", "neighbourhood_id", "code")
        .values_list(
            "neighbourhood_id",
            "neighbourhood__slug",
            "neighbourhood__name",
            "neighbourhood__phase",
            "geometry",
        )
    )
    outlines: dict[int, tuple[str, str, str, list]] = {}
    for pk, slug, name, phase, geometry in rows:
        polygons = outlines.setdefault(pk, (slug, name, phase, []))[3]
        if isinstance(geometry, dict) and geometry.get("type") == "Polygon":
            polygons.append(geometry.get("coordinates"))
        elif isinstance(geometry, dict) and geometry.get("type") == "MultiPolygon":
            polygons.extend(geometry.get("coordinates") or [])
    return [
        NeighbourhoodOutline(slug, name, phase, {"type": "MultiPolygon", "coordinates": polygons})
        for slug, name, phase, polygons in outlines.values()
        if polygons
    ]


@dataclass(frozen=True)
class PhaseMap:
    svg: SafeString
    legend: SafeString


def phase_map(municipality: Municipality) -> PhaseMap | None:
    """Return the map of the neighbourhoods coloured by phase, or None when none has a boundary."""
    outlines = neighbourhood_outlines(municipality)
    if not outlines:
        return None
    labels = dict(Phase.choices)
    areas = [
        MapArea(
            name=o.name,
            url=reverse("residents:neighbourhood", args=[municipality.slug, o.slug]),
            geometry=o.geometry,
            fill=phase_colour(o.phase),
            label=_("fase %(phase)s") % {"phase": labels.get(o.phase, o.phase)},
        )
        for o in outlines
    ]
    svg = render_map(
        areas,
        title=_("Kaart van de wijken in %(name)s") % {"name": municipality.name},
        description=_(
            "Elke wijk is een link naar de pagina van die wijk. De kleur laat de fase zien."
        ),
    )
    return PhaseMap(
        svg=svg, legend=legend(phase_legend_items(), heading=_("Kleur op de kaart: de fase"))
    )
