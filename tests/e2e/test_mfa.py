"""The second step in the browser: a passkey enrolled and used with Chromium's virtual
authenticator (over the DevTools protocol), under the site's own Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import TEST_PASSWORD
from wup.models import AuditEntry

pytestmark = pytest.mark.e2e


def log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def assert_fits_phones(page: Page) -> None:
    for width in (360, 390):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, width
    page.set_viewport_size({"width": 1280, "height": 800})


def add_virtual_authenticator(page: Page) -> None:
    """A platform authenticator that holds passkeys and always says the person is there."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


@pytest.fixture
def passkeys_here(settings, live_server):
    """Passkeys belong to a domain: the live server's http://localhost:<port> is one browsers
    accept (an IP address such as 127.0.0.1 is not)."""
    settings.MFA_REQUIRED = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert live_server.url.startswith("http://localhost:")


def test_a_lead_enrols_a_passkey_and_later_logs_in_with_it(page: Page, lead, passkeys_here):
    add_virtual_authenticator(page)
    log_in(page, "projectleider")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
    # The passkey comes first, the authenticator app after it.
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings == ["Met een passkey (aanbevolen)", "Met een authenticator-app"]
    assert_fits_phones(page)

    page.get_by_role("button", name="Passkey instellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    assert len(page.locator(".ww-mfa-codes code").all_inner_texts()) == 10
    assert lead.webauthncredential_set.filter(confirmed=True).count() == 1
    page.get_by_role("link", name="Ik heb ze bewaard: naar Beheer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "projectleider")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap")
    button = page.get_by_role("button", name="Inloggen met passkey")
    # The passkey is offered first: it is the first button after the heading.
    expect(page.locator("main button").first).to_have_text("Inloggen met passkey")
    assert_fits_phones(page)
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")
    assert AuditEntry.objects.filter(action="mfa_enrol", actor=lead, result="ok").count() == 1
    assert AuditEntry.objects.filter(action="mfa_verify", actor=lead, result="ok").count() == 1


def test_support_staff_create_a_municipality_whose_first_admin_is_invited(
    page: Page, new_context, settings, django_user_model
):
    """The whole onboarding without a shell: support staff enrol their second step, create the
    municipality in the admin; the invited administrator sets a password and enrols theirs."""
    from base64 import b32decode

    from django.core import mail
    from django_otp.oath import totp

    settings.MFA_REQUIRED = True
    django_user_model.objects.create_user(
        "ondersteuning", "hulp@wijkwaarde.example", TEST_PASSWORD, is_staff=True, is_superuser=True
    )
    page.goto("/ondersteuning-beheer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen voor medewerkers")
    page.get_by_label("Gebruikersnaam").fill("ondersteuning")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
    secret = page.locator(".ww-mfa-secret").inner_text()
    page.get_by_role("textbox", name=re.compile("^Code")).fill(f"{totp(b32decode(secret)):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")

    page.goto("/ondersteuning-beheer/")
    page.get_by_role("link", name="Gemeenten").first.click()
    page.get_by_role("link", name=re.compile("toevoegen", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe gemeente")
    page.get_by_label("Naam", exact=True).fill("Utrecht")
    page.get_by_label("CBS-code").fill("344")
    page.get_by_label("Adres op de website").fill("utrecht")
    page.get_by_label("E-mailadres van de eerste beheerder").fill("beheer@utrecht.nl")
    page.get_by_label("Naam van de eerste beheerder").fill("Sam de Vries")
    page.get_by_role("button", name="Aanmaken en uitnodigen").click()
    # A bad code is named at its field, which has the focus; what was typed stays.
    expect(page.get_by_text("Een gemeentecode is GM met vier cijfers.")).to_be_visible()
    expect(page.get_by_label("CBS-code")).to_be_focused()
    expect(page.get_by_label("E-mailadres van de eerste beheerder")).to_have_value(
        "beheer@utrecht.nl"
    )
    page.get_by_label("CBS-code").fill("GM0344")
    page.get_by_role("button", name="Aanmaken en uitnodigen").click()
    expect(page.get_by_text("Gemeente Utrecht is aangemaakt.")).to_be_visible()

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/uitnodiging/\S+/", message.body).group(0)
    invited = new_context().new_page()
    invited.goto(link)
    expect(invited.get_by_role("heading", level=1)).to_have_text("Welkom bij Wijkwaarde")
    new_password = "een lange zin als wachtwoord 2026"
    invited.get_by_label(re.compile(r"^Nieuw wachtwoord(?! bevestigen)")).fill(new_password)
    invited.get_by_label("Nieuw wachtwoord bevestigen").fill(new_password)
    invited.get_by_role("button", name="Wachtwoord opslaan").click()
    invited.goto("/accounts/login/")
    invited.get_by_label("Gebruikersnaam").fill("beheer@utrecht.nl")
    invited.get_by_label("Wachtwoord").fill(new_password)
    invited.get_by_role("button", name="Inloggen", exact=True).click()
    expect(invited.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
