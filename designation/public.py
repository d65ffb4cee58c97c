"""What the public sees: the adopted warmteprogramma of a municipality, and a neighbourhood's
designation track with its safeguards. A draft programme is never public; a judge is shown only
by role. The residents' pages compose `for_municipality` and `for_neighbourhood`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from wup.models import Municipality, Neighbourhood

from . import programme as programmes
from .models import DesignationTrack, HeatProgramme, ProgrammeNeighbourhood, StepStatus, TrackStep
from .safeguards import ShownAssessment, shown_assessments
from .track import TermCheck, check_term, current_step, ordered_steps


@dataclass
class MunicipalityPart:
    """The municipality page's link to its warmteprogramma (None when none is adopted)."""

    programme: HeatProgramme
    deadline: programmes.Deadline


def for_municipality(municipality: Municipality) -> MunicipalityPart | None:
    adopted = programmes.current(municipality)
    if adopted is None:
        return None
    return MunicipalityPart(adopted, programmes.deadline(municipality, adopted=adopted))


@dataclass
class ProgrammePage:
    programme: HeatProgramme
    deadline: programmes.Deadline
    entries: list[ProgrammeNeighbourhood]
    history: list[HeatProgramme]
    tracks: dict[int, DesignationTrack] = field(default_factory=dict)


def programme_page(municipality: Municipality) -> ProgrammePage | None:
    adopted = programmes.current(municipality)
    if adopted is None:
        return None
    entries = list(adopted.entries.select_related("neighbourhood"))
    tracks = {
        t.neighbourhood_id: t
        for t in DesignationTrack.objects.filter(neighbourhood__municipality=municipality)
    }
    return ProgrammePage(
        programme=adopted,
        deadline=programmes.deadline(municipality, adopted=adopted),
        entries=entries,
        history=list(
            HeatProgramme.objects.filter(municipality=municipality, adopted_on__isnull=False)
        ),
        tracks=tracks,
    )


@dataclass
class NeighbourhoodPart:
    """The designation part of a neighbourhood page."""

    entry: ProgrammeNeighbourhood | None
    track: DesignationTrack | None
    steps: list[TrackStep]
    current: TrackStep | None
    term: TermCheck
    assessments: list[ShownAssessment]
    today: datetime.date

    @property
    def shown(self) -> bool:
        return self.entry is not None or self.track is not None


def for_neighbourhood(neighbourhood: Neighbourhood) -> NeighbourhoodPart | None:
    """The neighbourhood in the adopted warmteprogramma and its designation track, or None."""
    entry = (
        ProgrammeNeighbourhood.objects.filter(
            neighbourhood=neighbourhood, programme__adopted_on__isnull=False
        )
        .select_related("programme")
        .order_by("-programme__number")
        .first()
    )
    track = (
        DesignationTrack.objects.filter(neighbourhood=neighbourhood)
        .prefetch_related("steps")
        .first()
    )
    if entry is None and track is None:
        return None
    steps = [
        s
        for s in (ordered_steps(track) if track else [])
        if s.status != StepStatus.SKIPPED and (s.date or s.status != StepStatus.PLANNED)
    ]
    decision = next((s.date for s in steps if s.kind == "raadsbesluit"), None)
    return NeighbourhoodPart(
        entry=entry,
        track=track,
        steps=steps,
        current=current_step(steps),
        term=check_term(track.gas_end_date if track else None, decision),
        assessments=shown_assessments(neighbourhood) if track else [],
        today=timezone.localdate(),
    )
