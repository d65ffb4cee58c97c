"""The live dialogue in the browser: the lead's laptop, the projector and residents' phones.

One journey runs four browser contexts at once (lead, presenter, two phones) from planning a
session to its public summary; the others cover a phone used by keyboard only, a phone that
loses its connection, and a phone without JavaScript.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, expect

from dialogue.models import Argument, DialogueSession, Participant, Score, Side, Step
from wup.qr import qr_svg

pytestmark = pytest.mark.e2e

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}

# The presenter polls every 2 s and the phones every 3 s: allow a couple of rounds.
PRESENTER_FOLLOWS = 6_000
PHONE_FOLLOWS = 8_000

TITLE = "Warmtenet in de Bloemenwijk?"
ARGUMENT_A = "De gemeente legt elke stap uit op de wijkavond."
ARGUMENT_B = "De aansluitkosten zijn te hoog voor huurders."
NAME_A = "Annemiek Jansen"
NAME_B = "Karim Bouzid"
HIDE_REASON = "Hoort niet bij het onderwerp"
OUTCOME = "De aansluitkosten voor huurders worden niet hoger dan de huidige gasrekening."
SUMMARY = "Bewoners vinden het proces open, maar maken zich zorgen over de kosten voor huurders."

FOCUS_INDICATOR = """(el) => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
}"""


# --- helpers ------------------------------------------------------------------------------


@pytest.fixture
def make_live_session(neighbourhood):
    """Return a function that makes a live session (with the default prompts) in Bloemenwijk."""

    def make(**kwargs) -> DialogueSession:
        defaults = {
            "neighbourhood": neighbourhood,
            "title": TITLE,
            "proposition": "Een warmtenet op lage temperatuur voor de hele wijk.",
            "starts_at": timezone.now() + datetime.timedelta(hours=1),
            "location": "Buurthuis De Linde",
            "can_influence": "De volgorde van de straten.",
            "cannot_influence": "Het jaar 2035.",
            "status": DialogueSession.Status.SCHEDULED,
        }
        session = DialogueSession.objects.create(**{**defaults, **kwargs})
        session.add_default_prompts()
        session.open_live()
        return session

    return make


def prompts_by_side(session: DialogueSession) -> dict[str, str]:
    return {prompt.side: prompt.text for prompt in session.prompts.all()}


def join_with_code(page: Page, code: str) -> None:
    page.goto("/doe-mee/")
    page.get_by_label(re.compile(r"^Code")).fill(code)
    page.get_by_role("button", name="Meedoen").click()
    expect(page).to_have_url(re.compile(rf"/doe-mee/{code}/meedoen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def join_by_qr(page: Page, code: str) -> None:
    page.goto(f"/doe-mee/{code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="Meedoen").click()
    expect(page).to_have_url(re.compile(rf"/doe-mee/{code}/meedoen/"))


def fill_profile(page: Page, name: str, group: str) -> None:
    about = page.get_by_role("region", name="Over u")
    about.get_by_label(re.compile(r"^Naam")).fill(name)
    about.get_by_role("radio", name=group, exact=True).check()
    about.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("region", name="Over u").get_by_role("status")).to_have_text(
        "Dank u. Uw gegevens zijn opgeslagen."
    )


def give_scores(page: Page, prompts: dict[str, str], values: dict[str, int]) -> None:
    scores = page.get_by_role("region", name="Uw scores")
    for side, value in values.items():
        scores.get_by_role("group", name=prompts[side]).get_by_role(
            "radio", name=str(value), exact=True
        ).check()
    scores.get_by_role("button", name="Scores opslaan").click()
    expect(page.get_by_role("region", name="Uw scores").get_by_role("status")).to_contain_text(
        "Uw scores zijn opgeslagen."
    )


def add_argument(page: Page, side: str, stance: str, text: str) -> None:
    arguments = page.get_by_role("region", name="Argumenten")
    arguments.get_by_role("group", name=re.compile(r"^Over welke kant")).get_by_role(
        "radio", name=side
    ).check()
    arguments.get_by_role("group", name=re.compile(r"^Voor of tegen")).get_by_role(
        "radio", name=stance
    ).check()
    arguments.get_by_label(re.compile(r"^Uw argument")).fill(text)
    arguments.get_by_role("button", name="Argument toevoegen").click()
    region = page.get_by_role("region", name="Argumenten")
    expect(region.get_by_role("status")).to_have_text(
        "Opgeslagen. Uw argument staat nu in de lijst."
    )
    expect(region.get_by_role("listitem").filter(has_text=text)).to_contain_text("(van u)")


def vote(page: Page, text: str, choice: str) -> None:
    item = (
        page.get_by_role("region", name="Argumenten").get_by_role("listitem").filter(has_text=text)
    )
    item.get_by_role("button", name=re.compile(rf"^{choice} ")).click()
    pressed = (
        page.get_by_role("region", name="Argumenten")
        .get_by_role("listitem")
        .filter(has_text=text)
        .get_by_role("button", name=re.compile(rf"^{choice} "))
    )
    expect(pressed).to_have_attribute("aria-pressed", "true")


def move_to_step(control: Page, label: str) -> None:
    control.get_by_role("button", name=re.compile(rf"^\d\. {label}$")).click()
    expect(control.get_by_role("button", name=re.compile(rf"^\d\. {label}$"))).to_have_attribute(
        "aria-current", "step"
    )


def mean_cell(table_scope: Locator, side_label: str) -> Locator:
    """The 'Gemiddeld' cell of a side's row in the results table."""
    row = table_scope.get_by_role("row").filter(
        has=table_scope.page.get_by_role("rowheader", name=side_label, exact=True)
    )
    return row.get_by_role("cell").nth(1)


