"""Decisions the raad takes (issue 11, item 6): milestones that are a decision, the coming
decisions from every source, the decision log with its back office, CSV export and audit, and
overdue toezeggingen as signals on the council overview."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.council import decisions
from dashboard.models import CouncilRecord, CouncilRecordKind, SteeringAction
from roadmap.models import DecisionBody, DecisionKind, Milestone, MilestoneStatus, Roadmap
from tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory
from wup.models import AuditEntry, Role

DAY = datetime.timedelta(days=1)


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=["testdal", *args])


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def roadmap(neighbourhood):
    return Roadmap.objects.create(neighbourhood=neighbourhood)


def milestone(roadmap, party, title, when, **kwargs) -> Milestone:
    return Milestone.objects.create(
        roadmap=roadmap, owner=party, title=title, baseline_date=when, **kwargs
    )


def promise(municipality, title, due_on, **kwargs) -> CouncilRecord:
    return CouncilRecord.objects.create(
        municipality=municipality,
        kind=CouncilRecordKind.PROMISE,
        title=title,
        date=due_on - 60 * DAY,
        owner="Wethouder Jansen",
        due_on=due_on,
        **kwargs,
    )


@pytest.mark.django_db
def test_upcoming_decisions_come_from_every_source_earliest_first(
    municipality, neighbourhood, roadmap, party, today
):
    milestone(
        roadmap,
        party,
        "Uitvoeringsplan Bloemenwijk vaststellen",
        today + 40 * DAY,
        decision_body=DecisionBody.COUNCIL,
        decision_kind=DecisionKind.ROADMAP,
    )
    milestone(roadmap, party, "Geen besluit: straat open", today + 10 * DAY)
    milestone(
        roadmap,
        party,
        "Al genomen",
        today - 5 * DAY,
        decision_body=DecisionBody.EXECUTIVE,
        decision_kind=DecisionKind.BUDGET,
        status=MilestoneStatus.ACHIEVED,
        achieved_date=today - 5 * DAY,
    )
    SteeringAction.objects.create(
        neighbourhood=neighbourhood,
        title="Extra budget voor isolatie",
        owner="Gemeente",
        due_on=today + 20 * DAY,
        decided_by=DecisionBody.EXECUTIVE,
    )
    CouncilRecord.objects.create(
        municipality=municipality,
        kind=CouncilRecordKind.MOTION,
        title="Motie warmtefonds",
        date=today + 5 * DAY,
    )
    found = decisions.upcoming_decisions(municipality, today=today)
    assert [(d.title, d.body) for d in found] == [
        ("Motie warmtefonds", "raad"),
        ("Extra budget voor isolatie", "college"),
        ("Uitvoeringsplan Bloemenwijk vaststellen", "raad"),
    ]
    assert found[2].kind == "Vaststellen van het uitvoeringsplan"
    assert found[2].neighbourhood == "Bloemenwijk"
    # Another neighbourhood's view sees only the municipality-wide motion.
    other = NeighbourhoodFactory(municipality=municipality, slug="elders")
    assert [
        d.title for d in decisions.upcoming_decisions(municipality, [other.pk], today=today)
    ] == ["Motie warmtefonds"]


@pytest.mark.django_db
def test_a_new_source_is_one_line(municipality, today, monkeypatch):
    extra = decisions.UpcomingDecision(
        date=today + DAY,
        body=DecisionBody.COUNCIL,
        kind="Aanwijzingsbesluit",
        title="Aanwijzing Bloemenwijk",
        neighbourhood="Bloemenwijk",
        source="Aanwijzing",
    )
    monkeypatch.setattr(decisions, "SOURCES", list(decisions.SOURCES))
    decisions.add_source(lambda municipality, ids, today: [extra])
    assert decisions.upcoming_decisions(municipality, today=today) == [extra]


@pytest.mark.django_db
def test_a_milestone_decision_needs_both_body_and_kind(lead, client, roadmap, party, today):
    from roadmap.forms import MilestoneForm

    form = MilestoneForm(
        {
            "title": "Besluit",
            "owner": party.pk,
            "baseline_date": today.isoformat(),
            "status": MilestoneStatus.PLANNED,
            "decision_body": DecisionBody.COUNCIL,
        },
        roadmap=roadmap,
        parties=party.__class__.objects.all(),
    )
    assert not form.is_valid()
    assert form.errors["decision_kind"] == ["Kies wat voor besluit het is."]


@pytest.mark.django_db
def test_the_council_sees_next_decisions_and_overdue_promises(
    client, municipality, neighbourhood, roadmap, party, council_member, today
):
    milestone(
        roadmap,
        party,
        "Krediet warmtenet",
        today + 30 * DAY,
        decision_body=DecisionBody.COUNCIL,
        decision_kind=DecisionKind.BUDGET,
    )
    promise(municipality, "Raad informeren over tarieven", today - 3 * DAY, number="T-2026-04")
    promise(municipality, "Evaluatie participatie", today + 30 * DAY, neighbourhood=neighbourhood)
    client.force_login(council_member)
    page = client.get(url("council_overview")).content.decode()
    signals = page[page.index('id="signalen-heading"') : page.index('id="besluiten-heading"')]
    assert "Toezegging te laat" in signals
    assert "Raad informeren over tarieven" in signals
    assert "Evaluatie participatie" not in signals  # not due yet
    assert "Krediet warmtenet" in page
    assert "Open toezeggingen" in page and "T-2026-04" in page

    page = client.get(url("council_neighbourhood", "bloemenwijk")).content.decode()
    assert "Krediet warmtenet" in page
    assert "Evaluatie participatie" in page


@pytest.mark.django_db
def test_the_lead_records_a_promise_with_audit_and_it_needs_owner_and_date(
    client, municipality, neighbourhood, lead, today
):
    client.force_login(lead)
    response = client.post(
        url("decision_create"),
        {
            "kind": "toezegging",
            "title": "Raad informeren over tarieven",
            "date": today.isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Zeg wie de toezegging moet nakomen." in page
    assert "Vul in wanneer de toezegging af moet zijn." in page
    assert 'value="Raad informeren over tarieven"' in page  # nothing typed is lost
    response = client.post(
        url("decision_create"),
        {
            "kind": "toezegging",
            "title": "Raad informeren over tarieven",
            "neighbourhood": neighbourhood.pk,
            "date": today.isoformat(),
            "number": "T-2026-04",
            "url": "https://raad.testdal.nl/toezeggingen/4",
            "owner": "Wethouder Jansen",
            "due_on": (today + 30 * DAY).isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 302
    record = CouncilRecord.objects.get()
    assert (record.owner, record.neighbourhood, record.municipality) == (
        "Wethouder Jansen",
        neighbourhood,
        municipality,
    )
    assert AuditEntry.objects.filter(action="create", object_type="councilrecord").exists()
    response = client.post(
        url("decision_edit", record.pk),
        {
            "kind": "toezegging",
            "title": record.title,
            "neighbourhood": neighbourhood.pk,
            "date": today.isoformat(),
            "owner": "Wethouder Jansen",
            "due_on": (today + 30 * DAY).isoformat(),
            "status": "afgedaan",
        },
    )
    assert response.status_code == 302
    assert CouncilRecord.objects.get().status == "afgedaan"
    client.post(url("decision_delete", record.pk))
    assert not CouncilRecord.objects.exists()
    assert list(
        AuditEntry.objects.filter(object_type="councilrecord")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["create", "update", "delete"]


@pytest.mark.django_db
def test_a_council_member_reads_but_does_not_write(client, municipality, council_member, today):
    promise(municipality, "Raad informeren", today + DAY, url="https://raad.testdal.nl/t/1")
    client.force_login(council_member)
    page = client.get(url("decision_log")).content.decode()
    assert "Raad informeren" in page
    assert 'href="https://raad.testdal.nl/t/1"' in page
    assert "Nieuw in het besluitenlog" not in page
    assert client.get(url("decision_create")).status_code == 403


@pytest.mark.django_db
def test_a_limited_member_sees_and_writes_only_their_neighbourhoods(
    client, municipality, neighbourhood, today
):
    other = NeighbourhoodFactory(municipality=municipality, name="Havenkwartier", slug="haven")
    user = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.add(neighbourhood)
    mine = promise(municipality, "In mijn wijk", today + DAY, neighbourhood=neighbourhood)
    theirs = promise(municipality, "In de haven", today + DAY, neighbourhood=other)
    wide = promise(municipality, "Hele gemeente", today + DAY)
    client.force_login(user)
    page = client.get(url("decision_log")).content.decode()
    assert "In mijn wijk" in page
    assert "In de haven" not in page and "Hele gemeente" not in page
    assert client.get(url("decision_edit", theirs.pk)).status_code == 404
    assert client.get(url("decision_edit", wide.pk)).status_code == 404
    assert client.get(url("decision_edit", mine.pk)).status_code == 200
    response = client.post(
        url("decision_create"),
        {
            "kind": "besluit",
            "title": "In een andere wijk",
            "neighbourhood": other.pk,
            "date": today.isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 400
    assert "Kies een wijk uit de lijst." in response.content.decode()


@pytest.mark.django_db
def test_the_log_exports_as_csv_for_excel(client, municipality, lead, today):
    promise(municipality, "=SOM(A1)", today + DAY, number="T-1")
    client.force_login(lead)
    response = client.get(url("decision_export"))
    assert response.status_code == 200
    body = b"".join(response).decode("utf-8")
    assert body.startswith("\ufeffsoort;onderwerp;wijk;datum;nummer;link;eigenaar")
    assert "Toezegging;'=SOM(A1);hele gemeente;" in body
    assert "Wethouder Jansen" in body
