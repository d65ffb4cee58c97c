"""Counts per CBS buurt from files with one row per address or per area, and the measurements
they make for the neighbourhoods composed of those buurten.

EP-online (RVO) has one row per address with its energy label; the CBS postcode–buurt table
(pc6hnr) says in which buurt an address lies. Both are read as a stream and only counts per
buurt are kept: no address leaves the reader.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from dashboard.models import DataSource, Indicator, Measurement, StandardIndicator
from wup.models import CBS_CODE, CbsArea, Municipality

from .tables import Progress, Table, TableError, normalise, open_table

GOOD_LABELS = {"A++++", "A+++", "A++", "A+", "A", "B"}
ALL_LABELS = GOOD_LABELS | {"C", "D", "E", "F", "G"}
POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
MAX_PROBLEMS = 200  # a wrong file makes an error on every line; the first ones say enough


@dataclass
class AreaCounts:
    """Counts per CBS code, with the problems found per line."""

    counts: Counter = field(default_factory=Counter)
    totals: Counter = field(default_factory=Counter)
    statuses: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    rows: int = 0
    unmatched: int = 0
    year: int | None = None

    def problem(self, table: Table, line: int, reason: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{table.where(line)}: {reason}")


def _columns(table: Table, wanted: dict[str, tuple[str, ...]], required: set[str]) -> dict:
    index = {}
    header = [normalise(h) for h in table.header]
    for key, names in wanted.items():
        for position, column in enumerate(header):
            bare = column.removeprefix("pand_")
            if any(bare == n or (n.endswith("*") and bare.startswith(n[:-1])) for n in names):
                index[key] = position
                break
    missing = [wanted[k][0].rstrip("*") for k in required if k not in index]
    if missing:
        raise TableError(
            [
                f"{table.where(1)}: "
                + _("deze kolommen ontbreken: %(columns)s") % {"columns": ", ".join(missing)}
            ]
        )
    return index


def _cell(cells: list[str], index: dict, key: str) -> str:
    position = index.get(key)
    return cells[position].strip() if position is not None and position < len(cells) else ""


def buurt_code(raw: str) -> str | None:
    """Return "BU01234567" for a buurt code as CBS writes it in its tables (with or without
    the BU prefix and leading zeros)."""
    text = raw.strip().upper()
    if text.startswith("BU"):
        text = text[2:]
    if not text.isdigit() or len(text) > 8:
        return None
    return f"BU{text.zfill(8)}"


def _house_number(raw: str) -> str:
    text = raw.strip()
    return str(int(float(text))) if re.match(r"^\d+(\.0+)?$", text) else text


def read_postcode_table(
    path: Path | str, *, municipality_code: str, progress: Progress | None = None
) -> tuple[dict[tuple[str, str], str], list[str]]:
    """Return {(postcode, house number): buurt code} for the municipality's addresses from the
    CBS postcode–buurt table (PC6, Huisnummer, Buurt20xx, …), and the problems found."""
    wanted = {
        "postcode": ("pc6", "postcode"),
        "number": ("huisnummer", "huisnr"),
        "buurt": ("buurt*", "buurtcode*"),
        "gemeente": ("gemeente*", "gemeentecode*"),
    }
    lookup: dict[tuple[str, str], str] = {}
    problems: list[str] = []
    digits = municipality_code[2:6]
    with open_table(path, progress=progress, wanted=("pc6", "postcode")) as table:
        index = _columns(table, wanted, {"postcode", "number", "buurt"})
        for line, cells in table.rows:
            code = buurt_code(_cell(cells, index, "buurt"))
            if code is None:
                if any(c.strip() for c in cells) and len(problems) < MAX_PROBLEMS:
                    problems.append(
                        _("postcodetabel, %(where)s: %(value)r is geen buurtcode")
                        % {"where": table.where(line), "value": _cell(cells, index, "buurt")}
                    )
                continue
            if code[2:6] != digits:
                continue
            postcode = _cell(cells, index, "postcode").replace(" ", "").upper()
            lookup[(postcode, _house_number(_cell(cells, index, "number")))] = code
    return lookup, problems


def read_labels(
    path: Path | str,
    lookup: dict[tuple[str, str], str],
    *,
    progress: Progress | None = None,
) -> AreaCounts:
    """Return per buurt how many homes have a label and how many label B or better, from an
    EP-online extract (one row per address: postcode, huisnummer, energieklasse, …)."""
    result = AreaCounts()
    wanted = {
        "postcode": ("postcode",),
        "number": ("huisnummer",),
        "label": ("energieklasse", "energielabel"),
        "class": ("gebouwklasse",),
    }
    with open_table(path, progress=progress, wanted=("pand_postcode", "postcode")) as table:
        index = _columns(table, wanted, {"postcode", "number", "label"})
        for line, cells in table.rows:
            if not any(c.strip() for c in cells):
                continue
            # Utility buildings (gebouwklasse U) are no homes.
            if _cell(cells, index, "class").upper() == "U":
                continue
            result.rows += 1
            postcode = _cell(cells, index, "postcode").replace(" ", "").upper()
            label = _cell(cells, index, "label").upper().replace(" ", "")
            if not POSTCODE.match(postcode):
                result.problem(table, line, _("%(value)r is geen postcode") % {"value": postcode})
                continue
            if label not in ALL_LABELS:
                result.problem(
                    table,
                    line,
                    _("%(value)r is geen energieklasse (A++++ tot G)") % {"value": label},
                )
                continue
            code = lookup.get((postcode, _house_number(_cell(cells, index, "number"))))
            if code is None:
                result.unmatched += 1  # another municipality, or not in the table
                continue
            result.totals[code] += 1
            if label in GOOD_LABELS:
                result.counts[code] += 1
    return result


STATUS_MARKS = {"*": "voorlopig", "**": "nader_voorlopig"}


def read_gas_free(path: Path | str, *, municipality_code: str, progress=None) -> AreaCounts:
    """Return the number of gas-free homes per wijk or buurt from the CBS table (a code column,
    the period with * for provisional figures, and the count)."""
    result = AreaCounts()
    wanted = {
        "code": ("gwb_code_10", "gwb_code", "codering", "regiocode", "wijkenenbuurten", "code"),
        "year": ("perioden", "jaar", "peiljaar"),
        "count": ("aardgasvrije woningen", "aardgasvrijewoningen*", "a_gasvrij", "aardgasvrij*"),
        "status": ("status",),
    }
    digits = municipality_code[2:6]
    with open_table(path, progress=progress, wanted=wanted["code"]) as table:
        index = _columns(table, wanted, {"code", "count"})
        for line, cells in table.rows:
            if not any(c.strip() for c in cells):
                continue
            code = _cell(cells, index, "code").upper()
            if not CBS_CODE.match(code):
                result.problem(table, line, _("%(code)r is geen geldige CBS-code") % {"code": code})
                continue
            if code[2:6] != digits or code.startswith("GM"):
                continue
            result.rows += 1
            raw_year = _cell(cells, index, "year")
            match = re.match(r"^((?:19|20)\d{2})(?:JJ00)?(\**)$", raw_year.replace(" ", ""))
            if raw_year and match is None:
                result.problem(table, line, _("%(value)r is geen jaartal") % {"value": raw_year})
                continue
            if match:
                year = int(match.group(1))
                if result.year is not None and year != result.year:
                    result.problem(
                        table,
                        line,
                        _("één bestand hoort bij één jaar; hier staat %(year)d") % {"year": year},
                    )
                    continue
                result.year = year
                status = STATUS_MARKS.get(match.group(2), "")
            else:
                status = ""
            status = _cell(cells, index, "status").lower().replace(" ", "_") or status
            raw = _cell(cells, index, "count").replace(".", "")
            if raw in ("", "x", "."):
                continue
            if not raw.isdigit():
                result.problem(
                    table, line, _("het aantal is geen heel getal: %(value)r") % {"value": raw}
                )
                continue
            result.counts[code] = int(raw)
            result.statuses[code] = status
    return result


@dataclass
class MeasurementPlan:
    create: list[Measurement]
    update: list[Measurement]
    unchanged: int
    areas_without_plan_area: int
    sample: list[list[str]]


def plan_measurements(
    municipality: Municipality,
    indicator_code: str,
    counts: Counter,
    *,
    date: datetime.date,
    source: str,
    data_status: str,
    user,
    note: str,
) -> MeasurementPlan:
    """Return the measurements the counts make: one per neighbourhood whose current CBS areas
    (newest reference year) have a count. A wijk counts its buurten when the file has no row
    for the wijk itself."""
    areas = list(
        CbsArea.objects.filter(municipality=municipality, neighbourhood__isnull=False)
        .order_by("neighbourhood_id", "-reference_year")
        .values("neighbourhood_id", "code", "reference_year", "level", "neighbourhood__name")
    )
    newest: dict[int, int] = {}
    for area in areas:
        newest.setdefault(area["neighbourhood_id"], area["reference_year"])
    totals: dict[int, int] = {}
    names: dict[int, str] = {}
    used: set[str] = set()
    for area in areas:
        nid = area["neighbourhood_id"]
        if area["reference_year"] != newest[nid]:
            continue
        code = area["code"]
        if code in counts:
            value = counts[code]
            used.add(code)
        elif code.startswith("WK"):
            inside = [c for c in counts if c.startswith("BU") and c[2:8] == code[2:8]]
            used.update(inside)
            value = sum(counts[c] for c in inside) if inside else None
        else:
            value = None
        if value is not None:
            totals[nid] = totals.get(nid, 0) + value
            names[nid] = area["neighbourhood__name"]
    indicators = {
        i.neighbourhood_id: i
        for i in Indicator.objects.filter(neighbourhood_id__in=totals, code=indicator_code)
    }
    existing = {
        m.indicator_id: m
        for m in Measurement.objects.filter(indicator__in=indicators.values(), date=date)
    }
    create, update, unchanged, sample = [], [], 0, []
    for nid, total in sorted(totals.items(), key=lambda item: names[item[0]]):
        indicator = indicators.get(nid)
        if indicator is None:
            continue
        value = Decimal(total)
        old = existing.get(indicator.pk)
        if old is None:
            create.append(
                Measurement(
                    indicator=indicator,
                    date=date,
                    value=value,
                    source=source,
                    data_status=data_status,
                    note=note,
                    via=Measurement.Via.CSV,
                    entered_by=user,
                )
            )
            state = _("nieuw")
        elif (old.value, old.source, old.data_status) != (value, source, data_status):
            old.value, old.source, old.data_status, old.note = value, source, data_status, note
            old.via, old.entered_by = Measurement.Via.CSV, user
            update.append(old)
            state = _("gewijzigd")
        else:
            unchanged += 1
            state = _("gelijk")
        if len(sample) < 10:
            sample.append([names[nid], indicator.name, date.isoformat(), str(total), str(state)])
    return MeasurementPlan(
        create, update, unchanged, len([c for c in counts if c not in used]), sample
    )


def store_measurements(plan: MeasurementPlan) -> None:
    Measurement.objects.bulk_create(plan.create)
    Measurement.objects.bulk_update(
        plan.update, ["value", "source", "data_status", "note", "via", "entered_by"]
    )


LABEL_INDICATOR = StandardIndicator.LABEL_B
GAS_FREE_INDICATOR = StandardIndicator.GAS_FREE
LABEL_SOURCE = DataSource.EP_ONLINE
GAS_FREE_SOURCE = DataSource.CBS_GAS_FREE
