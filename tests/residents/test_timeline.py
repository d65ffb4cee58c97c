"""The catch-up flow: one timeline of what happened, the "since" filter, and the story so far."""

import datetime

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from dialogue.models import DialogueSession, Outcome
from residents.timeline import catch_up, story_for, timeline_for
from roadmap.models import CoreValue, Milestone, MilestoneStatus, Roadmap, adopt
from wup.events import EventKind
from wup.models import HeatSolution, Neighbourhood, Phase, Question

TODAY = datetime.date(2026, 6, 1)
TZ = timezone.get_default_timezone()


def at(day: datetime.date, hour: int = 19) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 30), tzinfo=TZ)


@pytest.fixture
def page_neighbourhood(neighbourhood):
    """The neighbourhood as the page loads it (municipality included)."""
    return lambda: Neighbourhood.objects.for_page().get(pk=neighbourhood.pk)


@pytest.fixture
def make_session(neighbourhood):
    def make(day: datetime.date, status=DialogueSession.Status.PUBLISHED, **kwargs):
        published = status == DialogueSession.Status.PUBLISHED
        defaults = {
            "neighbourhood": neighbourhood,
            "title": f"Gesprek van {day:%d-%m}",
            "proposition": "Een warmtenet op lage temperatuur.",
            "starts_at": at(day),
            "location": "Buurthuis De Linde",
            "can_influence": "De volgorde van de straten.",
            "cannot_influence": "Het jaar 2035.",
            "status": status,
            "summary": "Bewoners willen eerst weten wat het kost.",
            "published_at": at(day + datetime.timedelta(days=7)) if published else None,
        }
        return DialogueSession.objects.create(**{**defaults, **kwargs})

    return make


@pytest.fixture
def roadmap(neighbourhood):
    return Roadmap.objects.create(neighbourhood=neighbourhood, summary="Het plan")


@pytest.fixture
def milestone(roadmap, party):
    def make(baseline: datetime.date, **kwargs) -> Milestone:
        return Milestone.objects.create(
            roadmap=roadmap,
            owner=party,
            title=kwargs.pop("title", f"Tussendoel {baseline:%Y-%m}"),
            baseline_date=baseline,
            **kwargs,
        )

    return make


def adopt_on(roadmap, day: datetime.date, reason: str = ""):
    return adopt(roadmap, by="college", decision_date=day, decision_reference="CB-1", reason=reason)


def answered_question(neighbourhood, day: datetime.date, **kwargs) -> Question:
    defaults = {
        "neighbourhood": neighbourhood,
        "asker_name": "Jan Jansen",
        "asker_email": "jan@example.org",
        "text": "Ik ben Jan van nummer 12: wat kost het mij?",
        "due_on": day,
        "answer": "Dat hangt af van uw huis; het energieloket rekent het uit.",
        "answered_at": at(day, 10),
        "published": True,
        "public_text": "Wat kost het mij?",
    }
    return Question.objects.create(**{**defaults, **kwargs})


def kinds(events) -> list[str]:
    return [e.kind for e in events]


# --- Dialogue ------------------------------------------------------------------------------


def test_a_published_session_is_an_event_with_its_summary_link(make_session, page_neighbourhood):
    session = make_session(datetime.date(2026, 3, 10))
    [event] = timeline_for(page_neighbourhood(), today=TODAY)
    assert event.kind == EventKind.SESSION_HELD
    assert event.date == datetime.date(2026, 3, 10)
    assert event.public_on == datetime.date(2026, 3, 17)
    assert session.title in event.title
    assert event.url == reverse("dialogue:summary", args=["testdal", "bloemenwijk", session.pk])
    assert event.text == "Bewoners willen eerst weten wat het kost."


def test_sessions_that_are_not_published_never_appear_nor_their_outcomes(
    make_session, page_neighbourhood
):
    for status in ["concept", "gepland", "live", "gesloten"]:
        session = make_session(datetime.date(2026, 3, 10), status=status, title=status)
        Outcome.objects.create(session=session, kind="kader", text=f"Uit {status}", agreed=True)
    make_session(TODAY + datetime.timedelta(days=5), status="gepland", title="Straks")
    assert timeline_for(page_neighbourhood(), today=TODAY) == []


