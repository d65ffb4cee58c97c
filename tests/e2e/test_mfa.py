"""The second step in the browser: a passkey enrolled and used with Chromium's virtual
authenticator (over the DevTools protocol), under the site's own Content-Security-Policy."""

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
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")
    assert AuditEntry.objects.filter(action="mfa_enrol", actor=lead, result="ok").count() == 1
    assert AuditEntry.objects.filter(action="mfa_verify", actor=lead, result="ok").count() == 1
