"""The lead's side: plan, prompts, lifecycle, outcomes, publish; and what the public sees."""

import pytest
from django.urls import reverse

from dialogue.models import Argument, DialogueSession, Outcome, Prompt
from wup.models import AuditEntry


def test_planning_a_session_adds_default_prompts_and_uses_the_preferred_solution(
    client, lead, neighbourhood, party
):
    client.force_login(lead)
    response = client.post(
        reverse("dialogue:create", args=["testdal"]),
        {
            "neighbourhood": neighbourhood.pk,
            "title": "Eerste gesprek",
            "proposition": "",
            "starts_at": "2026-12-10T19:30",
            "location": "Buurthuis",
            "invited_parties": [party.pk],
            "participation_level": "adviseren",
            "can_influence": "De volgorde van de straten.",
            "cannot_influence": "Het jaartal.",
        },
    )
    session = DialogueSession.objects.get()
    assert response.url == reverse("dialogue:session", args=["testdal", session.pk])
    assert "voorkeursoplossing voor Bloemenwijk" in session.proposition
    assert sorted(session.prompts.values_list("side", flat=True)) == [
        "betrokkenheid",
        "legitimiteit",
        "rendement",
    ]
    assert list(session.invited_parties.all()) == [party]
    assert AuditEntry.objects.get().action == "create"


def test_a_session_needs_a_place_or_a_link_and_keeps_what_was_typed(client, lead, neighbourhood):
    client.force_login(lead)
    response = client.post(
        reverse("dialogue:create", args=["testdal"]),
        {
            "neighbourhood": neighbourhood.pk,
            "title": "Mijn titel",
            "starts_at": "2026-12-10T19:30",
            "participation_level": "adviseren",
            "can_influence": "x",
            "cannot_influence": "y",
        },
    )
    assert "Vul een plaats of een link" in response.text
    assert "Mijn titel" in response.text
    assert not DialogueSession.objects.exists()


def test_prompts_must_cover_all_three_sides(client, lead, make_session):
    session = make_session()
    client.force_login(lead)
    prompts = list(session.prompts.all())
    data = {
        "prompts-TOTAL_FORMS": "4",
        "prompts-INITIAL_FORMS": "3",
        "prompts-MIN_NUM_FORMS": "3",
        "prompts-MAX_NUM_FORMS": "1000",
    }
    for i, prompt in enumerate(prompts):
        data |= {
            f"prompts-{i}-id": prompt.pk,
            f"prompts-{i}-side": "legitimiteit",
            f"prompts-{i}-text": prompt.text,
            f"prompts-{i}-order": i,
        }
    response = client.post(reverse("dialogue:prompts", args=["testdal", session.pk]), data)
    assert "Geef elke kant van de driehoek minstens één vraag" in response.text
    # Fix the sides, reword one and add a fourth prompt.
    data |= {
        "prompts-1-side": "betrokkenheid",
        "prompts-2-side": "rendement",
        "prompts-0-text": "Is het eerlijk?",
        "prompts-3-side": "rendement",
        "prompts-3-text": "Wat kost het mij per maand?",
        "prompts-3-order": 3,
    }
    client.post(reverse("dialogue:prompts", args=["testdal", session.pk]), data)
    assert list(session.prompts.values_list("text", flat=True))[0] == "Is het eerlijk?"
    assert session.prompts.count() == 4


