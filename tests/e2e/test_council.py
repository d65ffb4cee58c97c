"""A council member's journey through the dashboard: log in, read the overview (table and status
map), follow a neighbourhood from the map with the keyboard, read its four blocks, open a chart's
table, request the council's progress report and download it. Every page and HTMX swap is checked
by axe (tests/e2e/conftest.py)."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from dashboard.council import report as council_report
from tests.dashboard.test_council import build_story
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e

OVERVIEW = "/beheer/testdal/dashboard/"

# What has the keyboard focus: for a map area, its accessible name from <title>.
FOCUSED = """() => {
    const el = document.activeElement;
    const title = el.querySelector(":scope > title");
    return {
        tag: el.tagName.toLowerCase(),
        name: title ? title.textContent : (el.textContent || "").trim().slice(0, 80),
        href: el.getAttribute("href") || "",
        area: el.classList.contains("ww-map__area"),
        fill: el.querySelector("path") ? getComputedStyle(el.querySelector("path")).fill : "",
    };
}"""


@pytest.fixture(autouse=True)
def _registered():
    """What dashboard/apps.py ready() does (register_report)."""
    council_report.register_report()


@pytest.fixture
def story(municipality, neighbourhood, party, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_story(municipality, neighbourhood, party, today=timezone.localdate())


def test_council_member_reads_the_dashboard_and_downloads_the_progress_report(
    page: Page, council_member, story
):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("raadslid")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")

    # The overview: a table and a map with the same facts.
    page.goto(OVERVIEW)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dashboard voor de raad: Gemeente Testdal"
    )
    expect(page.get_by_role("main")).to_contain_text(
        "Van de 3 wijken liggen er 1 op route, 0 achter en 1 ver achter."
    )
    table = page.get_by_role("table", name="Status van de wijken tegen de vastgestelde route")
    expect(table.get_by_role("row", name=re.compile(r"^Bloemenwijk"))).to_contain_text("Ver achter")
    expect(table.get_by_role("row", name=re.compile(r"^Vogelwijk"))).to_contain_text("Op route")
    expect(table.get_by_role("row", name=re.compile(r"^Zonnewijk"))).to_contain_text(
        "Geen gegevens"
    )
    status_map = page.locator("svg.ww-map__svg")
    expect(status_map.locator("a.ww-map__area")).to_have_count(3)
    expect(page.locator(".ww-map-legend")).to_contain_text("Ver achter")

    # Follow Bloemenwijk from the map, by keyboard alone.
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["area"] and focused["name"].startswith("Bloemenwijk"):
            break
    else:
        pytest.fail("Tab never reached Bloemenwijk on the map")
    assert focused["name"] == "Bloemenwijk, status: Ver achter"
    # The focused area turns the focus colour: the pattern no longer shows.
    assert "url(" not in focused["fill"], focused
    page.keyboard.press("Enter")

    # The neighbourhood in four blocks.
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard Bloemenwijk")
    for heading in [
        "Wat is bereikt",
        "Waar staan we",
        "Effect van nieuwe ontwikkelingen",
        "Wat moet er bijgestuurd worden",
    ]:
        expect(page.get_by_role("region", name=heading)).to_be_visible()
    expect(page.get_by_role("region", name="Wat is bereikt")).to_contain_text("Warmteplan klaar")
    where = page.get_by_role("region", name="Waar staan we")
    expect(
        where.get_by_role("table", name=re.compile(r"^Elke indicator")).get_by_role(
            "row", name=re.compile(r"^Woningen aardgasvrij \(")
        )
    ).to_contain_text("Ver achter")
    expect(page.get_by_role("region", name="Effect van nieuwe ontwikkelingen")).to_contain_text(
        "Netcongestie bij het onderstation"
    )
    expect(page.get_by_role("region", name="Wat moet er bijgestuurd worden")).to_contain_text(
        "Extra subsidieloket voor eigenaren"
    )
    # Plotly draws the route-against-actual chart (loaded by our own script under the CSP).
    gas_free = story["gas_free"].pk
    expect(
        page.locator(f'[data-chart="route-chart-{gas_free}"] svg.main-svg').first
    ).to_be_attached(timeout=15_000)
    # Its table: closed at first, opened by keyboard.
    chart_table = page.get_by_role("table", name="Route en metingen: Woningen aardgasvrij (aantal)")
    expect(chart_table).to_be_hidden()
    summary = page.get_by_text("Tabel bij de grafiek: Woningen aardgasvrij", exact=True)
    summary.focus()
    page.keyboard.press("Enter")
    expect(chart_table).to_be_visible()
    expect(chart_table.get_by_role("row")).to_have_count(5)  # header + four dates
    expect(chart_table).to_contain_text("80")

    # Back to the overview, and the council's progress report.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dashboard voor de raad: Gemeente Testdal"
    )
    page.get_by_role("button", name="Maak de voortgangsrapportage (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Voortgang warmtetransitie Gemeente Testdal"
    )
    link = page.get_by_role("link", name=re.compile(r"^Download het rapport"))
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert re.fullmatch(r"voortgang-testdal-\d{4}-\d{2}-\d{2}\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Bloemenwijk Verkennen Ver achter" in text
    assert "Vogelwijk Verkennen Op route" in text
