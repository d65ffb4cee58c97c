"""Read the CBS "Kerncijfers wijken en buurten" (KWB) CSV and PDOK boundaries, and store them.

The CSV is the one CBS publishes next to its GeoPackage and Excel download: semicolon-separated,
with the short column names (``gwb_code_10``, ``regio``, ``recs``, ``a_woning``, ``p_koopw``, …).
Boundaries come as GeoJSON (EPSG:4326) exported from the PDOK wijkenbuurten GeoPackage.

Reading collects every problem before anything is stored, and storing happens in one
transaction, so a file is imported completely or not at all (reference/domain.md §4).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import BUILD_PERIODS, CBS_CODE, RESERVED_SLUGS, CbsArea, Municipality, Neighbourhood

GEMEENTE = "gemeente"
WIJK = CbsArea.Level.DISTRICT.value
BUURT = CbsArea.Level.NEIGHBOURHOOD.value
LEVEL_BY_PREFIX = {"GM": GEMEENTE, "WK": WIJK, "BU": BUURT}
RECS_LEVELS = {"gemeente": GEMEENTE, "wijk": WIJK, "buurt": BUURT}

# Header variants CBS has used over the years; the first one present wins.
CODE_COLUMNS = ("gwb_code_10", "gwb_code")
NAME_COLUMN = "regio"
RECS_COLUMN = "recs"
YEAR_COLUMNS = ("jaar", "peiljaar")
HOMES_COLUMN = "a_woning"
PERCENT_COLUMNS = {
    "share_owner_occupied": ("p_koopw",),
    "share_rental": ("p_huurw",),
    "share_corporation": ("p_wcorpw",),
    "share_other_rental": ("p_ov_hw",),
}
GAS_COLUMNS = ("g_gas", "g_gas_tot")
REQUIRED_COLUMNS = (CODE_COLUMNS, (NAME_COLUMN,), (HOMES_COLUMN,))

# CBS publishes only the split around 2000; the six Kadaster classes are accepted when a file
# carries them, under their own key or with the "p_bj_" prefix CBS uses for build-year columns.
BUILD_PERIOD_COLUMNS = {
    "p_bjj2k": "voor_2000",
    "p_bjo2k": "vanaf_2000",
    **{column: key for key in BUILD_PERIODS for column in (key, f"p_bj_{key}")},
}

# "." is "unknown" and "x" is "secret" in CBS tables; the GeoPackage uses huge negative numbers.
MISSING_MARKS = {"", ".", "x", "X"}
SENTINEL_LIMIT = -99_999_990
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# StatLine writes periods as "2024JJ00"; plain "2024" is what the KWB file has.
YEAR_VALUE = re.compile(r"^((?:19|20)\d{2})(JJ00)?$")
MIN_YEAR, MAX_YEAR = 1990, 2100

# PDOK layers carry the codes of the areas above them too, so the most specific code wins.
BOUNDARY_CODE_KEYS = ("statcode", "buurtcode", "wijkcode", "gemeentecode")
COORDINATE_DECIMALS = 5  # about one metre: plenty for a map, and it keeps the JSON small
SLUG_MAX_LENGTH = 50


class CbsImportError(Exception):
    """Every problem found in the files; nothing has been stored."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class KwbRow:
    """One gemeente, wijk or buurt from the KWB file, with its figures checked."""

    line: int
    code: str
    level: str
    name: str
    figures: dict[str, float | int | None]
    build_periods: dict[str, float]

    @property
    def municipality_code(self) -> str:
        return f"GM{self.code[2:6]}"


@dataclass(frozen=True)
class KwbFile:
    """The good rows of one KWB file, its reference year, and the problems of the other rows.

    ``year`` is None only when no row said which year it was; there are problems then.
    """

    year: int | None
    rows: list[KwbRow]
    problems: list[tuple[int, str]]
    # Every well-formed code on a line, good or bad, so one bad row does not cause more errors.
    codes: frozenset[str]
    # Rows of other municipalities, left out when reading for one municipality.
    skipped: int = 0


@dataclass(frozen=True)
class Boundary:
    """One checked boundary from a GeoJSON file (index counts features from 1)."""

    index: int
    code: str
    geometry: dict[str, Any]


@dataclass(frozen=True)
class BoundaryFile:
    """The good boundaries of one GeoJSON file and the problems of the other features."""

    boundaries: list[Boundary]
    problems: list[tuple[int, str]]


