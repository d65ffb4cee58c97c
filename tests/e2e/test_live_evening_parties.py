"""A whole live evening with thirty phones in real Chromium contexts at 360 and 390 px, two of
them representatives of invited parties, and two propositions put to the same triangle: from
joining to the closing screen, with the lead locking the room once everyone is in.

What a person perceives: no alert that is not true, every argument on every phone within five
seconds, the balance between the parties as the results' headline, the propositions side by
side, the closing screen on every phone. axe runs on every document and every HTMX swap that a
test touches (tests/e2e/conftest.py).
"""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from dialogue.models import DialogueSession, Participant, Perspective, Score
from tests.e2e.test_live_evening import PHONES, visible_alerts
from tests.factories import PartyFactory
from wup.models import AuditEntry, PartyType

pytestmark = pytest.mark.e2e

TITLE = "Warmtenet of warmtepomp in de Bloemenwijk?"
FIRST = "Een warmtenet op lage temperatuur voor de hele wijk."
SECOND = "Iedere woning een eigen warmtepomp."
PHONE_COUNT = 30
ARRIVAL_SECONDS = 5

# Each phone notes, in its own clock (the same machine's), when a text first shows in its list.
WATCH = """(texts) => {
    window.wwArrived = {};
    const look = () => {
        const list = document.querySelector("#argument-list");
        for (const text of texts) {
            if (!(text in window.wwArrived) && list && list.textContent.includes(text)) {
                window.wwArrived[text] = Date.now();
            }
        }
    };
    new MutationObserver(look).observe(document.body, {childList: true, subtree: true});
    look();
}"""


@pytest.fixture
def evening(neighbourhood, party):
    municipality_party = PartyFactory(
        municipality=neighbourhood.municipality,
        name="Gemeente Testdal",
        party_type=PartyType.MUNICIPALITY,
    )
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title=TITLE,
        proposition=FIRST,
        proposition_2=SECOND,
        starts_at=timezone.now() + datetime.timedelta(hours=1),
        location="Buurthuis De Linde",
        can_influence="De volgorde van de straten.",
        cannot_influence="Het jaar 2035.",
        status=DialogueSession.Status.SCHEDULED,
    )
    session.add_default_prompts()
    session.invited_parties.set([party, municipality_party])
    session.open_live()
    return session, party, municipality_party


