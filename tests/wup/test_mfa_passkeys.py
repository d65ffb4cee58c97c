"""Passkeys as the second step (django-otp-webauthn, wup/views/mfa.py): offered first, only for
a signed-in person, never to replace a device with a password alone, and removed by a reset.
The ceremony itself runs in the browser: tests/e2e/test_mfa.py."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from tests.factories import TEST_PASSWORD
from wup import mfa
from wup.models import AuditEntry

REGISTER_BEGIN = reverse("otp_webauthn:credential-registration-begin")
AUTH_BEGIN = reverse("otp_webauthn:credential-authentication-begin")
AUTH_COMPLETE = reverse("otp_webauthn:credential-authentication-complete")


@pytest.fixture(autouse=True)
def _second_step_on(settings):
    settings.MFA_REQUIRED = True
    settings.OTP_WEBAUTHN_RP_ID = "testserver"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://testserver"]


def passkey_for(user) -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(
        user=user,
        name="Laptop",
        confirmed=True,
        credential_id=b"\x01" * 16,
        public_key=b"\x02" * 32,
        sign_count=0,
    )


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_the_first_login_can_start_enrolling_a_passkey(client, lead):
    log_in(client, lead)
    page = client.get(reverse("mfa_setup"))
    assert page.status_code == 200
    assert page.text.index("Met een passkey") < page.text.index("Met een authenticator-app")
    # The library's scripts come from our own static files, its texts from our URL.
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in page.text
    assert reverse("otp_webauthn:js-i18n-catalog") in page.text
    options = client.post(REGISTER_BEGIN)
    assert options.status_code == 200
    assert options.json()["rp"]["id"] == "testserver"
    assert options.json()["authenticatorSelection"]["userVerification"]


def test_a_password_alone_cannot_add_a_passkey_to_an_account_with_a_device(client, lead):
    TOTPDevice.objects.create(user=lead, name="app", confirmed=True)
    log_in(client, lead)
    refused = client.post(REGISTER_BEGIN)
    assert refused.status_code == 403
    assert not WebAuthnCredential.objects.filter(user=lead).exists()


def test_the_second_step_offers_the_passkey_first(client, lead):
    passkey_for(lead)
    log_in(client, lead)
    assert client.get(reverse("wup:backoffice")).url.startswith(reverse("mfa_verify"))
    page = client.get(reverse("mfa_verify"))
    assert page.text.index("Inloggen met passkey") < page.text.index('name="code"')
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in page.text
    # Only the passkey: the code field is for the recovery codes.
    assert "Met een herstelcode" in page.text
    assert client.post(AUTH_BEGIN).status_code == 200


def test_no_passkey_login_without_the_password(client, lead):
    passkey_for(lead)
    assert client.post(AUTH_BEGIN).status_code == 403


def test_a_failed_passkey_answer_is_audited_and_lets_nobody_in(client, lead):
    passkey_for(lead)
    log_in(client, lead)
    client.post(AUTH_BEGIN)
    bad = client.post(AUTH_COMPLETE, data={"id": "x"}, content_type="application/json")
    assert bad.status_code >= 400
    assert client.get(reverse("wup:backoffice")).status_code == 302
    assert AuditEntry.objects.filter(action="mfa_verify", actor=lead, result="denied").exists()


def test_a_reset_removes_passkeys_too(lead):
    passkey_for(lead)
    TOTPDevice.objects.create(user=lead, name="app", confirmed=True)
    mfa.new_recovery_codes(lead)
    assert mfa.reset(lead) == 3
    assert not WebAuthnCredential.objects.filter(user=lead).exists()
    assert not StaticDevice.objects.filter(user=lead).exists()


def test_the_passkey_scripts_speak_the_persons_language(client, db):
    catalog = reverse("otp_webauthn:js-i18n-catalog")
    dutch = client.get(catalog)
    assert dutch.status_code == 200
    assert "Verificatie geannuleerd of niet toegestaan." in dutch.text
    client.cookies["django_language"] = "en"
    english = client.get(catalog)
    assert "geannuleerd" not in english.text
