"""The dashboard of the demo municipality Zonnedal: routes, two years of measurements, new
developments and steering actions, so that the council dashboard tells a story.

- Zonnehoek, Molenbuurt and Havenkwartier are on route.
- Rivierzicht and Oude Dorp are behind: owners insulate more slowly than planned.
- De Akkers is far behind: the west side of the heat network waits for a stronger main pipe.
- Rivierzicht is hit by grid congestion (netcongestie). The development is accepted: the
  reinforcement of the grid along the dike, and everything that depends on it, moved.
- A supplier's delay of heat interface units is recorded but not accepted yet: the scenario view
  shows what it would do to Zonnehoek and De Akkers.
- Steering actions: some done with their outcome, some in progress, decided by college or raad.

The route belongs to the adopted roadmap. `seed_demo` runs `seed_route` before `seed_roadmap`
adopts the demo roadmaps, so adopting copies the draft route into each version and its snapshot
(`signals.freeze_route`), as it does in real use; `seed_dashboard` runs after the residents, once
the milestones and the pulse are there. Neighbourhoods in planvorming keep a draft route only:
adopting their roadmap will freeze it.

The route is planned in fixed years (towards each neighbourhood's gas-free year, like the
roadmap). Measurements are dated relative to today, and each is the planned change up to its
date times the neighbourhood's pace, so the story holds whatever day the demo is seeded. The
indicators Wijkwaarde measures itself (the pulse, the triangle's balance, the share of households
that took part) come from the residents' answers and the dialogue sessions already in the demo,
through `app_measurements.refresh`; they have no route here. The grid development is accepted
through `developments.accept`, as a project lead would. Once the municipality has any
measurement, development or steering action, running this again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from roadmap.models import DecisionBody, Milestone, RoadmapVersion
from wup.models import CbsArea, Municipality, Neighbourhood, Party

from . import app_measurements, developments, route
from .models import (
    DataSource,
    DataStatus,
    Development,
    DevelopmentImpact,
    DevelopmentKind,
    Direction,
    Indicator,
    IndicatorCategory,
    IndicatorUnit,
    Likelihood,
    Measurement,
    RoutePoint,
    StandardIndicator,
    SteeringAction,
    SteeringStatus,
    create_standard_indicators,
)

d = dt.date
SEED = "zonnedal-dashboard-2026"
PROJECT_LEAD = "projectleider@zonnedal.example"
PARTNER = "partner@zonnedal.example"  # reports for the Woonstichting

# Party names as seeded by wup.demo.
GEMEENTE = "Gemeente Zonnedal"
WOONSTICHTING = "Woonstichting Zonnedal"
NETBEHEERDER = "Netbeheerder Rivierland"
WARMTEBEDRIJF = "Warmtebedrijf Zonnedal"
COOPERATIE = "Energiecoöperatie De Zonnewijzer"
ENERGIELOKET = "Energieloket Rivierland"

GAS_FREE = StandardIndicator.GAS_FREE
READY = StandardIndicator.GAS_FREE_READY
HEAT = StandardIndicator.HEAT_NETWORK
LABEL_B = StandardIndicator.LABEL_B

# Standard indicators that count homes: never more than the neighbourhood has.
STANDARD_COUNTS = {GAS_FREE, READY, HEAT, LABEL_B}

MONTHLY = "maand"
QUARTERLY = "kwartaal"
YEARS = 2
# Figures from registers (CBS, EP-online) come out some weeks after the quarter ends.
PUBLICATION_LAG = dt.timedelta(days=45)
# How final a figure is, by age (CBS: recent figures are provisional, then revised, then final).
REVISED_AFTER = dt.timedelta(days=183)
FINAL_AFTER = dt.timedelta(days=365)
IMPORTED = {
    DataSource.CBS_GAS_FREE,
    DataSource.CBS_KWB,
    DataSource.EP_ONLINE,
    DataSource.BAG,
    DataSource.CLIMATE_MONITOR,
    DataSource.PBL,
}


# ---------------------------------------------------------------------------------------------
# The shape of the story
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Custom:
    """An indicator of the neighbourhood's own, next to the standard set."""

    name: str
    description: str
    category: str
    unit: str
    source: str
    direction: str = Direction.UP


