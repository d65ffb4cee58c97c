"""The legal backbone in the browser: a project lead takes a neighbourhood from the
warmteprogramma to the raadsbesluit, with every step, document and safeguard recorded; the gate
refuses the raadsbesluit while a safeguard is not met and takes it with a motivation; a resident
reads the programme and the track on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from designation.models import GateOverride, StepKind, TrackStep
from roadmap.models import Roadmap
from wup.models import AuditEntry

pytestmark = pytest.mark.e2e

SHOTS = "/tmp/h13a"
IN_VIEWPORT = """el => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
}"""


def label(text: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(text)}( \(verplicht\))?$")


def saved(page: Page, message: str) -> None:
    expect(page.get_by_role("status")).to_contain_text(message)


def record_step(page: Page, step: str, date: str, **fields) -> None:
    page.get_by_role("link", name=step, exact=True).click()
    page.get_by_label(label("Status")).select_option(label="Afgerond")
    page.get_by_label(label("Datum")).fill(date)
    for name, value in fields.items():
        page.get_by_label(label(name)).fill(value)
    page.get_by_role("button", name="Stap opslaan").click()


SAFEGUARDS = [
    "Betaalbaarheid",
    "Redelijke termijn",
    "Beschikbaar alternatief",
    "Vrije keuze voor een ander alternatief",
    "Participatie en rechtsbescherming",
]


@pytest.mark.timeout(900)  # a long journey on a shared machine
def test_lead_takes_a_neighbourhood_from_programme_to_raadsbesluit(
    new_context, lead, neighbourhood, log_in
):
    import pathlib

    pathlib.Path(SHOTS).mkdir(exist_ok=True)
    Roadmap.objects.create(neighbourhood=neighbourhood).ensure_safeguards()
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page.context, lead)

    # 1. The warmteprogramma, adopted by the raad.
    page.goto("/beheer/testdal/warmteprogramma/")
    expect(page.get_by_role("note")).to_contain_text("uiterlijk op 31 december 2026")
    page.get_by_role("link", name="Nieuwe versie van het warmteprogramma").click()
    page.get_by_label(label("Titel")).fill("Warmteprogramma Testdal 2026")
    page.get_by_label(label("Vastgesteld door de raad op")).fill("2026-11-26")
    page.get_by_role("button", name="Opslaan").click()
    # Adopted without its decision: said next to the field, nothing typed is lost.
    summary = page.locator(".ww-error-summary")
    expect(summary).to_contain_text("Geef het kenmerk van het raadsbesluit dat het vaststelde.")
    expect(page.get_by_label(label("Titel"))).to_have_value("Warmteprogramma Testdal 2026")
    page.get_by_label(label("Kenmerk van het raadsbesluit")).fill("R-2026-118")
    page.get_by_role("button", name="Opslaan").click()
    saved(page, "Het warmteprogramma is aangemaakt.")

    # 2. The neighbourhood in the sequence, to be designated in 2027.
    page.get_by_label(label("Wijk")).select_option(label="Bloemenwijk")
    page.get_by_role("button", name="Wijk toevoegen aan de volgorde").click()
    saved(page, "Bloemenwijk staat in de volgorde.")
    page.get_by_label(label("Voorkeursoplossing")).select_option(
        label="Warmtenet (lage temperatuur)"
    )
    page.get_by_label("De gemeente overweegt aanwijzen").check()
    page.get_by_label(label("Beoogd jaar van aanwijzen")).fill("2027")
    page.get_by_label(label("Beoogd jaar zonder aardgas")).fill("2036")
    page.get_by_role("button", name="Volgorde opslaan").click()
    saved(page, "De volgorde is opgeslagen.")
    page.screenshot(path=f"{SHOTS}/programme-1280.png", full_page=True)
    page.get_by_role("link", name="Bloemenwijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanwijzing Bloemenwijk")

    # 3. The steps up to the zienswijzen, each with its date and document.
    record_step(
        page,
        "Voorbereiding",
        "2026-12-01",
        **{
            "Naam van het document": "Startnotitie",
            "Link naar het document": "https://example.org/start.pdf",
        },
    )
    saved(page, "De stap Voorbereiding is opgeslagen.")
    record_step(
        page,
        "Ontwerp-omgevingsplanwijziging",
        "2027-01-10",
        **{
            "Naam van het document": "Ontwerp",
            "Link naar het document": "https://example.org/ontwerp.pdf",
        },
    )
    record_step(page, "Ter inzage", "2027-01-15", **{"Laatste dag ter inzage": "2027-02-25"})
    record_step(
        page,
        "Zienswijzen",
        "2027-02-25",
        **{"Aantal zienswijzen": "12", "Samenvatting": "Vooral vragen over de kosten."},
    )
    record_step(
        page,
        "Nota van beantwoording",
        "2027-03-10",
        **{
            "Naam van het document": "Nota",
            "Link naar het document": "https://example.org/nota.pdf",
        },
    )
    saved(page, "De stap Nota van beantwoording is opgeslagen.")
    steps = page.get_by_role("region", name="Stappen van de aanwijzing")
    expect(steps.get_by_role("row", name=re.compile("^Zienswijzen"))).to_contain_text(
        "12 zienswijzen"
    )
    expect(steps.get_by_role("row", name=re.compile("^Ter inzage"))).to_contain_text(
        "15 januari 2027 – 25 februari 2027"
    )

    # 4. Five safeguards met, with evidence for one; doenvermogen is not assessed.
    for name in SAFEGUARDS:
        page.get_by_role("link", name=f"{name} beoordelen").click()
        page.get_by_role("combobox", name=label("Oordeel")).select_option(label="Voldaan")
        page.get_by_label(label("Toelichting bij het oordeel")).fill(f"{name}: onderzocht.")
        page.get_by_role("button", name="Oordeel opslaan").click()
        saved(page, "Het oordeel is opgeslagen.")
    page.get_by_role("link", name="Betaalbaarheid beoordelen").click()
    page.get_by_label(label("Naam van het document")).fill("Betaalbaarheidsonderzoek")
    page.get_by_label(label("Link naar het document")).fill("https://example.org/betaalbaar.pdf")
    page.get_by_label(label("Datum van het document")).fill("2026-10-01")
    page.get_by_label(label("Eigenaar")).fill("Gemeente Testdal")
    page.get_by_role("button", name="Bewijsstuk toevoegen").click()
    saved(page, "Het bewijsstuk is toegevoegd.")
    expect(page.get_by_role("link", name="Betaalbaarheidsonderzoek")).to_be_visible()
    page.get_by_role("link", name=re.compile("Terug naar de aanwijzing")).click()
    expect(page.get_by_text("1 waarborg nog niet voldaan")).to_be_visible()

    # 5. The gate: the raadsbesluit is refused without a motivation …
    page.get_by_role("link", name="Raadsbesluit", exact=True).click()
    expect(page.get_by_role("note")).to_contain_text("Doenvermogen")
    page.get_by_label(label("Status")).select_option(label="Afgerond")
    page.get_by_label(label("Datum")).fill("2027-03-31")
    page.get_by_label(label("Naam van het document")).fill("Raadsbesluit aanwijzing")
    page.get_by_role("button", name="Stap opslaan").click()
    refused = "Deze stap kan pas als alle zes waarborgen voldaan zijn"
    expect(page.locator(".ww-error-summary")).to_contain_text(refused)
    motivation = page.get_by_label(label("Motivering als niet alle waarborgen voldaan zijn"))
    expect(motivation).to_be_focused()
    expect(motivation).to_have_attribute("aria-invalid", "true")
    error = page.locator("#div_id_motivation").get_by_text(refused)
    assert error.evaluate(IN_VIEWPORT), "the error next to the field is not on screen"
    expect(page.get_by_label(label("Naam van het document"))).to_have_value(
        "Raadsbesluit aanwijzing"
    )
    page.screenshot(path=f"{SHOTS}/gate-refused-1280.png", full_page=True)
    assert TrackStep.objects.get(kind=StepKind.COUNCIL_DECISION).status == "gepland"

    # … and accepted with one, which is audited and shown.
    page.get_by_label(label("Motivering als niet alle waarborgen voldaan zijn")).fill(
        "De doe-regeling is toegezegd; de raad besluit nu om de termijn te halen."
    )
    page.get_by_role("button", name="Stap opslaan").click()
    saved(page, "De stap Raadsbesluit is opgeslagen.")
    expect(page.get_by_role("region", name="Stappen van de aanwijzing")).to_contain_text(
        "Raadsbesluit"
    )
    expect(page.get_by_text("De doe-regeling is toegezegd")).to_be_visible()
    assert GateOverride.objects.get().unmet == ["doenvermogen"]
    assert AuditEntry.objects.filter(action="gate_override", actor=lead).exists()

    # 6. The end of gas supply: too soon is warned with the reason, then put right.
    page.get_by_role("link", name="Einddatum bewerken").click()
    page.get_by_label(label("Einddatum levering aardgas")).fill("2031-01-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Het gas stopt minder dan 8 jaar na het raadsbesluit"
    )
    page.screenshot(path=f"{SHOTS}/track-1280.png", full_page=True)
    page.get_by_role("link", name="Einddatum bewerken").click()
    page.get_by_label(label("Einddatum levering aardgas")).fill("2035-07-01")
    page.get_by_role("button", name="Opslaan").click()
    saved(page, "De einddatum is opgeslagen.")
    expect(page.get_by_text("Het gas stopt minder dan")).to_have_count(0)

    # 7. A resident reads it on a phone: the programme and the track, no names, no overflow.
    resident = new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()
    resident.goto("/testdal/")
    resident.get_by_role("link", name=re.compile("^Lees het warmteprogramma")).click()
    expect(resident.get_by_role("heading", level=1)).to_have_text(
        "Warmteprogramma Gemeente Testdal"
    )
    expect(resident.get_by_role("region", name="De wijken in volgorde")).to_contain_text(
        "beoogd in 2027"
    )
    assert resident.evaluate("() => document.documentElement.scrollWidth") <= 390
    resident.screenshot(path=f"{SHOTS}/public-programme-390.png", full_page=True)
    resident.get_by_role("link", name="Bloemenwijk").click()
    part = resident.get_by_role("region", name="Het warmteprogramma en het aanwijzen van de wijk")
    expect(part).to_contain_text("Het aardgas stopt op 1 juli 2035.")
    expect(part).to_contain_text("12 zienswijzen")
    expect(part).to_contain_text("beoordeeld door: Projectleider")
    expect(part).not_to_contain_text(lead.username)
    assert resident.evaluate("() => document.documentElement.scrollWidth") <= 390
    part.screenshot(path=f"{SHOTS}/public-neighbourhood-390.png")
