"""CSV files as Excel writes and reads them, for every export and import of the application.

Export: UTF-8 with a byte-order mark (so Excel reads UTF-8), semicolons between the cells as
Dutch Excel expects, CRLF line ends. A text cell a spreadsheet would run as a formula gets an
apostrophe in front (`quote_cell`); an import takes exactly that apostrophe off again
(`unquote_cell`), so a file that went out and came back holds the same text.

Import: UTF-8 with or without byte-order mark, `;` (or, where the importer allows it, `,`)
between the cells, the header as line 1. Imports report each problem as "regel N: reason", N
counted as in the file with the header as line 1, so that a person can find the row in Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

# Excel runs a cell that starts with one of these as a formula (tab and CR too, in some versions).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The export also quotes a text that starts with an apostrophe itself: then the import can tell
# the apostrophe it added from one that was there, and gives back exactly what went out.
_QUOTED_STARTS = (*FORMULA_STARTS, "'")
MAX_ERRORS_SHOWN = 50


# --- Cells ------------------------------------------------------------------------------------


def quote_cell(text: str) -> str:
    """Return a text cell as the export writes it: with an apostrophe in front when a spreadsheet
    would run it as a formula, or when it starts with an apostrophe already."""
    return "'" + text if text.startswith(_QUOTED_STARTS) else text


def unquote_cell(text: str) -> str:
    """Return a text cell as it was before `quote_cell`: the one apostrophe it added taken off."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_QUOTED_STARTS) else text


# --- Writing ----------------------------------------------------------------------------------


class _Echo:
    """A file-like object that hands back what is written, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """Yield the file line by line: byte-order mark and header first, semicolons, CRLF."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def write_csv(out, header: list[str], rows: Iterable[list[str]]) -> None:
    """Write the file (as `csv_lines`) to `out`, e.g. an HttpResponse."""
    for line in csv_lines(header, rows):
        out.write(line)


# --- Reading ----------------------------------------------------------------------------------


def line_error(line: int, reason: str) -> str:
    return _("regel %(line)d: %(reason)s") % {"line": line, "reason": reason}


def decode(data: bytes, error: type[Exception]) -> str:
    """Return the upload as text (UTF-8, with or without a byte-order mark).

    Anything else raises `error` with one message: the line the first bad byte is on, and how
    to save the file from Excel so that it reads.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(
            [
                line_error(
                    line,
                    _(
                        "het bestand is niet opgeslagen als UTF-8. Kies in Excel bij “Opslaan als” "
                        "het type “CSV UTF-8 (gescheiden door lijstscheidingstekens)”."
                    ),
                )
            ]
        ) from None


def choice_problem(value: str, allowed: Iterable[str], what: str) -> str | None:
    """Return None when the value is one of the allowed ones, else what is wrong with it."""
    allowed = [str(a) for a in allowed]
    if value in allowed:
        return None
    if not value:
        return _("%(what)s ontbreekt") % {"what": what}
    return _("onbekende %(what)s “%(value)s” (kies uit: %(allowed)s)") % {
        "what": what,
        "value": value,
        "allowed": ", ".join(allowed),
    }


def sniff_delimiter(first_line: str) -> str:
    """Semicolons as Dutch Excel writes them, or commas as most other programs do."""
    return ";" if first_line.count(";") >= first_line.count(",") else ","


class LineProblems:
    """The problems found in a file, each on its line; reported in the order of the file."""

    def __init__(self) -> None:
        self._found: list[tuple[int, str]] = []

    def add(self, line: int, reason: str) -> None:
        self._found.append((line, reason))

    def __bool__(self) -> bool:
        return bool(self._found)

    def messages(self) -> list[str]:
        """Every problem as "regel N: reason", by line (in the order found within a line); past
        MAX_ERRORS_SHOWN only how many more there are."""
        ordered = sorted(self._found, key=lambda problem: problem[0])
        shown = [line_error(line, reason) for line, reason in ordered[:MAX_ERRORS_SHOWN]]
        if len(ordered) > MAX_ERRORS_SHOWN:
            shown.append(
                _("… en nog %(count)d fouten.") % {"count": len(ordered) - MAX_ERRORS_SHOWN}
            )
        return shown


def read_table(
    data: bytes, header: list[str], error: type[Exception], *, delimiter: str | None = None
) -> tuple[list[tuple[int, dict[str, str]]], LineProblems]:
    """Return the rows of an upload under `header`, each as (line, {column: cell, stripped}),
    and the lines that have another number of cells than the header.

    The cells are separated by `delimiter`, or when it is None by `sniff_delimiter` on the first
    line. Rows without any text (Excel leaves them) are skipped. An empty file, or one whose
    first line is not the header (in any case, spaces around the names allowed), raises `error`
    with the message.
    """
    text = decode(data, error)
    chosen = delimiter or sniff_delimiter(text.split("\n", 1)[0])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=chosen))
    if not rows:
        raise error([_("Het bestand is leeg.")])
    if [cell.strip().lower() for cell in rows[0]] != header:
        reason = _("de eerste regel moet precies deze kolommen hebben: %(header)s") % {
            "header": ";".join(header)
        }
        if delimiter == ";" and len(rows[0]) == 1 and "," in rows[0][0]:
            reason += " " + _("(gescheiden door puntkomma’s, niet door komma’s)")
        raise error([line_error(1, reason)])
    problems = LineProblems()
    body = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # Excel leaves empty rows, with or without separators
        if len(row) != len(header):
            problems.add(
                line,
                _("%(expected)d kolommen verwacht, %(found)d gevonden")
                % {"expected": len(header), "found": len(row)},
            )
            continue
        body.append((line, dict(zip(header, (cell.strip() for cell in row), strict=True))))
    return body, problems
