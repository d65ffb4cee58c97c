"""The roadmap in the browser: a project lead builds and adopts it, a resident reads it on a
phone and downloads the PDF, a council member only reads, a partner reports progress, and the
adopt form works by keyboard."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from dialogue.models import DialogueSession, Outcome
from reports.models import Report
from reports.tasks import render_report
from roadmap.models import (
    Agreement,
    Ambition,
    CoreValue,
    Milestone,
    MilestoneStatus,
    MunicipalRole,
    Roadmap,
    RoadmapVersion,
    adopt,
)
from roadmap.report import KIND as ROADMAP_REPORT
from tests.factories import PartyFactory
from tests.roadmap import conftest as roadmap_fixtures

pytestmark = pytest.mark.e2e

# The roadmap fixtures live next to the roadmap unit tests; use them here too.
roadmap = roadmap_fixtures.roadmap
milestone_factory = roadmap_fixtures.milestone_factory

EDITOR = "/beheer/testdal/routekaarten/bloemenwijk/"
ADOPT = EDITOR + "vaststellen/"
HISTORY = EDITOR + "versies/"
PUBLIC = "/testdal/bloemenwijk/routekaart/"

SESSION_TITLE = "Warmtenet in de Bloemenwijk?"
OUTCOME = "De aansluitkosten voor huurders worden niet hoger dan de huidige gasrekening."
VALUE = "Betaalbaar voor iedereen"
FIRST = "Warmteplan klaar"
SECOND = "Eerste woningen aangesloten"

# What has the keyboard focus, and whether it shows (an outline or a ring).
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return {
        id: el.id,
        tag: el.tagName,
        text: el.textContent.trim(),
        indicator: outline || style.boxShadow !== "none",
    };
}"""


# --- helpers ------------------------------------------------------------------------------


@pytest.fixture
def agreed_outcome(neighbourhood) -> Outcome:
    """A published session in Bloemenwijk with one outcome the participants agreed on."""
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title=SESSION_TITLE,
        proposition="Een warmtenet op lage temperatuur voor de hele wijk.",
        starts_at=timezone.make_aware(datetime.datetime(2026, 9, 15, 19, 30)),
        location="Buurthuis De Linde",
        can_influence="De volgorde van de straten.",
        cannot_influence="Het jaar 2035.",
        status=DialogueSession.Status.PUBLISHED,
        published_at=timezone.now(),
        summary="Bewoners willen vooral weten wat het kost.",
    )
    return Outcome.objects.create(session=session, kind="kader", text=OUTCOME, agreed=True)


def _adopt(roadmap: Roadmap, number: int, reason: str = "") -> RoadmapVersion:
    return adopt(
        roadmap,
        by="college",
        decision_date=datetime.date(2026, 3 + number, 10),
        decision_reference=f"B&W-2026-{number:04d}",
        reason=reason,
    )


@pytest.fixture
def adopted_twice(roadmap, party, agreed_outcome, milestone_factory) -> Roadmap:
    """A roadmap adopted as version 1 and 2, plus draft changes that were never adopted."""
    roadmap.summary = "Eerste samenvatting."
    roadmap.save()
    MunicipalRole.objects.create(
        roadmap=roadmap, phase="verkennen", role="regisseur", reasoning="Wij houden overzicht."
    )
    Ambition.objects.create(
        roadmap=roadmap,
        party=party,
        text="Huurwoningen eerst",
        target_value=250,
        target_unit="woningen",
        target_year=2030,
    )
    value = CoreValue.objects.create(
        roadmap=roadmap, name=VALUE, why="Niemand gaat erop achteruit."
    )
    value.outcomes.add(agreed_outcome)
    first = milestone_factory(title=FIRST, baseline_date=datetime.date(2027, 3, 1))
    milestone_factory(title=SECOND, baseline_date=datetime.date(2028, 6, 1), depends_on=[first])
    agreement = Agreement.objects.create(
        roadmap=roadmap, title="Convenant warmtenet", agreement_type="convenant"
    )
    agreement.parties.add(party)
    _adopt(roadmap, 1)

    roadmap.summary = "Het warmtenet komt in 2028 door de Rozenstraat."
    roadmap.save()
    first.baseline_date = datetime.date(2027, 5, 1)
    first.save()
    _adopt(roadmap, 2, reason="Het warmteplan is later klaar.")

    # The draft moves on; none of this is adopted.
    roadmap.summary = "GEHEIM CONCEPT: misschien toch waterstof."
    roadmap.save()
    draft_value = CoreValue.objects.create(
        roadmap=roadmap, name="Conceptwaarde die nog niet is vastgesteld", why="Nog in overleg."
    )
    draft_value.outcomes.add(agreed_outcome)
    first.title = "Conceptnaam van het warmteplan"
    first.save()
    return roadmap


