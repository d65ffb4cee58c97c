"""The dated events each app contributes to a neighbourhood's timeline (the catch-up flow).

This module imports nothing from the apps or from wup's views, so dialogue and roadmap can build
events without breaking the import rule (dashboard → roadmap → dialogue → wup.models).
residents.timeline composes them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class EventKind(StrEnum):
    """What happened. The order is the order on one day, oldest first."""

    ROADMAP_ADOPTED = "roadmap_adopted"
    ROADMAP_AMENDED = "roadmap_amended"
    SESSION_HELD = "session_held"
    OUTCOME_AGREED = "outcome_agreed"
    DEVELOPMENT_RECORDED = "development_recorded"
    MILESTONE_SLIPPED = "milestone_slipped"
    MILESTONE_ACHIEVED = "milestone_achieved"
    DESIGNATION_STEP = "designation_step"
    QUESTION_ANSWERED = "question_answered"


_RANK = {kind: i for i, kind in enumerate(EventKind)}


@dataclass(frozen=True)
class Event:
    """One thing that happened in a neighbourhood, ready to show to a resident.

    `date` is the day it happened. `public_on` is the day it became public when that is later
    (a session is held on one day and its summary published a week later): the "since" filter
    and the digest use the later of the two, so a returning resident does not miss it.
    """

    date: datetime.date
    kind: EventKind
    title: str
    text: str = ""
    url: str | None = None
    app: str = ""
    public_on: datetime.date | None = None

    @property
    def known_on(self) -> datetime.date:
        """Return the day a resident could first know of this event."""
        return max(self.date, self.public_on) if self.public_on else self.date

    def sort_key(self) -> tuple:
        return (self.date, _RANK[self.kind])


def newest_first(events: list[Event]) -> list[Event]:
    """Return the events newest first; on one day, what came later in the day on top."""
    return sorted(events, key=Event.sort_key, reverse=True)
