"""Requesting a report: reuse one with the same content, or queue a new one.

A request creates a `Report` row and enqueues `reports.tasks.render_report` on commit; a request
for the same source as a finished (or still running) report returns that report instead. The
source hash covers everything the PDF shows: what the kind's `source` returns, the kind, the
municipality's theme, the shared layout's version and the language.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation

from wup.models import Municipality, Neighbourhood

from .kinds import registered
from .models import Report

# Bump when the shared layout (reports/pdf/base.html, reports.pdf) changes what a report looks
# like: old files are then no longer reused. A kind puts its own template's version in `source`.
TEMPLATE_VERSION = "1"


def owner(report: Report) -> Municipality:
    """Return the municipality a report belongs to (its theme, its members)."""
    if report.municipality_id:
        return report.municipality
    return report.neighbourhood.municipality


def theme(municipality: Municipality) -> dict:
    return {
        "name": municipality.name,
        "colour": municipality.theme_colour,
        "logo": municipality.logo.name or "",
    }


def _hash(payload: dict) -> str:
    body = json.dumps(
        {**payload, "template": TEMPLATE_VERSION, "language": settings.LANGUAGE_CODE},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def source_hash(report: Report) -> str:
    """Return the hash of everything the report would show now.

    Raises ReportNotAvailable for a kind that is not registered (here).
    """
    kind = registered(report.kind)
    with translation.override(settings.LANGUAGE_CODE):
        return _hash({**kind.source(report), "kind": report.kind, "theme": theme(owner(report))})


def request_report(
    kind: str,
    *,
    neighbourhood: Neighbourhood | None = None,
    municipality: Municipality | None = None,
    subject_id: int | None = None,
    user=None,
) -> Report:
    """Return a report of this source: an existing one with the same content, or a new one that
    is rendered after the transaction commits.

    A report belongs to a `neighbourhood` or, about a whole municipality, to a `municipality`;
    `subject_id` is what the kind reports on (see `reports.kinds`).
    """
    registered(kind)  # ReportNotAvailable for an unknown kind, before anything is written
    if (neighbourhood is None) == (municipality is None):
        raise ValueError("a report belongs to a neighbourhood or to a municipality")
    candidate = Report(
        kind=kind,
        neighbourhood=neighbourhood,
        municipality=municipality,
        subject_id=subject_id,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
    )
    with transaction.atomic():
        # One request per neighbourhood (or municipality) at a time: two identical requests get
        # one report.
        if neighbourhood is not None:
            lock = Neighbourhood.objects.filter(pk=neighbourhood.pk)
        else:
            lock = Municipality.objects.filter(pk=municipality.pk)
        list(lock.select_for_update().values("pk"))
        candidate.source_hash = source_hash(candidate)
        same = Report.objects.filter(
            kind=kind,
            neighbourhood=neighbourhood,
            municipality=municipality,
            subject_id=subject_id,
            source_hash=candidate.source_hash,
        ).exclude(status=Report.Status.FAILED)
        for existing in same.order_by("-created_at"):
            if existing.status != Report.Status.DONE or file_exists(existing):
                return existing
        candidate.save()
        enqueue(candidate.pk)
    return candidate


def retry(report: Report) -> bool:
    """Queue a failed report again; return whether it was failed (anything else stays)."""
    with transaction.atomic():
        reset = Report.objects.filter(pk=report.pk, status=Report.Status.FAILED).update(
            status=Report.Status.QUEUED, error="", attempts=0, started_at=None, finished_at=None
        )
        if reset:
            enqueue(report.pk)
    return bool(reset)


def file_exists(report: Report) -> bool:
    return bool(report.file.name) and default_storage.exists(report.file.name)


def enqueue(report_id: int) -> None:
    """Queue rendering once the current transaction commits (at once outside one)."""
    from .tasks import render_report

    options = {"queue": settings.REPORT_QUEUE} if getattr(settings, "REPORT_QUEUE", "") else {}
    render_report.apply_async_on_commit((report_id,), **options)
