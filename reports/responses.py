"""What the apps' report pages share: the status fragment's context and the PDF download.

The pages themselves (who may see which report, at which URL) belong to the app of the kind:
roadmap/views/reports.py for roadmap and session reports, dashboard/views/council.py for the
council's progress report. Each includes "reports/_status.html".
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from . import kinds
from .models import Report


def status_context(report: Report, *, status_url: str, download_url: str, retry_url: str) -> dict:
    """What reports/_status.html needs to show a report's progress."""
    size = None
    if report.status == Report.Status.DONE and report.file.name:
        try:
            size = default_storage.size(report.file.name)
        except OSError:
            size = None
    return {
        "report": report,
        "error": _(report.error) if report.error else "",  # stored as its msgid
        "size": size,
        "status_url": status_url,
        "download_url": download_url,
        "retry_url": retry_url,
    }


def pdf_response(report: Report, *, public: bool) -> FileResponse:
    """The finished report's PDF as a download; 404 while it is not done or its file is gone.

    `public` lets caches keep it for five minutes; otherwise nothing may keep it.
    """
    if report.status != Report.Status.DONE or not report.file.name:
        raise Http404
    try:
        handle = default_storage.open(report.file.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=kinds.download_name(report),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
