"""A live session under load: 300 phones on one address, against a real gunicorn, vs the floor.

    .venv/bin/python -m bench.live [--participants 300] [--duration 30]

It migrates its own database (BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/
wijkwaarde_bench), seeds it with seed_scale when it has no neighbourhoods yet, opens a fresh live
session with the default prompts at the scoring step with results shown, collects the static
files into a temporary directory and starts gunicorn (2 sync workers, bench.live_settings:
DEBUG off, persistent database connections, Redis cache, WhiteNoise) on a free loopback port.

Then every simulated phone (own cookie jar, own participant token, all from 127.0.0.1) joins
with the code, and two kinds of load take turns (--rounds times, --duration seconds of each in
all), always with all phones:

- floor: every phone asks for /bench/floor/ again and again;
- live: every phone posts new scores for every prompt again and again (closed loop, so the
  vote rate is what the server can take) and polls the status fragment every ~2 s.

Taking turns spreads whatever else the machine does over both. A --warmup of floor load comes
first and is not counted. Afterwards the database is checked: a lost vote is a phone whose last
acknowledged scores (200/302) are not what the database holds (unless a later, unacknowledged
post of that phone is what it holds); a duplicated vote is a Score row beyond one per
participant and prompt. Results go to bench/results/live.json. The exit status is 1 on a lost
or duplicated vote, a 5xx, an unexpected 4xx or a request that got no answer; 2 when the setup
fails; 3 when the hard time limit stops the run.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.live_client import Phone, Sample, free_port
from bench.run import DEFAULT_DATABASE_URL, ensure_database, redacted

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "live.json"
FLOOR_URL = "/bench/floor/"
GOAL_RATIO = 0.5  # vote throughput at least half the floor's
SESSION_TITLE = "Bench: live sessie onder belasting"
ENDPOINTS = ["floor", "vote POST", "status poll"]
SETUP_ENDPOINTS = ["join page", "join POST", "participation page"]


class SetupError(Exception):
    pass


# -- Environment, database, server -----------------------------------------------------------


def configure_environment(static_root: str) -> tuple[str, str]:
    database = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    redis = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/0"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.live_settings",
            "DATABASE_URL": database,
            "REDIS_URL": redis,
            "DEBUG": "False",
            "SECURE_SSL_REDIRECT": "False",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_BACKEND": "locmem",
            "LOG_LEVEL": "WARNING",
            "BENCH_STATIC_ROOT": static_root,
        }
    )
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-never-used-for-anything-real-0123456789"
    )
    return database, redis


def prepare_database() -> None:
    from django.core.management import call_command

    from wup.models import Neighbourhood

    call_command("migrate", verbosity=0, interactive=False)
    if Neighbourhood.objects.count() < 20:  # the floor shows 20 rows
        call_command("seed_scale", municipalities=3, neighbourhoods=40, verbosity=0)


def collect_static() -> None:
    """Collect into the temporary STATIC_ROOT with a manifest, so {% static %} works as in
    production. Without WhiteNoise's compression: that takes over a minute and the phones
    fetch no static files."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)


def open_session(reveal_results: bool):
    """Remove earlier benchmark sessions and open a fresh one at the scoring step."""
    from django.db import connections
    from django.utils import timezone

    from dialogue.models import DialogueSession, Step
    from wup.models import Neighbourhood

    DialogueSession.objects.filter(title=SESSION_TITLE).delete()
    session = DialogueSession.objects.create(
        neighbourhood=Neighbourhood.objects.order_by("pk").first(),
        title=SESSION_TITLE,
        proposition="Een warmtenet voor de hele wijk.",
        starts_at=timezone.now(),
        location="Buurthuis",
        can_influence="De volgorde van de straten.",
        cannot_influence="Het jaar.",
    )
    session.add_default_prompts()
    session.open_live()
    session.move_to(Step.SCORE)
    session.set_results_revealed(reveal_results)
    session.forget_results()
    prompts = list(session.prompts.values_list("pk", flat=True))
    connections.close_all()
    return session, prompts