def test_only_agreed_outcomes_of_published_sessions_are_events(make_session, page_neighbourhood):
    session = make_session(datetime.date(2026, 3, 10))
    Outcome.objects.create(
        session=session, kind="kader", text="Betaalbaar voor iedereen", agreed=True
    )
    Outcome.objects.create(session=session, kind="open_vraag", text="Nog open", agreed=False)
    events = timeline_for(page_neighbourhood(), today=TODAY)
    outcomes = [e for e in events if e.kind == EventKind.OUTCOME_AGREED]
    assert [e.text for e in outcomes] == ["Betaalbaar voor iedereen"]
    assert outcomes[0].date == datetime.date(2026, 3, 10)
    # On the same day the outcome comes above the session it was agreed in.
    assert kinds(events) == [EventKind.OUTCOME_AGREED, EventKind.SESSION_HELD]


# --- Roadmap -------------------------------------------------------------------------------


def test_adopted_and_amended_versions_are_events_and_the_amendment_gives_its_reason(
    roadmap, page_neighbourhood
):
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    adopt_on(roadmap, datetime.date(2026, 4, 2), reason="De netbeheerder kan pas later.")
    events = timeline_for(page_neighbourhood(), today=TODAY)
    assert kinds(events) == [EventKind.ROADMAP_AMENDED, EventKind.ROADMAP_ADOPTED]
    amended, adopted = events
    assert amended.date == datetime.date(2026, 4, 2)
    assert "versie 2" in amended.title
    assert "De netbeheerder kan pas later." in amended.text
    assert "College van B&W" in adopted.text
    assert adopted.url == reverse("roadmap:public_version", args=["testdal", "bloemenwijk", 1])


def test_an_achieved_milestone_is_dated_by_its_achieved_date(
    roadmap, milestone, page_neighbourhood
):
    m = milestone(datetime.date(2026, 3, 1), title="Warmtebron gekozen")
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    m.mark_achieved(on=datetime.date(2026, 3, 12))
    events = [e for e in timeline_for(page_neighbourhood(), today=TODAY) if e.app == "roadmap"]
    assert kinds(events) == [EventKind.MILESTONE_ACHIEVED, EventKind.ROADMAP_ADOPTED]
    assert events[0].date == datetime.date(2026, 3, 12)
    assert "Warmtebron gekozen" in events[0].title


def test_milestones_of_the_draft_never_appear(roadmap, milestone, page_neighbourhood):
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    draft = milestone(datetime.date(2026, 2, 1), forecast_date=datetime.date(2026, 5, 1))
    draft.mark_achieved(on=datetime.date(2026, 5, 1))
    events = timeline_for(page_neighbourhood(), today=TODAY)
    assert kinds(events) == [EventKind.ROADMAP_ADOPTED]


def test_a_forecast_more_than_30_days_late_is_a_slip_dated_at_the_passed_baseline(
    roadmap, milestone, page_neighbourhood
):
    m = milestone(datetime.date(2026, 3, 1), title="Straten gekozen")
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    m.forecast_date = datetime.date(2026, 9, 1)
    m.save()
    [slip] = [e for e in timeline_for(page_neighbourhood(), today=TODAY) if e.app == "roadmap"][:1]
    assert slip.kind == EventKind.MILESTONE_SLIPPED
    assert slip.date == datetime.date(2026, 3, 1)
    assert slip.public_on == datetime.date(2026, 3, 1)
    assert "Straten gekozen" in slip.title
    assert "1 september 2026" in slip.text


