"""The project lead and a partner in the dashboard's back office: a custom indicator with its
draft route, measurements by hand and from CSV; a new development from scenario to planning;
steering from a suggestion; a partner entering their own figures; and the open-data page.
Every page and HTMX swap is checked by axe (tests/e2e/conftest.py); the steps where the
keyboard matters (the route table, deciding on a development, acting on a suggestion) are
done by keyboard, with a visible focus on each stop."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from dashboard.models import Development, Indicator, Measurement, RoutePoint, SteeringAction
from roadmap.models import Milestone
from tests.dashboard.test_council import build_story
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e

DAY = datetime.timedelta(days=1)
BACK_OFFICE = "/beheer/testdal/"
NEW_INDICATOR = "Woningen met een warmtepomp"

# What has the keyboard focus, and whether that shows (an outline or a ring).
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return {
        id: el.id,
        tag: el.tagName,
        text: (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 80),
        indicator: outline || style.boxShadow !== "none",
    };
}"""


@pytest.fixture
def story(municipality, neighbourhood, party, settings, tmp_path):
    """Bloemenwijk far behind on homes gas-free, a milestone slipping with a dependent after
    it, an open development and a steering action (tests/dashboard/test_council.py)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_story(municipality, neighbourhood, party, today=timezone.localdate())


def _day(day: datetime.date) -> str:
    with translation.override("nl"):
        return date_format(day, "j F Y")


def _tab_to(page: Page, *, text: str, limit: int = 200) -> dict:
    """Press Tab until an element whose text starts with `text` has the focus; return it."""
    trail = []
    for _press in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        trail.append(focused["id"] or focused["text"][:40])
        if focused["text"].startswith(text):
            return focused
    pytest.fail(f"Tab never reached {text!r}: {trail}")


# --- 1. a custom indicator: route, a measurement by hand, CSV in and out ----------------------


def test_project_lead_adds_an_indicator_plans_its_route_and_enters_measurements(
    page: Page, lead, story, log_in
):
    today = story["today"]
    log_in(page.context, lead)
    page.goto(BACK_OFFICE)
    neighbourhoods = page.get_by_role("table", name="Wijken")
    neighbourhoods.get_by_role("link", name="Indicatoren van Bloemenwijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicatoren Bloemenwijk")

    # Add a custom indicator; a threshold pair the wrong way round is refused, nothing lost.
    page.get_by_role("link", name="Indicator toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicator toevoegen")
    page.get_by_label(re.compile(r"^Naam")).fill(NEW_INDICATOR)
    page.get_by_label(re.compile(r"^Toelichting")).fill("Geteld door de netbeheerder.")
    page.get_by_label(re.compile(r"^Categorie")).select_option(label="Resultaat")
    page.get_by_label(re.compile(r"^Eenheid")).select_option(label="aantal")
    page.get_by_label(re.compile(r"^Richting")).select_option(label="Hoger is beter")
    page.get_by_label(re.compile(r"^Bron")).select_option(label="Netbeheerder")
    milestone = story["first_homes"]
    page.get_by_label(re.compile(r"^Hoort bij tussendoel")).select_option(
        label=f"{milestone.title} ({_day(milestone.baseline_date)})"
    )
    page.get_by_label(re.compile(r"^Achter bij")).fill("20")
    page.get_by_label(re.compile(r"^Ver achter bij")).fill("10")
    page.get_by_role("button", name="Opslaan").click()

    far = page.get_by_label(re.compile(r"^Ver achter bij"))
    expect(far).to_have_attribute("aria-invalid", "true")
    expect(far).to_have_accessible_description(
        re.compile(r"‘Ver achter’ moet minstens zo groot zijn als ‘achter’ \(20 procent\)")
    )
    expect(far).to_have_value("10")
    expect(page.get_by_label(re.compile(r"^Achter bij"))).to_have_value("20")
    expect(page.get_by_label(re.compile(r"^Naam"))).to_have_value(NEW_INDICATOR)
    expect(page.get_by_label(re.compile(r"^Bron"))).to_have_value("netbeheerder")
    # The summary above the form links to the field.
    page.get_by_role("link", name=re.compile(r"^Ver achter bij.*‘Ver achter’ moet")).click()
    expect(far).to_be_focused()
    assert not Indicator.objects.filter(name=NEW_INDICATOR).exists()

    far.fill("30")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De indicator is toegevoegd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_INDICATOR)
    indicator = Indicator.objects.get(name=NEW_INDICATOR)
    assert (indicator.behind_percent, indicator.far_behind_percent) == (20, 30)
    assert indicator.milestone == milestone

    # The draft route, by keyboard: one row typed, more rows asked for, two more typed.
    page.get_by_role("link", name="Conceptroute bewerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Conceptroute: {NEW_INDICATOR}")
    rows = page.get_by_role("table", name=re.compile(r"^Punten van de conceptroute"))
    expect(rows.get_by_role("row")).to_have_count(4)  # header + three empty rows
    start, middle, end = today - 365 * DAY, today + 365 * DAY, today + 3 * 365 * DAY
    # (The order of a date field's parts follows the browser's own language: fill() it.)
    page.get_by_label("Datum, regel 1", exact=True).fill(start.isoformat())
    page.get_by_label("Geplande waarde, regel 1", exact=True).fill("0")
    focused = _tab_to(page, text="Meer regels")
    assert focused["indicator"], focused
    page.keyboard.press("Enter")

    expect(rows.get_by_role("row")).to_have_count(5)  # the typed row kept, three new ones
    expect(page.get_by_label("Datum, regel 1", exact=True)).to_have_value(start.isoformat())
    expect(page.get_by_label("Geplande waarde, regel 1", exact=True)).to_have_value("0")
    # A row half filled in: the summary names the row and leads to the field.
    page.get_by_label("Datum, regel 2", exact=True).fill(middle.isoformat())
    page.get_by_label("Datum, regel 2", exact=True).press("Enter")
    summary = page.get_by_role("group", name=re.compile(r"^Er is nog niets opgeslagen"))
    link = summary.get_by_role(
        "link",
        name="Regel 2, geplande waarde: Vul ook de geplande waarde in, of maak de regel leeg.",
    )
    link.focus()
    page.keyboard.press("Enter")
    missing = page.get_by_label("Geplande waarde, regel 2", exact=True)
    expect(missing).to_be_focused()
    expect(missing).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Datum, regel 2", exact=True)).to_have_value(middle.isoformat())
    assert not RoutePoint.objects.filter(indicator=indicator).exists()
    page.keyboard.type("120")
    # Tab walks the table row by row, each stop visibly focused.
    page.get_by_label("Datum, regel 3", exact=True).fill(end.isoformat())
    value = page.get_by_label("Geplande waarde, regel 3", exact=True)
    value.fill("400")
    page.get_by_label("Datum, regel 1", exact=True).focus()
    stops, unmarked = [], []
    for _press in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BUTTON":
            break
        if focused["id"] and focused["id"] not in stops:
            stops.append(focused["id"])
            if not focused["indicator"]:
                unmarked.append(focused["id"])
    # (A date field has several stops of its own: day, month, year, the calendar button.)
    assert stops == [
        f"id_route-{n}-{field}" for n in range(4) for field in ("date", "value", "DELETE")
    ], stops
    assert unmarked == []
    assert focused["text"] == "Conceptroute opslaan"
    value.press("Enter")  # Enter in a field saves: the first button is "Conceptroute opslaan"

    expect(page.get_by_role("status")).to_contain_text("De conceptroute is opgeslagen.")
    draft = page.get_by_role("table", name="Conceptroute")
    expect(draft.get_by_role("row")).to_have_count(4)
    expect(draft.get_by_role("row", name=re.compile(_day(end)))).to_contain_text("400")
    assert [
        (p.date, int(p.value)) for p in RoutePoint.objects.filter(indicator=indicator, version=None)
    ] == [(start, 0), (middle, 120), (end, 400)]

    # A measurement by hand.
    page.get_by_role("link", name="Meting invoeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meting invoeren")
    measured_on = today - 30 * DAY
    expect(page.get_by_label(re.compile(r"^Datum"))).to_have_value(today.isoformat())
    # The source comes from the indicator: a lead should not have to look it up again.
    expect(page.get_by_label(re.compile(r"^Bron"))).to_have_value("netbeheerder")
    page.get_by_label(re.compile(r"^Datum")).fill(measured_on.isoformat())
    page.get_by_label(re.compile(r"^Waarde")).fill("95,5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"De meting van {_day(measured_on)} is opgeslagen."
    )
    measurements = page.get_by_role("table", name=re.compile(r"^Metingen van"))
    expect(measurements.get_by_role("row", name=re.compile(_day(measured_on)))).to_contain_text(
        "95,5"
    )

    # Measurements from a CSV file: one bad row and nothing is read; then a good file.
    page.get_by_role("link", name="Alle indicatoren van Bloemenwijk").click()
    page.get_by_role("link", name="Metingen inlezen uit een CSV-bestand").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Metingen als CSV")
    header = "wijk;indicator_id;indicator;datum;waarde;bron;status;opmerking"
    row = f"bloemenwijk;{indicator.pk};{NEW_INDICATOR}"
    bad = "\n".join(
        [
            header,
            f"{row};{(today - 60 * DAY).isoformat()};80;;;",
            f"{row};{(today - 90 * DAY).isoformat()};tachtig;;;",
            "",
        ]
    )
    page.get_by_label(re.compile(r"^CSV-bestand")).set_input_files(
        files=[{"name": "metingen.csv", "mimeType": "text/csv", "buffer": bad.encode()}]
    )
    page.get_by_role("button", name="Bestand inlezen").click()
    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("Er is niets ingelezen.")
    expect(errors).to_contain_text("regel 3: ")
    expect(errors).to_contain_text("“tachtig” is geen getal")
    assert indicator.measurements.count() == 1

    good = "\n".join(
        [
            header,
            f"{row};{(today - 60 * DAY).isoformat()};80;;definitief;",
            f"{row};{(today - 90 * DAY).strftime('%-d-%-m-%Y')};70,5;;;eerste telling",
            "",
        ]
    )
    page.get_by_label(re.compile(r"^CSV-bestand")).set_input_files(
        files=[{"name": "metingen.csv", "mimeType": "text/csv", "buffer": good.encode()}]
    )
    page.get_by_role("button", name="Bestand inlezen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Het bestand is ingelezen: 2 nieuwe metingen, 0 veranderd en 0 al gelijk."
    )
    assert sorted(
        (m.date, str(m.value), m.via) for m in Measurement.objects.filter(indicator=indicator)
    ) == [
        (today - 90 * DAY, "70.50", "csv"),
        (today - 60 * DAY, "80.00", "csv"),
        (today - 30 * DAY, "95.50", "hand"),
    ]

    # The export has the same columns, with everything just entered.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV-bestand downloaden").click()
    download = download_info.value
    assert download.suggested_filename == f"metingen-testdal-{today.isoformat()}.csv"
    with open(download.path(), encoding="utf-8-sig") as exported:
        lines = exported.read().splitlines()
    assert lines[0] == header
    ours = [line for line in lines if line.startswith(row)]
    assert ours == [
        f"{row};{(today - 90 * DAY).isoformat()};70,5;netbeheerder;;eerste telling",
        f"{row};{(today - 60 * DAY).isoformat()};80;netbeheerder;definitief;",
        f"{row};{(today - 30 * DAY).isoformat()};95,5;netbeheerder;;",
    ]


# --- 2. a new development: the scenario, then into the planning -------------------------------


def test_project_lead_records_a_development_sees_its_scenario_and_accepts_it(
    page: Page, lead, story, log_in
):
    today = story["today"]
    first, dependent = story["first_homes"], story["all_homes"]
    # Today's forecasts: the first homes already 90 days late, the whole neighbourhood after.
    first_before, dependent_before = today + 190 * DAY, today + 790 * DAY
    log_in(page.context, lead)
    page.goto(BACK_OFFICE)
    page.get_by_role("navigation", name="Beheer").get_by_role(
        "link", name="Nieuwe ontwikkelingen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe ontwikkelingen")
    expect(page.get_by_role("table", name=re.compile(r"^Nieuwe ontwikkelingen"))).to_contain_text(
        "Netcongestie bij het onderstation"
    )

    page.get_by_role("link", name="Nieuwe ontwikkeling vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe ontwikkeling")
    page.get_by_label(re.compile(r"^Titel")).fill("Leverancier warmtepompen levert later")
    page.get_by_label(re.compile(r"^Toelichting")).fill("Bericht van de leverancier.")
    page.get_by_label(re.compile(r"^Datum")).fill(today.isoformat())
    page.get_by_label(re.compile(r"^Soort")).select_option(label="Leverancier")
    page.get_by_label(re.compile(r"^Kans")).select_option(label="Grote kans")
    impact = page.get_by_role("group", name=re.compile(r"^Tussendoel 1\b"))
    impact.get_by_label(re.compile(r"^Tussendoel")).select_option(
        label=f"{first.title} (gepland {_day(first.baseline_date)})"
    )
    delay = impact.get_by_label(re.compile(r"^Vertraging in dagen"))
    delay.fill("0")
    page.get_by_role("button", name="Opslaan en gevolgen bekijken").click()
    # A mistake in a milestone row shows in the summary at the top, linked to its field.
    summary = page.get_by_role("group", name="Er ging iets mis. Controleer wat u hebt ingevuld.")
    summary.get_by_role(
        "link",
        name="Tussendoel 1, vertraging in dagen: Vul een aantal dagen in; 0 verandert niets.",
    ).click()
    expect(delay).to_be_focused()
    expect(delay).to_have_accessible_description(re.compile("0 verandert niets"))
    expect(page.get_by_label(re.compile(r"^Titel"))).to_have_value(
        "Leverancier warmtepompen levert later"
    )
    assert not Development.objects.filter(title__startswith="Leverancier").exists()
    delay.fill("60")
    page.get_by_role("button", name="Opslaan en gevolgen bekijken").click()

    # The scenario: the milestone and the one depending on it both move; nothing changed yet.
    expect(page.get_by_role("status")).to_contain_text("De ontwikkeling is vastgelegd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Leverancier warmtepompen levert later"
    )
    effect = page.get_by_role("region", name="Wat het zou doen")
    moves = effect.get_by_role("table", name="Tussendoelen in Bloemenwijk die verschuiven")
    expect(moves.get_by_role("row")).to_have_count(3)
    for milestone, before in [(first, first_before), (dependent, dependent_before)]:
        moved = moves.get_by_role("row", name=re.compile(f"^{milestone.title}"))
        expect(moved.locator(f'time[datetime="{before.isoformat()}"]')).to_have_count(1)
        after = before + 60 * DAY
        expect(moved.locator(f'time[datetime="{after.isoformat()}"]')).to_have_count(1)
        expect(moved).to_contain_text("+60")
    expect(effect).to_contain_text(
        f"De routekaart is klaar op {_day(dependent_before + 60 * DAY)} in plaats van "
        f"{_day(dependent_before)}: 60 dagen later."
    )
    first.refresh_from_db()
    assert first.forecast_date == first_before

    # Accept it, by keyboard.
    focused = _tab_to(page, text="Verwerken in de planning")
    assert focused["indicator"], focused
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        "De ontwikkeling is verwerkt. 2 tussendoelen hebben een nieuwe verwachte datum."
    )
    expect(page.get_by_role("region", name="Wat het heeft gedaan")).to_be_visible()
    development = Development.objects.get(title="Leverancier warmtepompen levert later")
    assert development.status == Development.Status.ACCEPTED

    # The roadmap's milestones now expect the new dates.
    page.get_by_role("link", name="Tussendoelen van Bloemenwijk").click()
    milestones = page.get_by_role("table", name=re.compile(r"^Tijdlijn van de tussendoelen"))
    for milestone, before in [(first, first_before), (dependent, dependent_before)]:
        row = milestones.get_by_role("row", name=re.compile(f"^{milestone.title}"))
        after = before + 60 * DAY
        expect(row.locator(f'time[datetime="{after.isoformat()}"]')).to_have_count(1)
    assert {
        m.title: m.forecast_date for m in Milestone.objects.filter(pk__in=[first.pk, dependent.pk])
    } == {first.title: first_before + 60 * DAY, dependent.title: dependent_before + 60 * DAY}


# --- 3. steering: from a suggestion to a recorded action ---------------------------------------


def test_project_lead_turns_a_suggestion_into_a_steering_action(page: Page, lead, story, log_in):
    today = story["today"]
    first = story["first_homes"]
    log_in(page.context, lead)
    page.goto(BACK_OFFICE)
    page.get_by_role("table", name="Wijken").get_by_role(
        "link", name="Bijsturen in Bloemenwijk"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bijsturen in Bloemenwijk")
    suggestions = page.get_by_role("region", name="Wat vraagt om bijsturen")
    slipping = suggestions.get_by_role("listitem").filter(
        has_text=f"Tussendoel ‘{first.title}’ wordt 90 dagen later verwacht"
    )
    expect(slipping).to_contain_text("Nog geen stuuractie")
    expect(slipping).to_contain_text("Het ligt op het kritieke pad")

    # Follow the suggestion's link by keyboard: the form comes prefilled.
    focused = _tab_to(page, text=f"Maak een stuuractie: Vertraging inlopen: {first.title}")
    assert focused["indicator"], focused
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe stuuractie")
    expect(page.get_by_label(re.compile(r"^Wat"))).to_have_value(
        f"Vertraging inlopen: {first.title}"
    )
    expect(page.get_by_label(re.compile(r"^Toelichting"))).to_have_value(
        re.compile(f"^Tussendoel ‘{first.title}’ wordt 90 dagen later verwacht")
    )
    expect(page.get_by_label(re.compile(r"^Tussendoel"))).to_have_value(str(first.pk))

    page.get_by_label(re.compile(r"^Eigenaar")).fill("Warmtebedrijf Testdal")
    page.get_by_label(re.compile(r"^Klaar op")).fill((today + 45 * DAY).isoformat())
    page.get_by_label(re.compile(r"^Status")).select_option(label="Besloten")
    page.get_by_role("button", name="Opslaan").click()
    # "Besloten" needs to say who decided: the message is at the field, the rest is kept.
    decided_by = page.get_by_label(re.compile(r"^Besloten door"))
    expect(decided_by).to_have_attribute("aria-invalid", "true")
    expect(decided_by).to_have_accessible_description(
        re.compile("Zeg wie het besluit nam: het college of de raad.")
    )
    expect(page.get_by_label(re.compile(r"^Eigenaar"))).to_have_value("Warmtebedrijf Testdal")
    decided_by.select_option(label="College van B&W")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("De stuuractie is vastgelegd.")
    handled = (
        page.get_by_role("region", name="Wat vraagt om bijsturen")
        .get_by_role("listitem")
        .filter(has_text=f"Tussendoel ‘{first.title}’ wordt 90 dagen later verwacht")
    )
    expect(handled).to_contain_text("Er loopt een stuuractie")
    expect(handled.get_by_role("link")).to_have_count(0)
    actions = page.get_by_role("table", name=re.compile(r"^Stuuracties"))
    row = actions.get_by_role("row", name=re.compile(f"^Vertraging inlopen: {first.title}"))
    expect(row).to_contain_text("Warmtebedrijf Testdal")
    expect(row).to_contain_text("Besloten")
    action = SteeringAction.objects.get(title=f"Vertraging inlopen: {first.title}")
    assert (action.reason_key, action.milestone_id) == (f"milestone:{first.pk}", first.pk)


# --- 4. a partner: only their own indicator ----------------------------------------------------


def test_partner_enters_a_measurement_for_their_own_indicator_only(
    page: Page, partner, party, story
):
    today = story["today"]
    ready = Indicator.objects.get(neighbourhood=story["bloemenwijk"], code="aardgasvrij_klaar")
    ready.party = party
    ready.save()

    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("partner")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")
    page.get_by_role("link", name="Gemeente Testdal").click()
    page.get_by_role("link", name="Indicatoren van Bloemenwijk").click()

    expect(page.get_by_role("main")).to_contain_text(
        "U ziet alleen de indicatoren die uw partij meet."
    )
    table = page.get_by_role("table", name=re.compile(r"^Indicatoren met hun laatste meting"))
    expect(table.get_by_role("row")).to_have_count(2)  # header + their own
    expect(table).to_contain_text("Woningen aardgasvrij-klaar")
    expect(page.get_by_role("link", name="Indicator toevoegen")).to_have_count(0)

    table.get_by_role(
        "link", name=re.compile(r"^Meting invoeren\W+Woningen aardgasvrij-klaar$")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meting invoeren")
    expect(page.get_by_label(re.compile(r"^Bron"))).to_have_value("corporatie")
    page.get_by_label(re.compile(r"^Datum")).fill((today - 7 * DAY).isoformat())
    page.get_by_label(re.compile(r"^Waarde")).fill("140")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"De meting van {_day(today - 7 * DAY)} is opgeslagen."
    )
    assert [(m.value, m.entered_by.username) for m in ready.measurements.all()] == [
        (140, "partner")
    ]

    # Another party's (here: the municipality's) indicator does not exist for them.
    gas_free = story["gas_free"].pk
    base = "/beheer/testdal/wijken/bloemenwijk/indicatoren/"
    for path in [f"{base}{gas_free}/", f"{base}{gas_free}/metingen/nieuw/"]:
        response = page.goto(path)
        assert response is not None and response.status == 404, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()


# --- 5. anyone: the open-data page and the API -------------------------------------------------


def test_anyone_finds_the_open_data_page_and_reads_the_api(page: Page, story):
    page.goto("/testdal/bloemenwijk/")
    page.get_by_role("contentinfo").get_by_role("link", name="Open data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    downloads = page.get_by_role("table", name="Downloads per gemeente")
    expect(downloads.get_by_role("row", name=re.compile(r"^Gemeente Testdal"))).to_be_visible()

    # A code list opens by keyboard.
    summary = page.locator("summary").first
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("table", name=re.compile(r"^Codes voor")).first).to_be_visible()

    root = page.get_by_role("link", name="/api/v1/", exact=True)
    expect(root).to_be_visible()
    response = page.request.get(
        "/api/v1/gemeenten/testdal/wijken/bloemenwijk/indicatoren/",
        headers={"Accept": "application/json"},
    )
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    indicators = {i["name"]: i for i in response.json()}
    gas_free = indicators["Woningen aardgasvrij"]
    assert gas_free["unit"] == "aantal"
    assert gas_free["route_version"] == story["version"].number
    # The adopted route, not the draft changed after adoption (to 1 everywhere).
    assert [p["value"] for p in gas_free["route"]] == [0, 600], gas_free
