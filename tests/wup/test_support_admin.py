"""The support staff's Django admin (wup/admin_site.py, wup/admin.py): staff with a passed
second step only, changes and views of residents' data audited, personal data read-only, and
a new municipality with its first administrator invited."""

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from wup.models import AuditEntry, ConsentRecord, Follower, Membership, Municipality

INDEX = reverse("admin:index")


@pytest.fixture(autouse=True)
def _second_step_on(settings):
    settings.MFA_REQUIRED = True
    settings.SITE_URL = "https://wijkwaarde.example.nl"


@pytest.fixture
def support(db):
    return UserFactory(username="ondersteuning", is_staff=True, is_superuser=True)


def pass_second_step(client, user):
    """What django_otp.login does after a good code: the session names the device."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


@pytest.fixture
def follower(neighbourhood):
    consent = ConsentRecord.objects.create(
        email="bewoner@example.nl", purpose="follow", text_version="1", text="x"
    )
    return Follower.objects.create(
        neighbourhood=neighbourhood, email="bewoner@example.nl", consent=consent
    )


def test_the_admin_is_at_the_configured_path_not_at_admin(client, support):
    assert INDEX == "/ondersteuning-beheer/"
    assert client.get("/admin/").status_code == 404


def test_the_anonymous_go_to_the_sites_own_login(client, db):
    response = client.get(INDEX, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))


def test_members_of_a_municipality_are_refused(client, admin):
    client.force_login(admin)
    pass_second_step(client, admin)
    assert client.get(INDEX, follow=True).status_code == 403


def test_staff_pass_the_second_step_first(client, support):
    client.force_login(support)
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_setup"))


def test_verified_staff_see_municipalities_with_their_counts(client, support, admin):
    pass_second_step(client, support)
    page = client.get(reverse("admin:wup_municipality_changelist"))
    assert page.status_code == 200
    assert "Gemeente Testdal" in page.text


def test_personal_data_is_read_only_and_each_view_is_audited(client, support, follower):
    pass_second_step(client, support)
    listing = client.get(reverse("admin:wup_follower_changelist"))
    assert listing.status_code == 200
    assert "bewoner@example.nl" not in listing.text  # the list shows no contact details
    detail = client.get(reverse("admin:wup_follower_change", args=[follower.pk]))
    assert detail.status_code == 200
    assert "bewoner@example.nl" in detail.text
    assert 'name="email"' not in detail.text  # shown, not editable
    entry = AuditEntry.objects.get(action="admin_view")
    assert entry.object_type == "follower" and entry.actor == support
    assert client.get(reverse("admin:wup_follower_add")).status_code == 403
    assert client.post(reverse("admin:wup_follower_delete", args=[follower.pk])).status_code == 403
    assert Follower.objects.filter(pk=follower.pk).exists()


def test_the_audit_log_is_read_only(client, support, admin):
    pass_second_step(client, support)
    assert client.get(reverse("admin:wup_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:wup_auditentry_add")).status_code == 403


def test_a_change_in_the_admin_is_audited(client, support, municipality):
    pass_second_step(client, support)
    url = reverse("admin:wup_municipality_change", args=[municipality.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["name"] = "Gemeente Testdal-Oost"
    data.pop("logo", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(action="admin_change")
    assert entry.changes["name"] == "Gemeente Testdal-Oost"
    assert entry.municipality == municipality


def test_a_new_municipality_invites_its_first_admin(
    client, support, django_capture_on_commit_callbacks
):
    pass_second_step(client, support)
    assert client.get(reverse("admin:wup_municipality_add")).url == reverse(
        "admin:wup_municipality_new"
    )
    url = reverse("admin:wup_municipality_new")
    bad = client.post(url, {"name": "Utrecht", "cbs_code": "344", "slug": "utrecht"})
    assert bad.status_code == 422
    assert "Een gemeentecode is GM met vier cijfers." in bad.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "name": "Utrecht",
                "cbs_code": "GM0344",
                "slug": "utrecht",
                "admin_email": "beheer@utrecht.nl",
                "admin_name": "Sam de Vries",
            },
        )
    assert response.status_code == 302
    municipality = Municipality.objects.get(slug="utrecht")
    assert Membership.objects.get(municipality=municipality).user.email == "beheer@utrecht.nl"
    (message,) = mail.outbox
    assert "https://wijkwaarde.example.nl/accounts/uitnodiging/" in message.body
    entry = AuditEntry.objects.get(action="create_municipality")
    assert entry.actor == support


def test_the_reset_action_removes_every_device_and_is_audited(client, support, lead):
    TOTPDevice.objects.create(user=lead, name="app", confirmed=True)
    pass_second_step(client, support)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_step", "_selected_action": [lead.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=lead).exists()
    assert AuditEntry.objects.filter(action="reset_mfa", object_id=str(lead.pk)).exists()
