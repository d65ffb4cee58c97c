"""What the raad sees of designation: the coming steps of the tracks (for the council's list of
decisions to come) and the safeguards section of a neighbourhood. The council views in the
dashboard compose these; this app does not know them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from wup.models import Municipality, Neighbourhood

from .models import GateOverride, StepStatus, TrackStep
from .safeguards import shown_assessments
from .track import unmet_safeguards


@dataclass(frozen=True)
class UpcomingStep:
    date: datetime.date
    title: str
    body: str  # "raad" or "college" (roadmap.models.DecisionBody)
    body_label: str
    neighbourhood: Neighbourhood


def upcoming_steps(
    municipality: Municipality,
    neighbourhoods=None,
    *,
    today: datetime.date | None = None,
    skip_decision_milestones: bool = False,
) -> list[UpcomingStep]:
    """Return the coming steps of the municipality's designation tracks, soonest first: steps
    not done with a date from today on (two queries). `neighbourhoods` limits them (a queryset
    or list, e.g. what a limited member reaches)."""
    today = today or timezone.localdate()
    steps = TrackStep.objects.filter(
        track__neighbourhood__municipality=municipality,
        status__in=[StepStatus.PLANNED, StepStatus.ACTIVE],
        date__gte=today,
    ).select_related("track__neighbourhood")
    if neighbourhoods is not None:
        steps = steps.filter(track__neighbourhood__in=neighbourhoods)
    if skip_decision_milestones:  # the council's list shows those milestones already
        steps = steps.filter(Q(milestone__isnull=True) | Q(milestone__decision_body=""))
    return [
        UpcomingStep(
            date=s.date,
            title=f"{s.get_kind_display()}: {s.track.neighbourhood.name}",
            body=s.body,
            body_label=s.body_label,
            neighbourhood=s.track.neighbourhood,
        )
        for s in steps.order_by("date", "pk")
    ]


def safeguards_section(neighbourhood: Neighbourhood) -> dict:
    """The context of templates/designation/council/_safeguards.html: the six safeguards with
    their verdict (judge by role), and every motivation with which the lead passed the gate."""
    return {
        "assessments": shown_assessments(neighbourhood),
        "unmet": unmet_safeguards(neighbourhood),
        "overrides": list(
            GateOverride.objects.filter(track__neighbourhood=neighbourhood).only(
                "motivation", "unmet", "created_at"
            )
        ),
        "template": "designation/council/_safeguards.html",
    }
