"""Zonnedal's participation record for the Molenbuurt: activities of every kind with what people
said and what the municipality did with it, session outcomes taken into the roadmap, and a
published participatieverslag whose PDF is requested at once. `seed_demo` runs this after the
roadmap, the residents and the dashboard (the inputs point at their milestones, agreements,
core values, indicators and questions). Once the Molenbuurt has activities, running it again
changes nothing. Nobody is named.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from dashboard.models import Indicator
from dialogue.models import Outcome
from participation.models import Activity, Input, OutcomeLink, Response, Verslag
from participation.report import request_verslag_report
from roadmap.models import Agreement, CoreValue, Milestone
from wup.models import Municipality, Neighbourhood, Question

NEIGHBOURHOOD = "molenbuurt"
PROJECT_LEAD = "projectleider@zonnedal.example"

INTRO = (
    "De Molenbuurt gaat van het aardgas af met een warmtenet dat warmte uit de rivier haalt. "
    "Dat besluiten we niet over de hoofden van bewoners heen. Sinds 2024 praten bewoners, "
    "ondernemers, de woonstichting en de energiecoöperatie mee: op avonden in het buurthuis, "
    "aan de deur, aan de keukentafel, in een enquête en in een werkgroep.\n\n"
    "In dit verslag leest u wie meededen, wat zij zeiden en wat we daarmee deden. Wat we niet "
    "overnamen, leggen we uit. Vragen waarop we nog geen antwoord hebben, leggen we voor aan "
    "de gemeenteraad."
)

# (kind, title, held_on, place, audience, level, reach, by group, notes, themes, inputs)
# An input: (text, theme, response, target ("milestone", title) or None, explanation,
# to_council, question number among the neighbourhood's questions in order or None)
ACTIVITIES = [
    (
        "informatieavond",
        "Informatieavond warmte uit de rivier",
        dt.date(2024, 3, 14),
        "Buurthuis De Molen",
        "Alle bewoners en ondernemers van de Molenbuurt",
        "informeren",
        86,
        {"eigenaar_bewoner": 48, "huurder": 30, "ondernemer": 3, "anders": 5},
        "De gemeente en de energiecoöperatie legden uit hoe warmte uit de rivier werkt. "
        "Daarna waren er tafels over kosten, planning en de techniek.",
        "kosten, techniek, planning",
        [
            (
                "Is de warmte uit de rivier ook in een koude winter genoeg?",
                "techniek",
                Response.MILESTONE,
                ("milestone", "Onafhankelijk onderzoek warmte uit de rivier"),
                "Een onafhankelijk bureau rekent dit door voordat we verder gaan.",
                False,
                None,
            ),
            (
                "Wat kost het warmtenet per maand, vergeleken met gas?",
                "kosten",
                Response.ANSWERED,
                None,
                "Het tarief ligt vast in het convenant: niet hoger dan wat u nu gemiddeld "
                "voor gas betaalt. Het antwoord staat ook bij de vragen van bewoners.",
                False,
                0,
            ),
            (
                "Laat de gemeente het warmtenet zelf aanleggen en bezitten.",
                "eigendom",
                Response.NOT_TAKEN,
                None,
                "De gemeente kan geen warmtebedrijf zijn en wil dat ook niet. In de "
                "dialoogsessie kozen bewoners liever voor een coöperatie van bewoners als "
                "eigenaar.",
                False,
                None,
            ),
        ],
    ),
    (
        "spreekuur",
        "Spreekuur warmtenet",
        dt.date(2024, 6, 5),
        "Bibliotheek Molenbuurt",
        "Iedereen met een vraag over zijn eigen huis",
        "raadplegen",
        14,
        {"eigenaar_bewoner": 9, "huurder": 5},
        "Veertien bewoners kwamen langs met vragen over hun eigen woning.",
        "kosten, isolatie",
        [
            (
                "Gaat mijn huur omhoog als mijn woning op het warmtenet komt?",
                "kosten",
                Response.CORE_VALUE,
                ("core_value", "Niemand gaat erop achteruit"),
                "De woonstichting en de gemeente spraken af dat de woonlasten van huurders "
                "niet stijgen.",
                False,
                None,
            ),
            (
                "Moet ik mijn huis eerst isoleren?",
                "isolatie",
                Response.ANSWERED,
                None,
                "Niet altijd. Bij een warmtenet op lage temperatuur helpt isoleren wel. "
                "Het energieloket komt gratis kijken.",
                False,
                2,
            ),
        ],
    ),
    (
        "huis_aan_huis",
        "Huis-aan-huisbezoek Molenstraat en Sluisweg",
        dt.date(2024, 9, 10),
        "Aan de deur",
        "Huurders van de woonstichting en eigenaar-bewoners in twee straten",
        "raadplegen",
        120,
        {"huurder": 96, "eigenaar_bewoner": 24},
        "Twee bewonersconsulenten belden aan bij 180 adressen en spraken 120 huishoudens.",
        "meedoen, hulp",
        [
            (
                "Veel huurders wisten niet dat er een dialoogsessie was.",
                "meedoen",
                Response.INDICATOR,
                ("indicator", "Huishoudens die meededen"),
                "We meten nu hoeveel huishoudens meedoen, en nodigen huurders voortaan ook "
                "aan de deur uit.",
                False,
                None,
            ),
            (
                "Wie helpt ouderen die de aanvraag voor de aansluiting niet zelf kunnen doen?",
                "hulp",
                Response.OPEN,
                None,
                "",
                True,
                None,
            ),
        ],
    ),
    (
        "enquete",
        "Enquête: wat vindt u belangrijk?",
        dt.date(2024, 11, 1),
        "Online en op papier",
        "Alle 960 adressen in de Molenbuurt",
        "raadplegen",
        212,
        {"eigenaar_bewoner": 131, "huurder": 69, "verhuurder": 4, "ondernemer": 8},
        "212 huishoudens vulden de enquête in.",
        "kosten, overlast, planning",
        [
            (
                "Zeven op de tien noemen de kosten het belangrijkst.",
                "kosten",
                Response.CORE_VALUE,
                ("core_value", "Niemand gaat erop achteruit"),
                "Dit is een van de kernwaarden van de routekaart.",
                False,
                None,
            ),
            (
                "Houd de overlast van de aanleg zo kort mogelijk.",
                "overlast",
                Response.AGREEMENT,
                ("agreement", "Convenant warmtenet Molenbuurt"),
                "In het convenant staat dat een straat hoogstens zes weken open ligt.",
                False,
                None,
            ),
        ],
    ),
    (
        "nieuwsbrief",
        "Nieuwsbrief Molenbuurt nummer 3",
        dt.date(2025, 3, 1),
        "Per post en per e-mail",
        "Alle adressen in de Molenbuurt",
        "informeren",
        960,
        {},
        "De nieuwsbrief vertelde over de keuze voor een coöperatie en de volgende stappen.",
        "",
        [
            (
                "Drie bewoners vroegen om de nieuwsbrief ook in het Turks en het Arabisch.",
                "taal",
                Response.NOT_TAKEN,
                None,
                "Een volledige vertaling kunnen we niet elke keer maken. We schrijven in "
                "eenvoudige taal, en op het spreekuur is een tolk te vragen.",
                False,
                None,
            ),
        ],
    ),
    (
        "keukentafel",
        "Keukentafelgesprekken met VvE's",
        dt.date(2025, 5, 20),
        "Bij bewoners thuis",
        "Besturen van de drie VvE's in de buurt",
        "adviseren",
        9,
        {"eigenaar_bewoner": 7, "verhuurder": 2},
        "Drie gesprekken met de besturen van de VvE's.",
        "VvE, besluit",
        [
            (
                "Een VvE heeft een besluit van de ledenvergadering nodig voordat zij meedoet.",
                "VvE",
                Response.ANSWERED,
                None,
                "De coöperatie maakt een voorbeeldbesluit en komt het uitleggen op de "
                "ledenvergadering.",
                False,
                None,
            ),
        ],
    ),
    (
        "werkgroep",
        "Werkgroep warmtecoöperatie",
        dt.date(2025, 9, 15),
        "Buurthuis De Molen",
        "Bewoners die de coöperatie mee opzetten",
        "coproduceren",
        12,
        {"eigenaar_bewoner": 8, "huurder": 3, "ondernemer": 1},
        "De werkgroep schreef de statuten en het plan voor de eerste jaren.",
        "eigendom, geld",
        [
            (
                "Er moet een vangnet komen als de subsidie stopt voordat iedereen is aangesloten.",
                "geld",
                Response.MILESTONE,
                ("milestone", "Vangnet als de subsidie stopt"),
                "Dit is een mijlpaal in de routekaart geworden.",
                True,
                None,
            ),
        ],
    ),
]

# Session outcomes (by the start of their text) → roadmap objects they were taken into.
OUTCOME_LINKS = [
    ("Wat als de subsidie stopt", "milestone", "Vangnet als de subsidie stopt"),
    ("Het warmtenet komt in handen", "milestone", "Warmtecoöperatie Molenbuurt opgericht"),
    ("De gemeente laat onafhankelijk", "milestone", "Onafhankelijk onderzoek warmte uit de rivier"),
    ("De woonstichting isoleert", "milestone", "Corporatiewoningen op label B"),
    ("De woonstichting isoleert", "indicator", "Woningen met energielabel B of beter"),
]


def _targets(neighbourhood: Neighbourhood) -> dict[str, dict[str, object]]:
    roadmap_of = {"roadmap__neighbourhood": neighbourhood}
    return {
        "milestone": {m.title: m for m in Milestone.objects.filter(**roadmap_of)},
        "agreement": {a.title: a for a in Agreement.objects.filter(**roadmap_of)},
        "core_value": {c.name: c for c in CoreValue.objects.filter(**roadmap_of)},
        "indicator": {i.name: i for i in Indicator.objects.filter(neighbourhood=neighbourhood)},
    }


@transaction.atomic
def seed_participation(municipality: Municipality) -> None:
    """Give the Molenbuurt its participation record and publish its verslag (once)."""
    neighbourhood = municipality.neighbourhoods.filter(slug=NEIGHBOURHOOD).first()
    if neighbourhood is None or Activity.objects.filter(neighbourhood=neighbourhood).exists():
        return
    targets = _targets(neighbourhood)
    questions = list(Question.objects.filter(neighbourhood=neighbourhood).order_by("pk"))
    now = timezone.now()
    for (
        kind,
        title,
        held_on,
        place,
        audience,
        level,
        reach,
        by_group,
        notes,
        themes,
        inputs,
    ) in ACTIVITIES:
        activity = Activity.objects.create(
            neighbourhood=neighbourhood,
            kind=kind,
            title=title,
            held_on=held_on,
            place=place,
            audience=audience,
            level=level,
            reach_total=reach,
            reach_by_group=by_group,
            notes=notes,
            themes=themes,
        )
        for text, theme, response, target, explanation, to_council, question in inputs:
            fields = {}
            if target is not None:
                field, name = target
                fields[field] = targets[field].get(name)
            Input.objects.create(
                activity=activity,
                text=text,
                theme=theme,
                response=response,
                explanation=explanation,
                to_council=to_council,
                question=questions[question]
                if question is not None and question < len(questions)
                else None,
                decided_at=None if response == Response.OPEN else now,
                **fields,
            )
    outcomes = list(Outcome.objects.filter(session__neighbourhood=neighbourhood))
    for start, field, name in OUTCOME_LINKS:
        target = targets[field].get(name)
        for outcome in outcomes:
            if outcome.text.startswith(start) and target is not None:
                OutcomeLink.objects.create(outcome=outcome, **{field: target})
    lead = get_user_model().objects.filter(email=PROJECT_LEAD).first()
    verslag = Verslag.objects.create(neighbourhood=neighbourhood, intro=INTRO)
    verslag.publish(by=lead)
    request_verslag_report(neighbourhood, user=lead)
