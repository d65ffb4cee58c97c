"""Check and store an upload: read the files, then run the source's store in one transaction —
rolled back for the preview, committed when the lead confirms."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .models import ImportJob
from .sources import SOURCES, Outcome, Problems


class _Preview(Exception):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__("preview")
        self.outcome = outcome


def _progress(job: ImportJob):
    last = [-1]

    def report(fraction: float) -> None:
        percent = int(max(0.0, min(fraction, 1.0)) * 100)
        if percent >= last[0] + 5:  # a write per 5 %: the status page polls every 2 s
            last[0] = percent
            ImportJob.objects.filter(pk=job.pk).update(progress=percent)

    return report


def run(job: ImportJob, *, store: bool) -> Outcome:
    """Return what the upload stores; with store=False nothing stays. Raises Problems."""
    source = SOURCES[job.source]
    path = Path(job.file.path)
    second = Path(job.second_file.path) if job.second_file.name else None
    parsed = source.read(path, second, job, _progress(job))
    try:
        with transaction.atomic():
            outcome = source.store(job, parsed)
            if not store:
                raise _Preview(outcome)
    except _Preview as preview:
        outcome = preview.outcome
    return outcome


def check(job: ImportJob) -> None:
    """Make the preview, or list the problems; store nothing."""
    try:
        outcome = run(job, store=False)
    except Problems as exc:
        job.status, job.errors, job.preview = ImportJob.Status.FAILED, exc.errors, {}
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "errors", "preview", "finished_at", "progress"])
        job.discard_files()
        return
    job.status, job.errors, job.preview = ImportJob.Status.CHECKED, [], outcome.as_preview()
    job.progress = 100
    job.save(update_fields=["status", "errors", "preview", "progress"])


def store(job: ImportJob) -> None:
    """Store the upload the lead confirmed, all or nothing (the view wrote the audit entry when
    the lead confirmed)."""
    try:
        outcome = run(job, store=True)
    except Problems as exc:
        # The data changed since the preview (another upload); nothing was stored.
        job.status, job.errors = ImportJob.Status.FAILED, exc.errors
    else:
        job.status, job.preview = ImportJob.Status.DONE, outcome.as_preview()
    job.finished_at = timezone.now()
    job.progress = 100
    job.save(update_fields=["status", "errors", "preview", "finished_at", "progress", "options"])
    job.discard_files()
