"""What dialogue adds to a neighbourhood's timeline and story: published sessions and the outcomes
agreed in them. Planned, live, closed and draft sessions are not events: only a published
session has a public summary to point to."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wup.events import Event, EventKind
from wup.models import Neighbourhood

from .models import DialogueSession, Outcome

# As SessionQuerySet.upcoming: a session that started less than this long ago still counts.
UPCOMING_GRACE = datetime.timedelta(hours=12)


def _summary_url(neighbourhood: Neighbourhood, session_id: int) -> str:
    return reverse(
        "dialogue:summary", args=[neighbourhood.municipality.slug, neighbourhood.slug, session_id]
    )


def _summary_urls(neighbourhood: Neighbourhood):
    """Return session id → summary URL, with one reverse() for all the sessions."""
    zero = _summary_url(neighbourhood, 0)
    if not zero.endswith("/0/"):  # another URL shape: reverse each
        return lambda pk: _summary_url(neighbourhood, pk)
    prefix = zero[: -len("0/")]
    return lambda pk: f"{prefix}{pk}/"


def events_for(
    neighbourhood: Neighbourhood, sessions: list[DialogueSession] | None = None
) -> list[Event]:
    """Return the sessions held and the outcomes agreed, in two queries however many there are
    (one when `sessions`, dialogue.public's `public_sessions`, were read already)."""
    if sessions is None:
        published = neighbourhood.sessions.published().only(
            "pk", "title", "starts_at", "published_at", "summary", "neighbourhood_id"
        )
    else:  # newest first, as the query above (ties by pk)
        published = sorted(
            (s for s in sessions if s.status == DialogueSession.Status.PUBLISHED),
            key=lambda s: (-s.starts_at.timestamp(), s.pk),
        )
    sessions_by_pk = {s.pk: s for s in published}
    outcomes = (
        Outcome.objects.filter(
            agreed=True,
            session__neighbourhood=neighbourhood,
            session__status=DialogueSession.Status.PUBLISHED,
        )
        .only("pk", "text", "session_id")
        .order_by("session_id", "kind", "pk")
    )
    events = []
    shared: dict[int, dict] = {}  # what a session and its outcomes have in common
    summary_url = _summary_urls(neighbourhood)
    for session in sessions_by_pk.values():
        shared[session.pk] = {
            "date": timezone.localdate(session.starts_at),
            "url": summary_url(session.pk),
            "app": "dialogue",
            "public_on": timezone.localdate(session.published_at) if session.published_at else None,
        }
        events.append(
            Event(
                kind=EventKind.SESSION_HELD,
                title=_("Gesprek: %(title)s") % {"title": session.title},
                text=session.summary,
                **shared[session.pk],
            )
        )
    for outcome in outcomes:
        if outcome.session_id not in shared:  # published between the two queries: next time
            continue
        events.append(
            Event(
                kind=EventKind.OUTCOME_AGREED,
                title=_("Hierover zijn we het eens"),
                text=outcome.text,
                **shared[outcome.session_id],
            )
        )
    return events


@dataclass(frozen=True)
class AgreedOutcome:
    text: str
    session_title: str


def agreed_outcomes(neighbourhood: Neighbourhood, limit: int = 3) -> list[AgreedOutcome]:
    """Return the newest outcomes agreed in published sessions (the story's "why" while there is
    no adopted roadmap yet)."""
    rows = (
        Outcome.objects.filter(
            agreed=True,
            session__neighbourhood=neighbourhood,
            session__status=DialogueSession.Status.PUBLISHED,
        )
        .order_by("-session__starts_at", "kind", "pk")
        .values_list("text", "session__title")[:limit]
    )
    return [AgreedOutcome(text, title) for text, title in rows]


def next_session(
    neighbourhood: Neighbourhood, sessions: list[DialogueSession] | None = None
) -> DialogueSession | None:
    """Return the first planned or live session, or None (no query when `sessions`,
    dialogue.public's `public_sessions`, were read already)."""
    if sessions is None:
        return neighbourhood.sessions.upcoming().order_by("starts_at", "pk").first()
    from_ = timezone.now() - UPCOMING_GRACE
    return next(
        (
            s
            for s in sessions
            if s.status in {DialogueSession.Status.SCHEDULED, DialogueSession.Status.LIVE}
            and s.starts_at >= from_
        ),
        None,
    )