@dataclass
class ImportResult:
    """What an import stored."""

    year: int
    municipalities_created: int = 0
    municipalities_updated: int = 0
    areas_created: int = 0
    areas_updated: int = 0
    areas_unchanged: int = 0
    neighbourhoods_created: int = 0
    boundaries_stored: int = 0
    boundaries_skipped: int = 0

    def summary(self) -> str:
        """Return a one-line Dutch summary for the person who ran the import."""
        text = _(
            "Peiljaar %(year)d ingelezen. Gemeenten: %(m_new)d nieuw, %(m_upd)d bijgewerkt. "
            "CBS-wijken en -buurten: %(a_new)d nieuw, %(a_upd)d bijgewerkt. "
            "Plangebieden: %(n_new)d nieuw. Grenzen: %(b_new)d nieuw of gewijzigd."
        ) % {
            "year": self.year,
            "m_new": self.municipalities_created,
            "m_upd": self.municipalities_updated,
            "a_new": self.areas_created,
            "a_upd": self.areas_updated,
            "n_new": self.neighbourhoods_created,
            "b_new": self.boundaries_stored,
        }
        if self.boundaries_skipped:
            text += " " + _(
                "%(count)d gemeentegrenzen overgeslagen "
                "(alleen wijken en buurten krijgen een grens)."
            ) % {"count": self.boundaries_skipped}
        return text


def line_error(line: int, reason: str) -> str:
    """Return an error message that points at a line of the CSV file."""
    return _("regel %(line)d: %(reason)s") % {"line": line, "reason": reason}


def feature_error(index: int, reason: str) -> str:
    """Return an error message that points at a feature of the boundary file."""
    return _("grenzen, object %(index)d: %(reason)s") % {"index": index, "reason": reason}


# --- reading the CSV ------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """Return the text of the file; raise CbsImportError when it is not UTF-8 or Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CbsImportError(
            [line_error(line, _("het bestand is geen tekst in UTF-8 of Windows-1252"))]
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CbsImportError([line_error(line, _("het bestand is geen tekst maar binaire data"))])
    return text


def _normalise_header(name: str) -> str:
    return name.strip().strip("\ufeff").strip().strip('"').strip().lower()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CbsImportError(
            [_("kan %(file)s niet lezen: %(reason)s") % {"file": path, "reason": exc.strerror}]
        ) from None


def parse_number(raw: str) -> float | None:
    """Return the number in a CBS cell, or None when CBS marks it missing; ValueError otherwise."""
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if text in MISSING_MARKS:
        return None
    if "," in text:
        # A decimal comma means any dots are thousands separators.
        text = text.replace(".", "").replace(",", ".")
    if not NUMBER.match(text):
        raise ValueError(raw)
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(raw)
    return None if value <= SENTINEL_LIMIT else value


def _first_present(columns: tuple[str, ...], index: dict[str, int]) -> str | None:
    return next((c for c in columns if c in index), None)


