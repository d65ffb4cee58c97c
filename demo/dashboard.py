"""The dashboard of the demo municipality Zonnedal: routes, two years of measurements, new
developments and steering actions, so that the council dashboard tells a story.

- Zonnehoek, Molenbuurt and Havenkwartier are on route.
- Rivierzicht and Oude Dorp are behind: owners insulate more slowly than planned.
- De Akkers is far behind: the west side of the heat network waits for a stronger main pipe.
- Rivierzicht is hit by grid congestion (netcongestie). The development is accepted: the
  reinforcement of the grid along the dike, and everything that depends on it, moved.
- A supplier's delay of heat interface units is recorded but not accepted yet: the scenario view
  shows what it would do to Zonnehoek and De Akkers.
- Steering actions: some done with their outcome, some in progress, decided by college or raad.

The route belongs to the adopted roadmap. `seed_demo` runs `seed_route` before `seed_roadmap`
adopts the demo roadmaps, so adopting copies the draft route into each version and its snapshot
(`adopt` calls `route_section.freeze_route`), as it does in real use; `seed_dashboard` runs
after the residents, once the milestones and the pulse are there. Neighbourhoods in planvorming
keep a draft route only: adopting their roadmap will freeze it.

The route is planned in fixed years (towards each neighbourhood's gas-free year, like the
roadmap). Measurements are dated relative to today, and each is the planned change up to its
date times the neighbourhood's pace, so the story holds whatever day the demo is seeded. The
indicators Wijkwaarde measures itself (the pulse, the triangle's balance, the share of households
that took part) come from the residents' answers and the dialogue sessions already in the demo,
through `app_measurements.refresh`; they have no route here. The grid development is accepted
through `developments.accept`, as a project lead would. Once the municipality has any
measurement, development or steering action, running this again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from dashboard import app_measurements, developments, route
from dashboard.models import (
    DataSource,
    DataStatus,
    Development,
    DevelopmentImpact,
    Indicator,
    IndicatorUnit,
    Measurement,
    RoutePoint,
    StandardIndicator,
    SteeringAction,
    create_standard_indicators,
)
from roadmap.models import Milestone, RoadmapVersion
from wup.models import CbsArea, Municipality, Neighbourhood, Party

from .data.dashboard import (
    ACTIONS,
    DEVELOPMENTS,
    GAS_FREE,
    HEAT,
    LABEL_B,
    MONTHLY,
    READY,
    STORIES,
    WOONSTICHTING,
    Action,
    DemoDevelopment,
    Track,
    d,
)

SEED = "zonnedal-dashboard-2026"
PROJECT_LEAD = "projectleider@zonnedal.example"
PARTNER = "partner@zonnedal.example"  # reports for the Woonstichting

# Standard indicators that count homes: never more than the neighbourhood has.
STANDARD_COUNTS = {GAS_FREE, READY, HEAT, LABEL_B}

YEARS = 2
# Figures from registers (CBS, EP-online) come out some weeks after the quarter ends.
PUBLICATION_LAG = dt.timedelta(days=45)
# How final a figure is, by age (CBS: recent figures are provisional, then revised, then final).
REVISED_AFTER = dt.timedelta(days=183)
FINAL_AFTER = dt.timedelta(days=365)
IMPORTED = {
    DataSource.CBS_GAS_FREE,
    DataSource.CBS_KWB,
    DataSource.EP_ONLINE,
    DataSource.BAG,
    DataSource.CLIMATE_MONITOR,
    DataSource.PBL,
}


# ---------------------------------------------------------------------------------------------
# Dates and values
# ---------------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return d(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def measurement_dates(every: str, today: dt.date) -> list[dt.date]:
    """Return the dates of two years of measurements, oldest first: month ends before today,
    or quarter ends whose figures are out by today."""
    since = today - dt.timedelta(days=365 * YEARS)
    year, month = today.year, today.month
    dates = []
    for _ in range(12 * YEARS + 4):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        end = _month_end(year, month)
        if end <= since:
            break
        if every == MONTHLY or (month % 3 == 0 and end <= today - PUBLICATION_LAG):
            dates.append(end)
    return dates[::-1]


def data_status(day: dt.date, today: dt.date) -> str:
    age = today - day
    if age >= FINAL_AFTER:
        return DataStatus.FINAL
    if age >= REVISED_AFTER:
        return DataStatus.REVISED
    return DataStatus.PROVISIONAL


def pace_on(pace: tuple[tuple[int, float], ...], day: dt.date, today: dt.date) -> float:
    """The share of the planned change achieved on `day` (see Track.pace)."""
    months_ago = (today - day).days / 30.44
    points = sorted(pace, reverse=True)  # oldest first
    if months_ago >= points[0][0]:
        return points[0][1]
    for (a_ago, a), (b_ago, b) in zip(points, points[1:], strict=False):
        if b_ago <= months_ago <= a_ago:
            return a + (b - a) * (a_ago - months_ago) / (a_ago - b_ago)
    return points[-1][1]


def values(
    track: Track, unit: str, dates: list[dt.date], today: dt.date, cap: int | None
) -> list[Decimal]:
    """The measured values on these dates: the planned change times the pace, with a little
    noise; counts never go down and never exceed the neighbourhood's homes."""
    rng = random.Random(f"{SEED}|{track.indicator}|{track.points}")  # noqa: S311  # nosec B311  # demo data
    points = [route.RoutePoint(day, value) for day, value in track.points]
    start = points[0].value
    shown = []
    previous = None
    for day in dates:
        planned = route.planned_value(points, day)
        change = (planned - start) * pace_on(track.pace, day, today)
        value = start + change * (1 + rng.uniform(-0.01, 0.01))
        if unit == IndicatorUnit.COUNT:
            value = round(value)
            if previous is not None:
                value = max(value, previous)
            if cap is not None:
                value = min(value, cap)
            previous = value
            shown.append(Decimal(value))
        else:
            shown.append(Decimal(str(round(value, 1))))
    return shown


