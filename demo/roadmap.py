"""Roadmaps (routekaarten) for the demo municipality Zonnedal.

Every neighbourhood past planning (besluitvorming, uitvoering, beheer) gets a full roadmap in
plain Dutch: the municipality's role per phase, the parties' ambitions, core values that rest on
agreed outcomes of its dialogue sessions, milestones with owners and dependencies, agreements and
the six Wgiw safeguards. Each is then adopted: version 1 by the college, and for some a version 2
by the raad as an amendment with a reason. Molenbuurt and Rivierzicht keep draft changes that are
not adopted yet. Neighbourhoods in planvorming get a draft roadmap without versions.

All dates are fixed, so the demo looks the same every time. A neighbourhood whose roadmap already
has versions or content is left alone, so running the seed again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from dialogue.models import Outcome
from roadmap.models import (
    Agreement,
    Ambition,
    CoreValue,
    Milestone,
    MunicipalRole,
    Roadmap,
    Safeguard,
    adopt,
)
from wup.models import Municipality, Neighbourhood, Party, Phase

from .data.dialogue import SESSIONS
from .data.roadmap import (
    PLANS,
    AddMilestone,
    AddValue,
    Adopt,
    MoveMilestone,
    Ms,
    Plan,
    RaiseAmbition,
    UpdateDeal,
    UpdateSafeguard,
    Value,
)

PROJECT_LEAD = "projectleider@zonnedal.example"

ADOPTED_PHASES = {Phase.DECIDING, Phase.IMPLEMENTING, Phase.MANAGING}
DRAFT_PHASES = {Phase.PLANNING}

# The theme of each outcome in the demo sessions, to match core values to outcomes.
THEMES: dict[tuple[str, str, str], str] = {
    (spec.neighbourhood, spec.title, outcome.text): outcome.theme
    for spec in SESSIONS
    for outcome in spec.outcomes
}


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, roadmap: Roadmap, parties: dict[str, Party], outcomes: list[Outcome]):
        self.roadmap = roadmap
        self.parties = parties
        self.outcomes = outcomes  # agreed, in session order
        self.milestones: dict[str, Milestone] = {}
        self.ambitions: dict[str, Ambition] = {}
        self.deals: dict[str, Agreement] = {}
        self.value_order = 0

    def _links(self, value: Value, until: dt.date | None) -> list[Outcome]:
        """Up to two agreed outcomes on the value's themes, from sessions before `until`."""
        slug = self.roadmap.neighbourhood.slug
        known = [o for o in self.outcomes if until is None or o.session.starts_at.date() < until]
        if not known:
            known = self.outcomes
        themed = [o for o in known if THEMES.get((slug, o.session.title, o.text)) in value.themes]
        return (themed or known)[:2]

    def add_value(self, value: Value, until: dt.date | None) -> None:
        self.value_order += 1
        core_value = CoreValue.objects.create(
            roadmap=self.roadmap, name=value.name, why=value.why, order=self.value_order
        )
        core_value.outcomes.set(self._links(value, until))

    def add_milestone(self, spec: Ms) -> None:
        milestone = Milestone.objects.create(
            roadmap=self.roadmap,
            title=spec.title,
            description=spec.description,
            owner=self.parties[spec.owner],
            baseline_date=spec.baseline,
            forecast_date=spec.forecast,
            achieved_date=spec.achieved,
            status=spec.status,
        )
        if spec.after:
            milestone.depends_on.set([self.milestones[key] for key in spec.after])
        self.milestones[spec.key] = milestone

    def content(self, plan: Plan, until: dt.date | None) -> None:
        roadmap = self.roadmap
        roadmap.summary = plan.summary
        roadmap.save(update_fields=["summary", "updated_at"])
        MunicipalRole.objects.bulk_create(
            MunicipalRole(roadmap=roadmap, phase=phase, role=role, reasoning=why)
            for phase, (role, why) in plan.roles.items()
        )
        for amb in plan.ambitions:
            self.ambitions[amb.party] = Ambition.objects.create(
                roadmap=roadmap,
                party=self.parties[amb.party],
                text=amb.text,
                target_value=None if amb.value is None else Decimal(amb.value),
                target_unit=amb.unit,
                target_year=amb.year,
            )
        for value in plan.values:
            self.add_value(value, until)
        for spec in plan.milestones:
            self.add_milestone(spec)
        for deal in plan.deals:
            agreement = Agreement.objects.create(
                roadmap=roadmap,
                title=deal.title,
                description=deal.description,
                agreement_type=deal.kind,
                status=deal.status,
                woo_category=deal.woo,
                signed_on=deal.signed_on,
            )
            agreement.parties.set([self.parties[name] for name in deal.parties])
            self.deals[deal.title] = agreement
        roadmap.ensure_safeguards()
        for kind, (status, evidence) in plan.safeguards.items():
            Safeguard.objects.filter(roadmap=roadmap, kind=kind).update(
                status=status, evidence=evidence
            )

    def apply(self, step, until: dt.date | None, user) -> None:
        roadmap = self.roadmap
        match step:
            case Adopt():
                adopt(
                    roadmap,
                    by=step.by,
                    decision_date=step.on,
                    decision_reference=step.reference,
                    reason=step.reason,
                    user=user,
                )
            case MoveMilestone():
                milestone = self.milestones[step.key]
                milestone.baseline_date = step.baseline
                milestone.description = step.description
                milestone.save(update_fields=["baseline_date", "description"])
            case RaiseAmbition():
                ambition = self.ambitions[step.party]
                ambition.text = step.text
                ambition.target_value = None if step.value is None else Decimal(step.value)
                ambition.target_year = step.year
                ambition.save(update_fields=["text", "target_value", "target_year"])
            case AddValue():
                self.add_value(step.value, until)
            case AddMilestone():
                self.add_milestone(step.milestone)
            case UpdateDeal():
                agreement = self.deals[step.title]
                agreement.status = step.status
                if step.signed_on:
                    agreement.signed_on = step.signed_on
                agreement.save(update_fields=["status", "signed_on"])
            case UpdateSafeguard():
                Safeguard.objects.filter(roadmap=roadmap, kind=step.kind).update(
                    status=step.status, evidence=step.evidence
                )
            case _:
                raise TypeError(f"Unknown roadmap step {step!r}")


