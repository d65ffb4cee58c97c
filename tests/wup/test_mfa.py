"""The second login step: required for administrators and project leads, enrolment at the first
login (authenticator app + recovery codes), a code at every later login, nothing replaceable
with a password alone; audited."""

import re
import time

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD
from wup.models import AuditEntry

HOME = reverse("wup:backoffice")


@pytest.fixture(autouse=True)
def _second_step_on(settings):
    settings.MFA_REQUIRED = True


def log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client.get(HOME)


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(client, user) -> list[str]:
    page = client.get(reverse("mfa_setup"))
    assert page.status_code == 200
    assert "<svg" in page.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("mfa_setup"), {"code": code_for(device)})
    assert response.url == reverse("mfa_recovery_codes")
    codes = client.get(response.url)
    return re.findall(r"<code>(\w+)</code>", codes.text)


@pytest.mark.parametrize("role", ["admin", "lead"])
def test_admins_and_leads_enrol_at_their_first_login(client, request, role):
    user = request.getfixturevalue(role)
    response = log_in(client, user)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_setup"))
    codes = enrol(client, user)
    assert len(codes) == 10
    assert client.get(HOME).status_code == 200
    # Shown once.
    assert client.get(reverse("mfa_recovery_codes")).status_code == 302
    assert AuditEntry.objects.filter(action="mfa_enrol", actor=user, result="ok").exists()


def test_a_later_login_asks_for_the_apps_code(client, lead):
    log_in(client, lead)
    enrol(client, lead)
    client.logout()
    response = log_in(client, lead)
    assert response.url.startswith(reverse("mfa_verify"))
    assert client.get(HOME).status_code == 302
    wrong = client.post(reverse("mfa_verify"), {"code": "000000"})
    assert wrong.status_code == 422
    assert "klopt niet" in wrong.text
    device = TOTPDevice.objects.get(user=lead)
    device.throttle_reset()
    # A code is good once: the next one comes 30 seconds after the one used to enrol.
    with time_machine.travel(time.time() + 31):
        ok = client.post(reverse("mfa_verify"), {"code": code_for(device), "next": HOME})
    assert ok.url == HOME
    assert client.get(HOME).status_code == 200
    results = list(
        AuditEntry.objects.filter(action="mfa_verify")
        .order_by("pk")
        .values_list("result", flat=True)
    )
    assert results == ["denied", "ok"]


def test_a_recovery_code_works_once(client, lead):
    log_in(client, lead)
    code = enrol(client, lead)[0]
    client.logout()
    log_in(client, lead)
    assert client.post(reverse("mfa_verify"), {"code": code}).status_code == 302
    assert client.get(HOME).status_code == 200
    client.logout()
    log_in(client, lead)
    assert client.post(reverse("mfa_verify"), {"code": code}).status_code == 422
    assert StaticToken.objects.count() == 9


def test_a_password_alone_cannot_replace_the_device(client, lead):
    log_in(client, lead)
    enrol(client, lead)
    client.logout()
    log_in(client, lead)
    response = client.get(reverse("mfa_setup"))
    assert response.url == reverse("mfa_verify")
    assert TOTPDevice.objects.filter(user=lead).count() == 1


def test_council_members_and_partners_are_not_asked(client, council_member):
    response = log_in(client, council_member)
    assert response.status_code == 200


def test_a_municipality_asks_the_second_step_of_every_member_when_its_admin_says_so(
    client, admin, council_member, municipality, settings
):
    settings.MFA_REQUIRED = False  # the admin's own second step is not what this test is about
    client.force_login(admin)
    settings_url = reverse("wup:bo_settings", args=[municipality.slug])
    form = client.get(settings_url)
    assert "Tweede stap bij inloggen voor alle leden" in form.text
    data = {
        "name": municipality.name,
        "theme_colour": municipality.theme_colour,
        "intro": municipality.intro,
        "milestone_behind_days": municipality.milestone_behind_days,
        "milestone_far_behind_days": municipality.milestone_far_behind_days,
        "mfa_for_all_roles": "on",
    }
    assert client.post(settings_url, data).status_code == 302
    municipality.refresh_from_db()
    assert municipality.mfa_for_all_roles
    assert AuditEntry.objects.filter(action="update", actor=admin).exists()
    client.logout()

    settings.MFA_REQUIRED = True
    response = log_in(client, council_member)  # the raadslid that was not asked before, now is
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_setup"))


def test_an_unverified_lead_gets_nowhere_else(client, lead, neighbourhood):
    log_in(client, lead)
    for url in (
        reverse("wup:bo_municipality", args=["testdal"]),
        reverse("wup:bo_neighbourhood_edit", args=["testdal", "bloemenwijk"]),
        reverse("wup:bo_audit_log", args=["testdal"]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("mfa_setup") + "?next=")
    htmx = client.get(HOME, HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == reverse("mfa_setup")
    # Logging out still works.
    assert client.post(reverse("logout")).status_code == 302


def test_next_must_be_our_own(client, lead):
    log_in(client, lead)
    enrol(client, lead)
    client.logout()
    log_in(client, lead)
    device = TOTPDevice.objects.get(user=lead)
    with time_machine.travel(time.time() + 31):
        response = client.post(
            reverse("mfa_verify"), {"code": code_for(device), "next": "https://evil.example/"}
        )
    assert response.url == HOME


def test_an_admin_resets_a_members_second_step_and_it_is_audited(client, admin, lead):
    log_in(client, lead)
    enrol(client, lead)
    client.logout()
    membership = lead.memberships.get()
    client.force_login(admin)
    session = client.session
    session["ww_mfa_required"] = False  # the admin's own second step is not what this is about
    session.save()
    response = client.post(reverse("wup:bo_member_mfa_reset", args=["testdal", membership.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=lead).exists()
    assert not StaticToken.objects.exists()
    entry = AuditEntry.objects.get(action="reset_mfa")
    assert (entry.actor, entry.object_id) == (admin, str(membership.pk))
    client.logout()
    assert log_in(client, lead).url.startswith(reverse("mfa_setup"))


def test_a_member_of_another_municipality_too_is_not_reset_here(client, admin, lead):
    from tests.factories import MembershipFactory, MunicipalityFactory

    MembershipFactory(user=lead, municipality=MunicipalityFactory(slug="elders"), role="admin")
    TOTPDevice.objects.create(user=lead, name="app", confirmed=True)
    client.force_login(admin)
    session = client.session
    session["ww_mfa_required"] = False
    session.save()
    membership = lead.memberships.get(municipality__slug="testdal")
    client.post(reverse("wup:bo_member_mfa_reset", args=["testdal", membership.pk]))
    assert TOTPDevice.objects.filter(user=lead).exists()
    assert not AuditEntry.objects.filter(action="reset_mfa").exists()
