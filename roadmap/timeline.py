"""What the roadmap adds to a neighbourhood's timeline and story.

Only adopted versions count: a draft is never public. Milestones are those of the latest adopted
version, with the baseline and title that version adopted; their progress (forecast, achieved,
status) is read live.

When a milestone "slipped": when its adopted baseline date has passed and it was reached, or is
now expected, more than SLIP_DAYS later. "Expected" is the achieved date, else the forecast, else
today (an open milestone without a new date keeps slipping). The event is dated at the baseline
date: that is the day residents could see it did not happen as planned, it never moves (a date
of "today" would put the same slip on top of every visit and in every weekly digest), and it
stands where the plan said it would happen. Its `public_on` is the day the slip was certain: the
baseline date when a later forecast was known, else SLIP_DAYS after it. A later forecast for a
milestone whose date has not come yet is not an event: the roadmap brief shows it as
"nu verwacht …".

A version is dated by its decision, without a later `public_on`: the day it was entered here is
not a fact residents care about (and for imported history it would be the import day).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wup.events import Event, EventKind
from wup.models import Neighbourhood

from .models import Milestone, MilestoneStatus, RoadmapVersion

SLIP_DAYS = 30


@dataclass(frozen=True)
class _Progress:
    forecast_date: datetime.date | None
    achieved_date: datetime.date | None
    status: str

    @property
    def achieved(self) -> bool:
        return self.status == MilestoneStatus.ACHIEVED and self.achieved_date is not None

    @property
    def done(self) -> bool:
        return self.status in {MilestoneStatus.ACHIEVED, MilestoneStatus.CANCELLED}


def _progress(neighbourhood: Neighbourhood, milestones: list[dict]) -> dict[int, _Progress]:
    ids = [m["id"] for m in milestones]
    rows = Milestone.objects.filter(roadmap__neighbourhood=neighbourhood, pk__in=ids).values_list(
        "pk", "forecast_date", "achieved_date", "status"
    )
    return {pk: _Progress(forecast, achieved, status) for pk, forecast, achieved, status in rows}


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _long(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _milestone_events(
    milestone: dict, progress: _Progress | None, url: str, today: datetime.date
) -> list[Event]:
    baseline = _day(milestone["baseline_date"])
    if progress is None or baseline is None or progress.status == MilestoneStatus.CANCELLED:
        return []  # no live row (removed from the draft since), or nothing to compare with
    title = milestone["title"]
    events = []
    if progress.achieved and progress.achieved_date <= today:
        events.append(
            Event(
                date=progress.achieved_date,
                kind=EventKind.MILESTONE_ACHIEVED,
                title=_("Tussendoel gehaald: %(title)s") % {"title": title},
                text=_("Gepland was %(date)s.") % {"date": _long(baseline)},
                url=url,
                app="roadmap",
            )
        )
    if baseline > today:
        return events
    if progress.achieved:
        expected = progress.achieved_date
    else:
        expected = max(progress.forecast_date or baseline, today)
    if (expected - baseline).days <= SLIP_DAYS:
        return events
    forecast_known = progress.forecast_date and (progress.forecast_date - baseline).days > SLIP_DAYS
    if progress.achieved:
        text = _("Het werd %(date)s.") % {"date": _long(progress.achieved_date)}
    elif forecast_known:
        text = _("Het wordt nu verwacht op %(date)s.") % {"date": _long(progress.forecast_date)}
    else:
        text = _("Er is nog geen nieuwe datum.")
    events.append(
        Event(
            date=baseline,
            kind=EventKind.MILESTONE_SLIPPED,
            title=_("Later dan gepland: %(title)s") % {"title": title},
            text=_("Dit tussendoel was gepland op %(date)s.") % {"date": _long(baseline)}
            + " "
            + text,
            url=url,
            app="roadmap",
            public_on=baseline
            if progress.achieved or forecast_known
            else baseline + datetime.timedelta(days=SLIP_DAYS + 1),
        )
    )
    return events


def events_for(neighbourhood: Neighbourhood, *, today: datetime.date | None = None) -> list[Event]:
    """Return versions adopted or amended and milestones achieved or slipped, in three queries
    however many there are (one when nothing is adopted yet)."""
    today = today or timezone.localdate()
    versions = list(
        RoadmapVersion.objects.filter(roadmap__neighbourhood=neighbourhood)
        .only("pk", "number", "adopted_by", "decision_date", "reason")
        .order_by("number")
    )
    if not versions:
        return []
    slugs = [neighbourhood.municipality.slug, neighbourhood.slug]
    events = []
    for v in versions:
        url = reverse("roadmap:public_version", args=[*slugs, v.number])
        adopted = {"body": v.get_adopted_by_display(), "n": v.number}
        events.append(
            Event(
                date=v.decision_date,
                kind=EventKind.ROADMAP_AMENDED if v.is_amendment else EventKind.ROADMAP_ADOPTED,
                title=(
                    _("De routekaart is gewijzigd (versie %(n)s)")
                    if v.is_amendment
                    else _("De routekaart is vastgesteld (versie %(n)s)")
                )
                % adopted,
                text=(
                    _("Besloten door: %(body)s. Waarom: %(reason)s")
                    % {**adopted, "reason": v.reason}
                    if v.is_amendment
                    else _("Besloten door: %(body)s.") % adopted
                ),
                url=url,
                app="roadmap",
            )
        )
    latest = versions[-1]
    milestones = (
        RoadmapVersion.objects.filter(pk=latest.pk)
        .values_list("snapshot__milestones", flat=True)
        .get()
    ) or []
    progress = _progress(neighbourhood, milestones)
    url = reverse("roadmap:public", args=slugs)
    for m in milestones:
        events += _milestone_events(m, progress.get(m["id"]), url, today)
    return events


@dataclass(frozen=True)
class Reason:
    """A core value of the adopted roadmap, and the dialogue outcomes it came from."""

    name: str
    why: str
    outcomes: list[str]


@dataclass(frozen=True)
class NextMilestone:
    title: str
    expected: datetime.date
    planned: datetime.date
    overdue: bool  # its date has passed and there is no new one


@dataclass(frozen=True)
class Outlook:
    """The part of the story the adopted roadmap tells: why, and what comes next."""

    version_number: int
    decision_date: datetime.date
    reasons: list[Reason]
    next_milestone: NextMilestone | None


def outlook_for(
    neighbourhood: Neighbourhood, *, today: datetime.date | None = None
) -> Outlook | None:
    """Return the latest adopted version's reasons and next milestone in two queries, or None."""
    today = today or timezone.localdate()
    row = (
        RoadmapVersion.objects.filter(roadmap__neighbourhood=neighbourhood)
        .order_by("-number")
        .values_list("number", "decision_date", "snapshot__core_values", "snapshot__milestones")
        .first()
    )
    if row is None:
        return None
    number, decision_date, core_values, milestones = row
    milestones = milestones or []
    progress = _progress(neighbourhood, milestones) if milestones else {}
    upcoming = []
    for m in milestones:
        baseline = _day(m["baseline_date"])
        p = progress.get(m["id"])
        if baseline is None or (p and p.done):
            continue
        expected = (p and p.forecast_date) or baseline
        upcoming.append(NextMilestone(m["title"], expected, baseline, expected < today))
    upcoming.sort(key=lambda m: (m.overdue, m.expected))  # what is still ahead first
    return Outlook(
        version_number=number,
        decision_date=decision_date,
        reasons=[
            Reason(cv["name"], cv["why"], [o["text"] for o in cv["outcomes"]])
            for cv in core_values or []
        ],
        next_milestone=upcoming[0] if upcoming else None,
    )