@dataclass(frozen=True)
class Track:
    """One indicator: its route, how well the neighbourhood keeps to it, and how often it is
    measured.

    `pace` gives, for a number of months before today, the share of the planned change (since
    the route's first point) that was achieved then; in between it is interpolated. 1.0 is
    exactly on route; below 1 - behind_percent/100 is behind. With `planned` False the points
    are only the trend the measurements follow: no route is recorded (no plan yet).
    """

    indicator: str  # a standard code, or the name of a Custom
    points: tuple[tuple[dt.date, float], ...]
    every: str | None = QUARTERLY  # None: no measurements yet
    pace: tuple[tuple[int, float], ...] = ((24, 1.0), (0, 1.0))
    party: str = ""
    milestone: str = ""  # title of the milestone in the neighbourhood's roadmap
    note: str = ""  # on the measurements of the last three months
    planned: bool = True


@dataclass(frozen=True)
class Story:
    tracks: tuple[Track, ...] = ()
    customs: tuple[Custom, ...] = ()


COOP_MEMBERS = Custom(
    "Leden van de warmtecoöperatie",
    "Huishoudens in de Molenbuurt die lid zijn van de warmtecoöperatie. Bij 400 leden kan de "
    "coöperatie het investeringsbesluit nemen.",
    IndicatorCategory.PARTICIPATION,
    IndicatorUnit.COUNT,
    DataSource.OTHER,
)
ADVICE_RIVIERZICHT = Custom(
    "Eigenaren met een isolatieadvies",
    "Eigenaren die van het energieloket een advies over isoleren voor hun eigen huis kregen.",
    IndicatorCategory.PROCESS,
    IndicatorUnit.COUNT,
    DataSource.OTHER,
)
ADVICE_OUDE_DORP = Custom(
    "Eigenaren met een advies voor hun monument",
    "Eigenaren die een isolatieadvies kregen dat past bij hun monument.",
    IndicatorCategory.PROCESS,
    IndicatorUnit.COUNT,
    DataSource.OTHER,
)
SUSTAINABLE_HEAT = Custom(
    "Duurzame warmte in het warmtenet",
    "Het deel van de warmte in het warmtenet dat uit duurzame bronnen komt.",
    IndicatorCategory.OUTCOME,
    IndicatorUnit.PERCENT,
    DataSource.HEAT_COMPANY,
)

