"""What no view records itself goes into the audit trail (wup.audit.AuditMiddleware): a signed-in
person refused in the back office, and every file a signed-in person downloads. And a member
limited to some neighbourhoods changes only parties that work in none but theirs."""

from django.urls import reverse

from tests.factories import MembershipFactory, NeighbourhoodFactory, PartyFactory, UserFactory
from wup.models import AuditEntry, Party, Role

PARTY_FORM = {"name": "Energiecoöperatie Oost", "party_type": "energiecooperatie", "website": ""}


def test_a_read_only_member_refused_a_change_is_audited(client, council_member, party):
    client.force_login(council_member)
    url = reverse("wup:bo_party_edit", args=["testdal", party.pk])
    response = client.post(url, {"name": "Gekaapt"}, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 403
    entry = AuditEntry.objects.get()
    assert entry.result == AuditEntry.Result.DENIED
    assert entry.action == "access"
    assert entry.actor == council_member
    assert entry.municipality.slug == "testdal"
    assert entry.object_repr == url
    assert entry.changes == {"statuscode": 403, "methode": "POST"}
    assert entry.ip_address == "192.0.2.9"


def test_an_outsider_probing_another_municipality_is_audited(client, outsider, municipality):
    client.force_login(outsider)
    response = client.get(reverse("wup:bo_parties", args=["testdal"]))
    assert response.status_code == 404
    entry = AuditEntry.objects.get()
    assert entry.result == AuditEntry.Result.DENIED
    assert entry.actor == outsider
    assert entry.municipality == municipality
    assert entry.changes["statuscode"] == 404


def test_a_public_page_not_found_is_not_evidence(client, lead):
    client.force_login(lead)
    assert client.get("/testdal/bestaat-niet/").status_code == 404
    assert not AuditEntry.objects.exists()


def test_a_signed_in_download_is_audited(client, lead, municipality):
    client.force_login(lead)
    response = client.get(reverse("dashboard:measurements_export", args=["testdal"]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert entry.action == "export"
    assert entry.result == AuditEntry.Result.OK
    assert entry.object_repr.startswith("metingen-testdal-")
    assert entry.municipality == municipality


def _limited_lead(municipality, *neighbourhoods):
    user = UserFactory(username="wijkregisseur")
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.set(neighbourhoods)
    return user


def test_a_limited_member_changes_only_parties_of_their_own_neighbourhoods(
    client, municipality, neighbourhood, party
):
    other = NeighbourhoodFactory(municipality=municipality, name="Havenkwartier", slug="haven")
    both = PartyFactory(municipality=municipality, name="Netbeheerder")
    both.neighbourhoods.set([neighbourhood, other])
    unlinked = PartyFactory(municipality=municipality, name="Buurtvereniging")
    client.force_login(_limited_lead(municipality, neighbourhood))

    # Their own neighbourhood's party and one without neighbourhoods: editable.
    for own in (party, unlinked):
        url = reverse("wup:bo_party_edit", args=["testdal", own.pk])
        assert client.get(url).status_code == 200
    # A party that also works elsewhere: read in the list, refused to change, audited.
    url = reverse("wup:bo_party_edit", args=["testdal", both.pk])
    response = client.post(url, {**PARTY_FORM, "neighbourhoods": [neighbourhood.pk]})
    assert response.status_code == 403
    both.refresh_from_db()
    assert both.name == "Netbeheerder"
    assert AuditEntry.objects.get(result=AuditEntry.Result.DENIED).object_repr == url

    listing = client.get(reverse("wup:bo_parties", args=["testdal"])).text
    assert reverse("wup:bo_party_edit", args=["testdal", party.pk]) in listing
    assert reverse("wup:bo_party_edit", args=["testdal", both.pk]) not in listing
    assert "Netbeheerder" in listing
    assert "alleen partijen wijzigen die uitsluitend in uw wijken werken" in listing


def test_a_limited_member_cannot_link_a_party_to_another_neighbourhood(
    client, municipality, neighbourhood
):
    other = NeighbourhoodFactory(municipality=municipality, name="Havenkwartier", slug="haven")
    client.force_login(_limited_lead(municipality, neighbourhood))
    url = reverse("wup:bo_party_create", args=["testdal"])
    assert "Havenkwartier" not in client.get(url).text
    response = client.post(url, {**PARTY_FORM, "neighbourhoods": [other.pk]})
    assert response.status_code == 200  # the form again, with the error
    assert "geldige keuze" in response.text
    assert not Party.objects.filter(name=PARTY_FORM["name"]).exists()
    response = client.post(url, {**PARTY_FORM, "neighbourhoods": [neighbourhood.pk]})
    assert response.status_code == 302
    assert list(Party.objects.get(name=PARTY_FORM["name"]).neighbourhoods.all()) == [neighbourhood]