class _RowReader:
    """Turns the cells of one CSV row into a KwbRow, collecting every problem on that row."""

    def __init__(self, index: dict[str, int]) -> None:
        self.index = index
        self.code_column = _first_present(CODE_COLUMNS, index)
        self.gas_column = _first_present(GAS_COLUMNS, index)
        self.percent_columns = {
            field_name: column
            for field_name, columns in PERCENT_COLUMNS.items()
            if (column := _first_present(columns, index))
        }
        self.period_columns = {c: key for c, key in BUILD_PERIOD_COLUMNS.items() if c in index}

    def cell(self, cells: list[str], column: str | None) -> str:
        if column is None or column not in self.index:
            return ""
        position = self.index[column]
        return cells[position].strip() if position < len(cells) else ""

    def read(self, line: int, cells: list[str]) -> tuple[KwbRow | None, list[str]]:
        """Return the row (None for a row to skip) and the problems found on it."""
        errors: list[str] = []
        code = self.cell(cells, self.code_column)
        recs = self.cell(cells, RECS_COLUMN).lower()
        # The file opens with a row for the whole country; it has no place in Wijkwaarde.
        if recs == "land" or code.startswith("NL"):
            return None, []
        if not CBS_CODE.match(code):
            errors.append(
                _(
                    "%(code)r is geen geldige CBS-code (GM met 4 cijfers, WK met 6 tekens "
                    "of BU met 8 tekens)"
                )
                % {"code": code}
            )
            return None, errors
        level = LEVEL_BY_PREFIX[code[:2]]
        if recs and RECS_LEVELS.get(recs) != level:
            errors.append(
                _("soort gebied %(recs)r past niet bij code %(code)s")
                % {"recs": self.cell(cells, RECS_COLUMN), "code": code}
            )
        name = self.cell(cells, NAME_COLUMN)
        if not name:
            errors.append(_("de naam (kolom regio) is leeg"))
        elif len(name) > 120:
            errors.append(_("de naam is langer dan 120 tekens"))

        figures: dict[str, float | int | None] = {}
        figures["homes"] = self._whole_number(cells, HOMES_COLUMN, errors)
        for field_name, column in self.percent_columns.items():
            figures[field_name] = self._percentage(cells, column, errors)
        figures["avg_gas_m3"] = self._non_negative(cells, self.gas_column, errors)
        # The rental total is checked like the others, but the model keeps only its two parts.
        figures.pop("share_rental", None)
        build_periods: dict[str, float] = {}
        for column, key in self.period_columns.items():
            value = self._percentage(cells, column, errors)
            if value is not None:
                build_periods[key] = value
        if errors:
            return None, errors
        row = KwbRow(line, code, level, name, figures, build_periods)
        return row, []

    def _number(self, cells: list[str], column: str | None, errors: list[str]) -> float | None:
        raw = self.cell(cells, column)
        try:
            return parse_number(raw)
        except ValueError:
            errors.append(
                _("%(column)s is geen getal: %(value)r") % {"column": column, "value": raw}
            )
            return None

    def _percentage(self, cells: list[str], column: str, errors: list[str]) -> float | None:
        value = self._number(cells, column, errors)
        if value is not None and not 0 <= value <= 100:
            errors.append(
                _("%(column)s is een percentage en moet tussen 0 en 100 liggen, niet %(value)s")
                % {"column": column, "value": self.cell(cells, column)}
            )
            return None
        return value

    def _non_negative(
        self, cells: list[str], column: str | None, errors: list[str]
    ) -> float | None:
        value = self._number(cells, column, errors)
        if value is not None and value < 0:
            errors.append(
                _("%(column)s mag niet negatief zijn: %(value)s")
                % {"column": column, "value": self.cell(cells, column)}
            )
            return None
        return value

    def _whole_number(self, cells: list[str], column: str, errors: list[str]) -> int | None:
        value = self._non_negative(cells, column, errors)
        if value is None:
            return None
        if not value.is_integer():
            errors.append(
                _("%(column)s moet een heel getal zijn, niet %(value)s")
                % {"column": column, "value": self.cell(cells, column)}
            )
            return None
        return int(value)


def _file_year(path: Path, year: int | None, *, has_year_column: bool) -> int | None:
    """Return the year the whole file is about, or None when each row says it in a column."""
    if year is not None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise CbsImportError(
                [
                    _("peiljaar %(year)d kan niet: kies een jaar van %(min)d tot en met %(max)d")
                    % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
                ]
            )
        return year
    if has_year_column:
        return None
    match = YEAR_IN_NAME.search(path.name)
    if match is None:
        raise CbsImportError(
            [
                _(
                    "geen peiljaar gevonden: geef --year op, gebruik een kolom jaar of "
                    "peiljaar, of zet het jaar in de bestandsnaam (zoals kwb-2024.csv)"
                )
            ]
        )
    return int(match.group(1))


def read_kwb_csv(
    path: Path | str, *, year: int | None = None, municipality_code: str | None = None
) -> KwbFile:
    """Return the rows of a KWB CSV file with the problems found on them, by line.

    Raises CbsImportError when the file as a whole cannot be used (unreadable, no text, required
    columns missing, no reference year).

    The reference year is ``year`` when given, else the file's ``jaar``/``peiljaar`` column,
    else a year in the file name (``kwb-2024.csv``). With ``municipality_code`` only that
    municipality's rows are kept; the others are counted as skipped.
    """
    path = Path(path)
    text = _decode(_read_bytes(path))
    header_line = text.lstrip("\ufeff").partition("\n")[0]
    if not header_line.strip():
        raise CbsImportError([line_error(1, _("het bestand is leeg of de eerste regel is leeg"))])
    delimiter = ";" if ";" in header_line else "\t" if "\t" in header_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    rows = ((reader.line_num, cells) for cells in reader)
    return read_kwb_table(
        header, rows, name=path.name, year=year, municipality_code=municipality_code
    )


