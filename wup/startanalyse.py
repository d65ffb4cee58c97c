"""The cheapest Startanalyse strategy for a plan area, next to its preferred solution.

PBL publishes per buurt what each strategy costs the country per year. For a plan area the
costs of its CBS areas (newest reference year) are added up per strategy of the newest edition
that covers them; the cheapest is the advice. A preferred solution of another family needs a
motivation, which the lead writes on the neighbourhood.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .models import HeatSolution, Neighbourhood, StartanalyseResult, StartanalyseVariant

# A preferred solution of these kinds does not contradict any strategy.
OPEN_SOLUTIONS = {HeatSolution.UNKNOWN, HeatSolution.MIX}


@dataclass(frozen=True)
class Advice:
    edition: str
    cheapest: StartanalyseVariant
    costs: list[tuple[StartanalyseVariant, Decimal]]  # cheapest first
    contradicts: bool  # the preferred solution is of another family than the cheapest
    needs_motivation: bool  # ... and the lead has not said why


def advice_for(neighbourhood: Neighbourhood) -> Advice | None:
    """Return the Startanalyse advice for the plan area, or None when no results cover it."""
    codes = [area.code for area in neighbourhood.current_areas()]
    if not codes:
        return None
    results = list(StartanalyseResult.objects.filter(code__in=codes).select_related("variant"))
    if not results:
        return None
    edition = max(r.variant.edition for r in results)
    totals: dict[int, Decimal] = defaultdict(Decimal)
    variants: dict[int, StartanalyseVariant] = {}
    for result in results:
        if result.variant.edition == edition:
            totals[result.variant_id] += result.national_costs
            variants[result.variant_id] = result.variant
    costs = sorted(
        ((variants[pk], total) for pk, total in totals.items()), key=lambda p: (p[1], p[0].code)
    )
    cheapest = costs[0][0]
    contradicts = (
        neighbourhood.preferred_solution not in OPEN_SOLUTIONS
        and neighbourhood.preferred_solution != cheapest.solution
    )
    return Advice(
        edition=edition,
        cheapest=cheapest,
        costs=costs,
        contradicts=contradicts,
        needs_motivation=contradicts and not neighbourhood.solution_motivation.strip(),
    )
