"""Roadmap versions: the snapshot, the diff, adopting (with and without a reason), immutability,
and the staff pages for history and differences."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from dialogue.models import DialogueSession, Outcome
from roadmap.models import (
    Agreement,
    Ambition,
    CoreValue,
    MunicipalRole,
    RoadmapVersion,
    Safeguard,
    adopt,
    snapshot_checksum,
)
from roadmap.snapshots import diff, empty_snapshot, take_snapshot
from tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory
from wup.models import AuditEntry, Role

DECISION = {
    "adopted_by": "college",
    "decision_date": "2026-05-12",
    "decision_reference": "CB-2026-123",
}


def url(name: str, *args) -> str:
    return reverse(f"roadmap:{name}", args=["testdal", "bloemenwijk", *args])


@pytest.fixture
def session(neighbourhood):
    return DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title="Avond in De Linde",
        proposition="Een warmtenet",
        starts_at=timezone.make_aware(datetime.datetime(2026, 3, 12, 19, 30)),
        location="Buurthuis De Linde",
        can_influence="a",
        cannot_influence="b",
        status=DialogueSession.Status.PUBLISHED,
    )


@pytest.fixture
def filled(roadmap, party, session, milestone_factory):
    """A roadmap with something in every section."""
    roadmap.summary = "De wijk gaat in 2035 over op een warmtenet."
    roadmap.save()
    MunicipalRole.objects.create(
        roadmap=roadmap, phase="uitvoering", role="regisseur", reasoning="Veel partijen."
    )
    MunicipalRole.objects.create(
        roadmap=roadmap, phase="verkennen", role="aanjager", reasoning="Niemand anders begint."
    )
    Ambition.objects.create(
        roadmap=roadmap,
        party=party,
        text="Alle huurwoningen aardgasvrij",
        target_value="450.00",
        target_unit="woningen",
        target_year=2030,
    )
    outcome = Outcome.objects.create(session=session, kind="kader", text="Niemand betaalt meer")
    value = CoreValue.objects.create(roadmap=roadmap, name="Betaalbaar", why="Woonlasten gelijk")
    value.outcomes.add(outcome)
    first = milestone_factory(title="Warmteplan klaar", baseline_date=datetime.date(2027, 1, 1))
    milestone_factory(
        title="Eerste straat aangesloten",
        baseline_date=datetime.date(2028, 6, 1),
        depends_on=[first],
    )
    agreement = Agreement.objects.create(
        roadmap=roadmap,
        title="Samenwerken aan het warmtenet",
        agreement_type="samenwerkingsovereenkomst",
        signed_on=datetime.date(2026, 4, 1),
    )
    agreement.parties.add(party)
    Safeguard.objects.filter(roadmap=roadmap, kind="betaalbaarheid").update(
        status="in_uitwerking", evidence="Landelijk fonds"
    )
    return roadmap


def _adopt(roadmap, number_reason=""):
    return adopt(
        roadmap,
        by="college",
        decision_date=datetime.date(2026, 5, 12),
        decision_reference="CB-2026-123",
        reason=number_reason,
    )


# The snapshot


def test_snapshot_holds_every_section_self_contained_and_in_dutch(filled, party, session):
    with translation.override("en"):
        snap = take_snapshot(filled)
    assert snap["summary"] == "De wijk gaat in 2035 over op een warmtenet."
    # Roles in the order of the phases, with the Dutch labels the decision showed.
    assert snap["roles"] == [
        {
            "phase": "verkennen",
            "phase_label": "Verkennen",
            "role": "aanjager",
            "role_label": "Aanjager",
            "reasoning": "Niemand anders begint.",
        },
        {
            "phase": "uitvoering",
            "phase_label": "Uitvoering",
            "role": "regisseur",
            "role_label": "Regisseur",
            "reasoning": "Veel partijen.",
        },
    ]
    [ambition] = snap["ambitions"]
    assert ambition["party_name"] == "Woonstichting Testdal"
    assert ambition["party_type_label"] == "Woningcorporatie"
    assert (ambition["target_value"], ambition["target_unit"], ambition["target_year"]) == (
        "450.00",
        "woningen",
        2030,
    )
    [value] = snap["core_values"]
    [outcome] = value["outcomes"]
    assert outcome["kind_label"] == "Kader"
    assert outcome["text"] == "Niemand betaalt meer"
    assert (outcome["session_id"], outcome["session_title"], outcome["session_date"]) == (
        session.pk,
        "Avond in De Linde",
        "2026-03-12",
    )
    first, second = snap["milestones"]
    assert (first["title"], first["owner_name"], first["baseline_date"]) == (
        "Warmteplan klaar",
        "Woonstichting Testdal",
        "2027-01-01",
    )
    assert second["depends_on"] == [first["id"]]
    [agreement] = snap["agreements"]
    assert agreement["type_label"] == "Samenwerkingsovereenkomst"
    assert agreement["status_label"] == "Concept"
    assert agreement["woo_category_label"] == "Convenanten"
    assert agreement["signed_on"] == "2026-04-01"
    assert agreement["parties"] == ["Woonstichting Testdal"]
    assert [s["kind"] for s in snap["safeguards"]][:2] == ["betaalbaarheid", "redelijke_termijn"]
    assert snap["safeguards"][0]["status_label"] == "In uitwerking"
    assert snap["safeguards"][0]["evidence"] == "Landelijk fonds"


def test_snapshot_is_json_safe_and_stable_through_the_database(filled):
    snap = take_snapshot(filled)
    assert json.loads(json.dumps(snap)) == snap
    assert snapshot_checksum(take_snapshot(filled)) == snapshot_checksum(snap)
    version = _adopt(filled)
    version = RoadmapVersion.objects.get(pk=version.pk)
    assert version.snapshot == snap
    assert snapshot_checksum(version.snapshot) == version.checksum


def test_snapshot_does_not_hold_live_milestone_progress(filled):
    before = snapshot_checksum(take_snapshot(filled))
    filled.milestones.first().mark_achieved(on=datetime.date(2026, 12, 1))
    assert snapshot_checksum(take_snapshot(filled)) == before


# The diff


def test_diff_of_identical_snapshots_is_empty(filled):
    snap = take_snapshot(filled)
    assert diff(snap, snap) == {}
    assert diff(empty_snapshot(), empty_snapshot()) == {}


def test_diff_lists_added_removed_and_changed_items_with_field_level_values():
    old = empty_snapshot() | {
        "summary": "Oud",
        "milestones": [
            {
                "id": 1,
                "title": "Plan",
                "description": "",
                "owner_name": "Gemeente",
                "baseline_date": "2027-01-01",
                "depends_on": [],
            },
            {
                "id": 2,
                "title": "Schrappen",
                "description": "",
                "owner_name": "Gemeente",
                "baseline_date": "2027-02-01",
                "depends_on": [],
            },
        ],
        "safeguards": [
            {
                "kind": "betaalbaarheid",
                "kind_label": "Betaalbaarheid",
                "status": "open",
                "status_label": "Nog niet geregeld",
                "evidence": "",
            }
        ],
    }
    new = empty_snapshot() | {
        "summary": "Nieuw",
        "milestones": [
            {
                "id": 1,
                "title": "Plan",
                "description": "",
                "owner_name": "Netbeheerder",
                "baseline_date": "2027-03-01",
                "depends_on": [3],
            },
            {
                "id": 3,
                "title": "Erbij",
                "description": "Nieuw doel",
                "owner_name": "Gemeente",
                "baseline_date": "2027-02-01",
                "depends_on": [],
            },
        ],
        "safeguards": [
            {
                "kind": "betaalbaarheid",
                "kind_label": "Betaalbaarheid",
                "status": "geborgd",
                "status_label": "Geborgd",
                "evidence": "Fonds",
            }
        ],
        "roles": [
            {
                "phase": "uitvoering",
                "phase_label": "Uitvoering",
                "role": "regisseur",
                "role_label": "Regisseur",
                "reasoning": "Omdat",
            }
        ],
    }
    with translation.override("nl"):
        result = diff(old, new)
    assert set(result) == {"summary", "milestones", "safeguards", "roles"}
    assert result["summary"]["changed"][0]["fields"][0] | {"label": None} == {
        "field": "summary",
        "label": None,
        "before": "Oud",
        "after": "Nieuw",
    }
    milestones = result["milestones"]
    assert [i["title"] for i in milestones["added"]] == ["Erbij"]
    assert [i["title"] for i in milestones["removed"]] == ["Schrappen"]
    [changed] = milestones["changed"]
    assert changed["key"] == 1
    assert [(f["field"], f["before"], f["after"]) for f in changed["fields"]] == [
        ("owner_name", "Gemeente", "Netbeheerder"),
        ("baseline_date", "1 januari 2027", "1 maart 2027"),
        ("depends_on", "–", "Erbij"),  # dependencies show by title
    ]
    [safeguard] = result["safeguards"]["changed"]
    assert safeguard["key"] == "betaalbaarheid"
    assert [(f["field"], f["before"], f["after"]) for f in safeguard["fields"]] == [
        ("status", "Nog niet geregeld", "Geborgd"),
        ("evidence", "–", "Fonds"),
    ]
    [role] = result["roles"]["added"]
    assert role["title"] == "Uitvoering"
    assert {f["field"]: f["value"] for f in role["fields"]} == {
        "role": "Regisseur",
        "reasoning": "Omdat",
    }
    assert result["roles"]["removed"] == result["roles"]["changed"] == []


def test_diff_of_a_real_edit_names_the_changed_core_value_and_agreement(filled, party):
    old = take_snapshot(filled)
    CoreValue.objects.filter(roadmap=filled).update(why="Woonlasten omlaag")
    filled.agreements.update(status="vastgesteld")
    result = diff(old, take_snapshot(filled))
    assert set(result) == {"core_values", "agreements"}
    assert [(f["before"], f["after"]) for f in result["core_values"]["changed"][0]["fields"]] == [
        ("Woonlasten gelijk", "Woonlasten omlaag")
    ]
    assert [(f["before"], f["after"]) for f in result["agreements"]["changed"][0]["fields"]] == [
        ("Concept", "Vastgesteld")
    ]


# Adopting


def test_first_adoption_needs_no_reason_and_writes_an_audit_entry(client, lead, filled):
    client.force_login(lead)
    page = client.get(url("adopt"))
    assert "Dit wordt versie 1" in page.text
    assert "Warmteplan klaar" in page.text  # the content shown before adopting
    assert 'name="reason"' not in page.text
    response = client.post(
        url("adopt"), DECISION | {"checksum": page.context["form"]["checksum"].value()}
    )
    assert response.status_code == 302
    version = filled.versions.get()
    assert (version.number, version.adopted_by, version.decision_reference, version.reason) == (
        1,
        "college",
        "CB-2026-123",
        "",
    )
    assert version.created_by == lead
    entry = AuditEntry.objects.get(action="adopt")
    assert entry.object_type == "roadmapversion"
    assert entry.changes["number"] == 1
    assert entry.changes["decision_reference"] == "CB-2026-123"


def _checksum(client) -> str:
    return client.get(url("adopt")).context["form"]["checksum"].value()


def test_an_amendment_needs_a_reason_and_shows_the_diff_first(client, lead, filled):
    _adopt(filled)
    filled.summary = "Het warmtenet komt later: 2037."
    filled.save()
    client.force_login(lead)
    page = client.get(url("adopt"))
    assert "ten opzichte van versie 1" in page.text
    assert "Het warmtenet komt later: 2037." in page.text
    checksum = page.context["form"]["checksum"].value()
    refused = client.post(url("adopt"), DECISION | {"checksum": checksum, "reason": "  "})
    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    assert filled.versions.count() == 1
    client.post(url("adopt"), DECISION | {"checksum": checksum, "reason": "Netbeheerder later"})
    assert list(filled.versions.values_list("number", "reason")) == [
        (2, "Netbeheerder later"),
        (1, ""),
    ]


def test_adopt_refuses_when_nothing_changed_since_the_latest_version(client, lead, filled):
    _adopt(filled)
    client.force_login(lead)
    page = client.get(url("adopt"))
    assert "Er is niets veranderd sinds versie 1" in page.text
    assert '<form method="post" novalidate class="ww-form">' not in page.text
    response = client.post(
        url("adopt"), DECISION | {"checksum": _checksum(client), "reason": "Nog eens"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert filled.versions.count() == 1


def test_adopt_refuses_a_draft_that_changed_after_the_user_saw_it(client, lead, filled):
    client.force_login(lead)
    seen = _checksum(client)
    filled.summary = "Iemand anders schreef dit net."
    filled.save()
    response = client.post(url("adopt"), DECISION | {"checksum": seen})
    assert response.status_code == 200
    assert "intussen veranderd" in response.text
    assert not filled.versions.exists()


def test_versions_are_numbered_one_two_three(client, admin, filled):
    client.force_login(admin)
    for n, summary in enumerate(["Een", "Twee", "Drie"], start=1):
        filled.summary = summary
        filled.save()
        reason = {} if n == 1 else {"reason": f"Wijziging {n}"}
        response = client.post(url("adopt"), DECISION | {"checksum": _checksum(client)} | reason)
        assert response.status_code == 302
    assert sorted(filled.versions.values_list("number", flat=True)) == [1, 2, 3]
    assert [v.snapshot["summary"] for v in filled.versions.order_by("number")] == [
        "Een",
        "Twee",
        "Drie",
    ]


def test_adopt_function_refuses_an_amendment_without_reason(filled):
    _adopt(filled)
    with pytest.raises(ValidationError):
        _adopt(filled, "")


def test_adopt_function_refuses_a_draft_other_than_the_one_reviewed(filled):
    reviewed = snapshot_checksum(take_snapshot(filled))
    filled.summary = "Veranderd tussen het nakijken en het vaststellen."
    filled.save()
    with pytest.raises(ValidationError, match="intussen veranderd"):
        adopt(
            filled,
            by="college",
            decision_date=datetime.date(2026, 5, 12),
            decision_reference="CB-2026-123",
            reviewed_checksum=reviewed,
        )
    assert not filled.versions.exists()
    assert not AuditEntry.objects.exclude(result=AuditEntry.Result.DENIED).exists()


# Immutability


def test_an_adopted_version_refuses_to_be_saved_again(filled):
    version = _adopt(filled)
    version.decision_reference = "iets anders"
    with pytest.raises(ValidationError):
        version.save()
    assert RoadmapVersion.objects.get(pk=version.pk).decision_reference == "CB-2026-123"


def test_the_database_refuses_an_update_of_a_version(filled):
    version = _adopt(filled)
    with pytest.raises(DatabaseError, match="cannot change"), transaction.atomic():
        RoadmapVersion.objects.filter(pk=version.pk).update(decision_reference="stiekem")
    assert RoadmapVersion.objects.get(pk=version.pk).decision_reference == "CB-2026-123"


# Who may do what


@pytest.mark.parametrize(
    ("persona", "status"),
    [("council_member", 403), ("partner", 403), ("outsider", 404), ("lead", 200), ("admin", 200)],
)
def test_only_leads_and_admins_adopt(client, request, filled, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("adopt")).status_code == status
    assert client.post(url("adopt"), DECISION).status_code == status
    assert not filled.versions.exists()


def test_a_lead_limited_to_another_neighbourhood_does_not_find_it(client, municipality, filled):
    user = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.add(NeighbourhoodFactory(municipality=municipality))
    client.force_login(user)
    for name in ("adopt", "versions", "draft_diff"):
        assert client.get(url(name)).status_code == 404


# History and differences (staff)


def test_council_member_reads_history_with_decisions(client, council_member, filled):
    _adopt(filled)
    filled.summary = "Anders"
    filled.save()
    adopt(
        filled,
        by="raad",
        decision_date=datetime.date(2026, 9, 1),
        decision_reference="Raad 2026/77",
        reason="Later aardgasvrij",
    )
    client.force_login(council_member)
    page = client.get(url("versions"))
    assert page.status_code == 200
    assert "Raad 2026/77" in page.text and "CB-2026-123" in page.text
    assert "Later aardgasvrij" in page.text
    assert url("diff", 1, 2) in page.text
    assert url("adopt") not in page.text  # no adopt link for a reader


def test_diff_between_two_versions(client, partner, filled):
    _adopt(filled)
    filled.milestones.filter(title="Warmteplan klaar").update(title="Warmteplan af")
    _adopt(filled, "Titel verduidelijkt")
    client.force_login(partner)
    page = client.get(url("diff", 1, 2))
    assert page.status_code == 200
    assert "Warmteplan klaar" in page.text and "Warmteplan af" in page.text
    assert "Titel verduidelijkt" in page.text
    assert client.get(url("diff", 1, 9)).status_code == 404


def test_draft_diff_shows_what_the_draft_changes(client, council_member, filled):
    _adopt(filled)
    Ambition.objects.filter(roadmap=filled).update(text="Alle woningen aardgasvrij")
    client.force_login(council_member)
    page = client.get(url("draft_diff"))
    assert page.status_code == 200
    assert "Alle huurwoningen aardgasvrij" in page.text
    assert "Alle woningen aardgasvrij" in page.text
    assert "versie 1" in page.text


def test_draft_diff_without_a_roadmap_is_empty_and_creates_nothing(
    client, council_member, neighbourhood
):
    from roadmap.models import Roadmap

    client.force_login(council_member)
    page = client.get(url("draft_diff"))
    assert page.status_code == 200
    assert "Er is niets veranderd" in page.text
    assert not Roadmap.objects.exists()


def test_version_history_costs_the_same_with_many_versions(client, council_member, filled):
    client.force_login(council_member)
    _adopt(filled)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("versions")).status_code == 200
        return len(ctx)

    few = count()
    for n in range(2, 12):
        filled.summary = f"Versie {n}"
        filled.save()
        _adopt(filled, f"Wijziging {n}")
    assert count() == few
