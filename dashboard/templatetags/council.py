"""`{% council_reports municipality %}`: the council's progress reports that are public under the
Woo, for the municipality's public page (residents/municipality.html). Dates and download
links only: no names."""

from __future__ import annotations

from django import template

from dashboard.council.report import PUBLIC_SUBJECT, REPORT_KIND
from dialogue import reach
from dialogue.models import StakeholderGroup
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


@register.inclusion_tag("dashboard/council/_public_reach.html")
def neighbourhood_reach(neighbourhood) -> dict:
    """How many households took part in the neighbourhood's dialogue, for its public page:
    aggregates only, and groups under `reach.MIN_GROUP` people not broken down (one query)."""
    found = reach.reach_by_neighbourhood([neighbourhood.pk])[neighbourhood.pk]
    labels = dict(StakeholderGroup.choices)
    return {
        "reach": found,
        "groups": [(labels[value], count) for value, count in found.public_groups()],
        "min_group": reach.MIN_GROUP,
    }