def test_a_delay_of_30_days_or_a_future_baseline_is_not_yet_a_slip(
    roadmap, milestone, page_neighbourhood
):
    milestone(datetime.date(2026, 3, 1), forecast_date=datetime.date(2026, 3, 31))
    milestone(datetime.date(2026, 3, 10), forecast_date=datetime.date(2027, 7, 1))
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    events = timeline_for(page_neighbourhood(), today=datetime.date(2026, 3, 9))
    assert kinds(events) == [EventKind.ROADMAP_ADOPTED]
    # Once its day has passed, the second one has slipped; the first is 30 days late at most.
    events = timeline_for(page_neighbourhood(), today=datetime.date(2026, 3, 20))
    assert kinds(events) == [EventKind.MILESTONE_SLIPPED, EventKind.ROADMAP_ADOPTED]
    assert events[0].date == datetime.date(2026, 3, 10)


def test_an_open_milestone_without_a_new_date_slips_once_30_days_have_passed(
    roadmap, milestone, page_neighbourhood
):
    milestone(datetime.date(2026, 5, 5))
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    n = page_neighbourhood()
    assert EventKind.MILESTONE_SLIPPED not in kinds(timeline_for(n, today=TODAY))
    later = datetime.date(2026, 6, 15)
    [slip] = [e for e in timeline_for(n, today=later) if e.kind == EventKind.MILESTONE_SLIPPED]
    assert slip.date == datetime.date(2026, 5, 5)
    assert slip.public_on == datetime.date(2026, 6, 5)
    assert "geen nieuwe datum" in slip.text


def test_a_milestone_reached_late_shows_the_slip_and_the_achievement(
    roadmap, milestone, page_neighbourhood
):
    m = milestone(datetime.date(2026, 2, 1))
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    m.mark_achieved(on=datetime.date(2026, 4, 15))
    events = [e for e in timeline_for(page_neighbourhood(), today=TODAY) if e.app == "roadmap"]
    assert kinds(events) == [
        EventKind.MILESTONE_ACHIEVED,
        EventKind.MILESTONE_SLIPPED,
        EventKind.ROADMAP_ADOPTED,
    ]
    assert events[1].date == datetime.date(2026, 2, 1)


def test_the_slip_is_measured_against_the_adopted_baseline_not_the_draft(
    roadmap, milestone, page_neighbourhood
):
    m = milestone(datetime.date(2026, 2, 1), forecast_date=datetime.date(2026, 5, 1))
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    m.baseline_date = datetime.date(2026, 4, 20)  # a draft change, not adopted
    m.save()
    [slip] = [
        e
        for e in timeline_for(page_neighbourhood(), today=TODAY)
        if e.kind == EventKind.MILESTONE_SLIPPED
    ]
    assert slip.date == datetime.date(2026, 2, 1)


def test_a_cancelled_milestone_is_not_a_slip(roadmap, milestone, page_neighbourhood):
    milestone(datetime.date(2026, 2, 1), status=MilestoneStatus.CANCELLED)
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    assert kinds(timeline_for(page_neighbourhood(), today=TODAY)) == [EventKind.ROADMAP_ADOPTED]


# --- Questions -----------------------------------------------------------------------------


def test_answered_published_questions_appear_in_their_public_wording_only(
    neighbourhood, page_neighbourhood
):
    answered_question(neighbourhood, datetime.date(2026, 4, 1))
    answered_question(neighbourhood, datetime.date(2026, 4, 2), published=False)
    answered_question(neighbourhood, datetime.date(2026, 4, 3), public_text="")
    answered_question(neighbourhood, datetime.date(2026, 4, 4), answered_at=None, answer="")
    [event] = timeline_for(page_neighbourhood(), today=TODAY)
    assert event.kind == EventKind.QUESTION_ANSWERED
    assert event.date == datetime.date(2026, 4, 1)
    assert "Wat kost het mij?" in event.title
    assert "energieloket" in event.text
    assert "Jan" not in event.title + event.text


# --- The whole timeline --------------------------------------------------------------------


