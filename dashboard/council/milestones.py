"""The council's view of the milestones: each neighbourhood's milestones with their forecasts
(slips propagated through the dependencies), the next one, and those that slip."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import F, Prefetch

from dashboard import schedule
from dashboard.progress import MilestoneForecast, milestone_forecasts
from roadmap.models import Milestone, MilestoneStatus

# What the council's pages and report show of a milestone.
MILESTONE_FIELDS = (
    "roadmap_id",
    "title",
    "owner_id",
    "baseline_date",
    "forecast_date",
    "achieved_date",
    "status",
)


def milestones_by_neighbourhood(neighbourhood_ids: Iterable[int]) -> dict[int, list[Milestone]]:
    """Map neighbourhood id → its roadmap's milestones, dependencies loaded (two queries)."""
    rows = (
        Milestone.objects.filter(roadmap__neighbourhood_id__in=list(neighbourhood_ids))
        .annotate(neighbourhood_id=F("roadmap__neighbourhood_id"))
        .select_related("owner")
        .only(*MILESTONE_FIELDS, "owner__name")
        .prefetch_related(Prefetch("depends_on", queryset=Milestone.objects.only("pk")))
        .order_by("baseline_date", "pk")
    )
    result: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in rows:
        result[milestone.neighbourhood_id].append(milestone)
    return result


def forecasts_for(milestones: Sequence[Milestone]) -> list[MilestoneForecast]:
    """Return the milestones' forecasts with slips propagated.

    A dependency loop cannot be entered (the editor refuses it); should one be in the database
    anyway, that neighbourhood shows its own dates without propagation rather than breaking the
    whole overview.
    """
    try:
        return milestone_forecasts(milestones)
    except ValueError:
        return [
            MilestoneForecast(
                milestone=m,
                expected=m.expected_date,
                slip_days=m.slip_days,
                critical=False,
            )
            for m in milestones
            if m.status != MilestoneStatus.CANCELLED
        ]


@dataclass(frozen=True)
class MilestoneSummary:
    """What the overview shows of a milestone: plain values, no model instance."""

    pk: int
    title: str
    baseline_date: datetime.date
    achieved_date: datetime.date | None
    status: str


@dataclass(frozen=True)
class MilestoneOutlook:
    """Per neighbourhood, what the overview needs of its milestones."""

    next: MilestoneForecast | None  # its milestone a MilestoneSummary
    slipping: int  # milestones not yet achieved that are expected after their baseline
    critical_slip: int | None = None  # see progress.critical_slip


def milestone_outlooks(neighbourhood_ids: Iterable[int]) -> dict[int, MilestoneOutlook]:
    """Map neighbourhood id → its next milestone and how many slip (two queries).

    The same forecasts as `forecasts_for(milestones_by_neighbourhood(...))` — slips propagated
    through the dependencies, cancelled milestones left out, a dependency loop falling back to
    the milestones' own dates (and no critical path) — but built from value rows: the overview
    shows no owners. Of the critical path only its slip is kept (`critical_slip`), which the
    status takes into account. Neighbourhoods without milestones are left out.
    """
    ids = list(neighbourhood_ids)
    by_neighbourhood: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Milestone.objects.filter(roadmap__neighbourhood_id__in=ids)
        .exclude(status=MilestoneStatus.CANCELLED)
        .order_by()
        .values_list(
            "roadmap__neighbourhood_id",
            "pk",
            "title",
            "baseline_date",
            "forecast_date",
            "achieved_date",
            "status",
        )
    ):
        by_neighbourhood[row[0]].append(row[1:])
    depends: dict[int, set[int]] = defaultdict(set)
    for source, target in (
        Milestone.depends_on.through.objects.filter(
            from_milestone__roadmap__neighbourhood_id__in=ids
        )
        .order_by()
        .values_list("from_milestone_id", "to_milestone_id")
    ):
        depends[source].add(target)

    result = {}
    for neighbourhood_id, rows in by_neighbourhood.items():
        known = {row[0] for row in rows}
        tasks = [
            schedule.Task(
                id=pk,
                title=title,
                baseline=baseline,
                forecast=forecast,
                achieved=achieved,
                depends_on=frozenset(depends[pk] & known) if pk in depends else frozenset(),
            )
            for pk, title, baseline, forecast, achieved, _status in rows
        ]
        try:
            expected = schedule.propagate(tasks)
            critical = set(schedule.critical_path(tasks, expected))
        except ValueError:  # a dependency loop: the milestones' own dates, as forecasts_for
            expected = {t.id: t.expected for t in tasks}
            critical = set()
        critical_slips = []
        upcoming = None
        late = 0
        for pk, title, baseline, _forecast, achieved, status in rows:
            if achieved is not None or status == MilestoneStatus.ACHIEVED:
                continue
            when = expected[pk]
            late += when > baseline
            if pk in critical:
                critical_slips.append((when - baseline).days)
            if upcoming is None or (when, pk) < (upcoming[0], upcoming[1]):
                upcoming = (when, pk, title, baseline, status)
        next_forecast = None
        if upcoming is not None:
            when, pk, title, baseline, status = upcoming
            next_forecast = MilestoneForecast(
                milestone=MilestoneSummary(pk, title, baseline, None, status),
                expected=when,
                slip_days=(when - baseline).days,
                critical=False,  # not worked out for the overview
            )
        result[neighbourhood_id] = MilestoneOutlook(
            next=next_forecast,
            slipping=late,
            critical_slip=max(0, *critical_slips) if critical_slips else None,
        )
    return result


def is_achieved(milestone: Milestone) -> bool:
    return milestone.achieved_date is not None or milestone.status == MilestoneStatus.ACHIEVED


def next_milestone(forecasts: Iterable[MilestoneForecast]) -> MilestoneForecast | None:
    """Return the milestone not yet achieved that is expected first, or None."""
    pending = [f for f in forecasts if not is_achieved(f.milestone)]
    return min(pending, key=lambda f: (f.expected, f.milestone.pk), default=None)


def slipping(forecasts: Iterable[MilestoneForecast]) -> list[MilestoneForecast]:
    """Return the milestones not yet achieved that are expected after their baseline, the
    largest slip first."""
    late = [f for f in forecasts if f.slip_days > 0 and not is_achieved(f.milestone)]
    return sorted(late, key=lambda f: (-f.slip_days, f.expected, f.milestone.pk))