STORIES: dict[str, Story] = {
    # On route: the flats of the woonstichting go first, block by block.
    "zonnehoek": Story(
        tracks=(
            Track(
                HEAT,
                (
                    (d(2025, 1, 1), 0),
                    (d(2025, 12, 31), 240),
                    (d(2026, 12, 31), 480),
                    (d(2027, 12, 31), 820),
                    (d(2028, 12, 31), 1200),
                    (d(2029, 12, 31), 1560),
                    (d(2030, 12, 31), 1840),
                ),
                MONTHLY,
                ((24, 1.03), (0, 1.03)),
                party=WARMTEBEDRIJF,
                milestone="Alle corporatiewoningen aangesloten",
            ),
            Track(
                GAS_FREE,
                (
                    (d(2025, 1, 1), 70),
                    (d(2025, 12, 31), 300),
                    (d(2026, 12, 31), 540),
                    (d(2027, 12, 31), 870),
                    (d(2028, 12, 31), 1240),
                    (d(2029, 12, 31), 1590),
                    (d(2030, 12, 31), 1840),
                ),
                pace=((24, 1.02), (0, 1.03)),
                milestone="Gasnet Zonnehoek weggehaald",
            ),
            Track(
                READY,
                ((d(2025, 1, 1), 180), (d(2027, 6, 30), 640), (d(2029, 12, 31), 960)),
                MONTHLY,
                ((24, 1.02), (0, 1.03)),
                party=WOONSTICHTING,
            ),
            Track(
                LABEL_B,
                ((d(2025, 1, 1), 520), (d(2027, 6, 30), 900), (d(2030, 12, 31), 1400)),
                pace=((24, 1.03), (0, 1.04)),
                milestone="Flats van de woonstichting op label B",
            ),
        ),
    ),
    # Far behind: the east side was connected on time, then the west side stalled.
    "de-akkers": Story(
        tracks=(
            Track(
                HEAT,
                (
                    (d(2025, 1, 1), 0),
                    (d(2025, 9, 30), 260),
                    (d(2026, 12, 31), 620),
                    (d(2027, 12, 31), 900),
                    (d(2030, 12, 31), 1100),
                ),
                MONTHLY,
                ((24, 1.0), (13, 1.0), (0, 0.55)),
                party=WARMTEBEDRIJF,
                milestone="Woningen westkant aangesloten",
                note="Westkant: de aanleg wacht tot de hoofdleiding is versterkt.",
            ),
            Track(
                GAS_FREE,
                (
                    (d(2025, 1, 1), 20),
                    (d(2025, 9, 30), 270),
                    (d(2026, 12, 31), 630),
                    (d(2027, 12, 31), 910),
                    (d(2030, 12, 31), 1110),
                    (d(2031, 6, 30), 1210),
                ),
                pace=((24, 1.0), (12, 0.98), (0, 0.6)),
                milestone="Gasnet De Akkers weggehaald",
            ),
            Track(
                READY,
                ((d(2025, 1, 1), 150), (d(2028, 12, 31), 570)),
                MONTHLY,
                ((24, 1.02), (0, 1.02)),
                party=WOONSTICHTING,
            ),
            Track(
                LABEL_B,
                ((d(2025, 1, 1), 380), (d(2028, 12, 31), 760), (d(2031, 6, 30), 900)),
                pace=((24, 1.02), (0, 1.03)),
            ),
        ),
    ),
    # On route: no homes on the heat network yet, but the co-operative grows ahead of plan.
    "molenbuurt": Story(
        customs=(COOP_MEMBERS,),
        tracks=(
            Track(
                HEAT,
                ((d(2028, 3, 31), 0), (d(2029, 6, 30), 400), (d(2031, 12, 31), 700)),
                None,
                party=COOPERATIE,
                milestone="Eerste 400 woningen aangesloten",
            ),
            Track(
                GAS_FREE,
                (
                    (d(2025, 1, 1), 15),
                    (d(2028, 12, 31), 60),
                    (d(2031, 12, 31), 700),
                    (d(2033, 12, 31), 960),
                ),
                pace=((24, 1.06), (0, 1.08)),
            ),
            Track(
                READY,
                ((d(2025, 1, 1), 40), (d(2027, 12, 31), 290)),
                MONTHLY,
                ((24, 1.02), (0, 1.03)),
                party=WOONSTICHTING,
            ),
            Track(
                LABEL_B,
                ((d(2025, 1, 1), 180), (d(2027, 12, 31), 420), (d(2031, 12, 31), 760)),
                pace=((24, 1.02), (0, 1.04)),
                milestone="Corporatiewoningen op label B",
            ),
            Track(
                COOP_MEMBERS.name,
                (
                    (d(2025, 6, 30), 0),
                    (d(2026, 12, 31), 350),
                    (d(2027, 12, 31), 600),
                    (d(2031, 12, 31), 800),
                ),
                MONTHLY,
                ((24, 1.05), (0, 1.05)),
                party=COOPERATIE,
                milestone="Investeringsbesluit warmtecoöperatie",
            ),
        ),
    ),
    # Behind: owners along the dike wait; grid congestion moved the heat network (see below).
    "rivierzicht": Story(
        customs=(ADVICE_RIVIERZICHT,),
        tracks=(
            Track(
                HEAT,
                ((d(2029, 10, 31), 0), (d(2031, 12, 31), 360), (d(2034, 12, 31), 720)),
                None,
                party=COOPERATIE,
                milestone="Helft van de huizen aangesloten",
            ),
            Track(
                GAS_FREE,
                (
                    (d(2025, 1, 1), 30),
                    (d(2029, 10, 31), 60),
                    (d(2031, 12, 31), 360),
                    (d(2034, 12, 31), 720),
                ),
                pace=((24, 1.08), (0, 1.08)),
            ),
            Track(
                LABEL_B,
                (
                    (d(2025, 1, 1), 250),
                    (d(2027, 12, 31), 380),
                    (d(2031, 12, 31), 560),
                    (d(2034, 12, 31), 650),
                ),
                pace=((24, 1.0), (12, 0.96), (0, 0.9)),
                note="Eigenaren wachten met isoleren tot duidelijk is wanneer het warmtenet komt.",
            ),
            Track(
                ADVICE_RIVIERZICHT.name,
                ((d(2025, 1, 1), 0), (d(2027, 12, 31), 510)),
                MONTHLY,
                ((24, 1.0), (0, 0.9)),
                party=ENERGIELOKET,
                milestone="Alle eigenaren hebben een isolatieadvies",
            ),
        ),
    ),
    # Behind: insulating a monument takes longer than planned. Gas stays (green gas), so the
    # gas-free indicators have no route here.
    "oude-dorp": Story(
        customs=(ADVICE_OUDE_DORP,),
        tracks=(
            Track(
                LABEL_B,
                (
                    (d(2025, 1, 1), 60),
                    (d(2027, 12, 31), 140),
                    (d(2030, 12, 31), 260),
                    (d(2035, 12, 31), 380),
                ),
                pace=((24, 0.97), (0, 0.88)),
                milestone="Eerste 100 panden geïsoleerd",
                note="Aannemers met ervaring in monumenten hebben lange wachttijden.",
            ),
            Track(
                ADVICE_OUDE_DORP.name,
                ((d(2025, 4, 1), 0), (d(2028, 12, 31), 430)),
                MONTHLY,
                ((20, 0.95), (0, 1.04)),
                party=ENERGIELOKET,
                milestone="Alle eigenaren hebben advies op maat",
            ),
        ),
    ),
    # On route: every home is connected; now the heat has to become sustainable.
    "havenkwartier": Story(
        customs=(SUSTAINABLE_HEAT,),
        tracks=(
            Track(
                HEAT,
                ((d(2024, 1, 1), 540), (d(2025, 6, 30), 680)),
                MONTHLY,
                ((24, 1.02), (0, 1.02)),
                party=WARMTEBEDRIJF,
                milestone="Laatste woningen aangesloten",
            ),
            Track(
                GAS_FREE,
                ((d(2024, 1, 1), 540), (d(2025, 6, 30), 680)),
                pace=((24, 1.02), (0, 1.02)),
            ),
            Track(
                SUSTAINABLE_HEAT.name,
                ((d(2025, 1, 1), 62), (d(2029, 12, 31), 90)),
                pace=((24, 1.1), (0, 1.08)),
                party=WARMTEBEDRIJF,
                milestone="Warmtenet voor 90 procent duurzaam",
            ),
        ),
    ),
    # Planvorming: a draft route, not adopted yet, so the council sees no status here.
    "bloemenwijk": Story(
        tracks=(
            Track(LABEL_B, ((d(2025, 1, 1), 560), (d(2030, 12, 31), 1060))),
            Track(
                GAS_FREE,
                ((d(2025, 1, 1), 40), (d(2030, 12, 31), 500), (d(2035, 12, 31), 1430)),
                milestone="500 huizen met een warmtepomp",
            ),
        )
    ),
    "het-weiland": Story(
        tracks=(
            Track(
                LABEL_B,
                ((d(2025, 1, 1), 380), (d(2030, 12, 31), 700)),
                pace=((24, 1.0), (0, 0.95)),
            ),
        )
    ),
    "kerkeveld": Story(tracks=(Track(LABEL_B, ((d(2025, 1, 1), 300), (d(2030, 12, 31), 640))),)),
    # Verkenning: no plan, only the energy labels from EP-online.
    "de-gaarde": Story(
        tracks=(Track(LABEL_B, ((d(2024, 1, 1), 520), (d(2028, 12, 31), 700)), planned=False),)
    ),
    "lindehof": Story(
        tracks=(Track(LABEL_B, ((d(2024, 1, 1), 150), (d(2028, 12, 31), 200)), planned=False),)
    ),
    "noorderpark": Story(
        tracks=(Track(LABEL_B, ((d(2024, 1, 1), 700), (d(2028, 12, 31), 900)), planned=False),)
    ),
}


