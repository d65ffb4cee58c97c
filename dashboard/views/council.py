"""The council's dashboard, read-only: the municipality overview (table and status map), one
neighbourhood in four blocks, and the council's progress report as a PDF.

Every member role reads it except partners, who see only their own party's figures elsewhere
(403). The progress report covers every neighbourhood, so a membership limited to some
neighbourhoods cannot request or read it (403). Outsiders get a 404, anonymous users the login.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from dashboard import svg
from dashboard.council.common import STATUS_LABELS
from dashboard.council.decisions import promises, records_in_scope, upcoming_decisions
from dashboard.council.neighbourhood import neighbourhood_dashboard
from dashboard.council.overview import key_message, overview_rows, status_counts, table_lines
from dashboard.council.promises import adopted_promises
from dashboard.council.report import PUBLIC_SUBJECT, REPORT_KIND, report_woo, woo_subject
from dashboard.council.totals import municipality_totals
from dashboard.forms.council import CouncilReportRequestForm, MunicipalityTargetForm
from dashboard.models import (
    CouncilRecord,
    Development,
    MunicipalityTarget,
    SteeringAction,
    SteeringStatus,
)
from dashboard.progress import SlipThresholds
from designation.council import safeguards_section
from designation.models import DesignationTrack
from dialogue import reach
from reports import kinds, service
from reports.models import Report
from reports.responses import pdf_response, status_context
from roadmap.models import DecisionBody
from wup import audit
from wup.access import get_municipality_for, get_neighbourhood_for
from wup.models import Membership, Municipality, Neighbourhood, Role

RECENT_REPORTS = 5


def _require_council_reader(membership: Membership) -> None:
    if membership.role == Role.PARTNER:
        raise PermissionDenied


def _report_member(request: HttpRequest, municipality_slug: str) -> tuple:
    municipality, membership = get_municipality_for(request, municipality_slug)
    _require_council_reader(membership)
    if membership.limited_to_neighbourhoods:
        raise PermissionDenied
    return municipality, membership


def _report_access(request: HttpRequest, municipality_slug: str) -> Municipality:
    return _report_member(request, municipality_slug)[0]


def _neighbourhood_url(municipality: Municipality):
    # One reverse() for all areas: a thousand neighbourhoods should not cost a thousand.
    placeholder = "wijk-placeholder"
    base = reverse("dashboard:council_neighbourhood", args=[municipality.slug, placeholder])
    return lambda slug: base.replace(placeholder, slug)


@login_required
@require_safe
def council_overview(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Every neighbourhood the member reaches: status against the adopted route, next milestone
    and last measurement, in a table and on a map."""
    municipality, membership = get_municipality_for(request, municipality_slug)
    _require_council_reader(membership)
    today = timezone.localdate()
    neighbourhoods = list(
        Neighbourhood.objects.visible_to(membership)
        .only("pk", "name", "slug", "phase", "municipality_id")
        .order_by("name", "pk")
    )
    thresholds = SlipThresholds.of(municipality)
    rows = overview_rows(neighbourhoods, today=today, thresholds=thresholds)
    url = _neighbourhood_url(municipality)
    labels = {status: str(label) for status, label in STATUS_LABELS.items()}
    # Each area's title, translated once per status rather than once per neighbourhood.
    titles = {
        status: _("status: %(status)s") % {"status": label} for status, label in labels.items()
    }
    status_map = svg.status_map(
        municipality,
        {row.neighbourhood.slug: (row.status, titles[row.status]) for row in rows},
        url=url,
        labels=labels,
    )
    open_developments = Development.objects.filter(
        municipality=municipality, status=Development.Status.OPEN
    ).count()
    raad_decisions = SteeringAction.objects.filter(
        neighbourhood__in=Neighbourhood.objects.visible_to(membership),
        decided_by=DecisionBody.COUNCIL,
        status=SteeringStatus.PROPOSED,
    ).count()
    visible_ids = (
        None if not membership.limited_to_neighbourhoods else [n.pk for n in neighbourhoods]
    )
    target = (
        None
        if membership.limited_to_neighbourhoods
        else MunicipalityTarget.objects.filter(municipality=municipality).first()
    )
    open_promises = promises(
        records_in_scope(municipality, visible_ids).filter(
            pk__in=CouncilRecord.objects.visible_to(membership).values("pk")
        ),
        today=today,
    )
    return render(
        request,
        "dashboard/council/overview.html",
        {
            "decisions": upcoming_decisions(municipality, visible_ids, today=today, limit=10),
            "promises": open_promises,
            "overdue_promises": [p for p in open_promises if p.overdue],
            "totals": None
            if visible_ids is not None
            else municipality_totals(
                municipality, today=today, target=target.target_year if target else None
            ),
            "target_form": MunicipalityTargetForm(instance=target, municipality=municipality)
            if membership.can_write and not membership.limited_to_neighbourhoods
            else None,
            "municipality": municipality,
            "membership": membership,
            "rows": table_lines(rows, url=url),
            "counts": status_counts(rows),
            "key_message": key_message(
                rows, open_developments=open_developments, raad_decisions=raad_decisions
            ),
            "map": status_map,
            "today": today,
            "thresholds": thresholds,
            "can_report": not membership.limited_to_neighbourhoods,
        },
    )


