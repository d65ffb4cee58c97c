"""Participation: activities and their inputs, what was done with them, the automatic list of
sessions and answered questions, open questions, representativeness and the verslag."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue.models import Argument, DialogueSession, Outcome, Participant
from participation.models import Activity, Input, OutcomeLink, Response, Verslag
from participation.representativeness import participants_by_group, representativeness
from participation.verslag import everything, verslag_content
from reports.models import Report
from roadmap.models import CoreValue, Milestone, Roadmap
from tests.factories import CbsAreaFactory, MembershipFactory, NeighbourhoodFactory, UserFactory
from wup.models import AuditEntry, Question, Role

BO = "/beheer/testdal/participatie/bloemenwijk/"


@pytest.fixture
def world(neighbourhood, party):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood, summary="Concept")
    milestone = Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Proefaansluiting",
        baseline_date=datetime.date(2027, 3, 1),
    )
    core_value = CoreValue.objects.create(roadmap=roadmap, name="Betaalbaar", why="Kosten")
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title="Toets van het warmtenet",
        proposition="Warmtenet",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        location="Buurthuis",
        can_influence="a",
        cannot_influence="b",
        status=DialogueSession.Status.PUBLISHED,
        summary="Bewoners willen eerst weten wat het kost.",
    )
    for i, group in enumerate(["eigenaar_bewoner", "eigenaar_bewoner", "huurder"]):
        Participant.objects.create(
            session=session, token=f"t{i}", group=group, display_name=f"Deelnemer Geheim{i}"
        )
    argument = Argument.objects.create(
        session=session, side="rendement", stance="tegen", text="Te duur voor kleine huizen"
    )
    outcome = Outcome.objects.create(
        session=session, kind="open_vraag", text="Wie betaalt de meterkast?"
    )
    answered = Question.objects.create(
        neighbourhood=neighbourhood,
        asker_name="Jan Jansen",
        asker_email="jan@example.nl",
        text="Ik ben Jan Jansen van Dahliastraat 4. Wat kost het?",
        public_text="Wat kost het warmtenet per maand?",
        answer="Niet meer dan gas.",
        answered_at=timezone.now() - datetime.timedelta(days=3),
        due_on=datetime.date(2026, 1, 1),
        published=True,
    )
    private = Question.objects.create(
        neighbourhood=neighbourhood,
        asker_name="Piet Privé",
        asker_email="piet@example.nl",
        text="Mijn moeder Truus Privé is 84, wat nu?",
        answer="We bellen u.",
        answered_at=timezone.now() - datetime.timedelta(days=2),
        due_on=datetime.date(2026, 1, 1),
    )
    return {
        "milestone": milestone,
        "core_value": core_value,
        "session": session,
        "argument": argument,
        "outcome": outcome,
        "answered": answered,
        "private": private,
    }


def _activity(neighbourhood, **fields) -> Activity:
    return Activity.objects.create(
        neighbourhood=neighbourhood,
        kind=fields.pop("kind", "informatieavond"),
        title=fields.pop("title", "Informatieavond"),
        held_on=fields.pop("held_on", datetime.date(2026, 10, 1)),
        place="Buurthuis",
        audience="Alle bewoners",
        **fields,
    )


def _activity_post(**changes) -> dict:
    data = {
        "kind": "informatieavond",
        "title": "Informatieavond warmtenet",
        "held_on": "2026-10-01",
        "place": "Buurthuis De Linde",
        "audience": "Alle bewoners",
        "level": "informeren",
        "reach_total": "60",
        "reach_eigenaar_bewoner": "30",
        "reach_huurder": "20",
        "notes": "",
        "themes": "kosten, planning",
    }
    return {**data, **changes}


def test_a_lead_records_an_activity_with_reach_by_group_and_it_is_audited(
    client, lead, neighbourhood
):
    client.force_login(lead)
    response = client.post(f"{BO}activiteiten/nieuw/", _activity_post())
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response.url == f"{BO}activiteiten/{activity.pk}/"
    assert activity.reach_total == 60
    assert activity.reach_by_group == {"eigenaar_bewoner": 30, "huurder": 20}
    entry = AuditEntry.objects.get(object_type="activity")
    assert entry.action == "create" and entry.actor == lead
    assert "reach_by_group" in entry.changes


def test_reach_by_group_cannot_exceed_the_total_and_nothing_typed_is_lost(
    client, lead, neighbourhood
):
    client.force_login(lead)
    response = client.post(
        f"{BO}activiteiten/nieuw/", _activity_post(reach_total="10", reach_huurder="25")
    )
    assert response.status_code == 200
    assert "Samen is het bereik per groep meer dan het totaal" in response.text
    assert 'value="Buurthuis De Linde"' in response.text
    assert not Activity.objects.exists()


def test_an_input_not_taken_over_needs_a_reason(client, lead, neighbourhood, world):
    activity = _activity(neighbourhood)
    client.force_login(lead)
    url = f"{BO}activiteiten/{activity.pk}/inbreng/nieuw/"
    response = client.post(url, {"text": "Leg het net niet aan", "response": "niet_overgenomen"})
    assert response.status_code == 200
    assert "Schrijf op waarom u dit niet overneemt" in response.text
    assert not Input.objects.exists()

    response = client.post(
        url,
        {
            "text": "Leg het net niet aan",
            "response": "niet_overgenomen",
            "explanation": "Past niet.",
        },
    )
    assert response.status_code == 302
    item = Input.objects.get()
    assert item.response == Response.NOT_TAKEN and item.decided_at is not None
    assert AuditEntry.objects.filter(object_type="input", action="create").exists()


def test_an_input_taken_in_as_a_milestone_links_to_it_and_only_to_it(
    client, lead, neighbourhood, world
):
    activity = _activity(neighbourhood)
    client.force_login(lead)
    url = f"{BO}activiteiten/{activity.pk}/inbreng/nieuw/"
    response = client.post(url, {"text": "Eerst een proef", "response": "mijlpaal"})
    assert "Kies het onderdeel van de routekaart" in response.text

    client.post(
        url,
        {
            "text": "Eerst een proef",
            "response": "mijlpaal",
            "milestone": world["milestone"].pk,
            "core_value": world["core_value"].pk,  # not the chosen kind: dropped
            "question": world["answered"].pk,
            "arguments": [world["argument"].pk],
        },
    )
    item = Input.objects.get()
    assert item.milestone == world["milestone"] and item.core_value is None
    assert item.target == world["milestone"]
    assert item.question == world["answered"]
    assert list(item.arguments.all()) == [world["argument"]]


def test_roadmap_objects_of_another_neighbourhood_cannot_be_linked(
    client, lead, neighbourhood, municipality, party, world
):
    other = NeighbourhoodFactory(municipality=municipality, slug="elders")
    foreign = Milestone.objects.create(
        roadmap=Roadmap.objects.create(neighbourhood=other),
        owner=party,
        title="Elders",
        baseline_date=datetime.date(2027, 1, 1),
    )
    activity = _activity(neighbourhood)
    client.force_login(lead)
    response = client.post(
        f"{BO}activiteiten/{activity.pk}/inbreng/nieuw/",
        {"text": "x", "response": "mijlpaal", "milestone": foreign.pk},
    )
    assert response.status_code == 200
    assert not Input.objects.exists()


def test_sessions_and_answered_questions_appear_in_the_list_by_themselves(
    client, lead, neighbourhood, world
):
    _activity(neighbourhood, title="Spreekuur in de bibliotheek", kind="spreekuur")
    items = everything(neighbourhood)
    assert {(i.source, i.title) for i in items} == {
        ("activity", "Spreekuur in de bibliotheek"),
        ("session", "Toets van het warmtenet"),
        ("question", "Wat kost het warmtenet per maand?"),
        ("question", world["private"].text),
    }
    client.force_login(lead)
    page = client.get(BO).text
    assert "Toets van het warmtenet" in page and "Wat kost het warmtenet per maand?" in page


def test_open_questions_are_listed_until_decided_and_council_questions_stay(
    client, lead, neighbourhood, world
):
    activity = _activity(neighbourhood)
    open_item = Input.objects.create(activity=activity, text="Wie helpt ouderen?")
    council = Input.objects.create(
        activity=activity,
        text="Vangnet als de subsidie stopt",
        response=Response.ANSWERED,
        explanation="Onderzoeken we.",
        to_council=True,
    )
    Input.objects.create(
        activity=activity, text="Klaar", response=Response.ANSWERED, explanation="Ja."
    )
    assert set(Input.objects.open_questions()) == {open_item, council}
    content = verslag_content(neighbourhood)
    texts = {(q["text"], q["to_council"]) for q in content["open_questions"]}
    assert texts == {
        ("Wie helpt ouderen?", False),
        ("Vangnet als de subsidie stopt", True),
        ("Wie betaalt de meterkast?", True),  # the session's open question, not yet linked
    }


def test_a_session_outcome_is_linked_to_a_milestone(client, lead, neighbourhood, world):
    client.force_login(lead)
    url = f"{BO}uitkomsten/{world['outcome'].pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"milestones": [world["milestone"].pk]})
    assert response.status_code == 302
    link = OutcomeLink.objects.get()
    assert link.outcome == world["outcome"] and link.milestone == world["milestone"]
    assert AuditEntry.objects.filter(action="link", object_type="outcome").exists()
    session = verslag_content(neighbourhood)["sessions"][0]
    assert session["outcomes"][0]["links"] == ["Mijlpaal: Proefaansluiting"]
    assert verslag_content(neighbourhood)["open_questions"] == []


def test_representativeness_compares_groups_with_the_cbs_tenure_split(neighbourhood, world):
    CbsAreaFactory(neighbourhood=neighbourhood, share_owner_occupied=40.0)  # rented: 35 + 10
    _activity(
        neighbourhood, reach_total=20, reach_by_group={"eigenaar_bewoner": 8, "ondernemer": 2}
    )
    assert participants_by_group(neighbourhood) == {
        "eigenaar_bewoner": 10,
        "huurder": 1,
        "verhuurder": 0,
        "ondernemer": 2,
        "anders": 0,
    }
    rep = representativeness(neighbourhood)
    owner, tenant = rep.rows[0], rep.rows[1]
    assert owner.share_participants == 90.9 and owner.share_homes == 47.1
    assert tenant.share_participants == 9.1 and tenant.share_homes == 52.9
    assert rep.under == ["Huurder"] and rep.over == ["Eigenaar-bewoner"]
    assert rep.total == 13


def test_the_public_page_is_404_until_the_lead_publishes(
    client, lead, council_member, neighbourhood, world, django_capture_on_commit_callbacks
):
    public = reverse("participation:public", args=["testdal", "bloemenwijk"])
    assert client.get(public).status_code == 404
    client.force_login(council_member)
    assert client.post(f"{BO}verslag/", {"intro": "x", "actie": "publiceren"}).status_code == 403
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{BO}verslag/", {"intro": "Zo deden we het.", "actie": "publiceren"}
        )
    assert response.status_code == 302
    verslag = Verslag.objects.get()
    assert verslag.is_published and verslag.published_by == lead
    assert AuditEntry.objects.filter(action="publish", object_type="verslag").exists()
    # Publishing renders the PDF (eager here), and the PDF is public.
    report = Report.objects.get(kind="participatie")
    assert report.status == Report.Status.DONE
    client.logout()
    assert client.get(public).status_code == 200
    download = reverse("participation:report_download", args=[report.pk])
    assert client.get(download)["Content-Type"] == "application/pdf"
    # Withdrawn: gone from the public again, the PDF too.
    client.force_login(lead)
    client.post(f"{BO}verslag/", {"intro": "Zo deden we het.", "actie": "intrekken"})
    client.logout()
    assert client.get(public).status_code == 404
    assert client.get(download).status_code == 404


def test_the_verslag_names_every_session_answered_question_and_activity(
    client, neighbourhood, world
):
    _activity(neighbourhood, title="Informatieavond over kosten")
    activity = _activity(neighbourhood, title="Keukentafel bij de VvE", kind="keukentafel")
    Input.objects.create(
        activity=activity,
        text="De VvE wil een voorbeeldbesluit.",
        response=Response.MILESTONE,
        milestone=world["milestone"],
    )
    Verslag.objects.create(neighbourhood=neighbourhood, published_at=timezone.now())
    page = client.get(reverse("participation:public", args=["testdal", "bloemenwijk"])).text

    from participation import report as verslag_report
    from reports import pdf

    report = Report(kind="participatie", neighbourhood=neighbourhood)
    html = pdf.render_html(report)
    for text in (page, html):
        for name in [
            "Informatieavond over kosten",
            "Keukentafel bij de VvE",
            "Toets van het warmtenet",
            "Wat kost het warmtenet per maand?",
            "Niet meer dan gas.",
            "De VvE wil een voorbeeldbesluit.",
            "Proefaansluiting",
            "Wie betaalt de meterkast?",
        ]:
            assert name in text, name
        assert "Nog 1 vraag beantwoordden we alleen aan de vraagsteller" in text
        # No personal data: not the askers, not their own wording, not participants' names.
        for secret in ["Jan Jansen", "jan@example.nl", "Dahliastraat", "Truus", "Piet", "Geheim"]:
            assert secret not in text, secret
    assert verslag_report.title(report) == "Participatieverslag Bloemenwijk"


def test_limited_members_see_only_their_neighbourhoods(client, municipality, neighbourhood):
    other = NeighbourhoodFactory(municipality=municipality, name="Elders", slug="elders")
    user = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.add(other)
    _activity(neighbourhood)
    client.force_login(user)
    overview = client.get("/beheer/testdal/participatie/").text
    assert "Elders" in overview and "Bloemenwijk" not in overview
    assert client.get(BO).status_code == 404
    assert client.get("/beheer/testdal/participatie/elders/").status_code == 200
