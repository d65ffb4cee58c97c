"""What new developments do to milestones and the route (being written; the interface is fixed).

`effects()` is called by the council view and the development back office.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from roadmap.models import Milestone
from wup.models import Neighbourhood

from .models import Development, Indicator


@dataclass(frozen=True)
class MilestoneEffect:
    milestone: Milestone
    before: datetime.date  # forecast with everything accepted so far
    after: datetime.date  # forecast if this development happens
    critical_before: bool
    critical_after: bool

    @property
    def extra_days(self) -> int:
        return (self.after - self.before).days


@dataclass(frozen=True)
class RouteEffect:
    indicator: Indicator
    target_before: datetime.date  # date of the route's last point
    target_after: datetime.date  # moved by the slip of the milestone the indicator belongs to


@dataclass(frozen=True)
class DevelopmentEffect:
    development: Development
    neighbourhood: Neighbourhood
    milestones: list[MilestoneEffect]  # only the milestones that move
    route: list[RouteEffect]  # only the indicators whose target moves

    @property
    def end_before(self) -> datetime.date | None: ...

    @property
    def end_after(self) -> datetime.date | None: ...


def effects(
    development: Development, *, today: datetime.date | None = None
) -> list[DevelopmentEffect]:
    """Return, per neighbourhood it touches, what the development would do (or did, once
    accepted: then `before` is the forecast without it)."""
    raise NotImplementedError


def effects_for_neighbourhood(
    neighbourhood: Neighbourhood, *, today: datetime.date | None = None
) -> list[DevelopmentEffect]:
    """The effects of every open or accepted development touching this neighbourhood, newest
    first, in a fixed number of queries."""
    raise NotImplementedError
