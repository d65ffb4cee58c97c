"""A newcomer on a phone: finds their neighbourhood, catches up on what happened, takes part
without an account (pulse, follow, question) and takes their data back; also by keyboard alone
and without JavaScript. Every page and HTMX swap is checked by axe (tests/e2e/conftest.py)."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from dashboard.models import PulseResponse
from dialogue.models import DialogueSession, Outcome
from roadmap.models import CoreValue, adopt
from tests.dialogue import conftest as dialogue_fixtures
from tests.factories import CbsAreaFactory, NeighbourhoodFactory
from tests.roadmap import conftest as roadmap_fixtures
from wup.models import ConsentRecord, Follower, HeatSolution, Phase, Question
from wup.workdays import add_working_days

pytestmark = pytest.mark.e2e

# The dialogue and roadmap fixtures live next to their unit tests; use them here too.
make_session = dialogue_fixtures.make_session
roadmap = roadmap_fixtures.roadmap
milestone_factory = roadmap_fixtures.milestone_factory

PAGE = "/testdal/bloemenwijk/"
EMAIL = "nieuw.in.de.wijk@example.org"

HELD_TITLE = "Warmtenet in de Bloemenwijk?"
OUTCOME = "De aansluitkosten voor huurders worden niet hoger dan de huidige gasrekening."
VALUE = "Betaalbaar voor iedereen"
MILESTONE = "Warmteplan klaar"
UPCOMING_TITLE = "Welke straten gaan als eerste over?"
PUBLIC_QUESTION = "Moet ik zelf een nieuwe kookplaat kopen?"
MY_QUESTION = "Wij zijn net verhuisd naar de Tulpstraat. Wanneer is onze straat aan de beurt?"

# What has the keyboard focus, and whether it shows (an outline or a ring).
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return {
        id: el.id,
        tag: el.tagName,
        type: el.getAttribute("type") || "",
        text: (el.textContent || "").trim().slice(0, 60),
        indicator: outline || style.boxShadow !== "none",
        // Focus on the calendar button inside a date field: the field itself is not
        // :focus-visible then, and only the browser's own ring marks the button.
        picker: el.type === "date" && !el.matches(":focus-visible"),
    };
}"""


# --- the neighbourhood as a newcomer finds it -----------------------------------------------


@pytest.fixture(autouse=True)
def _no_fill_wait(monkeypatch):
    """Public forms refuse what is sent within MIN_FILL_SECONDS; wup.antispam reads the constant
    when it validates, so the live server (same process) sees this value."""
    monkeypatch.setattr("wup.antispam.MIN_FILL_SECONDS", 0)


@pytest.fixture(autouse=True)
def _site_url(settings, live_server):
    """Follow mails link to SITE_URL: here, that is the live server."""
    settings.SITE_URL = live_server.url


def _days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def _evening(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 30)))


def _long_date(day: datetime.date, fmt: str = "j F Y") -> str:
    with translation.override("nl"):
        return date_format(day, fmt)


@pytest.fixture
def bloemenwijk(municipality, neighbourhood, party, lead, make_session, roadmap, milestone_factory):
    """Bloemenwijk some months in: a published session with an agreed outcome, a roadmap adopted
    on it, a public answer, a next milestone and an upcoming session; and a second neighbourhood.

    Before `since`: the session (held four months ago) and the roadmap (two months ago).
    After it: only the question answered ten days ago.
    """
    neighbourhood.phase = Phase.PLANNING
    neighbourhood.preferred_solution = HeatSolution.HEAT_NETWORK_LT
    neighbourhood.save()
    CbsAreaFactory(neighbourhood=neighbourhood, homes=1234)
    NeighbourhoodFactory(municipality=municipality, name="Havenkwartier", slug="havenkwartier")

    held = make_session(
        title=HELD_TITLE,
        starts_at=_evening(_days_ago(120)),
        status=DialogueSession.Status.PUBLISHED,
        published_at=_evening(_days_ago(113)),
        summary="Bewoners willen vooral weten wat het hen gaat kosten.",
    )
    outcome = Outcome.objects.create(session=held, kind="kader", text=OUTCOME, agreed=True)

    roadmap.summary = "Een warmtenet op lage temperatuur, eerst de huurwoningen."
    roadmap.save()
    value = CoreValue.objects.create(
        roadmap=roadmap, name=VALUE, why="Niemand gaat er in woonlasten op achteruit."
    )
    value.outcomes.add(outcome)
    milestone_factory(title=MILESTONE, baseline_date=timezone.localdate() + datetime.timedelta(90))
    adopt(
        roadmap,
        by="college",
        decision_date=_days_ago(60),
        decision_reference="B&W-2026-0042",
    )

    Question.objects.create(
        neighbourhood=neighbourhood,
        asker_name="Jan Jansen",
        asker_email="jan@example.org",
        text="Ik ben Jan van nummer 12: moet ik zelf een nieuwe kookplaat kopen?",
        due_on=_days_ago(8),
        answer="Nee. Wie overstapt, krijgt een inductiekookplaat van de woonstichting.",
        answered_at=_evening(_days_ago(10)),
        published=True,
        public_text=PUBLIC_QUESTION,
    )

    upcoming = make_session(
        title=UPCOMING_TITLE,
        proposition="Eerst de Tulpstraat en de Rozenstraat, dan de rest van de wijk.",
        starts_at=_evening(timezone.localdate() + datetime.timedelta(days=10)),
    )
    return upcoming


