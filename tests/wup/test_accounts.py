"""Staff logins and password resets: lockout per account and per address, the owner's mail, the
audit trail, equal answers for known and unknown addresses, and the password rules in Dutch."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import TEST_PASSWORD, UserFactory
from wup.models import AuditEntry

LOGIN = "/accounts/login/"
BALANCER = "10.0.0.2"
CLIENT = "198.51.100.7"


@pytest.fixture(autouse=True)
def _behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SITE_URL = "https://wijkwaarde.example.nl"


def attempt(client, username, password="verkeerd-wachtwoord-123", address=CLIENT, spoof=""):
    forwarded = f"{spoof}, {address}" if spoof else address
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_ten_wrong_passwords_lock_the_account_and_mail_its_owner(
    client, lead, django_capture_on_commit_callbacks
):
    for n in range(1, 10):
        response = attempt(client, lead.username, spoof=f"203.0.113.{n}")
        assert response.status_code == 200, n
    with django_capture_on_commit_callbacks(execute=True):
        tenth = attempt(client, lead.username)
    assert tenth.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in tenth.content.decode()
    assert "15 minuten" in tenth.content.decode()

    # The right password is refused too, also from another address.
    eleventh = attempt(client, lead.username, TEST_PASSWORD, address="192.0.2.44")
    assert eleventh.status_code == 429
    assert not logged_in(client)

    # One mail to the owner, however many attempts follow.
    with django_capture_on_commit_callbacks(execute=True):
        attempt(client, lead.username)
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert "geblokkeerd" in mail.outbox[0].subject
    assert "https://wijkwaarde.example.nl/accounts/wachtwoord-vergeten/" in mail.outbox[0].body
    assert CLIENT in mail.outbox[0].body


def test_the_lock_ends_after_fifteen_quiet_minutes(client, lead):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(10):
            attempt(client, lead.username)
        assert attempt(client, lead.username, TEST_PASSWORD).status_code == 429
        traveller.shift(dt.timedelta(minutes=14))
        assert attempt(client, lead.username, TEST_PASSWORD).status_code == 429
        # That attempt counted as a failure during the lock: fifteen minutes from it.
        traveller.shift(dt.timedelta(minutes=16))
        response = attempt(client, lead.username, TEST_PASSWORD)
        assert response.status_code == 302
        assert logged_in(client)


def test_case_and_spaces_do_not_make_another_account(client, lead):
    for n in range(10):
        name = lead.username.upper() if n % 2 else f"  {lead.username} "
        attempt(client, name)
    assert attempt(client, lead.username, TEST_PASSWORD).status_code == 429


def test_unknown_accounts_are_counted_the_same_way(client, db, django_capture_on_commit_callbacks):
    for _ in range(9):
        assert attempt(client, "niemand@example.org").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert attempt(client, "niemand@example.org").status_code == 429
    assert mail.outbox == []


def test_one_address_gets_a_larger_allowance_and_a_spoofed_header_does_not_widen_it(
    client, lead, settings
):
    other = UserFactory(username="collega@example.org")
    # 49 failures over many names from one address: still let in.
    for n in range(49):
        attempt(client, f"gok{n}@example.org", spoof=f"203.0.113.{n}")
    assert attempt(client, other.username, TEST_PASSWORD, spoof="203.0.113.200").status_code == 302
    client.logout()
    # The fiftieth locks the address, whatever the client writes in front of it.
    assert attempt(client, "gok-laatste@example.org", spoof="192.0.2.1").status_code == 429
    assert attempt(client, lead.username, TEST_PASSWORD, spoof="192.0.2.99").status_code == 429
    # Another address is not affected.
    assert attempt(client, lead.username, TEST_PASSWORD, address="192.0.2.44").status_code == 302


def test_every_login_attempt_is_in_the_audit_trail_with_the_client_address(client, lead):
    attempt(client, lead.username, spoof="203.0.113.9")
    attempt(client, lead.username, TEST_PASSWORD, spoof="203.0.113.9")
    failed, succeeded = AuditEntry.objects.filter(action="login").order_by("pk")
    assert (failed.result, failed.actor, failed.actor_name) == ("denied", None, lead.username)
    assert (succeeded.result, succeeded.actor) == ("ok", lead)
    assert failed.ip_address == succeeded.ip_address == CLIENT


def test_refusals_during_a_lock_are_audited_as_locked(client, lead):
    for _ in range(10):
        attempt(client, lead.username)
    attempt(client, lead.username, TEST_PASSWORD)
    last = AuditEntry.objects.filter(action="login").order_by("pk").last()
    assert last.result == "denied"
    assert last.changes == {"vergrendeld": True}
    assert AuditEntry.objects.filter(action="login", result="denied").count() == 11


def test_the_test_clients_login_still_works(client, lead):
    assert client.login(username=lead.username, password=TEST_PASSWORD)


# --- password reset ---------------------------------------------------------------------------


def reset(client, email, address=CLIENT):
    return client.post(
        reverse("password_reset"),
        {"email": email},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_reset_does_the_same_work_for_known_and_unknown_addresses(client, lead):
    with mock.patch("wup.accounts.send_password_reset.delay") as queued:
        known = reset(client, lead.email)
        unknown = reset(client, "niemand@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    # The request only queues; the worker looks the address up.
    assert [c.args[0] for c in queued.call_args_list] == [lead.email, "niemand@example.org"]
    assert mail.outbox == []


def test_the_reset_mail_links_to_the_public_address(client, lead):
    reset(client, lead.email)
    (message,) = mail.outbox
    assert message.to == [lead.email]
    assert "https://wijkwaarde.example.nl/accounts/wachtwoord-instellen/" in message.body
    assert "&quot;" not in message.subject


def test_reset_is_limited_per_account_known_or_not(client, lead):
    for email in (lead.email, "niemand@example.org"):
        for _ in range(3):
            assert reset(client, email).status_code == 302
        refused = reset(client, email, address="192.0.2.44")
        assert refused.status_code == 429
        assert "te veel links aangevraagd" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_reset_is_limited_per_address_and_a_spoofed_header_does_not_help(client, db):
    for n in range(30):
        assert (
            reset(client, f"iemand{n}@example.org", address=f"203.0.113.{n}, {CLIENT}").status_code
            == 302
        )
    assert (
        reset(client, "nog-een@example.org", address=f"203.0.113.250, {CLIENT}").status_code == 429
    )
    assert reset(client, "nog-een@example.org", address="192.0.2.44").status_code == 302


# --- password rules ---------------------------------------------------------------------------


def set_password(client, user, password):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    url = reverse("password_reset_confirm", args=[uid, token])
    form_url = client.get(url)["Location"]
    return client.post(form_url, {"new_password1": password, "new_password2": password})


@pytest.mark.parametrize(
    "password, message",
    [
        ("aaaaaaaaaaaaaaa", "herhaalt steeds hetzelfde teken of woord"),
        ("passwordpassword", "herhaalt steeds hetzelfde teken of woord"),
        ("Wachtwoord Wachtwoord", "herhaalt steeds hetzelfde teken of woord"),
        ("wachtwoord12345", "veelgebruikte en gelekte wachtwoorden"),
        ("password1234567!", "veelgebruikte en gelekte wachtwoorden"),
        ("kort", "Dit wachtwoord is te kort: het moet minstens 15 tekens lang zijn."),
        ("123456789012345678", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_weak_passwords_are_refused_in_dutch(client, lead, password, message):
    response = set_password(client, lead, password)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "This password" not in page and "too short" not in page


def test_a_sentence_is_a_good_password(client, lead):
    response = set_password(client, lead, "een zin van vier woorden")
    assert response.status_code == 302


def test_the_password_rules_are_explained_in_english_on_the_english_form(client, lead):
    client.cookies["django_language"] = "en"
    response = set_password(client, lead, "passwordpassword")
    assert "repeats the same character or word" in response.content.decode()


def test_no_password_is_stored_with_a_failed_attempt(client, lead):
    from axes.models import AccessAttempt

    attempt(client, lead.username, "mijn-bijna-goede-wachtwoord")
    stored = AccessAttempt.objects.get()
    assert "mijn-bijna-goede-wachtwoord" not in stored.post_data
    assert stored.ip_address == CLIENT
