"""The CBS Kerncijfers wijken en buurten as published: the Excel workbook or the CSV file.

The rows are checked by the same code as ``manage.py import_cbs`` (wup.cbs_import); a lead's
upload keeps only the rows of their own municipality.
"""

from __future__ import annotations

from pathlib import Path

from wup.cbs_import import CODE_COLUMNS, GEMEENTE, CbsImportError, KwbFile, read_kwb_table

from .tables import Progress, TableError, open_table


def read_kwb(
    path: Path | str,
    *,
    name: str,
    year: int | None = None,
    municipality_code: str | None = None,
    progress: Progress | None = None,
) -> KwbFile:
    """Return the checked rows of a KWB file (xlsx or CSV); raise TableError for a file that
    cannot be used. Problems of single rows are in the result, by line."""
    with open_table(path, progress=progress, wanted=CODE_COLUMNS) as table:
        try:
            kwb = read_kwb_table(
                table.header,
                table.rows,
                name=name,
                year=year,
                municipality_code=municipality_code,
                trailing_cells=bool(table.sheet),
            )
        except CbsImportError as exc:
            raise TableError([_in_sheet(table.sheet, e) for e in exc.errors]) from None
    if municipality_code:
        # The municipality exists already; its own row would only rename it.
        rows = [row for row in kwb.rows if row.level != GEMEENTE]
        kwb = KwbFile(kwb.year, rows, kwb.problems, kwb.codes, kwb.skipped)
    return kwb


def _in_sheet(sheet: str, error: str) -> str:
    return f"{sheet}: {error}" if sheet else error