@dataclass(frozen=True)
class Impact:
    neighbourhood: str
    milestone: str
    delay_days: int


@dataclass(frozen=True)
class DemoDevelopment:
    title: str
    description: str
    kind: str
    likelihood: str
    days_ago: int
    impacts: tuple[Impact, ...]
    accepted_days_ago: int | None = None  # None: still open


DEVELOPMENTS = [
    DemoDevelopment(
        "Netcongestie: stroomnet langs de dijk later verzwaard",
        "Netbeheerder Rivierland meldt dat het stroomnet in de regio vol zit. Er is een wachtrij "
        "voor zware aansluitingen. Het verzwaren van het net langs de dijk duurt daardoor negen "
        "maanden langer. Zonder dat net kan de coöperatie de leiding vanaf de Molenbuurt niet "
        "in gebruik nemen, en sluiten de eerste huizen later aan.",
        DevelopmentKind.GRID,
        Likelihood.CERTAIN,
        days_ago=84,
        impacts=(Impact("rivierzicht", "Stroomnet langs de dijk versterkt", 270),),
        accepted_days_ago=35,
    ),
    DemoDevelopment(
        "Afleversets voor het warmtenet later geleverd",
        "De fabrikant van de afleversets (het kastje dat de warmte van het net in huis brengt) "
        "meldt levertijden van vier tot vijf maanden. Het warmtebedrijf zoekt een tweede "
        "leverancier. Lukt dat niet, dan kunnen eigenaren in Zonnehoek en de Akkerflat later "
        "aansluiten.",
        DevelopmentKind.SUPPLIER,
        Likelihood.MEDIUM,
        days_ago=12,
        impacts=(
            Impact("zonnehoek", "Eigenaren kunnen aansluiten", 90),
            Impact("de-akkers", "Akkerflat aangesloten", 120),
        ),
    ),
]


