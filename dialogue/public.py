"""What the public sees of dialogue: published summaries, and the parts the neighbourhood page
composes (upcoming sessions, published sessions, the trend across sessions)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from wup.models import Neighbourhood

from . import charts
from .models import DialogueSession, Side, prefetch_outcomes, results_for
from .results import MIN_PUBLIC_GROUP

ARGUMENTS_PER_SIDE = 3


@dataclass
class NeighbourhoodDialogue:
    upcoming: list[DialogueSession]
    published: list[DialogueSession]
    trend: dict | None
    trend_rows: list[tuple[str, list[float | None]]]


PUBLIC_STATUSES = [
    DialogueSession.Status.SCHEDULED,
    DialogueSession.Status.LIVE,
    DialogueSession.Status.PUBLISHED,
]


def public_sessions(neighbourhood: Neighbourhood) -> list[DialogueSession]:
    """Return the planned, live and published sessions, first to start first, in one query.

    The neighbourhood page reads them once for all its parts: the dialogue part here, and the
    timeline and the story (dialogue.timeline's `events_for` and `next_session`)."""
    return list(
        neighbourhood.sessions.filter(status__in=PUBLIC_STATUSES).order_by("starts_at", "pk")
    )


def for_neighbourhood(
    neighbourhood: Neighbourhood, sessions: list[DialogueSession] | None = None
) -> NeighbourhoodDialogue:
    """Return the dialogue part of a neighbourhood page (results from the per-session cache).

    Pass `sessions` (from `public_sessions`) when the page has read them already."""
    if sessions is None:
        sessions = public_sessions(neighbourhood)
    published = [s for s in sessions if s.status == DialogueSession.Status.PUBLISHED]
    upcoming = [s for s in sessions if s.status != DialogueSession.Status.PUBLISHED]
    results = results_for(published)
    points = [(date_format(s.starts_at, "j F Y"), results[s.pk]) for s in published]
    return NeighbourhoodDialogue(
        upcoming=upcoming,
        published=published[::-1],
        trend=charts.trend(points),
        trend_rows=[(label, [r.sides[side].mean for side in Side]) for label, r in points],
    )


@require_safe
def session_summary(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    """A published session's public summary: no names, no breakdown of small groups."""
    session = get_object_or_404(
        DialogueSession.objects.published().select_related("neighbourhood__municipality"),
        pk=pk,
        neighbourhood__slug=neighbourhood_slug,
        neighbourhood__municipality__slug=municipality_slug,
    )
    # The roadmap's core values that came from these outcomes ("you said, we did").
    prefetch_related_objects(
        [session], "prompts", prefetch_outcomes(), "outcomes__core_values__roadmap__versions"
    )
    results = session.results()
    arguments = list(
        session.arguments.visible().with_votes().order_by("side", "-agree_count", "pk")
    )
    main_arguments = {
        side: [a for a in arguments if a.side == side][:ARGUMENTS_PER_SIDE] for side in Side
    }
    return render(
        request,
        "dialogue/summary.html",
        {
            "municipality": session.neighbourhood.municipality,
            "neighbourhood": session.neighbourhood,
            "session": session,
            "results": results,
            "group_rows": results.public_group_rows(),
            "min_group": MIN_PUBLIC_GROUP,
            "chart": charts.triangle(results),
            "main_arguments": [(Side(side).label, items) for side, items in main_arguments.items()],
        },
    )
