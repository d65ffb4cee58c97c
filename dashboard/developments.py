"""What new developments do to milestones and the route, and accepting or dismissing them.

`effects()` is called by the council view and the development back office.

Before anyone accepts a development, its effect is a scenario: today's milestone forecasts
(everything accepted so far) against the same forecasts with the development's delays played out
(`progress.milestone_forecasts(..., delays=...)`, `schedule.scenario` under it). Accepting writes
the "after" dates into the milestones' forecasts and stores the scenario in `Development.applied`.
From then on the effect is read from that record, so "before" stays the forecast without this
development as it stood when the decision was taken; recomputing it from today's forecasts minus
the delays cannot work, because propagation through the dependencies cannot be undone (a gap that
absorbed part of a delay leaves no trace in the dates).

The route effect is computed from the route as it stands: an indicator that belongs to a milestone
that moves reaches its target (the date of the route's last point) as many days later as that
milestone moves. The council measures against the adopted route; a neighbourhood without an
adopted roadmap falls back to the draft route, and the effect says so.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from roadmap.models import Milestone, MilestoneStatus
from wup import audit
from wup.models import Municipality, Neighbourhood

from .models import Development, DevelopmentImpact, Indicator, RoutePoint
from .progress import MilestoneForecast, latest_versions, milestone_forecasts

if TYPE_CHECKING:
    from django.http import HttpRequest


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

    @property
    def extra_days(self) -> int:
        return (self.target_after - self.target_before).days


@dataclass(frozen=True)
class DevelopmentEffect:
    development: Development
    neighbourhood: Neighbourhood
    milestones: list[MilestoneEffect]  # only the milestones that move
    route: list[RouteEffect]  # only the indicators whose target moves
    # The roadmap's end: the latest forecast of all its milestones, not only those that move.
    end_before: datetime.date | None = None
    end_after: datetime.date | None = None
    route_from_draft: bool = False  # no adopted roadmap yet: the route effect uses the draft
    error: str = ""  # why the effect could not be computed (a dependency cycle); then empty

    @property
    def end_extra_days(self) -> int:
        if self.end_before is None or self.end_after is None:
            return 0
        return (self.end_after - self.end_before).days


def effects(
    development: Development, *, today: datetime.date | None = None
) -> list[DevelopmentEffect]:
    """Return, per neighbourhood it touches, what the development would do (or did, once
    accepted: then `before` is the forecast without it), ordered by neighbourhood name.

    Six queries at most, however many neighbourhoods and milestones it touches. `today` is
    accepted for the callers' symmetry: forecasts do not depend on the date.
    """
    impacts = list(
        DevelopmentImpact.objects.filter(development=development).select_related(
            "milestone__roadmap__neighbourhood"
        )
    )
    neighbourhoods = {
        i.milestone.roadmap.neighbourhood_id: i.milestone.roadmap.neighbourhood for i in impacts
    }
    delays: dict[int, dict[int, int]] = defaultdict(dict)
    for impact in impacts:
        delays[impact.milestone.roadmap.neighbourhood_id][impact.milestone_id] = impact.delay_days
    ordered = sorted(neighbourhoods.values(), key=lambda n: (n.name, n.pk))
    return _compute([(development, delays)], ordered)


def effects_for_neighbourhood(
    neighbourhood: Neighbourhood,
    *,
    today: datetime.date | None = None,
    milestones: list[Milestone] | None = None,
    forecasts: list[MilestoneForecast] | None = None,
    route_targets: list[tuple[Indicator, datetime.date]] | None = None,
) -> list[DevelopmentEffect]:
    """The effects of every open or accepted development touching this neighbourhood, newest
    first, in a fixed number of queries (seven at most).

    A caller that has the neighbourhood's milestones already (ordered by baseline date and pk,
    `depends_on` prefetched) passes them, and with them their forecasts without delays when
    those could be worked out (no dependency loop): two queries fewer, and "before" is not
    worked out again. A caller that has the adopted route of every indicator passes
    `route_targets`: (indicator, date of its route's last point) for each indicator with a
    route, in the indicators' order; three queries fewer when milestones move."""
    developments = list(
        Development.objects.filter(
            municipality_id=neighbourhood.municipality_id,
            status__in=[Development.Status.OPEN, Development.Status.ACCEPTED],
            pk__in=DevelopmentImpact.objects.filter(
                milestone__roadmap__neighbourhood=neighbourhood
            ).values("development_id"),
        )
        .order_by("-occurs_on", "-pk")
        .prefetch_related(
            Prefetch(
                "impacts",
                queryset=DevelopmentImpact.objects.filter(
                    milestone__roadmap__neighbourhood=neighbourhood
                ),
                to_attr="local_impacts",
            )
        )
    )
    if not developments:
        return []
    plays = [
        (d, {neighbourhood.pk: {i.milestone_id: i.delay_days for i in d.local_impacts}})
        for d in developments
    ]
    known = None
    if milestones is not None:
        known = {neighbourhood.pk: (milestones, forecasts)}
    return _compute(plays, [neighbourhood], known=known, route_targets=route_targets)


def accept(
    development: Development, *, request: HttpRequest | None = None
) -> list[DevelopmentEffect] | None:
    """Accept an open development: move the forecasts of every milestone it moves to the
    scenario's "after" date and store what it did. Return the effects, or None when the
    development was no longer open (accepting twice changes nothing).

    A milestone that ends after its baseline becomes "vertraagd"; one that a negative delay
    brings back on or before its baseline loses that status. Raises ValueError when a
    neighbourhood's milestones depend on each other in a circle: then nothing moves. With the
    back-office `request` that accepts, the audit entry is written in the same transaction.
    """
    with transaction.atomic():
        # One acceptance at a time per municipality: two at once would both start from the
        # same forecasts, and the second would overwrite what the first moved.
        municipality = (
            Municipality.objects.select_for_update().only("pk").get(pk=development.municipality_id)
        )
        locked = Development.objects.select_for_update().get(pk=development.pk)
        if locked.status != Development.Status.OPEN:
            return None
        found = effects(locked)
        problems = [e.error for e in found if e.error]
        if problems:
            raise ValueError(" ".join(problems))
        moved: list[Milestone] = []
        for effect in found:
            for m in effect.milestones:
                milestone = m.milestone
                milestone.forecast_date = m.after
                if m.after > milestone.baseline_date:
                    milestone.status = MilestoneStatus.DELAYED
                elif milestone.status == MilestoneStatus.DELAYED:
                    milestone.status = MilestoneStatus.ON_SCHEDULE
                moved.append(milestone)
        Milestone.objects.bulk_update(moved, ["forecast_date", "status"])
        locked.status = Development.Status.ACCEPTED
        locked.decided_at = timezone.now()
        locked.applied = {str(e.neighbourhood.pk): _record(e) for e in found}
        locked.save(update_fields=["status", "decided_at", "applied"])
        development.status, development.decided_at = locked.status, locked.decided_at
        development.applied = locked.applied
        if request is not None:
            audit.record(
                request,
                action="accept",
                obj=development,
                municipality=municipality,
                changes={
                    "status": development.status,
                    "moved": {
                        m.milestone.title: f"{m.before.isoformat()} → {m.after.isoformat()}"
                        for e in found
                        for m in e.milestones
                    },
                },
            )
    return found


def dismiss(development: Development, *, request: HttpRequest | None = None) -> bool:
    """Dismiss an open development: nothing moves. Return False when it was no longer open.
    With the back-office `request` that dismisses, the audit entry is written with it."""
    with transaction.atomic():
        changed = Development.objects.filter(
            pk=development.pk, status=Development.Status.OPEN
        ).update(status=Development.Status.DISMISSED, decided_at=timezone.now())
        if changed:
            development.refresh_from_db(fields=["status", "decided_at"])
            if request is not None:
                audit.record(
                    request,
                    action="dismiss",
                    obj=development,
                    municipality=development.municipality,
                    changes={"status": development.status},
                )
    return bool(changed)


# --- How the effects are computed -------------------------------------------------------------

type Play = tuple[Development, dict[int, dict[int, int]]]  # delays per neighbourhood id


def _compute(
    plays: list[Play],
    neighbourhoods: list[Neighbourhood],
    *,
    known: dict[int, tuple[list[Milestone], list[MilestoneForecast] | None]] | None = None,
    route_targets: list[tuple[Indicator, datetime.date]] | None = None,
) -> list[DevelopmentEffect]:
    """Return the effects of each development on each neighbourhood it has delays for, in the
    order of `plays` and then of `neighbourhoods`, in a fixed number of queries.

    `known` maps a neighbourhood id to its milestones and their forecasts without delays (None
    when they could not be worked out), when the caller has them: then none are read.
    `route_targets`, for a single neighbourhood measured against its adopted route: see
    `effects_for_neighbourhood`."""
    ids = [n.pk for n in neighbourhoods]
    if known is not None and known.keys() >= set(ids):
        milestones = {pk: known[pk][0] for pk in ids}
        before = {pk: known[pk][1] for pk in ids}
    else:
        milestones = _milestones(ids)
        before = {}
    partial: list[tuple[Development, Neighbourhood, dict]] = []
    moved_ids: set[int] = set()
    for development, delays in plays:
        for neighbourhood in neighbourhoods:
            if neighbourhood.pk not in delays:
                continue
            if development.status == Development.Status.ACCEPTED:
                figures = _from_record(development, neighbourhood, milestones[neighbourhood.pk])
            else:
                figures = _scenario(
                    milestones[neighbourhood.pk],
                    delays[neighbourhood.pk],
                    before=before.get(neighbourhood.pk),
                )
            moved_ids |= {m.milestone.pk for m in figures["milestones"]}
            partial.append((development, neighbourhood, figures))
    if route_targets is not None and len(ids) == 1:
        found = [(i, day) for i, day in route_targets if i.milestone_id in moved_ids]
        targets, draft = ({ids[0]: found} if found else {}), set()
    else:
        targets, draft = _route_targets(ids, moved_ids)
    result = []
    for development, neighbourhood, figures in partial:
        extra = {m.milestone.pk: m.extra_days for m in figures["milestones"]}
        route = [
            RouteEffect(
                indicator,
                target,
                target + datetime.timedelta(days=extra[indicator.milestone_id]),
            )
            for indicator, target in targets.get(neighbourhood.pk, [])
            if extra.get(indicator.milestone_id)
        ]
        result.append(
            DevelopmentEffect(
                development=development,
                neighbourhood=neighbourhood,
                route=route,
                route_from_draft=neighbourhood.pk in draft,
                **figures,
            )
        )
    return result


def _milestones(neighbourhood_ids: list[int]) -> dict[int, list[Milestone]]:
    """Map neighbourhood id → its roadmap's milestones with `depends_on` (two queries)."""
    result: dict[int, list[Milestone]] = {pk: [] for pk in neighbourhood_ids}
    rows = (
        Milestone.objects.filter(roadmap__neighbourhood_id__in=neighbourhood_ids)
        .select_related("roadmap")
        .prefetch_related("depends_on")
        .order_by("baseline_date", "pk")
    )
    for milestone in rows:
        result[milestone.roadmap.neighbourhood_id].append(milestone)
    return result


def _scenario(
    milestones: list[Milestone],
    delays: dict[int, int],
    *,
    before: list[MilestoneForecast] | None = None,
) -> dict:
    """Return the effect fields of playing `delays` out on these milestones (`before`: their
    forecasts without the delays, when the caller has them)."""
    try:
        if before is None:
            before = milestone_forecasts(milestones)
        known = {f.milestone.pk for f in before}
        after = milestone_forecasts(
            milestones, delays={pk: days for pk, days in delays.items() if pk in known}
        )
    except ValueError:
        return {
            "milestones": [],
            "error": _(
                "De tussendoelen hangen in een kring van elkaar af. Los dat eerst op in de "
                "routekaart; tot dan kunnen we de gevolgen niet berekenen."
            ),
        }
    was: dict[int, MilestoneForecast] = {f.milestone.pk: f for f in before}
    moves = [
        MilestoneEffect(
            milestone=f.milestone,
            before=was[f.milestone.pk].expected,
            after=f.expected,
            critical_before=was[f.milestone.pk].critical,
            critical_after=f.critical,
        )
        for f in after
        if f.expected != was[f.milestone.pk].expected
    ]
    return {
        "milestones": moves,
        "end_before": max((f.expected for f in before), default=None),
        "end_after": max((f.expected for f in after), default=None),
    }


def _record(effect: DevelopmentEffect) -> dict:
    """Return what `Development.applied` stores for one neighbourhood (JSON-ready)."""

    def day(value: datetime.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "end_before": day(effect.end_before),
        "end_after": day(effect.end_after),
        "milestones": [
            {
                "id": m.milestone.pk,
                "title": m.milestone.title,
                "before": day(m.before),
                "after": day(m.after),
                "critical_before": m.critical_before,
                "critical_after": m.critical_after,
            }
            for m in effect.milestones
        ],
    }


def _from_record(
    development: Development, neighbourhood: Neighbourhood, milestones: list[Milestone]
) -> dict:
    """Return the effect fields of an accepted development, as stored when it was accepted.

    A milestone deleted since is left out."""
    stored = (development.applied or {}).get(str(neighbourhood.pk), {})
    by_id = {m.pk: m for m in milestones}

    def day(value: str | None) -> datetime.date | None:
        return datetime.date.fromisoformat(value) if value else None

    return {
        "milestones": [
            MilestoneEffect(
                milestone=by_id[row["id"]],
                before=day(row["before"]),
                after=day(row["after"]),
                critical_before=row["critical_before"],
                critical_after=row["critical_after"],
            )
            for row in stored.get("milestones", [])
            if row["id"] in by_id
        ],
        "end_before": day(stored.get("end_before")),
        "end_after": day(stored.get("end_after")),
    }


def _route_targets(
    neighbourhood_ids: Iterable[int], milestone_ids: set[int]
) -> tuple[dict[int, list[tuple[Indicator, datetime.date]]], set[int]]:
    """Return (neighbourhood id → [(indicator, date of its route's last point)] for the
    indicators that belong to these milestones, ids of neighbourhoods that use the draft route).

    No query when no milestone moves; else three.
    """
    if not milestone_ids:
        return {}, set()
    indicators = list(
        Indicator.objects.filter(
            neighbourhood_id__in=list(neighbourhood_ids), milestone_id__in=milestone_ids
        ).order_by("neighbourhood_id", "order", "pk")
    )
    if not indicators:
        return {}, set()
    versions = latest_versions({i.neighbourhood_id for i in indicators})
    draft = {i.neighbourhood_id for i in indicators} - versions.keys()
    last = dict(
        RoutePoint.objects.filter(
            Q(version_id__in=list(versions.values()))
            | Q(version=None, indicator__neighbourhood_id__in=draft),
            indicator__in=indicators,
        )
        .order_by()
        .values("indicator_id")
        .annotate(last=Max("date"))
        .values_list("indicator_id", "last")
    )
    result: dict[int, list[tuple[Indicator, datetime.date]]] = defaultdict(list)
    for indicator in indicators:
        if indicator.pk in last:
            result[indicator.neighbourhood_id].append((indicator, last[indicator.pk]))
    return result, draft