def read_kwb_table(
    header: list[str],
    rows: Iterable[tuple[int, list[str]]],
    *,
    name: str,
    year: int | None = None,
    municipality_code: str | None = None,
    trailing_cells: bool = False,
) -> KwbFile:
    """Return the checked rows of a KWB table: a header and (line, cells) pairs of text, from a
    CSV file or a spreadsheet. ``name`` is the file's name (it may carry the year);
    ``trailing_cells`` allows rows longer than the header (a spreadsheet's empty columns)."""
    header = [_normalise_header(column) for column in header]
    while header and not header[-1]:
        header.pop()
    index: dict[str, int] = {}
    for position, column in enumerate(header):
        index.setdefault(column, position)

    missing = [
        " of ".join(columns) for columns in REQUIRED_COLUMNS if not any(c in index for c in columns)
    ]
    if missing:
        raise CbsImportError(
            [
                line_error(
                    1,
                    _("deze kolommen ontbreken: %(columns)s") % {"columns": ", ".join(missing)},
                )
            ]
        )

    year_column = _first_present(YEAR_COLUMNS, index)
    year = _file_year(Path(name), year, has_year_column=year_column is not None)
    problems: list[tuple[int, str]] = []
    row_reader = _RowReader(index)
    kept: list[KwbRow] = []
    seen: dict[str, int] = {}
    codes: set[str] = set()
    skipped = 0
    file_year = year
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        # A trailing separator is common in exports; other extra or missing cells are not.
        extra = cells[len(header) :]
        if len(cells) < len(header) and trailing_cells:
            cells = [*cells, *[""] * (len(header) - len(cells))]
        if len(cells) < len(header) or (not trailing_cells and any(c.strip() for c in extra)):
            problems.append(
                (
                    line,
                    _("deze regel heeft %(found)d velden, de eerste regel %(expected)d")
                    % {"found": len(cells), "expected": len(header)},
                )
            )
            continue
        code = row_reader.cell(cells, row_reader.code_column)
        if municipality_code and CBS_CODE.match(code) and code[2:6] != municipality_code[2:6]:
            skipped += 1
            continue
        row, row_errors = row_reader.read(line, cells)
        if CBS_CODE.match(code):
            codes.add(code)
        if year is None and (row is not None or row_errors):
            file_year, year_error = _row_year(row_reader.cell(cells, year_column), file_year)
            if year_error:
                row_errors.append(year_error)
        if row is not None and row.code in seen:
            row_errors.append(
                _("code %(code)s staat ook al op regel %(line)d")
                % {"code": row.code, "line": seen[row.code]}
            )
        problems.extend((line, reason) for reason in row_errors)
        if row is not None and not row_errors:
            seen[row.code] = line
            kept.append(row)
    if not problems and not kept:
        if skipped:
            raise CbsImportError(
                [
                    _("het bestand bevat geen gebieden van gemeente %(code)s")
                    % {"code": municipality_code}
                ]
            )
        raise CbsImportError([_("het bestand bevat geen gemeenten, wijken of buurten")])
    return KwbFile(
        year=file_year, rows=kept, problems=problems, codes=frozenset(codes), skipped=skipped
    )


def _row_year(raw: str, file_year: int | None) -> tuple[int | None, str | None]:
    """Return the file's year so far and a problem with this row's year, if any."""
    match = YEAR_VALUE.match(raw)
    if match is None:
        return file_year, _("peiljaar %(value)r is geen jaartal") % {"value": raw}
    row_year = int(match.group(1))
    if file_year is not None and row_year != file_year:
        return file_year, _(
            "peiljaar %(value)d is anders dan %(year)d op eerdere regels; "
            "één bestand hoort bij één peiljaar"
        ) % {"value": row_year, "year": file_year}
    return row_year, None


# --- reading the boundaries -----------------------------------------------------------------


class _BadGeometry(Exception):
    pass