@login_required
@require_safe
def council_neighbourhood(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """One neighbourhood: what was achieved, where it stands, what new developments would do,
    and what needs steering."""
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug
    )
    _require_council_reader(membership)
    dashboard = neighbourhood_dashboard(neighbourhood)
    municipality = neighbourhood.municipality
    records = records_in_scope(municipality, [neighbourhood.pk])
    if membership.limited_to_neighbourhoods:
        records = records.exclude(neighbourhood=None)
    prefetch_related_objects([neighbourhood], "areas")  # the CBS split, for the reach
    return render(
        request,
        "dashboard/council/neighbourhood.html",
        {
            "municipality": municipality,
            "neighbourhood": neighbourhood,
            "membership": membership,
            "d": dashboard,
            "decisions": upcoming_decisions(
                municipality, [neighbourhood.pk], today=dashboard.today
            ),
            "promises": promises(records, today=dashboard.today),
            "reach": reach.reach_by_neighbourhood(
                [neighbourhood.pk], figures={neighbourhood.pk: neighbourhood.key_figures()}
            )[neighbourhood.pk],
            "reach_rule": reach_rule(),
            "promised": adopted_promises(neighbourhood, dashboard.indicators),
            # Where the municipality intends to designate: the safeguards as the gate.
            "designation_safeguards": (
                safeguards_section(neighbourhood)
                if DesignationTrack.objects.filter(neighbourhood=neighbourhood).exists()
                else None
            ),
        },
    )


def reach_rule() -> dict:
    return {
        "min": reach.MIN_FOR_VERDICT,
        "factor": "de helft",
        "min_group": reach.MIN_GROUP,
    }