def csrf_token(page: Page) -> str:
    value = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    assert value
    return value


def save(page: Page, message: str, button: str = "Opslaan") -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(message)


def action(verb: str, what: str) -> re.Pattern:
    """A link such as "Bewerken: <what>" (Chromium names it "Bewerken : <what>", see the report)."""
    return re.compile(rf"^{re.escape(verb)} ?: {re.escape(what)}$")


def label(text: str) -> re.Pattern:
    """A field's label: its text, perhaps followed by "(verplicht)"."""
    return re.compile(rf"^{re.escape(text)}( \(verplicht\))?$")


# --- 1. the project lead builds and adopts the roadmap -------------------------------------


def test_project_lead_builds_a_roadmap_and_adopts_two_versions(
    page: Page, lead, party, neighbourhood, agreed_outcome, log_in
):
    log_in(page.context, lead)
    page.goto(EDITOR)
    expect(page.get_by_role("heading", level=1)).to_have_text("Routekaart Bloemenwijk")

    # Summary
    page.get_by_role("link", name="Samenvatting bewerken").click()
    page.get_by_label(label("Samenvatting in gewone taal")).fill(
        "We leggen een warmtenet aan. Eerst de huurwoningen, dan de rest."
    )
    save(page, "De samenvatting is opgeslagen.")
    expect(page.get_by_role("region", name="Samenvatting in gewone taal")).to_contain_text(
        "We leggen een warmtenet aan."
    )

    # The municipality's role in two phases
    page.get_by_role("link", name="Rollen bewerken").click()
    exploring = page.get_by_role("group", name=re.compile(r"^Verkennen"))
    exploring.get_by_label(label("Rol van de gemeente")).select_option(label="Regisseur")
    exploring.get_by_label(label("Waarom deze rol")).fill("Wij brengen de partijen bij elkaar.")
    implementing = page.get_by_role("group", name=re.compile(r"^Uitvoering"))
    implementing.get_by_label(label("Rol van de gemeente")).select_option(label="Facilitator")
    implementing.get_by_label(label("Waarom deze rol")).fill("De partijen voeren zelf uit.")
    save(page, "De rollen van de gemeente zijn opgeslagen.", button="Rollen opslaan")
    roles = page.get_by_role("region", name="Rol van de gemeente per fase")
    expect(roles.get_by_role("row", name=re.compile(r"^Verkennen"))).to_contain_text("Regisseur")
    expect(roles.get_by_role("row", name=re.compile(r"^Uitvoering"))).to_contain_text("Facilitator")

    # An ambition of the housing association, with a target
    page.get_by_role("link", name="Ambitie toevoegen").click()
    page.get_by_label(label("Partij")).select_option(label="Woonstichting Testdal")
    page.get_by_label(label("Ambitie")).fill("Alle huurwoningen aardgasvrij")
    page.get_by_label(label("Streefwaarde")).fill("250")
    page.get_by_label(label("Eenheid")).fill("woningen")
    page.get_by_label(label("In het jaar")).fill("2030")
    save(page, "De ambitie is opgeslagen.")
    expect(page.get_by_role("region", name="Ambities", exact=True)).to_contain_text(
        "250 woningen in 2030"
    )

    # A core value from the agreed dialogue outcome
    page.get_by_role("link", name="Kernwaarde toevoegen").click()
    page.get_by_label(label("Kernwaarde")).fill(VALUE)
    page.get_by_label(label("Waarom deze waarde")).fill("Niemand gaat erop achteruit.")
    page.get_by_role("group", name=re.compile(r"^Komt voort uit")).get_by_role(
        "checkbox", name=re.compile(re.escape(OUTCOME))
    ).check()
    save(page, "De kernwaarde is opgeslagen.")
    expect(page.get_by_role("region", name="Kernwaarden", exact=True)).to_contain_text(OUTCOME)

    # Two milestones; the second depends on the first
    page.get_by_role("link", name="Tussendoel toevoegen").click()
    page.get_by_label(label("Tussendoel")).fill(FIRST)
    page.get_by_label(label("Eigenaar")).select_option(label="Woonstichting Testdal")
    page.get_by_label(label("Gepland (basis)")).fill("2027-03-01")
    save(page, "Het tussendoel is opgeslagen.")
    page.get_by_role("link", name="Tussendoel toevoegen").click()
    page.get_by_label(label("Tussendoel")).fill(SECOND)
    page.get_by_label(label("Eigenaar")).select_option(label="Woonstichting Testdal")
    page.get_by_label(label("Gepland (basis)")).fill("2028-06-01")
    page.get_by_role("checkbox", name=f"{FIRST} (1 maart 2027)").check()
    save(page, "Het tussendoel is opgeslagen.")
    expect(page.get_by_role("row", name=re.compile(rf"^{SECOND}"))).to_contain_text(FIRST)

    # The first may not depend on the second: that would be a loop
    page.get_by_role("link", name=action("Bewerken", FIRST)).click()
    page.get_by_label(label("Toelichting")).fill("Samen met de netbeheerder.")
    page.get_by_label(label("Verwacht")).fill("2027-04-15")
    page.get_by_role("checkbox", name=f"{SECOND} (1 juni 2028)").check()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    loop = f"Dan hangt ‘{FIRST}’ via ‘{SECOND}’ weer van zichzelf af."
    expect(page.get_by_role("group", name=re.compile(r"^Hangt af van"))).to_contain_text(loop)
    expect(page.get_by_role("group", name=re.compile("Er ging iets mis"))).to_contain_text(loop)
    # Nothing typed is lost
    expect(page.get_by_label(label("Toelichting"))).to_have_value("Samen met de netbeheerder.")
    expect(page.get_by_label(label("Verwacht"))).to_have_value("2027-04-15")
    expect(page.get_by_role("checkbox", name=f"{SECOND} (1 juni 2028)")).to_be_checked()
    first = Milestone.objects.get(title=FIRST)
    assert list(first.depends_on.all()) == []
    assert first.description == ""
    page.get_by_role("checkbox", name=f"{SECOND} (1 juni 2028)").uncheck()
    save(page, "Het tussendoel is opgeslagen.")

    # An agreement
    page.get_by_role("link", name="Afspraak toevoegen").click()
    page.get_by_label(label("Afspraak")).fill("Convenant warmtenet Bloemenwijk")
    page.get_by_role("group", name=re.compile(r"^Partijen")).get_by_role(
        "checkbox", name="Woonstichting Testdal"
    ).check()
    page.get_by_label(label("Soort")).select_option(label="Convenant")
    page.get_by_label(label("Getekend op")).fill("2026-10-01")
    save(page, "De afspraak is opgeslagen.")
    expect(page.get_by_role("region", name="Afspraken", exact=True).first).to_contain_text(
        "Convenant warmtenet"
    )

    # Two of the six safeguards
    page.get_by_role("link", name="Waarborgen bewerken").click()
    affordability = page.get_by_role("group", name="Betaalbaarheid", exact=True)
    affordability.get_by_label(label("Status")).select_option(label="Geborgd")
    affordability.get_by_label(label("Onderbouwing")).fill("Woonlastenwaarborg in het convenant.")
    capacity = page.get_by_role("group", name="Doenvermogen", exact=True)
    capacity.get_by_label(label("Status")).select_option(label="In uitwerking")
    capacity.get_by_label(label("Onderbouwing")).fill("Energiecoaches vanaf 2027.")
    save(page, "De waarborgen zijn opgeslagen.", button="Waarborgen opslaan")
    safeguards = page.get_by_role("region", name="Waarborgen (Wgiw)")
    expect(safeguards.get_by_role("row", name=re.compile("^Betaalbaarheid"))).to_contain_text(
        "Geborgd"
    )
    expect(safeguards.get_by_role("row", name=re.compile("^Doenvermogen"))).to_contain_text(
        "In uitwerking"
    )

    # Version 1. (The editor has no link to adopting or to the history: see the report.)
    page.goto(ADOPT)
    expect(page.get_by_role("heading", level=1)).to_have_text("Routekaart Bloemenwijk vaststellen")
    expect(page.get_by_label(label("Reden van de wijziging"))).to_have_count(0)
    page.get_by_label(label("Vastgesteld door")).select_option(label="College van B&W")
    page.get_by_label(label("Datum van het besluit")).fill("2026-11-03")
    page.get_by_label(label("Kenmerk van het besluit")).fill("B&W-2026-0142")
    save(page, "Versie 1 is vastgesteld", button="Vaststellen")
    assert RoadmapVersion.objects.get().number == 1

    # A new baseline for the first milestone
    page.goto(EDITOR)
    page.get_by_role("link", name=action("Bewerken", FIRST)).click()
    page.get_by_label(label("Gepland (basis)")).fill("2027-05-01")
    save(page, "Het tussendoel is opgeslagen.")

    # Version 2 needs a reason
    page.goto(ADOPT)
    expect(
        page.get_by_role("heading", name="Wat verandert er ten opzichte van versie 1?")
    ).to_be_visible()
    page.get_by_label(label("Vastgesteld door")).select_option(label="Gemeenteraad")
    page.get_by_label(label("Datum van het besluit")).fill("2026-11-24")
    page.get_by_label(label("Kenmerk van het besluit")).fill("RB-2026-077")
    page.get_by_role("button", name="Vaststellen", exact=True).click()
    reason = page.get_by_label(label("Reden van de wijziging"))
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_accessible_description(re.compile("Dit veld is verplicht"))
    expect(page.get_by_role("group", name=re.compile("Er ging iets mis"))).to_contain_text(
        "Reden van de wijziging: Dit veld is verplicht."
    )
    expect(page.get_by_label(label("Vastgesteld door"))).to_have_value("raad")
    expect(page.get_by_label(label("Datum van het besluit"))).to_have_value("2026-11-24")
    expect(page.get_by_label(label("Kenmerk van het besluit"))).to_have_value("RB-2026-077")
    assert RoadmapVersion.objects.count() == 1
    reason.fill("Het warmteplan is twee maanden later klaar.")
    save(page, "Versie 2 is vastgesteld", button="Vaststellen")

    # The history shows both; the difference shows the new date
    expect(page).to_have_url(re.compile(re.escape(HISTORY) + "$"))
    history = page.get_by_role("table", name="Vastgestelde versies, nieuwste eerst")
    expect(history.get_by_role("row", name=re.compile(r"^Versie 2"))).to_contain_text(
        "Het warmteplan is twee maanden later klaar."
    )
    expect(history.get_by_role("row", name=re.compile(r"^Versie 1"))).to_contain_text(
        "Eerste vaststelling"
    )
    page.get_by_role("link", name="Versie 1 → 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verschil tussen versie 1 en 2")
    changed = page.get_by_role("table", name="Gewijzigd: Tussendoelen")
    row = changed.get_by_role("row", name=re.compile(rf"^{FIRST}"))
    expect(row).to_contain_text("Gepland")
    expect(row.locator("del")).to_have_text("1 maart 2027")
    expect(row.locator("ins")).to_have_text("1 mei 2027")


