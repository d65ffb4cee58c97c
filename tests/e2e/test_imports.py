"""A new municipality's administrator reads in the files as published, in the browser: the KWB
workbook with the GeoPackage of the wijk- en buurtkaart, then the EP-online labels; and a bad
file, which stores nothing and says which lines to fix."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from dashboard.models import Measurement, StandardIndicator
from tests.factories import TEST_PASSWORD, MembershipFactory, MunicipalityFactory, UserFactory
from tests.imports.files import DATA, kwb_rows, kwb_xlsx, sample_gpkg
from wup.models import CbsArea, Neighbourhood, Role

pytestmark = pytest.mark.e2e

SHOTS = os.environ.get("WW_SCREENSHOTS", "")


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def nieuwerland(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    municipality = MunicipalityFactory(cbs_code="GM0999", name="Nieuwerland", slug="nieuwerland")
    user = UserFactory(username="nieuwbeheer")
    MembershipFactory(user=user, municipality=municipality, role=Role.ADMIN)
    return municipality


def log_in(page: Page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("nieuwbeheer")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def no_sideways_scroll(page: Page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_admin_onboards_from_the_published_files_and_sees_map_and_indicators(
    page: Page, nieuwerland, tmp_path
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page)
    page.goto("/beheer/nieuwerland/")
    page.get_by_role("link", name="Wijken maken uit de CBS-kerncijfers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CBS Kerncijfers wijken en buurten")
    page.get_by_label("Kerncijfers (xlsx of csv)").set_input_files(
        kwb_xlsx(tmp_path / "kwb-2024.xlsx")
    )
    page.get_by_label("Grenzen (GeoPackage of GeoJSON, mag leeg)").set_input_files(
        sample_gpkg(tmp_path / "wijkenbuurten_2024.gpkg")
    )
    expect(page.get_by_label("Ja, één per CBS-buurt")).to_be_checked()  # nothing there yet
    shot(page, "upload-1280")
    page.get_by_role("button", name="Bestand controleren").click()

    expect(page.get_by_role("heading", name="Wat er verandert")).to_be_visible()
    expect(page.locator(".ww-counts")).to_contain_text("nieuwe wijken in Wijkwaarde5")
    expect(page.get_by_role("table")).to_contain_text("Oude Kern")
    shot(page, "preview-1280")
    assert not CbsArea.objects.exists()  # nothing before the lead confirms

    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Het bestand is opgeslagen.")).to_be_visible()
    assert Neighbourhood.objects.filter(municipality=nieuwerland).count() == 5

    page.goto("/nieuwerland/")
    expect(page.locator("svg a.ww-map__area")).to_have_count(5)

    # The energy labels, counted per buurt through the postcode table.
    page.goto("/beheer/nieuwerland/bestanden/")
    page.get_by_role("link", name="Energielabels (RVO EP-online)").click()
    page.get_by_label("EP-online-bestand (csv of xlsx)").set_input_files(
        DATA / "eponline_sample.csv"
    )
    page.get_by_label("CBS postcode-buurttabel (csv of xlsx)").set_input_files(
        DATA / "pc6hnr_sample.csv"
    )
    page.get_by_label("Datum van de cijfers").fill("2026-01-01")
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.locator(".ww-counts")).to_contain_text("metingen nieuw3")
    shot(page, "labels-preview-1280")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Het bestand is opgeslagen.")).to_be_visible()
    oude_kern = Neighbourhood.objects.get(name="Oude Kern")
    assert (
        Measurement.objects.get(
            indicator__neighbourhood=oude_kern, indicator__code=StandardIndicator.LABEL_B
        ).value
        == 2
    )
    page.goto(f"/beheer/nieuwerland/wijken/{oude_kern.slug}/indicatoren/")
    expect(page.get_by_role("main")).to_contain_text("Woningen met energielabel B of beter")

    # The plan area, composed of buurten by code, with the map beside the list.
    page.goto(f"/beheer/nieuwerland/wijken/{oude_kern.slug}/cbs-gebieden/")
    page.get_by_label("BU09990102 Stationsbuurt", exact=False).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#plan-figures")).to_contain_text("1820")  # 640 + 1180 homes
    shot(page, "plan-area-1280")
    # Choosing a buurt on the map ticks its box and puts the focus there.
    page.locator("#plan-map a.ww-map__area").filter(has_text="Havenkwartier").click()
    box = page.get_by_label("BU09990103 Havenkwartier", exact=False)
    expect(box).to_be_checked()
    expect(box).to_be_focused()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_bad_workbook_shows_its_lines_focused_in_view_and_stores_nothing(
    page: Page, nieuwerland, tmp_path, width
):
    page.set_viewport_size({"width": width, "height": 800})
    rows = kwb_rows()
    rows[3][10] = "veel"
    path = kwb_xlsx(tmp_path / "kwb-2024.xlsx", rows=rows)
    log_in(page)
    page.goto("/beheer/nieuwerland/bestanden/kwb/")
    page.get_by_label("Kerncijfers (xlsx of csv)").set_input_files(path)
    page.get_by_role("button", name="Bestand controleren").click()

    summary = page.locator("#import-errors")
    expect(summary).to_contain_text("regel 4: a_woning is geen getal: 'veel'")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    no_sideways_scroll(page)
    shot(page, f"errors-{width}")
    assert not CbsArea.objects.exists() and not Neighbourhood.objects.exists()
    # What was chosen is still chosen; only the file needs choosing again.
    expect(page.get_by_label("Ja, één per CBS-buurt")).to_be_checked()


def test_every_upload_page_fits_a_phone(page: Page, nieuwerland, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page)
    page.goto("/beheer/nieuwerland/bestanden/")
    no_sideways_scroll(page)
    page.get_by_role("link", name="Startanalyse (PBL)").click()
    no_sideways_scroll(page)
    page.goto("/beheer/nieuwerland/bestanden/kwb/")
    page.get_by_label("Kerncijfers (xlsx of csv)").set_input_files(DATA / "kwb_sample.csv")
    page.get_by_label("Peiljaar").fill("2024")
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("heading", name="Wat er verandert")).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "preview-390")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Het bestand is opgeslagen.")).to_be_visible()
    no_sideways_scroll(page)
    oude_kern = Neighbourhood.objects.get(name="Oude Kern")
    page.goto(f"/beheer/nieuwerland/wijken/{oude_kern.slug}/cbs-gebieden/")
    no_sideways_scroll(page)
    # Saving nothing chosen says what to do, focused and in view.
    page.get_by_label("BU09990101 Oude Kern", exact=False).uncheck()
    page.get_by_role("button", name="Opslaan").click()
    summary = page.locator("#form-error-summary")
    expect(summary).to_contain_text("Kies minstens één CBS-wijk of -buurt.")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    shot(page, "plan-area-390")
