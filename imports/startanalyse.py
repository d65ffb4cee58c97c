"""PBL Startanalyse results per buurt: for each strategy (and variant) of an edition, the
national costs per year. Stored as wup.StartanalyseResult; new strategy codes of an edition
become StartanalyseVariant rows with the name the file gives."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from wup.cbs_import import parse_number
from wup.models import CBS_CODE, StartanalyseResult, StartanalyseVariant

from .counts import MAX_PROBLEMS, _cell, _columns
from .tables import Progress, open_table

WANTED = {
    "code": ("buurtcode", "bu_code", "gwb_code", "code"),
    "strategy": ("strategie", "variant", "strategievariant", "strategie_code"),
    "name": ("strategienaam", "naam_strategie", "omschrijving", "naam"),
    "costs": ("nationale_kosten", "nationale kosten", "nat_kosten*", "nationalekosten*"),
    "edition": ("editie", "versie"),
}


@dataclass
class StartanalyseRow:
    line: int
    code: str
    strategy: str
    name: str
    costs: Decimal
    edition: str


def read_startanalyse(
    path: Path | str, *, edition: str, municipality_code: str, progress: Progress | None = None
) -> tuple[list[StartanalyseRow], list[str]]:
    rows: list[StartanalyseRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    with open_table(path, progress=progress, wanted=WANTED["code"]) as table:
        index = _columns(table, WANTED, {"code", "strategy", "costs"})
        for line, cells in table.rows:
            if not any(c.strip() for c in cells) or len(problems) >= MAX_PROBLEMS:
                continue
            code = _cell(cells, index, "code").upper()
            where = table.where(line)
            if not CBS_CODE.match(code) or code.startswith("GM"):
                problems.append(
                    f"{where}: " + _("%(code)r is geen wijk- of buurtcode") % {"code": code}
                )
                continue
            if code[2:6] != municipality_code[2:6]:
                continue
            strategy = _cell(cells, index, "strategy").upper()
            if not strategy or len(strategy) > 20:
                problems.append(f"{where}: " + _("de strategie is leeg of te lang"))
                continue
            try:
                number = parse_number(_cell(cells, index, "costs"))
                costs = None if number is None else Decimal(str(round(number, 2)))
            except (ValueError, InvalidOperation):
                costs = None
                number = -1
            if costs is None:
                problems.append(
                    f"{where}: "
                    + _("de nationale kosten zijn geen getal: %(value)r")
                    % {"value": _cell(cells, index, "costs")}
                )
                continue
            row_edition = _cell(cells, index, "edition") or edition
            if not row_edition:
                problems.append(f"{where}: " + _("de editie ontbreekt"))
                continue
            key = (code, strategy, row_edition)
            if key in seen:
                problems.append(
                    f"{where}: "
                    + _("%(code)s met strategie %(strategy)s staat ook al op regel %(line)d")
                    % {"code": code, "strategy": strategy, "line": seen[key]}
                )
                continue
            seen[key] = line
            rows.append(
                StartanalyseRow(
                    line, code, strategy, _cell(cells, index, "name")[:160], costs, row_edition[:20]
                )
            )
    return rows, problems


def store_startanalyse(rows: list[StartanalyseRow]) -> dict[str, int]:
    """Store the results; return how many were new, changed and the same."""
    variants = {(v.edition, v.code): v for v in StartanalyseVariant.objects.all()}
    for row in rows:
        if (row.edition, row.strategy) not in variants:
            variants[(row.edition, row.strategy)] = StartanalyseVariant.objects.create(
                edition=row.edition, code=row.strategy, name=row.name or row.strategy
            )
    existing = {
        (r.code, r.variant_id): r
        for r in StartanalyseResult.objects.filter(code__in={row.code for row in rows})
    }
    create, update, same = [], [], 0
    for row in rows:
        variant = variants[(row.edition, row.strategy)]
        old = existing.get((row.code, variant.pk))
        if old is None:
            create.append(
                StartanalyseResult(code=row.code, variant=variant, national_costs=row.costs)
            )
        elif old.national_costs != row.costs:
            old.national_costs = row.costs
            update.append(old)
        else:
            same += 1
    StartanalyseResult.objects.bulk_create(create)
    StartanalyseResult.objects.bulk_update(update, ["national_costs"])
    return {"created": len(create), "updated": len(update), "unchanged": same}
