"""A project lead records an information evening with its reach and three inputs, sees the
neighbourhood's session and answered question appear by themselves, and publishes the
participatieverslag, which residents read on a phone."""

from __future__ import annotations

import datetime
import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from dialogue.models import DialogueSession, Participant
from participation.models import Activity, Input, Response, Verslag
from reports.models import Report
from roadmap.models import Milestone, Roadmap
from wup.models import AuditEntry, Question

pytestmark = pytest.mark.e2e

SHOTS = os.environ.get("WW_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def story(neighbourhood, party):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood, summary="Concept")
    milestone = Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Onderzoek naar de kosten per woning",
        baseline_date=datetime.date(2027, 3, 1),
    )
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title="Toets van het warmtenet",
        proposition="Warmtenet",
        starts_at=timezone.now() - datetime.timedelta(days=20),
        location="Buurthuis",
        can_influence="a",
        cannot_influence="b",
        status=DialogueSession.Status.PUBLISHED,
        summary="Bewoners willen eerst weten wat het kost.",
    )
    for i, group in enumerate(["eigenaar_bewoner", "huurder", "huurder"]):
        Participant.objects.create(session=session, token=f"e2e{i}", group=group)
    question = Question.objects.create(
        neighbourhood=neighbourhood,
        asker_name="Jan Jansen",
        asker_email="jan@example.nl",
        text="Ik ben Jan Jansen. Wanneer komt mijn straat aan de beurt?",
        public_text="Wanneer komt mijn straat aan de beurt?",
        answer="Uw straat is in 2028 aan de beurt.",
        answered_at=timezone.now() - datetime.timedelta(days=2),
        due_on=datetime.date(2026, 1, 1),
        published=True,
    )
    return {"milestone": milestone, "session": session, "question": question}


def _add_input(page: Page, text: str, response: str) -> None:
    page.get_by_role("link", name="Inbreng toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbreng toevoegen")
    page.get_by_label(re.compile(r"^Wat werd er gezegd of gevraagd")).fill(text)
    page.get_by_label(re.compile(r"^Wat is ermee gedaan")).select_option(label=response)


