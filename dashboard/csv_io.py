"""Measurements as CSV: one file format for download and upload, so an exported file can be
changed in Excel and read back in.

Columns (the header is the first line): wijk (the neighbourhood's slug), indicator_id,
indicator (the name; informative only, ignored on import), datum (YYYY-MM-DD; D-M-YYYY as
Dutch Excel saves it is read too), waarde (1234,5 or 1234.5), bron (a DataSource value; empty
means the indicator's own source), status (a DataStatus value or empty), opmerking.

Import reads and checks every row before it writes anything: one bad row and nothing is
imported; each problem comes back as "regel N: reason", N counted as in the file with the
header as line 1. The file may be UTF-8 with or without BOM, with `;` or `,` between columns.
An existing measurement on the same indicator and date is updated, a new one created.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wup import csv_files
from wup.csv_files import LineProblems, choice_problem, quote_cell, read_table, unquote_cell
from wup.models import Membership, Neighbourhood, Role

from .models import DataSource, DataStatus, Indicator, Measurement

HEADER = ["wijk", "indicator_id", "indicator", "datum", "waarde", "bron", "status", "opmerking"]
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
NOTE_MAX = Measurement._meta.get_field("note").max_length
INTEGER_DIGITS = 12  # Measurement.value: 14 digits, 2 after the decimal separator
DECIMAL_PLACES = 2

NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
SPACES = str.maketrans("", "", " \u00a0\u202f")


class CsvImportError(Exception):
    """The file cannot be imported; `errors` lists every problem found, one line each."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def parse_number(text: str) -> Decimal:
    """Return the number written in `text` (1234,5 or 1234.5); raise ValueError saying why not.

    No separators for thousands: in 1.234 the point could mean either, so we do not guess.
    At most two digits after the separator, as the database keeps them.
    """
    cleaned = text.translate(SPACES)
    if not cleaned:
        raise ValueError(_("de waarde ontbreekt"))
    if not NUMBER.match(cleaned):
        raise ValueError(
            _(
                "“%(value)s” is geen getal. Schrijf bijvoorbeeld 1234,5 of 1234.5, zonder "
                "punt of komma voor duizendtallen."
            )
            % {"value": text}
        )
    try:
        number = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        raise ValueError(_("“%(value)s” is geen getal.") % {"value": text}) from None
    digits, decimals = _digits(cleaned)
    if decimals > DECIMAL_PLACES:
        raise ValueError(
            _("“%(value)s” heeft meer dan %(places)d cijfers achter de komma.")
            % {"value": text, "places": DECIMAL_PLACES}
        )
    if digits > INTEGER_DIGITS:
        raise ValueError(_("“%(value)s” is te groot.") % {"value": text})
    return number


def _digits(number: str) -> tuple[int, int]:
    whole, _sep, fraction = number.lstrip("+-").replace(",", ".").partition(".")
    return len(whole.lstrip("0")), len(fraction)


def parse_date(text: str) -> datetime.date:
    """Return the date in `text`: YYYY-MM-DD, or D-M-YYYY as Dutch Excel writes it."""
    try:
        if ISO_DATE.match(text):
            return datetime.date.fromisoformat(text)
        found = DUTCH_DATE.match(text)
        if found:
            day, month, year = (int(part) for part in found.groups())
            return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("“%(value)s” is geen bestaande datum") % {"value": text}) from None
    if not text:
        raise ValueError(_("de datum ontbreekt"))
    raise ValueError(
        _("“%(value)s” is geen datum; schrijf jjjj-mm-dd, bijvoorbeeld 2026-03-31")
        % {"value": text}
    )


def format_number(value: Decimal) -> str:
    """Return the value as the file writes it: no trailing zeros, a comma as in Dutch Excel."""
    return format(value.normalize(), "f").replace(".", ",")


# --- What a member may see and change --------------------------------------------------------