def _position(value: Any) -> list[float]:
    if not isinstance(value, list | tuple) or len(value) < 2:
        raise _BadGeometry(_("een punt is geen paar coördinaten"))
    lon, lat = value[0], value[1]
    for number in (lon, lat):
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise _BadGeometry(_("een coördinaat is geen getal"))
        if not math.isfinite(number):
            raise _BadGeometry(_("een coördinaat is geen getal"))
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise _BadGeometry(
            _(
                "de coördinaten zijn geen lengte- en breedtegraden; "
                "exporteer de grenzen in EPSG:4326 (WGS 84)"
            )
        )
    # Height, if any, is dropped: a map of the neighbourhood has no use for it.
    return [round(float(lon), COORDINATE_DECIMALS), round(float(lat), COORDINATE_DECIMALS)]


def _polygon(rings: Any) -> list[list[list[float]]]:
    if not isinstance(rings, list) or not rings:
        raise _BadGeometry(_("een vlak heeft geen randen"))
    cleaned = []
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4:
            raise _BadGeometry(_("een rand van een vlak heeft minstens 4 punten nodig"))
        points = [_position(point) for point in ring]
        if points[0] != points[-1]:
            raise _BadGeometry(_("een rand van een vlak is niet gesloten"))
        cleaned.append(points)
    return cleaned


def clean_geometry(geometry: Any) -> dict[str, Any]:
    """Return the Polygon or MultiPolygon with rounded coordinates, or raise _BadGeometry."""
    if not isinstance(geometry, dict):
        raise _BadGeometry(_("het object heeft geen geometrie"))
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(coordinates)}
    if kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise _BadGeometry(_("een multivlak heeft geen vlakken"))
        return {"type": "MultiPolygon", "coordinates": [_polygon(p) for p in coordinates]}
    raise _BadGeometry(
        _("de geometrie is een %(kind)r; alleen Polygon en MultiPolygon kunnen") % {"kind": kind}
    )


def _feature_code(properties: dict[str, Any]) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in properties.items()}
    for key in BOUNDARY_CODE_KEYS:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _check_crs(collection: dict[str, Any]) -> None:
    # Old-style GeoJSON names its CRS; RD New (28992) is what PDOK serves by default.
    name = str(((collection.get("crs") or {}).get("properties") or {}).get("name", ""))
    if name and not re.search(r"(4326|CRS84)$", name):
        raise CbsImportError(
            [
                _("het grenzenbestand gebruikt %(crs)s; exporteer de grenzen in EPSG:4326 (WGS 84)")
                % {"crs": name}
            ]
        )


def read_boundaries(path: Path | str) -> BoundaryFile:
    """Return the boundaries of a GeoJSON file with the problems found, by feature (from 1).

    Raises CbsImportError when the file as a whole cannot be used.
    """
    path = Path(path)
    try:
        collection = json.loads(_decode(_read_bytes(path)))
    except json.JSONDecodeError as exc:
        raise CbsImportError(
            [
                _("het grenzenbestand is geen geldige JSON (regel %(line)d): %(reason)s")
                % {"line": exc.lineno, "reason": exc.msg}
            ]
        ) from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise CbsImportError([_("het grenzenbestand is geen GeoJSON FeatureCollection")])
    _check_crs(collection)
    features = collection.get("features")
    if not isinstance(features, list):
        raise CbsImportError([_("het grenzenbestand heeft geen lijst met objecten (features)")])

    boundaries: list[Boundary] = []
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append((index, _("dit is geen GeoJSON Feature")))
            continue
        properties = feature.get("properties")
        code = _feature_code(properties) if isinstance(properties, dict) else None
        if code is None:
            problems.append(
                (
                    index,
                    _("geen code gevonden (buurtcode, wijkcode, gemeentecode of statcode)"),
                )
            )
            continue
        if not CBS_CODE.match(code):
            problems.append((index, _("%(code)r is geen geldige CBS-code") % {"code": code}))
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
        try:
            geometry = clean_geometry(feature.get("geometry"))
        except _BadGeometry as exc:
            problems.append((index, f"{code}: {exc}"))
            continue
        boundaries.append(Boundary(index, code, geometry))
    return BoundaryFile(boundaries, problems)


# --- storing --------------------------------------------------------------------------------