# --- helpers ----------------------------------------------------------------------------------


def label(text: str) -> re.Pattern:
    """A field's label: its text, perhaps followed by "(verplicht)"."""
    return re.compile(rf"^{re.escape(text)}( \(verplicht\))?$")


def link_in_mail(to: str, path: str) -> str:
    """Return the newest link to `path…` in a mail to `to`."""
    for message in reversed(mail.outbox):
        if to in message.to and (
            found := re.search(rf"https?://\S+{re.escape(path)}\S*", message.body)
        ):
            return found.group(0)
    raise AssertionError(
        f"no mail to {to} with a link to {path}: {[m.subject for m in mail.outbox]}"
    )


def main_text(page: Page) -> str:
    return page.locator("main").inner_text()


def find_neighbourhood(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Gemeente Testdal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Van het aardgas af in Gemeente Testdal"
    )
    page.get_by_label("Zoek uw wijk").press_sequentially("bloem", delay=20)
    expect(page.get_by_role("link", name="Havenkwartier")).to_have_count(0)
    page.get_by_role("link", name="Bloemenwijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bloemenwijk")


def read_the_story(page: Page) -> None:
    # At the top: the first section under the h1.
    expect(page.locator("main h2").first).to_have_text("Het verhaal tot nu toe")
    story = page.get_by_role("region", name="Het verhaal tot nu toe")
    expect(story).to_contain_text("De voorkeur voor deze wijk is: Warmtenet (lage temperatuur).")
    expect(story).to_contain_text("De wijk is in de fase Planvorming.")
    expect(story).to_contain_text("Het plan is dat de wijk in 2035 van het aardgas af is.")
    expect(story).to_contain_text(VALUE)  # why: the adopted core value …
    expect(story).to_contain_text(OUTCOME[:40])  # … and the dialogue outcome behind it
    expect(story).to_contain_text(f"{MILESTONE}: verwacht op")  # what comes next, and when
    expect(story).to_contain_text(f"Het volgende gesprek: {UPCOMING_TITLE}")


def filter_since_with_htmx(page: Page, since: datetime.date) -> None:
    timeline = page.get_by_role("region", name="Wat er tot nu toe gebeurde")
    expect(timeline).to_contain_text("De routekaart is vastgesteld (versie 1)")
    page.evaluate("() => { window.wwSameDocument = true; }")
    story = page.locator("#story-heading").element_handle()
    old_list = page.locator("#tijdlijn-resultaat ol").element_handle()

    page.get_by_label("Wat is er veranderd sinds…").fill(since.isoformat())
    timeline.get_by_role("button", name="Toon").click()

    result = page.locator("#tijdlijn-resultaat")
    expect(result).to_contain_text(f"Sinds {_long_date(since)} is er 1 ding veranderd.")
    expect(result).to_contain_text(f"Vraag: {PUBLIC_QUESTION}")
    expect(result).not_to_contain_text("De routekaart is vastgesteld")
    expect(result).not_to_contain_text(HELD_TITLE)
    expect(page).to_have_url(re.compile(rf"{PAGE}\?sinds={since.isoformat()}$"))
    assert page.evaluate("() => window.wwSameDocument") is True, "the filter reloaded the page"
    assert old_list.evaluate("(el) => !el.isConnected"), "the timeline was not replaced"
    assert story.evaluate("(el) => el.isConnected"), "more than the timeline was replaced"
    # The rest of the page is still there, once.
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("region", name="Praat mee")).to_be_visible()
    # "Toon alles" cannot be tapped here: see test_the_trend_chart_stays_inside_its_box.