# ---------------------------------------------------------------------------------------------
# Seeding
# ---------------------------------------------------------------------------------------------


def has_dashboard(municipality: Municipality) -> bool:
    """Whether the municipality has measurements (besides those Wijkwaarde computes itself),
    developments or steering actions."""
    measured = Measurement.objects.filter(indicator__neighbourhood__municipality=municipality)
    return (
        measured.exclude(via=Measurement.Via.APP).exists()
        or Development.objects.filter(municipality=municipality).exists()
        or SteeringAction.objects.filter(neighbourhood__municipality=municipality).exists()
    )


@transaction.atomic
def seed_route(municipality: Municipality) -> None:
    """Give Zonnedal's neighbourhoods their custom indicators and draft route, unless it has a
    route already. `seed_demo` runs this before the roadmaps are adopted, so that adopting them
    copies the route into each version and its snapshot, as in real use."""
    if RoutePoint.objects.filter(indicator__neighbourhood__municipality=municipality).exists():
        return
    neighbourhoods = {n.slug: n for n in municipality.neighbourhoods.order_by("pk")}
    indicators = _indicators(municipality, neighbourhoods)
    RoutePoint.objects.bulk_create(
        RoutePoint(
            indicator=indicators[neighbourhood.pk][track.indicator],
            date=day,
            value=Decimal(str(value)),
        )
        for slug, story in STORIES.items()
        if (neighbourhood := neighbourhoods.get(slug))
        for track in story.tracks
        if track.planned
        for day, value in track.points
    )


