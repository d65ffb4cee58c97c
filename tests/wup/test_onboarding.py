"""A new municipality with its first administrator: the management command, the invitation
link (single use, expiry) and the first login, which asks for a second step."""

import re
import time

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from wup.models import AuditEntry, Membership, Municipality, Role

NEW_PASSWORD = "een lange zin als wachtwoord 2026"


def create(**overrides):
    options = {
        "cbs_code": "GM0344",
        "slug": "utrecht",
        "admin_email": "Beheer@Utrecht.nl",
        "admin_name": "Sam de Vries",
        **overrides,
    }
    call_command("create_municipality", "Utrecht", **options)


def invitation_link() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://\S+/accounts/uitnodiging/\S+/", message.body).group(0)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://wijkwaarde.example.nl"
    settings.MFA_REQUIRED = True


def test_the_command_creates_the_municipality_and_invites_its_first_admin(
    db, django_capture_on_commit_callbacks
):
    # The mail is Dutch, whatever language the support staff work in.
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        create()
    municipality = Municipality.objects.get(slug="utrecht")
    membership = Membership.objects.get(municipality=municipality)
    assert membership.role == Role.ADMIN
    assert membership.user.email == "beheer@utrecht.nl"
    assert not membership.user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["beheer@utrecht.nl"]
    assert "Utrecht" in message.subject
    assert invitation_link().startswith("https://wijkwaarde.example.nl/accounts/uitnodiging/")
    assert "7 dagen" in message.body
    entry = AuditEntry.objects.get(action="create_municipality")
    assert entry.municipality == municipality and entry.actor is None


def test_the_command_refuses_bad_input_and_creates_nothing(db):
    with pytest.raises(CommandError, match="cbs_code"):
        create(cbs_code="0344")
    with pytest.raises(CommandError, match="admin_email"):
        create(admin_email="geen-adres")
    assert not Municipality.objects.exists()
    assert mail.outbox == []


def test_an_existing_account_is_made_admin_without_a_new_password_link(
    db, django_capture_on_commit_callbacks
):
    UserFactory(username="beheer@utrecht.nl", email="beheer@utrecht.nl")
    with django_capture_on_commit_callbacks(execute=True):
        create()
    (message,) = mail.outbox
    assert "/accounts/uitnodiging/" not in message.body
    assert "/accounts/login/" in message.body


def test_the_invitation_link_sets_a_password_once_and_the_first_login_asks_for_a_second_step(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create()
    path = invitation_link().removeprefix("https://wijkwaarde.example.nl")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert "Welkom bij Wijkwaarde" in form_page.text
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    assert AuditEntry.objects.filter(action="invite_accepted").count() == 1

    # Used once: the same link no longer works.
    again = client.get(path, follow=True)
    assert "werkt niet meer" in again.text
    assert "new_password1" not in again.text

    response = client.post(
        reverse("login"), {"username": "beheer@utrecht.nl", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    home = client.get(reverse("wup:backoffice"))
    assert home.url.startswith(reverse("mfa_setup"))


def test_the_invitation_link_expires_after_the_configured_days(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.INVITE_TIMEOUT_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        create()
    path = invitation_link().removeprefix("https://wijkwaarde.example.nl")
    with time_machine.travel(time.time() + 6 * 86400):
        assert "new_password1" in client.get(path, follow=True).text
    with time_machine.travel(time.time() + 7 * 86400 + 60):
        page = client.get(path, follow=True)
    assert "werkt niet meer" in page.text
    assert "new_password1" not in page.text


def test_a_password_reset_token_is_no_invitation(db, client):
    """The two kinds of link have their own salt: one cannot stand in for the other."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = UserFactory(username="x@example.nl")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    page = client.get(reverse("invite_confirm", args=[uid, token]), follow=True)
    assert "werkt niet meer" in page.text