def start_server(port: int, workers: int, log_path: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "wup.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--timeout=30",
        "--graceful-timeout=5",
        "--log-level=warning",
        f"--error-logfile={log_path}",
    ]
    env = {**os.environ, "PYTHONPATH": str(BASE_DIR)}
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, cwd=BASE_DIR, env=env, start_new_session=True, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SetupError(f"gunicorn stopped with status {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    raise SetupError("gunicorn did not answer /healthz within 30 s")


def stop_server(server: subprocess.Popen | None) -> None:
    if server is None or server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)
    except ProcessLookupError:
        pass


# -- CPU accounting (Linux /proc) -------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _named(prefixes: tuple[str, ...]) -> dict[int, float]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                comm = (entry / "comm").read_text().strip()
            except OSError:
                continue
            if comm.startswith(prefixes):
                found[int(entry.name)] = _process_cpu(int(entry.name))
    return found


def cpu_snapshot(server_pid: int) -> dict:
    """CPU seconds so far: this process (the phones), per process of gunicorn's workers, of
    PostgreSQL (every backend, also other users') and Redis, and of the whole machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    ticks = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return {
        "clients": usage.ru_utime + usage.ru_stime,
        "gunicorn workers": {pid: _process_cpu(pid) for pid in _children(server_pid)},
        "postgres": _named(("postgres",)),
        "redis": _named(("redis-server",)),
        "machine busy": (sum(ticks) - ticks[3] - ticks[4]) / TICK,  # all but idle and iowait
    }


def cpu_used(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds per part between two snapshots; processes that started in between count
    from zero, processes that ended in between are missed."""
    used = {}
    for name, now in after.items():
        if isinstance(now, dict):
            used[name] = sum(cpu - before[name].get(pid, 0.0) for pid, cpu in now.items())
        else:
            used[name] = now - before[name]
    parts = sum(v for k, v in used.items() if k != "machine busy")
    used["other processes"] = max(0.0, used["machine busy"] - parts)
    return used


# -- Load ----------------------------------------------------------------------------------


@dataclass
class Slice:
    """A stretch of one kind of load; phones run it until `stop` is set."""

    kind: str  # "floor" or "live"
    seconds: float
    counted: bool
    go: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    window: tuple[float, float] = (0.0, 0.0)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per part in the slice


def schedule(duration: float, warmup: float, rounds: int) -> list[Slice]:
    """A warm-up, then floor and live in turns, so that whatever else the machine does in the
    meantime weighs on both alike. Joining has already run the live views once in each worker;
    a live warm-up would cost a long drain of the queue."""
    slices = [Slice("floor", warmup, False)] if warmup else []
    for _round in range(rounds):
        slices += [Slice("floor", duration / rounds, True), Slice("live", duration / rounds, True)]
    return slices


class Run:
    def __init__(self, args, port: int, code: str, prompts: list[int]):
        self.args = args
        self.code = code
        self.prompts = prompts
        self.phones = [
            Phone(number=n, host="127.0.0.1", port=port, timeout=args.request_timeout)
            for n in range(args.participants)
        ]
        self.slices = schedule(args.duration, args.warmup, args.rounds)
        # Everyone waits for everyone after joining and after each slice: the next slice starts
        # with no request of the last one still in the server.
        self.together = threading.Barrier(args.participants + 1, timeout=args.request_timeout + 90)
        self.fragment_mismatches = 0

    def phone_main(self, phone: Phone) -> None:
        try:
            phone.join(self.code)
            self.together.wait()
            for part in self.slices:
                part.go.wait()
                if part.kind == "floor":
                    while not part.stop.is_set():
                        phone.floor(FLOOR_URL)
                elif phone.joined:
                    self.live_loop(phone, part.stop)
                self.together.wait()
        except threading.BrokenBarrierError:
            phone.errors.append("gave up waiting for the other phones")
        finally:
            phone.close()

    def live_loop(self, phone: Phone, stop: threading.Event) -> None:
        interval = self.args.poll_interval
        rnd = phone.random
        if not phone.next_poll:
            phone.next_poll = time.monotonic() + rnd.uniform(0, interval)
        while not stop.is_set():
            if time.monotonic() >= phone.next_poll:
                if not phone.poll(self.code):
                    self.fragment_mismatches += 1
                phone.next_poll = time.monotonic() + interval * rnd.uniform(0.9, 1.1)
                continue
            phone.vote(self.code, self.prompts, htmx=not self.args.plain)
            if self.args.think:
                pause = self.args.think * rnd.uniform(0.5, 1.5)
                pause = min(pause, phone.next_poll - time.monotonic())
                if pause > 0:
                    stop.wait(pause)

    def run_slices(self, server_pid: int) -> None:
        for part in self.slices:
            before = cpu_snapshot(server_pid)
            started = time.monotonic()
            part.go.set()
            time.sleep(part.seconds)
            part.window = (started, time.monotonic())
            part.stop.set()
            part.cpu = cpu_used(before, cpu_snapshot(server_pid))
            self.together.wait()

    def samples(self) -> list[Sample]:
        return [s for phone in self.phones for s in phone.samples]

    def counted(self, kind: str) -> list[Slice]:
        return [part for part in self.slices if part.counted and part.kind == kind]