@transaction.atomic
def seed_dashboard(municipality: Municipality) -> None:
    """Give Zonnedal's dashboard its measurements, developments and steering actions (and its
    route, if `seed_route` did not run), unless it has any of those already."""
    if has_dashboard(municipality):
        return
    seed_route(municipality)
    _freeze_into_latest_versions(municipality)
    today = timezone.localdate()
    neighbourhoods = {n.slug: n for n in municipality.neighbourhoods.order_by("pk")}
    parties = {p.name: p for p in municipality.parties.all()}
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=[PROJECT_LEAD, PARTNER])
    }
    indicators = _indicators(municipality, neighbourhoods)
    milestones = _milestones(municipality)
    homes = dict(
        CbsArea.objects.filter(neighbourhood__municipality=municipality)
        .order_by("neighbourhood_id", "reference_year")  # the latest year last: it wins
        .values_list("neighbourhood_id", "homes")
    )

    measurements: list[Measurement] = []
    for slug, story in STORIES.items():
        neighbourhood = neighbourhoods.get(slug)
        if neighbourhood is None:
            continue
        for track in story.tracks:
            indicator = indicators[neighbourhood.pk][track.indicator]
            _describe(indicator, track, parties, milestones.get(neighbourhood.pk, {}))
            if track.every:
                measurements += _measure(
                    indicator, track, today, homes.get(neighbourhood.pk), users
                )
    Measurement.objects.bulk_create(measurements, batch_size=1000)
    for neighbourhood in neighbourhoods.values():
        app_measurements.refresh(neighbourhood, today=today)  # pulse, triangle, participation

    lead = users.get(PROJECT_LEAD)
    for spec in DEVELOPMENTS:
        _record_development(spec, municipality, neighbourhoods, milestones, lead, today)
    for spec in ACTIONS:
        _record_action(spec, neighbourhoods, indicators, milestones, parties, lead, today)


def _indicators(
    municipality: Municipality, neighbourhoods: dict[str, Neighbourhood]
) -> dict[int, dict[str, Indicator]]:
    """Map neighbourhood id → {standard code or custom name: indicator}, creating the custom
    indicators of the story."""
    # `demo.base` gave each neighbourhood it created its standard indicators; this adds back any
    # missing from an older database.
    create_standard_indicators(neighbourhoods.values())
    for slug, story in STORIES.items():
        neighbourhood = neighbourhoods.get(slug)
        if neighbourhood is None:
            continue
        for order, custom in enumerate(story.customs, start=len(StandardIndicator)):
            Indicator.objects.get_or_create(
                neighbourhood=neighbourhood,
                code="",
                name=custom.name,
                defaults={
                    "description": custom.description,
                    "category": custom.category,
                    "unit": custom.unit,
                    "direction": custom.direction,
                    "source": custom.source,
                    "order": order,
                },
            )
    found: dict[int, dict[str, Indicator]] = {}
    for indicator in Indicator.objects.filter(neighbourhood__municipality=municipality):
        found.setdefault(indicator.neighbourhood_id, {})[indicator.code or indicator.name] = (
            indicator
        )
    return found


def _milestones(municipality: Municipality) -> dict[int, dict[str, Milestone]]:
    """Map neighbourhood id → {title: milestone}."""
    found: dict[int, dict[str, Milestone]] = {}
    for milestone in Milestone.objects.filter(
        roadmap__neighbourhood__municipality=municipality
    ).select_related("roadmap"):
        found.setdefault(milestone.roadmap.neighbourhood_id, {})[milestone.title] = milestone
    return found


def _describe(
    indicator: Indicator, track: Track, parties: dict[str, Party], milestones: dict[str, Milestone]
) -> None:
    """Set who reports the indicator and the milestone it belongs to."""
    changed = []
    if track.party and track.party in parties:
        indicator.party = parties[track.party]
        changed.append("party")
    if track.milestone and track.milestone in milestones:
        indicator.milestone = milestones[track.milestone]
        changed.append("milestone")
    if changed:
        indicator.save(update_fields=changed)


def _measure(
    indicator: Indicator, track: Track, today: dt.date, homes: int | None, users: dict
) -> list[Measurement]:
    dates = [day for day in measurement_dates(track.every, today) if day >= track.points[0][0]]
    cap = homes if track.indicator in STANDARD_COUNTS else None
    imported = indicator.source in IMPORTED
    if track.party == WOONSTICHTING:
        by = users.get(PARTNER)
    else:
        by = users.get(PROJECT_LEAD)
    recent = today - dt.timedelta(days=92)
    return [
        Measurement(
            indicator=indicator,
            date=day,
            value=value,
            source=indicator.source,
            data_status=data_status(day, today),
            note=track.note if track.note and day >= recent else "",
            via=Measurement.Via.CSV if imported else Measurement.Via.HAND,
            entered_by=by,
        )
        for day, value in zip(dates, values(track, indicator.unit, dates, today, cap), strict=True)
    ]


