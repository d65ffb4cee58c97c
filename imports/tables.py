"""Tables as they are published: CSV (any separator, UTF-8 or Windows-1252) and Excel (xlsx),
read as a stream of text rows so that a national file does not fill the memory.

Every row comes with the line a person sees: the line in the CSV file, the row number in Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

Progress = Callable[[float], None]
SNIFF_BYTES = 65_536
PROGRESS_EVERY = 2_000  # rows


class TableError(Exception):
    """The file as a whole cannot be read; nothing has been stored."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    sheet: str = ""  # the Excel sheet the rows come from

    def where(self, line: int) -> str:
        """Return how a person finds a line: "regel 12" or "blad KWB, regel 12"."""
        if self.sheet:
            return _("blad %(sheet)s, regel %(line)d") % {"sheet": self.sheet, "line": line}
        return _("regel %(line)d") % {"line": line}


def is_excel(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"PK\x03\x04"  # a zip: xlsx


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _encoding(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES)
    if b"\x00" in head:
        raise TableError([_("regel 1: het bestand is geen tekst maar binaire data")])
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut off at the end
            return "cp1252"
    return "utf-8-sig"


def _csv_rows(path: Path, progress: Progress | None) -> tuple[list[str], Iterator]:
    encoding = _encoding(path)
    size = max(path.stat().st_size, 1)
    raw = open(path, "rb")  # noqa: SIM115 - closed when the rows are read
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    try:
        first = text.readline()
    except UnicodeDecodeError:
        raw.close()
        raise TableError(
            [_("regel 1: het bestand is geen tekst in UTF-8 of Windows-1252")]
        ) from None
    if not first.strip():
        raw.close()
        raise TableError([_("regel 1: het bestand is leeg of de eerste regel is leeg")])
    delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    header = next(csv.reader([first], delimiter=delimiter))

    def rows() -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(text, delimiter=delimiter)
        try:
            for number, cells in enumerate(reader, start=1):
                yield reader.line_num + 1, cells
                if progress and number % PROGRESS_EVERY == 0:
                    progress(raw.tell() / size)
        except UnicodeDecodeError:
            raise TableError(
                [
                    _("regel %(line)d: het bestand is geen tekst in UTF-8 of Windows-1252")
                    % {"line": reader.line_num + 1}
                ]
            ) from None
        finally:
            raw.close()

    return header, rows()


def _excel_rows(
    path: Path, progress: Progress | None, wanted: tuple[str, ...]
) -> tuple[list[str], Iterator, str]:
    import openpyxl  # only needed for spreadsheets
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise TableError(
            [_("het Excel-bestand kan niet worden gelezen: %(reason)s") % {"reason": exc}]
        ) from None
    chosen = None
    for sheet in book.worksheets:
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        names = {_cell_text(v).lower() for v in first}
        if not wanted or names & set(wanted):
            chosen, header = sheet, [_cell_text(v) for v in first]
            break
    if chosen is None:
        book.close()
        raise TableError(
            [
                _("geen werkblad met een kolom %(columns)s op de eerste regel")
                % {"columns": " of ".join(wanted)}
            ]
        )
    total = max(chosen.max_row or 1, 1)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for line, values in enumerate(chosen.iter_rows(min_row=2, values_only=True), start=2):
                yield line, [_cell_text(v) for v in values]
                if progress and line % PROGRESS_EVERY == 0:
                    progress(min(line / total, 1.0))
        finally:
            book.close()

    return header, rows(), chosen.title


@contextmanager
def open_table(
    path: Path | str, *, progress: Progress | None = None, wanted: tuple[str, ...] = ()
) -> Iterator[Table]:
    """Yield the table in a CSV or xlsx file; ``wanted`` are column names (lower case) that pick
    the sheet of a workbook."""
    path = Path(path)
    if is_excel(path):
        header, rows, sheet = _excel_rows(path, progress, wanted)
        table = Table(header, rows, sheet)
    else:
        header, rows = _csv_rows(path, progress)
        table = Table(header, rows)
    try:
        yield table
    finally:
        rows.close()


def normalise(name: str) -> str:
    """Return a column name as compared: lower case, without quotes, spaces or byte order mark."""
    return name.strip().strip("\ufeff").strip().strip('"').strip().lower()