@dataclass(frozen=True)
class Action:
    neighbourhood: str
    title: str
    description: str
    owner: str
    due_in_days: int  # negative: in the past
    status: str
    decided_by: str = ""
    outcome: str = ""
    indicator: str = ""  # a standard code or a custom name: the indicator it answers
    milestone: str = ""  # the milestone it answers


ACTIONS = [
    Action(
        "de-akkers",
        "Extra ploeg voor de aanleg aan de westkant",
        "Zodra de hoofdleiding versterkt is, werkt het warmtebedrijf aan de westkant met twee "
        "ploegen tegelijk. Zo halen we een deel van de achterstand in.",
        WARMTEBEDRIJF,
        120,
        SteeringStatus.IN_PROGRESS,
        DecisionBody.EXECUTIVE,
        indicator=HEAT,
        milestone="Warmtenet westkant aangelegd",
    ),
    Action(
        "de-akkers",
        "Gemeente betaalt mee aan de aansluitbijdrage van de Akkerflat",
        "De VvE stelde haar besluit uit omdat de kosten van de aansluiting niet bekend waren. "
        "De gemeente draagt bij uit het warmtefonds.",
        GEMEENTE,
        -40,
        SteeringStatus.DONE,
        DecisionBody.COUNCIL,
        outcome="De raad stelde € 180.000 beschikbaar. De VvE weet nu wat de aansluiting kost "
        "en besluit in het voorjaar in de ledenvergadering.",
        milestone="Besluit ledenvergadering VvE De Akkerflat",
    ),
    Action(
        "de-akkers",
        "Bewonersavond over de nieuwe planning van de westkant",
        "Bewoners aan de westkant horen wat er mis ging, wanneer hun straat aan de beurt is en "
        "bij wie zij terecht kunnen.",
        GEMEENTE,
        -75,
        SteeringStatus.DONE,
        DecisionBody.EXECUTIVE,
        outcome="Ruim 80 bewoners kwamen. Elke straat aan de westkant weet nu in welk kwartaal "
        "zij aan de beurt is.",
    ),
    Action(
        "rivierzicht",
        "Voorrang voor de verzwaring langs de dijk",
        "De gemeente vraagt de netbeheerder om de verzwaring langs de dijk voorrang te geven, "
        "omdat er een warmtenet van afhangt.",
        NETBEHEERDER,
        60,
        SteeringStatus.IN_PROGRESS,
        DecisionBody.EXECUTIVE,
        milestone="Stroomnet langs de dijk versterkt",
    ),
    Action(
        "rivierzicht",
        "Isoleren straat voor straat langs de dijk",
        "Het energieloket gaat de straten langs met een vast aanbod voor isoleren, zodat "
        "eigenaren niet op het warmtenet hoeven te wachten.",
        ENERGIELOKET,
        150,
        SteeringStatus.DECIDED,
        DecisionBody.COUNCIL,
        indicator=LABEL_B,
    ),
    Action(
        "oude-dorp",
        "Spreekuur van de monumentendeskundige twee dagen per week",
        "Eigenaren wachtten weken op een afspraak met de monumentendeskundige.",
        GEMEENTE,
        -110,
        SteeringStatus.DONE,
        DecisionBody.EXECUTIVE,
        outcome="Sinds het spreekuur krijgen twee keer zoveel eigenaren per maand een advies. "
        "Het isoleren zelf blijft achter, vooral door de wachttijd bij aannemers.",
        indicator=ADVICE_OUDE_DORP.name,
    ),
    Action(
        "oude-dorp",
        "Samen inkopen van monumentenglas en voorzetramen",
        "Een collectieve inkoop met aannemers die ervaring hebben met monumenten.",
        ENERGIELOKET,
        75,
        SteeringStatus.PROPOSED,
        indicator=LABEL_B,
    ),
    Action(
        "zonnehoek",
        "Vaste contactpersoon per blok tijdens de verbouwing",
        "Bewoners wisten niet bij wie zij terecht konden als er iets misging.",
        WOONSTICHTING,
        -200,
        SteeringStatus.DONE,
        DecisionBody.EXECUTIVE,
        outcome="Elk blok heeft een vaste contactpersoon. Het aantal klachten over overlast is "
        "gehalveerd.",
    ),
]


