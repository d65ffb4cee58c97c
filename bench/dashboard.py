"""The council's dashboard with 100 and with 1,000 neighbourhoods, against the floor view.

    .venv/bin/python -m bench.dashboard [--requests 30] [--warmup 5] [--small 100] [--large 1000]

It uses its own database (BENCH_DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/wijkwaarde_bench_dash), creates and migrates it and runs
seed_demo. Then, in one transaction that is rolled back at the end, it adds synthetic
neighbourhoods to the demo municipality Zonnedal until it has `small`, each with what the
council sees: a CBS area with its boundary, the standard indicators and a custom one, a roadmap
with dependent milestones and an adopted version holding the route, two years of measurements
(quarterly figures, monthly pulse), pulse answers, and for some a development with impacts and
steering actions. As the demo's council member it times the municipality overview and the
neighbourhood view of De Akkers (the demo's far-behind neighbourhood) interleaved with the
floor view; then it adds neighbourhoods until there are `large`, and times them again.

Prints a table and writes bench/results/dashboard.json. The exit status is 1 when a page does
not answer 200 or when a page runs more queries with more neighbourhoods, and 2 when the
council views are not there yet (the URL names do not resolve).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import secrets
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wijkwaarde_bench_dash"
RESULTS = Path(__file__).resolve().parent / "results" / "dashboard.json"
MUNICIPALITY = "zonnedal"
NEIGHBOURHOOD = "de-akkers"
COUNCIL_MEMBER = "raadslid@zonnedal.example"
SLUG = "benchwijk-{:04d}"
BATCH = 2000


def prepare() -> None:
    """Migrate and seed the demo (seed_demo leaves existing data alone)."""
    import io

    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())


def pages() -> list:
    """The council pages, or [] when their URL names do not resolve yet."""
    from django.urls import NoReverseMatch, reverse

    from bench.pages import Page

    try:
        overview = reverse("dashboard:council_overview", kwargs={"municipality_slug": MUNICIPALITY})
        neighbourhood = reverse(
            "dashboard:council_neighbourhood",
            kwargs={"municipality_slug": MUNICIPALITY, "neighbourhood_slug": NEIGHBOURHOOD},
        )
    except NoReverseMatch:
        return []
    return [
        Page("council overview", overview, user=COUNCIL_MEMBER),
        Page("council neighbourhood", neighbourhood, user=COUNCIL_MEMBER),
    ]


# ---------------------------------------------------------------------------------------------
# Synthetic neighbourhoods
# ---------------------------------------------------------------------------------------------


def _square(index: int) -> dict:
    """A small square south of Zonnedal's demo neighbourhoods, 40 to a row."""
    west = 5.10 + (index % 40) * 0.006
    south = 52.05 - (index // 40) * 0.004
    ring = [
        [west, south],
        [west + 0.006, south],
        [west + 0.006, south + 0.004],
        [west, south + 0.004],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring]]}


