"""Roadmap and session reports: request one (staff or public), follow its progress, download it,
retry it. The reports app renders them (see reports/); roadmap/report.py and dialogue/report.py
say what they show.

A report of an adopted roadmap version or of a published session is public. A draft roadmap
report, or a report of a session that is not published, is only for members of the
municipality whose membership reaches the neighbourhood; everyone else gets a 404. The council's
progress report has its own pages (dashboard/views/council.py).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST, require_safe

from dialogue import report as session_report
from dialogue.access import get_session_for
from reports import kinds, service
from reports.models import Report
from reports.responses import pdf_response, status_context
from roadmap import report as roadmap_report
from roadmap.access import get_roadmap_for
from roadmap.models import Roadmap
from wup.models import Membership, Neighbourhood

# The kinds these pages serve.
KINDS = (roadmap_report.KIND, session_report.KIND)


def _report_for(request: HttpRequest, pk: int) -> Report:
    """Return a report the user may see: public ones for all, others for members (else 404)."""
    report = get_object_or_404(
        Report.objects.select_related("neighbourhood__municipality"), pk=pk, kind__in=KINDS
    )
    if kinds.is_public(report):
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
        report = roadmap_report.request_version_report(version, user=request.user)
    else:
        report = roadmap_report.request_draft_report(roadmap.neighbourhood, user=request.user)
    return _to_status(report)


@login_required
@require_POST
def request_session_report(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, _membership = get_session_for(request, municipality_slug, pk)
    report = session_report.request_session_report(session, user=request.user)
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
    report = roadmap_report.request_version_report(version, user=request.user)
    return _to_status(report)


def status_response(request: HttpRequest, report: Report, namespace: str = "roadmap"):
    """The status page of a report (or its fragment for htmx), with links in `namespace`: the
    roadmap's reports and other apps' kinds (the participatieverslag) share it."""
    context = {
        **status_context(
            report,
            status_url=reverse(f"{namespace}:report", args=[report.pk]),
            download_url=reverse(f"{namespace}:report_download", args=[report.pk]),
            retry_url=reverse(f"{namespace}:report_retry", args=[report.pk]),
        ),
        "title": kinds.title(report),
        "municipality": report.neighbourhood.municipality if report.neighbourhood_id else None,
        "neighbourhood": report.neighbourhood,
        "public": kinds.is_public(report),
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
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's progress; polls itself every 2 s until it is done or failed."""
    return status_response(request, _report_for(request, pk))


@require_safe
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    report = _report_for(request, pk)
    return pdf_response(report, public=kinds.is_public(report))


@require_POST
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed report again (anything else: back to its status page)."""
    report = _report_for(request, pk)
    service.retry(report)
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