def indicators_for(membership: Membership) -> QuerySet[Indicator]:
    """Return the indicators a membership reaches: its neighbourhoods; a partner's own party's."""
    indicators = Indicator.objects.filter(
        neighbourhood__in=Neighbourhood.objects.visible_to(membership)
    )
    if membership.role == Role.PARTNER:
        indicators = indicators.for_party(membership.party_id)
    return indicators


def measurements_for(membership: Membership) -> QuerySet[Measurement]:
    """Return the measurements a membership may download, in file order."""
    return (
        Measurement.objects.filter(indicator__in=indicators_for(membership))
        .select_related("indicator__neighbourhood")
        .order_by("indicator__neighbourhood__name", "indicator__order", "indicator_id", "date")
    )


# --- Export ----------------------------------------------------------------------------------


def export_rows(measurements: Iterable[Measurement]) -> list[list[str]]:
    """Return one CSV row (without header) per measurement; pass them with their indicator and
    its neighbourhood loaded."""
    return [
        [
            m.indicator.neighbourhood.slug,
            str(m.indicator_id),
            quote_cell(m.indicator.name),
            m.date.isoformat(),
            format_number(m.value),
            m.source,
            m.data_status,
            quote_cell(m.note),
        ]
        for m in measurements
    ]


def write_csv(out, rows: Iterable[list[str]]) -> None:
    """Write the header and rows as Excel reads them: BOM, semicolons, CRLF."""
    csv_files.write_csv(out, HEADER, rows)


# --- Import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One valid line of the file."""

    line: int
    indicator: Indicator
    date: datetime.date
    value: Decimal
    source: str
    data_status: str
    note: str

    def differs_from(self, m: Measurement) -> bool:
        return (m.value, m.source, m.data_status, m.note) != (
            self.value,
            self.source,
            self.data_status,
            self.note,
        )


@dataclass
class ImportPlan:
    """What a checked file would do: the rows to create, to update, and those unchanged."""

    create: list[Row] = field(default_factory=list)
    update: list[tuple[Row, Measurement]] = field(default_factory=list)
    unchanged: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


class _Reader:
    """Checks the rows one by one, collecting every problem with its line number."""

    def __init__(self, membership: Membership, today: datetime.date, problems: LineProblems):
        self.membership = membership
        self.today = today
        self.problems = problems
        self.rows: list[Row] = []
        self.seen: dict[tuple[int, datetime.date], int] = {}  # (indicator, date): first line
        self.indicators: dict[int, Indicator] | None = None

    def load(self, ids: set[int]) -> None:
        """Fetch the mentioned indicators this membership reaches, in one query."""
        self.indicators = {
            i.pk: i
            for i in indicators_for(self.membership)
            .filter(pk__in=ids)
            .select_related("neighbourhood")
        }

    def read(self, line: int, cells: dict[str, str]) -> None:
        problems: list[str] = []
        indicator = self._indicator(cells, problems)
        try:
            day = parse_date(cells["datum"])
        except ValueError as exc:
            problems.append(str(exc))
            day = None
        if day and day > self.today:
            problems.append(_("de datum %(date)s ligt in de toekomst") % {"date": day.isoformat()})
        try:
            value = parse_number(cells["waarde"])
        except ValueError as exc:
            problems.append(str(exc))
            value = None
        source = cells["bron"].lower() or (indicator.source if indicator else "")
        problems.append(choice_problem(source, DataSource.values, _("bron")) if source else None)
        status = cells["status"].lower()
        if status:
            problems.append(choice_problem(status, DataStatus.values, _("status")))
        note = unquote_cell(cells["opmerking"])
        if len(note) > NOTE_MAX:
            problems.append(_("de opmerking is langer dan %(max)d tekens") % {"max": NOTE_MAX})
        if indicator and day:
            first = self.seen.setdefault((indicator.pk, day), line)
            if first != line:
                problems.append(
                    _("indicator %(id)d op %(date)s staat ook al op regel %(first)d")
                    % {"id": indicator.pk, "date": day.isoformat(), "first": first}
                )
        problems = [p for p in problems if p]
        for problem in problems:
            self.problems.add(line, problem)
        if not problems:
            self.rows.append(Row(line, indicator, day, value, source, status, note))

    def _indicator(self, cells: dict[str, str], problems: list[str]) -> Indicator | None:
        raw = cells["indicator_id"]
        if not raw.isdigit():
            problems.append(
                _("indicator_id “%(value)s” is geen nummer") % {"value": raw}
                if raw
                else _("indicator_id ontbreekt")
            )
            return None
        indicator = self.indicators.get(int(raw))
        if indicator is None:
            # Another municipality's, another party's, out of reach, or gone: all the same to
            # the importer, and we do not confirm which.
            if self.membership.role == Role.PARTNER:
                problems.append(
                    _(
                        "indicator %(id)s bestaat niet in deze gemeente of wordt niet door uw "
                        "partij gemeten"
                    )
                    % {"id": raw}
                )
            else:
                problems.append(
                    _("indicator %(id)s bestaat niet in een wijk van deze gemeente die u beheert")
                    % {"id": raw}
                )
            return None
        slug = cells["wijk"]
        if slug != indicator.neighbourhood.slug:
            problems.append(
                _("indicator %(id)s hoort bij wijk “%(right)s”, niet bij “%(given)s”")
                % {"id": raw, "right": indicator.neighbourhood.slug, "given": slug}
            )
            return None
        return indicator