def expect_means(scope: Locator, means: dict[str, str]) -> None:
    for side_label, mean in means.items():
        expect(mean_cell(scope, side_label)).to_have_text(re.compile(rf"^{mean}$"))


def copy_login(source: BrowserContext, target: BrowserContext) -> None:
    """The lead opens the presenter view in a second window: the same login."""
    target.add_cookies(source.cookies())


# --- 1. the whole live session, four contexts ------------------------------------------------


def test_a_live_session_from_planning_to_the_public_summary(
    new_context, phone, lead, neighbourhood, log_in, live_server
):
    # The lead plans the session on a laptop, through the form.
    lead_context = new_context(**LAPTOP)
    log_in(lead_context, lead)
    control = lead_context.new_page()
    control.goto("/beheer/testdal/sessies/")
    control.get_by_role("link", name="Sessie plannen").click()
    expect(control.get_by_role("heading", level=1)).to_have_text("Dialoogsessie plannen")
    control.get_by_label(re.compile(r"^Wijk")).select_option(label="Bloemenwijk")
    control.get_by_label(re.compile(r"^Titel")).fill(TITLE)
    control.get_by_label(re.compile(r"^Wat we toetsen")).fill(
        "Een warmtenet op lage temperatuur voor de hele wijk."
    )
    starts = timezone.localtime() + datetime.timedelta(hours=1)
    control.get_by_label(re.compile(r"^Datum en tijd")).fill(starts.strftime("%Y-%m-%dT%H:%M"))
    control.get_by_label(re.compile(r"^Plaats")).fill("Buurthuis De Linde")
    control.get_by_label(re.compile(r"^Waar deelnemers invloed op hebben")).fill(
        "De volgorde van de straten."
    )
    control.get_by_label(re.compile(r"^Waar deelnemers geen invloed op hebben")).fill(
        "Het jaar 2035."
    )
    control.get_by_role("button", name="Opslaan").click()
    expect(control.get_by_role("status")).to_contain_text("De sessie is aangemaakt.")
    expect(control.get_by_role("heading", level=1)).to_have_text(TITLE)
    session = DialogueSession.objects.get(title=TITLE)
    prompts = prompts_by_side(session)
    assert set(prompts) == set(Side)

    # ... and starts it live: the control view opens with the join code.
    control.get_by_role("button", name="Sessie live starten").click()
    expect(control.get_by_role("heading", level=1)).to_have_text(f"Regie: {TITLE}")
    session.refresh_from_db()
    code = session.join_code
    assert session.status == DialogueSession.Status.LIVE and re.fullmatch(r"\d{6}", code)
    expect(control.locator(".ww-code")).to_have_text(code)

    # The presenter view on the projector shows the code and a QR code for /doe-mee/<code>/.
    presenter_context = new_context(**PROJECTOR)
    copy_login(lead_context, presenter_context)
    presenter = presenter_context.new_page()
    presenter.goto(f"/beheer/testdal/sessies/{session.pk}/presentatie/")
    expect(presenter.get_by_role("heading", level=1)).to_have_text(TITLE)
    join_region = presenter.get_by_role("region", name="Meedoen")
    expect(join_region).to_contain_text(code)
    expect(join_region).to_contain_text(f"{live_server.url}/doe-mee/")
    qr = presenter.get_by_role("img", name="QR-code om mee te doen")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box and box["width"] >= 200, f"the QR code is too small to scan: {box}"
    shown = qr.locator("svg path.qrline").get_attribute("d")
    expected = re.search(
        r'class="qrline"[^>]* d="([^"]+)"', qr_svg(f"{live_server.url}/doe-mee/{code}/")
    )
    assert expected and shown == expected.group(1), "the QR code does not encode /doe-mee/<code>/"
    step = presenter.locator(".ww-presenter__step")
    expect(step).to_contain_text("Nu: Welkom")
    expect(step).to_contain_text("0 deelnemers")
    presenter.evaluate("() => { window.wwSameDocument = true; }")

    # Two phones join: one types the code, one follows the QR code.
    phone_a = new_context(**phone).new_page()
    join_with_code(phone_a, code)
    phone_b = new_context(**phone).new_page()
    join_by_qr(phone_b, code)
    expect(step).to_contain_text("2 deelnemers", timeout=PRESENTER_FOLLOWS)

    fill_profile(phone_a, NAME_A, "Eigenaar-bewoner")
    fill_profile(phone_b, NAME_B, "Huurder")

    # Scores: the presenter and the phones follow the lead's steps without a reload.
    move_to_step(control, "Scores geven")
    expect(step).to_contain_text("Nu: Scores geven", timeout=PRESENTER_FOLLOWS)
    expect(phone_a.locator("#status")).to_contain_text("Nu: Scores geven", timeout=PHONE_FOLLOWS)
    give_scores(phone_a, prompts, {Side.LEGITIMACY: 4, Side.ENGAGEMENT: 3, Side.RETURN: 2})
    give_scores(phone_b, prompts, {Side.LEGITIMACY: 2, Side.ENGAGEMENT: 5, Side.RETURN: 4})

    # Arguments: each adds one and reacts to the other's.
    move_to_step(control, "Argumenten")
    expect(step).to_contain_text("Nu: Argumenten", timeout=PRESENTER_FOLLOWS)
    add_argument(phone_a, "Legitimiteit", "Voor", ARGUMENT_A)
    add_argument(phone_b, "Rendement", "Tegen", ARGUMENT_B)
    vote(phone_b, ARGUMENT_A, "Oneens")
    phone_a.reload()
    vote(phone_a, ARGUMENT_B, "Eens")
    argument_a = Argument.objects.get(text=ARGUMENT_A)
    argument_b = Argument.objects.get(text=ARGUMENT_B)

    move_to_step(control, "Bespreken")
    expect(step).to_contain_text("Nu: Bespreken", timeout=PRESENTER_FOLLOWS)
    move_to_step(control, "Uitkomsten")
    expect(step).to_contain_text("Nu: Uitkomsten", timeout=PRESENTER_FOLLOWS)
    assert presenter.evaluate("() => window.wwSameDocument") is True, "the presenter reloaded"

    # The reveal: the projector shows the figures and the arguments with their reactions.
    expect(presenter.get_by_role("region", name="Resultaten")).to_have_count(0)
    control.get_by_role("button", name="Resultaten tonen").click()
    expect(control.get_by_role("button", name="Resultaten weer verbergen")).to_be_visible()
    results = presenter.get_by_role("region", name="Resultaten")
    expect(results).to_be_visible(timeout=PRESENTER_FOLLOWS)
    expect(step).to_contain_text("2 deelnemers")
    expect(results.get_by_role("table")).to_contain_text("Scores van 2 deelnemers")
    expect_means(results, {"Legitimiteit": "3,0", "Betrokkenheid": "4,0", "Rendement": "3,0"})
    expect(results.get_by_role("listitem").filter(has_text=ARGUMENT_A)).to_contain_text(
        "0 eens, 1 oneens"
    )
    expect(results.get_by_role("listitem").filter(has_text=ARGUMENT_B)).to_contain_text(
        "1 eens, 0 oneens"
    )
    expect(presenter.locator("body")).not_to_contain_text(NAME_A)
    expect(presenter.locator("body")).not_to_contain_text(NAME_B)
    assert presenter.evaluate("() => window.wwSameDocument") is True, "the presenter reloaded"
    status_b = phone_b.locator("#status")
    expect(status_b).to_contain_text("Wat de groep vindt", timeout=PHONE_FOLLOWS)
    expect_means(status_b, {"Legitimiteit": "3,0", "Betrokkenheid": "4,0", "Rendement": "3,0"})

    # Moderation: the lead hides phone A's argument with a reason.
    moderation = control.locator("#moderation")
    item = moderation.get_by_role("listitem").filter(has_text=ARGUMENT_A)
    item.get_by_label("Reden om te verbergen").fill(HIDE_REASON)
    item.get_by_role("button", name="Verbergen").click()
    expect(
        control.locator("#moderation").get_by_role("listitem").filter(has_text=ARGUMENT_A)
    ).to_contain_text(f"Verborgen: {HIDE_REASON}")
    argument_a.refresh_from_db()
    assert argument_a.hidden and argument_a.hidden_reason == HIDE_REASON
    phone_b.reload()
    phone_arguments = phone_b.get_by_role("region", name="Argumenten")
    expect(phone_arguments).to_contain_text(ARGUMENT_B)
    expect(phone_arguments).not_to_contain_text(ARGUMENT_A)
    expect(results.get_by_role("listitem").filter(has_text=ARGUMENT_A)).to_have_count(
        0, timeout=PRESENTER_FOLLOWS
    )

    # The staff session view keeps it, marked as hidden.
    control.get_by_role("link", name="Terug naar de sessie").click()
    expect(control.get_by_role("heading", level=1)).to_have_text(TITLE)
    hidden = control.locator(f"#argument-{argument_a.pk}")
    expect(hidden).to_contain_text(ARGUMENT_A)
    expect(hidden).to_contain_text(f"Verborgen: {HIDE_REASON}")
    expect(hidden).to_have_class(re.compile(r"\bww-argument--hidden\b"))
    expect(control.locator(f"#argument-{argument_b.pk}")).not_to_contain_text("Verborgen")

    # An outcome: a kader, backed by phone B's argument.
    control.get_by_role("link", name="Uitkomst toevoegen").click()
    expect(control.get_by_role("heading", level=1)).to_have_text("Uitkomst toevoegen")
    control.get_by_label(re.compile(r"^Soort")).select_option(label="Kader")
    control.get_by_label(re.compile(r"^Uitkomst")).fill(OUTCOME)
    control.get_by_label("Hierover zijn we het eens").check()
    backing = control.get_by_role("group", name=re.compile(r"^Onderbouwd met"))
    expect(backing.get_by_role("checkbox")).to_have_count(1)  # the hidden one is not offered
    backing.get_by_role("checkbox", name=f"Rendement (tegen): {ARGUMENT_B}").check()
    control.get_by_role("button", name="Opslaan").click()
    expect(control.get_by_role("status")).to_contain_text("De uitkomst is opgeslagen.")
    outcome = session.outcomes.get()
    assert outcome.kind == "kader" and list(outcome.arguments.all()) == [argument_b]

    # Closing: the code stops working; a phone sees that the session is over.
    control.get_by_role("link", name="Naar de regie").click()
    control.get_by_role("button", name="Sessie afsluiten").click()
    expect(control.get_by_role("heading", level=1)).to_have_text(TITLE)
    session.refresh_from_db()
    assert session.status == DialogueSession.Status.CLOSED
    expect(presenter.locator("#live")).to_contain_text(
        "Deze sessie is afgesloten", timeout=PRESENTER_FOLLOWS
    )
    phone_a.reload()
    expect(phone_a.get_by_role("heading", level=1)).to_have_text("De sessie is afgelopen")

    # Publishing with a summary.
    control.get_by_role("link", name="Samenvatting publiceren").click()
    control.get_by_label(re.compile(r"^Samenvatting voor de wijkpagina")).fill(SUMMARY)
    control.get_by_role("button", name="Publiceren").click()
    expect(control.get_by_role("status")).to_contain_text(
        "De samenvatting staat nu op de wijkpagina."
    )
    session.refresh_from_db()
    assert session.status == DialogueSession.Status.PUBLISHED

    # The public neighbourhood page and the summary: figures and outcome, no names.
    public = phone_a
    public.goto("/testdal/bloemenwijk/")
    found = public.get_by_role("region", name="Wat bewoners en partijen vonden")
    expect(found).to_contain_text(SUMMARY)
    found.get_by_role("link", name=TITLE).click()
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    content = public.get_by_role("main")
    expect(content).to_contain_text(SUMMARY)
    expect(content.get_by_role("table").first).to_contain_text("Scores van 2 deelnemers")
    expect_means(content, {"Legitimiteit": "3,0", "Betrokkenheid": "4,0", "Rendement": "3,0"})
    expect(content).to_contain_text(ARGUMENT_B)
    expect(content).not_to_contain_text(ARGUMENT_A)  # hidden by the moderator
    outcome_card = content.get_by_role("listitem").filter(has_text=OUTCOME)
    expect(outcome_card).to_contain_text("Kader")
    expect(outcome_card).to_contain_text("Afgesproken")
    expect(outcome_card).to_contain_text(ARGUMENT_B)
    for name in (NAME_A, NAME_B, "Annemiek", "Karim"):
        expect(public.locator("body")).not_to_contain_text(name)