@pytest.fixture
def history(neighbourhood, make_session, roadmap, milestone):
    """One of everything, on different days in spring 2026."""
    s = make_session(datetime.date(2026, 3, 10))
    Outcome.objects.create(session=s, kind="kader", text="Betaalbaar", agreed=True)
    m = milestone(datetime.date(2026, 2, 1), title="Haalbaarheid")
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    m.mark_achieved(on=datetime.date(2026, 2, 3))
    adopt_on(roadmap, datetime.date(2026, 4, 20), reason="Nieuwe planning")
    answered_question(neighbourhood, datetime.date(2026, 5, 2))


def test_the_timeline_is_newest_first(history, page_neighbourhood):
    events = timeline_for(page_neighbourhood(), today=TODAY)
    assert [e.date for e in events] == sorted((e.date for e in events), reverse=True)
    assert kinds(events) == [
        EventKind.QUESTION_ANSWERED,
        EventKind.ROADMAP_AMENDED,
        EventKind.OUTCOME_AGREED,
        EventKind.SESSION_HELD,
        EventKind.MILESTONE_ACHIEVED,
        EventKind.ROADMAP_ADOPTED,
    ]


def test_since_keeps_what_happened_on_or_after_that_day(history, page_neighbourhood):
    events = timeline_for(page_neighbourhood(), datetime.date(2026, 4, 20), today=TODAY)
    assert kinds(events) == [EventKind.QUESTION_ANSWERED, EventKind.ROADMAP_AMENDED]


def test_since_keeps_a_session_held_before_but_published_after_that_day(
    history, page_neighbourhood
):
    # Held on 10 March, its summary published on 17 March.
    events = timeline_for(page_neighbourhood(), datetime.date(2026, 3, 15), today=TODAY)
    assert EventKind.SESSION_HELD in kinds(events)
    assert EventKind.MILESTONE_ACHIEVED not in kinds(events)
    events = timeline_for(page_neighbourhood(), datetime.date(2026, 3, 18), today=TODAY)
    assert EventKind.SESSION_HELD not in kinds(events)


@pytest.fixture
def grow(neighbourhood, make_session, roadmap, milestone):
    """Return a function that gives the neighbourhood `size` of every kind of event."""

    def make(size: int) -> None:
        start = datetime.date(2024, 1, 1)
        for i in range(size):
            day = start + datetime.timedelta(days=7 * i)
            s = make_session(day, title=f"Gesprek {i}")
            Outcome.objects.create(session=s, kind="kader", text=f"Uitkomst {i}", agreed=True)
            m = milestone(day, title=f"Tussendoel {i}", forecast_date=day + datetime.timedelta(90))
            if i % 2:
                m.mark_achieved(on=day)
            answered_question(neighbourhood, day)
            CoreValue.objects.create(roadmap=roadmap, name=f"Waarde {i}", why="Daarom.")
        for i in range(size):
            adopt_on(roadmap, start + datetime.timedelta(days=3 * i), reason=f"Wijziging {i}")

    return make


@pytest.mark.parametrize("size", [3, 30])
def test_the_timeline_runs_eight_queries_however_much_happened(
    size, grow, page_neighbourhood, django_assert_num_queries
):
    grow(size)
    n = page_neighbourhood()
    # … the eighth: the steps of a designation track
    with django_assert_num_queries(8):
        events = timeline_for(n, today=TODAY)
    # sessions, outcomes, versions, questions; each milestone achieved (odd) or slipped (even)
    assert len(events) == 5 * size
    assert len([e for e in events if e.kind == EventKind.MILESTONE_SLIPPED]) == (size + 1) // 2


@pytest.mark.parametrize("size", [3, 30])
def test_story_and_timeline_together_run_a_fixed_number_of_queries(
    size, grow, page_neighbourhood, django_assert_num_queries, make_session
):
    grow(size)
    for i in range(size):
        make_session(TODAY, status="gepland", starts_at=timezone.now() + datetime.timedelta(i))
    n = page_neighbourhood()
    # the adopted roadmap once (latest version + milestone progress) for story and timeline,
    # the next session, the timeline's versions, sessions, outcomes, questions and the
    # designation steps
    with django_assert_num_queries(9):
        context = catch_up(n, QueryDict("sinds=2024-01-10"), today=TODAY)
    assert len(context["story"].reasons) == size
    assert context["timeline"]


