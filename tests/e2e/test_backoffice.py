"""Staff in the back office: editing a neighbourhood, inviting a colleague, the theme colour."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.factories import TEST_PASSWORD
from wup.models import AuditEntry, Membership, Phase, Role

pytestmark = pytest.mark.e2e


def log_in_with_the_form(page: Page, username: str, password: str = TEST_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")


def test_project_lead_edits_a_neighbourhood_and_residents_see_the_new_summary(
    page: Page, lead, neighbourhood
):
    log_in_with_the_form(page, "projectleider")
    page.get_by_role("link", name="Gemeente Testdal").click()
    page.get_by_role("link", name="Bloemenwijk", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijk bewerken: Bloemenwijk")

    page.get_by_label(re.compile(r"^Fase")).select_option(label="Uitvoering")
    page.get_by_label("Samenvatting").fill("De warmteleiding komt in 2027 door de Rozenstraat.")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("De wijk is bijgewerkt.")
    neighbourhood.refresh_from_db()
    assert neighbourhood.phase == Phase.IMPLEMENTING

    page.goto("/testdal/bloemenwijk/")
    expect(page.get_by_role("region", name="Wat speelt er?")).to_contain_text(
        "De warmteleiding komt in 2027 door de Rozenstraat."
    )
    expect(page.get_by_role("definition").filter(has_text="Uitvoering")).to_be_visible()


def test_a_bad_year_is_shown_at_its_field_and_what_was_typed_is_kept(
    page: Page, lead, neighbourhood, log_in
):
    log_in(page.context, lead)
    page.goto("/beheer/testdal/wijken/bloemenwijk/")

    page.get_by_label("Samenvatting").fill("Nieuwe tekst die niet verloren mag gaan.")
    page.get_by_label("Gepland aardgasvrij in").fill("1999")
    page.get_by_role("button", name="Opslaan").click()

    year = page.get_by_label("Gepland aardgasvrij in")
    expect(year).to_have_value("1999")
    expect(year).to_have_attribute("aria-invalid", "true")
    expect(year).to_have_accessible_description(re.compile("Kies een jaar tussen 2020 en 2050"))
    expect(page.get_by_label("Samenvatting")).to_have_value(
        "Nieuwe tekst die niet verloren mag gaan."
    )
    neighbourhood.refresh_from_db()
    assert neighbourhood.planned_gas_free_year == 2035


def test_admin_invites_a_council_member_who_sets_a_password_and_reads_along(
    page: Page, new_context, admin, neighbourhood, log_in
):
    log_in(page.context, admin)
    page.goto("/beheer/testdal/leden/")
    page.get_by_role("link", name="Iemand uitnodigen").click()
    page.get_by_label("E-mailadres").fill("nieuw.raadslid@testdal.nl")
    page.get_by_label(re.compile(r"^naam", re.IGNORECASE)).fill("Noor Nieuw")
    page.get_by_label("Rol").select_option(label="Raadslid")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("De uitnodiging is verstuurd.")
    expect(page.get_by_role("table")).to_contain_text("nieuw.raadslid@testdal.nl")
    assert Membership.objects.get(user__email="nieuw.raadslid@testdal.nl").role == (
        Role.COUNCIL_MEMBER
    )
    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert invitation.to == ["nieuw.raadslid@testdal.nl"]
    link = re.search(r"https?://\S+/accounts/wachtwoord-instellen/\S+", invitation.body)
    assert link, invitation.body

    newcomer = new_context().new_page()
    newcomer.goto(link.group(0))
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Kies een wachtwoord")
    new_password = "een zin van vier woorden"
    newcomer.get_by_label(re.compile(r"^Nieuw wachtwoord(?! bevestigen)")).fill(new_password)
    newcomer.get_by_label("Nieuw wachtwoord bevestigen").fill(new_password)
    newcomer.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(newcomer.get_by_role("heading", level=1)).not_to_have_text("Kies een wachtwoord")

    log_in_with_the_form(newcomer, "nieuw.raadslid@testdal.nl", new_password)
    newcomer.get_by_role("link", name="Gemeente Testdal").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Beheer Gemeente Testdal")
    # Read-only: no button to add, and the neighbourhood links to its public page.
    expect(newcomer.get_by_role("link", name="Wijk toevoegen")).to_have_count(0)
    expect(newcomer.get_by_role("link", name="Bloemenwijk", exact=True)).to_have_attribute(
        "href", "/testdal/bloemenwijk/"
    )
    newcomer.get_by_role("link", name="Partijen").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Partijen")
    expect(newcomer.get_by_role("link", name="Partij toevoegen")).to_have_count(0)

    page.goto("/beheer/testdal/logboek/")
    invite_row = page.get_by_role("row").filter(has_text="uitgenodigd")
    expect(invite_row).to_contain_text("beheerder")
    expect(invite_row).to_contain_text("nieuw.raadslid@testdal.nl")
    assert AuditEntry.objects.filter(action="invite").count() == 1


def change_theme_colour(page: Page, colour: str) -> None:
    page.goto("/beheer/testdal/instellingen/")
    page.get_by_label("Huisstijlkleur").fill(colour)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De instellingen zijn opgeslagen.")


def test_admin_changes_the_theme_colour_and_the_public_header_uses_it(
    page: Page, new_context, phone, admin, neighbourhood, log_in
):
    log_in(page.context, admin)
    change_theme_colour(page, "#8a1538")

    resident = new_context(**phone).new_page()
    resident.goto("/testdal/bloemenwijk/")
    expect(resident.get_by_role("banner")).to_have_css("background-color", "rgb(138, 21, 56)")


def test_admin_sees_the_new_theme_colour_on_the_public_page_at_once(
    page: Page, admin, neighbourhood, log_in
):
    log_in(page.context, admin)
    change_theme_colour(page, "#8a1538")

    page.goto("/testdal/bloemenwijk/")
    expect(page.get_by_role("banner")).to_have_css("background-color", "rgb(138, 21, 56)")


def test_a_signed_in_person_is_warned_before_the_idle_timeout_and_can_stay(
    page: Page, lead, settings
):
    # Seconds instead of minutes: the warning after 3 s, the end after 60 s.
    settings.STAFF_IDLE_TIMEOUT = 60
    settings.STAFF_IDLE_WARNING = 57
    log_in_with_the_form(page, "projectleider")
    warning = page.locator("#ww-session-warning")
    expect(warning).to_be_hidden()
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning).to_contain_text("U wordt binnenkort uitgelogd")
    page.get_by_role("button", name="Ingelogd blijven").click()
    expect(warning).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")


def test_eleven_wrong_passwords_lock_the_account_with_a_clear_message(page: Page, lead):
    for _ in range(10):
        page.goto("/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill("projectleider")
        page.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
        page.get_by_role("button", name="Inloggen", exact=True).click()
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("projectleider")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen tijdelijk geblokkeerd")
    expect(page.get_by_role("alert")).to_contain_text("Probeer het over 15 minuten opnieuw")
    assert AuditEntry.objects.filter(action="login", result="denied").count() == 11


def test_a_lead_enrols_an_authenticator_app_and_logs_in_with_a_recovery_code_and_a_code(
    page: Page, lead, settings
):
    from base64 import b32decode

    from django_otp.oath import totp

    settings.MFA_REQUIRED = True
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("projectleider")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")

    secret = page.locator(".ww-mfa-secret").inner_text()
    page.get_by_role("textbox", name=re.compile("^Code")).fill(f"{totp(b32decode(secret)):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    codes = page.locator(".ww-mfa-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Ik heb ze bewaard: naar Beheer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")

    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("projectleider")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap")
    page.get_by_role("textbox", name=re.compile("^Code")).fill(codes[0])
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")
    assert AuditEntry.objects.filter(action="mfa_verify", result="ok").count() == 1

    # And with the app's code: the next one (a code is good once, and the one of this half
    # minute enrolled the app), which the app shows 30 seconds later.
    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("projectleider")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Met een code")).to_be_visible()
    next_code = f"{totp(b32decode(secret), drift=1):06d}"
    page.get_by_role("textbox", name=re.compile("^Code")).fill(next_code)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")
    assert AuditEntry.objects.filter(action="mfa_verify", result="ok").count() == 2