# --- 2. keyboard only --------------------------------------------------------------------


def describe_focus(page: Page) -> str:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const label = el.labels?.[0]?.textContent.trim() || el.textContent.trim();
            const id = el.id ? `#${el.id}` : "";
            return `<${el.tagName.toLowerCase()}${id}> ${label.slice(0, 40)}`;
        }"""
    )


class FocusLog:
    """Checks every element that takes keyboard focus for a visible focus indicator."""

    def __init__(self, page: Page):
        self.page = page
        self.missing: list[str] = []

    def check(self) -> None:
        focused = self.page.evaluate_handle("() => document.activeElement")
        if self.page.evaluate("(el) => el === document.body", focused):
            return
        if not self.page.evaluate(FOCUS_INDICATOR, focused):
            self.missing.append(describe_focus(self.page))

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.check()

    def tab_to(self, target: Locator, key: str = "Tab", limit: int = 60) -> None:
        """Press Tab (or Shift+Tab) until `target`, or an element inside it, has focus."""
        for _ in range(limit):
            self.press(key)
            if target.evaluate("(el) => el.contains(document.activeElement)"):
                return
        pytest.fail(f"{key} never reached {target} (focus is on {describe_focus(self.page)})")


def test_a_resident_joins_scores_and_argues_with_the_keyboard_only(
    new_context, phone, make_live_session
):
    session = make_live_session()
    session.move_to(Step.SCORE)
    prompts = prompts_by_side(session)
    page = new_context(**phone).new_page()
    focus = FocusLog(page)

    page.goto("/doe-mee/")
    code_field = page.get_by_label(re.compile(r"^Code"))
    focus.tab_to(code_field)
    page.keyboard.type(session.join_code)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/doe-mee/{session.join_code}/meedoen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Scores: Tab into each 1–5 group, arrow to the value, on to the next group.
    scores = page.get_by_role("region", name="Uw scores")
    wanted = {Side.LEGITIMACY: 4, Side.ENGAGEMENT: 2, Side.RETURN: 5}
    for side, value in wanted.items():
        group = scores.get_by_role("group", name=prompts[side])
        focus.tab_to(group.get_by_role("radio").first)
        focus.press("Space")  # select the focused "1"
        for _ in range(value - 1):
            focus.press("ArrowRight")
        expect(group.get_by_role("radio", name=str(value), exact=True)).to_be_checked()
        expect(group.get_by_role("radio", name=str(value), exact=True)).to_be_focused()
    save = scores.get_by_role("button", name="Scores opslaan")
    focus.tab_to(save)
    page.keyboard.press("Enter")
    expect(page.get_by_role("region", name="Uw scores").get_by_role("status")).to_contain_text(
        "Uw scores zijn opgeslagen."
    )
    participant = Participant.objects.get(session=session)
    stored = dict(
        Score.objects.filter(participant=participant).values_list("prompt__side", "value")
    )
    assert stored == {str(side): value for side, value in wanted.items()}

    # An argument: side and stance with the arrow keys, text typed, submitted with Space.
    arguments = page.get_by_role("region", name="Argumenten")
    side_group = arguments.get_by_role("group", name=re.compile(r"^Over welke kant"))
    focus.tab_to(side_group)
    betrokkenheid = side_group.get_by_role("radio", name="Betrokkenheid")
    for _ in range(4):
        if betrokkenheid.is_checked():
            break
        focus.press("ArrowDown")
    expect(betrokkenheid).to_be_checked()
    stance_group = arguments.get_by_role("group", name=re.compile(r"^Voor of tegen"))
    tegen = stance_group.get_by_role("radio", name="Tegen")
    focus.tab_to(stance_group, limit=1)
    for _ in range(3):
        if tegen.is_checked():
            break
        focus.press("ArrowDown")
    expect(tegen).to_be_checked()
    text_field = arguments.get_by_label(re.compile(r"^Uw argument"))
    focus.tab_to(text_field)
    page.keyboard.type("Wie huurt, moet ook mee kunnen beslissen.")
    focus.press("Shift+Tab")  # back to the stance: the chosen radio takes the focus
    expect(tegen).to_be_focused()
    focus.press("Tab")
    expect(text_field).to_be_focused()
    focus.tab_to(arguments.get_by_role("button", name="Argument toevoegen"))
    page.keyboard.press("Space")
    expect(page.get_by_role("region", name="Argumenten").get_by_role("status")).to_have_text(
        "Opgeslagen. Uw argument staat nu in de lijst."
    )

    argument = Argument.objects.get(session=session)
    assert (argument.participant, argument.side, argument.stance, argument.text) == (
        participant,
        Side.ENGAGEMENT,
        Argument.Stance.AGAINST,
        "Wie huurt, moet ook mee kunnen beslissen.",
    )
    assert not focus.missing, "focused without a visible focus indicator:\n" + "\n".join(
        focus.missing
    )


# --- 3. a phone that loses its connection ----------------------------------------------------


def test_a_phone_that_loses_its_connection_keeps_what_it_typed(
    new_context, phone, make_live_session
):
    session = make_live_session()
    session.move_to(Step.ARGUMENTS)
    context = new_context(**phone)
    page = context.new_page()
    join_by_qr(page, session.join_code)

    text = "Zet eerst de isolatie op orde, dan pas het warmtenet."
    arguments = page.get_by_role("region", name="Argumenten")
    arguments.get_by_role("group", name=re.compile(r"^Over welke kant")).get_by_role(
        "radio", name="Rendement"
    ).check()
    arguments.get_by_role("group", name=re.compile(r"^Voor of tegen")).get_by_role(
        "radio", name="Tegen"
    ).check()
    arguments.get_by_label(re.compile(r"^Uw argument")).fill(text)

    page.evaluate(
        """() => {
            window.wwPostFailed = false;
            document.body.addEventListener("htmx:sendError", (event) => {
                if (event.detail.requestConfig?.verb === "post") window.wwPostFailed = true;
            });
        }"""
    )
    context.set_offline(True)
    arguments.get_by_role("button", name="Argument toevoegen").click()
    page.wait_for_function("() => window.wwPostFailed === true", timeout=5_000)

    arguments = page.get_by_role("region", name="Argumenten")
    expect(arguments.get_by_label(re.compile(r"^Uw argument"))).to_have_value(text)
    expect(arguments.get_by_role("radio", name="Rendement")).to_be_checked()
    expect(arguments.get_by_role("radio", name="Tegen")).to_be_checked()
    assert not Argument.objects.filter(session=session).exists()

    context.set_offline(False)
    arguments.get_by_role("button", name="Argument toevoegen").click()
    region = page.get_by_role("region", name="Argumenten")
    expect(region.get_by_role("status")).to_have_text(
        "Opgeslagen. Uw argument staat nu in de lijst."
    )
    expect(region.get_by_role("listitem").filter(has_text=text)).to_have_count(1)
    assert list(Argument.objects.filter(session=session).values_list("text", flat=True)) == [text]


# --- 4. without JavaScript -----------------------------------------------------------------


def test_a_phone_without_javascript_joins_and_scores_with_plain_forms(
    new_context, phone, make_live_session
):
    session = make_live_session()
    session.move_to(Step.SCORE)
    prompts = prompts_by_side(session)
    page = new_context(java_script_enabled=False, **phone).new_page()

    join_with_code(page, session.join_code)
    # Saving without a score says why, on the page itself.
    page.get_by_role("region", name="Uw scores").get_by_role(
        "button", name="Scores opslaan"
    ).click()
    expect(page.get_by_role("region", name="Uw scores")).to_contain_text(
        "Kies bij minstens één vraag een score."
    )
    assert not Score.objects.exists()

    scores = page.get_by_role("region", name="Uw scores")
    wanted = {Side.LEGITIMACY: 3, Side.ENGAGEMENT: 5, Side.RETURN: 1}
    for side, value in wanted.items():
        scores.get_by_role("group", name=prompts[side]).get_by_role(
            "radio", name=str(value), exact=True
        ).check()
    scores.get_by_role("button", name="Scores opslaan").click()

    expect(page).to_have_url(re.compile(rf"/doe-mee/{session.join_code}/meedoen/#scores$"))
    expect(page.get_by_role("status").filter(has_text="Uw scores zijn opgeslagen.")).to_be_visible()
    scores = page.get_by_role("region", name="Uw scores")
    expect(scores.get_by_role("button", name="Scores bijwerken")).to_be_visible()
    for side, value in wanted.items():
        expect(
            scores.get_by_role("group", name=prompts[side]).get_by_role(
                "radio", name=str(value), exact=True
            )
        ).to_be_checked()
    participant = Participant.objects.get(session=session)
    stored = dict(
        Score.objects.filter(participant=participant).values_list("prompt__side", "value")
    )
    assert stored == {str(side): value for side, value in wanted.items()}


def test_a_phone_with_javascript_is_told_why_its_input_was_not_saved(
    new_context, phone, make_live_session
):
    session = make_live_session()
    page = new_context(**phone).new_page()
    join_by_qr(page, session.join_code)

    with page.expect_response(re.compile(r"/scores/$")) as answer:
        page.get_by_role("region", name="Uw scores").get_by_role(
            "button", name="Scores opslaan"
        ).click()
    assert answer.value.status == 422
    expect(page.get_by_role("region", name="Uw scores")).to_contain_text(
        "Kies bij minstens één vraag een score.", timeout=2_000
    )
