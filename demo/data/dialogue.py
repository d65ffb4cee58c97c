"""Zonnedal's dialogue sessions as records: what each neighbourhood tests, the arguments
residents bring in, and every session with its date, state, mean scores and outcomes.
`demo.dialogue` builds the sessions from them, each with its own seeded random generator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from dialogue.models import (
    Argument,
    DialogueSession,
    Outcome,
    ParticipationLevel,
    Side,
    StakeholderGroup,
)
from wup.models import Phase

L, B, R = Side.LEGITIMACY, Side.ENGAGEMENT, Side.RETURN
FOR, AGAINST = Argument.Stance.FOR, Argument.Stance.AGAINST
KADER = Outcome.Kind.FRAMEWORK
VERWACHTING = Outcome.Kind.EXPECTATION
OPEN_VRAAG = Outcome.Kind.OPEN_QUESTION
G = StakeholderGroup
Status = DialogueSession.Status

# ---------------------------------------------------------------------------------------------
# What each neighbourhood tests, and which argument families fit its heat solution.
# ---------------------------------------------------------------------------------------------

PROPOSITIONS = {
    "zonnehoek": "Alle woningen in Zonnehoek gaan in blokken over op het warmtenet met restwarmte "
    "van het bedrijventerrein. De woonstichting begint met haar flats; eigenaren kunnen meedoen "
    "tegen hetzelfde tarief.",
    "de-akkers": "De Akkers gaat straat voor straat over op het warmtenet van Warmtebedrijf "
    "Zonnedal, te beginnen aan de oostkant. De flat van de VvE sluit in één keer aan.",
    "molenbuurt": "Een warmtenet op lage temperatuur met warmte uit de rivier, samen aangelegd en "
    "beheerd met Energiecoöperatie De Zonnewijzer. De woningen worden eerst goed geïsoleerd.",
    "rivierzicht": "Rivierzicht sluit aan op het warmtenet op lage temperatuur van de Molenbuurt. "
    "Eigenaren isoleren hun huis eerst, met hulp van het energieloket.",
    "oude-dorp": "De monumentale panden houden een cv-ketel, maar dan op groen gas. Waar het kan "
    "isoleren eigenaren extra, met advies dat past bij het beschermd dorpsgezicht.",
    "bloemenwijk": "Eerst goed isoleren, daarna een elektrische warmtepomp in elk huis. De "
    "gemeente regelt een collectieve inkoop en het energieloket helpt met advies.",
    "het-weiland": "De komende jaren een hybride warmtepomp als tussenstap. Na 2035 kijken we of "
    "volledig elektrisch of een warmtenet beter past.",
    "kerkeveld": "Per type woning een andere oplossing: de flats van de woonstichting op een klein "
    "warmtenet, de vrijstaande huizen een elektrische warmtepomp.",
    "havenkwartier": "Het warmtenet in Havenkwartier draait nu een paar jaar. We kijken samen wat "
    "goed gaat en wat beter moet.",
    "noorderpark": "Eerste richting: een warmtenet voor de flats en een (hybride) warmtepomp voor "
    "de eengezinswoningen. Past deze richting bij Noorderpark?",
    "de-gaarde": "We verkennen welke oplossing past bij De Gaarde. Eerst toetsen we wat bewoners "
    "het belangrijkst vinden: betaalbaar, weinig gedoe en eerlijk verdeeld.",
}

FAMILIES = {
    "zonnehoek": {"warmtenet", "ht"},
    "de-akkers": {"warmtenet", "ht"},
    "havenkwartier": {"warmtenet", "ht"},
    "molenbuurt": {"warmtenet", "lt"},
    "rivierzicht": {"warmtenet", "lt"},
    "oude-dorp": {"groengas"},
    "bloemenwijk": {"wp"},
    "het-weiland": {"hybride", "wp"},
    "kerkeveld": {"warmtenet", "wp"},
}

INFLUENCE = {
    Phase.EXPLORING: (
        "Wat u belangrijk vindt, en welke oplossingen we verder onderzoeken voor uw wijk.",
        "Dat Zonnedal in 2040 van het aardgas af wil. Dat staat in de Transitievisie Warmte.",
    ),
    Phase.PLANNING: (
        "Hoe we de overstap regelen: de volgorde van de straten, de hulp bij isoleren, hoe we u "
        "informeren en welke afspraken over kosten in het plan komen.",
        "Dat de wijk van het aardgas af gaat. Dat besluit staat in de Transitievisie Warmte.",
    ),
    Phase.DECIDING: (
        "De kaders en afspraken in het wijkuitvoeringsplan, zoals betaalbaarheid, planning en "
        "hulp voor wie dat nodig heeft.",
        "Het besluit over het plan zelf: dat neemt de gemeenteraad. Wij geven uw inbreng mee.",
    ),
    Phase.IMPLEMENTING: (
        "De planning per straat, hoe we u op de hoogte houden en hoe we overlast beperken.",
        "De keuze voor het warmtenet en de regels voor het tarief. Die liggen vast in het plan "
        "en in de wet.",
    ),
    Phase.MANAGING: (
        "Verbeteringen in service, informatie en de manier waarop storingen worden opgelost.",
        "Het warmtenet zelf en de wettelijke regels voor het tarief.",
    ),
}

LEVELS = {
    Phase.EXPLORING: ParticipationLevel.CONSULT,
    Phase.PLANNING: ParticipationLevel.ADVISE,
    Phase.DECIDING: ParticipationLevel.ADVISE,
    Phase.IMPLEMENTING: ParticipationLevel.CONSULT,
    Phase.MANAGING: ParticipationLevel.CONSULT,
}

# ---------------------------------------------------------------------------------------------
# Arguments residents typically bring in: (theme, side, stance, family or "" for any, text).
# Themes follow the PAW lessons: affordability first, then "no hassle", then fairness.
# ---------------------------------------------------------------------------------------------

ARGUMENTS = [
    # Legitimiteit, voor
    (
        "vertrouwen",
        L,
        FOR,
        "",
        "De gemeente legt goed uit wie wat beslist en wanneer. Dat geeft vertrouwen.",
    ),
    (
        "informatie",
        L,
        FOR,
        "",
        "Na elke avond krijgen we een verslag. Zo zie ik wat er met onze inbreng gebeurt.",
    ),
    ("eerlijk", L, FOR, "", "Iedereen in de wijk krijgt hetzelfde aanbod. Dat vind ik eerlijk."),
    (
        "vertrouwen",
        L,
        FOR,
        "",
        "De gemeenteraad besluit pas nadat bewoners hun mening hebben gegeven. Zo hoort het.",
    ),
    (
        "timing",
        L,
        FOR,
        "",
        "De planning is duidelijk. We weten wanneer onze straat aan de beurt is.",
    ),
    (
        "huur",
        L,
        FOR,
        "",
        "De woonstichting heeft op papier gezet dat de huur niet stijgt door de "
        "overstap. Dat is een goede afspraak.",
    ),
    (
        "gedoe",
        L,
        FOR,
        "",
        "Er is één vast aanspreekpunt voor vragen. Dan weet je bij wie je terecht kunt.",
    ),
    (
        "monopolie",
        L,
        FOR,
        "warmtenet",
        "Er komen wettelijke regels voor de prijs van warmte. Dat geeft wat zekerheid.",
    ),
    (
        "monopolie",
        L,
        FOR,
        "ht",
        "De gemeente blijft voor een deel eigenaar van het warmtenet. Zo "
        "houden we invloed op de prijs.",
    ),
    (
        "monopolie",
        L,
        FOR,
        "lt",
        "Het warmtenet wordt van een coöperatie van bewoners. Dan "
        "beslissen we zelf mee over de tarieven.",
    ),
    (
        "monument",
        L,
        FOR,
        "groengas",
        "Er is goed rekening gehouden met de regels voor monumenten. Dat had ik niet verwacht.",
    ),
    (
        "net",
        L,
        FOR,
        "wp",
        "De netbeheerder zit ook aan tafel. Dan hoor je meteen wat wel en niet kan.",
    ),
    # Legitimiteit, tegen
    (
        "vertrouwen",
        L,
        AGAINST,
        "",
        "Het lijkt alsof het besluit al genomen is. Waarom vraagt de gemeente dan nog onze mening?",
    ),
    (
        "informatie",
        L,
        AGAINST,
        "",
        "De stukken zijn moeilijk te lezen. Niet iedereen begrijpt wat er staat.",
    ),
    (
        "eerlijk",
        L,
        AGAINST,
        "",
        "Wie niet naar de avonden kan komen, telt niet mee. Dat is niet eerlijk.",
    ),
    (
        "timing",
        L,
        AGAINST,
        "",
        "Eerst was het 2030, nu wordt het later. Ik weet niet meer wat ik kan geloven.",
    ),
    (
        "vertrouwen",
        L,
        AGAINST,
        "",
        "Wat gebeurt er als een nieuwe gemeenteraad het plan weer verandert?",
    ),
    (
        "eerlijk",
        L,
        AGAINST,
        "",
        "Ik wil weten of ik verplicht ben om mee te doen, en wat er gebeurt als ik nee zeg.",
    ),
    (
        "huur",
        L,
        AGAINST,
        "",
        "Huurders mogen meepraten, maar de woonstichting beslist uiteindelijk toch alleen.",
    ),
    (
        "monopolie",
        L,
        AGAINST,
        "warmtenet",
        "Met een warmtenet zit je vast aan één leverancier. Je "
        "kunt niet overstappen als de prijs omhoog gaat.",
    ),
    (
        "aanbod",
        L,
        AGAINST,
        "groengas",
        "Er is nog lang niet genoeg groen gas voor alle huizen. Dan "
        "is het plan op papier mooier dan in het echt.",
    ),
    (
        "net",
        L,
        AGAINST,
        "wp",
        "De gemeente zegt ja tegen warmtepompen, maar de netbeheerder zegt "
        "dat het net vol is. Wie heeft er nu gelijk?",
    ),
    # Betrokkenheid, voor
    (
        "samen",
        B,
        FOR,
        "",
        "Buren helpen elkaar met vragen. Zo voelt het als iets van de hele wijk.",
    ),
    (
        "informatie",
        B,
        FOR,
        "",
        "De keukentafelgesprekken werken goed. Thuis durven mensen meer te "
        "vragen dan op een grote avond.",
    ),
    ("samen", B, FOR, "", "Er doen nu ook jonge gezinnen mee, niet alleen de vaste groep."),
    (
        "huur",
        B,
        FOR,
        "",
        "De huurdersvereniging praat namens ons mee en vertelt ons wat er gebeurt.",
    ),
    (
        "gedoe",
        B,
        FOR,
        "",
        "Er is een wijkteam dat alles regelt, van de offerte tot de planning. "
        "Dat scheelt veel zorgen.",
    ),
    (
        "informatie",
        B,
        FOR,
        "",
        "In de voorbeeldwoning zie je goed hoe het eruitziet. Dat helpt om te kiezen.",
    ),
    (
        "samen",
        B,
        FOR,
        "lt",
        "De energiecoöperatie is van ons als bewoners. Daarom doe ik graag mee.",
    ),
    (
        "samen",
        B,
        FOR,
        "ht",
        "Bedrijven en bewoners werken samen: het bedrijventerrein levert de warmte aan de wijk.",
    ),
    (
        "isolatie",
        B,
        FOR,
        "wp",
        "Via de buurtapp delen buren hun ervaring met isoleren. Daar leer je veel van.",
    ),
    # Betrokkenheid, tegen
    (
        "samen",
        B,
        AGAINST,
        "",
        "Het zijn altijd dezelfde mensen die meedoen. Veel buren weten nog van niets.",
    ),
    (
        "informatie",
        B,
        AGAINST,
        "",
        "Veel mensen in de wijk lezen slecht Nederlands. Die bereiken we nu niet.",
    ),
    (
        "huur",
        B,
        AGAINST,
        "",
        "Particuliere verhuurders komen niet naar de avonden. Hun huurders "
        "weten daardoor niet waar ze aan toe zijn.",
    ),
    (
        "gedoe",
        B,
        AGAINST,
        "",
        "Ik heb geen tijd om me in al die techniek te verdiepen. Ik wil "
        "gewoon dat het goed geregeld wordt.",
    ),
    (
        "samen",
        B,
        AGAINST,
        "",
        "Een VvE heeft veel tijd nodig voor een besluit. Daar houdt de planning geen rekening mee.",
    ),
    (
        "vertrouwen",
        B,
        AGAINST,
        "",
        "In de vorige ronde hebben we ook meegedacht, maar daar hebben we niets meer van gehoord.",
    ),
    (
        "timing",
        B,
        AGAINST,
        "",
        "De avonden zijn altijd op een werkdag om half acht. Voor mensen "
        "met wisseldiensten is dat lastig.",
    ),
    ("eerlijk", B, AGAINST, "", "Ouderen zonder computer krijgen de informatie te laat."),
    # Rendement, voor
    (
        "woonlasten",
        R,
        FOR,
        "",
        "Als mijn woonlasten gelijk blijven en mijn huis comfortabeler wordt, ben ik voor.",
    ),
    (
        "isolatie",
        R,
        FOR,
        "",
        "Door eerst te isoleren daalt mijn energierekening meteen, wat er daarna ook komt.",
    ),
    (
        "subsidie",
        R,
        FOR,
        "",
        "Met de subsidie en een lening met lage rente van het Warmtefonds kan ik het betalen.",
    ),
    (
        "eerlijk",
        R,
        FOR,
        "",
        "De lasten zijn eerlijk verdeeld: wie minder verdient, krijgt meer hulp.",
    ),
    (
        "woonlasten",
        R,
        FOR,
        "warmtenet",
        "Voor deze rijen en flats is een warmtenet de goedkoopste oplossing per woning.",
    ),
    (
        "gedoe",
        R,
        FOR,
        "warmtenet",
        "Bij een warmtenet hoef ik zelf geen apparaat in huis te onderhouden. Dat is makkelijk.",
    ),
    (
        "net",
        R,
        FOR,
        "warmtenet",
        "Een warmtenet belast het stroomnet veel minder dan honderden warmtepompen.",
    ),
    (
        "woonlasten",
        R,
        FOR,
        "wp",
        "Met zonnepanelen en een warmtepomp betaal ik op termijn minder dan nu met gas.",
    ),
    (
        "geluid",
        R,
        FOR,
        "wp",
        "Nieuwe warmtepompen zijn veel stiller dan vroeger. Bij de buren hoor "
        "ik er bijna niets van.",
    ),
    (
        "gedoe",
        R,
        FOR,
        "hybride",
        "Een hybride warmtepomp past zonder grote verbouwing. Dat is weinig gedoe.",
    ),
    (
        "woonlasten",
        R,
        FOR,
        "hybride",
        "Met een hybride warmtepomp gebruik ik veel minder gas, en later kan ik nog verder.",
    ),
    (
        "monument",
        R,
        FOR,
        "groengas",
        "Met groen gas kunnen de ketel en de leidingen blijven. Dat "
        "scheelt een dure verbouwing in een monument.",
    ),
    # Rendement, tegen
    (
        "woonlasten",
        R,
        AGAINST,
        "",
        "Niemand kan me vertellen wat ik over tien jaar betaal. Dat maakt me onzeker.",
    ),
    (
        "huur",
        R,
        AGAINST,
        "",
        "Ik ben bang dat mijn huur omhoog gaat en mijn energierekening niet genoeg daalt.",
    ),
    (
        "subsidie",
        R,
        AGAINST,
        "",
        "De subsidie is er nu, maar wat als die stopt voordat mijn straat aan de beurt is?",
    ),
    (
        "gedoe",
        R,
        AGAINST,
        "",
        "De verbouwing duurt weken. Met kleine kinderen of als je ziek bent is dat zwaar.",
    ),
    (
        "eerlijk",
        R,
        AGAINST,
        "",
        "Wie al geïsoleerd heeft, krijgt geen subsidie meer. Dat voelt als "
        "straf voor de voorlopers.",
    ),
    (
        "timing",
        R,
        AGAINST,
        "",
        "Ik heb net een nieuwe cv-ketel. Die nu al vervangen is zonde van het geld.",
    ),
    (
        "monopolie",
        R,
        AGAINST,
        "warmtenet",
        "Het vaste bedrag voor het warmtenet is hoog, ook als je weinig warmte gebruikt.",
    ),
    (
        "woonlasten",
        R,
        AGAINST,
        "lt",
        "Voor lage temperatuur moet ik ook mijn huis isoleren. Die kosten komen er nog bij.",
    ),
    (
        "geluid",
        R,
        AGAINST,
        "wp",
        "Een buitenunit in een kleine tuin maakt geluid. Ik ben bang voor gedoe met de buren.",
    ),
    (
        "net",
        R,
        AGAINST,
        "wp",
        "Het stroomnet in de wijk is al vol. Wat heb ik aan een warmtepomp "
        "als er geen zwaardere aansluiting komt?",
    ),
    (
        "net",
        R,
        AGAINST,
        "hybride",
        "Als iedereen tegelijk elektrisch gaat verwarmen, kan het net dat dan wel aan?",
    ),
    (
        "monument",
        R,
        AGAINST,
        "groengas",
        "Isoleren in een monument is duur en de regels zijn "
        "streng. Dat kan ik niet alleen betalen.",
    ),
    (
        "aanbod",
        R,
        AGAINST,
        "groengas",
        "Groen gas wordt duurder als meer mensen het willen. Dan is de besparing snel weg.",
    ),
    (
        "isolatie",
        R,
        AGAINST,
        "wp",
        "In oudere huizen werkt een warmtepomp pas goed na een flinke "
        "verbouwing. Die kost veel geld.",
    ),
    (
        "vertrouwen",
        R,
        AGAINST,
        "ht",
        "Bij de storing vorige winter kregen we te laat bericht. Daar "
        "moet het warmtebedrijf beter in worden.",
    ),
]

HIDDEN_ARGUMENT = (
    "vertrouwen",
    L,
    AGAINST,
    "Die projectleider van de gemeente liegt gewoon en moet weg. Iedereen weet wie ik bedoel.",
    "Persoonlijke aanval op een medewerker. Volgens de spelregels gaat het over de inhoud, niet "
    "over personen.",
)

SCORE_REASONS = {
    L: (
        ("Ik weet niet wie er uiteindelijk beslist.", "Het voelt alsof alles al vastligt."),
        ("Het is duidelijker dan eerst, maar nog niet helemaal.", "Ik wacht af wat de raad doet."),
        ("De afspraken staan op papier.", "Ze doen wat ze beloven."),
    ),
    B: (
        ("Ik zie steeds dezelfde mensen.", "Mijn buren weten hier niets van."),
        ("Er doen meer mensen mee, maar nog niet genoeg.", "Het kan beter met huurders."),
        ("Buren helpen elkaar.", "We denken echt samen na."),
    ),
    R: (
        ("Ik weet niet wat het mij gaat kosten.", "Te duur voor mijn portemonnee."),
        ("Het kan goed uitpakken als de subsidie blijft.", "Het hangt af van de prijs."),
        ("Mijn woonlasten blijven gelijk en mijn huis wordt warmer.", "Minder gedoe dan gedacht."),
    ),
}

# How a group's scores differ from the session mean: tenants worry about rent, landlords and
# businesses feel less involved.
GROUP_OFFSET = {
    G.OWNER_OCCUPIER: {L: 0.0, B: 0.1, R: 0.1},
    G.TENANT: {L: -0.1, B: 0.0, R: -0.4},
    G.LANDLORD: {L: -0.2, B: -0.4, R: -0.3},
    G.BUSINESS: {L: -0.2, B: -0.3, R: 0.2},
    G.OTHER: {L: 0.1, B: 0.2, R: 0.0},
}

LIVE_NAMES = ["Anja", "Mehmet", "Ilse"]


@dataclass(frozen=True)
class DemoOutcome:
    kind: str
    text: str
    agreed: bool
    theme: str


@dataclass(frozen=True)
class DemoSession:
    neighbourhood: str
    title: str
    when: dt.datetime | None  # None: relative to now (live, scheduled, draft)
    status: str
    participants: int
    means: tuple[float, float, float]  # legitimiteit, betrokkenheid, rendement
    location: str
    phase: str | None = None  # the phase at the time; None: the neighbourhood's phase now
    level: str | None = None
    outcomes: tuple[DemoOutcome, ...] = ()
    summary: str = ""
    hide_one: bool = False
    days_from_now: int = 0
    themes: tuple[str, ...] = field(default=())
    # An alternative put to the same triangle beside the proposition (scored a bit differently).
    alternative: str = ""


def _at(year: int, month: int, day: int, hour: int = 19, minute: int = 30) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def _o(kind: str, text: str, theme: str, agreed: bool = True) -> DemoOutcome:
    return DemoOutcome(kind, text, agreed, theme)


FIRST_B = "De woonstichting isoleert eerst alle corporatiewoningen tot label B."
NO_RENT_RISE = "Woonlasten mogen niet stijgen voor huurders."

SESSIONS = [
    # Zonnehoek (uitvoering): from doubt to a working plan.
    DemoSession(
        "zonnehoek",
        "Warmtenet Zonnehoek: eerste toets",
        _at(2024, 3, 14),
        Status.PUBLISHED,
        32,
        (2.7, 2.9, 3.0),
        "Wijkcentrum De Zonnehoek",
        phase=Phase.DECIDING,
        outcomes=(
            _o(KADER, NO_RENT_RISE, "huur"),
            _o(VERWACHTING, FIRST_B, "isolatie"),
            _o(
                OPEN_VRAAG,
                "Hoe wordt de prijs van warmte bepaald als er maar één warmtebedrijf is?",
                "monopolie",
                False,
            ),
        ),
        summary="Bewoners vinden een warmtenet voor de flats een logische keuze. Huurders zijn "
        "bang dat hun woonlasten stijgen. De woonstichting belooft eerst te isoleren en de huur "
        "niet te verhogen door de overstap. De vraag over de prijs van warmte nemen we mee naar "
        "de volgende avond.",
    ),
    DemoSession(
        "zonnehoek",
        "Zonnehoek: afspraken over tarief en planning",
        _at(2024, 11, 7),
        Status.PUBLISHED,
        27,
        (3.2, 3.1, 3.1),
        "Wijkcentrum De Zonnehoek",
        phase=Phase.DECIDING,
        hide_one=True,
        outcomes=(
            _o(
                KADER,
                "Eigenaren betalen voor warmte niet meer dan huurders in een vergelijkbare woning.",
                "eerlijk",
            ),
            _o(
                VERWACHTING,
                "Het warmtebedrijf maakt elk jaar openbaar hoe het tarief is opgebouwd.",
                "monopolie",
            ),
            _o(
                OPEN_VRAAG,
                "Wat gebeurt er met bewoners die niet willen aansluiten?",
                "eerlijk",
                False,
            ),
        ),
        summary="We spraken over de prijs van warmte en de planning per blok. De meeste mensen "
        "vinden het goed dat eigenaren en huurders hetzelfde betalen. Het warmtebedrijf gaat elk "
        "jaar laten zien hoe het tarief is opgebouwd.",
    ),
    DemoSession(
        "zonnehoek",
        "Zonnehoek: hoe gaat de aanleg?",
        _at(2025, 9, 18),
        Status.PUBLISHED,
        36,
        (3.6, 3.3, 3.4),
        "Wijkcentrum De Zonnehoek",
        outcomes=(
            _o(KADER, "Per blok is er één vast aanspreekpunt tijdens de verbouwing.", "gedoe"),
            _o(
                VERWACHTING,
                "Bewoners krijgen twee weken voor de werkzaamheden een brief met de "
                "planning voor hun straat.",
                "timing",
            ),
            _o(
                OPEN_VRAAG,
                "Kunnen de winkels rond het plein later nog aansluiten zonder extra kosten?",
                "woonlasten",
                False,
            ),
        ),
        summary="De eerste blokken zijn aangesloten. Bewoners zijn tevreden over de hulp, maar "
        "willen eerder weten wanneer hun straat open gaat. Er komt per blok één vast "
        "aanspreekpunt.",
    ),
    # De Akkers (uitvoering)
    DemoSession(
        "de-akkers",
        "De Akkers: warmtenet straat voor straat",
        _at(2024, 5, 23),
        Status.PUBLISHED,
        24,
        (2.9, 2.6, 3.1),
        "Winkelcentrum De Akkers, zaal boven de bibliotheek",
        phase=Phase.DECIDING,
        outcomes=(
            _o(
                KADER,
                "De aanleg gaat straat voor straat, zodat niemand maanden in een open straat "
                "woont.",
                "gedoe",
            ),
            _o(
                VERWACHTING,
                "Het energieloket helpt de VvE van de Akkerflat bij het besluit in de "
                "ledenvergadering.",
                "samen",
            ),
            _o(
                OPEN_VRAAG,
                "Wat kost de aansluiting voor eigenaren van een rijtjeshuis?",
                "woonlasten",
                False,
            ),
        ),
        summary="Bewoners willen zo min mogelijk overlast. Daarom gaat de aanleg straat voor "
        "straat. De VvE van de grote flat krijgt hulp bij haar besluit. Wat een aansluiting kost "
        "voor eigenaren, zoeken we nog uit.",
    ),
    DemoSession(
        "de-akkers",
        "De Akkers: tussenstand na de eerste straten",
        _at(2025, 6, 12),
        Status.PUBLISHED,
        30,
        (3.4, 3.0, 3.3),
        "Winkelcentrum De Akkers, zaal boven de bibliotheek",
        outcomes=(
            _o(
                KADER,
                "Huishoudens met een laag inkomen betalen geen aansluitbijdrage.",
                "subsidie",
                False,
            ),
            _o(
                VERWACHTING,
                "Het warmtebedrijf meldt een storing binnen een uur per sms en op de website.",
                "vertrouwen",
            ),
            _o(
                OPEN_VRAAG,
                "Hoe bereiken we de huurders van particuliere verhuurders?",
                "huur",
                False,
            ),
        ),
        summary="De oostkant is klaar. De meeste bewoners zijn positief, maar de storing in de "
        "winter zit mensen dwars. Het warmtebedrijf belooft sneller te melden. Over hulp bij de "
        "aansluitbijdrage zijn we het nog niet eens.",
    ),
    # Molenbuurt (besluitvorming): legitimacy rises as the co-operative takes shape.
    DemoSession(
        "molenbuurt",
        "Molenbuurt: warmte uit de rivier?",
        _at(2024, 4, 18),
        Status.PUBLISHED,
        22,
        (2.3, 3.4, 2.8),
        "Dorpshuis De Molen",
        phase=Phase.PLANNING,
        level=ParticipationLevel.COPRODUCE,
        outcomes=(
            _o(
                KADER,
                "Geen besluit over de Molenbuurt zonder een tweede bewonersavond.",
                "vertrouwen",
            ),
            _o(
                VERWACHTING,
                "De gemeente laat onafhankelijk onderzoeken of de rivier genoeg "
                "warmte geeft voor de hele buurt.",
                "vertrouwen",
            ),
            _o(
                OPEN_VRAAG,
                "Wie wordt eigenaar van het warmtenet en wie bepaalt de prijs?",
                "monopolie",
                False,
            ),
        ),
        summary="Bewoners zijn enthousiast over warmte uit de rivier, maar twijfelen of de "
        "gemeente echt luistert. Veel mensen willen eerst weten wie de baas wordt over het "
        "warmtenet. Er komt een onafhankelijk onderzoek en een tweede avond.",
    ),
    DemoSession(
        "molenbuurt",
        "Molenbuurt: de coöperatie als eigenaar",
        _at(2025, 2, 13),
        Status.PUBLISHED,
        31,
        (3.1, 3.7, 3.0),
        "Dorpshuis De Molen",
        phase=Phase.PLANNING,
        level=ParticipationLevel.COPRODUCE,
        outcomes=(
            _o(
                KADER,
                "Het warmtenet komt in handen van een coöperatie waarin bewoners meebeslissen "
                "over de tarieven.",
                "monopolie",
            ),
            _o(
                VERWACHTING,
                "Energiecoöperatie De Zonnewijzer houdt in elke straat een keukentafelgesprek.",
                "samen",
            ),
            _o(
                OPEN_VRAAG,
                "Hoeveel moet een eigenaar zelf betalen aan isolatie voor lage temperatuur?",
                "woonlasten",
                False,
            ),
        ),
        summary="Het onderzoek laat zien dat de rivier genoeg warmte geeft. Bewoners willen dat "
        "het warmtenet van een coöperatie wordt, zodat zij meebeslissen over de prijs. Dat "
        "vertrouwen zie je terug in de scores.",
    ),
    DemoSession(
        "molenbuurt",
        "Molenbuurt: toets van het ontwerpplan",
        _at(2025, 11, 20),
        Status.PUBLISHED,
        38,
        (3.9, 3.8, 3.3),
        "Dorpshuis De Molen",
        level=ParticipationLevel.COPRODUCE,
        outcomes=(
            _o(
                KADER,
                "Niemand gaat er in woonlasten op achteruit door de overstap. Wie het niet "
                "kan betalen, krijgt hulp op maat.",
                "woonlasten",
            ),
            _o(VERWACHTING, FIRST_B, "isolatie"),
            _o(
                OPEN_VRAAG,
                "Wat als de subsidie stopt voordat de laatste straat is aangesloten?",
                "subsidie",
                False,
            ),
        ),
        summary="Bewoners steunen het ontwerp van het wijkuitvoeringsplan. De afspraken over "
        "woonlasten en de rol van de coöperatie staan er nu in. De zorg over de subsidie op lange "
        "termijn gaat mee naar de gemeenteraad.",
    ),
    # Rivierzicht (besluitvorming)
    DemoSession(
        "rivierzicht",
        "Rivierzicht: aansluiten op het warmtenet van de Molenbuurt?",
        _at(2024, 10, 10),
        Status.PUBLISHED,
        19,
        (2.6, 2.4, 2.9),
        "Roeivereniging De Dijk, kantine",
        phase=Phase.PLANNING,
        outcomes=(
            _o(
                KADER,
                "Eigenaren kiezen zelf wanneer zij aansluiten, binnen vijf jaar na de aanleg.",
                "timing",
                False,
            ),
            _o(
                VERWACHTING,
                "Het energieloket maakt voor elk type huis een voorbeeldberekening.",
                "informatie",
            ),
            _o(
                OPEN_VRAAG,
                "Is isoleren van de grote dijkwoningen voor lage temperatuur wel te betalen?",
                "woonlasten",
                False,
            ),
        ),
        summary="Eigenaren van de grote huizen aan de dijk zijn nog onzeker over de kosten. Ze "
        "willen eerst zien wat het voor hun eigen huis betekent. Het energieloket maakt "
        "voorbeeldberekeningen per type huis.",
    ),
    DemoSession(
        "rivierzicht",
        "Rivierzicht: reactie op het wijkuitvoeringsplan",
        _at(2026, 9, 24),
        Status.PUBLISHED,
        26,
        (3.3, 2.9, 3.1),
        "Roeivereniging De Dijk, kantine",
        outcomes=(
            _o(
                KADER,
                "Eigenaren kiezen zelf wanneer zij aansluiten, binnen vijf jaar na de aanleg.",
                "timing",
            ),
            _o(
                VERWACHTING,
                "De gemeente stuurt alle reacties op het plan mee naar de gemeenteraad.",
                "vertrouwen",
            ),
            _o(
                OPEN_VRAAG,
                "Hoe voorkomen we dat de prijs stijgt als weinig huizen aansluiten?",
                "monopolie",
                False,
            ),
        ),
        summary="Het plan ligt ter inzage. Bewoners zijn positiever dan vorig jaar, vooral omdat "
        "zij zelf het moment van aansluiten kiezen. Alle reacties gaan mee naar de gemeenteraad, "
        "die volgend voorjaar besluit.",
    ),
    # Oude Dorp (besluitvorming)
    DemoSession(
        "oude-dorp",
        "Oude Dorp: groen gas voor monumenten",
        _at(2024, 9, 12),
        Status.PUBLISHED,
        18,
        (2.8, 3.0, 2.5),
        "De Oude Pastorie",
        phase=Phase.PLANNING,
        outcomes=(
            _o(KADER, "Isoleren mag het beschermd dorpsgezicht niet aantasten.", "monument"),
            _o(
                VERWACHTING,
                "De gemeente geeft gratis advies van een deskundige voor monumenten.",
                "monument",
            ),
            _o(
                OPEN_VRAAG, "Is er in 2040 genoeg groen gas, en tegen welke prijs?", "aanbod", False
            ),
        ),
        summary="Eigenaren van monumenten zien groen gas als de enige haalbare keuze. Ze maken "
        "zich zorgen over de prijs en of er genoeg groen gas komt. De gemeente regelt gratis "
        "advies voor isoleren dat past bij het dorpsgezicht.",
    ),
    DemoSession(
        "oude-dorp",
        "Oude Dorp: isoleren met respect voor het monument",
        _at(2025, 5, 15),
        Status.PUBLISHED,
        21,
        (3.2, 3.4, 2.7),
        "De Oude Pastorie",
        outcomes=(
            _o(
                KADER,
                "Eigenaren van monumenten krijgen dezelfde subsidie als andere eigenaren, "
                "plus extra voor dure maatregelen.",
                "subsidie",
            ),
            _o(
                VERWACHTING,
                "De gemeente maakt de vergunning voor isoleren in een monument sneller "
                "en eenvoudiger.",
                "gedoe",
            ),
            _o(
                OPEN_VRAAG,
                "Mag een warmtepomp op een binnenplaats in het beschermd dorpsgezicht?",
                "monument",
                False,
            ),
        ),
        summary="Bewoners willen wel isoleren, maar vinden het duur en ingewikkeld. Er komt een "
        "snellere vergunning en extra subsidie voor monumenten. Het rendement blijft het "
        "zwakste punt.",
    ),
    DemoSession(
        "oude-dorp",
        "Oude Dorp: toets van het conceptplan",
        _at(2026, 11, 12),
        Status.CLOSED,
        14,
        (3.4, 3.2, 2.9),
        "De Oude Pastorie",
        outcomes=(
            _o(
                KADER,
                "Geen verplichte aansluiting voordat er een betaalbaar alternatief is.",
                "woonlasten",
                False,
            ),
            _o(OPEN_VRAAG, "Wie controleert of het groene gas echt groen is?", "aanbod", False),
        ),
    ),
    # Bloemenwijk (planvorming)
    DemoSession(
        "bloemenwijk",
        "Bloemenwijk: isoleren en een warmtepomp",
        _at(2025, 3, 20),
        Status.PUBLISHED,
        34,
        (3.0, 2.8, 2.9),
        "Buurthuis Het Bloemenhuis",
        outcomes=(
            _o(
                KADER,
                "Eerst isoleren, dan pas een warmtepomp. Niemand krijgt een warmtepomp in "
                "een slecht geïsoleerd huis.",
                "isolatie",
            ),
            _o(
                VERWACHTING,
                "De netbeheerder maakt bekend wanneer het stroomnet in de wijk zwaarder wordt.",
                "net",
            ),
            _o(
                OPEN_VRAAG,
                "Hoe houden we het geluid van buitenunits in kleine tuinen binnen de perken?",
                "geluid",
                False,
            ),
        ),
        summary="Bewoners vinden isoleren een goede eerste stap. Over de warmtepomp zijn ze "
        "verdeeld: geluid en het volle stroomnet zijn de grootste zorgen. De netbeheerder laat "
        "weten wanneer het net in de wijk zwaarder wordt.",
    ),
    DemoSession(
        "bloemenwijk",
        "Bloemenwijk: samen inkopen en geluid",
        _at(2025, 12, 4),
        Status.PUBLISHED,
        40,
        (3.4, 3.3, 3.1),
        "Buurthuis Het Bloemenhuis",
        outcomes=(
            _o(
                KADER,
                "Buitenunits voldoen aan de geluidsregels. De installateur meet het geluid "
                "bij de buren na.",
                "geluid",
            ),
            _o(
                VERWACHTING,
                "De gemeente regelt een collectieve inkoop met een vaste prijs voor "
                "isoleren en een warmtepomp.",
                "woonlasten",
            ),
            _o(
                OPEN_VRAAG, "Wat doen we als het stroomnet in 2028 nog niet klaar is?", "net", False
            ),
        ),
        summary="Met de collectieve inkoop en afspraken over geluid is het vertrouwen gegroeid. "
        "Veel bewoners willen meedoen aan de inkoop. De vraag wat er gebeurt als het stroomnet "
        "te laat klaar is, blijft open.",
    ),
    DemoSession(
        "bloemenwijk",
        "Bloemenwijk: wat regelen we samen, wat zelf?",
        None,
        Status.LIVE,
        7,
        (3.5, 3.4, 3.2),
        "Buurthuis Het Bloemenhuis",
        alternative="Geen eigen warmtepomp per huis, maar een klein warmtenet per blok van "
        "twintig woningen, beheerd door een bewonerscoöperatie.",
    ),
    # Het Weiland (planvorming)
    DemoSession(
        "het-weiland",
        "Het Weiland: hybride warmtepomp als tussenstap",
        _at(2025, 4, 10),
        Status.PUBLISHED,
        25,
        (2.9, 2.7, 3.5),
        "Sportpark Het Weiland, kantine",
        alternative="Meteen volledig elektrisch: een all-electric warmtepomp in elk huis, met "
        "hulp bij isoleren vooraf.",
        outcomes=(
            _o(
                KADER,
                "Niemand hoeft een goede cv-ketel weg te gooien. De overstap volgt het "
                "moment dat de ketel toch aan vervanging toe is.",
                "timing",
            ),
            _o(
                VERWACHTING,
                "Het energieloket geeft elke eigenaar gratis advies over isoleren.",
                "isolatie",
            ),
            _o(
                OPEN_VRAAG,
                "Wat is het plan na 2035, en moeten we dan opnieuw verbouwen?",
                "timing",
                False,
            ),
        ),
        summary="De hybride warmtepomp scoort goed op rendement: weinig gedoe en minder gas. "
        "Bewoners willen wel weten wat er na 2035 komt. Niemand hoeft een goede ketel te vroeg "
        "te vervangen.",
    ),
    DemoSession(
        "het-weiland",
        "Het Weiland: huurders en verhuurders",
        _at(2026, 2, 5),
        Status.PUBLISHED,
        23,
        (3.2, 3.1, 3.4),
        "Sportpark Het Weiland, kantine",
        outcomes=(
            _o(KADER, NO_RENT_RISE, "huur"),
            _o(
                VERWACHTING,
                "Particuliere verhuurders krijgen een eigen informatieavond en een "
                "brief van de gemeente.",
                "huur",
            ),
            _o(
                OPEN_VRAAG,
                "Hoe pakken we de hoekwoningen aan, die meer warmte verliezen?",
                "isolatie",
                False,
            ),
        ),
        summary="Deze avond was vooral voor huurders en verhuurders. Afgesproken is dat de "
        "woonlasten voor huurders niet stijgen. Verhuurders krijgen een eigen avond, omdat zij "
        "nog weinig meedoen.",
    ),
    # Kerkeveld (planvorming)
    DemoSession(
        "kerkeveld",
        "Kerkeveld: een oplossing per type woning",
        _at(2025, 5, 22),
        Status.PUBLISHED,
        28,
        (2.8, 3.0, 3.0),
        "Kerkeveldschool, aula",
        outcomes=(
            _o(
                KADER,
                "Huurders en eigenaren in vergelijkbare woningen krijgen een vergelijkbaar aanbod.",
                "eerlijk",
            ),
            _o(VERWACHTING, FIRST_B, "isolatie"),
            _o(
                OPEN_VRAAG,
                "Wie betaalt het kleine warmtenet als niet alle flats meedoen?",
                "woonlasten",
                False,
            ),
        ),
        summary="Bewoners begrijpen dat flats en vrijstaande huizen een andere oplossing "
        "krijgen, maar willen dat het eerlijk blijft. De woonstichting isoleert haar woningen "
        "eerst tot label B.",
    ),
    DemoSession(
        "kerkeveld",
        "Kerkeveld: het kleine warmtenet voor de flats",
        _at(2026, 3, 12),
        Status.PUBLISHED,
        29,
        (3.3, 3.2, 3.0),
        "Kerkeveldschool, aula",
        outcomes=(
            _o(
                KADER,
                "Geen verbouwing in de winter bij huishoudens met kleine kinderen of "
                "zieke bewoners.",
                "gedoe",
                False,
            ),
            _o(
                VERWACHTING,
                "De woonstichting en de huurdersvereniging maken samen een "
                "afsprakenlijst voor de verbouwing.",
                "huur",
            ),
            _o(
                OPEN_VRAAG,
                "Kan het warmtenet later ook de vrijstaande huizen aansluiten?",
                "samen",
                False,
            ),
        ),
        summary="Huurders van de flats zijn positief over het warmtenet, als de verbouwing goed "
        "geregeld is. De woonstichting en de huurdersvereniging maken samen afspraken.",
    ),
    DemoSession(
        "kerkeveld",
        "Kerkeveld: warmtepompen bij de vrijstaande huizen",
        _at(2026, 10, 8),
        Status.PUBLISHED,
        20,
        (3.5, 3.3, 3.2),
        "Kerkeveldschool, aula",
        outcomes=(
            _o(KADER, "Buitenunits komen niet aan de straatkant van de huizen.", "geluid"),
            _o(
                VERWACHTING,
                "De netbeheerder maakt bekend wanneer het stroomnet in de wijk zwaarder wordt.",
                "net",
            ),
            _o(
                OPEN_VRAAG,
                "Hoe verdelen we de kosten als buren samen één warmtepomp willen?",
                "woonlasten",
                False,
            ),
        ),
        summary="Eigenaren van vrijstaande huizen zien de warmtepomp zitten, als het stroomnet "
        "op tijd klaar is. Over de plek van de buitenunits zijn heldere afspraken gemaakt.",
    ),
    # Havenkwartier (beheer): evaluation.
    DemoSession(
        "havenkwartier",
        "Havenkwartier: hoe bevalt het warmtenet?",
        _at(2026, 6, 11),
        Status.PUBLISHED,
        21,
        (3.5, 2.8, 3.6),
        "Havenloods, zaal 1",
        outcomes=(
            _o(
                KADER,
                "Op de warmtenota staat apart wat het vaste bedrag en wat het verbruik kost.",
                "monopolie",
            ),
            _o(
                VERWACHTING,
                "Het warmtebedrijf meldt een storing binnen een uur per sms en op de website.",
                "vertrouwen",
            ),
            _o(
                OPEN_VRAAG,
                "Hoe betrekken we nieuwe bewoners die na de oplevering zijn komen wonen?",
                "samen",
                False,
            ),
        ),
        summary="De meeste bewoners zijn tevreden over het warmtenet en de kosten. Wel willen ze "
        "sneller bericht bij een storing en een duidelijkere nota. Nieuwe bewoners doen nog "
        "weinig mee.",
    ),
    # Coming up
    DemoSession(
        "noorderpark",
        "Noorderpark: eerste verkenning met bewoners",
        None,
        Status.SCHEDULED,
        0,
        (3.0, 3.0, 3.0),
        "Wijkcentrum Noorderpark, Parklaan 2",
        days_from_now=16,
    ),
    DemoSession(
        "de-gaarde",
        "De Gaarde: wat vindt u belangrijk?",
        None,
        Status.DRAFT,
        0,
        (3.0, 3.0, 3.0),
        "",
        days_from_now=75,
    ),
]
