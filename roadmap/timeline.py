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

from .models import DecisionBody, MilestoneStatus, RoadmapVersion
from .public import LatestAdopted, LiveMilestone

SLIP_DAYS = 30


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _long(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _milestone_events(
    milestone: dict, progress: LiveMilestone | None, url: str, today: datetime.date
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


def _version_urls(slugs: list[str]):
    """Return version number → public URL, with one reverse() for all the versions."""
    one = reverse("roadmap:public_version", args=[*slugs, 1])
    if not one.endswith("/1/"):  # another URL shape: reverse each
        return lambda number: reverse("roadmap:public_version", args=[*slugs, number])
    prefix = one[: -len("1/")]
    return lambda number: f"{prefix}{number}/"


def events_for(
    neighbourhood: Neighbourhood,
    *,
    today: datetime.date | None = None,
    adopted: LatestAdopted | None = None,
) -> list[Event]:
    """Return versions adopted or amended and milestones achieved or slipped, in three queries
    however many there are (one when nothing is adopted yet; one when `adopted` was read)."""
    today = today or timezone.localdate()
    adopted = adopted or LatestAdopted(neighbourhood)
    versions = list(
        RoadmapVersion.objects.filter(roadmap__neighbourhood=neighbourhood)
        .only("pk", "number", "adopted_by", "decision_date", "reason")
        .order_by("number")
    )
    if not versions:
        return []
    slugs = [neighbourhood.municipality.slug, neighbourhood.slug]
    # Each label translated once, not get_adopted_by_display() per version (see wup.choices).
    bodies = {value: str(label) for value, label in DecisionBody.choices}
    version_url = _version_urls(slugs)
    events = []
    for v in versions:
        url = version_url(v.number)
        decision = {"body": bodies.get(v.adopted_by, v.adopted_by), "n": v.number}
        events.append(
            Event(
                date=v.decision_date,
                kind=EventKind.ROADMAP_AMENDED if v.is_amendment else EventKind.ROADMAP_ADOPTED,
                title=(
                    _("De routekaart is gewijzigd (versie %(n)s)")
                    if v.is_amendment
                    else _("De routekaart is vastgesteld (versie %(n)s)")
                )
                % decision,
                text=(
                    _("Besloten door: %(body)s. Waarom: %(reason)s")
                    % {**decision, "reason": v.reason}
                    if v.is_amendment
                    else _("Besloten door: %(body)s.") % decision
                ),
                url=url,
                app="roadmap",
            )
        )
    milestones = adopted.version.snapshot["milestones"] if adopted.version else []
    url = reverse("roadmap:public", args=slugs)
    for m in milestones:
        events += _milestone_events(m, adopted.live.get(m["id"]), url, today)
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
    neighbourhood: Neighbourhood,
    *,
    today: datetime.date | None = None,
    adopted: LatestAdopted | None = None,
) -> Outlook | None:
    """Return the latest adopted version's reasons and next milestone in two queries (none when
    `adopted` was read already), or None."""
    today = today or timezone.localdate()
    adopted = adopted or LatestAdopted(neighbourhood)
    if adopted.version is None:
        return None
    number, decision_date = adopted.version.number, adopted.version.decision_date
    core_values = adopted.version.snapshot["core_values"]
    milestones = adopted.version.snapshot["milestones"]
    progress = adopted.live
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