def read_csv(
    data: bytes, *, membership: Membership, today: datetime.date | None = None
) -> ImportPlan:
    """Return what the file would change; raise CsvImportError listing every bad line.

    Two queries: the indicators mentioned, and their measurements on the dates mentioned.
    """
    body, problems = read_table(data, HEADER, CsvImportError)
    reader = _Reader(membership, today or timezone.localdate(), problems)
    reader.load(
        {int(cells["indicator_id"]) for _line, cells in body if cells["indicator_id"].isdigit()}
    )
    for line, cells in body:
        reader.read(line, cells)
    if problems:
        raise CsvImportError(problems.messages())
    if not reader.rows:
        raise CsvImportError([_("Het bestand heeft geen regels met metingen.")])
    return _plan(reader.rows)


def _plan(rows: list[Row]) -> ImportPlan:
    existing = {
        (m.indicator_id, m.date): m
        for m in Measurement.objects.filter(
            indicator_id__in={r.indicator.pk for r in rows}, date__in={r.date for r in rows}
        )
    }
    plan = ImportPlan()
    for row in rows:
        found = existing.get((row.indicator.pk, row.date))
        if found is None:
            plan.create.append(row)
        elif row.differs_from(found):
            plan.update.append((row, found))
        else:
            plan.unchanged.append(row)
    return plan


def apply(plan: ImportPlan, *, user) -> ImportResult:
    """Write a checked plan in one transaction: new measurements and changed ones, via CSV.

    An upsert, so a measurement someone else added meanwhile on the same date is updated
    instead of failing the whole file.
    """
    rows = plan.create + [row for row, _found in plan.update]
    with transaction.atomic():
        Measurement.objects.bulk_create(
            [
                Measurement(
                    indicator=row.indicator,
                    date=row.date,
                    value=row.value,
                    source=row.source,
                    data_status=row.data_status,
                    note=row.note,
                    via=Measurement.Via.CSV,
                    entered_by=user,
                    entered_at=timezone.now(),
                )
                for row in rows
            ],
            update_conflicts=True,
            unique_fields=["indicator", "date"],
            update_fields=[
                "value",
                "source",
                "data_status",
                "note",
                "via",
                "entered_by",
                "entered_at",
            ],
        )
    return ImportResult(
        created=len(plan.create), updated=len(plan.update), unchanged=len(plan.unchanged)
    )


def describe(row: Row) -> str:
    """Return a row as a line of the audit trail."""
    return f"{row.indicator.pk} {row.date.isoformat()} {formats.localize(row.value)}"
