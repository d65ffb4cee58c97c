"""What the public sees of a roadmap: only adopted versions, read from their snapshots.

A draft is never public. The live parts shown next to an adopted version are the progress of its
milestones (forecast, achieved, status) and whether a dialogue session is published, both read
when the page is rendered. The neighbourhood page composes `for_neighbourhood`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.urls import reverse

from dialogue.models import DialogueSession
from wup.models import Neighbourhood

from . import charts
from .models import Milestone, MilestoneStatus, RoadmapVersion
from .snapshots import localised

NEXT_MILESTONES = 3


@dataclass
class LiveMilestone:
    """A milestone's progress today, next to the baseline its version adopted."""

    forecast_date: date | None
    achieved_date: date | None
    status: str
    status_label: str

    @property
    def done(self) -> bool:
        return self.status in {MilestoneStatus.ACHIEVED, MilestoneStatus.CANCELLED}

    @property
    def achieved(self) -> bool:
        return self.status == MilestoneStatus.ACHIEVED and self.achieved_date is not None


class LatestAdopted:
    """The latest adopted version of a neighbourhood's roadmap and today's progress of its
    milestones, read once (two queries) however many parts of a page ask for them."""

    def __init__(self, neighbourhood: Neighbourhood):
        self.neighbourhood = neighbourhood

    @cached_property
    def version(self) -> RoadmapVersion | None:
        return (
            RoadmapVersion.objects.filter(roadmap__neighbourhood=self.neighbourhood)
            .order_by("-number")
            .first()
        )

    @cached_property
    def live(self) -> dict[int, LiveMilestone]:
        if self.version is None or not self.version.snapshot["milestones"]:
            return {}
        ids = [m["id"] for m in self.version.snapshot["milestones"]]
        return _live_milestones(self.neighbourhood, ids)


@dataclass
class RoadmapPage:
    """A version of a roadmap, shaped for the public page."""

    version: RoadmapVersion
    latest: RoadmapVersion
    history: list[RoadmapVersion]
    summary: str
    roles: list[dict]
    ambitions: list[tuple[str, str, list[dict]]]
    core_values: list[dict]
    milestones: list[dict]
    agreements: list[dict]
    safeguards: list[dict]
    show_progress: bool = field(default=False)

    @property
    def is_latest(self) -> bool:
        return self.version.number == self.latest.number

    @property
    def timeline(self) -> dict | None:
        """Return the milestone timeline chart: baseline, and today's date where shown."""
        rows = []
        for m in self.milestones:
            live = m["live"] if self.show_progress else None
            expected = (live and (live.achieved_date or live.forecast_date)) or m["baseline"]
            rows.append(
                charts.TimelineRow(m["title"], m["baseline"], expected, live.status if live else "")
            )
        return charts.timeline(rows)


@dataclass
class RoadmapBrief:
    """The roadmap part of the neighbourhood page: the latest adopted version in short."""

    version: RoadmapVersion
    core_values: list[dict]
    next_milestones: list[dict]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def versions_of(neighbourhood: Neighbourhood):
    """Return the adopted versions of a neighbourhood's roadmap, newest first, without snapshots."""
    return RoadmapVersion.objects.filter(roadmap__neighbourhood=neighbourhood).defer("snapshot")


def _live_milestones(neighbourhood: Neighbourhood, ids: list[int]) -> dict[int, LiveMilestone]:
    rows = Milestone.objects.filter(roadmap__neighbourhood=neighbourhood, pk__in=ids).only(
        "forecast_date", "achieved_date", "status"
    )
    # Each label translated once, not get_status_display() per row (see wup.choices).
    labels = {value: str(label) for value, label in MilestoneStatus.choices}
    return {
        m.pk: LiveMilestone(
            m.forecast_date, m.achieved_date, m.status, labels.get(m.status, m.status)
        )
        for m in rows
    }


def _milestones(snapshot: dict, live: dict[int, LiveMilestone]) -> list[dict]:
    titles = {m["id"]: m["title"] for m in snapshot["milestones"]}
    return [
        {
            **m,
            "baseline": _date(m["baseline_date"]),
            "depends_on_titles": [titles[pk] for pk in m["depends_on"] if pk in titles],
            "live": live.get(m["id"]),
        }
        for m in snapshot["milestones"]
    ]


def _session_links(snapshot: dict) -> dict[int, str]:
    """Return {session id: public summary URL} for the sessions that are published today."""
    ids = {o["session_id"] for cv in snapshot["core_values"] for o in cv["outcomes"]}
    if not ids:
        return {}
    rows = DialogueSession.objects.published().filter(pk__in=ids)
    return {
        pk: reverse("dialogue:summary", args=[municipality_slug, neighbourhood_slug, pk])
        for pk, neighbourhood_slug, municipality_slug in rows.values_list(
            "pk", "neighbourhood__slug", "neighbourhood__municipality__slug"
        )
    }


def build_page(
    neighbourhood: Neighbourhood, version: RoadmapVersion, history: list[RoadmapVersion]
) -> RoadmapPage:
    """Return a version shaped for the page; the newest version also shows today's progress.
    Chosen values are shown in the reader's language (snapshots.localised)."""
    snapshot = localised(version.snapshot)
    latest = history[0]
    show_progress = version.number == latest.number
    live = (
        _live_milestones(neighbourhood, [m["id"] for m in snapshot["milestones"]])
        if show_progress and snapshot["milestones"]
        else {}
    )
    links = _session_links(snapshot)
    ambitions: dict[str, tuple[str, str, list[dict]]] = {}
    for a in snapshot["ambitions"]:
        ambitions.setdefault(a["party_name"], (a["party_name"], a["party_type_label"], []))[
            2
        ].append(a)
    return RoadmapPage(
        version=version,
        latest=latest,
        history=history,
        summary=snapshot["summary"],
        roles=snapshot["roles"],
        ambitions=list(ambitions.values()),
        core_values=[
            {
                **cv,
                "outcomes": [
                    {
                        **o,
                        "session_day": _date(o["session_date"]),
                        "url": links.get(o["session_id"]),
                    }
                    for o in cv["outcomes"]
                ],
            }
            for cv in snapshot["core_values"]
        ],
        milestones=_milestones(snapshot, live),
        agreements=[{**a, "signed": _date(a["signed_on"])} for a in snapshot["agreements"]],
        safeguards=snapshot["safeguards"],
        show_progress=show_progress,
    )


def for_neighbourhood(
    neighbourhood: Neighbourhood, adopted: LatestAdopted | None = None
) -> RoadmapBrief | None:
    """Return the latest adopted version in short (core values, next milestones), or None."""
    adopted = adopted or LatestAdopted(neighbourhood)
    version = adopted.version
    if version is None:
        return None
    snapshot = version.snapshot
    live = adopted.live
    open_milestones = [m for m in _milestones(snapshot, live) if not (m["live"] and m["live"].done)]
    open_milestones.sort(
        key=lambda m: (m["live"] and m["live"].forecast_date) or m["baseline"] or date.max
    )
    return RoadmapBrief(
        version=version,
        core_values=[{"name": cv["name"], "why": cv["why"]} for cv in snapshot["core_values"]],
        next_milestones=open_milestones[:NEXT_MILESTONES],
    )
