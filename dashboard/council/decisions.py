"""The decisions the college and the raad take next, and the council's decision log.

`upcoming_decisions` gathers the coming decisions from every source in `SOURCES`: milestones
that are a decision (roadmap.Milestone.decision_body), steering actions that wait for a
decision, the decision log's scheduled besluiten and the designation tracks' coming steps. A
source is a function (municipality, neighbourhood ids or None, today) → upcoming decisions in
one query; a new source is one more line in `SOURCES`, or a call to `add_source` from its
app's `ready()`.

`open_promises` and `overdue_promises` read the decision log (dashboard.models.CouncilRecord):
a toezegging still open past its due date is a steering signal on the council overview.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from dashboard.models import (
    CouncilRecord,
    CouncilRecordKind,
    CouncilRecordStatus,
    SteeringAction,
    SteeringStatus,
)
from designation.council import upcoming_steps
from roadmap.models import DecisionBody, DecisionKind, Milestone, MilestoneStatus
from wup.models import Municipality

from .common import day_text


@dataclass(frozen=True)
class UpcomingDecision:
    """One decision still to take: plain values, ready to show."""

    date: datetime.date  # expected
    body: str  # DecisionBody value
    kind: str  # what kind of decision, in words
    title: str
    neighbourhood: str  # "" for the whole municipality
    source: str  # where it comes from, in words ("Tussendoel", "Stuuractie", …)

    @property
    def body_label(self) -> str:
        return str(DecisionBody(self.body).label) if self.body in DecisionBody.values else ""

    @property
    def day(self) -> str:
        return day_text(self.date)

    @property
    def is_council(self) -> bool:
        return self.body == DecisionBody.COUNCIL


Source = Callable[[Municipality, list[int] | None, datetime.date], Iterable[UpcomingDecision]]


def _in_scope(qs: QuerySet, field: str, municipality: Municipality, ids: list[int] | None):
    qs = qs.filter(**{f"{field}__municipality": municipality})
    return qs if ids is None else qs.filter(**{f"{field}_id__in": ids})


def milestone_decisions(
    municipality: Municipality, ids: list[int] | None, today: datetime.date
) -> list[UpcomingDecision]:
    """Milestones that are a decision of college or raad and not taken yet (one query)."""
    kinds = dict(DecisionKind.choices)
    rows = (
        _in_scope(
            Milestone.objects.exclude(decision_body=""),
            "roadmap__neighbourhood",
            municipality,
            ids,
        )
        .filter(achieved_date__isnull=True)
        .exclude(status__in=[MilestoneStatus.ACHIEVED, MilestoneStatus.CANCELLED])
        .values_list(
            "title",
            "decision_body",
            "decision_kind",
            "baseline_date",
            "forecast_date",
            "roadmap__neighbourhood__name",
        )
    )
    source = _("Tussendoel")
    return [
        UpcomingDecision(
            date=forecast or baseline,
            body=body,
            kind=str(kinds.get(kind, "")),
            title=title,
            neighbourhood=name,
            source=source,
        )
        for title, body, kind, baseline, forecast, name in rows
    ]


def steering_decisions(
    municipality: Municipality, ids: list[int] | None, today: datetime.date
) -> list[UpcomingDecision]:
    """Proposed steering actions that wait for a decision of college or raad (one query)."""
    rows = (
        _in_scope(
            SteeringAction.objects.exclude(decided_by="").filter(status=SteeringStatus.PROPOSED),
            "neighbourhood",
            municipality,
            ids,
        )
        .annotate(name=F("neighbourhood__name"))
        .values_list("title", "decided_by", "due_on", "name")
    )
    source, kind = _("Stuuractie"), _("Bijsturen")
    return [
        UpcomingDecision(
            date=due_on, body=body, kind=kind, title=title, neighbourhood=name, source=source
        )
        for title, body, due_on, name in rows
    ]


def scheduled_records(
    municipality: Municipality, ids: list[int] | None, today: datetime.date
) -> list[UpcomingDecision]:
    """Besluiten, moties and amendementen in the decision log dated today or later and still
    open: put on the agenda, not taken yet (one query)."""
    qs = CouncilRecord.objects.filter(
        municipality=municipality,
        kind__in=[
            CouncilRecordKind.DECISION,
            CouncilRecordKind.MOTION,
            CouncilRecordKind.AMENDMENT,
        ],
        status=CouncilRecordStatus.OPEN,
        date__gte=today,
    )
    if ids is not None:
        qs = qs.filter(Q(neighbourhood_id__in=ids) | Q(neighbourhood=None))
    kinds = dict(CouncilRecordKind.choices)
    source = _("Besluitenlog")
    return [
        UpcomingDecision(
            date=day,
            body=DecisionBody.COUNCIL,
            kind=str(kinds[kind]),
            title=title,
            neighbourhood=name or "",
            source=source,
        )
        for title, kind, day, name in qs.values_list("title", "kind", "date", "neighbourhood__name")
    ]


def designation_steps(
    municipality: Municipality, ids: list[int] | None, today: datetime.date
) -> list[UpcomingDecision]:
    """The coming steps of the Wgiw designation tracks (ontwerp by the college, raadsbesluit by
    the raad, …), except those linked to a decision milestone, which that source shows."""
    source, kind = _("Aanwijzingstraject"), _("Aanwijzing gasvrij (Wgiw)")
    return [
        UpcomingDecision(
            date=step.date,
            body=step.body,
            kind=kind,
            title=step.title,
            neighbourhood=step.neighbourhood.name,
            source=source,
        )
        for step in upcoming_steps(municipality, ids, today=today, skip_decision_milestones=True)
    ]


# Every source of coming decisions, one query each. Add one here (or with add_source from an
# app's ready()): a function (municipality, neighbourhood ids or None, today) → decisions.
SOURCES: list[Source] = [
    milestone_decisions,
    steering_decisions,
    scheduled_records,
    designation_steps,
]


def add_source(source: Source) -> None:
    """Let another app's coming decisions (the designation track's) feed the list."""
    if source not in SOURCES:
        SOURCES.append(source)


def upcoming_decisions(
    municipality: Municipality,
    neighbourhoods: Iterable[int] | None = None,
    *,
    today: datetime.date,
    limit: int | None = None,
) -> list[UpcomingDecision]:
    """Return the decisions still to take in the municipality (or in these neighbourhood ids),
    the earliest first, from every source: one query per source, however many neighbourhoods."""
    ids = None if neighbourhoods is None else list(neighbourhoods)
    found = [d for source in SOURCES for d in source(municipality, ids, today)]
    found.sort(key=lambda d: (d.date, d.neighbourhood, d.title))
    return found[:limit] if limit is not None else found


def records_in_scope(
    municipality: Municipality, neighbourhoods: Iterable[int] | None = None
) -> QuerySet[CouncilRecord]:
    """The decision log of the municipality; with neighbourhood ids, those neighbourhoods' and
    the municipality-wide records."""
    qs = CouncilRecord.objects.filter(municipality=municipality)
    if neighbourhoods is not None:
        qs = qs.filter(Q(neighbourhood_id__in=list(neighbourhoods)) | Q(neighbourhood=None))
    return qs


def open_promises(qs: QuerySet[CouncilRecord]) -> QuerySet[CouncilRecord]:
    return qs.filter(kind=CouncilRecordKind.PROMISE, status=CouncilRecordStatus.OPEN).order_by(
        "due_on", "pk"
    )


@dataclass(frozen=True)
class Promise:
    """An open toezegging as the council's pages show it."""

    title: str
    number: str
    url: str
    owner: str
    due_on: datetime.date
    neighbourhood: str
    overdue: bool

    @property
    def day(self) -> str:
        return day_text(self.due_on)


def promises(qs: QuerySet[CouncilRecord], *, today: datetime.date) -> list[Promise]:
    """The open toezeggingen of a decision log, the earliest due first (one query)."""
    return [
        Promise(title, number, url, owner, due_on, name or "", due_on < today)
        for title, number, url, owner, due_on, name in open_promises(qs).values_list(
            "title", "number", "url", "owner", "due_on", "neighbourhood__name"
        )
    ]