# ---------------------------------------------------------------------------------------------
# Dates and values
# ---------------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return d(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def measurement_dates(every: str, today: dt.date) -> list[dt.date]:
    """Return the dates of two years of measurements, oldest first: month ends before today,
    or quarter ends whose figures are out by today."""
    since = today - dt.timedelta(days=365 * YEARS)
    year, month = today.year, today.month
    dates = []
    for _ in range(12 * YEARS + 4):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        end = _month_end(year, month)
        if end <= since:
            break
        if every == MONTHLY or (month % 3 == 0 and end <= today - PUBLICATION_LAG):
            dates.append(end)
    return dates[::-1]


def data_status(day: dt.date, today: dt.date) -> str:
    age = today - day
    if age >= FINAL_AFTER:
        return DataStatus.FINAL
    if age >= REVISED_AFTER:
        return DataStatus.REVISED
    return DataStatus.PROVISIONAL


def pace_on(pace: tuple[tuple[int, float], ...], day: dt.date, today: dt.date) -> float:
    """The share of the planned change achieved on `day` (see Track.pace)."""
    months_ago = (today - day).days / 30.44
    points = sorted(pace, reverse=True)  # oldest first
    if months_ago >= points[0][0]:
        return points[0][1]
    for (a_ago, a), (b_ago, b) in zip(points, points[1:], strict=False):
        if b_ago <= months_ago <= a_ago:
            return a + (b - a) * (a_ago - months_ago) / (a_ago - b_ago)
    return points[-1][1]


def values(
    track: Track, unit: str, dates: list[dt.date], today: dt.date, cap: int | None
) -> list[Decimal]:
    """The measured values on these dates: the planned change times the pace, with a little
    noise; counts never go down and never exceed the neighbourhood's homes."""
    rng = random.Random(f"{SEED}|{track.indicator}|{track.points}")  # noqa: S311 - demo data
    points = [route.RoutePoint(day, value) for day, value in track.points]
    start = points[0].value
    shown = []
    previous = None
    for day in dates:
        planned = route.planned_value(points, day)
        change = (planned - start) * pace_on(track.pace, day, today)
        value = start + change * (1 + rng.uniform(-0.01, 0.01))
        if unit == IndicatorUnit.COUNT:
            value = round(value)
            if previous is not None:
                value = max(value, previous)
            if cap is not None:
                value = min(value, cap)
            previous = value
            shown.append(Decimal(value))
        else:
            shown.append(Decimal(str(round(value, 1))))
    return shown


# ---------------------------------------------------------------------------------------------
# Seeding
# ---------------------------------------------------------------------------------------------


def has_dashboard(municipality: Municipality) -> bool:
    """Whether the municipality has measurements (besides those Wijkwaarde computes itself),
    developments or steering actions."""
    measured = Measurement.objects.filter(indicator__neighbourhood__municipality=municipality)
    return (
        measured.exclude(via=Measurement.Via.APP).exists()
        or Development.objects.filter(municipality=municipality).exists()
        or SteeringAction.objects.filter(neighbourhood__municipality=municipality).exists()
    )


@transaction.atomic
def seed_route(municipality: Municipality) -> None:
    """Give Zonnedal's neighbourhoods their custom indicators and draft route, unless it has a
    route already. `seed_demo` runs this before the roadmaps are adopted, so that adopting them
    copies the route into each version and its snapshot, as in real use."""
    if RoutePoint.objects.filter(indicator__neighbourhood__municipality=municipality).exists():
        return
    neighbourhoods = {n.slug: n for n in municipality.neighbourhoods.order_by("pk")}
    indicators = _indicators(municipality, neighbourhoods)
    RoutePoint.objects.bulk_create(
        RoutePoint(
            indicator=indicators[neighbourhood.pk][track.indicator],
            date=day,
            value=Decimal(str(value)),
        )
        for slug, story in STORIES.items()
        if (neighbourhood := neighbourhoods.get(slug))
        for track in story.tracks
        if track.planned
        for day, value in track.points
    )


