"""`{% council_reports municipality %}`: the council's progress reports that are public under the
Woo, for the municipality's public page (residents/municipality.html). Dates and download
links only: no names."""

from __future__ import annotations

from django import template

from dashboard.council.report import PUBLIC_SUBJECT, REPORT_KIND
from reports.models import Report

register = template.Library()
SHOWN = 10


@register.inclusion_tag("dashboard/council/_public_reports.html")
def council_reports(municipality) -> dict:
    reports = list(
        Report.objects.filter(
            kind=REPORT_KIND,
            municipality=municipality,
            subject_id=PUBLIC_SUBJECT,
            status=Report.Status.DONE,
        )
        .exclude(file="")
        .order_by("-created_at", "-pk")
        .values_list("pk", "created_at")[:SHOWN]
    )
    return {"municipality": municipality, "reports": reports}