def unique_slug(name: str, taken: set[str], *, fallback: str) -> str:
    """Return a slug for the name that is not reserved or taken, and add it to ``taken``."""
    base = slugify(name)[:SLUG_MAX_LENGTH].strip("-") or slugify(fallback)
    slug, number = base, 1
    while slug in taken or slug in RESERVED_SLUGS:
        number += 1
        suffix = f"-{number}"
        slug = base[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    taken.add(slug)
    return slug


AREA_FIELDS = (
    "municipality_id",
    "level",
    "name",
    "homes",
    "share_owner_occupied",
    "share_corporation",
    "share_other_rental",
    "avg_gas_m3",
    "build_periods",
)


def import_kwb(
    kwb: KwbFile, *, level: str = BUURT, boundary_file: BoundaryFile | None = None
) -> ImportResult:
    """Return what was stored from the files; raise CbsImportError, storing nothing, on a problem.

    Rows at ``level`` also get a plan area (Neighbourhood) unless one already owns their code.
    """
    boundary_file = boundary_file or BoundaryFile([], [])
    with transaction.atomic():
        municipalities, line_problems, feature_problems = _check_references(kwb, boundary_file)
        errors = _line_errors(line_problems) + _feature_errors(feature_problems)
        if errors or kwb.year is None:
            raise CbsImportError(errors)
        result = ImportResult(year=kwb.year)
        _store_municipalities(kwb, municipalities, result)
        areas = _store_areas(kwb, kwb.year, municipalities, level, result)
        _store_boundaries(kwb.year, boundary_file.boundaries, areas, result)
    return result


def _line_errors(problems: list[tuple[int, str]]) -> list[str]:
    return [line_error(line, reason) for line, reason in sorted(problems, key=lambda p: p[0])]


def _feature_errors(problems: list[tuple[int, str]]) -> list[str]:
    return [feature_error(index, reason) for index, reason in sorted(problems, key=lambda p: p[0])]


def _check_references(
    kwb: KwbFile, boundary_file: BoundaryFile
) -> tuple[dict[str, Municipality], list[tuple[int, str]], list[tuple[int, str]]]:
    """Return the known municipalities by code, and all problems by line and by feature."""
    needed = {row.municipality_code for row in kwb.rows}
    municipalities = {m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=needed)}
    line_problems = [
        *kwb.problems,
        *(
            (
                row.line,
                _("gemeente %(code)s staat niet in het bestand en ook niet in Wijkwaarde")
                % {"code": row.municipality_code},
            )
            for row in kwb.rows
            if row.level != GEMEENTE
            and row.municipality_code not in kwb.codes
            and row.municipality_code not in municipalities
        ),
    ]
    boundaries = [b for b in boundary_file.boundaries if not b.code.startswith("GM")]
    area_codes = set(kwb.codes)
    area_codes |= set(
        CbsArea.objects.filter(
            reference_year=kwb.year, code__in=[b.code for b in boundaries]
        ).values_list("code", flat=True)
    )
    feature_problems = [
        *boundary_file.problems,
        *(
            (
                b.index,
                _("geen wijk of buurt met code %(code)s in peiljaar %(year)s")
                % {"code": b.code, "year": kwb.year},
            )
            for b in boundaries
            if b.code not in area_codes
        ),
    ]
    return municipalities, line_problems, feature_problems


def _store_municipalities(
    kwb: KwbFile, municipalities: dict[str, Municipality], result: ImportResult
) -> None:
    taken = set(Municipality.objects.values_list("slug", flat=True))
    for row in kwb.rows:
        if row.level != GEMEENTE:
            continue
        municipality = municipalities.get(row.code)
        if municipality is None:
            municipalities[row.code] = Municipality.objects.create(
                cbs_code=row.code,
                name=row.name,
                slug=unique_slug(row.name, taken, fallback=row.code),
            )
            result.municipalities_created += 1
        elif municipality.name != row.name:
            municipality.name = row.name
            municipality.save(update_fields=["name"])
            result.municipalities_updated += 1


