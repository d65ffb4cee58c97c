"""Zonnedal's warmteprogramma and the designation of the Molenbuurt.

The raad adopted the first warmteprogramma on 26 November 2026. It intends to designate the
Molenbuurt in 2027 (warmtenet op lage temperatuur) and Rivierzicht in 2029. The Molenbuurt's
ontwerp-omgevingsplanwijziging lay open for inspection in October and November 2026 and drew
23 zienswijzen; the nota van beantwoording is being written, and the raadsbesluit is planned
for 31 March 2027, the date of the roadmap's milestone "Molenbuurt aangewezen in het
omgevingsplan". Gas supply ends on 1 July 2035: more than eight years after that decision.
"""

from __future__ import annotations

import datetime as dt

d = dt.date

PROGRAMME = {
    "title": "Warmteprogramma Zonnedal 2026–2031",
    "summary": "Zonnedal gaat wijk voor wijk van het aardgas af, uiterlijk in 2040. Wijken met "
    "veel corporatiewoningen en een warmtebron dichtbij gaan eerst. In de Molenbuurt en in "
    "Rivierzicht wil de gemeente het gas op termijn stoppen door de wijk aan te wijzen in het "
    "omgevingsplan; elders kiezen bewoners zelf hun moment.",
    "adopted_on": d(2026, 11, 26),
    "decision_reference": "R-2026-118",
    "decision_url": "https://raad.zonnedal.example/besluiten/R-2026-118",
}

# slug: (designation intended, designation year, gas end year)
DESIGNATIONS = {
    "molenbuurt": (True, 2027, 2035),
    "rivierzicht": (True, 2029, 2037),
}

TRACK = "molenbuurt"
GAS_END = d(2035, 7, 1)
DECISION_MILESTONE = "Molenbuurt aangewezen in het omgevingsplan"

# kind: (status, date, end date, document title, objections, summary)
STEPS = {
    "voorbereiding": (
        "afgerond",
        d(2026, 3, 2),
        None,
        "Startnotitie aanwijzing Molenbuurt",
        None,
        "",
    ),
    "ontwerp": (
        "afgerond",
        d(2026, 9, 22),
        None,
        "Ontwerp-omgevingsplanwijziging Molenbuurt",
        None,
        "",
    ),
    "ter_inzage": (
        "afgerond",
        d(2026, 10, 1),
        d(2026, 11, 11),
        "Kennisgeving terinzagelegging",
        None,
        "Zes weken ter inzage op het gemeentehuis en online; twee inloopavonden in De Molen.",
    ),
    "zienswijzen": (
        "afgerond",
        d(2026, 11, 11),
        None,
        "",
        23,
        "De meeste zienswijzen gaan over de kosten voor eigenaren en over wat er gebeurt als het "
        "warmtenet later klaar is. Vier vragen om een langere termijn.",
    ),
    "nota_van_beantwoording": ("bezig", d(2027, 1, 26), None, "", None, ""),
    "raadsbesluit": ("gepland", d(2027, 3, 31), None, "", None, ""),
    "beroep": ("gepland", None, None, "", None, ""),
    "onherroepelijk": ("gepland", None, None, "", None, ""),
}

# safeguard kind: (verdict, reasoning, [(evidence title, owner, date)])
ASSESSMENTS = {
    "betaalbaarheid": (
        "voldaan",
        "Met de warmtecoöperatie gaat niemand er in woonlasten op achteruit; de gemeente staat "
        "borg voor de lening.",
        [("Betaalbaarheidsonderzoek Molenbuurt", "Gemeente Zonnedal", d(2026, 6, 15))],
    ),
    "redelijke_termijn": (
        "voldaan",
        "Het gas stopt op 1 juli 2035, ruim acht jaar na het geplande raadsbesluit.",
        [("Planning uitfasering gasnet", "Netbeheerder Rivierland", d(2026, 8, 20))],
    ),
    "beschikbaarheid_alternatief": (
        "voldaan",
        "De coöperatie legt het warmtenet aan vóór 2033; het stroomnet is in 2028 versterkt.",
        [
            (
                "Haalbaarheidsstudie riothermie en aquathermie",
                "Energiecoöperatie De Zonnewijzer",
                d(2025, 11, 3),
            )
        ],
    ),
    "doenvermogen": (
        "niet_beoordeeld",
        "",
        [],
    ),
    "keuze_ander_alternatief": (
        "voldaan",
        "Eigenaren mogen een eigen aardgasvrije oplossing kiezen; het energieloket helpt daarbij.",
        [],
    ),
    "participatie_rechtsbescherming": (
        "niet_voldaan",
        "De zienswijzen worden nog beantwoord; pas met de nota van beantwoording is dit rond.",
        [],
    ),
}
