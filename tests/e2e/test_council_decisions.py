"""The raad's next decisions, open toezeggingen, reach, the roadmap's promises and the totals, on a
desk screen and a phone: the council overview and neighbourhood view, and the lead keeping the
decision log in the back office. Axe checks every page (tests/e2e/conftest.py); no page scrolls
sideways."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from dashboard.council import report as council_report
from dashboard.models import CouncilRecord, CouncilRecordKind, MunicipalityTarget
from roadmap.models import DecisionBody, DecisionKind
from tests.dashboard.test_council import build_story

pytestmark = pytest.mark.e2e

DAY = datetime.timedelta(days=1)
DESK = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(autouse=True)
def _registered():
    council_report.register_report()


@pytest.fixture
def story(municipality, neighbourhood, party, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    found = build_story(municipality, neighbourhood, party, today=today)
    milestone = neighbourhood.roadmap.milestones.filter(achieved_date__isnull=True).first()
    milestone.decision_body = DecisionBody.COUNCIL
    milestone.decision_kind = DecisionKind.BUDGET
    milestone.save()
    CouncilRecord.objects.create(
        municipality=municipality,
        neighbourhood=neighbourhood,
        kind=CouncilRecordKind.PROMISE,
        title="Raad informeren over de tarieven",
        number="T-2026-04",
        url="https://raad.testdal.example/t/4",
        date=today - 90 * DAY,
        owner="Wethouder Jansen",
        due_on=today - 7 * DAY,
    )
    CouncilRecord.objects.create(
        municipality=municipality,
        kind=CouncilRecordKind.MOTION,
        title="Motie eerlijke warmteprijs",
        date=today - 30 * DAY,
    )
    MunicipalityTarget.objects.create(municipality=municipality, target_year=today.year + 14)
    return {**found, "milestone": milestone}


def no_sideways_scroll(page: Page) -> None:
    width = page.viewport_size["width"]
    wide = page.evaluate(
        "() => [...document.querySelectorAll('body *')].filter(e => "
        "e.getBoundingClientRect().right > window.innerWidth + 1"
        " && !e.closest('.ww-table-scroll')).slice(0, 5)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, (page.url, wide)


@pytest.mark.parametrize("screen", [DESK, PHONE], ids=["1280", "390"])
def test_the_raad_sees_next_decisions_and_overdue_promises(
    new_context, log_in, council_member, story, screen, tmp_path
):
    context = new_context(**screen)
    log_in(context, council_member)
    page = context.new_page()
    page.goto("/beheer/testdal/dashboard/")
    signals = page.get_by_role("region", name="Signalen om bij te sturen")
    expect(signals).to_contain_text("Toezegging te laat")
    expect(signals).to_contain_text("‘Raad informeren over de tarieven’ van Wethouder Jansen")
    decisions = page.get_by_role("region", name="Volgende besluiten")
    expect(decisions).to_contain_text(story["milestone"].title)
    expect(decisions).to_contain_text("Gemeenteraad")
    totals = page.get_by_role("region", name="De gemeente in totaal")
    expect(totals).to_contain_text("tegen het doeljaar")
    no_sideways_scroll(page)
    page.screenshot(
        path=str(tmp_path / f"overview-{screen['viewport']['width']}.png"), full_page=True
    )

    page.get_by_role("link", name="Bloemenwijk", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard Bloemenwijk")
    promises = page.get_by_role("region", name="Open toezeggingen")
    expect(promises.get_by_role("link", name="Raad informeren over de tarieven")).to_have_attribute(
        "href", "https://raad.testdal.example/t/4"
    )
    expect(page.get_by_role("region", name="Wat de routekaart belooft")).to_be_visible()
    reach = page.get_by_role("region", name="Bereik: wie deden er mee")
    expect(reach).to_contain_text("We tellen elke persoon één keer")
    no_sideways_scroll(page)
    page.screenshot(
        path=str(tmp_path / f"neighbourhood-{screen['viewport']['width']}.png"), full_page=True
    )


@pytest.mark.parametrize("screen", [DESK, PHONE], ids=["1280", "390"])
def test_the_lead_keeps_the_decision_log(new_context, log_in, lead, story, screen, tmp_path):
    context = new_context(**screen)
    log_in(context, lead)
    page = context.new_page()
    page.goto("/beheer/testdal/besluiten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluitenlog Gemeente Testdal")
    log = page.get_by_role("table", name="Besluitenlog, nieuwste eerst")
    expect(log.get_by_role("row", name=re.compile("^Raad informeren"))).to_contain_text("te laat")
    no_sideways_scroll(page)

    page.get_by_role("link", name="Nieuw in het besluitenlog").click()
    page.get_by_label(re.compile("^Soort")).select_option(label="Toezegging")
    page.get_by_label(re.compile("^Onderwerp")).fill("Evaluatie participatie")
    page.get_by_role("button", name="Opslaan").click()
    # A toezegging without owner and date: the messages sit next to the fields, nothing is lost.
    owner = page.get_by_label(re.compile("^Eigenaar"))
    expect(owner).to_have_attribute("aria-invalid", "true")
    expect(owner).to_have_accessible_description(re.compile("Zeg wie de toezegging moet nakomen."))
    expect(page.get_by_label(re.compile("^Onderwerp"))).to_have_value("Evaluatie participatie")
    summary = page.get_by_role("group", name="Er ging iets mis. Controleer wat u hebt ingevuld.")
    summary.get_by_role("link", name=re.compile("Zeg wie de toezegging")).click()
    expect(owner).to_be_focused()
    expect(owner).to_be_in_viewport()
    no_sideways_scroll(page)
    page.screenshot(
        path=str(tmp_path / f"log-form-{screen['viewport']['width']}.png"), full_page=True
    )

    owner.fill("Team Warmtetransitie")
    page.get_by_label(re.compile("^Af te doen op")).fill(
        (timezone.localdate() + 60 * DAY).isoformat()
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het is vastgelegd in het besluitenlog.")
    expect(log.get_by_role("row", name=re.compile("^Evaluatie participatie"))).to_contain_text(
        "Team Warmtetransitie"
    )
    assert CouncilRecord.objects.filter(title="Evaluatie participatie").exists()
    no_sideways_scroll(page)
    page.screenshot(path=str(tmp_path / f"log-{screen['viewport']['width']}.png"), full_page=True)
