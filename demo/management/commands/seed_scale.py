"""Build synthetic municipalities for benchmarks: N municipalities × M neighbourhoods.

Everything it makes is recognisable by its slug (``scale-1``, ``scale-2``, …) or username
(``scale-1-projectleider``), so it never touches real data. Running it again with the same shape
does nothing; ``--replace`` removes the earlier scale data and builds it afresh; a different
shape without ``--replace`` is refused.

The accounts it makes have no usable password: benchmarks log them in with ``force_login``.
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, ProtectedError, RestrictedError

from wup.models import (
    CbsArea,
    HeatSolution,
    Membership,
    Municipality,
    Neighbourhood,
    Party,
    PartyType,
    Phase,
    Role,
    StartanalyseVariant,
)

SLUG_PREFIX = "scale-"
USERNAME_PREFIX = "scale-"
USERNAME_PATTERN = r"^scale-[0-9]+-(projectleider|raadslid)$"
# Real CBS municipality codes stay below GM2000; synthetic ones live in GM5001–GM5999.
CBS_BASE = 5000
MAX_MUNICIPALITIES = 999
MAX_NEIGHBOURHOODS = 9999
REFERENCE_YEAR = 2024
BATCH = 1000

# (name, type, share of the municipality's neighbourhoods it works in)
PARTIES = [
    ("Gemeente {n}", PartyType.MUNICIPALITY, 1.0),
    ("Netbeheerder {n}", PartyType.GRID_OPERATOR, 1.0),
    ("Woonstichting {n}", PartyType.HOUSING_CORPORATION, 0.6),
    ("Warmtebedrijf {n}", PartyType.HEAT_COMPANY, 0.3),
    ("Energiecoöperatie {n}", PartyType.ENERGY_COOPERATIVE, 0.5),
]

SUMMARIES = [
    "Een wijk met vooral rijtjeshuizen uit de jaren zestig en een klein winkelcentrum.",
    "Portiekflats van de woningcorporatie en koopwoningen uit de jaren dertig.",
    "Een dorpskern met vrijstaande huizen, een school en een sporthal.",
    "Nieuwbouw na 2000 naast een oud lint met boerderijen.",
]


def scale_slug(index: int) -> str:
    return f"{SLUG_PREFIX}{index}"


def neighbourhood_slug(index: int) -> str:
    return f"wijk-{index:03d}"


def square(x: float, y: float, size: float = 0.01) -> dict:
    """A small square polygon near Utrecht, so pages that draw boundaries have something real."""
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


class Command(BaseCommand):
    help = "Build N synthetic municipalities with M neighbourhoods each (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=3)
        parser.add_argument("--neighbourhoods", type=int, default=40)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove existing scale data first, whatever its shape.",
        )

    def handle(self, *args, municipalities: int, neighbourhoods: int, replace: bool, **options):
        verbose = options.get("verbosity", 1) >= 1
        if not 1 <= municipalities <= MAX_MUNICIPALITIES:
            raise CommandError(f"--municipalities must be 1–{MAX_MUNICIPALITIES}.")
        if not 1 <= neighbourhoods <= MAX_NEIGHBOURHOODS:
            raise CommandError(f"--neighbourhoods must be 1–{MAX_NEIGHBOURHOODS}.")

        existing = self.existing_scale()
        if existing.exists() and not replace:
            shape = self.shape_of(existing)
            if shape == (municipalities, neighbourhoods):
                if verbose:
                    self.stdout.write(
                        f"Scale data {municipalities} × {neighbourhoods} is already there; "
                        "nothing to do."
                    )
                return
            raise CommandError(
                f"Scale data of another shape is there ({shape[0]} × {shape[1]}); "
                "run with --replace to rebuild it."
            )

        with transaction.atomic():
            self.remove()
            counts = self.build(municipalities, neighbourhoods)
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    "Built {municipalities} municipalities, {neighbourhoods} neighbourhoods, "
                    "{areas} CBS areas, {parties} parties, {users} staff accounts.".format(**counts)
                )
            )

    # --- existing data -------------------------------------------------------------------------

    @staticmethod
    def existing_scale():
        return Municipality.objects.filter(slug__regex=rf"^{SLUG_PREFIX}[0-9]+$")

    @staticmethod
    def shape_of(existing) -> tuple[int, int]:
        count = existing.count()
        per = set(
            Neighbourhood.objects.filter(municipality__in=existing)
            .values("municipality")
            .annotate(n=Count("pk"))
            .values_list("n", flat=True)
        )
        return count, per.pop() if len(per) == 1 else -1

    def remove(self) -> None:
        User = get_user_model()
        try:
            User.objects.filter(username__regex=USERNAME_PATTERN).delete()
            self.existing_scale().delete()
        except (ProtectedError, RestrictedError) as exc:
            raise CommandError(
                "The scale data cannot be removed because other data refers to it "
                f"({exc.__class__.__name__}). Use a fresh database for benchmarks."
            ) from None

    # --- building ------------------------------------------------------------------------------

    def build(self, n_municipalities: int, n_neighbourhoods: int) -> dict[str, int]:
        rng = random.Random(20260101)  # noqa: S311  # nosec B311  # same synthetic data every run
        variants = list(StartanalyseVariant.objects.order_by("edition", "code"))
        phases = list(Phase.values)
        solutions = [s for s in HeatSolution.values if s != HeatSolution.UNKNOWN]

        municipalities = Municipality.objects.bulk_create(
            [
                Municipality(
                    cbs_code=f"GM{CBS_BASE + i:04d}",
                    name=f"Schaalgemeente {i}",
                    slug=scale_slug(i),
                    theme_colour=f"#{rng.randrange(0x10, 0x60):02x}{rng.randrange(0x30, 0x80):02x}"
                    f"{rng.randrange(0x60, 0xA0):02x}",
                    intro=f"Synthetische gemeente {i} voor metingen.",
                )
                for i in range(1, n_municipalities + 1)
            ]
        )

        hoods: list[Neighbourhood] = []
        for m in municipalities:
            for j in range(1, n_neighbourhoods + 1):
                hoods.append(
                    Neighbourhood(
                        municipality=m,
                        name=f"{m.name} wijk {j:03d}",
                        slug=neighbourhood_slug(j),
                        phase=phases[j % len(phases)],
                        phase_detail="Gesprekken met bewoners over de voorkeursoplossing.",
                        preferred_solution=solutions[j % len(solutions)],
                        startanalyse_variant=variants[j % len(variants)] if variants else None,
                        planned_gas_free_year=2030 + (j % 21),
                        summary=SUMMARIES[j % len(SUMMARIES)],
                    )
                )
        hoods = Neighbourhood.objects.bulk_create(hoods, batch_size=BATCH)
        Neighbourhood.objects.add_parts(hoods)  # the standard indicators, as every new one gets

        areas = []
        for index, hood in enumerate(hoods):
            m_index = int(hood.municipality.slug.removeprefix(SLUG_PREFIX))
            j = index % n_neighbourhoods + 1
            owner = rng.uniform(30, 80)
            corporation = rng.uniform(5, 100 - owner)
            old = rng.uniform(10, 60)
            areas.append(
                CbsArea(
                    municipality=hood.municipality,
                    neighbourhood=hood,
                    code=f"BU{CBS_BASE + m_index:04d}{j:04d}",
                    reference_year=REFERENCE_YEAR,
                    level=CbsArea.Level.NEIGHBOURHOOD,
                    name=hood.name,
                    homes=rng.randrange(300, 3000),
                    share_owner_occupied=round(owner, 1),
                    share_corporation=round(corporation, 1),
                    share_other_rental=round(100 - owner - corporation, 1),
                    avg_gas_m3=round(rng.uniform(700, 1800)),
                    build_periods={
                        "voor_2000": round(100 - old / 2, 1),
                        "vanaf_2000": round(old / 2, 1),
                    },
                    geometry=square(5.0 + m_index * 0.1, 52.0 + j * 0.01),
                )
            )
        CbsArea.objects.bulk_create(areas, batch_size=BATCH)

        parties: list[Party] = []
        for m in municipalities:
            for name, party_type, _share in PARTIES:
                parties.append(
                    Party(
                        municipality=m,
                        name=name.format(n=m.name),
                        party_type=party_type,
                        description="Werkt mee aan de warmtetransitie in de wijk.",
                    )
                )
        parties = Party.objects.bulk_create(parties)

        hoods_by_municipality: dict[int, list[Neighbourhood]] = {}
        for hood in hoods:
            hoods_by_municipality.setdefault(hood.municipality_id, []).append(hood)
        Through = Party.neighbourhoods.through
        links = []
        for party in parties:
            share = next(s for _n, t, s in PARTIES if t == party.party_type)
            own = hoods_by_municipality[party.municipality_id]
            for hood in own[: max(1, round(len(own) * share))]:
                links.append(Through(party_id=party.pk, neighbourhood_id=hood.pk))
        Through.objects.bulk_create(links, batch_size=BATCH)

        User = get_user_model()
        users = []
        roles = []
        for m in municipalities:
            for role, label in (
                (Role.PROJECT_LEAD, "projectleider"),
                (Role.COUNCIL_MEMBER, "raadslid"),
            ):
                user = User(username=f"{USERNAME_PREFIX}{m.slug.removeprefix(SLUG_PREFIX)}-{label}")
                user.email = f"{user.username}@example.invalid"
                user.set_unusable_password()
                users.append(user)
                roles.append((m, role))
        users = User.objects.bulk_create(users)
        Membership.objects.bulk_create(
            [
                Membership(user=user, municipality=m, role=role)
                for user, (m, role) in zip(users, roles, strict=True)
            ]
        )
        return {
            "municipalities": len(municipalities),
            "neighbourhoods": len(hoods),
            "areas": len(areas),
            "parties": len(parties),
            "users": len(users),
        }