# --- The story so far ----------------------------------------------------------------------


def test_the_story_tells_the_solution_and_why_from_the_adopted_core_values(
    neighbourhood, make_session, roadmap, page_neighbourhood
):
    neighbourhood.preferred_solution = HeatSolution.HEAT_NETWORK_LT
    neighbourhood.phase = Phase.PLANNING
    neighbourhood.save()
    s = make_session(datetime.date(2026, 3, 10))
    outcome = Outcome.objects.create(
        session=s, kind="kader", text="Niemand gaat er in woonlasten op achteruit", agreed=True
    )
    value = CoreValue.objects.create(roadmap=roadmap, name="Betaalbaar", why="Voor iedereen.")
    value.outcomes.add(outcome)
    adopt_on(roadmap, datetime.date(2026, 4, 1))
    story = story_for(page_neighbourhood(), today=TODAY)
    assert story.solution == "Warmtenet (lage temperatuur)"
    assert story.solution_chosen
    assert [(r.name, r.outcomes) for r in story.reasons] == [
        ("Betaalbaar", ["Niemand gaat er in woonlasten op achteruit"])
    ]
    assert story.phase == "Planvorming"
    assert story.agreed == []


def test_without_a_roadmap_the_story_gives_the_agreed_outcomes_as_why(
    make_session, page_neighbourhood
):
    s = make_session(datetime.date(2026, 3, 10))
    Outcome.objects.create(session=s, kind="kader", text="Eerst isoleren", agreed=True)
    Outcome.objects.create(session=s, kind="kader", text="Niet afgesproken", agreed=False)
    draft = make_session(datetime.date(2026, 3, 11), status="gesloten")
    Outcome.objects.create(session=draft, kind="kader", text="Niet gepubliceerd", agreed=True)
    story = story_for(page_neighbourhood(), today=TODAY)
    assert story.outlook is None
    assert [o.text for o in story.agreed] == ["Eerst isoleren"]


def test_the_story_says_what_comes_next_and_when(
    roadmap, milestone, make_session, page_neighbourhood
):
    done = milestone(datetime.date(2026, 5, 1), title="Klaar")
    milestone(datetime.date(2026, 9, 1), title="Straten gekozen")
    late = milestone(datetime.date(2026, 7, 1), title="Later")
    adopt_on(roadmap, datetime.date(2026, 1, 20))
    done.mark_achieved(on=datetime.date(2026, 5, 1))
    late.forecast_date = datetime.date(2026, 12, 1)
    late.save()
    session = make_session(
        datetime.date(2026, 6, 20),
        status="gepland",
        starts_at=timezone.now() + datetime.timedelta(1),
    )
    make_session(datetime.date(2026, 6, 25), status="concept", starts_at=timezone.now())
    story = story_for(page_neighbourhood(), today=TODAY)
    nxt = story.outlook.next_milestone
    assert (nxt.title, nxt.expected, nxt.overdue) == (
        "Straten gekozen",
        datetime.date(2026, 9, 1),
        False,
    )
    assert story.next_session == session


# --- The page fragment ---------------------------------------------------------------------


def page_url() -> str:
    return reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"])


def test_the_page_shows_story_and_timeline_with_time_elements(history, client):
    response = client.get(page_url())
    assert response.status_code == 200
    html = response.text
    assert "Het verhaal tot nu toe" in html
    assert '<time datetime="2026-03-10">10 maart 2026</time>' in html
    assert 'action="/testdal/bloemenwijk/#tijdlijn"' in html
    assert 'name="sinds"' in html
    assert "Needs:" not in html  # template comments stay comments


def test_the_since_filter_works_as_a_plain_get_form(history, client):
    response = client.get(page_url(), {"sinds": "2026-04-20"})
    html = response.text
    assert "Sinds 20 april 2026 zijn er 2 dingen veranderd." in html
    assert "Nieuwe planning" in html
    assert html.count("ww-timeline__item--") == 2
    assert 'value="2026-04-20"' in html


