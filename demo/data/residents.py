"""Zonnedal's residents as records: how many people follow each neighbourhood, the questions
they ask the project lead (with the answers), and the pulse per month. `demo.residents` turns
them into followers, questions and answers, dated relative to today.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# Followers: (confirmed, unconfirmed) per neighbourhood. Unconfirmed sign-ups are from the last
# two days: older ones would have expired (72 hours) or been removed (7 days).
# ---------------------------------------------------------------------------------------------

FOLLOWERS: dict[str, tuple[int, int]] = {
    "molenbuurt": (38, 2),
    "de-akkers": (31, 1),
    "zonnehoek": (24, 0),
    "rivierzicht": (17, 1),
    "bloemenwijk": (22, 1),
    "het-weiland": (12, 0),
    "kerkeveld": (9, 0),
    "oude-dorp": (8, 0),
    "havenkwartier": (6, 0),
    "de-gaarde": (10, 1),
    "lindehof": (4, 0),
    "noorderpark": (14, 0),
}

# ---------------------------------------------------------------------------------------------
# Questions. The resident's own wording (private) and, for published ones, the lead's anonymised
# public wording. B1 Dutch, no names.
# ---------------------------------------------------------------------------------------------

PUBLISHED = "published"  # answered, and in the public questions and answers
PRIVATE = "private"  # answered by e-mail only: too personal to publish
OPEN = "open"  # waiting for an answer, still within the two working days
OVERDUE = "overdue"  # waiting for an answer, past its due date


@dataclass(frozen=True)
class DemoQuestion:
    neighbourhood: str
    kind: str
    text: str
    public_text: str = ""
    answer: str = ""
    days_ago: int = 0  # when it was asked (for OPEN: hours are drawn, days_ago is ignored)
    late: bool = False  # answered after its due date


QUESTIONS: list[DemoQuestion] = [
    # Molenbuurt: a low-temperature heat network with heat from the river (besluitvorming).
    DemoQuestion(
        "molenbuurt",
        PUBLISHED,
        "Ik woon in een oud huis uit 1925. Wat ga ik per maand betalen voor het warmtenet? Nu "
        "betaal ik ongeveer 180 euro voor gas.",
        "Wat kost het warmtenet per maand, vergeleken met de gasrekening nu?",
        "Dat weten we nog niet precies. De energiecoöperatie rekent de tarieven nu uit. De "
        "afspraak is: voor een gewoon huis betaalt u niet meer dan nu voor gas. Dit voorjaar "
        "krijgt u een brief met een berekening voor uw soort huis. Wilt u nu al weten wat "
        "isoleren scheelt? Het Energieloket komt gratis bij u langs.",
        days_ago=300,
    ),
    DemoQuestion(
        "molenbuurt",
        PUBLISHED,
        "Wanneer komen ze in onze straat het warmtenet aanleggen? We willen dit jaar een nieuwe "
        "keuken en ik wil niet dat alles twee keer open moet.",
        "Wanneer wordt mijn straat aangesloten op het warmtenet?",
        "Als de gemeenteraad het plan vaststelt, begint de aanleg op zijn vroegst in 2028. De "
        "volgorde van de straten bepalen we samen met de wijkraad. U hoort het minstens een jaar "
        "van tevoren. Gaat u nu verbouwen? Laat dan ruimte voor een afleverset van ongeveer 60 "
        "bij 40 centimeter, op de plek van uw cv-ketel.",
        days_ago=220,
        late=True,
    ),
    DemoQuestion(
        "molenbuurt",
        PUBLISHED,
        "Moet ik mijn huis eerst isoleren voor warmte op lage temperatuur? Mijn huis is heel "
        "oud en tochtig.",
        "Moet ik mijn huis eerst isoleren voor een warmtenet op lage temperatuur?",
        "Meestal wel een beetje. Lage temperatuur betekent water van ongeveer 55 graden. Dat is "
        "genoeg als uw dak en vloer geïsoleerd zijn en u dubbel glas hebt. Het Energieloket kijkt "
        "gratis wat uw huis nodig heeft. Voor isoleren is er subsidie van het Rijk (ISDE) en een "
        "lening met lage rente van het Warmtefonds.",
        days_ago=140,
    ),
    DemoQuestion(
        "molenbuurt",
        PUBLISHED,
        "Mijn buurman zegt dat we verplicht op het warmtenet moeten. Mag ik ook zelf een "
        "warmtepomp nemen?",
        "Moet ik op het warmtenet, of mag ik zelf een warmtepomp nemen?",
        "U bent niet verplicht om aan te sluiten. Het warmtenet wordt wel goedkoper voor "
        "iedereen als veel buren meedoen. Neemt u zelf een warmtepomp? Dat mag. Later "
        "overstappen naar het warmtenet kan ook, zolang er een leiding in uw straat ligt.",
        days_ago=61,
    ),
    DemoQuestion(
        "molenbuurt",
        PRIVATE,
        "Mijn moeder van 84 woont alleen in de Molenbuurt en leest geen e-mail. Kan iemand haar "
        "helpen met de papieren voor de aansluiting en de subsidie?",
        answer="Ja, dat kan. Het Energieloket heeft vrijwillige energiecoaches. Zij komen bij uw "
        "moeder thuis en helpen met de papieren. U kunt samen een afspraak maken via het "
        "Energieloket. Wilt u dat wij het Energieloket vragen om contact op te nemen? Stuur dan "
        "een antwoord op deze e-mail.",
        days_ago=33,
    ),
    DemoQuestion(
        "molenbuurt",
        OPEN,
        "Komt er nog een bewonersavond over het warmtenet? Ik kon de vorige keer niet komen en "
        "heb nog vragen over de kosten.",
    ),
    DemoQuestion(
        "molenbuurt",
        OVERDUE,
        "Als de straat open gaat voor de leidingen, kan ik dan nog met de auto bij mijn huis? Ik "
        "ben slecht ter been.",
        days_ago=6,
    ),
    # De Akkers: the heat network is being built; many tenants.
    DemoQuestion(
        "de-akkers",
        PUBLISHED,
        "Ik huur bij de woonstichting. Gaat mijn huur omhoog als mijn flat op het warmtenet komt?",
        "Gaat de huur omhoog als de woonstichting de woning aansluit op het warmtenet?",
        "Nee. De woonstichting en de huurdersvereniging hebben afgesproken dat de huur niet "
        "stijgt door het warmtenet. U betaalt geen vastrecht voor gas meer, maar wel een vast "
        "bedrag voor warmte. Uw woonlasten samen mogen niet hoger worden. Zijn ze toch hoger? "
        "Meld het bij de woonstichting; die zoekt het met u uit.",
        days_ago=260,
    ),
    DemoQuestion(
        "de-akkers",
        PUBLISHED,
        "Hoe lang ligt onze straat open? Ik moet elke dag met de auto naar mijn werk.",
        "Hoe lang ligt een straat open voor de aanleg van het warmtenet?",
        "Per straat ongeveer zes tot acht weken. Lopend kunt u altijd bij uw huis komen. Voor "
        "auto's zijn er tijdelijke parkeerplekken aan het begin van de straat. Een week van "
        "tevoren krijgt u een brief met de data.",
        days_ago=175,
    ),
    DemoQuestion(
        "de-akkers",
        PUBLISHED,
        "Bij de bouwput aan de oostkant draait al drie weken dag en nacht een pomp. Ik slaap er "
        "slecht van. Hoe lang duurt dit nog?",
        "Hoe lang duurt het geluid van de pomp bij de bouwput aan de oostkant nog?",
        "De pomp houdt het grondwater uit de bouwput. Hij is nodig tot de leidingen onder de "
        "sloot door liggen, naar verwachting nog vier weken. Het warmtebedrijf zet er deze week "
        "een geluidsscherm omheen, en 's nachts draait de pomp op de stille stand. Hebt u daarna "
        "nog last? Meld het bij de omgevingsmanager van het warmtebedrijf.",
        days_ago=47,
    ),
    DemoQuestion(
        "de-akkers",
        PRIVATE,
        "Bij het graven is mijn tuinhek kapotgegaan en de tegels liggen scheef. Wie betaalt dat?",
        answer="Dat vinden we vervelend. Schade door het werk betaalt het warmtebedrijf. Maak "
        "foto's en stuur die met uw adres naar de omgevingsmanager van het warmtebedrijf. Die "
        "komt binnen een week kijken en spreekt met u af wanneer het wordt hersteld.",
        days_ago=19,
    ),
    DemoQuestion(
        "de-akkers",
        OVERDUE,
        "Ik huur en kook nu op gas. Als het gas eruit gaat, wie betaalt dan een nieuwe kookplaat "
        "en pannen?",
        days_ago=8,
    ),
    # Zonnehoek: the heat network is being built; the housing corporation owns most homes.
    DemoQuestion(
        "zonnehoek",
        PUBLISHED,
        "Wie betaalt een nieuwe kookplaat als het gas uit mijn flat gaat?",
        "Wie betaalt een nieuwe kookplaat als het gas eruit gaat?",
        "Huurt u bij de woonstichting? Dan krijgt u een inductiekookplaat en een set pannen van "
        "de woonstichting. Hebt u een koophuis? Dan kunt u bij de gemeente een vergoeding "
        "aanvragen voor het overstappen op elektrisch koken.",
        days_ago=320,
    ),
    DemoQuestion(
        "zonnehoek",
        PUBLISHED,
        "Ik heb een koophuis tussen de flats van de woonstichting. Kan ik voor hetzelfde geld "
        "aansluiten?",
        "Kan ik als eigenaar tegen hetzelfde tarief aansluiten als de woonstichting?",
        "Ja. Eigenaren in Zonnehoek sluiten aan tegen hetzelfde tarief, zolang de straat open "
        "ligt voor de aanleg. Daarna kost een aansluiting meer. U krijgt een brief als uw blok "
        "aan de beurt is.",
        days_ago=190,
    ),
    DemoQuestion(
        "zonnehoek",
        PRIVATE,
        "Ik werk 's nachts en slaap overdag. Kunnen de werkzaamheden in mijn woning op een "
        "andere dag?",
        answer="Ja, dat kan. Bel of mail de bewonersbegeleider van de woonstichting en geef "
        "door welke dagen u beter uitkomen. Die plant de monteurs op een moment dat u schikt.",
        days_ago=88,
    ),
    DemoQuestion(
        "zonnehoek",
        OPEN,
        "Krijg ik een brief voordat de monteurs in mijn flat komen? En hoe lang zijn ze bezig?",
    ),
    # Bloemenwijk: insulation and then a heat pump (planvorming).
    DemoQuestion(
        "bloemenwijk",
        PUBLISHED,
        "Maakt een warmtepomp veel lawaai? Mijn buren slapen aan de kant van de tuin.",
        "Maakt een warmtepomp veel geluid voor de buren?",
        "Een moderne warmtepomp maakt buiten ongeveer zoveel geluid als een koelkast. Er is een "
        "regel: bij het raam van de buren mag het 's nachts niet harder zijn dan 40 decibel. Zet "
        "de buitenunit niet vlak bij een slaapkamer en niet in een hoek tussen muren. Een "
        "installateur kan het geluid vooraf voor u berekenen.",
        days_ago=250,
    ),
    DemoQuestion(
        "bloemenwijk",
        PUBLISHED,
        "Welke subsidie krijg ik als ik een warmtepomp laat plaatsen?",
        "Welke subsidie is er voor een warmtepomp?",
        "Via de ISDE-regeling van het Rijk krijgt u een deel van de kosten terug. U vraagt die "
        "aan bij RVO nadat de warmtepomp is geplaatst. Isoleert u ook? Dan is er ook subsidie "
        "voor isolatie. Het Energieloket helpt u gratis met de aanvraag.",
        days_ago=120,
    ),
    DemoQuestion(
        "bloemenwijk",
        PUBLISHED,
        "Mijn huis is uit 1978. Is dat goed genoeg geïsoleerd voor een warmtepomp?",
        "Is een huis uit de jaren zeventig goed genoeg geïsoleerd voor een warmtepomp?",
        "Vaak nog niet helemaal. In huizen uit die tijd zijn de spouwmuur en de vloer meestal "
        "niet of weinig geïsoleerd. Doe dat eerst: dan is een kleinere warmtepomp genoeg en is uw "
        "rekening lager. In de Bloemenwijk komt het Energieloket dit jaar gratis langs voor een "
        "woningscan.",
        days_ago=75,
        late=True,
    ),
    DemoQuestion(
        "bloemenwijk",
        PRIVATE,
        "Wij hebben weinig geld. Moeten we straks verplicht een warmtepomp kopen?",
        answer="Nee, niemand wordt verplicht. Het gas gaat in de Bloemenwijk niet voor 2035 "
        "dicht, en u hoort dat jaren van tevoren. Voor huishoudens met een klein inkomen is er "
        "een lening zonder rente bij het Warmtefonds. Het Energieloket rekent gratis met u uit "
        "wat voor u haalbaar is.",
        days_ago=27,
    ),
    DemoQuestion(
        "bloemenwijk",
        OPEN,
        "Wat kost een warmtepomp ongeveer, met het plaatsen erbij? Ik wil weten of ik moet sparen.",
    ),
    # Het Weiland: a hybrid heat pump as a step in between.
    DemoQuestion(
        "het-weiland",
        PUBLISHED,
        "Wat is het verschil tussen een hybride warmtepomp en een gewone warmtepomp?",
        "Wat is het verschil tussen een hybride en een volledige warmtepomp?",
        "Een hybride warmtepomp werkt samen met uw cv-ketel. De warmtepomp doet het meeste werk; "
        "alleen als het buiten koud is, springt de ketel bij. Een volledige warmtepomp doet "
        "alles zelf, zonder gas. De hybride is goedkoper en past in meer huizen, maar u houdt "
        "een gasaansluiting.",
        days_ago=210,
    ),
    DemoQuestion(
        "het-weiland",
        PUBLISHED,
        "Hoeveel gas bespaar ik met een hybride warmtepomp in een hoekhuis?",
        "Hoeveel gas bespaart een hybride warmtepomp?",
        "Meestal ongeveer de helft tot twee derde van het gas voor verwarming. Hoeveel precies "
        "hangt af van de isolatie van uw huis. Een hoekhuis heeft meer buitenmuur, dus isoleren "
        "loont daar extra. U gebruikt wel meer stroom.",
        days_ago=95,
    ),
    # Rivierzicht: the plan is open for comments.
    DemoQuestion(
        "rivierzicht",
        PUBLISHED,
        "Waar kan ik het plan voor onze wijk lezen en kan ik er nog iets van vinden?",
        "Waar kan ik het wijkuitvoeringsplan lezen, en kan ik erop reageren?",
        "Het plan staat op deze website en ligt op papier in het gemeentehuis. U kunt tot zes "
        "weken na de publicatie een reactie (zienswijze) sturen. De gemeenteraad krijgt alle "
        "reacties te zien voordat hij besluit.",
        days_ago=40,
    ),
    DemoQuestion(
        "rivierzicht",
        OPEN,
        "Ik heb zonnepanelen op mijn dak. Wat gebeurt daarmee als ik op het warmtenet ga?",
    ),
    # Oude Dorp: green gas and insulation in listed buildings.
    DemoQuestion(
        "oude-dorp",
        PUBLISHED,
        "Mijn huis is een monument. Mag ik de ramen vervangen door dubbel glas?",
        "Mag ik een monument isoleren, bijvoorbeeld met dubbel glas?",
        "Vaak wel, maar u hebt soms een vergunning nodig. Dun monumentenglas in de oude kozijnen "
        "mag meestal. Vraag eerst advies bij de gemeente; dat is gratis. Voor isoleren van een "
        "monument is er ook een lening met lage rente.",
        days_ago=155,
    ),
    # Havenkwartier: on the heat network from the start.
    DemoQuestion(
        "havenkwartier",
        PUBLISHED,
        "Mijn warmterekening is veel hoger dan ik dacht. Hoe wordt die berekend?",
        "Hoe wordt de warmterekening berekend?",
        "U betaalt een vast bedrag per jaar en een bedrag per gigajoule warmte die u gebruikt. "
        "De toezichthouder ACM stelt elk jaar de hoogste prijs vast die een warmtebedrijf mag "
        "vragen. Denkt u dat uw rekening niet klopt? Vraag het warmtebedrijf om een controle van "
        "de meter.",
        days_ago=110,
    ),
    # De Gaarde: the exploration has just started.
    DemoQuestion(
        "de-gaarde",
        OPEN,
        "Wanneer hoor ik wat er in De Gaarde gaat gebeuren? Ik moet mijn cv-ketel binnenkort "
        "vervangen.",
    ),
    # Noorderpark: exploring, with the tenants' association.
    DemoQuestion(
        "noorderpark",
        PUBLISHED,
        "Ik huur bij een particuliere verhuurder, niet bij de woonstichting. Praat ik ook mee?",
        "Ik huur van een particuliere verhuurder. Kan ik ook meepraten?",
        "Ja, iedereen die in de wijk woont kan meepraten, ook als u huurt. Kom naar de "
        "bewonersavonden of stel hier uw vraag. Uw verhuurder besluit over de woning zelf; de "
        "gemeente nodigt ook de verhuurders uit.",
        days_ago=65,
    ),
]

# ---------------------------------------------------------------------------------------------
# The pulse: answers per month for the last twelve months (oldest first; the last is this
# month so far), and the trend of each mean from the first month to the last. Months under
# five answers are hidden on the page and in the dashboard.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PulseProfile:
    counts: tuple[int, ...]
    trust: tuple[float, float]
    co_ownership: tuple[float, float]
    legitimacy: tuple[float, float]


PULSE: dict[str, PulseProfile] = {
    # Trust grows as residents shape the co-operative's heat network.
    "molenbuurt": PulseProfile(
        (7, 6, 9, 4, 8, 11, 6, 9, 3, 12, 10, 8), (2.5, 3.9), (2.6, 3.8), (2.8, 3.7)
    ),
    # The streets are open: trust drops a bit while the work goes on.
    "de-akkers": PulseProfile(
        (9, 11, 8, 10, 4, 12, 9, 8, 11, 7, 10, 9), (3.7, 3.0), (3.3, 3.0), (3.5, 3.2)
    ),
    "zonnehoek": PulseProfile(
        (6, 8, 5, 7, 9, 3, 6, 8, 7, 5, 6, 4), (3.4, 3.5), (3.1, 3.2), (3.3, 3.4)
    ),
    "bloemenwijk": PulseProfile(
        (5, 6, 4, 8, 7, 9, 6, 3, 10, 8, 7, 6), (3.0, 3.3), (2.9, 3.3), (3.1, 3.3)
    ),
    "rivierzicht": PulseProfile(
        (5, 6, 3, 6, 7, 4, 5, 8, 6, 2, 5, 6), (3.2, 3.3), (3.0, 3.1), (2.9, 3.2)
    ),
}