def _next_adoption(history: tuple, index: int) -> dt.date | None:
    """The date of the first adoption at or after `index`: content made before it may only rest
    on sessions held before that decision."""
    return next((s.on for s in history[index:] if isinstance(s, Adopt)), None)


def _has_content(roadmap: Roadmap) -> bool:
    return (
        roadmap.versions.exists()
        or roadmap.milestones.exists()
        or roadmap.ambitions.exists()
        or roadmap.core_values.exists()
        or roadmap.roles.exists()
    )


def _build(neighbourhood: Neighbourhood, plan: Plan, parties: dict[str, Party], user) -> None:
    roadmap, created = Roadmap.objects.get_or_create(neighbourhood=neighbourhood)
    if not created and _has_content(roadmap):
        return  # already seeded, or edited by hand: leave it alone
    outcomes = list(
        Outcome.objects.filter(session__neighbourhood=neighbourhood, agreed=True)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    )
    builder = _Builder(roadmap, parties, outcomes)
    history = plan.history if neighbourhood.phase in ADOPTED_PHASES else ()
    builder.content(plan, _next_adoption(history, 0))
    for index, step in enumerate(history):
        builder.apply(step, _next_adoption(history, index + 1), user)


@transaction.atomic
def seed_roadmap(municipality: Municipality) -> None:
    """Give Zonnedal's neighbourhoods in planvorming a draft roadmap, and those past it an
    adopted one. Neighbourhoods whose roadmap already has content stay as they are."""
    wanted = ADOPTED_PHASES | DRAFT_PHASES
    neighbourhoods = [
        n
        for n in municipality.neighbourhoods.order_by("pk")
        if n.slug in PLANS and n.phase in wanted
    ]
    if not neighbourhoods:
        return
    parties = {p.name: p for p in municipality.parties.all()}
    user = get_user_model().objects.filter(username=PROJECT_LEAD).first()
    for neighbourhood in neighbourhoods:
        _build(neighbourhood, PLANS[neighbourhood.slug], parties, user)
