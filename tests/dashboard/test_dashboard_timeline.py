"""What the dashboard adds to the public neighbourhood timeline: accepted developments, in public
wording."""

import datetime

import pytest
from django.utils import timezone

from dashboard import developments, timeline
from dashboard.models import Development, DevelopmentImpact
from roadmap.models import Milestone, Roadmap, adopt
from roadmap.public import LatestAdopted
from tests.factories import NeighbourhoodFactory, UserFactory
from wup.events import newest_first

d = datetime.date


@pytest.fixture
def roadmap(neighbourhood):
    return Roadmap.objects.create(neighbourhood=neighbourhood)


@pytest.fixture
def milestones(roadmap, party):
    """A → B, adopted in version 1; C added to the draft afterwards."""
    a = Milestone.objects.create(
        roadmap=roadmap, owner=party, title="Warmtebron gekozen", baseline_date=d(2027, 1, 1)
    )
    b = Milestone.objects.create(
        roadmap=roadmap, owner=party, title="Warmtenet aangelegd", baseline_date=d(2027, 3, 1)
    )
    b.depends_on.add(a)
    adopt(roadmap, by="raad", decision_date=d(2026, 5, 1), decision_reference="R-1")
    Milestone.objects.filter(pk=a.pk).update(title="Warmtebron gekozen (concept)")
    c = Milestone.objects.create(
        roadmap=roadmap, owner=party, title="Geheim concept", baseline_date=d(2027, 2, 1)
    )
    return a, b, c


def record(municipality, impacts, **kwargs) -> Development:
    development = Development.objects.create(
        municipality=municipality,
        title=kwargs.pop("title", "Netbeheerder stelt aansluiting uit"),
        description="Intern: bellen met Jansen van de netbeheerder.",
        occurs_on=kwargs.pop("occurs_on", d(2026, 10, 1)),
        kind="netcongestie",
        likelihood="groot",
        created_by=UserFactory(username="medewerker"),
    )
    for milestone, days in impacts:
        DevelopmentImpact.objects.create(
            development=development, milestone=milestone, delay_days=days
        )
    return development


def test_an_accepted_development_is_an_event_in_public_wording(
    neighbourhood, municipality, milestones
):
    a, b, c = milestones
    development = record(municipality, [(a, 30), (c, 10)])
    developments.accept(development)
    [event] = timeline.events_for(neighbourhood)
    assert event.date == d(2026, 10, 1)
    assert event.public_on == timezone.localdate()
    assert event.app == "dashboard"
    assert event.title == "Nieuwe ontwikkeling: Netbeheerder stelt aansluiting uit"
    # The adopted titles; the milestone only in the draft is not named.
    assert event.text == (
        "Soort: Netcongestie. Daardoor is de planning aangepast: ‘Warmtebron gekozen’ 30 dagen "
        "later en ‘Warmtenet aangelegd’ 30 dagen later."
    )
    assert "Jansen" not in event.text and "medewerker" not in event.text
    assert "concept" not in event.text.lower()
    assert event.url == "/testdal/bloemenwijk/routekaart/"
    assert newest_first([event]) == [event]  # sorts with the other apps' events


def test_open_and_dismissed_developments_are_not_events(neighbourhood, municipality, milestones):
    a, *_ = milestones
    record(municipality, [(a, 30)], title="Nog open")
    developments.dismiss(record(municipality, [(a, 30)], title="Afgewezen"))
    assert timeline.events_for(neighbourhood) == []


def test_a_development_that_moved_nothing_public_still_shows_it_was_weighed(
    neighbourhood, municipality, milestones
):
    a, b, c = milestones
    a.mark_achieved(on=d(2026, 9, 1))
    developments.accept(record(municipality, [(a, 30)]))
    [event] = timeline.events_for(neighbourhood)
    assert event.text == "Soort: Netcongestie. De planning van de wijk is hierop nagekeken."


