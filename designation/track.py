"""The designation track of a neighbourhood: its eight steps, the end date of gas supply and
whether that end date leaves residents a reasonable term, and the gate before the raadsbesluit.

The gate: the raad may only designate when the six Wgiw safeguards are met. Recording the
raadsbesluit step (or a step after it) as anything but planned is refused while a safeguard of
the neighbourhood's roadmap is not assessed as met, unless the lead gives a motivation; that
motivation is stored (GateOverride) and written in the audit trail with the safeguards it
passed over.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from roadmap.models import Roadmap, SafeguardType
from wup import audit
from wup.models import Neighbourhood

from .models import (
    STEP_ORDER,
    DesignationTrack,
    GateOverride,
    StepKind,
    StepStatus,
    TrackStep,
    Verdict,
    add_years,
)

GATED = {StepKind.COUNCIL_DECISION, StepKind.APPEAL, StepKind.FINAL}


def min_term_years() -> int:
    return settings.DESIGNATION_MIN_GAS_END_YEARS


def ensure_track(neighbourhood: Neighbourhood) -> DesignationTrack:
    """Return the neighbourhood's track with a row for each of its eight steps."""
    track, _created = DesignationTrack.objects.get_or_create(neighbourhood=neighbourhood)
    have = set(track.steps.values_list("kind", flat=True))
    TrackStep.objects.bulk_create(
        TrackStep(track=track, kind=kind) for kind in StepKind.values if kind not in have
    )
    return track


def ordered_steps(track: DesignationTrack) -> list[TrackStep]:
    return sorted(track.steps.all(), key=lambda s: STEP_ORDER[s.kind])


def council_decision_date(track: DesignationTrack) -> datetime.date | None:
    step = next((s for s in track.steps.all() if s.kind == StepKind.COUNCIL_DECISION), None)
    return step.date if step else None


@dataclass(frozen=True)
class TermCheck:
    """Whether the end of gas supply leaves a reasonable term after the raadsbesluit."""

    ok: bool
    earliest: datetime.date | None  # the first reasonable end date
    message: str  # one sentence, empty when there is nothing to say


def check_term(
    gas_end_date: datetime.date | None, decision_date: datetime.date | None
) -> TermCheck:
    """Warn when the gas supply ends sooner than the configured number of years after the
    raadsbesluit (its planned or actual date)."""
    if gas_end_date is None or decision_date is None:
        return TermCheck(True, None, "")
    years = min_term_years()
    earliest = add_years(decision_date, years)
    if gas_end_date >= earliest:
        return TermCheck(True, earliest, "")
    message = _(
        "Het gas stopt minder dan %(years)s jaar na het raadsbesluit; de wet vraagt een "
        "redelijke termijn, zodat bewoners tijd hebben om te sparen en hun huis aan te passen "
        "op een natuurlijk moment, dus kies op zijn vroegst %(earliest)s."
    ) % {"years": years, "earliest": date_format(earliest, "j F Y")}
    return TermCheck(False, earliest, message)


def unmet_safeguards(neighbourhood: Neighbourhood) -> list[str]:
    """Return the safeguard kinds of the neighbourhood's roadmap not assessed as met, in the
    law's order (all six when there is no roadmap or no assessment yet)."""
    met = set()
    roadmap = Roadmap.objects.filter(neighbourhood=neighbourhood).first()
    if roadmap is not None:
        met = set(
            roadmap.safeguards.filter(assessment__verdict=Verdict.MET).values_list(
                "kind", flat=True
            )
        )
    return [kind for kind in SafeguardType.values if kind not in met]


class GateClosed(ValidationError):
    """The raadsbesluit step was refused: safeguards are not met and there is no motivation."""

    def __init__(self, unmet: list[str]):
        self.unmet = unmet
        names = ", ".join(str(SafeguardType(k).label).lower() for k in unmet)
        super().__init__(
            _(
                "Deze stap kan pas als alle zes waarborgen voldaan zijn. Nog niet voldaan: "
                "%(names)s. Beoordeel de waarborgen, of geef een motivering waarom de raad "
                "toch besluit."
            )
            % {"names": names}
        )


def save_step(request: HttpRequest, step: TrackStep, form, *, motivation: str = "") -> TrackStep:
    """Save a step's valid form with its audit entry; through the gate for the raadsbesluit
    and the steps after it. Raises GateClosed when the gate refuses."""
    track = step.track
    municipality = track.neighbourhood.municipality
    moving = form.cleaned_data.get("status", step.status) != StepStatus.PLANNED
    with transaction.atomic():
        override = None
        if step.kind in GATED and moving:
            unmet = unmet_safeguards(track.neighbourhood)
            if unmet:
                if not motivation.strip():
                    raise GateClosed(unmet)
                override = GateOverride.objects.create(
                    track=track, motivation=motivation.strip(), unmet=unmet, created_by=request.user
                )
                audit.record(
                    request,
                    action="gate_override",
                    obj=override,
                    municipality=municipality,
                    changes={
                        "stap": step.kind,
                        "waarborgen_niet_voldaan": unmet,
                        "motivering": override.motivation,
                    },
                )
        audit.save_form(request, form, action="update", municipality=municipality)
        # A step done reaches the roadmap milestone it is linked to, on the step's date.
        milestone = step.milestone
        if step.status == StepStatus.DONE and milestone and not milestone.achieved_date:
            milestone.mark_achieved(on=step.date)
            audit.record(
                request,
                action="update",
                obj=milestone,
                municipality=municipality,
                changes={"achieved_date": step.date.isoformat(), "status": milestone.status},
            )
    return step


def save_gas_end(request: HttpRequest, form) -> DesignationTrack:
    track = form.instance
    return audit.save_form(
        request, form, action="update", municipality=track.neighbourhood.municipality
    )


def current_step(steps: list[TrackStep]) -> TrackStep | None:
    """The step the track is at: the first that is not done or skipped."""
    return next((s for s in steps if s.status not in {StepStatus.DONE, StepStatus.SKIPPED}), None)