def test_a_lead_records_an_information_evening_and_publishes_the_verslag(
    page: Page, new_context, lead, neighbourhood, story, log_in, phone
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page.context, lead)
    page.goto("/beheer/testdal/")
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Participatie").click()
    page.get_by_role("link", name="Bloemenwijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Participatie in Bloemenwijk")
    # The session and the answered question are there without anyone copying them.
    everything = page.get_by_role("table", name=re.compile("^Activiteiten, dialoogsessies"))
    expect(everything).to_contain_text("Toets van het warmtenet")
    expect(everything).to_contain_text("Wanneer komt mijn straat aan de beurt?")

    page.get_by_role("link", name="Activiteit vastleggen").click()
    page.get_by_label(re.compile(r"^Soort activiteit")).select_option(label="Informatieavond")
    page.get_by_label(re.compile(r"^Titel")).fill("Informatieavond over het warmtenet")
    page.get_by_label(re.compile(r"^Datum")).fill("2026-10-01")
    page.get_by_label(re.compile(r"^Plaats of kanaal")).fill("Buurthuis De Linde")
    page.get_by_label(re.compile(r"^Voor wie")).fill("Alle bewoners van de Bloemenwijk")
    page.get_by_label(re.compile(r"^Bereik \(aantal")).fill("40")
    page.get_by_label(re.compile(r"^Bereik: Eigenaar-bewoner")).fill("25")
    page.get_by_label(re.compile(r"^Bereik: Huurder")).fill("15")
    _shot(page, "activity-form-1280")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De activiteit is opgeslagen.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Informatieavond over het warmtenet")
    activity = Activity.objects.get()
    assert activity.reach_by_group == {"eigenaar_bewoner": 25, "huurder": 15}

    # 1: taken into the roadmap as a milestone.
    _add_input(page, "Zoek eerst uit wat het per woning kost.", "Opgenomen als mijlpaal")
    page.get_by_label(re.compile(r"^Mijlpaal")).select_option(label=story["milestone"].title)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De inbreng is opgeslagen.")

    # 2: answered, linked to the resident's question.
    _add_input(page, "Wanneer is onze straat aan de beurt?", "Beantwoord")
    page.get_by_label(re.compile(r"^Gekoppelde vraag")).select_option(
        label=f"#{story['question'].pk} (beantwoord): Wanneer komt mijn straat aan de beurt?"
    )
    page.get_by_label(re.compile(r"^Antwoord of reden")).fill("In 2028, zie de planning.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De inbreng is opgeslagen.")

    # 3: not taken over: the reason is required, shown at its field, nothing typed is lost.
    _add_input(page, "Laat de gemeente het net zelf bezitten.", "Niet overgenomen")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("group", name="Er ging iets mis. Controleer wat u hebt ingevuld.")
    expect(summary).to_be_in_viewport()
    _shot(page, "input-error-1280")
    summary.get_by_role("link", name=re.compile("Schrijf op waarom u dit niet overneemt")).click()
    reason = page.get_by_label(re.compile(r"^Antwoord of reden"))
    expect(reason).to_be_focused()
    expect(reason).to_be_in_viewport()
    expect(reason).to_have_accessible_description(re.compile("Schrijf op waarom"))
    expect(page.get_by_label(re.compile(r"^Wat werd er gezegd"))).to_have_value(
        "Laat de gemeente het net zelf bezitten."
    )
    # By keyboard: type the reason and send the form with Enter on the button.
    page.keyboard.type("De gemeente mag geen warmtebedrijf zijn.")
    page.get_by_role("button", name="Opslaan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("De inbreng is opgeslagen.")
    inputs = page.get_by_role("table", name="Inbreng bij deze activiteit")
    expect(inputs).to_contain_text("Onderzoek naar de kosten per woning")
    expect(inputs).to_contain_text("De gemeente mag geen warmtebedrijf zijn.")
    _shot(page, "activity-1280")
    assert sorted(Input.objects.values_list("response", flat=True)) == sorted(
        [Response.MILESTONE, Response.ANSWERED, Response.NOT_TAKEN]
    )

    # Publish the verslag.
    page.get_by_role("link", name=re.compile("Participatie in Bloemenwijk")).click()
    page.get_by_role("link", name="Naar het participatieverslag").click()
    page.get_by_label(re.compile(r"^Inleiding")).fill("Zo hebben we de wijk betrokken.")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("status")).to_contain_text("Het participatieverslag is openbaar.")
    _shot(page, "verslag-staff-1280")
    assert Verslag.objects.get().is_published
    assert AuditEntry.objects.filter(action="publish", object_type="verslag").exists()
    assert Report.objects.get(kind="participatie").status == Report.Status.DONE

    # A resident on a phone reads it, without names, and without sideways scrolling.
    resident = new_context(**phone).new_page()
    resident.goto("/testdal/bloemenwijk/")
    resident.get_by_role("link", name="Lees het participatieverslag").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text("Participatieverslag Bloemenwijk")
    main = resident.get_by_role("main")
    for text in [
        "Zo hebben we de wijk betrokken.",
        "Informatieavond over het warmtenet",
        "Toets van het warmtenet",
        "Wanneer komt mijn straat aan de beurt?",
        "Onderzoek naar de kosten per woning",
        "De gemeente mag geen warmtebedrijf zijn.",
    ]:
        expect(main).to_contain_text(text)
    expect(main).not_to_contain_text("Jan Jansen")
    assert resident.evaluate("() => document.documentElement.scrollWidth") <= 390
    _shot(resident, "public-390")
    # The PDF: the button leads to the finished report's download.
    resident.get_by_role("button", name="Download als PDF").click()
    expect(resident.get_by_role("link", name=re.compile("^Download het rapport"))).to_be_visible()
