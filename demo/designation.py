"""Zonnedal's warmteprogramma and the Molenbuurt's designation track (demo/data/designation.py).

A municipality that has a warmteprogramma already is left alone, so a second run changes
nothing. Runs after the roadmaps: the raadsbesluit step is linked to a roadmap milestone and the
safeguard assessments belong to the roadmap's safeguards.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from designation.models import (
    Evidence,
    HeatProgramme,
    ProgrammeNeighbourhood,
)
from designation.safeguards import assessments_for
from designation.track import ensure_track
from roadmap.models import Milestone, Roadmap
from wup.models import Municipality, Role

from .data import designation as data
from .roadmap import PROJECT_LEAD


@transaction.atomic
def seed_designation(municipality: Municipality) -> None:
    if HeatProgramme.objects.filter(municipality=municipality).exists():
        return
    programme = HeatProgramme.objects.create(municipality=municipality, number=1, **data.PROGRAMME)
    neighbourhoods = list(municipality.neighbourhoods.order_by("planned_gas_free_year", "name"))
    for order, n in enumerate(neighbourhoods, start=1):
        intended, year, gas_end = data.DESIGNATIONS.get(n.slug, (False, None, None))
        ProgrammeNeighbourhood.objects.create(
            programme=programme,
            neighbourhood=n,
            order=order,
            preferred_solution=n.preferred_solution,
            designation_intended=intended,
            designation_year=year,
            gas_end_year=gas_end or n.planned_gas_free_year,
        )
    neighbourhood = municipality.neighbourhoods.get(slug=data.TRACK)
    track = ensure_track(neighbourhood)
    track.gas_end_date = data.GAS_END
    track.save()
    milestone = Milestone.objects.filter(
        roadmap__neighbourhood=neighbourhood, title=data.DECISION_MILESTONE
    ).first()
    steps = {s.kind: s for s in track.steps.all()}
    for kind, (status, date, end, title, objections, summary) in data.STEPS.items():
        step = steps[kind]
        step.status, step.date, step.end_date = status, date, end
        step.document_title = title
        step.document_url = (
            f"https://raad.zonnedal.example/aanwijzing-molenbuurt/{kind}" if title else ""
        )
        step.objection_count, step.summary = objections, summary
        if kind == "raadsbesluit":
            step.milestone = milestone
        step.save()
    lead = get_user_model().objects.filter(username=PROJECT_LEAD).first()
    roadmap, _created = Roadmap.objects.get_or_create(neighbourhood=neighbourhood)
    for assessment in assessments_for(roadmap):
        verdict, reasoning, evidence = data.ASSESSMENTS[assessment.safeguard.kind]
        assessment.verdict, assessment.reasoning = verdict, reasoning
        if verdict != "niet_beoordeeld":
            assessment.judged_by = lead
            assessment.judged_role = str(Role.PROJECT_LEAD.label)
            assessment.judged_on = data.d(2026, 11, 30)
        assessment.save()
        for title, owner, dated in evidence:
            Evidence.objects.create(
                assessment=assessment,
                title=title,
                url="https://raad.zonnedal.example/stukken/" + title.lower().replace(" ", "-"),
                dated=dated,
                owner=owner,
                added_by=lead,
            )