def _store_areas(
    kwb: KwbFile,
    year: int,
    municipalities: dict[str, Municipality],
    level: str,
    result: ImportResult,
) -> dict[str, CbsArea]:
    """Return this year's areas from the file by code, created or updated."""
    rows = [row for row in kwb.rows if row.level != GEMEENTE]
    codes = [row.code for row in rows]
    existing = {a.code: a for a in CbsArea.objects.filter(reference_year=year, code__in=codes)}
    # A plan area made for (or composed of) this code in another year keeps owning it in this
    # one, at any level: the newest year's figures replace the older ones in its key figures.
    owners: dict[str, int] = dict(
        CbsArea.objects.filter(code__in=codes, neighbourhood__isnull=False)
        .order_by("reference_year")
        .values_list("code", "neighbourhood_id")
    )
    slugs: dict[int, set[str]] = {m.pk: set() for m in municipalities.values()}
    for municipality_id, slug in Neighbourhood.objects.filter(
        municipality_id__in=slugs
    ).values_list("municipality_id", "slug"):
        slugs[municipality_id].add(slug)

    areas: dict[str, CbsArea] = {}
    to_create: list[CbsArea] = []
    to_update: dict[str, CbsArea] = {}
    new_neighbourhoods: list[tuple[CbsArea, Neighbourhood]] = []
    for row in rows:
        values: dict[str, Any] = {
            "municipality_id": municipalities[row.municipality_code].pk,
            "level": row.level,
            "name": row.name,
            **row.figures,
            "build_periods": row.build_periods,
        }
        area = existing.get(row.code)
        if area is None:
            area = CbsArea(code=row.code, reference_year=year, **values)
            to_create.append(area)
        else:
            changed = [name for name in AREA_FIELDS if getattr(area, name) != values[name]]
            for name in changed:
                setattr(area, name, values[name])
            if changed:
                to_update[row.code] = area
        areas[row.code] = area
        if area.neighbourhood_id is not None:
            continue
        if row.code in owners:
            area.neighbourhood_id = owners[row.code]
        elif row.level != level:
            continue
        else:
            municipality = municipalities[row.municipality_code]
            neighbourhood = Neighbourhood(
                municipality=municipality,
                name=row.name,
                slug=unique_slug(row.name, slugs[municipality.pk], fallback=row.code),
            )
            new_neighbourhoods.append((area, neighbourhood))
        if area.pk is not None:
            to_update[row.code] = area

    created = Neighbourhood.objects.bulk_create([n for _area, n in new_neighbourhoods])
    Neighbourhood.objects.add_parts(created)  # the standard indicators, as every new one gets
    for area, neighbourhood in new_neighbourhoods:
        area.neighbourhood = neighbourhood
    CbsArea.objects.bulk_create(to_create)
    CbsArea.objects.bulk_update(to_update.values(), [*AREA_FIELDS, "neighbourhood"])
    result.areas_created = len(to_create)
    result.areas_updated = len(to_update)
    result.areas_unchanged = len(rows) - len(to_create) - len(to_update)
    result.neighbourhoods_created = len(new_neighbourhoods)
    return areas


def _store_boundaries(
    year: int, boundaries: list[Boundary], areas: dict[str, CbsArea], result: ImportResult
) -> None:
    wanted = [b.code for b in boundaries if b.code not in areas and not b.code.startswith("GM")]
    areas = {
        **areas,
        **{a.code: a for a in CbsArea.objects.filter(reference_year=year, code__in=wanted)},
    }
    changed: list[CbsArea] = []
    for boundary in boundaries:
        if boundary.code.startswith("GM"):
            # Municipalities have no boundary of their own in Wijkwaarde.
            result.boundaries_skipped += 1
            continue
        area = areas[boundary.code]
        if area.geometry != boundary.geometry:
            area.geometry = boundary.geometry
            changed.append(area)
    CbsArea.objects.bulk_update(changed, ["geometry"])
    result.boundaries_stored = len(changed)


def run_import(
    csv_path: Path | str,
    *,
    year: int | None = None,
    level: str = BUURT,
    geometry_path: Path | str | None = None,
) -> ImportResult:
    """Return what was stored from a KWB CSV (and boundary file); raise CbsImportError otherwise.

    Both files are read and checked before anything is stored, so the problems of both come back
    together.
    """
    errors: list[str] = []
    kwb: KwbFile | None = None
    boundary_file: BoundaryFile | None = None
    try:
        kwb = read_kwb_csv(csv_path, year=year)
    except CbsImportError as exc:
        errors += exc.errors
    if geometry_path is not None:
        try:
            boundary_file = read_boundaries(geometry_path)
        except CbsImportError as exc:
            errors += exc.errors
    if errors or kwb is None:
        # A file that cannot be used at all still gets the problems of the other one reported.
        if kwb is not None:
            errors = _line_errors(kwb.problems) + errors
        if boundary_file is not None:
            errors += _feature_errors(boundary_file.problems)
        raise CbsImportError(errors)
    return import_kwb(kwb, level=level, boundary_file=boundary_file)