def test_a_development_elsewhere_is_not_an_event_here_and_only_local_moves_are_named(
    neighbourhood, municipality, milestones, party
):
    a, *_ = milestones
    aster = NeighbourhoodFactory(municipality=municipality, name="Asterwijk", slug="asterwijk")
    aster_roadmap = Roadmap.objects.create(neighbourhood=aster)
    plan = Milestone.objects.create(
        roadmap=aster_roadmap, owner=party, title="Plan Aster", baseline_date=d(2027, 5, 1)
    )
    developments.accept(record(municipality, [(plan, 10)], title="Alleen Aster"))
    developments.accept(record(municipality, [(plan, 5), (a, 7)], title="Beide"))
    [event] = timeline.events_for(neighbourhood)
    assert event.title.endswith("Beide")
    assert "Plan Aster" not in event.text and "7 dagen later" in event.text
    # Aster has no adopted roadmap: the event is there, without naming draft milestones.
    events = timeline.events_for(aster)
    assert {e.title for e in events} == {
        "Nieuwe ontwikkeling: Alleen Aster",
        "Nieuwe ontwikkeling: Beide",
    }
    assert all("Plan Aster" not in e.text and e.url is None for e in events)


def test_a_speed_up_is_told_as_days_earlier(neighbourhood, municipality, milestones):
    a, *_ = milestones
    developments.accept(record(municipality, [(a, -3)]))
    [event] = timeline.events_for(neighbourhood)
    assert "‘Warmtebron gekozen’ 3 dagen eerder" in event.text


def test_events_cost_one_query_when_the_page_has_read_the_adopted_roadmap(
    neighbourhood, municipality, milestones, django_assert_num_queries
):
    a, b, _ = milestones
    for days in (10, 20, 30):
        developments.accept(record(municipality, [(a, days), (b, 1)]))
    adopted = LatestAdopted(neighbourhood)
    adopted.version  # noqa: B018 - the page reads it for the brief and the story already
    with django_assert_num_queries(1):
        assert len(timeline.events_for(neighbourhood, adopted=adopted)) == 3
    with django_assert_num_queries(2):
        timeline.events_for(neighbourhood)


def test_no_developments_cost_one_query(neighbourhood, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert timeline.events_for(neighbourhood) == []


# For the follower digest


def test_the_digest_gets_the_developments_accepted_in_its_window_in_the_same_wording(
    neighbourhood, municipality, milestones, django_assert_num_queries
):
    a, b, c = milestones
    now = timezone.now()
    before = record(municipality, [(a, 5)], title="Al eerder geaccepteerd")
    developments.accept(before)
    Development.objects.filter(pk=before.pk).update(decided_at=now - datetime.timedelta(days=8))
    developments.accept(record(municipality, [(a, 30), (c, 10)]))
    record(municipality, [(a, 30)], title="Nog open")
    developments.dismiss(record(municipality, [(a, 30)], title="Afgewezen"))

    with django_assert_num_queries(1):
        [accepted] = timeline.accepted_between(
            neighbourhood, now - datetime.timedelta(days=7), now + datetime.timedelta(minutes=1)
        )
    assert accepted.title == "Netbeheerder stelt aansluiting uit"
    assert now <= accepted.decided_at <= timezone.now()
    # Word for word the event the public timeline shows.
    shown = {e.title: e for e in timeline.events_for(neighbourhood)}
    assert accepted.event == shown["Nieuwe ontwikkeling: Netbeheerder stelt aansluiting uit"]
    assert "‘Warmtebron gekozen’ 30 dagen later" in accepted.event.text
    assert "Geheim concept" not in accepted.event.text
    assert "Jansen" not in accepted.event.text

    # Accepted after the window's end: not yet.
    assert timeline.accepted_between(neighbourhood, now - datetime.timedelta(days=7), now) == []


def test_the_digest_wording_without_an_adopted_roadmap_names_no_milestone(
    municipality, party, django_assert_num_queries
):
    aster = NeighbourhoodFactory(municipality=municipality, name="Asterwijk", slug="asterwijk")
    plan = Milestone.objects.create(
        roadmap=Roadmap.objects.create(neighbourhood=aster),
        owner=party,
        title="Plan Aster",
        baseline_date=d(2027, 5, 1),
    )
    since = timezone.now()
    developments.accept(record(municipality, [(plan, 10)], title="Alleen Aster"))
    elsewhere = NeighbourhoodFactory(municipality=municipality)
    with django_assert_num_queries(1):
        [accepted] = timeline.accepted_between(aster, since, timezone.now())
    assert accepted.event == timeline.events_for(aster)[0]
    assert accepted.event.url is None
    assert (
        accepted.event.text == "Soort: Netcongestie. De planning van de wijk is hierop nagekeken."
    )
    with django_assert_num_queries(1):
        assert timeline.accepted_between(elsewhere, since, timezone.now()) == []