def test_a_date_the_form_cannot_read_is_ignored_with_a_message(history, client):
    response = client.get(page_url(), {"sinds": "gisteren"})
    assert response.status_code == 200
    html = response.text
    assert "Dit is geen datum die we kunnen lezen" in html
    assert 'aria-invalid="true"' in html
    assert html.count("ww-timeline__item--") == 6  # everything


def test_the_since_form_through_htmx_gets_only_the_timeline(history, client):
    response = client.get(
        page_url(),
        {"sinds": "2026-04-20"},
        headers={"HX-Request": "true", "HX-Target": "tijdlijn-resultaat"},
    )
    html = response.text
    assert "Het verhaal tot nu toe" not in html
    assert 'id="tijdlijn-resultaat"' not in html  # the live region stays on the page
    assert "<form" not in html
    assert html.count("ww-timeline__item--") == 2


def test_catch_up_ignores_an_empty_since(history, page_neighbourhood):
    context = catch_up(page_neighbourhood(), QueryDict("sinds="), today=TODAY)
    assert context["since"] is None
    assert not context["since_form"].errors
    assert len(context["timeline"]) == 6


def test_the_page_shows_the_newest_events_and_the_rest_on_request(
    history, client, monkeypatch, neighbourhood
):
    from residents import timeline

    total = len(timeline.timeline_for(neighbourhood))
    assert total >= 3
    monkeypatch.setattr(timeline, "TIMELINE_LENGTH", 2)
    response = client.get(page_url())
    assert response.text.count("ww-timeline__item ") == 2
    assert f"Laat ook de {total - 2} oudere berichten zien" in response.text
    everything = client.get(page_url(), {"alles": "1"})
    assert everything.text.count("ww-timeline__item ") == total


@pytest.mark.parametrize("size", [3, 30])
def test_catch_up_reads_nothing_twice_when_the_page_passes_what_it_read(
    size, grow, page_neighbourhood, django_assert_num_queries, make_session
):
    """The page reads the sessions and the answered questions once for all its parts: the
    story and the timeline then come out the same, in fewer queries."""
    from dialogue.public import public_sessions
    from residents.questions import public_answers
    from residents.timeline import answered_questions
    from roadmap.public import LatestAdopted

    grow(size)
    for i in range(size):
        make_session(TODAY, status="gepland", starts_at=timezone.now() + datetime.timedelta(i))
    make_session(TODAY, status="concept")  # never public
    n = page_neighbourhood()
    query = QueryDict("alles=1")
    alone = catch_up(n, query, today=TODAY)
    sessions, answered = public_sessions(n), answered_questions(n)
    adopted = LatestAdopted(n)
    adopted.live  # noqa: B018 (read the roadmap before counting)
    # the timeline's outcomes, versions, developments and designation steps; nothing for
    # sessions or questions
    with django_assert_num_queries(4):
        shared = catch_up(
            n, query, today=TODAY, adopted=adopted, sessions=sessions, answered=answered
        )
    assert shared["timeline"] == alone["timeline"]
    assert shared["story"] == alone["story"]
    assert shared["story"].next_session is not None
    expected = public_answers(n)
    with django_assert_num_queries(0):
        assert public_answers(n, answered) == expected


def test_the_page_shows_the_pulse_and_follow_forms_as_crispy_renders_them(client, neighbourhood):
    """Their fields are rendered once per language and kept: the same markup as rendering them
    on each request."""
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
    from crispy_forms.utils import render_crispy_form

    from dashboard.pulse import PulseForm
    from residents.forms.following import FollowForm

    for _ in range(2):  # the first request renders and keeps them, the second reuses them
        html = client.get(page_url()).text
        assert render_crispy_form(PulseForm()) in html
        follow = FollowForm()
        assert as_crispy_field(follow["email"]) in html
        assert as_crispy_field(follow["consent"]) in html
