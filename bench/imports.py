"""National files in: a KWB of about 15,000 rows and a wijk- en buurtkaart of about 14,000
buurten, as a lead or an operator would upload them. Prints time and peak memory per step.

    .venv/bin/python -m bench.imports [--municipalities 345] [--buurten 14000] [--keep]

It uses its own database (BENCH_IMPORTS_DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/wijkwaarde_bench_imports), migrates it, and writes synthetic
files in a temporary directory (nothing is committed): the KWB as CSV and as xlsx, and a
GeoPackage in RD New whose buurten are squares with 20 surveyed points per side, edge-matched
with their neighbours. Steps:

1. the national KWB CSV stored whole (operator; every buurt a plan area), then
2. the next year's national KWB workbook read for one municipality (a lead's upload),
3. the national GeoPackage read, simplified and moved to WGS 84 for every municipality,
4. the same file read for one municipality (a lead's upload) and stored.

Each step runs in a forked child; its peak memory is the child's resident high-water mark
above the size at the fork. The database is dropped
unless --keep.
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
import time
from pathlib import Path

from bench.run import start

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wijkwaarde_bench_imports"
HEADER = ["gwb_code_10", "regio", "recs", "a_inw", "a_woning", "p_koopw", "p_huurw", "p_wcorpw",
          "p_ov_hw", "g_gas"]  # fmt: skip
SIDE = 400.0  # metres: a buurt of the synthetic country
POINTS_PER_SIDE = 20


def measure(label: str, step) -> None:
    """Run the step in a forked child; print its time and its peak resident size above the
    size at the fork (the child starts with the parent's pages)."""
    from django.db import connections

    connections.close_all()
    with open("/proc/self/status") as f:
        current = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        started = time.perf_counter()
        note = step() or ""
        seconds = time.perf_counter() - started
        connections.close_all()
        os.write(write, f"{seconds}\n{note}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        seconds, _newline, note = pipe.read().partition("\n")
    _pid, status, usage = os.wait4(pid, 0)
    peak = max(usage.ru_maxrss - current, 0)
    print(f"{label:<62} {float(seconds or 'nan'):>8.1f} s {peak / 1024:>9.0f} MB")
    if note:
        print(f"   {note}")


def layout(municipalities: int, buurten: int) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Return [(gemeente code, [(wijk code, [buurt codes])])] adding up to `buurten`."""
    per_municipality = max(buurten // municipalities, 1)
    plan = []
    left = buurten
    for m in range(municipalities):
        count = min(per_municipality if m < municipalities - 1 else left, left)
        left -= count
        gm = f"{m + 1:04d}"
        wijken = []
        for w in range(0, count, 4):
            wk = (
                f"{gm}{w // 4:02d}"
                if w // 4 < 100
                else f"{gm}{chr(65 + (w // 4 - 100) // 10)}{(w // 4) % 10}"
            )
            wijken.append((wk, [f"{wk}{b:02d}" for b in range(min(4, count - w))]))
        plan.append((gm, wijken))
    return plan


def write_kwb_csv(path: Path, plan, year: int) -> int:
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, delimiter=";")
        out.writerow([*HEADER, "jaar"])
        for gm, wijken in plan:
            out.writerow(
                [f"GM{gm}", f"Gemeente {gm}", "Gemeente", 20000, 9000, 55, 45, 30, 15, 1200, year]
            )
            for wk, buurten in wijken:
                out.writerow(
                    [f"WK{wk}", f"Wijk {wk}", "Wijk", 4000, 1800, 55, 45, 30, 15, 1150, year]
                )
                for bu in buurten:
                    out.writerow(
                        [f"BU{bu}", f"Buurt {bu}", "Buurt", 1000, 450, 60, 40, 25, 15, 1100, year]
                    )
                    rows += 1
            rows += 1 + len(wijken)
    return rows


def write_kwb_xlsx(path: Path, csv_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("KWB-2025")
    with open(csv_path, encoding="utf-8") as f:
        for i, row in enumerate(csv.reader(f, delimiter=";")):
            sheet.append(row if i == 0 else [c if not c.isdigit() else int(c) for c in row])
    book.save(path)


def write_gpkg(path: Path, plan) -> int:
    import numpy as np
    import shapely
    from pyogrio.raw import write

    def side(x0, y0, x1, y1):
        # Surveyed detail: points along the side, nudged by a deterministic wobble shared by the
        # two buurten on either side of it.
        return [
            (x0 + (x1 - x0) * i / POINTS_PER_SIDE + (0.3 if i % 2 else 0.0),
             y0 + (y1 - y0) * i / POINTS_PER_SIDE + (0.3 if i % 2 else 0.0))
            for i in range(POINTS_PER_SIDE)
        ]  # fmt: skip

    codes, names, gms, geoms = [], [], [], []
    columns = 10
    for m, (gm, wijken) in enumerate(plan):
        ox, oy = 13_000 + (m % 20) * 13_000, 306_000 + (m // 20) * 13_000
        k = 0
        for _wk, buurten in wijken:
            for bu in buurten:
                x, y = ox + (k % columns) * SIDE, oy + (k // columns) * SIDE
                ring = (
                    side(x, y, x + SIDE, y)
                    + side(x + SIDE, y, x + SIDE, y + SIDE)
                    + side(x + SIDE, y + SIDE, x, y + SIDE)
                    + side(x, y + SIDE, x, y)
                )
                geoms.append(shapely.MultiPolygon([shapely.Polygon(ring)]))
                codes.append(f"BU{bu}")
                names.append(f"Buurt {bu}")
                gms.append(f"GM{gm}")
                k += 1
    write(
        path,
        shapely.to_wkb(np.array(geoms, dtype=object)),
        [np.array(codes, dtype=object), np.array(names, dtype=object), np.array(gms, dtype=object)],
        ["buurtcode", "buurtnaam", "gemeentecode"],
        layer="buurten",
        driver="GPKG",
        geometry_type="MultiPolygon",
        crs="EPSG:28992",
    )
    return len(codes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=345)
    parser.add_argument("--buurten", type=int, default=14_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    os.environ.pop("BENCH_DATABASE_URL", None)
    os.environ["BENCH_DATABASE_URL"] = os.environ.get(
        "BENCH_IMPORTS_DATABASE_URL", DEFAULT_DATABASE_URL
    )
    start(DEFAULT_DATABASE_URL)
    from django.core.management import call_command
    from django.db import connection

    from imports.boundaries import read_boundaries
    from imports.kwb import read_kwb
    from wup.cbs_import import BUURT, import_kwb, read_kwb_csv
    from wup.models import CbsArea, Municipality

    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE wup_municipality CASCADE")
    plan = layout(args.municipalities, args.buurten)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = write_kwb_csv(tmp / "kwb-2024.csv", plan, 2024)
        write_kwb_csv(tmp / "kwb-2025.csv", plan, 2025)
        write_kwb_xlsx(tmp / "kwb-2025.xlsx", tmp / "kwb-2025.csv")
        features = write_gpkg(tmp / "wijkenbuurten_2024.gpkg", plan)
        sizes = {p.name: p.stat().st_size / 1e6 for p in tmp.iterdir()}
        print(
            f"KWB: {rows} rows ({sizes['kwb-2024.csv']:.1f} MB CSV, "
            f"{sizes['kwb-2025.xlsx']:.1f} MB xlsx); "
            f"GeoPackage: {features} buurten ({sizes['wijkenbuurten_2024.gpkg']:.1f} MB)"
        )
        print(f"{'step':<62} {'time':>10} {'peak':>12}")
        measure(
            "1. national KWB CSV, read and stored (operator)",
            lambda: import_kwb(read_kwb_csv(tmp / "kwb-2024.csv"), level=BUURT).summary(),
        )
        measure(
            "1b. the next year's national KWB CSV, figures only (operator)",
            lambda: import_kwb(read_kwb_csv(tmp / "kwb-2025.csv"), level="").summary(),
        )
        one = Municipality.objects.order_by("cbs_code")[len(plan) // 2]

        def lead_kwb():
            kwb = read_kwb(
                tmp / "kwb-2025.xlsx", name="kwb-2025.xlsx", municipality_code=one.cbs_code
            )
            return import_kwb(kwb, level="").summary()

        measure("2. national KWB xlsx, one municipality, read and stored (lead)", lead_kwb)

        def national_boundaries():
            result = read_boundaries(tmp / "wijkenbuurten_2024.gpkg")
            points = sum(len(b.geometry["coordinates"][0][0]) for b in result.boundaries[:1000])
            return (
                f"{len(result.boundaries)} boundaries (buurten and derived wijken), "
                f"{points / 1000:.0f} points per boundary after simplifying (80 before)"
            )

        measure("3. national GeoPackage, read, simplified, to WGS 84 (all)", national_boundaries)

        def lead_boundaries():
            own = read_boundaries(tmp / "wijkenbuurten_2024.gpkg", municipality_code=one.cbs_code)
            areas = {
                a.code: a for a in CbsArea.objects.filter(municipality=one, reference_year=2024)
            }
            changed = []
            for boundary in own.boundaries:
                if boundary.code in areas:
                    areas[boundary.code].geometry = boundary.geometry
                    changed.append(areas[boundary.code])
            CbsArea.objects.bulk_update(changed, ["geometry"], batch_size=500)
            return f"{len(changed)} boundaries stored"

        measure("4. national GeoPackage, one municipality, read and stored (lead)", lead_boundaries)
    if not args.keep:
        connection.close()
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            name = connection.settings_dict["NAME"]
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')  # noqa: S608 - our own bench database
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