def download_calendar_file(page: Page, session: DialogueSession) -> None:
    upcoming = page.get_by_role("region", name="Praat mee")
    expect(upcoming.get_by_role("heading", name=UPCOMING_TITLE)).to_be_visible()
    # The title is in a visually hidden part; Chromium may put a space before its colon.
    link = upcoming.get_by_role(
        "link", name=re.compile(rf"^Zet het in mijn agenda ?: {re.escape(UPCOMING_TITLE)}$")
    )
    href = link.get_attribute("href")
    assert href == f"{PAGE}sessies/{session.pk}/agenda.ics"
    with (
        page.expect_response(lambda r: r.url.endswith(href)) as response_info,
        page.expect_download() as download_info,
    ):
        link.click()
    response = response_info.value
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    ics = Path(download_info.value.path()).read_bytes().decode()  # keep the CRLFs
    assert ics.startswith("BEGIN:VCALENDAR\r\n"), ics[:200]
    assert f"SUMMARY:{UPCOMING_TITLE}" in ics.replace("\r\n ", "")
    assert "LOCATION:Buurthuis De Linde" in ics
    # Still on the neighbourhood page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Bloemenwijk")


def answer_the_pulse(page: Page) -> None:
    pulse = page.get_by_role("region", name="Hoe kijkt u ertegenaan?")
    for statement, answer in [
        ("Ik vertrouw erop dat de gemeente eerlijk met ons omgaat.", "Eens"),
        ("Ik heb het gevoel dat ik mee kan beslissen over mijn wijk.", "Niet eens, niet oneens"),
        ("Ik vind de manier waarop besluiten worden genomen goed.", "Helemaal eens"),
    ]:
        group = pulse.get_by_role("group", name=label(statement))
        group.get_by_role("radio", name=answer, exact=True).check()
    pulse.get_by_role("button", name="Antwoorden versturen").click()
    expect(pulse.get_by_role("status")).to_have_text("Dank u wel! Uw antwoorden zijn opgeslagen.")


def follow_by_email(page: Page, email: str) -> None:
    follow = page.get_by_role("region", name="Volg deze wijk")
    follow.get_by_label(label("Uw e-mailadres")).fill(email)
    follow.get_by_role("checkbox").check()
    follow.get_by_role("button", name="Volg deze wijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")


# --- the journey --------------------------------------------------------------------------------


