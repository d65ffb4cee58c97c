"""PDF reports: how long a full roadmap report takes, and whether a queue of them runs once each.

    .venv/bin/python -m bench.reports [--repeat 5] [--reports 20] [--keep]

It creates a throwaway PostgreSQL database (BENCH_REPORTS_DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/wijkwaarde_bench_reports), migrates it and builds a demo-like
roadmap in it (24 milestones with dependencies and progress, ambitions of six parties, core
values from three published sessions, agreements, the six safeguards, three adopted versions).

1. Render time: the report of the latest version, against WeasyPrint rendering a plain ten-page
   reference document (text, headings, a table per page, page numbers), taking turns --repeat
   times in this process. The figure is the ratio of the medians.
2. Queue: --reports report rows are queued (every message sent twice, as a redelivery would) to
   two real Celery workers (prefork, one child each) on Redis (BENCH_REDIS_URL, default
   redis://127.0.0.1:6379/13, flushed first). All must end done, each rendered exactly once
   (worker logs and the rows' attempts).

Prints a table and writes bench/results/reports.json. Exit status 1 when a report is missing,
failed or rendered twice; 2 when the setup fails. The database is dropped unless --keep.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench.run import ensure_database, redacted

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "reports.json"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wijkwaarde_bench_reports"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
QUEUE = "bench-reports"
WORKERS = 2


def configure_environment(media_root: str) -> tuple[str, str]:
    database = os.environ.get("BENCH_REPORTS_DATABASE_URL") or DEFAULT_DATABASE_URL
    redis = os.environ.get("BENCH_REDIS_URL") or DEFAULT_REDIS_URL
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "wup.settings",
            "DATABASE_URL": database,
            "REDIS_URL": redis,
            "CELERY_BROKER_URL": redis,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "DEBUG": "False",
            "SECURE_SSL_REDIRECT": "False",
            "ALLOWED_HOSTS": "testserver",
            "EMAIL_BACKEND": "locmem",
            "LOG_LEVEL": "INFO",
            "MEDIA_ROOT": media_root,
            "CACHE_KEY_PREFIX": "bench-reports",
        }
    )
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-never-used-for-anything-real-0123456789"
    )
    return database, redis


def drop_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    params = {
        "host": parts.hostname or "",
        "port": parts.port or 5432,
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "dbname": "postgres",
    }
    name = unquote(parts.path.lstrip("/"))
    with psycopg.connect(**{k: v for k, v in params.items() if v != ""}, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


# -- Data ----------------------------------------------------------------------------------------

PARTIES = [
    ("Gemeente Benchdal", "gemeente"),
    ("Woonstichting Thuis", "woningcorporatie"),
    ("Huurdersvereniging De Sleutel", "huurdersorganisatie"),
    ("Warmtebedrijf Oost", "warmtebedrijf"),
    ("Netbeheer Midden", "netbeheerder"),
    ("Energiecoöperatie Zonnig", "energiecooperatie"),
]
VALUES = [
    ("Betaalbaar voor iedereen", "Niemand mag er in woonlasten op achteruitgaan."),
    ("Samen beslissen", "Bewoners praten mee over tempo en volgorde."),
    ("Eerlijke keuze", "Wie niet wil aansluiten, krijgt een goed alternatief."),
    ("Rust in de straat", "Straten gaan één keer open, niet drie keer."),
    ("Duidelijke informatie", "Eén loket, in gewone taal, op tijd."),
    ("Duurzaam en betrouwbaar", "De warmte is schoon en valt niet uit."),
]


def build_roadmap():
    """Return the latest version of a demo-like roadmap, built fresh."""
    from django.utils import timezone

    from dialogue.models import DialogueSession, Outcome
    from roadmap.models import (
        Agreement,
        AgreementStatus,
        AgreementType,
        Ambition,
        CoreValue,
        Milestone,
        MilestoneStatus,
        MunicipalRole,
        MunicipalRoleType,
        Roadmap,
        Safeguard,
        SafeguardStatus,
        adopt,
    )
    from wup.models import Municipality, Neighbourhood, Party, Phase

    municipality = Municipality.objects.create(
        cbs_code="GM9990", name="Gemeente Benchdal", slug="benchdal", theme_colour="#8a1538"
    )
    neighbourhood = Neighbourhood.objects.create_with_parts(
        municipality=municipality,
        name="Bloemenwijk-Noord",
        slug="bloemenwijk-noord",
        planned_gas_free_year=2034,
    )
    parties = [
        Party.objects.create(municipality=municipality, name=name, party_type=kind)
        for name, kind in PARTIES
    ]
    sessions = [
        DialogueSession.objects.create(
            neighbourhood=neighbourhood,
            title=f"Wijkavond {n}: warmtenet of warmtepomp?",
            proposition="Een warmtenet op lage temperatuur voor de hele wijk.",
            starts_at=timezone.now() - dt.timedelta(days=60 * (3 - n)),
            location="Buurthuis De Linde",
            can_influence="De volgorde van de straten.",
            cannot_influence="Het jaar waarin de wijk van het gas af is.",
            status=DialogueSession.Status.PUBLISHED,
        )
        for n in (1, 2, 3)
    ]
    roadmap = Roadmap.objects.create(
        neighbourhood=neighbourhood,
        summary=(
            "De Bloemenwijk-Noord gaat tussen 2027 en 2034 stap voor stap over op een warmtenet. "
            "Eerst de huurwoningen van Woonstichting Thuis, dan de koopwoningen die willen "
            "aansluiten. Niemand gaat erop achteruit in woonlasten. Wie niet wil aansluiten, "
            "krijgt hulp bij een goed alternatief.\n\n"
            "Bewoners hebben in drie wijkavonden meegedacht. Wat zij belangrijk vinden, staat "
            "hieronder als kernwaarden. De gemeente houdt de regie en zorgt dat alle partijen "
            "hun afspraken nakomen."
        ),
    )
    roadmap.ensure_safeguards()
    roles = list(MunicipalRoleType)
    for i, phase in enumerate(Phase):
        MunicipalRole.objects.create(
            roadmap=roadmap,
            phase=phase,
            role=roles[i % len(roles)],
            reasoning="In deze fase zijn er veel partijen; iemand moet het overzicht houden "
            "en zorgen dat bewoners weten waar ze terechtkunnen.",
        )
    for i, party in enumerate(parties):
        for j in range(2):
            Ambition.objects.create(
                roadmap=roadmap,
                party=party,
                text=f"{party.name} wil dat {100 * (i + j + 1)} woningen in {2028 + j} "
                "aardgasvrij zijn, zonder hogere woonlasten.",
                target_value=100 * (i + j + 1),
                target_unit="woningen",
                target_year=2028 + j,
            )
    for order, (name, why) in enumerate(VALUES):
        value = CoreValue.objects.create(roadmap=roadmap, name=name, why=why, order=order)
        session = sessions[order % 3]
        outcome = Outcome.objects.create(
            session=session,
            kind="kader" if order % 2 else "verwachting",
            text=f"{why} Dat spraken de deelnemers van {session.title.lower()} af.",
            agreed=True,
        )
        value.outcomes.add(outcome)
    statuses = list(MilestoneStatus)
    milestones = []
    for n in range(24):
        baseline = dt.date(2027, 1, 1) + dt.timedelta(days=100 * n)
        status = statuses[n % len(statuses)]
        milestone = Milestone.objects.create(
            roadmap=roadmap,
            owner=parties[n % len(parties)],
            title=f"Tussendoel {n + 1}: blok {chr(65 + n % 26)} aangesloten",
            description="Alle woningen in dit blok hebben een aansluiting en een nieuwe "
            "afleverset.",
            baseline_date=baseline,
            forecast_date=baseline + dt.timedelta(days=(n % 4) * 45) if n % 3 else None,
            achieved_date=baseline - dt.timedelta(days=10)
            if status == MilestoneStatus.ACHIEVED
            else None,
            status=status,
        )
        if milestones:
            milestone.depends_on.add(milestones[-1])
        milestones.append(milestone)
    for n in range(10):
        agreement = Agreement.objects.create(
            roadmap=roadmap,
            title=f"Afspraak {n + 1} over de aanleg in fase {n % 3 + 1}",
            description="Wie betaalt wat, wie doet wat, en wanneer.",
            agreement_type=list(AgreementType)[n % len(AgreementType)],
            status=list(AgreementStatus)[n % len(AgreementStatus)],
            signed_on=dt.date(2026, 1 + n, 1),
        )
        agreement.parties.set(parties[: 2 + n % 4])
    Safeguard.objects.filter(roadmap=roadmap).update(
        status=SafeguardStatus.IN_PROGRESS,
        evidence="Uitgewerkt in de woonlastengarantie en het alternatievenloket.",
    )
    version = None
    for number in (1, 2, 3):
        version = adopt(
            roadmap,
            by="raad" if number == 1 else "college",
            decision_date=dt.date(2026, 2 * number, 10),
            decision_reference=f"RB-2026-{number:03d}",
            reason="" if number == 1 else f"Planning bijgesteld na wijkavond {number}.",
        )
    return version


REFERENCE_PARAGRAPH = (
    "De warmtetransitie vraagt veel van bewoners, woningcorporaties en de gemeente. In deze "
    "paragraaf staat wat er gebeurt, wie wat doet en wanneer, in gewone taal en zonder "
    "ingewikkelde woorden. "
) * 3


def reference_html(pages: int = 10) -> str:
    """A plain document of `pages` pages: headings, paragraphs and a small table per page."""
    rows = "".join(f"<tr><td>Rij {i}</td><td>{i * 12}</td><td>2027</td></tr>" for i in range(8))
    body = "".join(
        f'<section style="break-before: page"><h1>Hoofdstuk {n}</h1>'
        f"{'<p>' + REFERENCE_PARAGRAPH + '</p>'}{'<p>' + REFERENCE_PARAGRAPH + '</p>'}"
        f"<table><thead><tr><th>Onderdeel</th><th>Aantal</th><th>Jaar</th></tr></thead>"
        f"<tbody>{rows}</tbody></table><p>{REFERENCE_PARAGRAPH}</p></section>"
        for n in range(1, pages + 1)
    )
    return (
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>Referentie</title>"
        "<style>@page { size: A4; margin: 20mm; @bottom-center { content: 'pagina ' "
        "counter(page) ' van ' counter(pages) } } html { font-family: 'DejaVu Sans', sans-serif;"
        " font-size: 10.5pt } table { width: 100%; border-collapse: collapse } td, th "
        "{ border-bottom: 1px solid #999; padding: 2mm }</style></head><body>"
        f"{body}</body></html>"
    )


# -- Timing --------------------------------------------------------------------------------------


def time_rendering(version, repeat: int) -> dict:
    import io

    from pypdf import PdfReader
    from weasyprint import HTML

    from reports import pdf as reports
    from reports.models import Report
    from roadmap.report import KIND

    report = Report(
        kind=KIND,
        neighbourhood=version.roadmap.neighbourhood,
        subject_id=version.pk,
        source_hash="bench",
    )
    reference = reference_html()
    report_pdf = reports.render(report)  # warm up: fonts, templates, imports
    reference_pdf = HTML(string=reference).write_pdf()
    report_times, reference_times = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        HTML(string=reference).write_pdf()
        reference_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        report_pdf = reports.render(report)
        report_times.append(time.perf_counter() - started)
    report_median = statistics.median(report_times)
    reference_median = statistics.median(reference_times)
    return {
        "report_pages": len(PdfReader(io.BytesIO(report_pdf)).pages),
        "report_bytes": len(report_pdf),
        "reference_pages": len(PdfReader(io.BytesIO(reference_pdf)).pages),
        "report_s": {"median": round(report_median, 3), "all": [round(t, 3) for t in report_times]},
        "reference_s": {
            "median": round(reference_median, 3),
            "all": [round(t, 3) for t in reference_times],
        },
        "ratio": round(report_median / reference_median, 2),
        "ratio_per_page": round(
            (report_median / len(PdfReader(io.BytesIO(report_pdf)).pages))
            / (reference_median / len(PdfReader(io.BytesIO(reference_pdf)).pages)),
            2,
        ),
    }


# -- Queue ---------------------------------------------------------------------------------------


def start_worker(name: str, log: Path) -> subprocess.Popen:
    celery = BASE_DIR / ".venv" / "bin" / "celery"
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603
            [
                str(celery if celery.exists() else Path(sys.executable).parent / "celery"),
                "-A",
                "wup",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "-Q",
                QUEUE,
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
            ],
            cwd=BASE_DIR,
            env={**os.environ, "DB_CONN_MAX_AGE": "60", "PYTHONUNBUFFERED": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    process.wait(timeout=10)


def run_queue(version, count: int, logs: Path, timeout: float) -> dict:
    import redis
    from django.conf import settings

    from reports import service as reports
    from reports.models import Report
    from roadmap.report import KIND

    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).flushdb()
    settings.REPORT_QUEUE = QUEUE
    Report.objects.all().delete()
    workers = [start_worker(f"bench-{n}", logs / f"worker-{n}.log") for n in range(WORKERS)]
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # both workers ready before the clock starts
            texts = [(logs / f"worker-{n}.log").read_text(errors="replace") for n in range(2)]
            if all(" ready." in t for t in texts):
                break
            time.sleep(0.2)
        rows = [
            Report.objects.create(
                kind=KIND,
                neighbourhood=version.roadmap.neighbourhood,
                subject_id=version.pk,
                source_hash=f"bench-{n}",
            )
            for n in range(count)
        ]
        started = time.perf_counter()
        for row in rows:
            reports.enqueue(row.pk)
            reports.enqueue(row.pk)  # a duplicate message, as after a redelivery
        finished = Report.objects.none()
        while time.perf_counter() - started < timeout:
            finished = Report.objects.filter(
                pk__in=[r.pk for r in rows], status__in=[Report.Status.DONE, Report.Status.FAILED]
            )
            if finished.count() == count:
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        time.sleep(1)  # let the duplicate messages be consumed
    finally:
        for worker in workers:
            stop_worker(worker)
    rendered: dict[int, int] = {}
    per_worker = []
    for n in range(WORKERS):
        found = re.findall(r"report (\d+) rendered", (logs / f"worker-{n}.log").read_text())
        per_worker.append(len(found))
        for pk in found:
            rendered[int(pk)] = rendered.get(int(pk), 0) + 1
    states = list(
        Report.objects.filter(pk__in=[r.pk for r in rows]).values("pk", "status", "attempts")
    )
    files = list(Path(os.environ["MEDIA_ROOT"]).rglob("*.pdf"))
    return {
        "reports": count,
        "messages": 2 * count,
        "workers": WORKERS,
        "done": sum(1 for s in states if s["status"] == Report.Status.DONE),
        "failed": sum(1 for s in states if s["status"] == Report.Status.FAILED),
        "rendered_twice": sorted(pk for pk, n in rendered.items() if n > 1),
        "renders": sum(rendered.values()),
        "renders_per_worker": per_worker,
        "max_attempts": max((s["attempts"] for s in states), default=0),
        "files": len(files),
        "elapsed_s": round(elapsed, 2),
        "reports_per_s": round(count / elapsed, 2) if elapsed else None,
    }


def print_table(render: dict, queue: dict) -> None:
    lines = [
        (
            "Report render (median)",
            f"{render['report_s']['median']:.3f} s",
            f"{render['report_pages']} pages",
        ),
        (
            "Reference 10 pages (median)",
            f"{render['reference_s']['median']:.3f} s",
            f"{render['reference_pages']} pages",
        ),
        ("Ratio report / reference", f"{render['ratio']:.2f}", "whole documents"),
        ("Ratio per page", f"{render['ratio_per_page']:.2f}", "report page / reference page"),
        (
            "Queue: done / queued",
            f"{queue['done']} / {queue['reports']}",
            f"{queue['messages']} messages, {queue['workers']} workers",
        ),
        (
            "Queue: renders (twice)",
            f"{queue['renders']} ({len(queue['rendered_twice'])})",
            f"per worker {queue['renders_per_worker']}",
        ),
        ("Queue: files", str(queue["files"]), f"max attempts {queue['max_attempts']}"),
        ("Queue: wall time", f"{queue['elapsed_s']:.2f} s", f"{queue['reports_per_s']} reports/s"),
    ]
    width = max(len(a) for a, _b, _c in lines)
    print(f"{'Measure'.ljust(width)}  {'Value':>14}  Note")
    print("-" * (width + 40))
    for a, b, c in lines:
        print(f"{a.ljust(width)}  {b:>14}  {c}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=180)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        media = Path(tmp) / "media"
        database, redis_url = configure_environment(str(media))
        try:
            drop_database(database)
            ensure_database(database)
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0, interactive=False)
            version = build_roadmap()
        except Exception as exc:  # noqa: BLE001 - report any setup failure in one line
            print(f"Setup failed: {exc!r}", file=sys.stderr)
            return 2
        try:
            render = time_rendering(version, args.repeat)
            queue = run_queue(version, args.reports, Path(tmp), args.timeout)
        finally:
            from django.db import connections

            connections.close_all()
            if not args.keep:
                drop_database(database)

    print_table(render, queue)
    ok = (
        queue["done"] == args.reports
        and not queue["rendered_twice"]
        and queue["renders"] == args.reports
        and queue["files"] == args.reports
    )
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "database": redacted(database),
        "redis": redis_url,
        "render": render,
        "queue": queue,
        "ok": ok,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}. {'OK' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