def _quarter_ends(today: dt.date, n: int) -> list[dt.date]:
    ends = []
    year, quarter = today.year, (today.month - 1) // 3  # the last quarter that has ended
    for _ in range(n):
        if quarter == 0:
            year, quarter = year - 1, 4
        month = quarter * 3
        ends.append(dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        quarter -= 1
    return ends[::-1]


def _month_starts(today: dt.date, n: int) -> list[dt.date]:
    year, month = today.year, today.month
    starts = []
    for _ in range(n):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def add_neighbourhoods(municipality, start: int, stop: int) -> None:
    """Add synthetic neighbourhoods numbered start … stop - 1, with everything the council
    pages show about a neighbourhood, in bulk."""
    from django.utils import timezone

    from dashboard.models import (
        STANDARD_SET,
        DataSource,
        DataStatus,
        Development,
        DevelopmentImpact,
        DevelopmentKind,
        Indicator,
        IndicatorCategory,
        IndicatorUnit,
        Likelihood,
        Measurement,
        PulseResponse,
        RoutePoint,
        StandardIndicator,
        SteeringAction,
        SteeringStatus,
    )
    from dashboard.route import RoutePoint as Point
    from dashboard.route import planned_value
    from roadmap.models import (
        DecisionBody,
        Milestone,
        MilestoneStatus,
        Roadmap,
        RoadmapVersion,
        snapshot_checksum,
    )
    from roadmap.snapshots import take_snapshot
    from wup.models import CbsArea, HeatSolution, Neighbourhood, Phase

    rng = random.Random(f"bench-dashboard-{start}")  # noqa: S311 - synthetic data
    today = timezone.localdate()
    owners = list(municipality.parties.order_by("pk"))
    phases = [Phase.IMPLEMENTING, Phase.DECIDING, Phase.MANAGING, Phase.PLANNING, Phase.EXPLORING]
    solutions = [s for s in HeatSolution.values if s != HeatSolution.UNKNOWN]
    adopted_phases = {Phase.IMPLEMENTING, Phase.DECIDING, Phase.MANAGING}

    hoods = Neighbourhood.objects.bulk_create(
        [
            Neighbourhood(
                municipality=municipality,
                name=f"Benchwijk {i:04d}",
                slug=SLUG.format(i),
                phase=phases[i % len(phases)],
                preferred_solution=solutions[i % len(solutions)],
                planned_gas_free_year=2030 + i % 15,
                summary="Een wijk met rijtjeshuizen en flats, voor de meting.",
            )
            for i in range(start, stop)
        ],
        batch_size=BATCH,
    )
    homes = {h.pk: rng.randrange(300, 3000) for h in hoods}
    CbsArea.objects.bulk_create(
        [
            CbsArea(
                municipality=municipality,
                neighbourhood=h,
                code=f"BU4998{i:04d}",
                reference_year=2024,
                level=CbsArea.Level.NEIGHBOURHOOD,
                name=h.name,
                homes=homes[h.pk],
                share_owner_occupied=55.0,
                share_corporation=35.0,
                share_other_rental=10.0,
                avg_gas_m3=1200,
                build_periods={"voor_2000": 90.0, "vanaf_2000": 10.0},
                geometry=_square(i),
            )
            for i, h in zip(range(start, stop), hoods, strict=True)
        ],
        batch_size=BATCH,
    )

    # A roadmap with five milestones in a chain for every neighbourhood past exploring.
    planned = [h for h in hoods if h.phase != Phase.EXPLORING]
    roadmaps = Roadmap.objects.bulk_create(
        [Roadmap(neighbourhood=h, summary="Het plan voor de meting.") for h in planned],
        batch_size=BATCH,
    )
    specs = [
        ("Vergunning", dt.date(2025, 3, 31), MilestoneStatus.ACHIEVED),
        ("Contract warmtebron", dt.date(2026, 6, 30), MilestoneStatus.ON_SCHEDULE),
        ("Warmtenet fase 1 aangelegd", dt.date(2027, 6, 30), MilestoneStatus.PLANNED),
        ("Eerste woningen aangesloten", dt.date(2028, 6, 30), MilestoneStatus.PLANNED),
        ("Gasnet weggehaald", dt.date(2032, 12, 31), MilestoneStatus.PLANNED),
    ]
    milestones = Milestone.objects.bulk_create(
        [
            Milestone(
                roadmap=r,
                title=title,
                owner=owners[(k + r.pk) % len(owners)],
                baseline_date=baseline,
                forecast_date=baseline + dt.timedelta(days=rng.choice([0, 0, 30, 120])),
                achieved_date=baseline if status == MilestoneStatus.ACHIEVED else None,
                status=status,
            )
            for r in roadmaps
            for k, (title, baseline, status) in enumerate(specs)
        ],
        batch_size=BATCH,
    )
    chain = {
        r.pk: milestones[n * len(specs) : (n + 1) * len(specs)] for n, r in enumerate(roadmaps)
    }
    Through = Milestone.depends_on.through
    Through.objects.bulk_create(
        [
            Through(from_milestone_id=later.pk, to_milestone_id=earlier.pk)
            for steps in chain.values()
            for earlier, later in zip(steps, steps[1:], strict=False)
        ],
        batch_size=BATCH,
    )
    by_hood = {r.neighbourhood_id: chain[r.pk] for r in roadmaps}

    # The standard set, as every new neighbourhood gets it, and one custom indicator.
    Neighbourhood.objects.add_parts(hoods)
    standard = list(
        Indicator.objects.filter(neighbourhood__in=hoods).order_by("neighbourhood_id", "order")
    )
    heat = [
        i
        for i in standard
        if i.code == StandardIndicator.HEAT_NETWORK and i.neighbourhood_id in by_hood
    ]
    for indicator in heat:  # the heat network is measured against its milestone
        indicator.milestone = by_hood[indicator.neighbourhood_id][3]
    Indicator.objects.bulk_update(heat, ["milestone"], batch_size=BATCH)
    indicators = standard + Indicator.objects.bulk_create(
        [
            Indicator(
                neighbourhood=h,
                name="Eigenaren met een isolatieadvies",
                category=IndicatorCategory.PROCESS,
                unit=IndicatorUnit.COUNT,
                source=DataSource.OTHER,
                order=len(STANDARD_SET),
            )
            for h in hoods
        ],
        batch_size=BATCH,
    )

    # The route of the counted indicators, from the start of 2025 to the gas-free year.
    counted = {
        StandardIndicator.GAS_FREE,
        StandardIndicator.GAS_FREE_READY,
        StandardIndicator.HEAT_NETWORK,
        StandardIndicator.LABEL_B,
    }
    hood_of = {h.pk: h for h in hoods}
    routed = [i for i in indicators if i.code in counted or not i.code]
    points = []
    for indicator in routed:
        h = hood_of[indicator.neighbourhood_id]
        total = homes[h.pk]
        start_value = round(total * 0.1)
        end = dt.date(h.planned_gas_free_year, 12, 31)
        for day, share in (
            (dt.date(2025, 1, 1), 0.0),
            (dt.date(2027, 12, 31), 0.3),
            (dt.date(2029, 12, 31), 0.6),
            (end, 1.0),
        ):
            points.append(
                RoutePoint(
                    indicator=indicator,
                    date=day,
                    value=Decimal(round(start_value + (total - start_value) * share)),
                )
            )
    RoutePoint.objects.bulk_create(points, batch_size=BATCH)

    # Adopt the roadmaps past planvorming: one snapshot (with the route) stands for all.
    adopted = [r for r in roadmaps if hood_of[r.neighbourhood_id].phase in adopted_phases]
    snapshot = take_snapshot(adopted[0]) if adopted else {}
    versions = RoadmapVersion.objects.bulk_create(
        [
            RoadmapVersion(
                roadmap=r,
                number=1,
                adopted_by=DecisionBody.EXECUTIVE,
                decision_date=dt.date(2025, 2, 1),
                decision_reference=f"B&W 2025-{r.pk:04d}",
                snapshot=snapshot,
                checksum=snapshot_checksum(snapshot),
            )
            for r in adopted
        ],
        batch_size=BATCH,
    )
    version_of = {r.neighbourhood_id: v.pk for r, v in zip(adopted, versions, strict=True)}
    RoutePoint.objects.bulk_create(
        [
            RoutePoint(
                indicator_id=p.indicator_id,
                version_id=version_of[p.indicator.neighbourhood_id],
                date=p.date,
                value=p.value,
            )
            for p in points
            if p.indicator.neighbourhood_id in version_of
        ],
        batch_size=BATCH,
    )

    # Two years of quarterly figures at a pace that puts a neighbourhood on route, behind or
    # far behind; a year of monthly pulse means.
    quarters = _quarter_ends(today, 8)
    months = _month_starts(today, 12)
    pace = {h.pk: rng.choice([1.05, 1.0, 0.92, 0.7]) for h in hoods}
    route_of: dict[int, list[Point]] = {}
    for p in points:
        route_of.setdefault(p.indicator_id, []).append(Point(p.date, float(p.value)))
    measurements = []
    for indicator in indicators:
        if indicator.pk in route_of:
            planned = route_of[indicator.pk]
            start_value = planned[0].value
            for day in quarters:
                value = planned_value(planned, day)
                done = start_value + (value - start_value) * pace[indicator.neighbourhood_id]
                measurements.append(
                    Measurement(
                        indicator=indicator,
                        date=day,
                        value=Decimal(round(done)),
                        source=indicator.source,
                        data_status=DataStatus.FINAL
                        if (today - day).days > 365
                        else DataStatus.PROVISIONAL,
                        via=Measurement.Via.CSV,
                    )
                )
        elif indicator.unit == IndicatorUnit.LIKERT:
            for day in months:
                measurements.append(
                    Measurement(
                        indicator=indicator,
                        date=day,
                        value=Decimal(str(round(rng.uniform(2.6, 4.1), 2))),
                        source=DataSource.SURVEY,
                        data_status=DataStatus.FINAL,
                        via=Measurement.Via.APP,
                    )
                )
    Measurement.objects.bulk_create(measurements, batch_size=BATCH)
    PulseResponse.objects.bulk_create(
        [
            PulseResponse(
                neighbourhood=h,
                trust=rng.randint(1, 5),
                co_ownership=rng.randint(1, 5),
                legitimacy=rng.randint(1, 5),
                month=month,
                client_key=secrets.token_hex(32),
            )
            for h in hoods
            for month in months[-6:]
            for _ in range(5)
        ],
        batch_size=BATCH,
    )

    # Every 25th neighbourhood: a development hitting its third milestone; every third:
    # two steering actions.
    with_roadmap = [h for h in hoods if h.pk in by_hood]
    developments = Development.objects.bulk_create(
        [
            Development(
                municipality=municipality,
                title=f"Netcongestie rond {h.name}",
                occurs_on=today - dt.timedelta(days=30),
                kind=DevelopmentKind.GRID,
                likelihood=Likelihood.HIGH,
                status=Development.Status.ACCEPTED if n % 2 else Development.Status.OPEN,
            )
            for n, h in enumerate(with_roadmap[::25])
        ]
    )
    DevelopmentImpact.objects.bulk_create(
        [
            DevelopmentImpact(development=d, milestone=by_hood[h.pk][2], delay_days=180)
            for d, h in zip(developments, with_roadmap[::25], strict=True)
        ]
    )
    SteeringAction.objects.bulk_create(
        [
            SteeringAction(
                neighbourhood=h,
                title=title,
                owner="Gemeente Zonnedal",
                due_on=today + dt.timedelta(days=days),
                decided_by=DecisionBody.EXECUTIVE,
                status=status,
                outcome="Gedaan." if status == SteeringStatus.DONE else "",
            )
            for h in hoods[::3]
            for title, days, status in (
                ("Extra ploeg voor de aanleg", 90, SteeringStatus.IN_PROGRESS),
                ("Bewonersavond over de planning", -30, SteeringStatus.DONE),
            )
        ],
        batch_size=BATCH,
    )


def counts(municipality) -> dict[str, int]:
    from dashboard.models import Development, Indicator, Measurement, RoutePoint, SteeringAction
    from roadmap.models import Milestone, RoadmapVersion

    mine = {"indicator__neighbourhood__municipality": municipality}
    return {
        "neighbourhoods": municipality.neighbourhoods.count(),
        "adopted_roadmaps": RoadmapVersion.objects.filter(
            roadmap__neighbourhood__municipality=municipality
        )
        .values("roadmap")
        .distinct()
        .count(),
        "milestones": Milestone.objects.filter(
            roadmap__neighbourhood__municipality=municipality
        ).count(),
        "indicators": Indicator.objects.filter(neighbourhood__municipality=municipality).count(),
        "route_points": RoutePoint.objects.filter(**mine).count(),
        "measurements": Measurement.objects.filter(**mine).count(),
        "developments": Development.objects.filter(municipality=municipality).count(),
        "steering_actions": SteeringAction.objects.filter(
            neighbourhood__municipality=municipality
        ).count(),
    }


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def print_table(rows: list[dict]) -> None:
    from bench.run import TARGET_RATIO

    header = (
        f"{'page':<24} {'neighbourhoods':>14} {'median ms':>10} {'p95 ms':>8} {'queries':>8} "
        f"{'× floor':>8} {'KB':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        floor = row["floor"]
        print(
            f"{'floor':<24} {row['scale']:>14} {floor['median_ms']:>10.2f} "
            f"{floor['p95_ms']:>8.2f} {floor['queries']:>8} {1:>8.2f} {'':>7}"
        )
        flag = "  over target" if row["ratio"] and row["ratio"] > TARGET_RATIO else ""
        print(
            f"{row['name']:<24} {row['scale']:>14} {row['median_ms']:>10.2f} "
            f"{row['p95_ms']:>8.2f} {row['queries']:>8} {row['ratio']:>8.2f} {row['kb']:>7.1f}"
            f"{flag}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.dashboard", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--small", type=int, default=100, help="neighbourhoods, first scale")
    parser.add_argument("--large", type=int, default=1000, help="neighbourhoods, second scale")
    args = parser.parse_args(argv)

    from bench.run import redacted, start

    url = start(DEFAULT_DATABASE_URL)
    import django
    from django.conf import settings
    from django.db import connection, transaction

    from bench.residents import analyze, measure_scale
    from bench.run import TARGET_RATIO, Failure, client_for, use_bench_settings
    from wup.models import Municipality

    prepare()
    municipality = Municipality.objects.get(slug=MUNICIPALITY)
    demo = municipality.neighbourhoods.count()
    if not demo < args.small <= args.large:
        parser.error(f"need {demo} (the demo) < --small <= --large")
    rows: list[dict] = []
    data: dict[int, dict[str, int]] = {}
    failure = None
    override = use_bench_settings()
    try:
        measured = pages()
        if not measured:
            print(
                "The council views are not there yet: dashboard:council_overview and "
                "dashboard:council_neighbourhood do not resolve. Nothing measured."
            )
            return 2
        with transaction.atomic():
            floor_client = client_for(None)
            client_for(COUNCIL_MEMBER)  # fails early when the demo has no council member
            have = demo
            try:
                for scale in (args.small, args.large):
                    add_neighbourhoods(municipality, have, scale)
                    have = scale
                    analyze()
                    data[scale] = counts(municipality)
                    for page in measured:
                        rows.append(
                            measure_scale(scale, page, floor_client, args.requests, args.warmup)
                        )
            except Failure as exc:
                failure = str(exc)
            transaction.set_rollback(True)  # leave the database as seeded
    finally:
        override.disable()

    print(
        f"\nWijkwaarde bench, the council dashboard at two scales: {args.requests} requests per "
        f"page after {args.warmup} warm-up, interleaved with the floor; {connection.vendor} "
        f"{redacted(url)}; DEBUG={settings.DEBUG}, "
        f"CONN_MAX_AGE={connection.settings_dict.get('CONN_MAX_AGE')}; seed_demo plus synthetic "
        f"neighbourhoods in Zonnedal (rolled back afterwards), as {COUNCIL_MEMBER}.\n"
    )
    if data:
        names = list(next(iter(data.values())))
        print(f"{'Zonnedal':<18}" + "".join(f"{scale:>10}" for scale in data))
        for name in names:
            print(f"{name:<18}" + "".join(f"{d[name]:>10}" for d in data.values()))
        print()
    print_table(rows)

    problems = []
    if failure:
        problems.append(f"FAILED: {failure}")
    by_page: dict[str, list[int]] = {}
    for row in rows:
        by_page.setdefault(row["name"], []).append(row["queries"])
    for name, queries in by_page.items():
        if len(set(queries)) > 1:
            problems.append(
                f"QUERIES GROW with the number of neighbourhoods on {name}: "
                f"{' → '.join(map(str, queries))} (must stay the same)."
            )
    print()
    for problem in problems:
        print(problem)
    if not problems:
        shown = ", ".join(f"{name} {queries[0]}" for name, queries in by_page.items())
        print(f"Queries constant ({shown}).")
    print(f"Target: at most {TARGET_RATIO:g}× the floor (time is flagged, not failed).")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "django": django.get_version(),
                "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
                "database": connection.vendor,
                "debug": settings.DEBUG,
                "requests": args.requests,
                "data": {str(scale): d for scale, d in data.items()},
                "pages": [
                    {k: v for k, v in row.items() if not k.endswith("samples_ms")} for row in rows
                ],
                "queries_constant": all(len(set(q)) == 1 for q in by_page.values()),
                "problems": problems,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    shown = RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS
    print(f"Results written to {shown}.")
    return 1 if problems or len(rows) != 2 * len(measured) else 0


if __name__ == "__main__":
    sys.exit(main())
