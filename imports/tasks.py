"""Checking and storing an upload in the worker (eagerly in the embedded default), so a national
file does not hold up a web request. The row carries the state; a message only its id."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from . import jobs
from .models import ImportJob

logger = logging.getLogger(__name__)

FAILED = gettext_noop(
    "Het bestand kon niet worden gelezen door een fout in Wijkwaarde. Er is niets opgeslagen. "
    "Probeer het opnieuw."
)


def _claim(pk: int, status: str) -> ImportJob | None:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=pk, status=status).first()
    return job


def _fail(job: ImportJob) -> None:
    logger.exception("import job %s failed", job.pk)
    job.status, job.errors = ImportJob.Status.FAILED, [FAILED]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "errors", "finished_at"])
    job.discard_files()


@shared_task(acks_late=True, soft_time_limit=600, time_limit=900)
def check_import(pk: int) -> None:
    job = _claim(pk, ImportJob.Status.CHECKING)
    if job is None:
        return
    try:
        jobs.check(job)
    except Exception:  # noqa: BLE001 - the lead sees a plain message, the log the detail
        _fail(job)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=900)
def store_import(pk: int) -> None:
    job = _claim(pk, ImportJob.Status.STORING)
    if job is None:
        return
    try:
        jobs.store(job)
    except Exception:  # noqa: BLE001
        _fail(job)


ABANDONED_AFTER = datetime.timedelta(days=1)


@shared_task
def sweep_abandoned_uploads() -> int:
    """Cancel uploads left unconfirmed for a day and delete their files; return how many."""
    old = ImportJob.objects.filter(
        status__in=[ImportJob.Status.CHECKED, ImportJob.Status.FAILED],
        created_at__lt=timezone.now() - ABANDONED_AFTER,
    ).exclude(file="", second_file="")
    count = 0
    for job in old:
        if job.status == ImportJob.Status.CHECKED:
            job.status = ImportJob.Status.CANCELLED
            job.save(update_fields=["status"])
        job.discard_files()
        count += 1
    return count
