"""Published files made small for tests: the KWB as a workbook, the wijk- en buurtkaart as a
GeoPackage in RD New (both from the committed CSV/GeoJSON samples, written here so their
content is readable in the repository)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import openpyxl
import shapely
from pyogrio.raw import write
from pyproj import Transformer

DATA = Path(__file__).resolve().parent.parent / "data"
KWB_CSV = DATA / "kwb_sample.csv"
BOUNDARIES = DATA / "kwb_sample.geojson"


def _value(text: str):
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def kwb_xlsx(path: Path, *, rows: list[list[str]] | None = None, sheet: str = "KWB-2024") -> Path:
    """Write the KWB sample as CBS's Excel download: one sheet, numbers as numbers."""
    with open(KWB_CSV, encoding="utf-8") as f:
        table = rows or list(csv.reader(f, delimiter=";"))
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in table:
        book.active.append([_value(cell) for cell in row])
    book.save(path)
    return path


def kwb_rows() -> list[list[str]]:
    with open(KWB_CSV, encoding="utf-8") as f:
        return list(csv.reader(f, delimiter=";"))


def gpkg(path: Path, features: list[tuple[str, str, object]], *, layer: str = "buurten") -> Path:
    """Write (buurtcode, buurtnaam, shapely geometry in RD New) as a PDOK-style GeoPackage."""
    codes = np.array([f[0] for f in features], dtype=object)
    names = np.array([f[1] for f in features], dtype=object)
    municipalities = np.array([f"GM{f[0][2:6]}" for f in features], dtype=object)
    write(
        path,
        shapely.to_wkb(np.array([f[2] for f in features], dtype=object)),
        [codes, names, municipalities],
        ["buurtcode", "buurtnaam", "gemeentecode"],
        layer=layer,
        driver="GPKG",
        geometry_type="MultiPolygon",
        promote_to_multi=True,
        crs="EPSG:28992",
    )
    return path


def sample_gpkg(path: Path) -> Path:
    """The buurten of the GeoJSON sample, moved to RD New, as a GeoPackage."""
    to_rd = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    collection = json.loads(BOUNDARIES.read_text())
    features = []
    for feature in collection["features"]:
        props = feature["properties"]
        if "buurtcode" not in props:
            continue
        shape = shapely.geometry.shape(feature["geometry"])
        shape = shapely.transform(
            shape, lambda xy: np.column_stack(to_rd.transform(xy[:, 0], xy[:, 1]))
        )
        features.append((props["buurtcode"], props["buurtnaam"], shape))
    return gpkg(path, features)