# --- 2. a resident reads the roadmap on a phone ---------------------------------------------


def test_resident_reads_the_adopted_roadmap_follows_the_trace_and_downloads_the_pdf(
    new_context, phone, adopted_twice, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    resident = new_context(**phone).new_page()
    resident.goto("/testdal/bloemenwijk/")
    resident.get_by_role("link", name="Lees de hele routekaart").click()

    expect(resident.get_by_role("heading", level=1)).to_have_text("Routekaart Bloemenwijk")
    expect(resident.get_by_role("note")).to_contain_text("Versie 2 is vastgesteld")
    expect(resident.get_by_role("region", name="In het kort")).to_contain_text(
        "Het warmtenet komt in 2028 door de Rozenstraat."
    )
    milestones = resident.get_by_role("table", name="Tussendoelen")
    expect(milestones.get_by_role("row", name=re.compile(rf"^{FIRST}"))).to_contain_text(
        "1 mei 2027"
    )
    # The draft is not public
    main = resident.get_by_role("main")
    expect(main).not_to_contain_text("GEHEIM CONCEPT")
    expect(main).not_to_contain_text("Conceptwaarde")
    expect(main).not_to_contain_text("Conceptnaam van het warmteplan")

    values = resident.get_by_role("region", name="Wat vinden we belangrijk?")
    expect(values.get_by_role("heading", name=VALUE)).to_be_visible()
    expect(values).to_contain_text(OUTCOME)
    values.get_by_role("link", name=SESSION_TITLE).click()

    # "You said, we did"
    expect(resident.get_by_role("heading", level=1)).to_have_text(SESSION_TITLE)
    outcome = resident.get_by_role("listitem").filter(has_text=OUTCOME)
    expect(outcome).to_contain_text(
        f"Dit is opgenomen in de routekaart als kernwaarde: {VALUE} (versie 2)."
    )
    expect(outcome).not_to_contain_text("Conceptwaarde")
    outcome.get_by_role("link", name=action("Bekijk de routekaart", VALUE)).click()
    expect(resident).to_have_url(re.compile(rf"{re.escape(PUBLIC)}#kernwaarde-\d+$"))

    # The PDF
    resident.get_by_role("button", name="Download als PDF").click()
    expect(resident).to_have_url(re.compile(r"/rapporten/\d+/$"))
    expect(resident.get_by_role("heading", level=1)).to_have_text(
        "Routekaart Bloemenwijk, versie 2"
    )
    link = resident.get_by_role("link", name=re.compile(r"^Download het rapport"))
    expect(link).to_be_visible(timeout=30_000)
    with resident.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    response = resident.context.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_report_page_polls_until_the_pdf_is_ready(
    new_context, phone, adopted_twice, settings, tmp_path
):
    """What a resident sees when a worker is busy: the page follows the report by itself."""
    settings.MEDIA_ROOT = tmp_path / "media"
    report = Report.objects.create(
        kind=ROADMAP_REPORT,
        neighbourhood=adopted_twice.neighbourhood,
        subject_id=adopted_twice.latest_version().pk,
    )
    resident = new_context(**phone).new_page()
    resident.goto(f"/rapporten/{report.pk}/")
    status = resident.get_by_role("region", name=re.compile(r"^Status"))
    expect(status).to_contain_text("In de wachtrij")
    expect(status).to_contain_text("Deze pagina ververst vanzelf.")

    assert render_report(report.pk) == "done"  # what the worker does
    # The page asks every 2 s; the HTMX swap is checked with axe as well.
    expect(status).to_contain_text("Uw rapport is klaar.", timeout=10_000)
    link = status.get_by_role("link", name=re.compile(r"^Download het rapport"))
    response = resident.context.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


# --- 3. who may change what -----------------------------------------------------------------


def test_council_member_reads_the_editor_and_history_but_cannot_change_anything(
    page: Page, council_member, adopted_twice, log_in
):
    log_in(page.context, council_member)
    page.goto(EDITOR)
    expect(page.get_by_role("heading", level=1)).to_have_text("Routekaart Bloemenwijk")
    main = page.get_by_role("main")
    expect(main).to_contain_text("U kunt de routekaart lezen, maar niet veranderen.")
    expect(main).to_contain_text("Conceptnaam van het warmteplan")
    edit = re.compile(r"bewerken|toevoegen|Voortgang melden", re.IGNORECASE)
    expect(main.get_by_role("link", name=edit)).to_have_count(0)
    expect(main.get_by_role("button", name=re.compile("Opslaan|Vaststellen"))).to_have_count(0)

    page.goto(HISTORY)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Versies van de routekaart Bloemenwijk"
    )
    expect(page.get_by_role("row", name=re.compile(r"^Versie \d"))).to_have_count(2)
    expect(page.get_by_role("link", name="Vaststellen", exact=True)).to_have_count(0)

    token = csrf_token(page)
    first = Milestone.objects.get(title="Conceptnaam van het warmteplan")
    for url, form in [
        (EDITOR + "samenvatting/", {"summary": "Gekaapt."}),
        (EDITOR + f"tussendoelen/{first.pk}/voortgang/", {"status": "vertraagd"}),
        (
            ADOPT,
            {
                "adopted_by": "raad",
                "decision_date": "2026-11-20",
                "decision_reference": "X",
                "reason": "Y",
            },
        ),
    ]:
        response = page.context.request.post(url, form={"csrfmiddlewaretoken": token, **form})
        assert response.status == 403, url
        assert "CSRF" not in response.text()  # refused for the role, not for the token
    roadmap = Roadmap.objects.get()
    assert roadmap.summary == "GEHEIM CONCEPT: misschien toch waterstof."
    assert roadmap.versions.count() == 2
    assert Milestone.objects.get(pk=first.pk).status == MilestoneStatus.PLANNED


