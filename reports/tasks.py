"""Report rendering in the worker, and the sweep that recovers jobs a dead worker left behind.

The `Report` row is the source of truth; a message only carries its id. `render_report` is
idempotent: it claims the row with a conditional update (`Report.mark_started`) and does nothing
when it cannot, so a redelivered or duplicate message never renders a report twice. Messages are
acknowledged late and rejected (requeued) when the worker child dies (settings: CELERY_TASK_*).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from . import pdf, service
from .models import Report

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, OSError)
MAX_RETRIES = 5
BACKOFF_FACTOR = 5  # seconds: 5, 10, 20, 40, 80 at most, each with full jitter
BACKOFF_MAX = 300  # below the broker's visibility timeout (Redis would redeliver otherwise)

# What the status page says when a job fails (the detail goes to the log only).
TOO_LONG = gettext_noop("Het maken duurde te lang. Probeer het later opnieuw.")
KEEPS_FAILING = gettext_noop(
    "Het lukte een paar keer niet om het rapport te maken. Probeer het later opnieuw."
)
FAILED = gettext_noop(
    "Het rapport kon niet worden gemaakt. Probeer het opnieuw. "
    "Lukt het dan nog niet? Neem contact op met de gemeente."
)
INTERRUPTED = gettext_noop("Het maken is een paar keer afgebroken. Probeer het later opnieuw.")


def stuck_after() -> datetime.timedelta:
    """Return how long a job may sit in "bezig" or "wachtrij" before the sweep steps in."""
    value = getattr(settings, "REPORT_STUCK_AFTER", 10)
    if isinstance(value, datetime.timedelta):
        return value
    return datetime.timedelta(minutes=float(value))


def max_attempts() -> int:
    """Claims after which the sweep gives a job up (a report that kills its worker every time)."""
    return int(getattr(settings, "REPORT_MAX_ATTEMPTS", MAX_RETRIES + 1))


def _test_delay() -> float:
    """Seconds to wait after claiming: lets tests kill a worker mid-render. Zero in production."""
    value = getattr(settings, "REPORT_TEST_DELAY", None) or os.environ.get("REPORT_TEST_DELAY")
    return float(value or 0)


def _message(text: str) -> str:
    """Return the message as stored: its msgid; the status page translates it when shown."""
    return text


def _fail(report: Report, message: str) -> None:
    Report.objects.filter(pk=report.pk, status=Report.Status.RENDERING).update(
        status=Report.Status.FAILED, error=message, finished_at=timezone.now()
    )


def _reclaim_dead(report: Report) -> bool:
    """Claim a job whose worker certainly died: "bezig" for longer than the hard time limit."""
    limit = datetime.timedelta(seconds=(settings.CELERY_TASK_TIME_LIMIT or 180) + 30)
    if report.status != Report.Status.RENDERING or report.started_at is None:
        return False
    if report.started_at > timezone.now() - limit or report.attempts >= max_attempts():
        return False
    reset = Report.objects.filter(
        pk=report.pk, status=Report.Status.RENDERING, started_at=report.started_at
    ).update(status=Report.Status.QUEUED)
    return bool(reset) and report.mark_started()


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def render_report(self, report_id: int) -> str:
    """Render one report, once. Returns what happened (for logs and tests)."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return "missing"
    if not report.mark_started() and not _reclaim_dead(report):
        return "skipped"
    claim = report.attempts
    try:
        if delay := _test_delay():
            time.sleep(delay)
        new_hash = service.source_hash(report)
        document = pdf.render(report)
        name = pdf.file_name(report)
        if default_storage.exists(name):
            default_storage.delete(name)  # a row has one fixed file name: never a second file
        saved = default_storage.save(name, ContentFile(document))
        done = Report.objects.filter(
            pk=report.pk, status=Report.Status.RENDERING, attempts=claim
        ).update(
            status=Report.Status.DONE,
            file=saved,
            checksum=hashlib.sha256(document).hexdigest(),
            source_hash=new_hash,
            error="",
            finished_at=timezone.now(),
        )
        if not done:
            logger.warning("report %s: claim lost while rendering; result dropped", report.pk)
            return "lost"
        logger.info("report %s rendered (%d bytes, attempt %d)", report.pk, len(document), claim)
        return "done"
    except SoftTimeLimitExceeded:
        logger.warning("report %s: soft time limit reached", report.pk)
        _fail(report, _message(TOO_LONG))
        return "failed"
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("report %s: transient error, no retries left", report.pk)
            _fail(report, _message(KEEPS_FAILING))
            return "failed"
        logger.warning("report %s: transient error %r; retrying", report.pk, exc)
        try:
            # Hand the row back so the retry (or the sweep) can claim it.
            Report.objects.filter(
                pk=report.pk, status=Report.Status.RENDERING, attempts=claim
            ).update(status=Report.Status.QUEUED)
        except OperationalError:
            logger.warning("report %s: could not hand back; the sweep will", report.pk)
        countdown = get_exponential_backoff_interval(
            BACKOFF_FACTOR, self.request.retries, BACKOFF_MAX, full_jitter=True
        )
        raise self.retry(exc=exc, countdown=countdown) from exc
    except Exception:
        logger.exception("report %s: rendering failed", report.pk)
        _fail(report, _message(FAILED))
        return "failed"


@shared_task
def sweep_stuck_reports() -> dict:
    """Re-queue jobs left behind: "bezig" too long (a worker died) and "wachtrij" too long (the
    message was lost, e.g. when Redis lost its data). Gives up after `max_attempts()` claims."""
    now = timezone.now()
    cutoff = now - stuck_after()
    requeued: list[int] = []
    given_up: list[int] = []
    stuck = Report.objects.filter(status=Report.Status.RENDERING, started_at__lt=cutoff)
    for pk, attempts, started_at in stuck.values_list("pk", "attempts", "started_at"):
        same = Report.objects.filter(pk=pk, status=Report.Status.RENDERING, started_at=started_at)
        if attempts >= max_attempts():
            if same.update(
                status=Report.Status.FAILED,
                error=_message(INTERRUPTED),
                finished_at=now,
            ):
                given_up.append(pk)
        elif same.update(status=Report.Status.QUEUED):
            requeued.append(pk)
    waiting = Report.objects.filter(status=Report.Status.QUEUED).filter(
        Q(started_at__isnull=True, created_at__lt=cutoff) | Q(started_at__lt=cutoff)
    )
    resent = [pk for pk in waiting.values_list("pk", flat=True) if pk not in requeued]
    for pk in [*requeued, *resent]:
        service.enqueue(pk)
    if requeued or resent or given_up:
        logger.info("report sweep: requeued %s, resent %s, given up %s", requeued, resent, given_up)
    return {"requeued": requeued, "resent": resent, "failed": given_up}