def test_newcomer_on_a_phone_catches_up_takes_part_and_takes_their_data_back(
    new_context, phone, bloemenwijk, lead
):
    upcoming = bloemenwijk
    context = new_context(**phone)
    page = context.new_page()

    # Find the neighbourhood and read the story so far.
    find_neighbourhood(page)
    read_the_story(page)

    # What changed since a month ago? Only the timeline is replaced.
    filter_since_with_htmx(page, _days_ago(30))

    # The next session into the phone's calendar.
    download_calendar_file(page, upcoming)

    # The pulse: three statements, thanks; a second time in this browser: already taken part.
    answer_the_pulse(page)
    answers = PulseResponse.objects.values_list("trust", "co_ownership", "legitimacy")
    assert list(answers) == [(4, 3, 5)]
    page.reload()
    pulse = page.get_by_role("region", name="Hoe kijkt u ertegenaan?")
    expect(pulse.get_by_role("status")).to_have_text("U hebt deze maand al meegedaan. Dank u wel!")
    expect(pulse.get_by_role("button", name="Antwoorden versturen")).to_have_count(0)
    page.goto(f"{PAGE}peiling/")
    expect(page.get_by_role("status")).to_contain_text("al meegedaan")

    # Follow by e-mail: "check your e-mail", confirm with the button in the mail's link.
    page.goto(PAGE)
    follow_by_email(page, EMAIL)
    check_email = main_text(page)
    assert Follower.objects.get(email=EMAIL).confirmed_at is None
    confirm_link = link_in_mail(EMAIL, "/volgen/bevestigen/")
    unsubscribe_link = link_in_mail(EMAIL, "/volgen/afmelden/")
    page.goto(confirm_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Wilt u Bloemenwijk volgen?")
    assert Follower.objects.get(email=EMAIL).confirmed_at is None, "opening the link confirmed"
    page.get_by_role("button", name="Ja, ik wil deze wijk volgen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U volgt Bloemenwijk")
    assert Follower.objects.get(email=EMAIL).confirmed_at is not None

    # Signing up again with an address that already follows looks exactly the same.
    page.get_by_role("link", name="Naar Bloemenwijk").click()
    sent = len(mail.outbox)
    follow_by_email(page, EMAIL)
    assert main_text(page) == check_email
    assert len(mail.outbox) == sent + 1
    assert "U volgt deze wijk al." in " ".join(mail.outbox[-1].body.split())
    assert Follower.objects.filter(email=EMAIL).count() == 1

    # Unsubscribe with the link from the confirmation mail.
    page.goto(unsubscribe_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Afmelden voor Bloemenwijk")
    page.get_by_role("button", name="Ja, meld mij af").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent afgemeld")
    assert not Follower.objects.filter(email=EMAIL).exists()

    # Ask a question without a name.
    page.get_by_role("link", name="Naar Bloemenwijk").click()
    page.get_by_role("link", name="Stel zelf een vraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel een vraag over Bloemenwijk")
    expect(page.get_by_label(label("Uw naam (mag u weglaten)"))).to_have_value("")
    page.get_by_label(label("Uw e-mailadres")).fill(EMAIL)
    page.get_by_label(label("Uw vraag")).fill(MY_QUESTION)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw vraag")
    due = add_working_days(timezone.localdate(), 2)
    expect(page.locator("main")).to_contain_text(
        f"U krijgt uiterlijk {_long_date(due, 'l j F Y')} antwoord per e-mail."
    )
    question = Question.objects.get(asker_email=EMAIL)
    assert (question.asker_name, question.text, question.due_on) == ("", MY_QUESTION, due)
    # It lands in the project lead's inbox, without the asker's address; the asker gets a receipt.
    [to_lead] = [m for m in mail.outbox if m.to == [lead.email]]
    assert MY_QUESTION in to_lead.body and EMAIL not in to_lead.body
    assert any(m.to == [EMAIL] and MY_QUESTION in m.body for m in mail.outbox)

    # The privacy statement; a link to "my data" for the same address, by e-mail.
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Privacy: wat wij met uw gegevens doen"
    )
    page.get_by_role("link", name="Vraag een link om uw gegevens te zien of te wissen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw gegevens zien of wissen")
    page.get_by_label(label("Uw e-mailadres")).fill(EMAIL)
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    page.goto(link_in_mail(EMAIL, "/privacy/mijn-gegevens/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw gegevens")
    expect(page.get_by_role("region", name="Wat we hebben")).to_contain_text(
        "U hebt 1 vraag gesteld."
    )

    # Download everything: the JSON holds the question.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download mijn gegevens").click()
    download = download_info.value
    assert download.suggested_filename == "mijn-gegevens-wijkwaarde.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["email"] == EMAIL
    assert [q["text"] for q in data["questions"]] == [MY_QUESTION]
    assert data["followers"] == []  # unsubscribed …
    assert any(c["withdrawn_at"] for c in data["consent_records"])  # … consent kept as proof

    # Erase everything: afterwards the address is nowhere.
    page.get_by_label(re.compile(r"^Ja, wis al mijn gegevens")).check()
    page.get_by_role("button", name="Wis al mijn gegevens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw gegevens zijn gewist")
    assert not Follower.objects.filter(email__iexact=EMAIL).exists()
    assert not Question.objects.filter(asker_email__iexact=EMAIL).exists()
    assert not Question.objects.filter(text=MY_QUESTION).exists()
    assert not ConsentRecord.objects.filter(email__iexact=EMAIL).exists()


def test_the_pulse_is_once_per_browser_so_a_neighbour_can_still_answer(
    new_context, phone, bloemenwijk
):
    """A neighbour on another phone still gets the three questions after the first answered."""
    first = new_context(**phone).new_page()
    first.goto(PAGE)
    answer_the_pulse(first)

    second = new_context(**phone).new_page()
    second.goto(PAGE)
    pulse = second.get_by_role("region", name="Hoe kijkt u ertegenaan?")
    expect(pulse.get_by_role("button", name="Antwoorden versturen")).to_be_visible()


def test_since_filter_works_without_javascript(new_context, phone, bloemenwijk):
    page = new_context(java_script_enabled=False, **phone).new_page()
    page.goto(PAGE)
    since = _days_ago(30)
    page.get_by_label("Wat is er veranderd sinds…").fill(since.isoformat())
    page.get_by_role("region", name="Wat er tot nu toe gebeurde").get_by_role(
        "button", name="Toon"
    ).click()

    expect(page).to_have_url(re.compile(rf"{PAGE}\?sinds={since.isoformat()}(#tijdlijn)?$"))
    result = page.locator("#tijdlijn-resultaat")
    expect(result).to_contain_text(f"Sinds {_long_date(since)} is er 1 ding veranderd.")
    expect(result).to_contain_text(f"Vraag: {PUBLIC_QUESTION}")
    expect(result).not_to_contain_text("De routekaart is vastgesteld")
    expect(page.get_by_label("Wat is er veranderd sinds…")).to_have_value(since.isoformat())
    # The whole page came back, story included.
    expect(page.get_by_role("region", name="Het verhaal tot nu toe")).to_contain_text("Planvorming")


def test_keyboard_only_newcomer_follows_the_neighbourhood(new_context, bloemenwijk):
    """Tab from the top of the page to the follow form, type, Space, Enter; every control that
    gets the focus on the way shows it."""
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(PAGE)
    email_field = page.get_by_role("region", name="Volg deze wijk").get_by_label(
        label("Uw e-mailadres")
    )
    email_id = email_field.get_attribute("id")

    no_indicator = []
    picker_focused = None
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["picker"]:
            picker_focused = page.locator(f"#{focused['id']}").screenshot()
        elif not focused["indicator"]:
            no_indicator.append(focused)
        if focused["id"] == email_id:
            break
    else:
        pytest.fail("Tab never reached the follow form's e-mail field")
    assert no_indicator == [], f"focused without a visible focus indicator: {no_indicator}"
    if picker_focused is not None:  # the browser's ring must at least change what one sees
        unfocused = page.get_by_label("Wat is er veranderd sinds…").screenshot()
        assert picker_focused != unfocused, "the date field's calendar button shows no focus"

    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    consent = page.evaluate(FOCUSED)
    assert consent["type"] == "checkbox", consent
    assert consent["indicator"], f"the consent checkbox shows no focus: {consent}"
    page.keyboard.press("Space")
    expect(
        page.get_by_role("region", name="Volg deze wijk").get_by_role("checkbox")
    ).to_be_checked()

    page.keyboard.press("Tab")
    button = page.evaluate(FOCUSED)
    assert button["text"] == "Volg deze wijk", button
    assert button["indicator"], f"the submit button shows no focus: {button}"
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    follower = Follower.objects.get(email=EMAIL)
    assert follower.confirmed_at is None
    assert link_in_mail(EMAIL, f"/volgen/bevestigen/{follower.token}/")


def test_the_trend_chart_stays_inside_its_box(new_context, phone, bloemenwijk):
    page = new_context(**phone).new_page()
    page.goto(f"{PAGE}?sinds={_days_ago(30).isoformat()}")
    expect(page.locator(".ww-chart__plot .main-svg")).not_to_have_count(0)
    outside = page.evaluate(
        """() => {
            const box = document.querySelector(".ww-chart__plot").getBoundingClientRect();
            return [...document.querySelectorAll(".ww-chart__plot .main-svg")]
                .map((svg) => svg.getBoundingClientRect())
                .filter((r) => r.top < box.top - 1 || r.bottom > box.bottom + 1).length;
        }"""
    )
    assert outside == 0, f"{outside} chart layer(s) reach outside the plot's box"
    page.get_by_role("link", name="Toon alles").click(timeout=3000)
    expect(page.locator("#tijdlijn-resultaat")).to_contain_text("De routekaart is vastgesteld")
