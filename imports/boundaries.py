"""Boundaries as PDOK and CBS publish them (GeoPackage in RD New, or GeoJSON), turned into the
small WGS 84 GeoJSON the offline map draws.

Features are read in batches (pyogrio) and only the municipality's own are kept. Each
municipality's boundaries are simplified together as one coverage (shapely's
``coverage_simplify``), so neighbouring buurten keep sharing their border; then they are moved
to longitude/latitude and rounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from django.utils.translation import gettext as _
from pyproj import CRS, Transformer

from wup.cbs_import import (
    BOUNDARY_CODE_KEYS,
    COORDINATE_DECIMALS,
    Boundary,
    BoundaryFile,
)
from wup.models import CBS_CODE

from .tables import Progress, TableError

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
BATCH = 2_000
# Square root of the area (m²) of the triangles Visvalingam–Whyatt may remove: a few metres keep
# a buurt's shape on a city map while dropping most of the survey-grade vertices.
TOLERANCE_METRES = 4.0
LAYERS = ("buurten", "wijken")


def _layer(path: Path) -> tuple[str, str]:
    """Return the layer to read (buurten before wijken) and its CRS."""
    try:
        layers = [name for name, _kind in pyogrio.list_layers(path)]
    except Exception as exc:  # pyogrio raises its own errors for anything unreadable
        raise TableError(
            [_("het grenzenbestand kan niet worden gelezen: %(reason)s") % {"reason": exc}]
        ) from None
    lowered = {name.lower(): name for name in layers}
    layer = next((lowered[n] for n in LAYERS if n in lowered), layers[0] if layers else None)
    if layer is None:
        raise TableError([_("het grenzenbestand heeft geen lagen")])
    crs = pyogrio.read_info(path, layer=layer).get("crs") or WGS84
    return layer, crs


def _batches(
    path: Path, layer: str, progress: Progress | None
) -> Iterator[tuple[int, list[dict], np.ndarray]]:
    info = pyogrio.read_info(path, layer=layer)
    total = max(int(info.get("features") or 0), 1)
    skip = 0
    while True:
        _meta, _fids, geometry, fields = pyogrio.raw.read(
            path, layer=layer, skip_features=skip, max_features=BATCH
        )
        if len(geometry) == 0:
            return
        names = [str(n).lower() for n in _meta["fields"]]
        columns = {name: fields[i] for i, name in enumerate(names)}
        properties = [
            {name: columns[name][row] for name in names if name in BOUNDARY_CODE_KEYS}
            for row in range(len(geometry))
        ]
        yield skip, properties, geometry
        skip += len(geometry)
        if progress:
            progress(min(skip / total, 1.0))


def _code(properties: dict) -> str | None:
    for key in BOUNDARY_CODE_KEYS:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def simplify(geometries: list, *, tolerance: float = TOLERANCE_METRES) -> list:
    """Return the geometries simplified as one coverage: shared borders stay shared."""
    if not geometries:
        return []
    simplified = shapely.coverage_simplify(np.array(geometries, dtype=object), tolerance)
    return list(simplified)


def _polygonal(shape):
    """Return only the polygons of a repaired shape (make_valid may add lines or points)."""
    if shape.geom_type in ("Polygon", "MultiPolygon"):
        return shape
    parts = [p for p in shapely.get_parts(shape) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _to_geojson(geometry, transformer: Transformer | None) -> dict:
    if transformer is not None:
        geometry = shapely.transform(
            geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
        )
    data = json.loads(shapely.to_geojson(geometry))
    return _rounded(data)


def _rounded(data: dict) -> dict:
    def ring(points):
        return [
            [round(x, COORDINATE_DECIMALS), round(y, COORDINATE_DECIMALS)] for x, y, *_z in points
        ]

    if data["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in data["coordinates"]]}
    return {
        "type": "MultiPolygon",
        "coordinates": [[ring(r) for r in polygon] for polygon in data["coordinates"]],
    }


def read_boundaries(
    path: Path | str,
    *,
    municipality_code: str | None = None,
    progress: Progress | None = None,
    tolerance: float = TOLERANCE_METRES,
) -> BoundaryFile:
    """Return the municipality's boundaries from a GeoPackage or GeoJSON file (any CRS that
    pyproj knows), simplified and in WGS 84, with the problems found per object (from 1)."""
    path = Path(path)
    layer, crs = _layer(path)
    source = CRS.from_user_input(crs)
    # Simplified in metres (RD New), whatever the file's own reference system.
    metric = (
        None if source.to_epsg() == 28992 else Transformer.from_crs(source, RD_NEW, always_xy=True)
    )
    back = Transformer.from_crs(RD_NEW, WGS84, always_xy=True)
    problems: list[tuple[int, str]] = []
    boundaries: list[Boundary] = []
    seen: dict[str, int] = {}
    # Kept per municipality until its last buurt is read: the coverage is simplified together.
    group: list[tuple[int, str, object]] = []
    group_municipality = None

    def flush() -> None:
        if not group:
            return
        shapes = simplify([g for _i, _c, g in group], tolerance=tolerance)
        for (index, code, _old), shape in zip(group, shapes, strict=True):
            if shape is None or shape.is_empty:
                problems.append((index, _("%(code)s: de grens is leeg") % {"code": code}))
                continue
            boundaries.append(Boundary(index, code, _to_geojson(shape, back)))
        group.clear()

    for offset, properties, wkbs in _batches(path, layer, progress):
        shapes = shapely.from_wkb(wkbs, on_invalid="ignore")
        for position, (props, shape) in enumerate(zip(properties, shapes, strict=True)):
            index = offset + position + 1
            code = _code(props)
            if code is None:
                problems.append(
                    (index, _("geen code gevonden (buurtcode, wijkcode, gemeentecode of statcode)"))
                )
                continue
            if not CBS_CODE.match(code):
                problems.append((index, _("%(code)r is geen geldige CBS-code") % {"code": code}))
                continue
            if municipality_code and code[2:6] != municipality_code[2:6]:
                continue
            if code.startswith("GM"):
                continue
            if code in seen:
                problems.append(
                    (
                        index,
                        _("code %(code)s staat ook al bij object %(other)d")
                        % {"code": code, "other": seen[code]},
                    )
                )
                continue
            seen[code] = index
            if shape is None or shape.geom_type not in ("Polygon", "MultiPolygon"):
                problems.append(
                    (
                        index,
                        _("%(code)s: alleen vlakken (Polygon of MultiPolygon) kunnen")
                        % {"code": code},
                    )
                )
                continue
            if metric is not None:
                shape = shapely.transform(
                    shape, lambda xy: np.column_stack(metric.transform(xy[:, 0], xy[:, 1]))
                )
            if not shape.is_valid:
                shape = _polygonal(shapely.make_valid(shape))
            # Wijken and buurten overlap, so each level of a municipality is its own coverage.
            if code[:6] != group_municipality:
                flush()
                group_municipality = code[:6]
            group.append((index, code, shape))
    flush()
    return BoundaryFile(boundaries + _derived_wijken(boundaries), problems)


def _derived_wijken(boundaries: list[Boundary]) -> list[Boundary]:
    """Return a boundary for each wijk the file has buurten of but no outline: the union of its
    buurten (the buurten layer of the wijk- en buurtkaart is what most leads upload). Derived
    boundaries have index 0; whoever stores them skips those for wijken it does not know."""
    have = {b.code for b in boundaries}
    parts: dict[str, list] = {}
    for boundary in boundaries:
        if boundary.code.startswith("BU"):
            wijk = f"WK{boundary.code[2:8]}"
            if wijk not in have:
                parts.setdefault(wijk, []).append(shapely.geometry.shape(boundary.geometry))
    return [
        Boundary(
            0, code, _rounded(json.loads(shapely.to_geojson(_polygonal(shapely.union_all(shapes)))))
        )
        for code, shapes in sorted(parts.items())
    ]