def test_partner_reports_progress_on_their_own_partys_milestone(
    page: Page, partner, municipality, roadmap, milestone_factory, log_in
):
    own = milestone_factory(title=FIRST, baseline_date=datetime.date(2027, 3, 1))
    grid_operator = PartyFactory(municipality=municipality, name="Netbeheerder Testdal")
    other = milestone_factory(title="Hoofdleiding gelegd", owner=grid_operator)

    log_in(page.context, partner)
    page.goto(EDITOR)
    expect(page.get_by_role("main")).to_contain_text(
        "U kunt de ambities van uw eigen partij bijhouden"
    )
    expect(page.get_by_role("link", name=action("Voortgang melden", other.title))).to_have_count(0)
    expect(page.get_by_role("link", name=action("Bewerken", FIRST))).to_have_count(0)
    page.get_by_role("link", name=action("Voortgang melden", FIRST)).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Voortgang: {FIRST}")
    page.get_by_label(label("Verwacht")).fill("2027-06-01")
    page.get_by_label(label("Status")).select_option(label="Vertraagd")
    save(page, "De voortgang is opgeslagen.")
    row = page.get_by_role("row", name=re.compile(rf"^{FIRST}"))
    expect(row).to_contain_text("Vertraagd")
    expect(row).to_contain_text("+92")
    own.refresh_from_db()
    assert own.forecast_date == datetime.date(2027, 6, 1)
    assert own.status == MilestoneStatus.DELAYED
    assert own.baseline_date == datetime.date(2027, 3, 1)

    # Not someone else's milestone
    response = page.context.request.post(
        EDITOR + f"tussendoelen/{other.pk}/voortgang/",
        form={"csrfmiddlewaretoken": csrf_token(page), "status": "vertraagd"},
    )
    assert response.status == 403
    assert "CSRF" not in response.text()


