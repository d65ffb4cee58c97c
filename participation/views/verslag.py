"""The participatieverslag: the lead writes its introduction and publishes it; the public page
shows it once published (404 before); its PDF is made by the reports app.

Publishing also requests the PDF, so that it is ready when the first resident asks for it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from reports import kinds, service
from reports.models import Report
from reports.responses import pdf_response
from roadmap.views.reports import status_response
from wup import audit
from wup.models import Membership, Neighbourhood

from .. import report as verslag_report
from ..access import neighbourhood_for
from ..forms import VerslagForm
from ..models import Verslag
from ..verslag import verslag_content, verslag_for

ACTIONS = {"opslaan", "publiceren", "intrekken"}


@login_required
@require_http_methods(["GET", "POST"])
def verslag(request: HttpRequest, municipality_slug: str, neighbourhood_slug: str) -> HttpResponse:
    """Staff: the verslag as it reads now, its introduction, and publishing it."""
    write = request.method == "POST"
    place, membership = neighbourhood_for(
        request, municipality_slug, neighbourhood_slug, write=write
    )
    row = verslag_for(place)
    form = VerslagForm(request.POST if request.method == "POST" else None, instance=row)
    action = request.POST.get("actie", "opslaan")
    if write and action in ACTIONS and form.is_valid():
        with transaction.atomic():
            row = form.save()
            audit_action = "update"
            if action == "publiceren":
                row.publish(by=request.user)
                audit_action = "publish"
            elif action == "intrekken":
                row.unpublish()
                audit_action = "unpublish"
            changes = audit.form_changes(form)
            audit.record(
                request,
                action=audit_action,
                obj=row,
                municipality=place.municipality,
                changes=changes,
            )
        if action == "publiceren":
            verslag_report.request_verslag_report(place, user=request.user)
            messages.success(
                request, _("Het participatieverslag is openbaar. De PDF wordt nu gemaakt.")
            )
        elif action == "intrekken":
            messages.success(request, _("Het participatieverslag is niet meer openbaar."))
        else:
            messages.success(request, _("De inleiding is opgeslagen."))
        return redirect(
            reverse("participation:verslag", args=[place.municipality.slug, place.slug])
        )
    return render(
        request,
        "participation/verslag.html",
        {
            "municipality": place.municipality,
            "membership": membership,
            "neighbourhood": place,
            "verslag_row": row,
            "form": form,
            "verslag": verslag_content(place),
        },
    )


@login_required
@require_POST
def request_report(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """Staff: the verslag's PDF as it reads now (published or not)."""
    place, _membership = neighbourhood_for(request, municipality_slug, neighbourhood_slug)
    report = verslag_report.request_verslag_report(place, user=request.user)
    return redirect("participation:report", report.pk)


def _published_neighbourhood(municipality_slug: str, neighbourhood_slug: str) -> Neighbourhood:
    place = get_object_or_404(
        Neighbourhood.objects.select_related("municipality"),
        slug=neighbourhood_slug,
        municipality__slug=municipality_slug,
    )
    if not Verslag.objects.filter(neighbourhood=place, published_at__isnull=False).exists():
        raise Http404
    return place


@require_safe
def public(request: HttpRequest, municipality_slug: str, neighbourhood_slug: str) -> HttpResponse:
    """Anyone: the published participatieverslag (404 while it is not published)."""
    place = _published_neighbourhood(municipality_slug, neighbourhood_slug)
    return render(
        request,
        "participation/public.html",
        {
            "municipality": place.municipality,
            "neighbourhood": place,
            "verslag": verslag_content(place),
        },
    )


@require_POST
def request_public_report(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """Anyone: the PDF of a published verslag (404 while it is not published)."""
    place = _published_neighbourhood(municipality_slug, neighbourhood_slug)
    report = verslag_report.request_verslag_report(place, user=request.user)
    return redirect("participation:report", report.pk)


def _report_for(request: HttpRequest, pk: int) -> Report:
    """Return a verslag report the user may see: public ones for all, others for the members
    (not partners) whose membership reaches the neighbourhood; else 404."""
    report = get_object_or_404(
        Report.objects.select_related("neighbourhood__municipality"),
        pk=pk,
        kind=verslag_report.KIND,
    )
    if kinds.is_public(report):
        return report
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.for_user(request.user)
        .filter(municipality_id=report.neighbourhood.municipality_id)
        .exclude(role="partner")
        .first()
    )
    if membership is None or not membership.covers(report.neighbourhood):
        raise Http404
    return report


@require_safe
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF's progress; polls itself every 2 s until it is done or failed."""
    return status_response(request, _report_for(request, pk), "participation")


@require_safe
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    report = _report_for(request, pk)
    return pdf_response(report, public=kinds.is_public(report))


@require_POST
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed report again (anything else: back to its status page)."""
    report = _report_for(request, pk)
    service.retry(report)
    return redirect("participation:report", report.pk)


routes: list[URLPattern] = [
    path(
        "beheer/<slug:municipality_slug>/participatie/<slug:neighbourhood_slug>/verslag/",
        verslag,
        name="verslag",
    ),
    path(
        "beheer/<slug:municipality_slug>/participatie/<slug:neighbourhood_slug>/verslag/pdf/",
        request_report,
        name="request_report",
    ),
    path("rapporten/participatie/<int:pk>/", report_status, name="report"),
    path("rapporten/participatie/<int:pk>/download/", report_download, name="report_download"),
    path("rapporten/participatie/<int:pk>/opnieuw/", report_retry, name="report_retry"),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/participatie/",
        public,
        name="public",
    ),
    path(
        "<slug:municipality_slug>/<slug:neighbourhood_slug>/participatie/pdf/",
        request_public_report,
        name="request_public_report",
    ),
]
