"""Zonnedal's roadmaps as records: per neighbourhood a `Plan` with the municipality's roles,
the parties' ambitions, core values, milestones, agreements and safeguards, and its history of
adoptions and amendments. `demo.roadmap` builds and adopts them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roadmap.models import (
    AgreementStatus,
    AgreementType,
    DecisionBody,
    MilestoneStatus,
    MunicipalRoleType,
    SafeguardStatus,
    SafeguardType,
    WooCategory,
)
from wup.models import Phase

d = dt.date

# Party names as seeded by demo.base (demo.data.base.PARTIES).
GEMEENTE = "Gemeente Zonnedal"
WOONSTICHTING = "Woonstichting Zonnedal"
HUURDERS = "Huurdersvereniging Samen Thuis"
NETBEHEERDER = "Netbeheerder Rivierland"
WARMTEBEDRIJF = "Warmtebedrijf Zonnedal"
COOPERATIE = "Energiecoöperatie De Zonnewijzer"
VVE = "VvE De Akkerflat"
WIJKRAAD = "Wijkraad Molenbuurt"
ONDERNEMERS = "Ondernemersvereniging Zonnedal"
ENERGIELOKET = "Energieloket Rivierland"

REGISSEUR = MunicipalRoleType.DIRECTOR
AANJAGER = MunicipalRoleType.INITIATOR
FACILITATOR = MunicipalRoleType.FACILITATOR
PARTNER = MunicipalRoleType.PARTNER
OPDRACHTGEVER = MunicipalRoleType.CLIENT

GEPLAND = MilestoneStatus.PLANNED
OP_SCHEMA = MilestoneStatus.ON_SCHEDULE
RISICO = MilestoneStatus.AT_RISK
VERTRAAGD = MilestoneStatus.DELAYED
BEHAALD = MilestoneStatus.ACHIEVED

OPEN = SafeguardStatus.OPEN
IN_UITWERKING = SafeguardStatus.IN_PROGRESS
GEBORGD = SafeguardStatus.SECURED

BETAALBAAR = SafeguardType.AFFORDABILITY
TERMIJN = SafeguardType.REASONABLE_TERM
ALTERNATIEF = SafeguardType.ALTERNATIVE_AVAILABLE
DOENVERMOGEN = SafeguardType.CAPACITY_TO_ACT
KEUZE = SafeguardType.FREE_CHOICE
PARTICIPATIE = SafeguardType.PARTICIPATION


# ---------------------------------------------------------------------------------------------
# The shape of a demo roadmap
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Amb:
    party: str
    text: str
    value: int | None = None
    unit: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Value:
    """A core value; `themes` pick the agreed dialogue outcomes it rests on (at most two)."""

    name: str
    why: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Ms:
    key: str
    title: str
    owner: str
    baseline: dt.date
    description: str = ""
    after: tuple[str, ...] = ()
    status: str = GEPLAND
    forecast: dt.date | None = None
    achieved: dt.date | None = None


@dataclass(frozen=True)
class Deal:
    title: str
    description: str
    kind: str
    parties: tuple[str, ...]
    status: str = AgreementStatus.DRAFT
    signed_on: dt.date | None = None
    woo: str = WooCategory.COVENANTS


# Steps after the first content: adoptions and the changes between them.


@dataclass(frozen=True)
class Adopt:
    by: str
    on: dt.date
    reference: str
    reason: str = ""


@dataclass(frozen=True)
class MoveMilestone:
    key: str
    baseline: dt.date
    description: str


@dataclass(frozen=True)
class RaiseAmbition:
    party: str
    text: str
    value: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class AddValue:
    value: Value


@dataclass(frozen=True)
class AddMilestone:
    milestone: Ms


@dataclass(frozen=True)
class UpdateDeal:
    title: str
    status: str
    signed_on: dt.date | None = None


@dataclass(frozen=True)
class UpdateSafeguard:
    kind: str
    status: str
    evidence: str


@dataclass(frozen=True)
class Plan:
    summary: str
    roles: dict[str, tuple[str, str]]
    ambitions: tuple[Amb, ...]
    values: tuple[Value, ...]
    milestones: tuple[Ms, ...]
    deals: tuple[Deal, ...]
    safeguards: dict[str, tuple[str, str]]
    history: tuple = field(default=())


# ---------------------------------------------------------------------------------------------
# Zonnehoek (uitvoering): warmtenet op restwarmte, the woonstichting leads. Version 2 by the raad.
# ---------------------------------------------------------------------------------------------

ZONNEHOEK = Plan(
    summary="Zonnehoek gaat van het aardgas af via een warmtenet. De warmte komt van de bedrijven "
    "op het bedrijventerrein, die nu hun warmte weggooien. De woonstichting begint met haar flats "
    "en isoleert die eerst tot label B. Daarna volgen de portiekwoningen, de koophuizen en de "
    "winkels rond het plein. Eigenaren betalen hetzelfde tarief als huurders. Eind 2030 haalt de "
    "netbeheerder het gasnet weg.",
    roles={
        Phase.EXPLORING: (
            REGISSEUR,
            "De gemeente bracht de woonstichting, het warmtebedrijf en bewoners bij elkaar en liet "
            "onderzoeken of de restwarmte van het bedrijventerrein genoeg is voor de wijk.",
        ),
        Phase.PLANNING: (
            REGISSEUR,
            "De gemeente schreef het plan samen met de partijen en bewoners. Zij lette erop dat "
            "huurders en eigenaren allebei een eerlijk aanbod krijgen.",
        ),
        Phase.DECIDING: (
            REGISSEUR,
            "De gemeenteraad besluit over het plan. De gemeente zorgt dat de inbreng uit de "
            "dialoogsessies bij dat besluit op tafel ligt.",
        ),
        Phase.IMPLEMENTING: (
            FACILITATOR,
            "Het warmtebedrijf en de woonstichting voeren het werk uit. De gemeente regelt de "
            "vergunningen en de planning van de straten, en bewaakt de afspraken.",
        ),
        Phase.MANAGING: (
            PARTNER,
            "De gemeente kijkt elk jaar samen met bewoners en het warmtebedrijf of de afspraken "
            "over prijs en service worden nagekomen.",
        ),
    },
    ambitions=(
        Amb(
            WOONSTICHTING,
            "Alle 640 flats in 2029 op label B en aangesloten op het warmtenet.",
            640,
            "woningen",
            2029,
        ),
        Amb(
            WARMTEBEDRIJF,
            "In 2030 krijgen 1.500 woningen en de winkels rond het plein warmte uit het "
            "warmtenet, voor minstens 80 procent uit restwarmte.",
            1500,
            "aansluitingen",
            2030,
        ),
        Amb(
            NETBEHEERDER,
            "Het gasnet in Zonnehoek is eind 2030 weggehaald. Het stroomnet is dan klaar voor "
            "koken op inductie.",
        ),
        Amb(GEMEENTE, "Zonnehoek is in 2030 aardgasvrij.", 1840, "woningen", 2030),
        Amb(
            ENERGIELOKET,
            "Elke eigenaar in Zonnehoek krijgt voor eind 2027 een gratis adviesgesprek over "
            "isoleren en aansluiten.",
            700,
            "adviesgesprekken",
            2027,
        ),
        Amb(
            HUURDERS,
            "Geen huurder gaat er in woonlasten op achteruit. Wij controleren dat elk jaar samen "
            "met de woonstichting.",
        ),
        Amb(
            ONDERNEMERS,
            "De winkels en bedrijven rond het plein zijn in 2028 aangesloten op het warmtenet.",
            20,
            "aansluitingen",
            2028,
        ),
    ),
    values=(
        Value(
            "Betaalbaar voor iedereen",
            "Huurders en eigenaren zijn bang dat hun woonlasten stijgen. De overstap lukt alleen "
            "als niemand er op achteruitgaat, en als eigenaren en huurders hetzelfde betalen.",
            ("huur", "eerlijk"),
        ),
        Value(
            "Open over de prijs",
            "Er is maar één warmtebedrijf. Daarom moet iedereen kunnen zien hoe het tarief is "
            "opgebouwd.",
            ("monopolie",),
        ),
        Value(
            "Eerst isoleren",
            "Een goed geïsoleerd huis heeft minder warmte nodig. Dat houdt de rekening laag en "
            "het huis comfortabel.",
            ("isolatie",),
        ),
    ),
    milestones=(
        Ms(
            "permit",
            "Vergunning warmtenet",
            GEMEENTE,
            d(2025, 3, 1),
            "De gemeente geeft de vergunning voor de leidingen onder de straten.",
            status=BEHAALD,
            achieved=d(2025, 2, 20),
        ),
        Ms(
            "source",
            "Contract restwarmte bedrijventerrein",
            WARMTEBEDRIJF,
            d(2025, 4, 1),
            "Het warmtebedrijf spreekt met twee bedrijven af dat zij hun restwarmte leveren.",
            status=BEHAALD,
            achieved=d(2025, 4, 15),
        ),
        Ms(
            "net1",
            "Warmtenet fase 1 aangelegd",
            WARMTEBEDRIJF,
            d(2025, 10, 1),
            "De hoofdleiding en de leidingen naar de flats aan de zuidkant.",
            after=("permit", "source"),
            status=BEHAALD,
            achieved=d(2025, 9, 26),
        ),
        Ms(
            "blocks_ab",
            "Flats blok A en B aangesloten",
            WOONSTICHTING,
            d(2025, 12, 1),
            "De eerste 240 flats krijgen warmte uit het warmtenet.",
            after=("net1",),
            status=BEHAALD,
            achieved=d(2025, 12, 12),
        ),
        Ms(
            "block_c",
            "Flats blok C aangesloten",
            WOONSTICHTING,
            d(2026, 1, 15),
            "De volgende 200 flats.",
            after=("net1",),
            status=BEHAALD,
            achieved=d(2026, 4, 9),
        ),
        Ms(
            "label_b",
            "Flats van de woonstichting op label B",
            WOONSTICHTING,
            d(2027, 6, 30),
            "Nieuwe ramen, isolatie van dak en gevel en ventilatie.",
            status=OP_SCHEMA,
            forecast=d(2027, 6, 30),
        ),
        Ms(
            "net2",
            "Warmtenet fase 2 aangelegd",
            WARMTEBEDRIJF,
            d(2027, 10, 1),
            "Leidingen naar de portiekwoningen, de koophuizen en het plein.",
            after=("net1",),
            status=OP_SCHEMA,
            forecast=d(2027, 10, 1),
        ),
        Ms(
            "owners",
            "Eigenaren kunnen aansluiten",
            WARMTEBEDRIJF,
            d(2028, 1, 1),
            "Elke eigenaar krijgt een aanbod tegen hetzelfde tarief als huurders.",
            after=("net2",),
        ),
        Ms(
            "all_corp",
            "Alle corporatiewoningen aangesloten",
            WOONSTICHTING,
            d(2029, 12, 31),
            after=("label_b", "net2"),
        ),
        Ms(
            "gas_off",
            "Gasnet Zonnehoek weggehaald",
            NETBEHEERDER,
            d(2030, 12, 31),
            "Pas als iedereen een ander alternatief heeft, haalt de netbeheerder het gasnet weg.",
            after=("all_corp", "owners"),
        ),
    ),
    deals=(
        Deal(
            "Intentieovereenkomst warmtenet Zonnehoek",
            "De partijen spreken uit dat zij samen een warmtenet op restwarmte willen aanleggen.",
            AgreementType.LETTER_OF_INTENT,
            (GEMEENTE, WOONSTICHTING, WARMTEBEDRIJF),
            AgreementStatus.ADOPTED,
            d(2024, 4, 22),
        ),
        Deal(
            "Convenant warmtenet Zonnehoek",
            "Wie wat doet en betaalt, de volgorde van de blokken, en de afspraak dat de "
            "woonlasten van huurders niet stijgen.",
            AgreementType.COVENANT,
            (GEMEENTE, WOONSTICHTING, WARMTEBEDRIJF, NETBEHEERDER, HUURDERS),
        ),
        Deal(
            "Afspraak gelijk tarief voor eigenaren",
            "Eigenaren betalen voor warmte niet meer dan huurders in een vergelijkbare woning. "
            "Het warmtebedrijf maakt elk jaar de opbouw van het tarief openbaar.",
            AgreementType.COOPERATION,
            (GEMEENTE, WARMTEBEDRIJF),
            AgreementStatus.ADOPTED,
            d(2024, 12, 5),
        ),
    ),
    safeguards={
        BETAALBAAR: (
            GEBORGD,
            "In het convenant staat dat de woonlasten van huurders niet stijgen. Eigenaren "
            "betalen hetzelfde tarief als huurders. Het warmtebedrijf publiceert elk jaar hoe "
            "het tarief is opgebouwd.",
        ),
        TERMIJN: (
            GEBORGD,
            "Het gasnet gaat pas eind 2030 dicht, zes jaar na het besluit. Elke straat hoort "
            "minstens een jaar van tevoren wanneer zij aan de beurt is.",
        ),
        ALTERNATIEF: (
            IN_UITWERKING,
            "Het contract voor restwarmte is getekend. Fase 1 van het warmtenet wordt in 2025 "
            "aangelegd, fase 2 in 2027.",
        ),
        DOENVERMOGEN: (
            IN_UITWERKING,
            "Het energieloket geeft gratis advies en helpt bij de aanvraag van subsidie. Voor "
            "huishoudens met een laag inkomen zoeken we nog een regeling voor de "
            "aansluitbijdrage.",
        ),
        KEUZE: (
            GEBORGD,
            "Eigenaren mogen ook kiezen voor een eigen warmtepomp of een ander aardgasvrij "
            "alternatief. Het energieloket helpt hen daarbij.",
        ),
        PARTICIPATIE: (
            GEBORGD,
            "Twee dialoogsessies in 2024. De uitkomsten staan in de kernwaarden. Tegen het "
            "besluit om het gasnet weg te halen kunnen bewoners bezwaar maken.",
        ),
    },
    history=(
        Adopt(DecisionBody.EXECUTIVE, d(2024, 12, 17), "B&W 2024-1187"),
        UpdateDeal("Convenant warmtenet Zonnehoek", AgreementStatus.IN_PROGRESS, d(2025, 1, 30)),
        UpdateDeal("Intentieovereenkomst warmtenet Zonnehoek", AgreementStatus.FULFILLED),
        RaiseAmbition(
            WOONSTICHTING,
            "Alle 960 corporatiewoningen, dus ook de portiekwoningen, in 2029 op label B en "
            "aangesloten op het warmtenet.",
            960,
            2029,
        ),
        MoveMilestone(
            "block_c",
            d(2026, 4, 15),
            "De volgende 200 flats. De aansluiting schuift naar het voorjaar, zodat bewoners "
            "niet in de winter zonder verwarming zitten.",
        ),
        AddValue(
            Value(
                "Weinig gedoe tijdens de verbouwing",
                "Bewoners willen op tijd weten wanneer hun straat open gaat, en bij wie zij "
                "terecht kunnen. Dan is de overlast beter te dragen.",
                ("gedoe", "timing"),
            )
        ),
        UpdateSafeguard(
            ALTERNATIEF,
            GEBORGD,
            "Fase 1 van het warmtenet ligt er en levert sinds oktober 2025 warmte aan de flats. "
            "Fase 2 volgt in 2027.",
        ),
        UpdateSafeguard(
            PARTICIPATIE,
            GEBORGD,
            "Drie dialoogsessies: maart 2024, november 2024 en september 2025. De uitkomsten "
            "staan in de kernwaarden. Tegen het besluit om het gasnet weg te halen kunnen "
            "bewoners bezwaar maken.",
        ),
        Adopt(
            DecisionBody.COUNCIL,
            d(2025, 11, 27),
            "Raadsbesluit 2025-094",
            "Na de dialoogsessie van september 2025 over de aanleg passen we de routekaart aan. "
            "De woonstichting neemt ook haar portiekwoningen mee. Blok C sluit in het voorjaar "
            "aan in plaats van midden in de winter. En 'Weinig gedoe tijdens de verbouwing' is "
            "een nieuwe kernwaarde.",
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# De Akkers (uitvoering): the story of the dashboard. The west side and the VvE run late.
# ---------------------------------------------------------------------------------------------

DE_AKKERS = Plan(
    summary="De Akkers gaat straat voor straat over op het warmtenet van Warmtebedrijf Zonnedal. "
    "De oostkant is klaar. De westkant loopt vertraging op: na de storing in de winter versterkt "
    "het warmtebedrijf eerst de hoofdleiding. De grote flat van de VvE sluit in één keer aan, "
    "als de leden daarover hebben besloten.",
    roles={
        Phase.EXPLORING: (
            REGISSEUR,
            "De gemeente zocht samen met de woonstichting uit welke oplossing past bij de "
            "rijtjeshuizen en flats rond het winkelcentrum.",
        ),
        Phase.PLANNING: (
            REGISSEUR,
            "De gemeente maakte het plan met bewoners, de woonstichting, het warmtebedrijf en "
            "de VvE van de Akkerflat.",
        ),
        Phase.DECIDING: (
            REGISSEUR,
            "Het college en de gemeenteraad besluiten. De gemeente legt uit wat er met de "
            "inbreng van bewoners is gedaan.",
        ),
        Phase.IMPLEMENTING: (
            OPDRACHTGEVER,
            "De gemeente betaalt mee aan de leidingen in de openbare ruimte. Daarom is zij "
            "opdrachtgever voor het werk in de straten en bewaakt zij de planning.",
        ),
        Phase.MANAGING: (
            PARTNER,
            "De gemeente blijft met het warmtebedrijf en bewoners in gesprek over service en "
            "storingen.",
        ),
    },
    ambitions=(
        Amb(
            WOONSTICHTING,
            "Alle 570 corporatiewoningen in 2028 op label B en aangesloten op het warmtenet.",
            570,
            "woningen",
            2028,
        ),
        Amb(
            WARMTEBEDRIJF,
            "In 2030 krijgen 1.100 woningen en het winkelcentrum warmte uit het warmtenet.",
            1100,
            "aansluitingen",
            2030,
        ),
        Amb(
            NETBEHEERDER,
            "Het gasnet in De Akkers is in 2031 weggehaald.",
            None,
            "",
            2031,
        ),
        Amb(
            VVE,
            "De Akkerflat sluit in één keer aan, zodat de bewoners één keer overlast hebben.",
            120,
            "appartementen",
            2027,
        ),
        Amb(GEMEENTE, "De Akkers is in 2031 aardgasvrij.", 1210, "woningen", 2031),
        Amb(
            ENERGIELOKET,
            "Elke eigenaar van een rijtjeshuis weet voor de aanleg in zijn straat wat de "
            "aansluiting kost.",
        ),
    ),
    values=(
        Value(
            "Weinig overlast",
            "Niemand wil maanden in een open straat wonen. Daarom werken we straat voor straat.",
            ("gedoe",),
        ),
        Value(
            "Samen beslissen",
            "Een VvE beslist samen in de ledenvergadering. Die tijd en die hulp geven we haar.",
            ("samen",),
        ),
    ),
    milestones=(
        Ms(
            "permit",
            "Vergunning warmtenet",
            GEMEENTE,
            d(2025, 1, 31),
            status=BEHAALD,
            achieved=d(2025, 1, 28),
        ),
        Ms(
            "east",
            "Warmtenet oostkant aangelegd",
            WARMTEBEDRIJF,
            d(2025, 5, 31),
            "De straten tussen het winkelcentrum en de ringweg.",
            after=("permit",),
            status=BEHAALD,
            achieved=d(2025, 5, 23),
        ),
        Ms(
            "east_homes",
            "Woningen oostkant aangesloten",
            WOONSTICHTING,
            d(2025, 9, 30),
            after=("east",),
            status=BEHAALD,
            achieved=d(2025, 10, 14),
        ),
        Ms(
            "vve",
            "Besluit ledenvergadering VvE De Akkerflat",
            VVE,
            d(2026, 3, 31),
            "De ledenvergadering stelde het besluit uit tot de aansluitbijdrage voor de flat "
            "bekend is.",
            status=VERTRAAGD,
            forecast=d(2027, 3, 31),
        ),
        Ms(
            "west",
            "Warmtenet westkant aangelegd",
            WARMTEBEDRIJF,
            d(2026, 9, 30),
            "Na de storing in de winter versterkt het warmtebedrijf eerst de hoofdleiding.",
            after=("east",),
            status=VERTRAAGD,
            forecast=d(2027, 4, 30),
        ),
        Ms(
            "west_homes",
            "Woningen westkant aangesloten",
            WOONSTICHTING,
            d(2027, 6, 30),
            "Dit hangt af van de aanleg aan de westkant.",
            after=("west",),
            status=RISICO,
        ),
        Ms(
            "flat",
            "Akkerflat aangesloten",
            WARMTEBEDRIJF,
            d(2027, 12, 31),
            after=("vve", "west"),
        ),
        Ms(
            "shops",
            "Winkelcentrum aangesloten",
            WARMTEBEDRIJF,
            d(2028, 6, 30),
            after=("west",),
        ),
        Ms(
            "gas_off",
            "Gasnet De Akkers weggehaald",
            NETBEHEERDER,
            d(2031, 6, 30),
            after=("west_homes", "flat", "shops"),
        ),
    ),
    deals=(
        Deal(
            "Intentieovereenkomst warmtenet De Akkers",
            "Gemeente, woonstichting en warmtebedrijf willen samen De Akkers op het warmtenet "
            "aansluiten.",
            AgreementType.LETTER_OF_INTENT,
            (GEMEENTE, WOONSTICHTING, WARMTEBEDRIJF),
            AgreementStatus.FULFILLED,
            d(2024, 2, 8),
        ),
        Deal(
            "Convenant warmtenet De Akkers",
            "De volgorde van de straten, wie wat betaalt en hoe we bewoners informeren.",
            AgreementType.COVENANT,
            (GEMEENTE, WOONSTICHTING, WARMTEBEDRIJF, NETBEHEERDER),
            AgreementStatus.IN_PROGRESS,
            d(2024, 7, 4),
        ),
    ),
    safeguards={
        BETAALBAAR: (
            IN_UITWERKING,
            "Huurders van de woonstichting gaan er niet op achteruit. Over hulp bij de "
            "aansluitbijdrage voor eigenaren met een laag inkomen zijn we het nog niet eens.",
        ),
        TERMIJN: (
            GEBORGD,
            "Het gasnet gaat pas in 2031 dicht. Elke straat hoort een jaar van tevoren wanneer "
            "zij aan de beurt is.",
        ),
        ALTERNATIEF: (
            IN_UITWERKING,
            "Aan de oostkant ligt het warmtenet er. Aan de westkant is de aanleg vertraagd tot "
            "2027.",
        ),
        DOENVERMOGEN: (
            IN_UITWERKING,
            "Het energieloket helpt de VvE bij haar besluit en geeft eigenaren gratis advies.",
        ),
        KEUZE: (
            GEBORGD,
            "Eigenaren mogen kiezen voor een eigen warmtepomp in plaats van het warmtenet.",
        ),
        PARTICIPATIE: (
            GEBORGD,
            "Dialoogsessies in mei 2024 en juni 2025. Bewoners kunnen bezwaar maken tegen het "
            "besluit over het gasnet.",
        ),
    },
    history=(
        Adopt(DecisionBody.EXECUTIVE, d(2024, 9, 10), "B&W 2024-0803"),
        AddValue(
            Value(
                "Betrouwbare warmte",
                "De storing in de winter zit bewoners dwars. Wie van het warmtenet afhangt, moet "
                "snel weten wat er aan de hand is.",
                ("vertrouwen",),
            )
        ),
        RaiseAmbition(
            WARMTEBEDRIJF,
            "In 2030 krijgen 1.100 woningen en het winkelcentrum warmte uit het warmtenet. Een "
            "storing meldt het warmtebedrijf binnen een uur per sms en op de website.",
            1100,
            2030,
        ),
        Adopt(
            DecisionBody.COUNCIL,
            d(2025, 10, 30),
            "Raadsbesluit 2025-071",
            "Na de dialoogsessie van juni 2025 over de tussenstand voegen we de kernwaarde "
            "'Betrouwbare warmte' toe. Het warmtebedrijf belooft een storing binnen een uur te "
            "melden.",
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# Molenbuurt (besluitvorming): warmte uit de rivier, owned by a co-operative. Version 2 by the
# raad, and draft changes after it.
# ---------------------------------------------------------------------------------------------

MOLENBUURT = Plan(
    summary="De Molenbuurt krijgt een warmtenet op lage temperatuur met warmte uit de rivier. "
    "Bewoners worden samen eigenaar via een warmtecoöperatie van Energiecoöperatie De "
    "Zonnewijzer, zodat zij meebeslissen over de prijs. Eerst worden de huizen goed geïsoleerd. "
    "Het gasnet gaat niet voor 2033 dicht.",
    roles={
        Phase.EXPLORING: (
            AANJAGER,
            "Het idee kwam van bewoners en de energiecoöperatie. De gemeente gaf het een duw en "
            "betaalde een onafhankelijk onderzoek naar de warmte uit de rivier.",
        ),
        Phase.PLANNING: (
            REGISSEUR,
            "De gemeente maakt het plan samen met de coöperatie, de woonstichting en de "
            "wijkraad. Bewoners beslissen mee over de keuzes.",
        ),
        Phase.DECIDING: (
            REGISSEUR,
            "De gemeenteraad besluit over het plan en wijst de Molenbuurt aan in het "
            "omgevingsplan. Geen besluit zonder een bewonersavond vooraf.",
        ),
        Phase.IMPLEMENTING: (
            FACILITATOR,
            "De coöperatie legt het warmtenet aan. De gemeente helpt met vergunningen, een "
            "lening en de planning van de straten.",
        ),
        Phase.MANAGING: (
            PARTNER,
            "De coöperatie beheert het warmtenet. De gemeente blijft betrokken als partner en "
            "kijkt mee of de afspraken over de prijs worden nagekomen.",
        ),
    },
    ambitions=(
        Amb(
            COOPERATIE,
            "In 2031 krijgen 700 woningen warmte uit de rivier. Bewoners beslissen als lid mee "
            "over het tarief.",
            700,
            "woningen",
            2031,
        ),
        Amb(
            WOONSTICHTING,
            "Alle 290 corporatiewoningen in 2027 op label B en klaar voor warmte op lage "
            "temperatuur.",
            290,
            "woningen",
            2027,
        ),
        Amb(GEMEENTE, "De Molenbuurt is in 2033 aardgasvrij.", 960, "woningen", 2033),
        Amb(
            NETBEHEERDER,
            "Het stroomnet is in 2028 sterk genoeg voor de grote warmtepompen van het warmtenet.",
        ),
        Amb(
            ENERGIELOKET,
            "400 eigenaren krijgen voor eind 2027 een advies op maat over isoleren.",
            400,
            "adviezen",
            2027,
        ),
        Amb(
            WIJKRAAD,
            "In elke straat is een bewoner het vaste aanspreekpunt tijdens de aanleg.",
        ),
        Amb(
            WARMTEBEDRIJF,
            "Het warmtebedrijf deelt zijn kennis en doet het technische beheer in opdracht van "
            "de coöperatie.",
        ),
    ),
    values=(
        Value(
            "Samen eigenaar",
            "Bewoners willen meebeslissen over de prijs. Daarom komt het warmtenet in handen van "
            "een coöperatie van bewoners.",
            ("monopolie",),
        ),
        Value(
            "Echt luisteren",
            "Bewoners twijfelden of de gemeente echt luistert. Daarom is er een onafhankelijk "
            "onderzoek en geen besluit zonder bewonersavond.",
            ("vertrouwen",),
        ),
        Value(
            "Iedereen doet mee",
            "Niet iedereen komt naar een avond. Met een keukentafelgesprek in elke straat "
            "bereiken we ook de mensen die we anders missen.",
            ("samen",),
        ),
    ),
    milestones=(
        Ms(
            "study",
            "Onafhankelijk onderzoek warmte uit de rivier",
            GEMEENTE,
            d(2025, 1, 31),
            "Geeft de rivier genoeg warmte voor de hele buurt, ook in een koude winter?",
            status=BEHAALD,
            achieved=d(2025, 1, 24),
        ),
        Ms(
            "coop",
            "Warmtecoöperatie Molenbuurt opgericht",
            COOPERATIE,
            d(2025, 6, 30),
            after=("study",),
            status=BEHAALD,
            achieved=d(2025, 6, 19),
        ),
        Ms(
            "permit",
            "Vergunning warmtenet",
            GEMEENTE,
            d(2026, 3, 31),
            "De vergunning voor de leidingen en voor het gebruik van rivierwater.",
            after=("study",),
            status=BEHAALD,
            achieved=d(2026, 9, 24),
        ),
        Ms(
            "designation",
            "Molenbuurt aangewezen in het omgevingsplan",
            GEMEENTE,
            d(2027, 3, 31),
            "De gemeenteraad legt vast dat het gasnet niet voor 2033 dichtgaat.",
            after=("study",),
            status=OP_SCHEMA,
            forecast=d(2027, 3, 31),
        ),
        Ms(
            "invest",
            "Investeringsbesluit warmtecoöperatie",
            COOPERATIE,
            d(2027, 1, 31),
            "De leden besluiten over de lening en de bouw.",
            after=("coop", "permit"),
            status=OP_SCHEMA,
            forecast=d(2027, 1, 31),
        ),
        Ms(
            "label_b",
            "Corporatiewoningen op label B",
            WOONSTICHTING,
            d(2027, 12, 31),
            status=OP_SCHEMA,
            forecast=d(2027, 12, 31),
        ),
        Ms(
            "net1",
            "Warmtenet fase 1 aangelegd",
            COOPERATIE,
            d(2027, 9, 30),
            "De pompput bij de rivier en de leidingen in de oude kern.",
            after=("permit", "invest"),
            status=GEPLAND,
        ),
        Ms(
            "first_homes",
            "Eerste 400 woningen aangesloten",
            COOPERATIE,
            d(2029, 6, 30),
            after=("net1", "label_b"),
        ),
        Ms(
            "all_homes",
            "Alle woningen aangesloten of met een eigen alternatief",
            COOPERATIE,
            d(2031, 12, 31),
            after=("first_homes",),
        ),
    ),
    deals=(
        Deal(
            "Intentieovereenkomst warmte uit de rivier",
            "Gemeente, coöperatie, woonstichting en wijkraad willen samen een warmtenet met "
            "warmte uit de rivier.",
            AgreementType.LETTER_OF_INTENT,
            (GEMEENTE, COOPERATIE, WOONSTICHTING, WIJKRAAD),
            AgreementStatus.ADOPTED,
            d(2024, 10, 3),
        ),
        Deal(
            "Convenant warmtenet Molenbuurt",
            "De coöperatie wordt eigenaar, de gemeente staat borg voor de lening, en niemand "
            "gaat er in woonlasten op achteruit.",
            AgreementType.COVENANT,
            (GEMEENTE, COOPERATIE, WOONSTICHTING, WIJKRAAD, NETBEHEERDER),
        ),
        Deal(
            "Samenwerkingsovereenkomst beheer warmtenet",
            "Het warmtebedrijf doet het technische beheer in opdracht van de coöperatie.",
            AgreementType.COOPERATION,
            (COOPERATIE, WARMTEBEDRIJF),
        ),
    ),
    safeguards={
        BETAALBAAR: (
            IN_UITWERKING,
            "In het convenant komt een woonlastenwaarborg. Of de subsidie blijft tot de laatste "
            "straat is aangesloten, is nog niet zeker.",
        ),
        TERMIJN: (
            GEBORGD,
            "Het gasnet gaat niet voor 2033 dicht, acht jaar na het besluit.",
        ),
        ALTERNATIEF: (
            IN_UITWERKING,
            "Het onderzoek laat zien dat de rivier genoeg warmte geeft. De coöperatie besluit "
            "begin 2027 over de bouw.",
        ),
        DOENVERMOGEN: (
            IN_UITWERKING,
            "Keukentafelgesprekken in elke straat en gratis advies van het energieloket.",
        ),
        KEUZE: (
            GEBORGD,
            "Eigenaren mogen kiezen voor een eigen warmtepomp in plaats van het warmtenet.",
        ),
        PARTICIPATIE: (
            GEBORGD,
            "Bewoners beslissen mee (coproductie). De wijkraad zit in de stuurgroep. Tegen het "
            "omgevingsplan staan bezwaar en beroep open.",
        ),
    },
    history=(
        Adopt(DecisionBody.EXECUTIVE, d(2025, 4, 8), "B&W 2025-0412"),
        UpdateDeal("Intentieovereenkomst warmte uit de rivier", AgreementStatus.FULFILLED),
        UpdateDeal("Convenant warmtenet Molenbuurt", AgreementStatus.ADOPTED, d(2026, 1, 15)),
        AddValue(
            Value(
                "Niemand gaat erop achteruit",
                "De overstap mag niemand in de problemen brengen. Wie het niet kan betalen, "
                "krijgt hulp op maat, en de huizen worden eerst goed geïsoleerd.",
                ("woonlasten", "isolatie"),
            )
        ),
        RaiseAmbition(
            ENERGIELOKET,
            "Alle 560 eigenaren krijgen voor eind 2027 een advies op maat over isoleren.",
            560,
            2027,
        ),
        MoveMilestone(
            "net1",
            d(2028, 3, 31),
            "De pompput bij de rivier en de leidingen in de oude kern. Dit schuift een half "
            "jaar op, omdat de vergunning voor het rivierwater later komt.",
        ),
        MoveMilestone(
            "permit",
            d(2026, 9, 30),
            "De vergunning voor de leidingen en voor het gebruik van rivierwater. Het onderzoek "
            "naar de vissen in de rivier kost meer tijd.",
        ),
        Adopt(
            DecisionBody.COUNCIL,
            d(2026, 1, 29),
            "Raadsbesluit 2026-006",
            "Na de dialoogsessie van november 2025 over het ontwerpplan wordt 'Niemand gaat "
            "erop achteruit' een kernwaarde. Het energieloket helpt alle eigenaren in plaats "
            "van 400. De vergunning en de aanleg van het warmtenet schuiven een half jaar op, "
            "omdat het onderzoek naar het rivierwater meer tijd kost.",
        ),
        # Not adopted yet: an answer to the open question about the subsidy.
        AddMilestone(
            Ms(
                "fund",
                "Vangnet als de subsidie stopt",
                GEMEENTE,
                d(2027, 6, 30),
                "Een fonds waaruit de gemeente de laatste straten helpt als de landelijke "
                "subsidie eerder stopt.",
                status=OP_SCHEMA,
                forecast=d(2027, 6, 30),
            )
        ),
        UpdateSafeguard(
            BETAALBAAR,
            IN_UITWERKING,
            "Het convenant bevat een woonlastenwaarborg. De gemeente werkt een vangnet uit voor "
            "als de subsidie stopt voordat de laatste straat is aangesloten.",
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# Rivierzicht (besluitvorming): connects to the Molenbuurt network. Adopted by the college for
# the raad, which decides in spring 2027; the reactions to the plan are a draft change.
# ---------------------------------------------------------------------------------------------

RIVIERZICHT = Plan(
    summary="Rivierzicht sluit aan op het warmtenet op lage temperatuur van de Molenbuurt. De "
    "grote huizen langs de dijk worden eerst goed geïsoleerd, met hulp van het energieloket. "
    "Eigenaren kiezen zelf wanneer zij aansluiten, binnen vijf jaar na de aanleg in hun straat.",
    roles={
        Phase.EXPLORING: (
            REGISSEUR,
            "De gemeente onderzocht of Rivierzicht kan meedoen met het warmtenet van de "
            "Molenbuurt.",
        ),
        Phase.PLANNING: (
            FACILITATOR,
            "Bijna alle huizen zijn koophuizen. De gemeente helpt eigenaren met informatie en "
            "voorbeeldberekeningen; de coöperatie maakt het aanbod.",
        ),
        Phase.DECIDING: (
            REGISSEUR,
            "De gemeenteraad besluit in het voorjaar van 2027. Alle reacties op het plan gaan "
            "mee naar de raad.",
        ),
        Phase.IMPLEMENTING: (
            FACILITATOR,
            "De coöperatie legt de leiding aan. De gemeente regelt de vergunning en de "
            "planning langs de dijk.",
        ),
        Phase.MANAGING: (
            PARTNER,
            "Net als in de Molenbuurt blijft de gemeente partner van de coöperatie.",
        ),
    },
    ambitions=(
        Amb(
            COOPERATIE,
            "In 2031 is de helft van de huizen in Rivierzicht aangesloten op het warmtenet.",
            360,
            "woningen",
            2031,
        ),
        Amb(
            ENERGIELOKET,
            "Elke eigenaar heeft voor eind 2027 een advies over isoleren voor zijn eigen huis.",
            510,
            "adviezen",
            2027,
        ),
        Amb(GEMEENTE, "Rivierzicht is in 2034 aardgasvrij.", 720, "woningen", 2034),
        Amb(
            NETBEHEERDER,
            "Het stroomnet langs de dijk is in 2028 versterkt.",
            None,
            "",
            2028,
        ),
    ),
    values=(
        Value(
            "Duidelijk wat het kost",
            "Eigenaren willen eerst zien wat de overstap voor hun eigen huis betekent. Pas dan "
            "kunnen zij kiezen.",
            ("informatie",),
        ),
        Value(
            "Zelf het moment kiezen",
            "Wie net een nieuwe ketel heeft, wil die niet weggooien. Eigenaren kiezen daarom "
            "zelf wanneer zij aansluiten, binnen vijf jaar.",
            ("timing",),
        ),
        Value(
            "Gehoord worden",
            "Bewoners willen weten dat hun reactie ergens landt. Alle reacties gaan daarom mee "
            "naar de gemeenteraad.",
            ("vertrouwen",),
        ),
    ),
    milestones=(
        Ms(
            "examples",
            "Voorbeeldberekeningen per type huis",
            ENERGIELOKET,
            d(2025, 3, 31),
            status=BEHAALD,
            achieved=d(2025, 3, 20),
        ),
        Ms(
            "draft_plan",
            "Ontwerp-wijkuitvoeringsplan ter inzage",
            GEMEENTE,
            d(2026, 9, 1),
            after=("examples",),
            status=BEHAALD,
            achieved=d(2026, 8, 31),
        ),
        Ms(
            "council",
            "Gemeenteraad besluit over het plan",
            GEMEENTE,
            d(2027, 4, 30),
            after=("draft_plan",),
            status=OP_SCHEMA,
            forecast=d(2027, 4, 30),
        ),
        Ms(
            "advice",
            "Alle eigenaren hebben een isolatieadvies",
            ENERGIELOKET,
            d(2027, 12, 31),
            after=("examples",),
            status=OP_SCHEMA,
            forecast=d(2027, 12, 31),
        ),
        Ms(
            "permit",
            "Vergunning warmtenet Rivierzicht",
            GEMEENTE,
            d(2027, 12, 31),
            after=("council",),
        ),
        Ms(
            "grid",
            "Stroomnet langs de dijk versterkt",
            NETBEHEERDER,
            d(2028, 6, 30),
        ),
        Ms(
            "pipe",
            "Leiding vanaf de Molenbuurt aangelegd",
            COOPERATIE,
            d(2029, 3, 31),
            after=("permit", "grid"),
        ),
        Ms(
            "first",
            "Eerste huizen aan de dijk aangesloten",
            COOPERATIE,
            d(2029, 10, 31),
            after=("pipe", "advice"),
        ),
        Ms(
            "half",
            "Helft van de huizen aangesloten",
            COOPERATIE,
            d(2031, 12, 31),
            after=("first",),
        ),
    ),
    deals=(
        Deal(
            "Intentieovereenkomst warmtenet Rivierzicht",
            "Gemeente en coöperatie willen het warmtenet van de Molenbuurt doortrekken naar "
            "Rivierzicht.",
            AgreementType.LETTER_OF_INTENT,
            (GEMEENTE, COOPERATIE),
            AgreementStatus.ADOPTED,
            d(2025, 11, 6),
        ),
        Deal(
            "Convenant warmtenet Rivierzicht",
            "Wanneer de leiding komt, wat aansluiten kost en hoe lang eigenaren de tijd hebben.",
            AgreementType.COVENANT,
            (GEMEENTE, COOPERATIE, NETBEHEERDER, ENERGIELOKET),
        ),
    ),
    safeguards={
        BETAALBAAR: (
            IN_UITWERKING,
            "Het energieloket maakte voorbeeldberekeningen. Of isoleren van de grote "
            "dijkwoningen te betalen is, zoeken we nog uit.",
        ),
        TERMIJN: (
            GEBORGD,
            "Eigenaren hebben vijf jaar na de aanleg in hun straat om aan te sluiten. Het gasnet "
            "gaat niet voor 2034 dicht.",
        ),
        ALTERNATIEF: (
            OPEN,
            "De leiding vanaf de Molenbuurt kan pas komen als het warmtenet daar klaar is.",
        ),
        DOENVERMOGEN: (
            IN_UITWERKING,
            "Elke eigenaar krijgt een advies voor zijn eigen huis van het energieloket.",
        ),
        KEUZE: (
            GEBORGD,
            "Eigenaren mogen kiezen voor een eigen warmtepomp in plaats van het warmtenet.",
        ),
        PARTICIPATIE: (
            IN_UITWERKING,
            "Twee dialoogsessies en een zienswijzeperiode. Alle reacties gaan mee naar de "
            "gemeenteraad.",
        ),
    },
    history=(
        Adopt(DecisionBody.EXECUTIVE, d(2026, 10, 13), "B&W 2026-0951"),
        # Not adopted yet: the answer to the reactions, for the raad in 2027.
        AddMilestone(
            Ms(
                "answers",
                "Nota van beantwoording van de reacties",
                GEMEENTE,
                d(2027, 2, 28),
                "Op elke reactie op het plan komt een antwoord, voordat de raad besluit.",
                after=("draft_plan",),
                status=OP_SCHEMA,
                forecast=d(2027, 2, 28),
            )
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# Oude Dorp (besluitvorming): groen gas and careful insulation of monuments. Version 1 only.
# ---------------------------------------------------------------------------------------------

OUDE_DORP = Plan(
    summary="In het Oude Dorp staan monumenten in een beschermd dorpsgezicht. Volledig "
    "elektrisch is hier lastig. Daarom houden de panden een cv-ketel, maar dan op groen gas. "
    "Eigenaren isoleren zoveel als het monument toelaat, met gratis advies van een deskundige "
    "en extra subsidie.",
    roles={
        Phase.EXPLORING: (
            REGISSEUR,
            "De gemeente zocht samen met eigenaren naar een oplossing die past bij de monumenten.",
        ),
        Phase.PLANNING: (
            REGISSEUR,
            "De gemeente maakte het plan met eigenaren, de netbeheerder en het energieloket.",
        ),
        Phase.DECIDING: (
            REGISSEUR,
            "De gemeenteraad besluit over het plan. De laatste dialoogsessie gaat mee in het "
            "besluit.",
        ),
        Phase.IMPLEMENTING: (
            FACILITATOR,
            "Eigenaren isoleren zelf. De gemeente maakt de vergunning eenvoudiger en regelt "
            "advies en subsidie.",
        ),
        Phase.MANAGING: (
            FACILITATOR,
            "De gemeente volgt of er genoeg groen gas is en stuurt bij als dat nodig is.",
        ),
    },
    ambitions=(
        Amb(
            GEMEENTE,
            "In 2040 stoken alle panden in het Oude Dorp op groen gas en zijn ze zo goed "
            "geïsoleerd als het monument toelaat.",
            430,
            "panden",
            2040,
        ),
        Amb(
            ENERGIELOKET,
            "Elke eigenaar krijgt voor eind 2028 een isolatieadvies dat past bij zijn monument.",
            430,
            "adviezen",
            2028,
        ),
        Amb(
            NETBEHEERDER,
            "Vanaf 2031 stroomt groen gas uit de regio door het gasnet van het Oude Dorp.",
            None,
            "",
            2031,
        ),
    ),
    values=(
        Value(
            "Het dorpsgezicht blijft",
            "Het Oude Dorp is bijzonder door zijn monumenten. Isoleren mag dat niet aantasten.",
            ("monument",),
        ),
        Value(
            "Betaalbaar isoleren",
            "Isoleren van een monument is duur. Eigenaren krijgen daarom dezelfde subsidie als "
            "anderen, plus extra voor dure maatregelen.",
            ("subsidie",),
        ),
        Value(
            "Eenvoudig te regelen",
            "Een vergunning voor een monument is ingewikkeld. Als het makkelijker wordt, doen "
            "meer eigenaren mee.",
            ("gedoe",),
        ),
    ),
    milestones=(
        Ms(
            "expert",
            "Monumentendeskundige voor gratis advies",
            GEMEENTE,
            d(2025, 4, 1),
            status=BEHAALD,
            achieved=d(2025, 3, 25),
        ),
        Ms(
            "permit",
            "Snellere vergunning voor isoleren van een monument",
            GEMEENTE,
            d(2025, 12, 31),
            status=BEHAALD,
            achieved=d(2025, 12, 16),
        ),
        Ms(
            "subsidy",
            "Extra subsidie voor monumenten",
            GEMEENTE,
            d(2026, 3, 31),
            status=BEHAALD,
            achieved=d(2026, 3, 26),
        ),
        Ms(
            "first_100",
            "Eerste 100 panden geïsoleerd",
            ENERGIELOKET,
            d(2027, 12, 31),
            "Het energieloket begeleidt de eigenaren en houdt bij hoeveel panden klaar zijn.",
            after=("expert", "permit", "subsidy"),
            status=OP_SCHEMA,
            forecast=d(2027, 12, 31),
        ),
        Ms(
            "advice",
            "Alle eigenaren hebben advies op maat",
            ENERGIELOKET,
            d(2028, 12, 31),
            after=("expert",),
            status=OP_SCHEMA,
            forecast=d(2028, 12, 31),
        ),
        Ms(
            "green_gas",
            "Groen gas uit de regio in het gasnet",
            NETBEHEERDER,
            d(2029, 6, 30),
            "Een invoedpunt voor groen gas van de vergister in de polder.",
        ),
        Ms(
            "half",
            "Helft van de panden geïsoleerd",
            ENERGIELOKET,
            d(2030, 12, 31),
            after=("first_100",),
        ),
        Ms(
            "all_green",
            "Het hele Oude Dorp stookt op groen gas",
            NETBEHEERDER,
            d(2031, 12, 31),
            after=("green_gas",),
        ),
    ),
    deals=(
        Deal(
            "Samenwerkingsovereenkomst monumentenadvies",
            "Het energieloket en de gemeente geven samen gratis advies voor monumenten.",
            AgreementType.COOPERATION,
            (GEMEENTE, ENERGIELOKET),
            AgreementStatus.IN_PROGRESS,
            d(2025, 3, 10),
        ),
        Deal(
            "Intentieovereenkomst groen gas Oude Dorp",
            "Gemeente en netbeheerder onderzoeken samen hoe groen gas uit de regio in het "
            "gasnet komt.",
            AgreementType.LETTER_OF_INTENT,
            (GEMEENTE, NETBEHEERDER),
            AgreementStatus.ADOPTED,
            d(2025, 6, 19),
        ),
        Deal(
            "Convenant groen gas Oude Dorp",
            "Afspraken over de levering, de prijs en de controle dat het gas echt groen is.",
            AgreementType.COVENANT,
            (GEMEENTE, NETBEHEERDER, ENERGIELOKET),
        ),
    ),
    safeguards={
        BETAALBAAR: (
            IN_UITWERKING,
            "Extra subsidie voor monumenten. De prijs van groen gas in 2040 is nog onzeker.",
        ),
        TERMIJN: (
            GEBORGD,
            "Het Oude Dorp heeft tot 2040 de tijd. Eigenaren isoleren als het hen uitkomt.",
        ),
        ALTERNATIEF: (
            OPEN,
            "Of er in 2040 genoeg groen gas is, weten we nog niet. De netbeheerder onderzoekt "
            "een invoedpunt in de regio.",
        ),
        DOENVERMOGEN: (
            IN_UITWERKING,
            "Gratis advies van een monumentendeskundige en een snellere vergunning.",
        ),
        KEUZE: (
            GEBORGD,
            "Eigenaren mogen ook een (hybride) warmtepomp nemen, als die past in het dorpsgezicht.",
        ),
        PARTICIPATIE: (
            IN_UITWERKING,
            "Twee dialoogsessies in 2024 en 2025. De toets van het conceptplan in november "
            "2026 wordt nog verwerkt.",
        ),
    },
    history=(Adopt(DecisionBody.EXECUTIVE, d(2025, 7, 8), "B&W 2025-0647"),),
)


# ---------------------------------------------------------------------------------------------
# Havenkwartier (beheer): the first evaluation. Version 1 only, after the evaluation.
# ---------------------------------------------------------------------------------------------

HAVENKWARTIER = Plan(
    summary="Havenkwartier is vanaf het begin gebouwd met een warmtenet. Nu kijken we samen met "
    "bewoners wat goed gaat en wat beter moet. Na de evaluatie van juni 2026 komen er een "
    "duidelijkere warmtenota en snellere berichten bij een storing.",
    roles={
        Phase.EXPLORING: (
            OPDRACHTGEVER,
            "De gemeente was eigenaar van het oude haventerrein en stelde het warmtenet als eis "
            "bij de verkoop van de grond.",
        ),
        Phase.PLANNING: (
            OPDRACHTGEVER,
            "De gemeente legde in het bestemmingsplan en de koopcontracten vast dat de wijk "
            "zonder aardgas wordt gebouwd.",
        ),
        Phase.DECIDING: (
            REGISSEUR,
            "De gemeenteraad besloot over het plan voor de nieuwe wijk.",
        ),
        Phase.IMPLEMENTING: (
            FACILITATOR,
            "Het warmtebedrijf en de woonstichting bouwden en sloten aan. De gemeente regelde "
            "de vergunningen.",
        ),
        Phase.MANAGING: (
            PARTNER,
            "De gemeente evalueert samen met bewoners en het warmtebedrijf en deelt de lessen "
            "met andere wijken.",
        ),
    },
    ambitions=(
        Amb(
            WARMTEBEDRIJF,
            "In 2030 komt 90 procent van de warmte uit duurzame bronnen.",
            90,
            "procent",
            2030,
        ),
        Amb(
            WOONSTICHTING,
            "Alle 370 corporatiewoningen houden energielabel A of beter.",
            370,
            "woningen",
            2030,
        ),
        Amb(
            GEMEENTE,
            "Bewoners geven het warmtenet gemiddeld minstens een 7.",
            7,
            "rapportcijfer",
            2028,
        ),
        Amb(
            HUURDERS,
            "Huurders weten wat zij betalen voor warmte en bij wie zij terecht kunnen.",
        ),
    ),
    values=(
        Value(
            "Betrouwbare warmte",
            "Bij een storing willen bewoners snel weten wat er aan de hand is en wanneer het "
            "weer warm wordt.",
            ("vertrouwen",),
        ),
        Value(
            "Duidelijk wat je betaalt",
            "Er is maar één warmtebedrijf. Een duidelijke nota helpt bewoners om de prijs te "
            "vertrouwen.",
            ("monopolie",),
        ),
        Value(
            "Leren voor andere wijken",
            "Havenkwartier is de eerste wijk met een warmtenet. Wat bewoners hier zeggen, helpt "
            "de andere wijken in Zonnedal.",
            ("vertrouwen", "monopolie"),
        ),
    ),
    milestones=(
        Ms(
            "last_homes",
            "Laatste woningen aangesloten",
            WARMTEBEDRIJF,
            d(2025, 6, 30),
            status=BEHAALD,
            achieved=d(2025, 5, 28),
        ),
        Ms(
            "gas_off",
            "Laatste gasleidingen bij de oude loodsen weggehaald",
            NETBEHEERDER,
            d(2026, 3, 31),
            after=("last_homes",),
            status=BEHAALD,
            achieved=d(2026, 3, 12),
        ),
        Ms(
            "evaluation",
            "Evaluatie met bewoners",
            GEMEENTE,
            d(2026, 6, 30),
            after=("last_homes",),
            status=BEHAALD,
            achieved=d(2026, 6, 11),
        ),
        Ms(
            "sms",
            "Storingsmelding binnen een uur per sms",
            WARMTEBEDRIJF,
            d(2026, 12, 31),
            after=("evaluation",),
            status=OP_SCHEMA,
            forecast=d(2026, 12, 31),
        ),
        Ms(
            "bill",
            "Nieuwe warmtenota: vast bedrag en verbruik apart",
            WARMTEBEDRIJF,
            d(2027, 1, 31),
            after=("evaluation",),
            status=OP_SCHEMA,
            forecast=d(2027, 1, 31),
        ),
        Ms(
            "welcome",
            "Welkomstpakket voor nieuwe bewoners",
            WOONSTICHTING,
            d(2027, 3, 31),
            "Uitleg over het warmtenet, de nota en wie u belt bij een storing.",
            after=("evaluation",),
            status=OP_SCHEMA,
            forecast=d(2027, 3, 31),
        ),
        Ms(
            "second_eval",
            "Tweede evaluatie met bewoners",
            GEMEENTE,
            d(2028, 6, 30),
            after=("sms", "bill", "welcome"),
        ),
        Ms(
            "sustainable",
            "Warmtenet voor 90 procent duurzaam",
            WARMTEBEDRIJF,
            d(2029, 12, 31),
            "Een warmtepomp op rivierwater vult de restwarmte aan.",
        ),
    ),
    deals=(
        Deal(
            "Convenant warmtenet Havenkwartier",
            "Afspraken over levering, tarief en service in de nieuwe wijk.",
            AgreementType.COVENANT,
            (GEMEENTE, WARMTEBEDRIJF, WOONSTICHTING),
            AgreementStatus.FULFILLED,
            d(2021, 5, 20),
        ),
        Deal(
            "Serviceafspraken na de evaluatie",
            "Storingen binnen een uur melden, een duidelijkere nota en een welkomstpakket.",
            AgreementType.COOPERATION,
            (GEMEENTE, WARMTEBEDRIJF, WOONSTICHTING, HUURDERS),
            AgreementStatus.ADOPTED,
            d(2026, 7, 2),
        ),
    ),
    safeguards={
        BETAALBAAR: (
            GEBORGD,
            "Het tarief volgt de landelijke regels. Huurders betalen niet meer dan in een "
            "vergelijkbare woning met gas.",
        ),
        TERMIJN: (
            GEBORGD,
            "De wijk is vanaf het begin zonder aardgas gebouwd; niemand hoefde over te stappen.",
        ),
        ALTERNATIEF: (GEBORGD, "Het warmtenet draait sinds 2022 en levert aan alle woningen."),
        DOENVERMOGEN: (
            GEBORGD,
            "Bewoners hoeven zelf niets te regelen. Nieuwe bewoners krijgen een welkomstpakket.",
        ),
        KEUZE: (
            IN_UITWERKING,
            "In de nieuwe wijk is het warmtenet de standaard. We onderzoeken hoe bewoners later "
            "kunnen overstappen naar een ander duurzaam alternatief.",
        ),
        PARTICIPATIE: (
            GEBORGD,
            "Evaluatie met bewoners in juni 2026. De volgende evaluatie is in 2028.",
        ),
    },
    history=(Adopt(DecisionBody.EXECUTIVE, d(2026, 7, 14), "B&W 2026-0702"),),
)


# ---------------------------------------------------------------------------------------------
# Planvorming: draft roadmaps without versions.
# ---------------------------------------------------------------------------------------------

DRAFT_ROLES_NOTE = "Dit is nog een voorstel; de rol wordt vastgelegd als het plan klaar is."

BLOEMENWIJK = Plan(
    summary="In de Bloemenwijk isoleren bewoners eerst hun huis goed. Daarna komt er een "
    "elektrische warmtepomp. De gemeente regelt een collectieve inkoop met een vaste prijs, en "
    "de netbeheerder maakt het stroomnet op tijd zwaarder. Dit plan is nog in de maak.",
    roles={
        Phase.EXPLORING: (
            REGISSEUR,
            "De gemeente onderzocht met bewoners welke oplossing past bij de eengezinswoningen.",
        ),
        Phase.PLANNING: (
            AANJAGER,
            "Bewoners kiezen zelf voor isoleren en een warmtepomp. De gemeente jaagt dat aan "
            "met een collectieve inkoop. " + DRAFT_ROLES_NOTE,
        ),
        Phase.IMPLEMENTING: (
            FACILITATOR,
            "Eigenaren doen het werk in hun eigen huis. De gemeente en het energieloket helpen. "
            + DRAFT_ROLES_NOTE,
        ),
    },
    ambitions=(
        Amb(
            GEMEENTE,
            "In 2030 doen 500 huishoudens mee aan de collectieve inkoop.",
            500,
            "huishoudens",
            2030,
        ),
        Amb(
            NETBEHEERDER,
            "Het stroomnet in de Bloemenwijk is in 2028 zwaar genoeg voor een warmtepomp in "
            "elk huis.",
            None,
            "",
            2028,
        ),
        Amb(
            ENERGIELOKET,
            "Elke eigenaar krijgt voor 2028 een isolatieadvies.",
            1060,
            "adviezen",
            2028,
        ),
    ),
    values=(
        Value(
            "Eerst isoleren",
            "Een warmtepomp werkt alleen goed in een goed geïsoleerd huis.",
            ("isolatie",),
        ),
        Value(
            "Rust voor de buren",
            "Bewoners zijn bang voor het geluid van buitenunits in kleine tuinen.",
            ("geluid",),
        ),
        Value(
            "Samen voordeliger",
            "Samen inkopen geeft een vaste, lagere prijs en minder zorgen over de installateur.",
            ("woonlasten",),
        ),
    ),
    milestones=(
        Ms(
            "purchase",
            "Collectieve inkoop isoleren en warmtepomp gestart",
            GEMEENTE,
            d(2026, 9, 1),
            status=BEHAALD,
            achieved=d(2026, 9, 15),
        ),
        Ms(
            "grid_plan",
            "Planning verzwaring stroomnet bekend",
            NETBEHEERDER,
            d(2026, 12, 31),
            status=OP_SCHEMA,
            forecast=d(2026, 12, 31),
        ),
        Ms(
            "draft_plan",
            "Ontwerp-wijkuitvoeringsplan klaar",
            GEMEENTE,
            d(2027, 6, 30),
            after=("grid_plan",),
            status=OP_SCHEMA,
            forecast=d(2027, 6, 30),
        ),
        Ms(
            "grid",
            "Stroomnet verzwaard",
            NETBEHEERDER,
            d(2028, 12, 31),
            after=("grid_plan",),
        ),
        Ms(
            "advice",
            "Alle eigenaren hebben een isolatieadvies",
            ENERGIELOKET,
            d(2028, 6, 30),
        ),
        Ms(
            "pumps_500",
            "500 huizen met een warmtepomp",
            GEMEENTE,
            d(2030, 12, 31),
            after=("purchase", "grid", "advice"),
        ),
    ),
    deals=(
        Deal(
            "Intentieovereenkomst collectieve inkoop Bloemenwijk",
            "Gemeente, energieloket en netbeheerder werken samen aan de inkoop en het stroomnet.",
            AgreementType.LETTER_OF_INTENT,
            (GEMEENTE, ENERGIELOKET, NETBEHEERDER),
        ),
    ),
    safeguards={
        BETAALBAAR: (IN_UITWERKING, "De collectieve inkoop geeft een vaste prijs."),
        TERMIJN: (OPEN, ""),
        ALTERNATIEF: (
            IN_UITWERKING,
            "De netbeheerder maakt bekend wanneer het stroomnet zwaar genoeg is.",
        ),
        DOENVERMOGEN: (IN_UITWERKING, "Gratis advies van het energieloket."),
        KEUZE: (OPEN, ""),
        PARTICIPATIE: (IN_UITWERKING, "Dialoogsessies in maart en december 2025."),
    },
)

HET_WEILAND = Plan(
    summary="In Het Weiland is de hybride warmtepomp de tussenstap voor de komende jaren. "
    "Niemand hoeft een goede cv-ketel weg te gooien: de overstap volgt het moment dat de ketel "
    "toch vervangen moet worden. Na 2035 kijken we of volledig elektrisch of een warmtenet "
    "beter past. Dit plan is nog in de maak.",
    roles={
        Phase.EXPLORING: (
            REGISSEUR,
            "De gemeente onderzocht met bewoners welke stappen haalbaar zijn.",
        ),
        Phase.PLANNING: (
            REGISSEUR,
            "De gemeente maakt het plan met eigenaren, huurders en verhuurders. "
            + DRAFT_ROLES_NOTE,
        ),
        Phase.IMPLEMENTING: (
            FACILITATOR,
            "Eigenaren kiezen zelf het moment. De gemeente en het energieloket helpen. "
            + DRAFT_ROLES_NOTE,
        ),
    },
    ambitions=(
        Amb(
            GEMEENTE,
            "In 2030 heeft de helft van de huizen een hybride warmtepomp.",
            525,
            "woningen",
            2030,
        ),
        Amb(
            ENERGIELOKET,
            "Elke eigenaar krijgt gratis advies over isoleren.",
            690,
            "adviezen",
            2028,
        ),
        Amb(NETBEHEERDER, "Het stroomnet groeit mee met het aantal warmtepompen."),
    ),
    values=(
        Value(
            "Op het natuurlijke moment",
            "Een goede ketel weggooien is zonde van het geld. De overstap volgt het moment van "
            "vervangen.",
            ("timing",),
        ),
        Value(
            "Eerlijk voor huurders",
            "Huurders mogen er in woonlasten niet op achteruitgaan, ook niet bij particuliere "
            "verhuurders.",
            ("huur",),
        ),
        Value(
            "Goed advies voor iedereen",
            "Wie weet wat isoleren oplevert, kan een goede keuze maken voor zijn eigen huis.",
            ("isolatie",),
        ),
    ),
    milestones=(
        Ms(
            "landlords",
            "Informatieavond voor particuliere verhuurders",
            GEMEENTE,
            d(2026, 5, 31),
            status=BEHAALD,
            achieved=d(2026, 5, 21),
        ),
        Ms(
            "advice_start",
            "Gratis isolatieadvies beschikbaar",
            ENERGIELOKET,
            d(2026, 6, 30),
            status=BEHAALD,
            achieved=d(2026, 6, 2),
        ),
        Ms(
            "draft_plan",
            "Ontwerp-wijkuitvoeringsplan klaar",
            GEMEENTE,
            d(2027, 9, 30),
            status=OP_SCHEMA,
            forecast=d(2027, 9, 30),
        ),
        Ms(
            "grid",
            "Stroomnet klaar voor hybride warmtepompen",
            NETBEHEERDER,
            d(2028, 6, 30),
        ),
        Ms(
            "advice_all",
            "Alle eigenaren hebben een isolatieadvies",
            ENERGIELOKET,
            d(2028, 12, 31),
            after=("advice_start",),
        ),
        Ms(
            "half",
            "Helft van de huizen met een hybride warmtepomp",
            GEMEENTE,
            d(2030, 12, 31),
            after=("grid", "advice_all"),
        ),
    ),
    deals=(
        Deal(
            "Intentieovereenkomst hybride warmtepompen Het Weiland",
            "Gemeente en energieloket helpen eigenaren bij isoleren en een hybride warmtepomp.",
            AgreementType.LETTER_OF_INTENT,
            (GEMEENTE, ENERGIELOKET),
        ),
    ),
    safeguards={
        BETAALBAAR: (IN_UITWERKING, "Huurders gaan er in woonlasten niet op achteruit."),
        TERMIJN: (IN_UITWERKING, "De overstap volgt het moment van vervangen van de ketel."),
        ALTERNATIEF: (OPEN, ""),
        DOENVERMOGEN: (IN_UITWERKING, "Gratis advies van het energieloket."),
        KEUZE: (OPEN, ""),
        PARTICIPATIE: (IN_UITWERKING, "Dialoogsessies in april 2025 en februari 2026."),
    },
)

KERKEVELD = Plan(
    summary="In Kerkeveld krijgt elk type woning een eigen oplossing. De flats van de "
    "woonstichting gaan op een klein warmtenet, de vrijstaande huizen krijgen een elektrische "
    "warmtepomp. Huurders en eigenaren in vergelijkbare woningen krijgen een vergelijkbaar "
    "aanbod. Dit plan is nog in de maak.",
    roles={
        Phase.EXPLORING: (
            REGISSEUR,
            "De gemeente bracht de woonstichting, huurders en eigenaren bij elkaar.",
        ),
        Phase.PLANNING: (
            REGISSEUR,
            "De gemeente maakt het plan en bewaakt dat het eerlijk blijft voor huurders en "
            "eigenaren. " + DRAFT_ROLES_NOTE,
        ),
        Phase.IMPLEMENTING: (
            PARTNER,
            "De woonstichting doet de flats; de gemeente helpt de eigenaren van vrijstaande "
            "huizen. " + DRAFT_ROLES_NOTE,
        ),
    },
    ambitions=(
        Amb(
            WOONSTICHTING,
            "Alle 350 corporatiewoningen in 2030 op label B en aangesloten op het kleine "
            "warmtenet.",
            350,
            "woningen",
            2030,
        ),
        Amb(
            HUURDERS,
            "Er komt een afsprakenlijst voor de verbouwing, samen met de woonstichting.",
        ),
        Amb(
            NETBEHEERDER,
            "Het stroomnet is in 2029 klaar voor warmtepompen bij de vrijstaande huizen.",
            None,
            "",
            2029,
        ),
        Amb(GEMEENTE, "Kerkeveld is in 2037 aardgasvrij.", 880, "woningen", 2037),
    ),
    values=(
        Value(
            "Eerlijk aanbod",
            "Flats en vrijstaande huizen krijgen een andere oplossing, maar niemand mag slechter "
            "af zijn.",
            ("eerlijk",),
        ),
        Value(
            "Goed geregelde verbouwing",
            "Huurders zijn positief als de verbouwing goed geregeld is.",
            ("huur",),
        ),
        Value(
            "Rust in de straat",
            "Buitenunits komen niet aan de straatkant, zodat de straat er mooi en stil blijft.",
            ("geluid",),
        ),
    ),
    milestones=(
        Ms(
            "list",
            "Afsprakenlijst verbouwing",
            WOONSTICHTING,
            d(2026, 9, 30),
            status=BEHAALD,
            achieved=d(2026, 9, 22),
        ),
        Ms(
            "draft_plan",
            "Ontwerp-wijkuitvoeringsplan klaar",
            GEMEENTE,
            d(2027, 6, 30),
            status=OP_SCHEMA,
            forecast=d(2027, 6, 30),
        ),
        Ms(
            "label_b",
            "Flats op label B",
            WOONSTICHTING,
            d(2028, 12, 31),
            after=("list",),
        ),
        Ms(
            "small_net",
            "Klein warmtenet voor de flats aangelegd",
            WOONSTICHTING,
            d(2029, 6, 30),
            after=("draft_plan",),
        ),
        Ms(
            "grid",
            "Stroomnet klaar voor warmtepompen",
            NETBEHEERDER,
            d(2029, 12, 31),
        ),
        Ms(
            "flats_done",
            "Alle flats aangesloten",
            WOONSTICHTING,
            d(2030, 12, 31),
            after=("label_b", "small_net"),
        ),
    ),
    deals=(
        Deal(
            "Intentieovereenkomst Kerkeveld",
            "Gemeente, woonstichting en huurdersvereniging werken samen aan een plan per type "
            "woning.",
            AgreementType.LETTER_OF_INTENT,
            (GEMEENTE, WOONSTICHTING, HUURDERS),
            AgreementStatus.ADOPTED,
            d(2026, 4, 16),
        ),
    ),
    safeguards={
        BETAALBAAR: (
            OPEN,
            "Wie het kleine warmtenet betaalt als niet alle flats meedoen, is nog een open vraag.",
        ),
        TERMIJN: (OPEN, ""),
        ALTERNATIEF: (IN_UITWERKING, "Het kleine warmtenet wordt nu ontworpen."),
        DOENVERMOGEN: (OPEN, ""),
        KEUZE: (IN_UITWERKING, "Eigenaren van vrijstaande huizen kiezen zelf hun warmtepomp."),
        PARTICIPATIE: (IN_UITWERKING, "Drie dialoogsessies in 2025 en 2026."),
    },
)

PLANS: dict[str, Plan] = {
    "zonnehoek": ZONNEHOEK,
    "de-akkers": DE_AKKERS,
    "molenbuurt": MOLENBUURT,
    "rivierzicht": RIVIERZICHT,
    "oude-dorp": OUDE_DORP,
    "havenkwartier": HAVENKWARTIER,
    "bloemenwijk": BLOEMENWIJK,
    "het-weiland": HET_WEILAND,
    "kerkeveld": KERKEVELD,
}
