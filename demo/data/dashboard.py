"""Zonnedal's dashboard story as records: per neighbourhood the indicators it tracks with their
route and pace, its own indicators, the new developments and the steering actions.
`demo.dashboard` turns them into routes, measurements, developments and actions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard.models import (
    DataSource,
    DevelopmentKind,
    Direction,
    IndicatorCategory,
    IndicatorUnit,
    Likelihood,
    StandardIndicator,
    SteeringStatus,
)
from roadmap.models import DecisionBody

d = dt.date

# Party names as seeded by demo.base (demo.data.base.PARTIES).
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

MONTHLY = "maand"
QUARTERLY = "kwartaal"


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