@transaction.atomic
def seed_dashboard(municipality: Municipality) -> None:
    """Give Zonnedal's dashboard its measurements, developments and steering actions (and its
    route, if `seed_route` did not run), unless it has any of those already."""
    if has_dashboard(municipality):
        return
    seed_route(municipality)
    _freeze_into_latest_versions(municipality)
    today = timezone.localdate()
    neighbourhoods = {n.slug: n for n in municipality.neighbourhoods.order_by("pk")}
    parties = {p.name: p for p in municipality.parties.all()}
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=[PROJECT_LEAD, PARTNER])
    }
    indicators = _indicators(municipality, neighbourhoods)
    milestones = _milestones(municipality)
    homes = dict(
        CbsArea.objects.filter(neighbourhood__municipality=municipality)
        .order_by("neighbourhood_id", "reference_year")  # the latest year last: it wins
        .values_list("neighbourhood_id", "homes")
    )

    measurements: list[Measurement] = []
    for slug, story in STORIES.items():
        neighbourhood = neighbourhoods.get(slug)
        if neighbourhood is None:
            continue
        for track in story.tracks:
            indicator = indicators[neighbourhood.pk][track.indicator]
            _describe(indicator, track, parties, milestones.get(neighbourhood.pk, {}))
            if track.every:
                measurements += _measure(
                    indicator, track, today, homes.get(neighbourhood.pk), users
                )
    Measurement.objects.bulk_create(measurements, batch_size=1000)
    for neighbourhood in neighbourhoods.values():
        app_measurements.refresh(neighbourhood, today=today)  # pulse, triangle, participation

    lead = users.get(PROJECT_LEAD)
    for spec in DEVELOPMENTS:
        _record_development(spec, municipality, neighbourhoods, milestones, lead, today)
    for spec in ACTIONS:
        _record_action(spec, neighbourhoods, indicators, milestones, parties, lead, today)


def _indicators(
    municipality: Municipality, neighbourhoods: dict[str, Neighbourhood]
) -> dict[int, dict[str, Indicator]]:
    """Map neighbourhood id → {standard code or custom name: indicator}, creating the custom
    indicators of the story."""
    for neighbourhood in neighbourhoods.values():
        create_standard_indicators(neighbourhood)  # the signal did this; this keeps it certain
    for slug, story in STORIES.items():
        neighbourhood = neighbourhoods.get(slug)
        if neighbourhood is None:
            continue
        for order, custom in enumerate(story.customs, start=len(StandardIndicator)):
            Indicator.objects.get_or_create(
                neighbourhood=neighbourhood,
                code="",
                name=custom.name,
                defaults={
                    "description": custom.description,
                    "category": custom.category,
                    "unit": custom.unit,
                    "direction": custom.direction,
                    "source": custom.source,
                    "order": order,
                },
            )
    found: dict[int, dict[str, Indicator]] = {}
    for indicator in Indicator.objects.filter(neighbourhood__municipality=municipality):
        found.setdefault(indicator.neighbourhood_id, {})[indicator.code or indicator.name] = (
            indicator
        )
    return found


def _milestones(municipality: Municipality) -> dict[int, dict[str, Milestone]]:
    """Map neighbourhood id → {title: milestone}."""
    found: dict[int, dict[str, Milestone]] = {}
    for milestone in Milestone.objects.filter(
        roadmap__neighbourhood__municipality=municipality
    ).select_related("roadmap"):
        found.setdefault(milestone.roadmap.neighbourhood_id, {})[milestone.title] = milestone
    return found


def _describe(
    indicator: Indicator, track: Track, parties: dict[str, Party], milestones: dict[str, Milestone]
) -> None:
    """Set who reports the indicator and the milestone it belongs to."""
    changed = []
    if track.party and track.party in parties:
        indicator.party = parties[track.party]
        changed.append("party")
    if track.milestone and track.milestone in milestones:
        indicator.milestone = milestones[track.milestone]
        changed.append("milestone")
    if changed:
        indicator.save(update_fields=changed)


def _measure(
    indicator: Indicator, track: Track, today: dt.date, homes: int | None, users: dict
) -> list[Measurement]:
    dates = [day for day in measurement_dates(track.every, today) if day >= track.points[0][0]]
    cap = homes if track.indicator in STANDARD_COUNTS else None
    imported = indicator.source in IMPORTED
    if track.party == WOONSTICHTING:
        by = users.get(PARTNER)
    else:
        by = users.get(PROJECT_LEAD)
    recent = today - dt.timedelta(days=92)
    return [
        Measurement(
            indicator=indicator,
            date=day,
            value=value,
            source=indicator.source,
            data_status=data_status(day, today),
            note=track.note if track.note and day >= recent else "",
            via=Measurement.Via.CSV if imported else Measurement.Via.HAND,
            entered_by=by,
        )
        for day, value in zip(dates, values(track, indicator.unit, dates, today, cap), strict=True)
    ]


