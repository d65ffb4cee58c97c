"""What the public sees of dialogue: the parts the neighbourhood page composes (upcoming
sessions, published sessions, the trend across sessions). The published summary's page is in
dialogue/views/public.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format

from wup.models import Neighbourhood

from . import charts
from .models import DialogueSession, Side, results_for

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