# --- 4. the adopt form by keyboard ----------------------------------------------------------


def test_adopt_form_can_be_filled_in_by_keyboard_with_a_visible_focus(
    page: Page, lead, roadmap, milestone_factory, log_in
):
    milestone = milestone_factory(title=FIRST)
    _adopt(roadmap, 1)
    milestone.baseline_date += datetime.timedelta(days=61)
    milestone.save()

    log_in(page.context, lead)
    page.goto(ADOPT)
    expect(page.get_by_role("heading", level=1)).to_have_text("Routekaart Bloemenwijk vaststellen")

    wanted = {
        "id_adopted_by": False,
        "id_decision_date": False,
        "id_decision_reference": False,
        "id_reason": False,
    }
    without_indicator = []
    trail = []
    for _press in range(150):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        trail.append(focused["id"] or f"{focused['tag']} {focused['text'][:30]}")
        is_submit = focused["tag"] == "BUTTON" and focused["text"] == "Vaststellen"
        # Judge each field where it takes the focus. (A date field has more tab stops: day,
        # month, year and Chromium's calendar button, which draws its own ring.)
        first_arrival = focused["id"] in wanted and not wanted[focused["id"]]
        if (first_arrival or is_submit) and not focused["indicator"]:
            without_indicator.append(focused["id"] or focused["text"])
        if focused["id"] in wanted:
            wanted[focused["id"]] = True
        if is_submit:
            break
    else:
        pytest.fail(f"Tab never reached the Vaststellen button: {trail}")
    assert all(wanted.values()), (wanted, trail)
    order = [stop for stop in dict.fromkeys(trail) if stop in wanted]
    assert order == list(wanted), order
    assert without_indicator == []
