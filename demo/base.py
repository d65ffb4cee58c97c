"""Zonnedal itself: the municipality, its neighbourhoods with their CBS figures, the parties and
the staff who log in. The records are in `demo.data.base`. Everything is keyed on stable codes
and slugs, so running it again changes nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from wup.models import (
    CbsArea,
    HeatSolution,
    Membership,
    Municipality,
    Neighbourhood,
    Party,
    PartyType,
    Role,
    StartanalyseResult,
    StartanalyseVariant,
)

from .data.base import DEMO_PASSWORD, NEIGHBOURHOODS, PARTIES, USERS


def _party_neighbourhoods(scope: str, by_slug: dict[str, Neighbourhood]) -> list[Neighbourhood]:
    if scope == "all":
        return list(by_slug.values())
    if scope == "corporation":
        return [n for n in by_slug.values() if n.areas.first().share_corporation >= 30]
    if scope == "network":
        return [n for n in by_slug.values() if n.preferred_solution.startswith("warmtenet")]
    if scope == "lt":
        return [n for n in by_slug.values() if n.preferred_solution == HeatSolution.HEAT_NETWORK_LT]
    return [by_slug[scope]]


def _square(index: int) -> dict:
    """Return a small square boundary in a 4-column grid near Zonnedal's fictional centre."""
    west = 5.10 + (index % 4) * 0.012
    south = 52.10 - (index // 4) * 0.008
    ring = [
        [west, south],
        [west + 0.012, south],
        [west + 0.012, south + 0.008],
        [west, south + 0.008],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring]]}


@transaction.atomic
def seed_base() -> Municipality:
    """Create or update Zonnedal with its neighbourhoods, parties and staff; return it."""
    municipality, _ = Municipality.objects.update_or_create(
        cbs_code="GM1999",
        defaults={
            "name": "Gemeente Zonnedal",
            "slug": "zonnedal",
            "theme_colour": "#0b5c50",
            "intro": "Zonnedal wil in 2040 aardgasvrij zijn. Dat doen we wijk voor wijk, samen met "
            "bewoners, de woonstichting, de netbeheerder en de energiecoöperatie.",
        },
    )
    strategies = {v.code: v for v in StartanalyseVariant.objects.filter(edition="2020")}
    by_slug = {}
    for demo in NEIGHBOURHOODS:
        neighbourhood, created = Neighbourhood.objects.get_or_create(
            municipality=municipality,
            slug=demo.slug,
            defaults={
                "name": demo.name,
                "phase": demo.phase,
                "preferred_solution": demo.solution,
                "startanalyse_variant": strategies.get(demo.strategy),
                "planned_gas_free_year": demo.year,
                "summary": demo.summary,
            },
        )
        if created:
            Neighbourhood.objects.add_parts([neighbourhood])  # the standard indicators
        CbsArea.objects.update_or_create(
            code=demo.code,
            reference_year=2024,
            defaults={
                "municipality": municipality,
                "neighbourhood": neighbourhood,
                "level": CbsArea.Level.NEIGHBOURHOOD,
                "name": demo.name,
                "homes": demo.homes,
                "share_owner_occupied": demo.owner,
                "share_corporation": demo.corporation,
                "share_other_rental": round(100 - demo.owner - demo.corporation, 1),
                "avg_gas_m3": demo.gas,
                "build_periods": {
                    "voor_2000": demo.pre_2000,
                    "vanaf_2000": round(100 - demo.pre_2000, 1),
                },
                "geometry": _square(len(by_slug)),
            },
        )
        # What the Startanalyse (2020) says the strategies cost per year for this buurt: the
        # neighbourhood's own strategy is the cheapest, as the edit page then shows.
        for i, variant in enumerate(sorted(strategies.values(), key=lambda v: v.code)):
            factor = 0.9 if variant.code == demo.strategy else 1.0 + 0.05 * i
            StartanalyseResult.objects.update_or_create(
                code=demo.code,
                variant=variant,
                defaults={"national_costs": round(demo.homes * 1_000 * factor, 2)},
            )
        by_slug[demo.slug] = neighbourhood

    parties = {}
    for name, party_type, description, scope in PARTIES:
        party, created = Party.objects.get_or_create(
            municipality=municipality,
            name=name,
            defaults={"party_type": party_type, "description": description},
        )
        if created:
            party.neighbourhoods.set(_party_neighbourhoods(scope, by_slug))
        parties[party_type] = party

    User = get_user_model()
    for email, full_name, role in USERS:
        first, last = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=email, defaults={"email": email, "first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user,
            municipality=municipality,
            defaults={
                "role": role,
                "party": parties[PartyType.HOUSING_CORPORATION] if role == Role.PARTNER else None,
            },
        )
    return municipality
