"""The session report: a dialogue session's published summary as a PDF, without names.

Registered with the reports app from DialogueConfig.ready() (`register`). A session report
belongs to the session's neighbourhood; its `subject_id` is the session. It is public once the
session is published; before that only members of the municipality whose membership reaches the
neighbourhood may read it (roadmap/views/reports.py serves the pages).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import service
from reports.kinds import ReportNotAvailable, register_kind
from reports.models import Report

from .models import DialogueSession, Side
from .results import MIN_PUBLIC_GROUP, compare

KIND = "sessie"
ARGUMENTS_PER_SIDE = 3


def request_session_report(session: DialogueSession, *, user=None) -> Report:
    """Return the report of a session: one with the same content, or a new one (queued)."""
    return service.request_report(
        KIND, neighbourhood=session.neighbourhood, subject_id=session.pk, user=user
    )


def session_of(report: Report) -> DialogueSession:
    """Return the report's session (ReportNotAvailable when it is gone)."""
    session = (
        DialogueSession.objects.select_related("neighbourhood__municipality")
        .filter(pk=report.subject_id)
        .first()
    )
    if session is None:
        raise ReportNotAvailable(f"{KIND} {report.subject_id}")
    return session


def session_content(session: DialogueSession) -> dict:
    """Return what a session report shows: the published summary's data, without names."""
    session = DialogueSession.objects.select_related("neighbourhood__municipality").get(
        pk=session.pk
    )
    results = session.results()
    arguments = list(
        session.arguments.visible().with_votes().order_by("side", "-agree_count", "pk")
    )
    outcomes = list(session.outcomes.prefetch_related("arguments").order_by("kind", "pk"))
    return {
        "title": session.title,
        "proposition": session.proposition,
        "summary": session.summary,
        "starts_at": timezone.localtime(session.starts_at).date(),
        "location": session.location,
        "participation_level": session.get_participation_level_display(),
        "can_influence": session.can_influence,
        "cannot_influence": session.cannot_influence,
        "published": session.status == DialogueSession.Status.PUBLISHED,
        "participants": results.participants,
        "balance": results.balance,
        "sides": [
            {
                "label": str(stats.label),
                "n": stats.n,
                "mean": stats.mean,
                "median": stats.median,
                "spread": stats.spread,
            }
            for stats in (results.sides[side] for side in Side)
        ],
        "groups": [
            {"label": str(row.label), "size": row.size, "means": list(row.means)}
            for row in results.public_group_rows()
        ],
        "headline": _headline(results),
        "perspectives": [
            {"label": str(row.label), "size": row.size, "means": list(row.means)}
            for row in results.public_perspective_rows
        ],
        "parties": [
            {"name": row.name, "perspective": str(row.perspective), "means": list(row.means)}
            for row in results.party_rows()
        ],
        # Alternatives side by side (empty for a session with one proposition).
        "propositions": [
            {
                "number": column.number,
                "text": column.text,
                "participants": column.results.participants,
                "means": [column.results.sides[side].mean for side in Side],
                "balance": column.results.balance,
                "headline": _headline(column.results),
            }
            for column in compare(session.propositions, results)
        ],
        # The same figures per side, a column per proposition.
        "compare_rows": [
            {
                "label": str(Side(side).label),
                "means": [
                    c.results.sides[side].mean for c in compare(session.propositions, results)
                ],
            }
            for side in Side
        ],
        "arguments": [
            {
                "side": str(Side(side).label),
                "items": [
                    {
                        "stance": a.get_stance_display(),
                        "text": a.text,
                        "agree": a.agree_count,
                        "disagree": a.disagree_count,
                    }
                    for a in arguments
                    if a.side == side
                ][:ARGUMENTS_PER_SIDE],
            }
            for side in Side
        ],
        "outcomes": [
            {"kind": o.get_kind_display(), "text": o.text, "agreed": o.agreed} for o in outcomes
        ],
    }


def _headline(results) -> dict | None:
    """The balance between the perspectives, as the public pages say it."""
    headline = results.public_headline
    if headline is None:
        return None
    return {"text": str(headline.text), "balance": headline.balance}


def source(report: Report) -> dict:
    session = session_of(report)
    return {
        "session": session.pk,
        "content": session_content(session),
        "neighbourhood": session.neighbourhood.name,
    }


def context(report: Report) -> dict:
    # Imported here: WeasyPrint is heavy, and only the worker renders reports.
    from reports import pdf

    from . import svg_charts

    session = session_of(report)
    content = session_content(session)
    bars = svg_charts.side_means_bars([(s["label"], s["mean"]) for s in content["sides"]])
    return {
        **pdf.base_context(session.neighbourhood.municipality, session.neighbourhood),
        "title": title(report, session),
        "session": content,
        "min_group": MIN_PUBLIC_GROUP,
        "bars": pdf.svg_data_url(bars) if content["participants"] else "",
    }


def title(report: Report, session: DialogueSession | None = None) -> str:
    session = session or session_of(report)
    return _("Dialoogsessie %(title)s") % {"title": session.title}


def download_name(report: Report) -> str:
    slug = report.neighbourhood.slug if report.neighbourhood_id else "rapport"
    return f"dialoogsessie-{slug}-{report.subject_id}.pdf"


def is_public(report: Report) -> bool:
    """A report of a published session is public."""
    return DialogueSession.objects.filter(
        pk=report.subject_id, status=DialogueSession.Status.PUBLISHED
    ).exists()


def register() -> None:
    """Let the reports app make session reports (from DialogueConfig.ready())."""
    register_kind(
        KIND,
        label=gettext_lazy("Dialoogsessie"),
        template="dialogue/pdf/session.html",
        source=source,
        context=context,
        title=title,
        download_name=download_name,
        is_public=is_public,
    )