def cpu_cores(parts: list[Slice]) -> dict[str, float]:
    """Return CPU use per part in cores (1.0 = one core busy) over the given slices."""
    seconds = sum(part.window[1] - part.window[0] for part in parts)
    names = parts[0].cpu.keys()
    total = {name: sum(part.cpu[name] for part in parts) for name in names}
    return {k: round(v / seconds, 2) for k, v in total.items()}


def percentile(ordered: list[float], q: int) -> float:
    if len(ordered) < 2:
        return ordered[0] if ordered else 0.0
    return statistics.quantiles(ordered, n=100, method="inclusive")[q - 1]


def summarise(samples: list[Sample], endpoint: str, parts: list[Slice]) -> dict:
    windows = [part.window for part in parts]
    mine = [s for s in samples if s.endpoint == endpoint]
    # Throughput: answers that arrived in the counted time. Latency: every request sent in it,
    # also the ones answered while the queue drained afterwards (no bias to the fast ones).
    done = [s for s in mine if any(start <= s.done <= end for start, end in windows)]
    times = sorted(
        s.ms for s in mine if s.status and any(start <= s.sent <= end for start, end in windows)
    )
    seconds = sum(end - start for start, end in windows)
    return {
        "requests": len(done),
        "throughput_rps": round(len(done) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "p99_ms": round(percentile(times, 99), 1),
    }


def status_counts(samples: list[Sample]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for s in samples:
        row = counts.setdefault(s.endpoint, {})
        key = str(s.status) if s.status else "no answer"
        row[key] = row.get(key, 0) + 1
    return counts


EXPECTED = {
    "join page": {200},
    "join POST": {302},
    "participation page": {200},
    "floor": {200},
    "vote POST": {200, 302},
    "status poll": {200, 204},  # 204: nothing changed since the phone last looked
}


def http_errors(samples: list[Sample]) -> dict[str, int]:
    errors = {"5xx": 0, "unexpected 4xx": 0, "other unexpected": 0, "no answer": 0}
    for s in samples:
        if s.status in EXPECTED[s.endpoint]:
            continue
        if s.status == 0:
            errors["no answer"] += 1
        elif s.status >= 500:
            errors["5xx"] += 1
        elif s.status >= 400:
            errors["unexpected 4xx"] += 1
        else:
            errors["other unexpected"] += 1
    return errors


# -- Checking the votes ---------------------------------------------------------------------


def check_votes(session, phones: list[Phone]) -> dict:
    from django.db.models import Count

    from dialogue.models import Participant, Score

    scores = Score.objects.filter(prompt__session=session)
    held: dict[str, dict[int, tuple[int, str]]] = {}
    for token, prompt, value, reason in scores.values_list(
        "participant__token", "prompt_id", "value", "reason"
    ):
        held.setdefault(token, {})[prompt] = (value, reason)
    duplicated = sum(
        row["n"] - 1
        for row in scores.values("participant_id", "prompt_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    lost_phones = 0
    lost_rows = 0
    cookie = f"ww_deelname_{session.pk}"
    examples = []
    for phone in phones:
        if phone.acknowledged is None:
            continue
        token = phone.jar.get(cookie)
        stored = held.get(token, {})
        candidates = [phone.acknowledged.values] + [v.values for v in phone.unacknowledged]
        if not any(stored == candidate for candidate in candidates):
            lost_phones += 1
            lost_rows += sum(
                1 for pk, v in phone.acknowledged.values.items() if stored.get(pk) != v
            )
            if len(examples) < 3:
                examples.append(
                    {
                        "phone": phone.number,
                        "acknowledged": phone.acknowledged.values,
                        "database": stored,
                    }
                )
    voters = sum(1 for phone in phones if phone.acknowledged is not None)
    return {
        "participants_in_database": Participant.objects.filter(session=session).count(),
        "phones_joined": sum(1 for phone in phones if phone.joined),
        "phones_with_an_acknowledged_vote": voters,
        "votes_sent": sum(phone.votes_sent for phone in phones),
        "votes_acknowledged": sum(phone.votes_acknowledged for phone in phones),
        "score_rows": scores.count(),
        "score_rows_expected": voters * len(session.prompts.all()),
        "lost_votes": lost_phones,
        "lost_score_rows": lost_rows,
        "lost_examples": examples,
        "duplicated_votes": duplicated,
    }


# -- Report ---------------------------------------------------------------------------------


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def print_table(rows: dict[str, dict]) -> None:
    floor = rows["floor"]
    header = (
        f"{'endpoint':<14} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'req/s×floor':>12} {'p50×floor':>10} {'p95×floor':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        r_thr = ratio(row["throughput_rps"], floor["throughput_rps"])
        r_p50 = ratio(row["p50_ms"], floor["p50_ms"])
        r_p95 = ratio(row["p95_ms"], floor["p95_ms"])
        row["throughput_ratio"], row["p50_ratio"], row["p95_ratio"] = r_thr, r_p50, r_p95
        print(
            f"{name:<14} {row['requests']:>9} {row['throughput_rps']:>8.1f} "
            f"{row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f} "
            f"{r_thr or 0:>12.2f} {r_p50 or 0:>10.2f} {r_p95 or 0:>10.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.live", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--participants", type=int, default=300, help="simulated phones")
    parser.add_argument(
        "--duration", type=float, default=30, help="counted seconds of each kind, in all"
    )
    parser.add_argument("--warmup", type=float, default=2, help="uncounted floor load first")
    parser.add_argument(
        "--rounds", type=int, default=2, help="floor and live take turns this many times"
    )
    parser.add_argument("--poll-interval", type=float, default=2.0, help="status poll, seconds")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause between a phone's votes (0: post again at once, to find the capacity)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--request-timeout", type=float, default=30, help="per request, seconds")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="post votes as a plain form (302) instead of as HTMX (200 with the fragment)",
    )
    parser.add_argument(
        "--hide-results",
        action="store_true",
        help="do not reveal the results on the phones (the poll then skips the aggregates)",
    )
    parser.add_argument(
        "--hard-timeout",
        type=float,
        default=None,
        help="stop everything after this many seconds (default 2 × (duration + warmup) + 180)",
    )
    args = parser.parse_args(argv)
    hard_timeout = args.hard_timeout or 2 * (args.duration + args.warmup) + 180

    server: subprocess.Popen | None = None
    static_root = tempfile.mkdtemp(prefix="wijkwaarde-bench-static-")
    log_file = Path(tempfile.mkstemp(prefix="wijkwaarde-bench-gunicorn-", suffix=".log")[1])

    def give_up() -> None:
        print(f"\nHard time limit of {hard_timeout:.0f} s reached: stopping.", flush=True)
        stop_server(server)
        shutil.rmtree(static_root, ignore_errors=True)
        os._exit(3)

    watchdog = threading.Timer(hard_timeout, give_up)
    watchdog.daemon = True
    watchdog.start()
    began = time.monotonic()

    database, redis = configure_environment(static_root)
    try:
        ensure_database(database)
        import warnings

        import django

        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        django.setup()
        from django.conf import settings
        from django.db import connection

        prepare_database()
        collect_static()
        session, prompts = open_session(reveal_results=not args.hide_results)
        port = free_port()
        server = start_server(port, args.workers, log_file)
        atexit.register(stop_server, server)  # also on Ctrl-C: gunicorn runs in its own group
    except Exception as exc:
        stop_server(server)
        shutil.rmtree(static_root, ignore_errors=True)
        print(f"Setup failed: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        if log_file.exists():
            print(log_file.read_text()[-3000:], file=sys.stderr)
        return 2
    print(
        f"Setup done in {time.monotonic() - began:.1f} s: session {session.pk} "
        f"(code {session.join_code}, {len(prompts)} prompts), gunicorn on port {port}.",
        flush=True,
    )

    run = Run(args, port, session.join_code, prompts)
    threading.stack_size(512 * 1024)
    threads = [
        threading.Thread(target=run.phone_main, args=(phone,), daemon=True) for phone in run.phones
    ]
    try:
        joining = time.monotonic()
        for thread in threads:
            thread.start()
        run.together.wait()
        print(
            f"{sum(p.joined for p in run.phones)} of {len(run.phones)} phones joined in "
            f"{time.monotonic() - joining:.1f} s; {args.rounds} rounds of floor and live…",
            flush=True,
        )
        run.run_slices(server.pid)
        for thread in threads:
            thread.join(timeout=5)
    except threading.BrokenBarrierError:
        stop_server(server)
        shutil.rmtree(static_root, ignore_errors=True)
        print("The phones did not get through a slice in time.", file=sys.stderr)
        for phone in run.phones[:5]:
            for error in phone.errors[:2]:
                print(f"  phone {phone.number}: {error}", file=sys.stderr)
        return 2

    from django.db import connections

    connections.close_all()
    votes = check_votes(session, run.phones)
    session.close()
    stop_server(server)
    shutil.rmtree(static_root, ignore_errors=True)
    server_log = log_file.read_text().strip()
    log_file.unlink(missing_ok=True)

    samples = run.samples()
    floor_parts, live_parts = run.counted("floor"), run.counted("live")
    rows = {
        "floor": summarise(samples, "floor", floor_parts),
        "vote POST": summarise(samples, "vote POST", live_parts),
        "status poll": summarise(samples, "status poll", live_parts),
    }
    live_seconds = sum(end - start for start, end in (part.window for part in live_parts))
    live_total = rows["vote POST"]["requests"] + rows["status poll"]["requests"]
    live_rps = round(live_total / live_seconds, 1)
    errors = http_errors(samples)
    errors["poll without the fragment"] = run.fragment_mismatches
    phone_errors = [f"phone {p.number}: {e}" for p in run.phones for e in p.errors][:10]
    cores = {"floor": cpu_cores(floor_parts), "live": cpu_cores(live_parts)}
    worker_ms = {
        "floor": round(
            1000 * sum(p.cpu["gunicorn workers"] for p in floor_parts) / rows["floor"]["requests"],
            2,
        )
        if rows["floor"]["requests"]
        else None,
        "live": round(1000 * sum(p.cpu["gunicorn workers"] for p in live_parts) / live_total, 2)
        if live_total
        else None,
    }

    print(
        f"\nWijkwaarde live bench: {args.participants} phones (own cookies, one address "
        f"127.0.0.1); floor and live in turns, {args.rounds} × {args.duration / args.rounds:g} s "
        f"counted each after {args.warmup:g} s warm-up on the floor; votes "
        f"{'as plain forms' if args.plain else 'by HTMX'}"
        f"{f' with {args.think:g} s think time' if args.think else ', back to back'}; "
        f"status poll every ~{args.poll_interval:g} s; results "
        f"{'hidden' if args.hide_results else 'shown'}.\n"
        f"Server: gunicorn {args.workers} sync workers, DEBUG={settings.DEBUG}, "
        f"CONN_MAX_AGE={connection.settings_dict.get('CONN_MAX_AGE')}, "
        f"cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
        f"{redacted(database)}; {os.cpu_count()} CPUs shared by clients and server.\n"
    )
    print_table(rows)
    print(
        f"{'(live total)':<14} {live_total:>9} {live_rps:>8.1f}{'':>27} "
        f"{ratio(live_rps, rows['floor']['throughput_rps']) or 0:>12.2f}"
    )
    print("\nCPU in cores (2 = the whole machine) while counting:")
    for name, shares in cores.items():
        print(f"  {name:<6} " + ", ".join(f"{k} {v:.2f}" for k, v in shares.items()))
    print(
        f"  gunicorn worker CPU per request: floor {worker_ms['floor']} ms, "
        f"live (votes and polls together) {worker_ms['live']} ms"
    )

    print(
        f"\nHTTP errors: 5xx {errors['5xx']}, unexpected 4xx {errors['unexpected 4xx']}, "
        f"other unexpected {errors['other unexpected']}, no answer {errors['no answer']}, "
        f"polls without the fragment {errors['poll without the fragment']}."
    )
    print(
        f"Votes: {votes['votes_sent']} sent, {votes['votes_acknowledged']} acknowledged by "
        f"{votes['phones_with_an_acknowledged_vote']} of {votes['phones_joined']} joined phones "
        f"({votes['participants_in_database']} participants in the database); "
        f"{votes['score_rows']} score rows for {votes['score_rows_expected']} expected; "
        f"lost votes {votes['lost_votes']}, duplicated votes {votes['duplicated_votes']}."
    )
    for example in votes["lost_examples"]:
        print(f"  lost: {example}")
    for error in phone_errors:
        print(f"  {error}")
    if server_log:
        print("Server log (last lines):\n  " + "\n  ".join(server_log.splitlines()[-10:]))

    vote_ratio = rows["vote POST"]["throughput_ratio"] or 0
    passed = vote_ratio >= GOAL_RATIO
    print(
        f"\nGoal: vote throughput ≥ {GOAL_RATIO:g} × floor: "
        f"{'PASS' if passed else 'FAIL'} ({vote_ratio:.2f} ×)."
    )
    failed = (
        votes["lost_votes"]
        or votes["duplicated_votes"]
        or errors["5xx"]
        or errors["unexpected 4xx"]
        or errors["no answer"]
        or votes["phones_joined"] < args.participants
    )
    print(
        "Integrity: "
        + (
            "FAIL (lost or duplicated votes, HTTP errors or phones that could not join)"
            if failed
            else "PASS (no lost or duplicated votes, no HTTP errors)"
        )
    )

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "django": django.get_version(),
                "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
                "database": redacted(database),
                "cache": redacted(redis),
                "settings": {
                    "participants": args.participants,
                    "duration_s": args.duration,
                    "warmup_s": args.warmup,
                    "rounds": args.rounds,
                    "poll_interval_s": args.poll_interval,
                    "think_s": args.think,
                    "workers": args.workers,
                    "votes_by_htmx": not args.plain,
                    "results_shown": not args.hide_results,
                    "prompts": len(prompts),
                },
                "endpoints": rows,
                "live_total_rps": live_rps,
                "cpu_cores": cores,
                "worker_cpu_ms_per_request": worker_ms,
                "status_counts": status_counts(samples),
                "http_errors": errors,
                "votes": votes,
                "goal": {
                    "vote_throughput_ratio_at_least": GOAL_RATIO,
                    "ratio": vote_ratio,
                    "passed": passed,
                },
                "phone_errors": phone_errors,
                "elapsed_s": round(time.monotonic() - began, 1),
            },
            indent=2,
            default=str,
        )
        + "\n"
    )
    shown = RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS
    print(f"Results written to {shown} ({time.monotonic() - began:.0f} s in all).")
    watchdog.cancel()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
