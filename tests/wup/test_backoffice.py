import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    PartyFactory,
    UserFactory,
)
from wup.models import AuditEntry, Membership, Neighbourhood, Role


def edit_url(slug="bloemenwijk"):
    return reverse("wup:bo_neighbourhood_edit", args=["testdal", slug])


NEIGHBOURHOOD_FORM = {
    "name": "Bloemenwijk",
    "slug": "bloemenwijk",
    "phase": "planvorming",
    "phase_detail": "",
    "preferred_solution": "all_electric_wp",
    "startanalyse_variant": "",
    "planned_gas_free_year": "2035",
    "summary": "Nieuwe samenvatting.",
}


def test_lead_edits_a_neighbourhood_and_the_change_is_audited(client, lead, neighbourhood):
    client.force_login(lead)
    response = client.post(edit_url(), NEIGHBOURHOOD_FORM, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302
    neighbourhood.refresh_from_db()
    assert neighbourhood.phase == "planvorming"
    assert neighbourhood.summary == "Nieuwe samenvatting."
    entry = AuditEntry.objects.get()
    assert entry.actor == lead
    assert entry.action == "update"
    assert entry.object_repr == "Bloemenwijk"
    assert entry.ip_address == "192.0.2.7"
    assert entry.changes["phase"] == "planvorming"
    assert entry.municipality == neighbourhood.municipality


def test_bad_year_is_refused_with_a_message_and_keeps_what_was_typed(client, lead, neighbourhood):
    client.force_login(lead)
    data = {**NEIGHBOURHOOD_FORM, "planned_gas_free_year": "1999", "summary": "Mijn tekst"}
    response = client.post(edit_url(), data)
    assert response.status_code == 200
    assert "Kies een jaar tussen 2020 en 2050." in response.text
    assert "Mijn tekst" in response.text
    assert AuditEntry.objects.count() == 0


def test_new_neighbourhood_gets_a_slug_from_its_name(client, lead, municipality):
    client.force_login(lead)
    data = {**NEIGHBOURHOOD_FORM, "name": "De Gaarde", "slug": ""}
    client.post(reverse("wup:bo_neighbourhood_create", args=["testdal"]), data)
    created = Neighbourhood.objects.get(name="De Gaarde")
    assert created.slug == "de-gaarde"
    assert created.municipality == municipality
    assert AuditEntry.objects.get().action == "create"


def test_duplicate_slug_is_refused(client, lead, neighbourhood):
    client.force_login(lead)
    data = {**NEIGHBOURHOOD_FORM, "name": "Andere wijk", "slug": "bloemenwijk"}
    response = client.post(reverse("wup:bo_neighbourhood_create", args=["testdal"]), data)
    assert "Er is al een wijk met dit adres" in response.text
    assert Neighbourhood.objects.count() == 1


def test_council_member_cannot_edit_a_neighbourhood(client, council_member, neighbourhood):
    client.force_login(council_member)
    response = client.post(edit_url(), NEIGHBOURHOOD_FORM)
    assert response.status_code == 403
    neighbourhood.refresh_from_db()
    assert neighbourhood.summary != "Nieuwe samenvatting."


def test_lead_of_another_municipality_cannot_see_ours(client, outsider, neighbourhood):
    client.force_login(outsider)
    assert client.get(reverse("wup:bo_municipality", args=["testdal"])).status_code == 404
    assert client.post(edit_url(), NEIGHBOURHOOD_FORM).status_code == 404


def test_limited_lead_sees_only_their_neighbourhoods(client, municipality, neighbourhood):
    mine = NeighbourhoodFactory(municipality=municipality, name="Mijn wijk", slug="mijn-wijk")
    user = UserFactory()
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.add(mine)
    client.force_login(user)
    response = client.get(reverse("wup:bo_municipality", args=["testdal"]))
    assert "Mijn wijk" in response.text
    assert "Bloemenwijk" not in response.text
    assert client.get(edit_url()).status_code == 404
    assert client.get(edit_url("mijn-wijk")).status_code == 200


def test_backoffice_list_query_count_does_not_grow(
    client, lead, municipality, django_assert_num_queries
):
    for i in range(20):
        n = NeighbourhoodFactory(municipality=municipality)
        PartyFactory(municipality=municipality).neighbourhoods.add(n)
    client.force_login(lead)
    # session, user, membership, neighbourhoods
    with django_assert_num_queries(4):
        client.get(reverse("wup:bo_municipality", args=["testdal"]))
    with django_assert_num_queries(5):
        client.get(reverse("wup:bo_parties", args=["testdal"]))


def test_admin_invites_a_colleague_who_sets_a_password_and_logs_in(
    client, admin, municipality, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wup:bo_member_invite", args=["testdal"]),
            {"email": "Nieuw@Example.org", "name": "Nina Nieuw", "role": "council_member"},
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nieuw@example.org")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.COUNCIL_MEMBER
    assert AuditEntry.objects.get(action="invite").changes["role"] == "council_member"
    (message,) = mail.outbox
    assert message.to == ["nieuw@example.org"]
    link = re.search(r"http://testserver(/accounts/wachtwoord-instellen/\S+)", message.body)[1]

    client.logout()
    form_url = client.get(link).url  # Django swaps the token for a session-bound URL
    client.post(
        form_url,
        {"new_password1": "een zin van vier woorden", "new_password2": "een zin van vier woorden"},
    )
    assert client.login(username="nieuw@example.org", password="een zin van vier woorden")


def test_inviting_an_existing_member_is_refused(client, admin, lead):
    client.force_login(admin)
    response = client.post(
        reverse("wup:bo_member_invite", args=["testdal"]),
        {"email": lead.email, "name": "Dubbel", "role": "council_member"},
    )
    assert "al lid van deze gemeente" in response.text
    assert len(mail.outbox) == 0


def test_partner_needs_a_party(client, admin, lead):
    client.force_login(admin)
    membership = lead.memberships.get()
    response = client.post(
        reverse("wup:bo_member_edit", args=["testdal", membership.pk]), {"role": "partner"}
    )
    assert "Kies de partij" in response.text
    membership.refresh_from_db()
    assert membership.role == Role.PROJECT_LEAD


def test_admin_changes_a_role_and_it_is_audited(client, admin, lead):
    client.force_login(admin)
    membership = lead.memberships.get()
    client.post(
        reverse("wup:bo_member_edit", args=["testdal", membership.pk]), {"role": "council_member"}
    )
    membership.refresh_from_db()
    assert membership.role == Role.COUNCIL_MEMBER
    assert AuditEntry.objects.get(action="change_role").object_id == str(membership.pk)


def test_admin_cannot_demote_themselves(client, admin):
    client.force_login(admin)
    membership = admin.memberships.get()
    response = client.post(
        reverse("wup:bo_member_edit", args=["testdal", membership.pk]), {"role": "council_member"}
    )
    assert "eigen rol" in response.text
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_admin_removes_a_member(client, admin, lead):
    client.force_login(admin)
    membership = lead.memberships.get()
    client.post(reverse("wup:bo_member_remove", args=["testdal", membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert client.get(reverse("wup:bo_members", args=["testdal"])).status_code == 200
    client.force_login(lead)
    assert client.get(reverse("wup:bo_municipality", args=["testdal"])).status_code == 404


def test_audit_log_shows_changes_escaped(client, admin, lead, neighbourhood):
    client.force_login(lead)
    client.post(edit_url(), {**NEIGHBOURHOOD_FORM, "phase_detail": "<script>alert(1)</script>"})
    client.force_login(admin)
    response = client.get(reverse("wup:bo_audit_log", args=["testdal"]))
    assert "projectleider" in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>alert(1)" not in response.text


def test_audit_log_of_one_municipality_hides_the_others(client, admin, outsider):
    other = MunicipalityFactory()
    AuditEntry.objects.create(
        actor_name="iemand",
        municipality=other,
        action="update",
        object_type="wijk",
        object_repr="Geheime wijk",
    )
    client.force_login(admin)
    response = client.get(reverse("wup:bo_audit_log", args=["testdal"]))
    assert "Geheime wijk" not in response.text


def test_admin_sets_theme_colour_and_bad_colour_is_refused(client, admin, municipality):
    client.force_login(admin)
    url = reverse("wup:bo_settings", args=["testdal"])
    response = client.post(url, {"name": "Gemeente Testdal", "theme_colour": "rood"})
    assert "#1a5c8e" in response.text  # the hint in the error
    client.post(url, {"name": "Gemeente Testdal", "theme_colour": "#aa0000"})
    municipality.refresh_from_db()
    assert municipality.theme_colour == "#aa0000"


def test_logo_must_be_an_image(client, admin, municipality):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin)
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(
        reverse("wup:bo_settings", args=["testdal"]),
        {"name": "Gemeente Testdal", "theme_colour": "#154273", "logo": fake},
    )
    assert response.status_code == 200
    municipality.refresh_from_db()
    assert not municipality.logo


def test_password_reset_looks_the_same_for_known_and_unknown_addresses(client, lead):
    known = client.post(reverse("password_reset"), {"email": lead.email})
    unknown = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [lead.email]


def test_members_and_audit_log_query_counts_do_not_grow(client, admin, municipality):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def grow(n):
        for _ in range(n):
            member = MembershipFactory(municipality=municipality, limited_to_neighbourhoods=True)
            member.neighbourhoods.add(NeighbourhoodFactory(municipality=municipality))
            AuditEntry.objects.create(
                actor_name="x", municipality=municipality, action="update", object_type="wijk"
            )

    client.force_login(admin)
    counts = []
    for n in (2, 20):
        grow(n)
        for name in ("wup:bo_members", "wup:bo_audit_log"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name, args=["testdal"])).status_code == 200
            counts.append((name, len(queries)))
    assert counts[:2] == counts[2:]
