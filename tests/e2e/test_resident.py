"""Residents on the public pages: finding their neighbourhood, by touch, by keyboard, without JS."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.factories import CbsAreaFactory, NeighbourhoodFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def testdal(municipality, neighbourhood, party):
    """Return Testdal with Bloemenwijk (CBS figures, one party) and a second neighbourhood."""
    CbsAreaFactory(neighbourhood=neighbourhood, homes=1234)
    NeighbourhoodFactory(municipality=municipality, name="Havenkwartier", slug="havenkwartier")
    return municipality


def has_focus_indicator(element: Locator) -> bool:
    return element.evaluate(
        """(el) => {
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            return outline || style.boxShadow !== "none";
        }"""
    )


def is_focused(element: Locator) -> bool:
    return element.evaluate("(el) => el === document.activeElement")


def test_resident_on_a_phone_finds_their_neighbourhood_and_reads_about_it(
    new_context, phone, testdal
):
    page = new_context(**phone).new_page()
    page.goto("/")
    page.get_by_role("link", name="Gemeente Testdal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Van het aardgas af in Gemeente Testdal"
    )
    expect(page.get_by_role("link", name="Havenkwartier")).to_be_visible()

    page.get_by_label("Zoek uw wijk").press_sequentially("bloem", delay=20)
    expect(page.get_by_role("link", name="Havenkwartier")).to_have_count(0)
    page.get_by_role("link", name="Bloemenwijk").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bloemenwijk")
    expect(page.get_by_role("region", name="Wat speelt er?")).to_contain_text(
        "vooral rijtjeshuizen uit de jaren zestig"
    )
    figures = page.get_by_role("region", name="De wijk in cijfers")
    expect(figures).to_contain_text("Woningen")
    expect(figures).to_contain_text(re.compile(r"1\.?234"))
    expect(page.get_by_role("region", name="Wie doen er mee?")).to_contain_text(
        "Woonstichting Testdal"
    )


def test_live_search_replaces_the_results_without_reloading_the_page(new_context, phone, testdal):
    page = new_context(**phone).new_page()
    page.goto("/testdal/")
    page.evaluate("() => { window.wwSameDocument = true; }")

    page.get_by_label("Zoek uw wijk").press_sequentially("bloem", delay=20)

    expect(page.get_by_role("link", name="Havenkwartier")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/testdal/\?q=bloem$"))
    assert page.evaluate("() => window.wwSameDocument") is True, "the search reloaded the page"
    results = page.locator("#results")
    expect(results).to_have_count(1)
    expect(results.get_by_role("heading", level=2)).to_have_text("Wijken met „bloem”")
    expect(results.get_by_role("link", name="Bloemenwijk")).to_be_visible()


def test_resident_without_javascript_searches_with_a_plain_form(new_context, phone, testdal):
    page = new_context(java_script_enabled=False, **phone).new_page()
    page.goto("/testdal/")
    page.get_by_label("Zoek uw wijk").fill("bloem")
    page.get_by_role("button", name="Zoeken").click()

    expect(page).to_have_url(re.compile(r"/testdal/\?q=bloem$"))
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Bloemenwijk")).to_be_visible()
    expect(results).not_to_contain_text("Havenkwartier")
    expect(page.get_by_label("Zoek uw wijk")).to_have_value("bloem")


def test_keyboard_user_skips_to_the_content_and_switches_to_english(page: Page, testdal):
    page.goto("/testdal/bloemenwijk/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    assert has_focus_indicator(skip_link), "the focused skip link shows no outline or shadow"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # The language switch sits in the header, before the content: go back to it.
    english = page.get_by_role("button", name="English")
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if is_focused(english):
            break
    else:
        pytest.fail("Shift+Tab from the content never reached the English button")
    assert has_focus_indicator(english), "the focused language button shows no focus indicator"

    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/testdal/bloemenwijk/$"))
    expect(page.get_by_role("button", name="Nederlands")).to_be_visible()
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