@login_required
@require_http_methods(["POST"])
def council_target(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Set the municipality's own target year (project leads and admins of the whole
    municipality)."""
    municipality, membership = get_municipality_for(request, municipality_slug, write=True)
    if membership.limited_to_neighbourhoods:
        raise PermissionDenied
    form = MunicipalityTargetForm(
        request.POST,
        instance=MunicipalityTarget.objects.filter(municipality=municipality).first(),
        municipality=municipality,
    )
    if form.is_valid():
        action = "update" if form.instance.pk else "create"
        audit.save_form(request, form, action=action, municipality=municipality)
        messages.success(request, _("Het doeljaar is opgeslagen."))
        return redirect(
            reverse("dashboard:council_overview", args=[municipality.slug]) + "#totalen"
        )
    messages.error(request, form.errors["target_year"][0])
    return redirect(reverse("dashboard:council_overview", args=[municipality.slug]) + "#totalen")


@login_required
@require_http_methods(["GET", "POST"])
def council_report(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """GET: the latest progress reports and a button to make one; POST: request it (an
    unchanged municipality gets the report already made today). The lead (a member who may
    change things) chooses the report's Woo status when asking; anyone else asks for a public
    one, as progress reports to the raad are."""
    municipality, membership = _report_member(request, municipality_slug)
    form = CouncilReportRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        status, ground = "openbaar", ""
        if membership.can_write:
            if form.is_valid():
                status, ground = form.cleaned_data["woo_status"], form.cleaned_data["woo_ground"]
            else:
                status = None
        if status is not None:
            report = service.request_report(
                REPORT_KIND,
                municipality=municipality,
                subject_id=woo_subject(status, ground),
                user=request.user,
            )
            return redirect("dashboard:council_report_status", municipality.slug, report.pk)
    recent = list(
        Report.objects.filter(kind=REPORT_KIND, municipality=municipality)
        .select_related("municipality")
        .order_by("-created_at", "-pk")[:RECENT_REPORTS]
    )
    response = render(
        request,
        "dashboard/council/report.html",
        {
            "municipality": municipality,
            "reports": [(r, report_woo(r)) for r in recent],
            "form": form if membership.can_write else None,
        },
        status=400 if form.is_bound and membership.can_write and not form.is_valid() else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _council_report(municipality: Municipality, pk: int) -> Report:
    return get_object_or_404(
        Report.objects.select_related("municipality"),
        pk=pk,
        kind=REPORT_KIND,
        municipality=municipality,
    )


@login_required
@require_safe
def council_report_status(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    """The report's progress; polls itself every 2 s until it is done or failed."""
    municipality = _report_access(request, municipality_slug)
    report = _council_report(municipality, pk)
    template = "dashboard/council/report_status.html"
    response = render(
        request,
        f"{template}#status" if request.htmx else template,
        {
            **status_context(
                report,
                status_url=reverse("dashboard:council_report_status", args=[municipality.slug, pk]),
                download_url=reverse(
                    "dashboard:council_report_download", args=[municipality.slug, pk]
                ),
                # A failed council report is requested again, not retried as it was.
                retry_url=reverse("dashboard:council_report", args=[municipality.slug]),
            ),
            "municipality": municipality,
            "title": kinds.title(report),
            "woo": report_woo(report),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def council_report_download(request: HttpRequest, municipality_slug: str, pk: int) -> FileResponse:
    municipality = _report_access(request, municipality_slug)
    # The council's report is for members only: no cache may keep it.
    return pdf_response(_council_report(municipality, pk), public=False)


@require_safe
def council_report_public(request: HttpRequest, municipality_slug: str, pk: int) -> FileResponse:
    """A finished council report that is public under the Woo, for anyone: no login. Any other
    report is a 404 here, whether it exists or not."""
    report = get_object_or_404(
        Report.objects.select_related("municipality"),
        pk=pk,
        kind=REPORT_KIND,
        municipality__slug=municipality_slug,
        subject_id=PUBLIC_SUBJECT,
        status=Report.Status.DONE,
    )
    if not report.file:
        raise Http404
    return pdf_response(report, public=True)


routes: list[URLPattern] = [
    path(
        "<slug:municipality_slug>/voortgang/<int:pk>/download/",
        council_report_public,
        name="council_report_public",
    ),
    path(
        "beheer/<slug:municipality_slug>/doeljaar/",
        council_target,
        name="council_target",
    ),
    path(
        "beheer/<slug:municipality_slug>/dashboard/",
        council_overview,
        name="council_overview",
    ),
    # Before the neighbourhood pattern, which would take "rapport" for a neighbourhood's slug.
    path(
        "beheer/<slug:municipality_slug>/dashboard/rapport/",
        council_report,
        name="council_report",
    ),
    path(
        "beheer/<slug:municipality_slug>/dashboard/rapport/<int:pk>/",
        council_report_status,
        name="council_report_status",
    ),
    path(
        "beheer/<slug:municipality_slug>/dashboard/rapport/<int:pk>/download/",
        council_report_download,
        name="council_report_download",
    ),
    path(
        "beheer/<slug:municipality_slug>/dashboard/<slug:neighbourhood_slug>/",
        council_neighbourhood,
        name="council_neighbourhood",
    ),
]
