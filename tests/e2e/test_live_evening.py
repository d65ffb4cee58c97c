"""The live evening as a resident sees and hears it on a phone, and as the room sees the beamer.

These tests look at what is on screen, not at the markup: which alerts are visible, where the
focus is, what is in the viewport, how often the live region speaks, whether the presenter
scrolls sideways.
"""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from dialogue.models import Argument, DialogueSession, Participant, Step
from tests.e2e.test_dialogue import give_scores, join_by_qr, prompts_by_side

pytestmark = pytest.mark.e2e

PHONES = {
    "360": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "390": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
POLL_SECONDS = 3  # hx-trigger="every 3s" on the phone's status
ONE_POLL_MS = POLL_SECONDS * 1000 + 1_500  # one poll, with room for the answer

VISIBLE_ALERTS = """() => [...document.querySelectorAll('[role=alert], .utrecht-alert--error')]
    .filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
    .map((el) => el.textContent.trim())"""

IN_VIEWPORT = """(el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0
        && r.right <= window.innerWidth;
}"""


@pytest.fixture
def make_live_session(neighbourhood):
    """Return a function that makes a live session (with the default prompts) in Bloemenwijk."""

    def make() -> DialogueSession:
        session = DialogueSession.objects.create(
            neighbourhood=neighbourhood,
            title="Warmtenet in de Bloemenwijk?",
            proposition="Een warmtenet op lage temperatuur voor de hele wijk.",
            starts_at=timezone.now() + datetime.timedelta(hours=1),
            location="Buurthuis De Linde",
            can_influence="De volgorde van de straten.",
            cannot_influence="Het jaar 2035.",
            status=DialogueSession.Status.SCHEDULED,
        )
        session.add_default_prompts()
        session.open_live()
        return session

    return make


@pytest.fixture
def make_participant():
    def make(session, **kwargs) -> Participant:
        return Participant.objects.create(session=session, token=Participant.new_token(), **kwargs)

    return make


def visible_alerts(page: Page) -> list[str]:
    return page.evaluate(VISIBLE_ALERTS)


def focused_id(page: Page) -> str:
    return page.evaluate("() => document.activeElement?.id || document.activeElement?.tagName")


def add_argument_on(page: Page, side: str, stance: str, text: str) -> None:
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


# --- 1. only true states ---------------------------------------------------------------------


@pytest.mark.parametrize("width", ["360", "390"])
def test_a_fresh_phone_shows_no_alert_and_a_saved_form_none_either(
    new_context, make_live_session, width
):
    session = make_live_session()
    session.move_to(Step.SCORE)
    page = new_context(**PHONES[width]).new_page()
    join_by_qr(page, session.join_code)
    expect(page.get_by_role("heading", name=re.compile("^Nu: Scores geven"))).to_be_visible()
    assert visible_alerts(page) == []
    # No sideways scrolling on a small phone.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= int(width)

    give_scores(page, prompts_by_side(session), {"legitimiteit": 4, "betrokkenheid": 3})
    assert visible_alerts(page) == []
    # The argument form's radio buttons are not drawn as wrong before anyone touched them:
    # an untouched choice looks the same before and after another one in its group is chosen.
    side = page.get_by_role("region", name="Argumenten").get_by_role(
        "group", name=re.compile(r"^Over welke kant")
    )
    untouched = side.get_by_role("radio").nth(1)
    before = untouched.evaluate("(el) => getComputedStyle(el).borderColor")
    side.get_by_role("radio").first.check()
    after = untouched.evaluate("(el) => getComputedStyle(el).borderColor")
    assert before == after, f"an untouched radio is drawn as invalid: {before} before, {after}"
    if width == "360":
        page.screenshot(path="/tmp/i10/phone-360.png", full_page=True)


def test_a_missing_score_is_said_in_view_with_the_focus_on_it(new_context, make_live_session):
    session = make_live_session()
    session.move_to(Step.SCORE)
    page = new_context(**PHONES["360"]).new_page()
    join_by_qr(page, session.join_code)
    button = page.get_by_role("button", name="Scores opslaan")
    button.scroll_into_view_if_needed()
    button.click()
    summary = page.locator("#scores .ww-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Kies bij minstens één vraag een score.")
    assert summary.evaluate(IN_VIEWPORT), "the error summary is not on screen"
    # … and next to the first question.
    first = page.get_by_role("region", name="Uw scores").get_by_role("group").first
    expect(first).to_contain_text("Kies bij minstens één vraag een score.")
    # The only alert on screen is the real one, not "not sent".
    assert all("Niet verstuurd" not in text for text in visible_alerts(page))
    page.screenshot(path="/tmp/i10/phone-360-missing-score.png")


def test_focus_after_saving_scores_and_adding_an_argument(new_context, make_live_session):
    session = make_live_session()
    session.move_to(Step.ARGUMENTS)
    page = new_context(**PHONES["390"]).new_page()
    join_by_qr(page, session.join_code)

    give_scores(page, prompts_by_side(session), {"legitimiteit": 2})
    # Back on the button that saved, with a polite status that says so.
    expect(page.locator("#score-submit")).to_be_focused()
    expect(page.locator("#scores-saved")).to_have_attribute("role", "status")
    expect(page.locator("#scores-saved")).to_contain_text("opgeslagen")

    add_argument_on(page, "Betrokkenheid", "Voor", "De buurt kiest zelf de volgorde.")
    argument = Argument.objects.get(session=session)
    item = page.locator(f"#argument-{argument.pk}")
    expect(item).to_be_focused()
    assert item.evaluate(IN_VIEWPORT), "the new argument is not on screen"
    # From there one Tab reaches its "Eens" button (not 25).
    page.keyboard.press("Tab")
    expect(page.locator(f"#agree-{argument.pk}")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#agree-{argument.pk}")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#agree-{argument.pk}")).to_be_focused()
    assert visible_alerts(page) == []


def test_a_server_error_says_not_sent_and_retry_sends_what_was_typed(
    new_context, make_live_session
):
    session = make_live_session()
    session.move_to(Step.ARGUMENTS)
    page = new_context(**PHONES["390"]).new_page()
    join_by_qr(page, session.join_code)
    text = "Eerst isoleren, dan pas het warmtenet."
    failures = [1]

    def fail_once(route):
        if failures:
            failures.pop()
            route.fulfill(status=502, body="Bad gateway")
        else:
            route.continue_()

    page.route(re.compile(r"/argumenten/$"), fail_once)
    arguments = page.get_by_role("region", name="Argumenten")
    arguments.get_by_role("group", name=re.compile(r"^Over welke kant")).get_by_role(
        "radio", name="Rendement"
    ).check()
    arguments.get_by_role("group", name=re.compile(r"^Voor of tegen")).get_by_role(
        "radio", name="Tegen"
    ).check()
    arguments.get_by_label(re.compile(r"^Uw argument")).fill(text)
    arguments.get_by_role("button", name="Argument toevoegen").click()
    alert = arguments.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Niet verstuurd")
    expect(arguments.get_by_label(re.compile(r"^Uw argument"))).to_have_value(text)
    alert.get_by_role("button", name="Opnieuw versturen").click()
    region = page.get_by_role("region", name="Argumenten")
    expect(region.get_by_role("status")).to_contain_text("Opgeslagen")
    expect(region.get_by_role("listitem").filter(has_text=text)).to_have_count(1)
    assert visible_alerts(page) == []


ANNOUNCEMENTS = """() => {
    window.wwAnnounced = [];
    const region = document.getElementById("step-announcer");
    new MutationObserver(() => window.wwAnnounced.push(region.textContent.trim()))
        .observe(region, {childList: true, characterData: true, subtree: true});
}"""


def test_the_live_region_speaks_once_per_step_and_not_on_new_figures(
    new_context, make_live_session, make_participant
):
    session = make_live_session()
    session.move_to(Step.SCORE)
    session.set_results_revealed(True)
    page = new_context(**PHONES["390"]).new_page()
    join_by_qr(page, session.join_code)
    page.evaluate(ANNOUNCEMENTS)
    prompt = session.prompts.first()
    # New figures arrive over several polls: the table changes, the live region stays silent.
    for value in (2, 4, 5):
        make_participant(session).give_scores([(prompt, value, "")])
        session.forget_results()
        time.sleep(POLL_SECONDS + 0.5)
    expect(page.locator("#status")).to_contain_text("Scores van 3 deelnemers")
    assert page.evaluate("() => window.wwAnnounced") == []
    session.move_to(Step.ARGUMENTS)
    expect(page.locator("#status-heading")).to_have_text("Nu: Argumenten", timeout=ONE_POLL_MS)
    make_participant(session).give_scores([(prompt, 1, "")])
    session.forget_results()
    time.sleep(2 * POLL_SECONDS)
    assert page.evaluate("() => window.wwAnnounced") == ["Nu: Argumenten"]


# --- 2. the session closes; arguments live ---------------------------------------------------


def test_a_closed_session_reaches_the_phone_within_one_poll_and_polling_stops(
    new_context, make_live_session
):
    session = make_live_session()
    page = new_context(**PHONES["360"]).new_page()
    join_by_qr(page, session.join_code)
    expect(page.locator("#status")).to_be_visible()
    polls: list[int] = []
    page.on(
        "response",
        lambda response: "deel=status" in response.url and polls.append(response.status),
    )
    session.close()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("De sessie is afgelopen", timeout=ONE_POLL_MS)
    expect(heading).to_be_focused()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Dank u wel voor het meedoen")
    expect(main.get_by_role("link", name=re.compile("Nog drie korte vragen"))).to_be_visible()
    expect(main.get_by_role("link", name="Naar de pagina van Bloemenwijk")).to_be_visible()
    expect(main.get_by_role("button")).to_have_count(0)  # no form left to fill in
    page.screenshot(path="/tmp/i10/phone-360-closed.png")
    answered = len(polls)
    time.sleep(2 * POLL_SECONDS + 0.5)
    assert polls[answered - 1 :] == [286], f"the phone went on polling: {polls}"


def test_a_new_argument_arriving_keeps_the_focus_where_the_resident_is(
    new_context, make_live_session
):
    # The poll replaces the whole argument list out of band: a keyboard or screen-reader user on
    # one of its buttons must stay there when another phone's argument comes in.
    session = make_live_session()
    session.move_to(Step.ARGUMENTS)
    phone_a = new_context(**PHONES["360"]).new_page()
    join_by_qr(phone_a, session.join_code)
    phone_b = new_context(**PHONES["390"]).new_page()
    join_by_qr(phone_b, session.join_code)

    add_argument_on(phone_a, "Legitimiteit", "Voor", "Eerst de huurders, dan de rest.")
    mine = Argument.objects.get(session=session)
    expect(phone_a.locator(f"#argument-{mine.pk}")).to_be_focused()
    phone_a.keyboard.press("Tab")
    expect(phone_a.locator(f"#agree-{mine.pk}")).to_be_focused()

    other = "Zonder subsidie doet niemand mee."
    add_argument_on(phone_b, "Rendement", "Tegen", other)
    expect(
        phone_a.locator("#argument-list").get_by_role("listitem").filter(has_text=other)
    ).to_have_count(1, timeout=ONE_POLL_MS + 2_000)
    expect(phone_a.locator(f"#agree-{mine.pk}")).to_be_focused()
    assert focused_id(phone_a) == f"agree-{mine.pk}"


def test_arguments_votes_and_moderation_reach_the_other_phones(
    new_context, make_live_session, lead
):
    session = make_live_session()
    session.move_to(Step.ARGUMENTS)
    phone_a = new_context(**PHONES["360"]).new_page()
    join_by_qr(phone_a, session.join_code)
    phone_b = new_context(**PHONES["390"]).new_page()
    join_by_qr(phone_b, session.join_code)

    first = "De gemeente legt elke stap uit op de wijkavond."
    add_argument_on(phone_a, "Legitimiteit", "Voor", first)
    list_b = phone_b.locator("#argument-list")
    started = time.monotonic()
    expect(list_b.get_by_role("listitem").filter(has_text=first)).to_have_count(
        1, timeout=ONE_POLL_MS + 2_000
    )
    arrived = time.monotonic() - started
    assert arrived < 5, f"the argument took {arrived:.1f} s to reach the other phone"
    # On phone B it is not marked as B's own; on phone A it still is, after A's next polls.
    expect(list_b.get_by_role("listitem").filter(has_text=first)).not_to_contain_text("(van u)")

    argument = Argument.objects.get(text=first)
    phone_b.locator(f"#disagree-{argument.pk}").click()
    expect(phone_b.locator(f"#disagree-{argument.pk}")).to_have_attribute("aria-pressed", "true")
    expect(phone_a.locator(f"#disagree-{argument.pk}")).to_contain_text(
        "(1)", timeout=ONE_POLL_MS + 2_000
    )
    expect(phone_a.locator(f"#argument-{argument.pk}")).to_contain_text("(van u)")
    expect(phone_a.locator(f"#disagree-{argument.pk}")).to_have_attribute("aria-pressed", "false")
    phone_a.locator("#argument-list").screenshot(path="/tmp/i10/phone-360-arguments.png")
    # Phone B keeps its pressed vote through the polls that follow.
    time.sleep(POLL_SECONDS + 0.5)
    expect(phone_b.locator(f"#disagree-{argument.pk}")).to_have_attribute("aria-pressed", "true")

    # The lead hides it: it disappears from the phones; a vote that was on its way is told.
    phone_b.route(
        re.compile(r"/stem/$"),
        lambda route: (argument.hide(by=lead, reason="Persoonlijk"), route.continue_()),
    )
    phone_b.locator(f"#agree-{argument.pk}").click()
    message = phone_b.locator("#argument-list").get_by_role("status")
    expect(message).to_contain_text("weggehaald door de gespreksleider")
    expect(message).to_be_focused()
    expect(phone_b.locator(f"#argument-{argument.pk}")).to_have_count(0)
    session.forget_results()
    expect(phone_a.locator(f"#argument-{argument.pk}")).to_have_count(0, timeout=ONE_POLL_MS)
    assert visible_alerts(phone_a) == []


# --- 4. the beamer ---------------------------------------------------------------------------

BEAMERS = {"1024x768": (1024, 768), "1280x800": (1280, 800), "1920x1080": (1920, 1080)}

OVERFLOW = """() => {
    const page = document.documentElement;
    const wide = [...document.querySelectorAll("main *")].filter((el) => {
        if (el.closest("svg") || el.closest(".ww-chart__plot")) return false;
        const style = getComputedStyle(el);
        if (style.display === "none" || el.closest(".ww-visually-hidden")) return false;
        const r = el.getBoundingClientRect();
        return r.right > window.innerWidth + 1 || r.left < -1
            || el.scrollWidth > el.clientWidth + 1 && /(auto|scroll|hidden)/.test(style.overflowX);
    }).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return {scrollWidth: page.scrollWidth, width: window.innerWidth, wide};
}"""

CHART_LABELS_INSIDE = """() => {
    const plot = document.querySelector(".ww-chart__plot");
    const box = plot.getBoundingClientRect();
    return [...plot.querySelectorAll("svg text")].filter((t) => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1
            || r.top < box.top - 1 || r.bottom > box.bottom + 1);
    }).map((t) => t.textContent);
}"""


def a_busy_evening(session, make_participant) -> None:
    """Twelve residents scored (four changed a score later), six long arguments with votes,
    results revealed."""
    prompts = list(session.prompts.all())
    people = [make_participant(session) for _ in range(12)]
    for i, person in enumerate(people):
        person.give_scores([(p, 1 + (i + j) % 5, "") for j, p in enumerate(prompts)])
    for person in people[:4]:  # four changed their minds during the talk
        person.give_scores([(prompts[0], 5, "")])
    texts = [
        "De aansluitkosten zijn te hoog voor huurders met een klein inkomen in de Bloemenwijk.",
        "De gemeente legt elke stap uit op de wijkavond en op de website, ook in gewone taal.",
        "Wie huurt, moet ook mee kunnen beslissen over de volgorde van de straten.",
        "Eerst de isolatie van de oudere huizen op orde, dan pas het warmtenet aanleggen.",
        "Het warmtebedrijf moet beloven dat de prijs niet hoger wordt dan de gasrekening.",
        "Ondernemers in de winkelstraat willen weten wanneer de straat open gaat.",
    ]
    sides = ["legitimiteit", "betrokkenheid", "rendement"]
    for i, text in enumerate(texts):
        argument = Argument.objects.create(
            session=session, participant=people[i], side=sides[i % 3], stance="voor", text=text
        )
        for person in people[: 3 + i]:
            person.vote(argument, agrees=(i + person.pk) % 2 == 0)
    session.move_to(Step.DISCUSS)
    session.set_results_revealed(True)
    session.forget_results()


@pytest.mark.parametrize("size", list(BEAMERS))
def test_the_presenter_fits_a_beamer_and_has_a_high_contrast_option(
    new_context, make_live_session, make_participant, lead, log_in, size
):
    session = make_live_session()
    a_busy_evening(session, make_participant)
    width, height = BEAMERS[size]
    context = new_context(viewport={"width": width, "height": height})
    log_in(context, lead)
    page = context.new_page()
    page.goto(f"/beheer/testdal/sessies/{session.pk}/presentatie/")
    results = page.get_by_role("region", name="Resultaten")
    expect(results).to_be_visible()
    page.wait_for_selector(".ww-chart__plot svg text")
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= width, f"the presenter scrolls sideways at {size}: {found}"
    assert found["wide"] == [], f"cut off or scrolling at {size}: {found['wide']}"
    assert page.evaluate(CHART_LABELS_INSIDE) == [], f"chart labels cut off at {size}"
    # Large type: the smallest text on the results is still readable from the back.
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll(
            ".ww-presenter__results :is(p, td, th, li, caption, span)")]
            .filter((el) => el.offsetParent !== null && el.textContent.trim())
            .map((el) => parseFloat(getComputedStyle(el).fontSize)))"""
    )
    assert smallest >= 15, f"text of {smallest}px on the beamer at {size}"
    expect(page.locator(".ww-presenter__step")).to_have_css(
        "font-size", re.compile(r"^(2[4-9]|[3-9]\d)(\.\d+)?px$")
    )
    # The sides in words, as on the phones.
    expect(results).to_contain_text("Is het eerlijk, open en volgens de regels?")
    if size == "1024x768":
        page.screenshot(path="/tmp/i10/presenter-1024x768.png")
        page.screenshot(path="/tmp/i10/presenter-1024x768-full.png", full_page=True)

    # High contrast: a toggle, remembered in this browser.
    toggle = page.get_by_role("button", name="Hoog contrast")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("body")).to_have_css("background-color", "rgb(0, 0, 0)")
    page.reload()
    expect(page.get_by_role("button", name="Hoog contrast")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("body")).to_have_css("background-color", "rgb(0, 0, 0)")
    page.wait_for_selector(".ww-chart__plot svg text")
    assert page.evaluate(OVERFLOW)["wide"] == []
    if size == "1024x768":
        page.screenshot(path="/tmp/i10/presenter-1024x768-contrast.png")
    # … and from the address, for a beamer laptop without a mouse at hand.
    page.goto(f"/beheer/testdal/sessies/{session.pk}/presentatie/?contrast=0")
    expect(page.locator("body")).to_have_css("background-color", "rgb(255, 255, 255)")
