"""Reports with a REAL Celery worker (prefork, one child) against the real Redis broker and the
test's PostgreSQL database: a requested report is rendered once, and a report survives `kill -9`
of the worker's child (or of the whole worker) mid-render, still ending with exactly one file
and one row (F1).

The broker is a dedicated Redis database (REPORT_WORKER_REDIS_DB, default 14) and queue; the
worker reads the test database through DATABASE_URL. Every worker is killed in a `finally`.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from reports import tasks
from reports.models import Report
from roadmap.models import Milestone, Roadmap, RoadmapVersion, snapshot_checksum
from roadmap.report import request_version_report
from tests.roadmap.test_reports import SNAPSHOT

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(300),
]

BASE_DIR = Path(django_settings.BASE_DIR)
CELERY = BASE_DIR / ".venv" / "bin" / "celery"
BROKER_DB = int(os.environ.get("REPORT_WORKER_REDIS_DB", "14"))


def _broker_url() -> str:
    parts = urlsplit(django_settings.REDIS_URL or "redis://127.0.0.1:6379/0")
    return urlunsplit((parts.scheme, parts.netloc, f"/{BROKER_DB}", "", ""))


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def broker(settings, tmp_path):
    """Point this process's Celery app at the test broker and queue; flush them around the test."""
    import redis

    from wup.celery import app

    if connection.vendor != "postgresql":
        pytest.skip("the worker shares the test database, which needs PostgreSQL")
    url = _broker_url()
    if not _redis_answers(url):
        pytest.skip(f"Redis does not answer at {url}")
    queue = f"reports-test-{os.getpid()}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=url, task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    settings.REPORT_QUEUE = queue
    settings.MEDIA_ROOT = tmp_path / "media"
    try:
        yield {"url": url, "queue": queue, "media": tmp_path / "media", "logs": tmp_path}
    finally:
        app.conf.update(saved)
        app._pool = None
        app.amqp._producer_pool = None
        client.flushdb()


def _database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"])
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{quote(db['NAME'])}"


class Worker:
    def __init__(self, broker: dict, name: str, **env: str):
        self.log = broker["logs"] / f"{name}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "wup.settings",
            "DATABASE_URL": _database_url(),
            "DB_CONN_MAX_AGE": "0",
            "REDIS_URL": django_settings.REDIS_URL or broker["url"],
            "CELERY_BROKER_URL": broker["url"],
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "MEDIA_ROOT": str(broker["media"]),
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    str(CELERY if CELERY.exists() else Path(sys.executable).parent / "celery"),
                    "-A",
                    "wup",
                    "worker",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    "1",
                    "-Q",
                    broker["queue"],
                    "-n",
                    f"{name}-{os.getpid()}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel",
                    "INFO",
                ],
                cwd=BASE_DIR,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: we kill exactly this worker
            )

    def children(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return pids

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait(timeout=10)


def _wait_for(condition, timeout: float, what: str, workers=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.25)
    logs = "\n".join(f"--- {w.log.name}\n{w.text()[-3000:]}" for w in workers)
    raise AssertionError(f"timed out waiting for {what}\n{logs}")


@pytest.fixture
def version(neighbourhood, party):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood, summary="Samen van het gas af.")
    live = Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Warmtebron gekozen",
        baseline_date=datetime.date(2027, 3, 1),
    )
    snapshot = {**SNAPSHOT, "milestones": [{**SNAPSHOT["milestones"][0], "id": live.pk}]}
    return RoadmapVersion.objects.create(
        roadmap=roadmap,
        number=1,
        adopted_by="college",
        decision_date=datetime.date(2026, 5, 12),
        decision_reference="CB-2026-7",
        snapshot=snapshot,
        checksum=snapshot_checksum(snapshot),
    )


def _files(broker) -> list[Path]:
    return sorted(broker["media"].rglob("*.pdf"))


def _finished(report: Report):
    report.refresh_from_db()
    return report.status in {Report.Status.DONE, Report.Status.FAILED}


def test_worker_renders_a_requested_report(broker, version):
    worker = Worker(broker, "render")
    try:
        report = request_version_report(version)
        _wait_for(lambda: _finished(report), 60, "the report", [worker])
        assert report.status == Report.Status.DONE, report.error
        # Requesting the same source again reuses the file: no second message, no second row.
        assert request_version_report(version).pk == report.pk
        time.sleep(1)
    finally:
        worker.kill()
    assert Report.objects.count() == 1
    assert report.attempts == 1
    files = _files(broker)
    assert len(files) == 1 and files[0].read_bytes().startswith(b"%PDF")
    assert worker.text().count(f"report {report.pk} rendered") == 1


@pytest.mark.parametrize("victim", ["child", "whole worker"])
def test_report_survives_kill_9_mid_render(broker, version, settings, victim):
    settings.REPORT_STUCK_AFTER = datetime.timedelta(seconds=15)
    slow = Worker(broker, "slow", REPORT_TEST_DELAY="20", CELERY_VISIBILITY_TIMEOUT="8")
    fresh = None
    try:
        report = request_version_report(version)

        def rendering():
            report.refresh_from_db()
            return report.status == Report.Status.RENDERING

        _wait_for(rendering, 60, "the worker to claim the report", [slow])
        children = _wait_for(slow.children, 10, "the worker's child", [slow])
        if victim == "child":
            for pid in children:
                os.kill(pid, signal.SIGKILL)
            time.sleep(1)
        slow.kill()  # the rest of the old worker goes too; a new one takes over
        fresh = Worker(broker, "fresh", CELERY_VISIBILITY_TIMEOUT="8")

        stuck_after = settings.REPORT_STUCK_AFTER
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not _finished(report):
            stale = report.started_at and timezone.now() - report.started_at > stuck_after
            if report.status == Report.Status.RENDERING and stale:
                tasks.sweep_stuck_reports()  # what beat runs every few minutes in production
            time.sleep(1)
        assert report.status == Report.Status.DONE, (report.status, report.error, fresh.text())
    finally:
        slow.kill()
        if fresh is not None:
            fresh.kill()
    assert Report.objects.count() == 1
    assert len(_files(broker)) == 1
    assert f"report {report.pk} rendered" not in slow.text()
    assert fresh.text().count(f"report {report.pk} rendered") == 1
    assert report.attempts >= 2
