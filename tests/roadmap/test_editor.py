"""The roadmap editor: who may change which part, what each form refuses, and what it costs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue.models import DialogueSession, Outcome
from roadmap.models import (
    Agreement,
    Ambition,
    CoreValue,
    Milestone,
    MunicipalRole,
    Roadmap,
    RoadmapVersion,
    Safeguard,
)
from tests.factories import NeighbourhoodFactory, PartyFactory
from wup.models import AuditEntry, Phase


def url(name: str, *args) -> str:
    return reverse(f"roadmap:{name}", args=["testdal", "bloemenwijk", *args])


@pytest.fixture
def other_party(municipality, neighbourhood):
    party = PartyFactory(municipality=municipality, name="Netbeheerder Testdal")
    party.neighbourhoods.add(neighbourhood)
    return party


@pytest.fixture
def make_outcome(neighbourhood):
    def make(*, agreed=True, neighbourhood_=None, title="Avond in De Linde", text="Betaalbaar"):
        session = DialogueSession.objects.create(
            neighbourhood=neighbourhood_ or neighbourhood,
            title=title,
            proposition="Een warmtenet",
            starts_at=timezone.make_aware(datetime.datetime(2026, 3, 12, 19, 30)),
            location="Buurthuis De Linde",
            can_influence="a",
            cannot_influence="b",
        )
        return Outcome.objects.create(session=session, kind="kader", text=text, agreed=agreed)

    return make


def actions() -> list[tuple[str, str]]:
    """The changes recorded (refusals are audited too: tests/wup/test_audit_denied.py)."""
    changes = AuditEntry.objects.exclude(result=AuditEntry.Result.DENIED)
    return list(changes.order_by("pk").values_list("action", "object_type"))


# The list and the overview


def test_list_shows_phase_milestone_count_and_latest_adopted_version(
    client, council_member, municipality, roadmap, milestone_factory
):
    milestone_factory()
    milestone_factory()
    for number in (1, 2):
        RoadmapVersion.objects.create(
            roadmap=roadmap,
            number=number,
            adopted_by="raad",
            decision_date=datetime.date(2026, number, 15),
            decision_reference=f"RB-{number}",
            reason="" if number == 1 else "Nieuwe planning",
            snapshot={},
            checksum="x",
        )
    NeighbourhoodFactory(municipality=municipality, name="Zonnehoek", slug="zonnehoek")
    client.force_login(council_member)
    response = client.get(reverse("roadmap:list", args=["testdal"]))
    rows = response.text.split("<tbody")[1]
    bloemenwijk, zonnehoek = rows.split("Bloemenwijk")[1], rows.split("Zonnehoek")[1]
    assert ">2</td>" in bloemenwijk.split("</tr>")[0]
    assert "Versie 2" in bloemenwijk.split("</tr>")[0]
    assert "15 februari 2026" in bloemenwijk.split("</tr>")[0]
    assert "nog niet vastgesteld" in zonnehoek.split("</tr>")[0]


def test_every_member_reads_the_editor_overview_and_outsiders_get_404(
    client, lead, admin, council_member, partner, outsider, roadmap, milestone_factory
):
    milestone_factory(title="Warmtenet aangelegd")
    for user in (lead, admin, council_member, partner):
        client.force_login(user)
        response = client.get(url("editor"))
        assert response.status_code == 200
        assert "Warmtenet aangelegd" in response.text
    client.force_login(outsider)
    assert client.get(url("editor")).status_code == 404


def test_council_member_sees_no_edit_links(client, council_member, roadmap, milestone_factory):
    milestone = milestone_factory()
    client.force_login(council_member)
    response = client.get(url("editor"))
    assert "U kunt de routekaart lezen, maar niet veranderen." in response.text
    assert url("milestone_edit", milestone.pk) not in response.text
    assert url("milestone_progress", milestone.pk) not in response.text
    assert url("summary") not in response.text


def test_reading_a_neighbourhood_without_a_roadmap_creates_nothing(
    client, council_member, neighbourhood
):
    client.force_login(council_member)
    response = client.get(url("editor"))
    assert response.status_code == 200
    assert "Er zijn nog geen tussendoelen." in response.text
    assert "Betaalbaarheid" in response.text  # all six safeguards are listed, still open
    assert not Roadmap.objects.exists()


def test_milestone_table_shows_owner_dates_slip_and_dependencies(
    client, lead, roadmap, milestone_factory
):
    first = milestone_factory(title="Besluit raad", baseline_date=datetime.date(2027, 3, 1))
    milestone_factory(
        title="Start aanleg",
        baseline_date=datetime.date(2027, 6, 1),
        forecast_date=datetime.date(2027, 6, 13),
        depends_on=[first],
    )
    client.force_login(lead)
    response = client.get(url("editor"))
    row = response.text.split("Start aanleg</th>")[1].split("</tr>")[0]
    assert "Woonstichting Testdal" in row
    assert "1-6-2027" in row and "13-6-2027" in row
    assert "+12" in row
    assert "Besluit raad" in row


# Roles per phase


def _roles_data(**by_phase) -> dict:
    data = {
        "rollen-TOTAL_FORMS": str(len(Phase)),
        "rollen-INITIAL_FORMS": str(len(Phase)),
        "rollen-MIN_NUM_FORMS": str(len(Phase)),
        "rollen-MAX_NUM_FORMS": str(len(Phase)),
    }
    for i, phase in enumerate(Phase.values):
        role, reasoning = by_phase.get(phase, ("", ""))
        data |= {f"rollen-{i}-role": role, f"rollen-{i}-reasoning": reasoning}
    return data


def test_lead_sets_the_municipal_role_per_phase_and_can_clear_one(client, lead, roadmap):
    client.force_login(lead)
    assert client.get(url("roles")).text.count("<fieldset") == len(Phase)
    response = client.post(
        url("roles"),
        _roles_data(
            verkennen=("aanjager", "Niemand anders begint."),
            uitvoering=("facilitator", "De corporatie voert uit."),
        ),
    )
    assert response.url == url("editor") + "#rollen"
    assert dict(roadmap.roles.values_list("phase", "role")) == {
        "verkennen": "aanjager",
        "uitvoering": "facilitator",
    }
    client.post(url("roles"), _roles_data(verkennen=("aanjager", "Niemand anders begint.")))
    assert list(roadmap.roles.values_list("phase", flat=True)) == ["verkennen"]
    assert actions() == [("update_roles", "roadmap"), ("update_roles", "roadmap")]
    assert AuditEntry.objects.order_by("pk").last().changes == {"uitvoering": ""}


def test_a_role_without_reasoning_is_refused_and_the_choice_is_kept(client, lead, roadmap):
    client.force_login(lead)
    response = client.post(url("roles"), _roles_data(planvorming=("regisseur", "")))
    assert "Leg uit waarom de gemeente deze rol kiest." in response.text
    assert '<option value="regisseur" selected>' in response.text
    assert not MunicipalRole.objects.exists()
    assert not AuditEntry.objects.exclude(result=AuditEntry.Result.DENIED).exists()


# Ambitions


def test_lead_creates_edits_and_deletes_an_ambition(client, lead, roadmap, other_party):
    client.force_login(lead)
    client.post(
        url("ambition_create"),
        {
            "party": other_party.pk,
            "text": "Netverzwaring klaar",
            "target_value": "100",
            "target_unit": "procent",
            "target_year": "2029",
        },
    )
    ambition = Ambition.objects.get()
    assert (ambition.party, ambition.target_year) == (other_party, 2029)
    client.post(
        url("ambition_edit", ambition.pk),
        {"party": other_party.pk, "text": "Netverzwaring eerder klaar", "target_year": "2028"},
    )
    ambition.refresh_from_db()
    assert ambition.text == "Netverzwaring eerder klaar"
    response = client.post(url("ambition_delete", ambition.pk))
    assert response.url == url("editor") + "#ambities"
    assert not Ambition.objects.exists()
    assert actions() == [
        ("create", "ambition"),
        ("update", "ambition"),
        ("delete", "ambition"),
    ]


def test_an_ambition_target_needs_a_unit_and_a_sensible_year(client, lead, roadmap, party):
    client.force_login(lead)
    response = client.post(
        url("ambition_create"),
        {"party": party.pk, "text": "Mijn ambitie", "target_value": "250", "target_year": "1999"},
    )
    assert "Zeg ook waarin de streefwaarde is uitgedrukt." in response.text
    assert "Kies een jaar van 2020 tot en met 2050." in response.text
    assert "Mijn ambitie" in response.text
    assert not Ambition.objects.exists()


def test_partner_adds_an_ambition_for_their_own_party_only(
    client, partner, party, other_party, roadmap
):
    client.force_login(partner)
    # A posted party is ignored: the field is fixed to the partner's own party.
    response = client.post(
        url("ambition_create"), {"party": other_party.pk, "text": "200 woningen aardgasvrij"}
    )
    assert response.status_code == 302
    assert Ambition.objects.get().party == party
    assert actions() == [("create", "ambition")]


def test_partner_edits_and_deletes_their_own_ambition(client, partner, party, roadmap):
    ambition = Ambition.objects.create(roadmap=roadmap, party=party, text="Oud")
    client.force_login(partner)
    assert client.get(url("ambition_edit", ambition.pk)).status_code == 200
    client.post(url("ambition_edit", ambition.pk), {"text": "Nieuw"})
    ambition.refresh_from_db()
    assert (ambition.text, ambition.party) == ("Nieuw", party)
    assert client.post(url("ambition_delete", ambition.pk)).status_code == 302
    assert not Ambition.objects.exists()


def test_partner_cannot_touch_another_partys_ambition(client, partner, other_party, roadmap):
    ambition = Ambition.objects.create(roadmap=roadmap, party=other_party, text="Van de ander")
    client.force_login(partner)
    assert client.get(url("ambition_edit", ambition.pk)).status_code == 403
    assert client.post(url("ambition_edit", ambition.pk), {"text": "Gekaapt"}).status_code == 403
    assert client.post(url("ambition_delete", ambition.pk)).status_code == 403
    ambition.refresh_from_db()
    assert ambition.text == "Van de ander"
    assert not AuditEntry.objects.exclude(result=AuditEntry.Result.DENIED).exists()


def test_partner_without_a_party_cannot_add_ambitions(client, partner, roadmap):
    partner.memberships.update(party=None)
    client.force_login(partner)
    assert client.get(url("ambition_create")).status_code == 403


# Core values


def test_lead_links_a_core_value_to_agreed_outcomes_and_edits_and_deletes_it(
    client, lead, roadmap, make_outcome
):
    outcome = make_outcome(title="Avond in De Linde", text="Niemand gaat er meer op achteruit")
    client.force_login(lead)
    form = client.get(url("value_create")).text
    assert "Avond in De Linde (12 maart 2026): Niemand gaat er meer op achteruit" in form
    client.post(
        url("value_create"),
        {"name": "Betaalbaar", "why": "Dat zeiden bewoners.", "outcomes": [outcome.pk], "order": 1},
    )
    value = CoreValue.objects.get()
    assert list(value.outcomes.all()) == [outcome]
    client.post(
        url("value_edit", value.pk),
        {"name": "Betaalbaar voor iedereen", "why": "x", "outcomes": [outcome.pk], "order": 1},
    )
    value.refresh_from_db()
    assert value.name == "Betaalbaar voor iedereen"
    assert "Avond in De Linde" in client.get(url("editor")).text
    client.post(url("value_delete", value.pk))
    assert not CoreValue.objects.exists()
    assert actions() == [
        ("create", "corevalue"),
        ("update", "corevalue"),
        ("delete", "corevalue"),
    ]


def test_a_core_value_only_links_agreed_outcomes_of_this_neighbourhood(
    client, lead, roadmap, municipality, make_outcome
):
    not_agreed = make_outcome(agreed=False, text="Nog open")
    elsewhere = make_outcome(
        neighbourhood_=NeighbourhoodFactory(municipality=municipality), text="Andere wijk"
    )
    client.force_login(lead)
    form = client.get(url("value_create")).text
    assert "Nog open" not in form and "Andere wijk" not in form
    for outcome in (not_agreed, elsewhere):
        response = client.post(
            url("value_create"),
            {"name": "Mijn waarde", "why": "Omdat", "outcomes": [outcome.pk], "order": 0},
        )
        assert "Kies alleen afgesproken uitkomsten van sessies in deze wijk." in response.text
        assert "Mijn waarde" in response.text
    assert not CoreValue.objects.exists()


# Milestones


def test_lead_creates_edits_and_deletes_a_milestone(
    client, lead, party, roadmap, milestone_factory
):
    first = milestone_factory(title="Besluit raad")
    client.force_login(lead)
    client.post(
        url("milestone_create"),
        {
            "title": "Start aanleg warmtenet",
            "owner": party.pk,
            "baseline_date": "2028-05-01",
            "status": "gepland",
            "depends_on": [first.pk],
        },
    )
    milestone = Milestone.objects.get(title="Start aanleg warmtenet")
    assert list(milestone.depends_on.all()) == [first]
    client.post(
        url("milestone_edit", milestone.pk),
        {
            "title": "Start aanleg warmtenet",
            "owner": party.pk,
            "baseline_date": "2028-05-01",
            "forecast_date": "2028-09-01",
            "status": "vertraagd",
        },
    )
    milestone.refresh_from_db()
    assert (milestone.forecast_date, milestone.status) == (datetime.date(2028, 9, 1), "vertraagd")
    assert list(milestone.depends_on.all()) == []
    client.post(url("milestone_delete", milestone.pk))
    assert list(Milestone.objects.all()) == [first]
    assert actions() == [
        ("create", "milestone"),
        ("update", "milestone"),
        ("delete", "milestone"),
    ]


def _milestone_data(milestone: Milestone, **changes) -> dict:
    data = {
        "title": milestone.title,
        "owner": milestone.owner_id,
        "baseline_date": milestone.baseline_date.isoformat(),
        "status": milestone.status,
        "depends_on": [m.pk for m in milestone.depends_on.all()],
    }
    return {**data, **changes}


def test_a_dependency_loop_is_refused_and_names_the_milestones(
    client, lead, roadmap, milestone_factory
):
    c = milestone_factory(title="C")
    b = milestone_factory(title="B", depends_on=[c])
    a = milestone_factory(title="A", depends_on=[b])
    client.force_login(lead)
    # C → A would close the loop A → B → C → A.
    response = client.post(url("milestone_edit", c.pk), _milestone_data(c, depends_on=[a.pk]))
    assert "Dan hangt ‘C’ via ‘A’ en ‘B’ weer van zichzelf af." in response.text
    assert list(c.depends_on.all()) == []
    assert not AuditEntry.objects.exclude(result=AuditEntry.Result.DENIED).exists()


def test_a_two_step_loop_names_the_one_milestone_in_between(
    client, lead, roadmap, milestone_factory
):
    b = milestone_factory(title="B")
    a = milestone_factory(title="A", depends_on=[b])
    client.force_login(lead)
    response = client.post(url("milestone_edit", b.pk), _milestone_data(b, depends_on=[a.pk]))
    assert "Dan hangt ‘B’ via ‘A’ weer van zichzelf af." in response.text


def test_a_milestone_cannot_depend_on_itself(client, lead, roadmap, milestone_factory):
    milestone = milestone_factory(title="Zelf")
    other = milestone_factory(title="Ander")
    client.force_login(lead)
    form = client.get(url("milestone_edit", milestone.pk)).text
    assert f'name="depends_on" value="{other.pk}"' in form
    assert f'name="depends_on" value="{milestone.pk}"' not in form
    response = client.post(
        url("milestone_edit", milestone.pk),
        _milestone_data(milestone, depends_on=[milestone.pk]),
    )
    assert "Een tussendoel kan niet van zichzelf afhangen." in response.text
    assert list(milestone.depends_on.all()) == []


def test_a_milestone_of_another_roadmap_is_not_a_choice(
    client, lead, roadmap, municipality, party, milestone_factory
):
    milestone = milestone_factory()
    elsewhere = Roadmap.objects.create(
        neighbourhood=NeighbourhoodFactory(municipality=municipality)
    )
    stranger = Milestone.objects.create(
        roadmap=elsewhere, owner=party, title="Elders", baseline_date=datetime.date(2028, 1, 1)
    )
    client.force_login(lead)
    response = client.post(
        url("milestone_edit", milestone.pk), _milestone_data(milestone, depends_on=[stranger.pk])
    )
    assert "Kies alleen tussendoelen van deze routekaart." in response.text


def test_an_achieved_date_in_the_future_is_refused_and_the_input_kept(client, lead, party, roadmap):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    client.force_login(lead)
    response = client.post(
        url("milestone_create"),
        {
            "title": "Mijn tussendoel",
            "description": "Wat ik typte",
            "owner": party.pk,
            "baseline_date": "2026-01-10",
            "forecast_date": "2025-12-01",
            "achieved_date": future,
            "status": "behaald",
        },
    )
    assert "Een tussendoel kan niet in de toekomst behaald zijn." in response.text
    for typed in ("Mijn tussendoel", "Wat ik typte", "2026-01-10", "2025-12-01", future):
        assert typed in response.text
    assert not Milestone.objects.exists()


def test_a_bad_date_is_refused_and_the_rest_kept(client, lead, party, roadmap):
    client.force_login(lead)
    response = client.post(
        url("milestone_create"),
        {"title": "Mijn tussendoel", "owner": party.pk, "baseline_date": "31-02-2027"},
    )
    assert "Voer een geldige datum in." in response.text
    assert "Mijn tussendoel" in response.text and "31-02-2027" in response.text
    assert not Milestone.objects.exists()


def test_a_forecast_before_the_baseline_is_allowed(client, lead, roadmap, milestone_factory):
    milestone = milestone_factory(baseline_date=datetime.date(2028, 6, 1))
    client.force_login(lead)
    response = client.post(
        url("milestone_progress", milestone.pk),
        {"forecast_date": "2028-04-01", "status": "op_schema"},
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.slip_days == -61


def test_status_and_achieved_date_must_agree(client, lead, roadmap, milestone_factory):
    milestone = milestone_factory()
    client.force_login(lead)
    progress = url("milestone_progress", milestone.pk)
    response = client.post(progress, {"status": "behaald"})
    assert "Vul in op welke dag het tussendoel is behaald." in response.text
    response = client.post(progress, {"status": "op_schema", "achieved_date": "2025-05-01"})
    assert "kies de status Behaald" in response.text
    milestone.refresh_from_db()
    assert milestone.status == "gepland"


def test_lead_reports_progress_with_an_audit_entry(client, lead, roadmap, milestone_factory):
    milestone = milestone_factory()
    client.force_login(lead)
    client.post(
        url("milestone_progress", milestone.pk),
        {"achieved_date": "2025-05-01", "status": "behaald"},
    )
    milestone.refresh_from_db()
    assert (milestone.achieved_date, milestone.status) == (datetime.date(2025, 5, 1), "behaald")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.changes["status"]) == ("update_progress", "behaald")


def test_partner_reports_progress_on_their_own_milestone_only(
    client, partner, other_party, roadmap, milestone_factory
):
    own = milestone_factory(title="Eigen")
    foreign = milestone_factory(title="Van de netbeheerder", owner=other_party)
    client.force_login(partner)
    overview = client.get(url("editor")).text
    assert url("milestone_progress", own.pk) in overview
    assert url("milestone_progress", foreign.pk) not in overview
    response = client.post(
        url("milestone_progress", own.pk), {"forecast_date": "2027-09-01", "status": "risico"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.forecast_date, own.status) == (datetime.date(2027, 9, 1), "risico")
    assert client.get(url("milestone_progress", foreign.pk)).status_code == 403
    response = client.post(url("milestone_progress", foreign.pk), {"status": "risico"})
    assert response.status_code == 403
    foreign.refresh_from_db()
    assert foreign.status == "gepland"
    assert actions() == [("update_progress", "milestone")]


def test_partner_cannot_edit_a_milestone_in_full_even_their_own(
    client, partner, roadmap, milestone_factory
):
    own = milestone_factory(title="Eigen")
    client.force_login(partner)
    assert client.get(url("milestone_edit", own.pk)).status_code == 403
    response = client.post(url("milestone_edit", own.pk), _milestone_data(own, title="Anders"))
    assert response.status_code == 403
    assert client.post(url("milestone_delete", own.pk)).status_code == 403
    own.refresh_from_db()
    assert own.title == "Eigen"


# Agreements, safeguards, summary


def test_lead_creates_edits_and_deletes_an_agreement(client, lead, party, other_party, roadmap):
    client.force_login(lead)
    client.post(
        url("agreement_create"),
        {
            "title": "Samenwerking warmtenet",
            "parties": [party.pk, other_party.pk],
            "agreement_type": "samenwerkingsovereenkomst",
            "status": "concept",
            "woo_category": "convenanten",
        },
    )
    agreement = Agreement.objects.get()
    assert set(agreement.parties.all()) == {party, other_party}
    client.post(
        url("agreement_edit", agreement.pk),
        {
            "title": "Samenwerking warmtenet",
            "parties": [party.pk],
            "agreement_type": "samenwerkingsovereenkomst",
            "status": "vastgesteld",
            "woo_category": "convenanten",
            "signed_on": "2025-11-03",
        },
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == ("vastgesteld", datetime.date(2025, 11, 3))
    client.post(url("agreement_delete", agreement.pk))
    assert not Agreement.objects.exists()
    assert actions() == [
        ("create", "agreement"),
        ("update", "agreement"),
        ("delete", "agreement"),
    ]


def test_an_agreement_cannot_be_signed_in_the_future(client, lead, party, roadmap):
    client.force_login(lead)
    response = client.post(
        url("agreement_create"),
        {
            "title": "Mijn afspraak",
            "parties": [party.pk],
            "agreement_type": "convenant",
            "status": "concept",
            "woo_category": "convenanten",
            "signed_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert "De datum van ondertekening ligt in de toekomst." in response.text
    assert "Mijn afspraak" in response.text


def _safeguard_data(roadmap, **by_kind) -> dict:
    safeguards = list(roadmap.safeguards.order_by("pk"))
    data = {
        "waarborgen-TOTAL_FORMS": str(len(safeguards)),
        "waarborgen-INITIAL_FORMS": str(len(safeguards)),
        "waarborgen-MIN_NUM_FORMS": "0",
        "waarborgen-MAX_NUM_FORMS": "1000",
    }
    for i, s in enumerate(safeguards):
        status, evidence = by_kind.get(s.kind, (s.status, s.evidence))
        data |= {
            f"waarborgen-{i}-id": s.pk,
            f"waarborgen-{i}-status": status,
            f"waarborgen-{i}-evidence": evidence,
        }
    return data


def test_lead_records_the_six_safeguards_with_evidence(client, lead, neighbourhood):
    client.force_login(lead)
    page = client.get(url("safeguards")).text  # the first visit creates the six rows
    assert page.count("<fieldset") == 6
    roadmap = Roadmap.objects.get()
    response = client.post(
        url("safeguards"),
        _safeguard_data(
            roadmap,
            betaalbaarheid=("geborgd", "Woonlastenwaarborg in het raadsbesluit."),
            doenvermogen=("in_uitwerking", "Energiecoaches per straat."),
        ),
    )
    assert response.url == url("editor") + "#waarborgen"
    affordability = Safeguard.objects.get(kind="betaalbaarheid")
    assert affordability.status == "geborgd"
    assert sorted(actions()) == [("update", "safeguard"), ("update", "safeguard")]


def test_a_secured_safeguard_needs_evidence(client, lead, roadmap):
    client.force_login(lead)
    response = client.post(
        url("safeguards"), _safeguard_data(roadmap, redelijke_termijn=("geborgd", ""))
    )
    assert "Leg uit hoe deze waarborg geborgd is." in response.text
    assert not Safeguard.objects.filter(status="geborgd").exists()


def test_lead_writes_the_plain_language_summary(client, lead, roadmap):
    client.force_login(lead)
    assert "Dit veld is verplicht" in client.post(url("summary"), {"summary": ""}).text
    client.post(url("summary"), {"summary": "In 2030 is de wijk aardgasvrij."})
    roadmap.refresh_from_db()
    assert roadmap.summary == "In 2030 is de wijk aardgasvrij."
    assert actions() == [("update", "roadmap")]
    assert "In 2030 is de wijk aardgasvrij." in client.get(url("editor")).text


# Who may change what

EDIT_URLS = [
    ("roles", None),
    ("ambition_create", None),
    ("ambition_edit", "ambition"),
    ("ambition_delete", "ambition"),
    ("value_create", None),
    ("value_edit", "value"),
    ("value_delete", "value"),
    ("milestone_create", None),
    ("milestone_edit", "milestone"),
    ("milestone_delete", "milestone"),
    ("milestone_progress", "milestone"),
    ("agreement_create", None),
    ("agreement_edit", "agreement"),
    ("agreement_delete", "agreement"),
    ("safeguards", None),
    ("summary", None),
]
DELETE_ONLY = {"ambition_delete", "value_delete", "milestone_delete", "agreement_delete"}

# What a partner whose party owns the ambition and the milestone may do.
PARTNER_ALLOWED = {"ambition_create", "ambition_edit", "ambition_delete", "milestone_progress"}


@pytest.fixture
def parts(roadmap, party, milestone_factory):
    agreement = Agreement.objects.create(roadmap=roadmap, title="A", agreement_type="convenant")
    agreement.parties.add(party)
    return {
        "ambition": Ambition.objects.create(roadmap=roadmap, party=party, text="A").pk,
        "value": CoreValue.objects.create(roadmap=roadmap, name="V", why="W").pk,
        "milestone": milestone_factory().pk,
        "agreement": agreement.pk,
    }


def _part_url(parts, name, part):
    return url(name, parts[part]) if part else url(name)


@pytest.mark.parametrize(("name", "part"), EDIT_URLS)
def test_council_member_cannot_change_any_part(client, council_member, parts, name, part):
    client.force_login(council_member)
    if name not in DELETE_ONLY:
        assert client.get(_part_url(parts, name, part)).status_code == 403
    assert client.post(_part_url(parts, name, part), {}).status_code == 403
    assert not AuditEntry.objects.exclude(result=AuditEntry.Result.DENIED).exists()


@pytest.mark.parametrize(("name", "part"), EDIT_URLS)
def test_partner_changes_only_own_ambitions_and_milestone_progress(
    client, partner, parts, name, part
):
    client.force_login(partner)
    expected = 200 if name in PARTNER_ALLOWED else 403
    if name not in DELETE_ONLY:
        assert client.get(_part_url(parts, name, part)).status_code == expected
    else:
        expected = 302 if name in PARTNER_ALLOWED else 403
        assert client.post(_part_url(parts, name, part)).status_code == expected


@pytest.mark.parametrize(("name", "part"), EDIT_URLS)
def test_outsiders_and_leads_of_other_neighbourhoods_get_404(
    client, outsider, lead, municipality, parts, name, part
):
    membership = lead.memberships.get()
    membership.limited_to_neighbourhoods = True
    membership.save()
    membership.neighbourhoods.add(NeighbourhoodFactory(municipality=municipality))
    for user in (outsider, lead):
        client.force_login(user)
        assert client.post(_part_url(parts, name, part), {}).status_code == 404


# Cost


def _fill(roadmap, party, make_outcome, milestone_factory, n: int) -> None:
    outcome = make_outcome(text=f"Uitkomst {n}")
    previous = None
    for i in range(n):
        Ambition.objects.create(roadmap=roadmap, party=party, text=f"Ambitie {n}-{i}")
        value = CoreValue.objects.create(roadmap=roadmap, name=f"Waarde {n}-{i}", why="w")
        value.outcomes.add(outcome)
        previous = milestone_factory(depends_on=[previous] if previous else [])
        agreement = Agreement.objects.create(
            roadmap=roadmap, title=f"Afspraak {n}-{i}", agreement_type="convenant"
        )
        agreement.parties.add(party)
        MunicipalRole.objects.get_or_create(
            roadmap=roadmap, phase=Phase.values[i % len(Phase)], defaults={"role": "regisseur"}
        )


@pytest.mark.parametrize("size", [2, 25])
def test_editor_overview_runs_a_fixed_number_of_queries(
    client, lead, party, roadmap, make_outcome, milestone_factory, django_assert_num_queries, size
):
    _fill(roadmap, party, make_outcome, milestone_factory, size)
    client.force_login(lead)
    # session, user, membership, neighbourhood, roadmap (access); roadmap again with its parts:
    # roles, ambitions, values, their outcomes, milestones, their dependencies, agreements,
    # their parties, safeguards, versions.
    with django_assert_num_queries(16):
        response = client.get(url("editor"))
    assert response.text.count("Ambitie ") >= size


@pytest.mark.parametrize("size", [2, 25])
def test_roadmap_list_runs_a_fixed_number_of_queries(
    client, lead, municipality, roadmap, milestone_factory, django_assert_num_queries, size
):
    for _ in range(size):
        NeighbourhoodFactory(municipality=municipality)
        milestone_factory()
    client.force_login(lead)
    # session, user, membership, neighbourhoods with their counts and versions
    with django_assert_num_queries(4):
        client.get(reverse("roadmap:list", args=["testdal"]))