def _freeze_into_latest_versions(municipality: Municipality) -> None:
    """Copy the draft route to each roadmap's latest version that has no route, as adopting
    would have.

    Only for a roadmap adopted before its neighbourhood had a route: a database where the
    roadmap demo ran before the route was part of the demo (in a fresh one `seed_route` runs
    first and adopting copies the route). The version's snapshot stays without the route: an
    adopted version cannot change.
    """
    latest = (
        RoadmapVersion.objects.filter(roadmap__neighbourhood__municipality=municipality)
        .order_by("roadmap_id", "-number")
        .values_list("roadmap__neighbourhood_id", "pk")
    )
    version_of: dict[int, int] = {}
    for neighbourhood_id, version_id in latest:
        version_of.setdefault(neighbourhood_id, version_id)
    with_route = set(
        RoutePoint.objects.filter(version_id__in=list(version_of.values())).values_list(
            "version_id", flat=True
        )
    )
    missing = {n: v for n, v in version_of.items() if v not in with_route}
    RoutePoint.objects.bulk_create(
        RoutePoint(
            indicator_id=indicator_id,
            version_id=missing[neighbourhood_id],
            date=day,
            value=value,
        )
        for indicator_id, neighbourhood_id, day, value in RoutePoint.objects.filter(
            indicator__neighbourhood_id__in=list(missing), version=None
        ).values_list("indicator_id", "indicator__neighbourhood_id", "date", "value")
    )


def _record_development(
    spec: DemoDevelopment,
    municipality: Municipality,
    neighbourhoods: dict[str, Neighbourhood],
    milestones: dict[int, dict[str, Milestone]],
    lead,
    today: dt.date,
) -> None:
    hit = [
        (milestones[neighbourhoods[i.neighbourhood].pk][i.milestone], i.delay_days)
        for i in spec.impacts
        if i.neighbourhood in neighbourhoods
        and i.milestone in milestones.get(neighbourhoods[i.neighbourhood].pk, {})
    ]
    if not hit:
        return
    development = Development.objects.create(
        municipality=municipality,
        title=spec.title,
        description=spec.description,
        occurs_on=today - dt.timedelta(days=spec.days_ago),
        kind=spec.kind,
        likelihood=spec.likelihood,
        created_by=lead,
    )
    recorded = timezone.now() - dt.timedelta(days=spec.days_ago)
    Development.objects.filter(pk=development.pk).update(created_at=recorded)
    DevelopmentImpact.objects.bulk_create(
        DevelopmentImpact(development=development, milestone=milestone, delay_days=days)
        for milestone, days in hit
    )
    if spec.accepted_days_ago is not None:
        developments.accept(development)  # moves the forecasts and records what it did
        decided = timezone.now() - dt.timedelta(days=spec.accepted_days_ago)
        Development.objects.filter(pk=development.pk).update(decided_at=decided)


def _record_action(
    spec: Action,
    neighbourhoods: dict[str, Neighbourhood],
    indicators: dict[int, dict[str, Indicator]],
    milestones: dict[int, dict[str, Milestone]],
    parties: dict[str, Party],
    lead,
    today: dt.date,
) -> None:
    neighbourhood = neighbourhoods.get(spec.neighbourhood)
    if neighbourhood is None:
        return
    indicator = indicators.get(neighbourhood.pk, {}).get(spec.indicator)
    milestone = milestones.get(neighbourhood.pk, {}).get(spec.milestone)
    if indicator:
        reason = f"indicator:{indicator.pk}"
    elif milestone:
        reason = f"milestone:{milestone.pk}"
    else:
        reason = ""
    owner = parties.get(spec.owner)
    action = SteeringAction.objects.create(
        neighbourhood=neighbourhood,
        title=spec.title,
        description=spec.description,
        owner=owner.name if owner else spec.owner,
        due_on=today + dt.timedelta(days=spec.due_in_days),
        decided_by=spec.decided_by,
        status=spec.status,
        outcome=spec.outcome,
        reason_key=reason,
        indicator=indicator,
        milestone=milestone,
        created_by=lead,
    )
    # Recorded some months before it was due; a finished one was last changed when it was done.
    now = timezone.now()
    created = now + dt.timedelta(days=min(spec.due_in_days, 0) - 120)
    updated = now + dt.timedelta(days=min(spec.due_in_days, 0)) if spec.outcome else created
    SteeringAction.objects.filter(pk=action.pk).update(created_at=created, updated_at=updated)