def test_a_running_session_can_no_longer_be_edited(client, lead, live_session):
    client.force_login(lead)
    assert (
        client.get(reverse("dialogue:session_edit", args=["testdal", live_session.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("dialogue:prompts", args=["testdal", live_session.pk])).status_code
        == 403
    )


def test_lifecycle_schedule_open_close_publish(client, lead, make_session):
    session = make_session(status=DialogueSession.Status.DRAFT)
    client.force_login(lead)
    url = reverse("dialogue:transition", args=["testdal", session.pk])
    client.post(url, {"action": "schedule"})
    session.refresh_from_db()
    assert session.status == "gepland"
    response = client.post(url, {"action": "open"})
    assert response.url == reverse("dialogue:control", args=["testdal", session.pk])
    session.refresh_from_db()
    assert session.status == "live" and len(session.join_code) == 6
    client.post(url, {"action": "close"})
    session.refresh_from_db()
    assert session.status == "gesloten" and session.join_code == ""
    publish = reverse("dialogue:publish", args=["testdal", session.pk])
    assert "Dit veld is verplicht" in client.post(publish, {"summary": ""}).text
    client.post(publish, {"summary": "Bewoners willen eerst weten wat het kost."})
    session.refresh_from_db()
    assert session.status == "gepubliceerd"
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "schedule",
        "open",
        "close",
        "publish",
    ]


def test_a_transition_that_does_not_fit_the_status_is_refused(client, lead, make_session):
    session = make_session()
    client.force_login(lead)
    response = client.post(
        reverse("dialogue:transition", args=["testdal", session.pk]),
        {"action": "close"},
        follow=True,
    )
    assert "Dat kan niet in deze fase" in response.text
    session.refresh_from_db()
    assert session.status == "gepland"


def test_outcome_linked_to_arguments(client, lead, live_session):
    argument = Argument.objects.create(
        session=live_session, side="rendement", stance="tegen", text="Te duur voor huurders"
    )
    hidden = Argument.objects.create(
        session=live_session, side="rendement", stance="tegen", text="x", hidden=True
    )
    client.force_login(lead)
    url = reverse("dialogue:outcome_create", args=["testdal", live_session.pk])
    client.post(
        url,
        {
            "kind": "kader",
            "text": "Woonlasten stijgen niet",
            "agreed": "on",
            "arguments": [argument.pk],
        },
    )
    outcome = Outcome.objects.get()
    assert outcome.agreed and list(outcome.arguments.all()) == [argument]
    response = client.post(
        url, {"kind": "kader", "text": "Verborgen onderbouwing", "arguments": [hidden.pk]}
    )
    assert response.status_code == 200  # a hidden argument cannot support an outcome
    assert Outcome.objects.count() == 1


@pytest.fixture
def published(make_session, make_participant):
    session = make_session(status=DialogueSession.Status.PUBLISHED, summary="Kort verslag.")
    prompts = list(session.prompts.all())
    for i in range(6):
        p = make_participant(session, group="huurder", display_name=f"Geheime Naam {i}")
        p.give_scores([(prompt, 2 + i % 3, "") for prompt in prompts])
    for i in range(2):
        p = make_participant(session, group="ondernemer")
        p.give_scores([(prompt, 5, "") for prompt in prompts])
    Argument.objects.create(session=session, side="legitimiteit", stance="voor", text="Open proces")
    Argument.objects.create(
        session=session, side="rendement", stance="tegen", text="Kwetsende opmerking", hidden=True
    )
    outcome = Outcome.objects.create(
        session=session, kind="verwachting", text="De woonstichting isoleert eerst."
    )
    outcome.arguments.add(session.arguments.first())
    return session


def test_public_summary_shows_results_arguments_and_outcomes_without_names(client, published):
    response = client.get(
        reverse("dialogue:summary", args=["testdal", "bloemenwijk", published.pk])
    )
    text = response.text
    assert "Kort verslag." in text
    assert "Open proces" in text
    assert "De woonstichting isoleert eerst." in text
    assert "Scores van 8 deelnemers" in text
    assert "Geheime Naam" not in text
    assert "Kwetsende opmerking" not in text


def test_public_summary_does_not_break_down_groups_smaller_than_five(client, published):
    text = client.get(
        reverse("dialogue:summary", args=["testdal", "bloemenwijk", published.pk])
    ).text
    assert "Huurder" in text
    assert "Ondernemer" not in text


def test_unpublished_sessions_are_not_public(client, make_session):
    for status in ["concept", "gepland", "live", "gesloten"]:
        session = make_session(status=status)
        url = reverse("dialogue:summary", args=["testdal", "bloemenwijk", session.pk])
        assert client.get(url).status_code == 404


def test_neighbourhood_page_lists_published_sessions_upcoming_ones_and_the_trend(
    client, published, make_session
):
    make_session(title="Volgende keer", status=DialogueSession.Status.SCHEDULED)
    make_session(title="Nog een concept", status=DialogueSession.Status.DRAFT)
    text = client.get(reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"])).text
    assert "Volgende keer" in text
    assert "Nog een concept" not in text
    assert published.title in text
    assert 'data-chart="trend-chart"' in text
    assert "Gemiddelde score per kant, per sessie" in text


def test_neighbourhood_page_queries_do_not_grow_with_published_sessions(
    client, published, make_session, make_participant, django_assert_num_queries
):
    url = reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"])
    from django.core.cache import cache

    cache.clear()
    # 16 for the page (tests/residents/test_public_pages.py), 1 for all sessions' scores.
    with django_assert_num_queries(17) as one:
        client.get(url)
    for i in range(5):
        s = make_session(title=f"Sessie {i}", status=DialogueSession.Status.PUBLISHED)
        make_participant(s).give_scores([(p, 3, "") for p in Prompt.objects.filter(session=s)])
    cache.clear()
    with django_assert_num_queries(len(one)):
        client.get(url)


def test_session_list_query_count_does_not_grow(client, lead, make_session, make_participant):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(lead)
    url = reverse("dialogue:sessions", args=["testdal"])
    counts = []
    for n in (2, 20):
        for _ in range(n):
            make_participant(make_session())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
