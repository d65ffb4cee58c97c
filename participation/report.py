"""The participatieverslag as a PDF: who was involved and how, what they said, what was done
with it, representativeness, open questions and the list of activities.

Registered with the reports app from ParticipationConfig.ready() (`register`). The report belongs
to the neighbourhood and has no `subject_id`. It is public while the verslag is published; before
that only members whose membership reaches the neighbourhood may read it
(participation/views/reports.py serves the pages).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import service
from reports.kinds import register_kind
from reports.models import Report
from wup.models import Neighbourhood

from .models import Verslag
from .verslag import verslag_content

KIND = "participatie"
# Bump when templates/participation/pdf/verslag.html changes what the PDF shows.
TEMPLATE_VERSION = "2"


def request_verslag_report(neighbourhood: Neighbourhood, *, user=None) -> Report:
    """Return the PDF of the neighbourhood's verslag: one with the same content, or a new one."""
    return service.request_report(KIND, neighbourhood=neighbourhood, user=user)


def _neighbourhood(report: Report) -> Neighbourhood:
    return Neighbourhood.objects.select_related("municipality").get(pk=report.neighbourhood_id)


def source(report: Report) -> dict:
    return {
        "content": verslag_content(_neighbourhood(report)),
        "template": TEMPLATE_VERSION,
    }


def context(report: Report) -> dict:
    # Imported here: WeasyPrint is heavy, and only the worker renders reports.
    from reports import pdf

    neighbourhood = _neighbourhood(report)
    return {
        **pdf.base_context(neighbourhood.municipality, neighbourhood),
        "title": title(report),
        "verslag": verslag_content(neighbourhood),
    }


def title(report: Report) -> str:
    name = report.neighbourhood.name if report.neighbourhood_id else ""
    return _("Participatieverslag %(name)s") % {"name": name}


def download_name(report: Report) -> str:
    slug = report.neighbourhood.slug if report.neighbourhood_id else "wijk"
    return f"participatieverslag-{slug}.pdf"


def is_public(report: Report) -> bool:
    """The PDF is public while the neighbourhood's verslag is published."""
    return Verslag.objects.filter(
        neighbourhood_id=report.neighbourhood_id, published_at__isnull=False
    ).exists()


def register() -> None:
    """Let the reports app make participatieverslagen (from ParticipationConfig.ready())."""
    register_kind(
        KIND,
        label=gettext_lazy("Participatieverslag"),
        template="participation/pdf/verslag.html",
        source=source,
        context=context,
        title=title,
        download_name=download_name,
        is_public=is_public,
    )