def join(page: Page, code: str) -> None:
    page.goto(f"/doe-mee/{code}/")
    page.get_by_role("button", name="Meedoen").click()
    expect(page).to_have_url(re.compile(rf"/doe-mee/{code}/meedoen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def use_party_code(page: Page, code: str, party_name: str, perspective: str) -> None:
    about = page.get_by_role("region", name="Over u")
    about.get_by_text("Bent u hier namens een organisatie?").click()
    about.get_by_label("Partijcode").fill(code)
    about.get_by_role("button", name="Code gebruiken").click()
    about = page.get_by_role("region", name="Over u")
    expect(about.get_by_role("status")).to_have_text(
        f"Dank u. U geeft nu scores namens {party_name}."
    )
    expect(about).to_contain_text(f"U geeft scores namens {party_name} ({perspective}).")


def score_both(page: Page, first: int, second: int) -> None:
    scores = page.get_by_role("region", name="Uw scores")
    for number, value in ((1, first), (2, second)):
        group = scores.get_by_role("group", name=re.compile(rf"^Voorstel {number}:"))
        group.get_by_role("group", name=re.compile(r"^Wat levert deze oplossing op")).get_by_role(
            "radio", name=str(value), exact=True
        ).check()
    scores.get_by_role("button", name="Scores opslaan").click()
    expect(page.get_by_role("region", name="Uw scores").get_by_role("status")).to_contain_text(
        "Uw scores zijn opgeslagen."
    )


def add_argument(page: Page, side: str, stance: str, text: str) -> None:
    arguments = page.get_by_role("region", name="Argumenten")
    arguments.get_by_role("group", name=re.compile(r"^Over welke kant")).get_by_role(
        "radio", name=re.compile(rf"^{side}")
    ).check()
    arguments.get_by_role("group", name=re.compile(r"^Voor of tegen")).get_by_role(
        "radio", name=stance
    ).check()
    arguments.get_by_label(re.compile(r"^Uw argument")).fill(text)
    arguments.get_by_role("button", name="Argument toevoegen").click()
    expect(page.get_by_role("region", name="Argumenten").get_by_role("status")).to_contain_text(
        "Opgeslagen"
    )


def step(lead: Page, name: str) -> None:
    lead.get_by_role("button", name=re.compile(rf"^\d\. {name}$")).click()
    expect(lead.get_by_role("button", name=re.compile(rf"^\d\. {name}$"))).to_have_attribute(
        "aria-current", "step"
    )


def no_false_alerts(phones: list[Page]) -> None:
    for i, page in enumerate(phones):
        assert visible_alerts(page) == [], f"phone {i} shows an alert: {visible_alerts(page)}"


# Thirty browsers that each load two documents checked by axe take minutes on a small machine.
@pytest.mark.timeout(1200)
def test_thirty_phones_two_parties_two_propositions_from_join_to_close(
    new_context, evening, lead, log_in
):
    session, corporation, municipality = evening
    lead_context = new_context(viewport={"width": 1024, "height": 768})
    log_in(lead_context, lead)
    control = lead_context.new_page()
    control.goto(f"/beheer/testdal/sessies/{session.pk}/")
    codes = control.get_by_role("region", name="Partijcodes")
    expect(codes).to_contain_text(session.party_code(corporation))
    expect(codes).to_contain_text(session.party_code(municipality))
    control.goto(f"/beheer/testdal/sessies/{session.pk}/regie/")

    phones: list[Page] = []
    for i in range(PHONE_COUNT):
        page = new_context(**PHONES["360" if i % 2 == 0 else "390"]).new_page()
        join(page, session.join_code)
        phones.append(page)
    assert Participant.objects.filter(session=session).count() == PHONE_COUNT

    # The lead sees them come in, and locks the room.
    room = control.get_by_role("region", name="Wie komt er binnen")
    expect(room).to_contain_text("30 deelnemers in totaal", timeout=7_000)
    room.get_by_role("button", name="Op slot zetten").click()
    expect(control.get_by_text("De sessie is op slot")).to_be_visible()
    expect(control.get_by_role("region", name="Wie komt er binnen")).to_contain_text("Op slot:")
    control.screenshot(path="/tmp/i10/control-room-locked.png", full_page=True)
    assert AuditEntry.objects.filter(action="lock", object_id=str(session.pk)).exists()
    latecomer = new_context(**PHONES["360"]).new_page()
    latecomer.goto(f"/doe-mee/{session.join_code}/")
    # The message is next to the code field, and in the summary of errors above the form.
    expect(latecomer.locator(".ww-error-message__text")).to_contain_text(
        "Deze sessie is gesloten voor nieuwe deelnemers: iedereen is binnen."
    )
    expect(
        latecomer.get_by_role("link", name=re.compile("^Code: Deze sessie is gesloten"))
    ).to_be_visible()
    latecomer.screenshot(path="/tmp/i10/phone-360-locked.png")
    assert Participant.objects.filter(session=session).count() == PHONE_COUNT

    # Two representatives score as their party.
    use_party_code(phones[0], session.party_code(corporation), corporation.name, "Markt")
    use_party_code(phones[1], session.party_code(municipality), municipality.name, "Overheid")
    assert {p.party_id: p.perspective for p in session.participants.exclude(party=None)} == {
        corporation.pk: Perspective.MARKET,
        municipality.pk: Perspective.GOVERNMENT,
    }

    step(control, "Scores geven")
    for i, page in enumerate(phones):
        expect(page.get_by_role("heading", name=re.compile("^Nu: Scores geven"))).to_be_visible(
            timeout=7_000
        )
        # Residents like the heat network's return; the municipality much less; all of them
        # the heat pump less than the heat network.
        score_both(page, 2 if i == 1 else 4 + i % 2, 2 + i % 2)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= (
            360 if i % 2 == 0 else 390
        )
    phones[0].get_by_role("region", name="Uw scores").screenshot(
        path="/tmp/i10/phone-360-two-propositions.png"
    )
    assert Score.objects.filter(participant__session=session).count() == 2 * PHONE_COUNT
    no_false_alerts(phones)

    # Arguments: every argument on every phone within five seconds.
    step(control, "Argumenten")
    texts = [
        "Het warmtenet is goedkoper voor de hele straat.",
        "Een warmtepomp kan ik zelf regelen.",
        "De gemeente moet de aansluitkosten eerlijk verdelen.",
    ]
    for page in phones:
        expect(page.get_by_role("heading", name=re.compile("^Nu: Argumenten"))).to_be_visible(
            timeout=7_000
        )
        page.evaluate(WATCH, texts)
    sent = {}
    for author, (side, stance, text) in zip(
        (phones[2], phones[3], phones[1]),
        [
            ("Rendement", "Voor", texts[0]),
            ("Betrokkenheid", "Tegen", texts[1]),
            ("Legitimiteit", "Voor", texts[2]),
        ],
        strict=True,
    ):
        add_argument(author, side, stance, text)
        sent[text] = time.time() * 1000
    for i, page in enumerate(phones):
        for text in texts:
            expect(page.locator("#argument-list")).to_contain_text(text, timeout=8_000)
        arrived = page.evaluate("() => window.wwArrived")
        late = {t: (arrived[t] - sent[t]) / 1000 for t in texts if arrived[t] - sent[t] > 5_000}
        assert not late, f"phone {i}: arguments arrived after more than 5 s: {late}"
    no_false_alerts(phones)

    # Results: the balance between the parties is the headline; the propositions side by side.
    control.get_by_role("button", name="Resultaten tonen").click()
    for page in phones[:3] + phones[-2:]:
        status = page.locator("#status")
        expect(status).to_contain_text("De voorstellen naast elkaar", timeout=7_000)
        expect(status.locator("[data-headline]").first).to_contain_text(
            "De overheid scoort rendement veel lager dan de samenleving."
        )
    phones[1].locator("#status").screenshot(path="/tmp/i10/phone-390-results-compare.png")
    presenter = lead_context.new_page()
    presenter.goto(f"/beheer/testdal/sessies/{session.pk}/presentatie/")
    expect(presenter.get_by_role("region", name="Resultaten")).to_contain_text(
        "De voorstellen naast elkaar"
    )
    assert presenter.evaluate("() => document.documentElement.scrollWidth") <= 1024
    presenter.screenshot(path="/tmp/i10/presenter-1024-compare.png", full_page=True)
    no_false_alerts(phones)

    # Closing: every phone shows the closing screen.
    control.bring_to_front()
    control.get_by_role("button", name="Sessie afsluiten").click()
    for i, page in enumerate(phones):
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "De sessie is afgelopen", timeout=7_000
        )
        expect(page.get_by_role("main")).to_contain_text("Dank u wel voor het meedoen")
    no_false_alerts(phones)
    phones[0].screenshot(path="/tmp/i10/phone-360-closed-parties.png")
