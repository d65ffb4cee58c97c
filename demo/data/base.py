"""The fictional Gemeente Zonnedal as records: its neighbourhoods (with the CBS figures each
gets), its parties and the staff who log in. `demo.base.seed_base` turns them into rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from wup.models import HeatSolution, PartyType, Phase, Role

DEMO_PASSWORD = "zonnedal-demo-2026"  # noqa: S105  # nosec B105  # published demo login


@dataclass(frozen=True)
class DemoNeighbourhood:
    slug: str
    name: str
    code: str
    phase: str
    solution: str
    strategy: str | None
    year: int | None
    homes: int
    owner: float
    corporation: float
    gas: int
    pre_2000: float
    summary: str


NEIGHBOURHOODS = [
    DemoNeighbourhood(
        "zonnehoek",
        "Zonnehoek",
        "BU19990101",
        Phase.IMPLEMENTING,
        HeatSolution.HEAT_NETWORK_HT_MT,
        "S2",
        2030,
        1840,
        38.0,
        52.0,
        1150,
        96.0,
        "Flats en portiekwoningen uit de jaren zestig. De woningcorporatie bezit de meeste "
        "woningen en sluit ze in blokken aan op het warmtenet, dat restwarmte uit het "
        "bedrijventerrein gebruikt. Eigenaren kunnen meedoen tegen hetzelfde tarief.",
    ),
    DemoNeighbourhood(
        "de-akkers",
        "De Akkers",
        "BU19990102",
        Phase.IMPLEMENTING,
        HeatSolution.HEAT_NETWORK_HT_MT,
        "S2",
        2031,
        1210,
        45.0,
        47.0,
        1220,
        98.0,
        "Rijtjeshuizen en flats rond het winkelcentrum. De aanleg van het warmtenet loopt; de "
        "straten aan de oostkant zijn als eerste aan de beurt.",
    ),
    DemoNeighbourhood(
        "molenbuurt",
        "Molenbuurt",
        "BU19990201",
        Phase.DECIDING,
        HeatSolution.HEAT_NETWORK_LT,
        "S3",
        2033,
        960,
        58.0,
        30.0,
        1340,
        99.0,
        "Een oude dorpskern met veel vooroorlogse huizen. Bewoners en de energiecoöperatie werken "
        "aan een warmtenet op lage temperatuur met warmte uit de rivier.",
    ),
    DemoNeighbourhood(
        "rivierzicht",
        "Rivierzicht",
        "BU19990202",
        Phase.DECIDING,
        HeatSolution.HEAT_NETWORK_LT,
        "S3",
        2034,
        720,
        71.0,
        18.0,
        1480,
        85.0,
        "Grote koopwoningen langs de dijk. Het wijkuitvoeringsplan ligt ter inzage; de "
        "gemeenteraad besluit dit voorjaar.",
    ),
    DemoNeighbourhood(
        "bloemenwijk",
        "Bloemenwijk",
        "BU19990301",
        Phase.PLANNING,
        HeatSolution.ALL_ELECTRIC,
        "S1",
        2035,
        1430,
        74.0,
        16.0,
        1290,
        88.0,
        "Eengezinswoningen uit de jaren zeventig en tachtig. Goed isoleren en daarna een "
        "warmtepomp lijkt hier het beste te passen; bewoners toetsen dat in dialoogsessies.",
    ),
    DemoNeighbourhood(
        "het-weiland",
        "Het Weiland",
        "BU19990302",
        Phase.PLANNING,
        HeatSolution.HYBRID,
        "S4",
        2036,
        1050,
        66.0,
        24.0,
        1380,
        92.0,
        "Een gemengde wijk met veel hoekwoningen. De hybride warmtepomp is de voorkeur voor de "
        "komende jaren, als tussenstap.",
    ),
    DemoNeighbourhood(
        "kerkeveld",
        "Kerkeveld",
        "BU19990303",
        Phase.PLANNING,
        HeatSolution.MIX,
        None,
        2037,
        880,
        52.0,
        40.0,
        1260,
        97.0,
        "Flats van de corporatie naast vrijstaande huizen. Per type woning komt een andere "
        "oplossing; daar praten bewoners en partijen nu over.",
    ),
    DemoNeighbourhood(
        "de-gaarde",
        "De Gaarde",
        "BU19990401",
        Phase.EXPLORING,
        HeatSolution.UNKNOWN,
        None,
        None,
        1620,
        61.0,
        29.0,
        1190,
        94.0,
        "De verkenning is net begonnen. We brengen in kaart welke woningen er zijn en wat "
        "bewoners belangrijk vinden.",
    ),
    DemoNeighbourhood(
        "lindehof",
        "Lindehof",
        "BU19990402",
        Phase.EXPLORING,
        HeatSolution.UNKNOWN,
        None,
        None,
        540,
        82.0,
        8.0,
        1560,
        79.0,
        "Een kleine buurt met vooral vrijstaande huizen. De gemeente start hier in 2027 met "
        "gesprekken.",
    ),
    DemoNeighbourhood(
        "havenkwartier",
        "Havenkwartier",
        "BU19990501",
        Phase.MANAGING,
        HeatSolution.HEAT_NETWORK_HT_MT,
        "S2",
        2026,
        680,
        30.0,
        55.0,
        240,
        12.0,
        "Een nieuwe wijk op het oude haventerrein, vanaf het begin aangesloten op het warmtenet. "
        "Hier leren we hoe beheer en evaluatie gaan.",
    ),
    DemoNeighbourhood(
        "oude-dorp",
        "Oude Dorp",
        "BU19990502",
        Phase.DECIDING,
        HeatSolution.SUSTAINABLE_GAS,
        "S5",
        2040,
        430,
        77.0,
        12.0,
        1720,
        100.0,
        "Monumentale panden in het beschermd dorpsgezicht. Volledig elektrisch is hier lastig; "
        "de voorkeur is groen gas met extra isolatie waar dat kan.",
    ),
    DemoNeighbourhood(
        "noorderpark",
        "Noorderpark",
        "BU19990601",
        Phase.EXPLORING,
        HeatSolution.UNKNOWN,
        None,
        None,
        2210,
        48.0,
        41.0,
        1100,
        90.0,
        "De grootste wijk van Zonnedal. Eerst komt een goede verkenning met bewoners en de "
        "huurdersvereniging.",
    ),
]

PARTIES = [
    ("Gemeente Zonnedal", PartyType.MUNICIPALITY, "Regisseur van de warmtetransitie.", "all"),
    (
        "Woonstichting Zonnedal",
        PartyType.HOUSING_CORPORATION,
        "Bezit ongeveer een derde van de woningen en gaat voorop met isoleren.",
        "corporation",
    ),
    (
        "Huurdersvereniging Samen Thuis",
        PartyType.TENANT_ORGANISATION,
        "Praat mee namens de huurders van de woonstichting.",
        "corporation",
    ),
    (
        "Netbeheerder Rivierland",
        PartyType.GRID_OPERATOR,
        "Beheert het gas- en stroomnet en maakt het net klaar voor warmtepompen.",
        "all",
    ),
    (
        "Warmtebedrijf Zonnedal",
        PartyType.HEAT_COMPANY,
        "Legt het warmtenet aan en beheert het.",
        "network",
    ),
    (
        "Energiecoöperatie De Zonnewijzer",
        PartyType.ENERGY_COOPERATIVE,
        "Bewoners die samen energie opwekken en een buurtwarmtenet willen.",
        "lt",
    ),
    (
        "VvE De Akkerflat",
        PartyType.HOMEOWNERS_ASSOCIATION,
        "Vereniging van eigenaren van de grote flat in De Akkers.",
        "de-akkers",
    ),
    (
        "Wijkraad Molenbuurt",
        PartyType.NEIGHBOURHOOD_COUNCIL,
        "Denkt mee namens de bewoners van de oude dorpskern.",
        "molenbuurt",
    ),
    (
        "Ondernemersvereniging Zonnedal",
        PartyType.BUSINESS,
        "Winkels en bedrijven in de wijken.",
        "zonnehoek",
    ),
    (
        "Energieloket Rivierland",
        PartyType.ENERGY_DESK,
        "Geeft bewoners gratis advies over isoleren en subsidies.",
        "all",
    ),
]

USERS = [
    ("beheerder@zonnedal.example", "Bea Beheer", Role.ADMIN),
    ("projectleider@zonnedal.example", "Piet Projectleider", Role.PROJECT_LEAD),
    ("raadslid@zonnedal.example", "Rana Raadslid", Role.COUNCIL_MEMBER),
    ("partner@zonnedal.example", "Paul Partner", Role.PARTNER),
]
