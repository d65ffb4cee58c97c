"""Steering: the suggestions and their edge cases, and the steering actions' pages."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from dashboard import route
from dashboard.models import Indicator, RoutePoint, SteeringAction
from dashboard.progress import IndicatorProgress, MilestoneForecast, indicator_progress
from dashboard.steering import BALANCE_THRESHOLD, suggestions, suggestions_for
from dialogue.models import DialogueSession, Participant, Score
from roadmap.models import Milestone, Roadmap
from tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory
from wup.models import AuditEntry, Question, Role

d = datetime.date
TODAY = d(2026, 11, 20)


@pytest.fixture
def indicator(neighbourhood):
    return Indicator.objects.get(neighbourhood=neighbourhood, code="aardgasvrij")


def progress_of(
    indicator, status: route.RouteStatus | None, *, forecast=None, shortfall=0.3, target=None
):
    """An IndicatorProgress as indicator_progress makes it, with the figures a test needs."""
    target = target or route.RoutePoint(d(2030, 1, 1), 900.0)
    measured = route.Measurement(d(2026, 6, 1), 200.0)
    position = (
        route.Position(measured=measured, planned=300.0, shortfall=shortfall, status=status)
        if status
        else None
    )
    return IndicatorProgress(
        indicator=indicator,
        route=[route.RoutePoint(d(2025, 1, 1), 100.0), target],
        measurements=[route.Measurement(d(2025, 6, 1), 150.0), measured],
        position=position,
        forecast=forecast,
    )


@pytest.fixture
def milestone(neighbourhood, party):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood)
    return Milestone.objects.create(
        roadmap=roadmap, owner=party, title="Warmtenet aangelegd", baseline_date=d(2027, 3, 1)
    )


def slip(milestone, days: int, *, critical=False):
    expected = milestone.baseline_date + datetime.timedelta(days=days)
    return MilestoneForecast(milestone, expected, days, critical)


def run(neighbourhood, progress=(), forecasts=()):
    return suggestions(
        neighbourhood, progress=list(progress), forecasts=list(forecasts), today=TODAY
    )


# --- Indicators -------------------------------------------------------------------------------


def test_an_indicator_far_behind_is_a_suggestion_with_its_figures(neighbourhood, indicator):
    [s] = run(neighbourhood, [progress_of(indicator, route.RouteStatus.FAR_BEHIND)])
    assert (s.key, s.kind, s.handled, s.indicator_id) == (
        f"indicator:{indicator.pk}",
        "indicator",
        False,
        indicator.pk,
    )
    assert s.text == (
        "‘Woningen aardgasvrij’ loopt ver achter op de route: gemeten 200 op 1 juni 2026, "
        "gepland was 300."
    )


def test_an_indicator_behind_whose_forecast_misses_the_target_is_a_suggestion(
    neighbourhood, indicator
):
    late = progress_of(indicator, route.RouteStatus.BEHIND, forecast=d(2031, 6, 1))
    never = progress_of(indicator, route.RouteStatus.BEHIND, forecast=None)
    [s] = run(neighbourhood, [late])
    assert (
        "Het doel is 900 op 1 januari 2030. Met deze achterstand wordt het doel gehaald op "
        "1 juni 2031." in s.text
    )
    [s] = run(neighbourhood, [never])
    assert s.text.endswith("In dit tempo wordt het doel niet gehaald.")
    # A forecast past 2050 is no date a council can act on.
    [s] = run(
        neighbourhood, [progress_of(indicator, route.RouteStatus.BEHIND, forecast=d(2103, 1, 1))]
    )
    assert s.text.endswith("Met deze achterstand wordt het doel pas na 2050 gehaald.")
    assert "2103" not in s.text


@pytest.mark.parametrize(
    ("status", "forecast"),
    [
        (route.RouteStatus.BEHIND, d(2029, 6, 1)),  # behind, but the target is still reached
        (route.RouteStatus.BEHIND, d(2030, 1, 1)),  # reached exactly on the target date
        (route.RouteStatus.ON_ROUTE, None),
        (None, None),  # no measurement or no route
    ],
)
def test_an_indicator_on_route_or_only_a_little_behind_is_no_suggestion(
    neighbourhood, indicator, status, forecast
):
    assert run(neighbourhood, [progress_of(indicator, status, forecast=forecast)]) == []


def test_an_indicator_with_a_flat_route_at_zero_is_still_shown_far_behind(neighbourhood, indicator):
    infinite = progress_of(indicator, route.RouteStatus.FAR_BEHIND, shortfall=float("inf"))
    [s] = run(neighbourhood, [infinite])
    assert s.kind == "indicator"


def test_progress_straight_from_the_database_gives_the_same_suggestion(neighbourhood, indicator):
    RoutePoint.objects.create(indicator=indicator, date=d(2025, 1, 1), value=100)
    RoutePoint.objects.create(indicator=indicator, date=d(2027, 1, 1), value=500)
    indicator.measurements.create(date=d(2026, 1, 1), value=120, source="corporatie")
    progress = indicator_progress([neighbourhood], on=TODAY, draft=True)[neighbourhood.pk]
    [s] = run(neighbourhood, progress)
    assert s.key == f"indicator:{indicator.pk}"
    assert "ver achter" in s.text


# --- Milestones -------------------------------------------------------------------------------


def test_a_slipping_milestone_is_a_suggestion_and_says_when_it_is_critical(
    neighbourhood, milestone
):
    [s] = run(neighbourhood, forecasts=[slip(milestone, 45)])
    assert (s.key, s.kind, s.milestone_id) == (
        f"milestone:{milestone.pk}",
        "milestone",
        milestone.pk,
    )
    assert s.text == (
        "Tussendoel ‘Warmtenet aangelegd’ wordt 45 dagen later verwacht dan gepland: "
        "15 april 2027 in plaats van 1 maart 2027."
    )
    [s] = run(neighbourhood, forecasts=[slip(milestone, 1, critical=True)])
    assert "1 dag later" in s.text and "kritieke pad" in s.text


def test_a_milestone_on_time_early_or_achieved_is_no_suggestion(neighbourhood, milestone):
    assert run(neighbourhood, forecasts=[slip(milestone, 0), slip(milestone, -10)]) == []
    milestone.mark_achieved(on=d(2026, 5, 1))
    assert run(neighbourhood, forecasts=[slip(milestone, 30)]) == []


# --- Questions --------------------------------------------------------------------------------


def ask(neighbourhood, due_on, *, answered=False):
    return Question.objects.create(
        neighbourhood=neighbourhood,
        asker_name="Jan Jansen",
        asker_email="jan@example.org",
        text="Wanneer komt het warmtenet in mijn straat?",
        due_on=due_on,
        answered_at=timezone.now() if answered else None,
    )


def test_questions_past_their_answer_date_are_counted_without_personal_data(neighbourhood):
    ask(neighbourhood, d(2026, 11, 3))
    ask(neighbourhood, d(2026, 11, 12))
    ask(neighbourhood, d(2026, 11, 1), answered=True)  # answered late: no longer waiting
    ask(neighbourhood, TODAY)  # due today: not late yet
    ask(NeighbourhoodFactory(municipality=neighbourhood.municipality), d(2026, 10, 1))
    [s] = run(neighbourhood)
    assert (s.key, s.kind) == ("questions", "questions")
    assert s.text == (
        "2 vragen van bewoners zijn na de antwoordtermijn nog niet beantwoord. De oudste had op "
        "3 november 2026 beantwoord moeten zijn."
    )
    assert "Jan" not in s.text and "example.org" not in s.text and "warmtenet" not in s.text


def test_no_late_questions_no_suggestion(neighbourhood):
    ask(neighbourhood, TODAY + datetime.timedelta(days=2))
    assert run(neighbourhood) == []


# --- The value triangle -----------------------------------------------------------------------


@pytest.fixture
def make_session(neighbourhood):
    """A session with one participant per score triple (legitimacy, engagement, return)."""

    def make(triples, *, status=DialogueSession.Status.CLOSED, days_ago=10, title="Avond"):
        session = DialogueSession.objects.create(
            neighbourhood=neighbourhood,
            title=title,
            proposition="Een warmtenet",
            starts_at=timezone.now() - datetime.timedelta(days=days_ago),
            location="Buurthuis",
            can_influence="a",
            cannot_influence="b",
            status=status,
        )
        session.add_default_prompts()
        prompts = {p.side: p for p in session.prompts.all()}
        for triple in triples:
            participant = Participant.objects.create(session=session, token=Participant.new_token())
            for side, value in zip(("legitimiteit", "betrokkenheid", "rendement"), triple):
                Score.objects.create(participant=participant, prompt=prompts[side], value=value)
        return session

    return make


def test_a_triangle_out_of_balance_in_the_latest_session_is_a_suggestion(
    neighbourhood, make_session
):
    session = make_session([(4, 4, 2), (5, 4, 2)])  # legitimacy 4.5, return 2: balance 0.38
    [s] = run(neighbourhood)
    assert (s.key, s.kind) == (f"triangle:{session.pk}", "triangle")
    assert "balans 0,38, onder de grens van 0,75" in s.text
    assert "Legitimiteit scoort 4,5, rendement 2,0." in s.text


def test_a_triangle_exactly_at_the_threshold_is_in_balance(neighbourhood, make_session):
    assert BALANCE_THRESHOLD == 0.75
    make_session([(4, 3, 4)])  # one point apart: balance 0.75
    assert run(neighbourhood) == []


def test_only_the_latest_closed_or_published_session_counts(neighbourhood, make_session):
    make_session([(5, 1, 1)], days_ago=60)  # out of balance, but older
    make_session([(3, 3, 3)], days_ago=30, status=DialogueSession.Status.PUBLISHED)
    make_session([(5, 1, 1)], days_ago=-7, status=DialogueSession.Status.SCHEDULED)
    assert run(neighbourhood) == []


def test_a_triangle_with_an_unscored_side_is_no_suggestion(neighbourhood, make_session):
    session = make_session([(5, 1, 1)])
    Score.objects.filter(prompt__session=session, prompt__side="rendement").delete()
    session.forget_results()
    assert run(neighbourhood) == []


# --- Handled, and the order -------------------------------------------------------------------


def test_an_open_steering_action_marks_its_suggestion_handled_and_puts_it_last(
    neighbourhood, indicator, milestone
):
    def action(key, status):
        SteeringAction.objects.create(
            neighbourhood=neighbourhood,
            title="x",
            owner="Gemeente",
            due_on=TODAY,
            status=status,
            reason_key=key,
        )

    action(f"milestone:{milestone.pk}", "bezig")
    action(f"indicator:{indicator.pk}", "klaar")  # done: the problem is back, not handled
    action(f"indicator:{indicator.pk}", "vervallen")
    found = run(
        neighbourhood,
        [progress_of(indicator, route.RouteStatus.FAR_BEHIND)],
        [slip(milestone, 30, critical=True)],
    )
    assert [(s.kind, s.handled) for s in found] == [("indicator", False), ("milestone", True)]


def test_most_urgent_first(neighbourhood, indicator, party, milestone, make_session):
    roadmap = milestone.roadmap
    other = Milestone.objects.create(
        roadmap=roadmap, owner=party, title="Loket open", baseline_date=d(2027, 1, 1)
    )
    second = Indicator.objects.get(neighbourhood=neighbourhood, code="label_b")
    third = Indicator.objects.get(neighbourhood=neighbourhood, code="warmtenet")
    ask(neighbourhood, d(2026, 11, 1))
    make_session([(5, 1, 3)])
    found = run(
        neighbourhood,
        [
            progress_of(indicator, route.RouteStatus.FAR_BEHIND, shortfall=0.2),
            progress_of(second, route.RouteStatus.FAR_BEHIND, shortfall=0.6),
            progress_of(third, route.RouteStatus.BEHIND, forecast=None, shortfall=0.1),
        ],
        [slip(other, 90), slip(milestone, 10, critical=True)],
    )
    assert [s.key for s in found] == [
        f"milestone:{milestone.pk}",  # the end of the roadmap moves
        f"indicator:{second.pk}",  # far behind, the larger gap first
        f"indicator:{indicator.pk}",
        "questions",
        f"indicator:{third.pk}",  # behind and late
        f"milestone:{other.pk}",  # slips, off the critical path
        found[-1].key,  # the triangle
    ]
    assert found[-1].kind == "triangle"


def test_suggestions_for_a_neighbourhood_read_a_fixed_number_of_queries(
    neighbourhood, indicator, milestone, party, make_session, django_assert_num_queries
):
    ask(neighbourhood, d(2026, 11, 1))
    make_session([(5, 1, 3)])
    RoutePoint.objects.create(indicator=indicator, date=d(2025, 1, 1), value=100, version=None)
    # indicators, versions, measurements (no adopted route points to read); milestones and
    # their dependencies; questions; the session, its scores (not cached); open actions
    cache.clear()
    with django_assert_num_queries(9):
        first = suggestions_for(neighbourhood, today=TODAY)
    for i in range(5):
        Milestone.objects.create(
            roadmap=milestone.roadmap,
            owner=party,
            title=f"Straat {i}",
            baseline_date=d(2026, 1, 1),
            forecast_date=d(2026, 6, 1),
        ).depends_on.add(milestone)
        ask(neighbourhood, d(2026, 10, 1 + i))
    cache.clear()
    with django_assert_num_queries(9):
        assert len(suggestions_for(neighbourhood, today=TODAY)) > len(first)


# --- The pages --------------------------------------------------------------------------------


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=["testdal", "bloemenwijk", *args])


def test_the_list_shows_suggestions_with_a_link_and_the_recorded_actions(
    client, lead, neighbourhood, milestone
):
    milestone.forecast_date = d(2027, 4, 15)
    milestone.save()
    ask(neighbourhood, d(2026, 1, 5))
    SteeringAction.objects.create(
        neighbourhood=neighbourhood,
        title="Extra avond voor huurders",
        owner="Woonstichting",
        due_on=d(2026, 12, 1),
        decided_by="college",
        status="besloten",
        outcome="",
    )
    client.force_login(lead)
    page = client.get(url("steering_list")).text
    assert "Warmtenet aangelegd" in page and "45 dagen later" in page
    assert f"?reden=milestone%3A{milestone.pk}" in page
    assert "Extra avond voor huurders" in page and "College van B&amp;W" in page


def test_a_council_member_reads_but_gets_no_links_to_change(
    client, council_member, neighbourhood, milestone
):
    milestone.forecast_date = d(2027, 4, 15)
    milestone.save()
    client.force_login(council_member)
    page = client.get(url("steering_list")).text
    assert "45 dagen later" in page
    assert "Maak een stuuractie" not in page and "Nieuwe stuuractie" not in page


def test_the_link_fills_the_new_action_from_the_suggestion(client, lead, milestone):
    milestone.forecast_date = d(2027, 4, 15)
    milestone.save()
    client.force_login(lead)
    page = client.get(url("steering_create") + f"?reden=milestone:{milestone.pk}").text
    assert 'value="Vertraging inlopen: Warmtenet aangelegd"' in page
    assert f'name="reason" value="milestone:{milestone.pk}"' in page
    assert f'<option value="{milestone.pk}" selected>' in page
    response = client.post(
        url("steering_create"),
        {
            "title": "Tweede ploeg inzetten",
            "owner": "Warmtebedrijf",
            "due_on": "2027-01-15",
            "status": "voorgesteld",
            "milestone": milestone.pk,
            "reason": f"milestone:{milestone.pk}",
        },
    )
    assert response.status_code == 302
    action = SteeringAction.objects.get()
    assert (action.reason_key, action.milestone, action.created_by.username) == (
        f"milestone:{milestone.pk}",
        milestone,
        "projectleider",
    )
    assert AuditEntry.objects.filter(action="create", object_type="steeringaction").exists()
    [s] = suggestions_for(milestone.roadmap.neighbourhood, today=TODAY)
    assert s.handled


def test_an_unknown_or_stale_suggestion_key_starts_an_empty_action(client, lead, milestone):
    client.force_login(lead)
    page = client.get(url("steering_create") + "?reden=milestone:999999").text
    assert 'name="reason"' in page and 'name="reason" value' not in page
    response = client.post(
        url("steering_create"),
        {
            "title": "x",
            "owner": "y",
            "due_on": "2027-01-15",
            "status": "voorgesteld",
            "reason": "<script>",
        },
    )
    assert response.status_code == 302
    assert SteeringAction.objects.get().reason_key == ""


def test_bad_input_is_explained_and_nothing_typed_is_lost(client, lead, neighbourhood):
    client.force_login(lead)
    response = client.post(
        url("steering_create"),
        {
            "title": "Extra voorlichting",
            "owner": "Gemeente",
            "due_on": "2027-01-15",
            "status": "klaar",
            "decided_by": "",
        },
    )
    assert response.status_code == 200
    assert "Schrijf op wat de actie heeft opgeleverd." in response.text
    assert 'value="Extra voorlichting"' in response.text
    response = client.post(
        url("steering_create"),
        {
            "title": "Extra voorlichting",
            "owner": "Gemeente",
            "due_on": "2027-01-15",
            "status": "besloten",
        },
    )
    assert "Zeg wie het besluit nam" in response.text
    assert not SteeringAction.objects.exists()


def test_editing_an_action_records_its_outcome_and_is_audited(client, admin, neighbourhood):
    action = SteeringAction.objects.create(
        neighbourhood=neighbourhood,
        title="Extra voorlichting",
        owner="Gemeente",
        due_on=d(2026, 12, 1),
        reason_key="questions",
    )
    client.force_login(admin)
    response = client.post(
        url("steering_edit", action.pk),
        {
            "title": "Extra voorlichting",
            "owner": "Gemeente",
            "due_on": "2026-12-01",
            "status": "klaar",
            "outcome": "Alle vragen beantwoord.",
            "reason": "indicator:1",  # what an action answers does not change afterwards
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.outcome, action.reason_key) == (
        "klaar",
        "Alle vragen beantwoord.",
        "questions",
    )
    entry = AuditEntry.objects.get(action="update", object_type="steeringaction")
    assert entry.changes["status"] == "klaar"


def test_an_action_of_another_neighbourhood_is_not_found(client, lead, municipality):
    other = NeighbourhoodFactory(municipality=municipality)
    action = SteeringAction.objects.create(
        neighbourhood=other, title="x", owner="y", due_on=d(2026, 12, 1)
    )
    client.force_login(lead)
    assert client.get(url("steering_edit", action.pk)).status_code == 404


def test_the_list_costs_a_fixed_number_of_queries(
    client, council_member, neighbourhood, milestone, party, indicator, django_assert_num_queries
):
    ask(neighbourhood, d(2026, 9, 1))
    client.force_login(council_member)
    client.get(url("steering_list"))
    with django_assert_num_queries(13) as counted:
        client.get(url("steering_list"))
    for i in range(6):
        SteeringAction.objects.create(
            neighbourhood=neighbourhood,
            title=f"Actie {i}",
            owner="Gemeente",
            due_on=d(2026, 12, 1 + i),
            indicator=indicator,
            milestone=milestone,
        )
        Milestone.objects.create(
            roadmap=milestone.roadmap,
            owner=party,
            title=f"Straat {i}",
            baseline_date=d(2026, 1, 1),
            forecast_date=d(2026, 6, 1),
        )
        ask(neighbourhood, d(2026, 10, 1 + i))
    with django_assert_num_queries(len(counted.captured_queries)):
        page = client.get(url("steering_list")).text
    assert page.count("Actie ") == 6


# --- Who may do what --------------------------------------------------------------------------

ROLES = ["anonymous", "outsider", "partner", "council_member", "lead", "limited_lead", "admin"]
MEMBERS_READ = {**dict.fromkeys(ROLES, 200), "anonymous": 302, "outsider": 404}
WRITERS = {**MEMBERS_READ, "partner": 403, "council_member": 403}
LIMITED_404 = {"limited_lead": 404}
MATRIX = [
    (
        "steering_list",
        False,
        {**MEMBERS_READ, **LIMITED_404},
        {**dict.fromkeys(ROLES, 405), "anonymous": 302},
    ),
    ("steering_create", False, {**WRITERS, **LIMITED_404}, {**WRITERS, **LIMITED_404}),
    ("steering_edit", True, {**WRITERS, **LIMITED_404}, {**WRITERS, **LIMITED_404}),
]


@pytest.fixture
def users(municipality, admin, lead, council_member, partner, outsider):
    other = NeighbourhoodFactory(municipality=municipality, name="Elders", slug="elders-wijk")
    limited = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=limited,
        municipality=municipality,
        role=Role.PROJECT_LEAD,
        limited_to_neighbourhoods=True,
    )
    membership.neighbourhoods.add(other)
    return {
        "anonymous": None,
        "outsider": outsider,
        "partner": partner,
        "council_member": council_member,
        "lead": lead,
        "limited_lead": limited,
        "admin": admin,
    }


@pytest.mark.parametrize(("name", "needs_pk", "on_get", "on_post"), MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_permissions(client, users, neighbourhood, name, needs_pk, on_get, on_post, role):
    action = SteeringAction.objects.create(
        neighbourhood=neighbourhood, title="x", owner="y", due_on=d(2026, 12, 1)
    )
    if users[role]:
        client.force_login(users[role])
    target = url(name, action.pk) if needs_pk else url(name)
    assert client.get(target).status_code == on_get[role], f"GET as {role}"
    assert client.post(target, {}).status_code == on_post[role], f"POST as {role}"
