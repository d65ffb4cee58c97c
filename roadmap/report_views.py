"""PDF reports: request one (staff or public), follow its progress, download it, retry it.

A report of an adopted roadmap version or of a published session is public. A draft roadmap
report, or a report of a session that is not published, is only for members of the
municipality whose membership reaches the neighbourhood; everyone else gets a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from dialogue.access import get_session_for
from wup.models import Membership, Neighbourhood

from . import reports
from .access import get_roadmap_for
from .models import Report, Roadmap


def _report_for(request: HttpRequest, pk: int) -> Report:
    """Return a report the user may see: public ones for all, others for members (else 404)."""
    report = get_object_or_404(
        Report.objects.select_related(
            "neighbourhood__municipality", "version", "session__neighbourhood"
        ),
        pk=pk,
    )
    if reports.is_public(report):
        return report
    neighbourhood = report.neighbourhood
    if neighbourhood is None or not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.for_user(request.user)
        .filter(municipality_id=neighbourhood.municipality_id)
        .first()
    )
    if membership is None or not membership.covers(neighbourhood):
        raise Http404
    return report


def _to_status(report: Report) -> HttpResponse:
    return redirect("roadmap:report", report.pk)


@login_required
@require_POST
def request_roadmap_report(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """Staff: the latest adopted version, or the working draft (POST bron=concept, or when
    nothing has been adopted yet)."""
    roadmap, membership = get_roadmap_for(request, municipality_slug, neighbourhood_slug)
    version = (
        roadmap.latest_version() if roadmap.pk and request.POST.get("bron") != "concept" else None
    )
    if version is not None:
        report = reports.request_report(Report.Kind.ROADMAP, version=version, user=request.user)
    else:
        report = reports.request_report(
            Report.Kind.ROADMAP, neighbourhood=roadmap.neighbourhood, user=request.user
        )
    return _to_status(report)


@login_required
@require_POST
def request_session_report(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, _membership = get_session_for(request, municipality_slug, pk)
    report = reports.request_report(Report.Kind.SESSION, session=session, user=request.user)
    return _to_status(report)


@require_POST
def request_public_report(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """Anyone: the latest adopted version of a neighbourhood's roadmap (404 when none)."""
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("municipality"),
        slug=neighbourhood_slug,
        municipality__slug=municipality_slug,
    )
    roadmap = Roadmap.objects.filter(neighbourhood=neighbourhood).first()
    version = roadmap.latest_version() if roadmap else None
    if version is None:
        raise Http404
    report = reports.request_report(Report.Kind.ROADMAP, version=version, user=request.user)
    return _to_status(report)


def _title(report: Report) -> str:
    if report.kind == Report.Kind.ROADMAP and report.version_id:
        return _("Routekaart %(neighbourhood)s, versie %(number)s") % {
            "neighbourhood": report.neighbourhood.name,
            "number": report.version.number,
        }
    if report.kind == Report.Kind.ROADMAP:
        return _("Routekaart %(neighbourhood)s (concept)") % {
            "neighbourhood": report.neighbourhood.name
        }
    if report.session_id:
        return _("Dialoogsessie %(title)s") % {"title": report.session.title}
    return reports.report_title(report)


def status_context(report: Report, *, status_url: str, download_url: str, retry_url: str) -> dict:
    """What roadmap/reports/_status.html needs to show a report's progress."""
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


@require_safe
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's progress; polls itself every 2 s until it is done or failed."""
    report = _report_for(request, pk)
    context = {
        **status_context(
            report,
            status_url=reverse("roadmap:report", args=[report.pk]),
            download_url=reverse("roadmap:report_download", args=[report.pk]),
            retry_url=reverse("roadmap:report_retry", args=[report.pk]),
        ),
        "title": _title(report),
        "municipality": report.neighbourhood.municipality if report.neighbourhood_id else None,
        "neighbourhood": report.neighbourhood,
        "public": reports.is_public(report),
    }
    response = render(
        request,
        "roadmap/reports/status.html#status" if request.htmx else "roadmap/reports/status.html",
        context,
    )
    if not context["public"]:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    report = _report_for(request, pk)
    return pdf_response(report, public=reports.is_public(report))


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
        filename=reports.download_name(report),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


@require_POST
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed report again (anything else: back to its status page)."""
    report = _report_for(request, pk)
    with transaction.atomic():
        reset = Report.objects.filter(pk=report.pk, status=Report.Status.FAILED).update(
            status=Report.Status.QUEUED, error="", attempts=0, started_at=None, finished_at=None
        )
        if reset:
            reports.enqueue(report.pk)
    return _to_status(report)


routes: list[URLPattern] = [
    path(
        "beheer/<slug:municipality_slug>/routekaarten/<slug:neighbourhood_slug>/rapport/",
        request_roadmap_report,
        name="request_report",
    ),
    path(
        "beheer/<slug:municipality_slug>/sessies/<int:pk>/rapport/",
        request_session_report,
        name="request_session_report",
    ),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/routekaart/rapport/",
        request_public_report,
        name="request_public_report",
    ),
    path("rapporten/<int:pk>/", report_status, name="report"),
    path("rapporten/<int:pk>/download/", report_download, name="report_download"),
    path("rapporten/<int:pk>/opnieuw/", report_retry, name="report_retry"),
]