def _freeze_into_latest_versions(municipality: Municipality) -> None:
    """Copy the draft route to each roadmap's latest version that has no route, as adopting
    would have.

    Only for a roadmap adopted before its neighbourhood had a route: a database where the
    roadmap demo ran before the route was part of the demo (in a fresh one `seed_route` runs
    first and adopting copies the route). The version's snapshot stays without the route: an
    adopted version cannot change.
    """
    latest = (
        RoadmapVersion.objects.filter(roadmap__neighbourhood__municipality=municipality)
        .order_by("roadmap_id", "-number")
        .values_list("roadmap__neighbourhood_id", "pk")
    )
    version_of: dict[int, int] = {}
    for neighbourhood_id, version_id in latest:
        version_of.setdefault(neighbourhood_id, version_id)
    with_route = set(
        RoutePoint.objects.filter(version_id__in=list(version_of.values())).values_list(
            "version_id", flat=True
        )
    )
    missing = {n: v for n, v in version_of.items() if v not in with_route}
    RoutePoint.objects.bulk_create(
        RoutePoint(
            indicator_id=indicator_id,
            version_id=missing[neighbourhood_id],
            date=day,
            value=value,
        )
        for indicator_id, neighbourhood_id, day, value in RoutePoint.objects.filter(
            indicator__neighbourhood_id__in=list(missing), version=None
        ).values_list("indicator_id", "indicator__neighbourhood_id", "date", "value")
    )


def _record_development(
    spec: DemoDevelopment,
    municipality: Municipality,
    neighbourhoods: dict[str, Neighbourhood],
    milestones: dict[int, dict[str, Milestone]],
    lead,
    today: dt.date,
) -> None:
    hit = [
        (milestones[neighbourhoods[i.neighbourhood].pk][i.milestone], i.delay_days)
        for i in spec.impacts
        if i.neighbourhood in neighbourhoods
        and i.milestone in milestones.get(neighbourhoods[i.neighbourhood].pk, {})
    ]
    if not hit:
        return
    development = Development.objects.create(
        municipality=municipality,
        title=spec.title,
        description=spec.description,
        occurs_on=today - dt.timedelta(days=spec.days_ago),
        kind=spec.kind,
        likelihood=spec.likelihood,
        created_by=lead,
    )
    recorded = timezone.now() - dt.timedelta(days=spec.days_ago)
    Development.objects.filter(pk=development.pk).update(created_at=recorded)
    DevelopmentImpact.objects.bulk_create(
        DevelopmentImpact(development=development, milestone=milestone, delay_days=days)
        for milestone, days in hit
    )
    if spec.accepted_days_ago is not None:
        developments.accept(development)  # moves the forecasts and records what it did
        decided = timezone.now() - dt.timedelta(days=spec.accepted_days_ago)
        Development.objects.filter(pk=development.pk).update(decided_at=decided)


def _record_action(
    spec: Action,
    neighbourhoods: dict[str, Neighbourhood],
    indicators: dict[int, dict[str, Indicator]],
    milestones: dict[int, dict[str, Milestone]],
    parties: dict[str, Party],
    lead,
    today: dt.date,
) -> None:
    neighbourhood = neighbourhoods.get(spec.neighbourhood)
    if neighbourhood is None:
        return
    indicator = indicators.get(neighbourhood.pk, {}).get(spec.indicator)
    milestone = milestones.get(neighbourhood.pk, {}).get(spec.milestone)
    if indicator:
        reason = f"indicator:{indicator.pk}"
    elif milestone:
        reason = f"milestone:{milestone.pk}"
    else:
        reason = ""
    owner = parties.get(spec.owner)
    action = SteeringAction.objects.create(
        neighbourhood=neighbourhood,
        title=spec.title,
        description=spec.description,
        owner=owner.name if owner else spec.owner,
        due_on=today + dt.timedelta(days=spec.due_in_days),
        decided_by=spec.decided_by,
        status=spec.status,
        outcome=spec.outcome,
        reason_key=reason,
        indicator=indicator,
        milestone=milestone,
        created_by=lead,
    )
    # Recorded some months before it was due; a finished one was last changed when it was done.
    now = timezone.now()
    created = now + dt.timedelta(days=min(spec.due_in_days, 0) - 120)
    updated = now + dt.timedelta(days=min(spec.due_in_days, 0)) if spec.outcome else created
    SteeringAction.objects.filter(pk=action.pk).update(created_at=created, updated_at=updated)
