"""Measure our pages against the floor view, in-process, and print a table.

    DJANGO_SETTINGS_MODULE=wup.settings .venv/bin/python -m bench.run [--requests 50]

It uses its own database (BENCH_DATABASE_URL, else DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/wijkwaarde_bench), creates and migrates it, seeds it with
seed_scale (and seed_demo when that command exists), then times every page in bench/pages.py
interleaved with the floor view. Settings are production-like: DEBUG off, persistent database
connections. Results also go to bench/results/latest.json. The exit status is 1 when a page
does not answer 200.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wijkwaarde_bench"
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
TARGET_RATIO = 2.0


def configure_environment() -> str:
    """Set production-like settings for this process before Django reads them."""
    url = (
        os.environ.get("BENCH_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or DEFAULT_DATABASE_URL
    )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wup.settings")
    os.environ.setdefault("DEBUG", "False")
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-never-used-for-anything-real-0123456789"
    )
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
    os.environ.setdefault("EMAIL_BACKEND", "locmem")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # The pages are measured as a signed-in person sees them, past the second login step.
    os.environ.setdefault("MFA_REQUIRED", "False")
    return url


def start(own_database_url: str | None = None) -> str:
    """Configure the environment, create the database and set Django up; return the database URL.

    With `own_database_url`, the benchmark uses BENCH_DATABASE_URL or that URL, never
    DATABASE_URL: the synthetic data it makes must not end up in a working database.
    """
    if own_database_url:
        os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or own_database_url
        os.environ["BENCH_DATABASE_URL"] = os.environ["DATABASE_URL"]
    url = configure_environment()
    ensure_database(url)

    import warnings

    import django

    # WhiteNoise warns that collectstatic has not run; the bench serves no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    return url


def redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in the URL if it is not there yet."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        return
    import psycopg
    from psycopg import sql

    name = unquote(parts.path.lstrip("/"))
    params = {
        "host": parts.hostname or "",
        "port": parts.port or 5432,
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "dbname": "postgres",
        "connect_timeout": 5,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v != ""}, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")


def prepare(municipalities: int, neighbourhoods: int) -> str:
    """Migrate and seed; return what happened to seed_demo."""
    from django.core.management import CommandError, call_command, get_commands

    call_command("migrate", verbosity=0, interactive=False)
    try:
        call_command(
            "seed_scale", municipalities=municipalities, neighbourhoods=neighbourhoods, verbosity=0
        )
    except CommandError:
        call_command(
            "seed_scale",
            municipalities=municipalities,
            neighbourhoods=neighbourhoods,
            replace=True,
            verbosity=0,
        )
    if "seed_demo" not in get_commands():
        return "not present"
    try:
        call_command("seed_demo", verbosity=0)
    except Exception as exc:  # a demo that is already there must not stop the benchmark
        print(f"seed_demo did not run cleanly ({exc.__class__.__name__}: {exc}); going on.")
        return "failed"
    return "ran"


def use_bench_settings():
    """Route to bench.urls and serve static names without a collectstatic manifest."""
    from django.conf import settings
    from django.test.utils import override_settings

    overrides = {"ROOT_URLCONF": "bench.urls"}
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        overrides["STORAGES"] = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    override = override_settings(**overrides)
    override.enable()
    return override


class Failure(Exception):
    pass


def client_for(username: str | None):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    if username:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise Failure(f"no user {username!r} to log in as")
        client.force_login(user)
    return client


def timed_get(client, url: str) -> float:
    """Return the time in ms for one GET; raise Failure unless it answers 200."""
    started = time.perf_counter_ns()
    try:
        response = client.get(url)
    except Exception as exc:
        raise Failure(f"{url} raised {exc.__class__.__name__}: {exc}") from exc
    elapsed = (time.perf_counter_ns() - started) / 1e6
    if response.status_code != 200:
        raise Failure(f"{url} answered {response.status_code}")
    return elapsed


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = (
        statistics.quantiles(ordered, n=20, method="inclusive")[18]
        if len(ordered) > 1
        else ordered[0]
    )
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2)}


def measure(page, floor_client, requests: int, warmup: int) -> dict:
    from bench.pages import FLOOR_URL

    client = client_for(page.user)
    for _ in range(warmup):
        timed_get(client, page.url)
        timed_get(floor_client, FLOOR_URL)
    page_samples: list[float] = []
    floor_samples: list[float] = []
    for _ in range(requests):
        page_samples.append(timed_get(client, page.url))
        floor_samples.append(timed_get(floor_client, FLOOR_URL))
    result = {"name": page.name, "url": page.url, "user": page.user, **summary(page_samples)}
    floor = summary(floor_samples)
    result["queries"] = count_queries(client, page.url)
    result["floor_median_ms"] = floor["median_ms"]
    result["ratio"] = (
        round(result["median_ms"] / floor["median_ms"], 2) if floor["median_ms"] else None
    )
    result["samples_ms"] = [round(s, 3) for s in page_samples]
    result["floor_samples_ms"] = [round(s, 3) for s in floor_samples]
    return result


def print_table(floor: dict, rows: list[dict], failures: list[dict]) -> None:
    header = f"{'page':<28} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'× floor':>8}"
    print(header)
    print("-" * len(header))
    print(
        f"{'floor':<28} {floor['median_ms']:>10.2f} {floor['p95_ms']:>8.2f} "
        f"{floor['queries']:>8} {1:>8.2f}"
    )
    for row in rows:
        flag = "  over target" if row["ratio"] and row["ratio"] > TARGET_RATIO else ""
        print(
            f"{row['name'][:28]:<28} {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f} "
            f"{row['queries']:>8} {row['ratio']:>8.2f}{flag}"
        )
    for failure in failures:
        print(f"{failure['name'][:28]:<28} FAILED: {failure['error']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--municipalities", type=int, default=3)
    parser.add_argument("--neighbourhoods", type=int, default=40)
    parser.add_argument("--only", help="measure only pages whose name contains this")
    args = parser.parse_args(argv)

    url = start()
    import django
    from django.conf import settings
    from django.db import connection

    from bench.pages import FLOOR_URL, PAGES

    demo = prepare(args.municipalities, args.neighbourhoods)
    override = use_bench_settings()
    try:
        floor_client = client_for(None)
        rows: list[dict] = []
        failures: list[dict] = []
        for page in PAGES:
            if args.only and args.only not in page.name:
                continue
            try:
                rows.append(measure(page, floor_client, args.requests, args.warmup))
            except Failure as exc:
                failures.append({"name": page.name, "url": page.url, "error": str(exc)})
        all_floor = [s for row in rows for s in row["floor_samples_ms"]]
        if not all_floor:
            for _ in range(args.requests):
                all_floor.append(timed_get(floor_client, FLOOR_URL))
        floor = {**summary(all_floor), "queries": count_queries(floor_client, FLOOR_URL)}
    finally:
        override.disable()

    print(
        f"\nWijkwaarde bench: {args.requests} requests per page after {args.warmup} warm-up, "
        f"interleaved with the floor; {connection.vendor} {redacted(url)}; "
        f"DEBUG={settings.DEBUG}, CONN_MAX_AGE={connection.settings_dict.get('CONN_MAX_AGE')}; "
        f"data {args.municipalities} × {args.neighbourhoods} (seed_scale), seed_demo {demo}.\n"
    )
    print_table(floor, rows, failures)
    print(f"\nTarget: at most {TARGET_RATIO:g}× the floor, queries not growing with the data.")

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
                "data": {
                    "municipalities": args.municipalities,
                    "neighbourhoods": args.neighbourhoods,
                    "seed_demo": demo,
                },
                "requests": args.requests,
                "floor": floor,
                "pages": rows,
                "failures": failures,
            },
            indent=2,
        )
        + "\n"
    )
    shown = RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS
    print(f"Results written to {shown}.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
