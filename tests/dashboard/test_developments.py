"""New developments: the scenario figures, accepting and dismissing, the back-office pages, who
may do what, and what the pages cost."""

import datetime

import pytest
from django.urls import reverse

from dashboard import developments
from dashboard.models import (
    Development,
    DevelopmentImpact,
    Indicator,
    RoutePoint,
)
from roadmap.models import Milestone, MilestoneStatus, Roadmap, adopt
from tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory
from wup.models import AuditEntry, Role

d = datetime.date


@pytest.fixture
def roadmap(neighbourhood):
    return Roadmap.objects.create(neighbourhood=neighbourhood)


@pytest.fixture
def make_milestone(party):
    def make(roadmap, title, baseline, *, depends_on=(), **kwargs) -> Milestone:
        milestone = Milestone.objects.create(
            roadmap=roadmap, owner=party, title=title, baseline_date=baseline, **kwargs
        )
        milestone.depends_on.set(depends_on)
        return milestone

    return make


@pytest.fixture
def chain(roadmap, make_milestone):
    """A → B → C, planned two and three months apart, and D on its own."""
    a = make_milestone(roadmap, "Warmtebron gekozen", d(2027, 1, 1))
    b = make_milestone(roadmap, "Warmtenet aangelegd", d(2027, 3, 1), depends_on=[a])
    c = make_milestone(roadmap, "Eerste woningen aangesloten", d(2027, 6, 1), depends_on=[b])
    other = make_milestone(roadmap, "Energieloket open", d(2027, 2, 1))
    return a, b, c, other


@pytest.fixture
def make_development(municipality):
    def make(impacts=(), **kwargs) -> Development:
        defaults = {
            "municipality": municipality,
            "title": "Netbeheerder stelt aansluiting uit",
            "occurs_on": d(2026, 10, 1),
            "kind": "netcongestie",
            "likelihood": "groot",
        }
        development = Development.objects.create(**{**defaults, **kwargs})
        for milestone, days in impacts:
            DevelopmentImpact.objects.create(
                development=development, milestone=milestone, delay_days=days
            )
        return development

    return make


def moves(effect) -> dict[str, tuple[datetime.date, datetime.date, int]]:
    return {m.milestone.title: (m.before, m.after, m.extra_days) for m in effect.milestones}


def reload(*milestones):
    return [Milestone.objects.get(pk=m.pk) for m in milestones]


# --- The scenario -----------------------------------------------------------------------------


def test_a_delay_moves_everything_that_depends_on_it_and_nothing_else(chain, make_development):
    a, b, c, other = chain
    development = make_development([(a, 30)])
    [effect] = developments.effects(development)
    assert moves(effect) == {
        "Warmtebron gekozen": (d(2027, 1, 1), d(2027, 1, 31), 30),
        "Warmtenet aangelegd": (d(2027, 3, 1), d(2027, 3, 31), 30),
        "Eerste woningen aangesloten": (d(2027, 6, 1), d(2027, 7, 1), 30),
    }
    assert (effect.end_before, effect.end_after) == (d(2027, 6, 1), d(2027, 7, 1))
    assert all(m.critical_before and m.critical_after for m in effect.milestones)
    assert Milestone.objects.get(pk=a.pk).forecast_date is None  # a scenario changes nothing


def test_a_forecast_that_already_allows_for_part_of_the_delay_absorbs_it(chain, make_development):
    a, b, c, _ = chain
    Milestone.objects.filter(pk=b.pk).update(forecast_date=d(2027, 3, 21))  # 20 days late already
    development = make_development([(a, 30)])
    [effect] = developments.effects(development)
    assert moves(effect) == {
        "Warmtebron gekozen": (d(2027, 1, 1), d(2027, 1, 31), 30),
        "Warmtenet aangelegd": (d(2027, 3, 21), d(2027, 3, 31), 10),
        "Eerste woningen aangesloten": (d(2027, 6, 21), d(2027, 7, 1), 10),
    }
    assert effect.end_extra_days == 10


def test_an_achieved_milestone_does_not_move_and_neither_do_its_dependents(chain, make_development):
    a, *_ = chain
    a.mark_achieved(on=d(2026, 12, 20))
    [effect] = developments.effects(make_development([(a, 30)]))
    assert effect.milestones == []
    assert effect.end_before == effect.end_after == d(2027, 6, 1)


def test_a_delay_off_the_critical_path_does_not_move_the_end(chain, make_development):
    *_, other = chain
    [effect] = developments.effects(make_development([(other, 20)]))
    [move] = effect.milestones
    assert (move.milestone, move.extra_days) == (other, 20)
    assert not move.critical_before and not move.critical_after
    assert effect.end_before == effect.end_after


def test_a_delay_that_makes_a_milestone_the_last_one_puts_it_on_the_critical_path(
    chain, make_development
):
    *_, other = chain
    [effect] = developments.effects(make_development([(other, 200)]))
    [move] = effect.milestones
    assert not move.critical_before and move.critical_after
    assert effect.end_after == d(2027, 8, 20)


def test_a_cancelled_milestone_is_left_out(chain, make_development):
    a, *_ = chain
    Milestone.objects.filter(pk=a.pk).update(status=MilestoneStatus.CANCELLED)
    [effect] = developments.effects(make_development([(a, 30)]))
    assert effect.milestones == []


def test_a_dependency_cycle_is_reported_and_refused(chain, make_development):
    a, b, c, _ = chain
    a.depends_on.add(c)  # the editor refuses this; the data might still hold it
    development = make_development([(a, 30)])
    [effect] = developments.effects(development)
    assert effect.error and effect.milestones == []
    with pytest.raises(ValueError):
        developments.accept(development)
    development.refresh_from_db()
    assert development.status == Development.Status.OPEN
    assert [m.forecast_date for m in reload(a, b, c)] == [None, None, None]


def test_effects_per_neighbourhood_in_name_order(
    municipality, chain, make_milestone, make_development
):
    a, *_ = chain
    aster = NeighbourhoodFactory(municipality=municipality, name="Asterwijk", slug="asterwijk")
    elsewhere = make_milestone(Roadmap.objects.create(neighbourhood=aster), "Plan", d(2027, 5, 1))
    development = make_development([(a, 10), (elsewhere, 5)])
    found = developments.effects(development)
    assert [e.neighbourhood.name for e in found] == ["Asterwijk", "Bloemenwijk"]
    assert moves(found[0]) == {"Plan": (d(2027, 5, 1), d(2027, 5, 6), 5)}
    assert len(found[1].milestones) == 3


@pytest.fixture
def gas_free(neighbourhood, chain):
    """The standard "homes gas-free" indicator, belonging to milestone C, with a draft route."""
    indicator = Indicator.objects.get(neighbourhood=neighbourhood, code="aardgasvrij")
    indicator.milestone = chain[2]
    indicator.save()
    RoutePoint.objects.create(indicator=indicator, date=d(2026, 1, 1), value=100)
    RoutePoint.objects.create(indicator=indicator, date=d(2030, 1, 1), value=900)
    return indicator


def test_the_route_target_moves_with_its_milestone_on_the_adopted_route(
    roadmap, chain, gas_free, make_development
):
    adopt(roadmap, by="college", decision_date=d(2026, 5, 1), decision_reference="B-1")
    # A later draft change is not what the council measures against.
    RoutePoint.objects.create(indicator=gas_free, date=d(2031, 1, 1), value=1000)
    [effect] = developments.effects(make_development([(chain[0], 30)]))
    [route] = effect.route
    assert route.indicator == gas_free
    assert (route.target_before, route.target_after, route.extra_days) == (
        d(2030, 1, 1),
        d(2030, 1, 31),
        30,
    )
    assert not effect.route_from_draft


def test_without_an_adopted_roadmap_the_route_effect_uses_the_draft_and_says_so(
    chain, gas_free, make_development
):
    [effect] = developments.effects(make_development([(chain[0], 30)]))
    assert [(r.target_before, r.target_after) for r in effect.route] == [
        (d(2030, 1, 1), d(2030, 1, 31))
    ]
    assert effect.route_from_draft


def test_an_indicator_whose_milestone_does_not_move_keeps_its_target(
    chain, gas_free, make_development
):
    [effect] = developments.effects(make_development([(chain[3], 30)]))
    assert effect.route == []


def test_effects_cost_a_fixed_number_of_queries(
    municipality, chain, gas_free, make_milestone, make_development, django_assert_num_queries
):
    small = make_development([(chain[0], 30)])
    big = make_development([(chain[0], 30)])
    for i in range(5):
        n = NeighbourhoodFactory(municipality=municipality)
        road = Roadmap.objects.create(neighbourhood=n)
        first = make_milestone(road, f"Start {i}", d(2027, 1, 1))
        make_milestone(road, f"Daarna {i}", d(2027, 4, 1), depends_on=[first])
        DevelopmentImpact.objects.create(development=big, milestone=first, delay_days=10)
    # impacts; milestones and their dependencies; indicators, versions, route points
    with django_assert_num_queries(6):
        developments.effects(small)
    with django_assert_num_queries(6):
        assert len(developments.effects(big)) == 6


# --- Accepting and dismissing -----------------------------------------------------------------


def test_accepting_moves_the_forecasts_to_the_scenario_and_marks_late_ones_delayed(
    chain, make_development, make_milestone, roadmap
):
    a, b, c, _ = chain
    early = make_milestone(roadmap, "Buurtavond", d(2027, 5, 1), forecast_date=d(2027, 4, 1))
    development = make_development([(a, 30), (early, 10)])
    assert developments.accept(development) is not None
    a, b, c, early = reload(a, b, c, early)
    assert [m.forecast_date for m in (a, b, c)] == [d(2027, 1, 31), d(2027, 3, 31), d(2027, 7, 1)]
    assert {m.status for m in (a, b, c)} == {MilestoneStatus.DELAYED}
    # Ten days later is still before its baseline: not delayed.
    assert (early.forecast_date, early.status) == (d(2027, 4, 11), MilestoneStatus.PLANNED)
    development.refresh_from_db()
    assert development.status == Development.Status.ACCEPTED
    assert development.decided_at is not None


def test_after_accepting_before_is_the_forecast_without_the_development(chain, make_development):
    a, b, c, _ = chain
    development = make_development([(a, 30)])
    developments.accept(development)
    # Later progress reports change today's forecasts, not what the decision was about.
    Milestone.objects.filter(pk=b.pk).update(forecast_date=d(2027, 5, 1))
    [effect] = developments.effects(Development.objects.get(pk=development.pk))
    assert moves(effect)["Warmtenet aangelegd"] == (d(2027, 3, 1), d(2027, 3, 31), 30)
    assert (effect.end_before, effect.end_after) == (d(2027, 6, 1), d(2027, 7, 1))


def test_a_second_development_starts_from_what_the_first_one_moved(chain, make_development):
    a, b, c, _ = chain
    developments.accept(make_development([(a, 30)]))
    [effect] = developments.effects(make_development([(b, 5)]))
    assert moves(effect) == {
        "Warmtenet aangelegd": (d(2027, 3, 31), d(2027, 4, 5), 5),
        "Eerste woningen aangesloten": (d(2027, 7, 1), d(2027, 7, 6), 5),
    }


def test_accepting_leaves_an_achieved_milestone_alone(chain, make_development):
    a, *_ = chain
    a.mark_achieved(on=d(2026, 12, 20))
    developments.accept(make_development([(a, 30)]))
    a = Milestone.objects.get(pk=a.pk)
    assert (a.forecast_date, a.achieved_date, a.status) == (
        None,
        d(2026, 12, 20),
        MilestoneStatus.ACHIEVED,
    )


def test_accepting_twice_changes_nothing_the_second_time(chain, make_development):
    a, b, c, _ = chain
    development = make_development([(a, 30)])
    developments.accept(development)
    assert developments.accept(Development.objects.get(pk=development.pk)) is None
    assert [m.forecast_date for m in reload(a, b, c)] == [
        d(2027, 1, 31),
        d(2027, 3, 31),
        d(2027, 7, 1),
    ]


def test_dismissing_moves_nothing_and_a_dismissed_development_cannot_be_accepted(
    chain, make_development
):
    a, b, c, _ = chain
    development = make_development([(a, 30)])
    assert developments.dismiss(development)
    assert development.status == Development.Status.DISMISSED
    assert developments.accept(development) is None
    assert not developments.dismiss(development)
    assert [(m.forecast_date, m.status) for m in reload(a, b, c)] == [
        (None, MilestoneStatus.PLANNED)
    ] * 3


def test_effects_for_a_neighbourhood_list_open_and_accepted_newest_first(
    neighbourhood, municipality, chain, make_milestone, make_development
):
    a, b, *_ = chain
    aster = NeighbourhoodFactory(municipality=municipality, name="Asterwijk", slug="asterwijk")
    elsewhere = make_milestone(Roadmap.objects.create(neighbourhood=aster), "Plan", d(2027, 5, 1))
    old = make_development([(a, 30)], title="Oud", occurs_on=d(2026, 1, 1))
    developments.accept(old)
    developments.dismiss(make_development([(a, 5)], title="Afgewezen", occurs_on=d(2026, 3, 1)))
    make_development([(b, 7), (elsewhere, 3)], title="Nieuw", occurs_on=d(2026, 6, 1))
    make_development([(elsewhere, 3)], title="Alleen elders", occurs_on=d(2026, 7, 1))
    found = developments.effects_for_neighbourhood(neighbourhood)
    assert [e.development.title for e in found] == ["Nieuw", "Oud"]
    assert {e.neighbourhood for e in found} == {neighbourhood}
    assert moves(found[0])["Warmtenet aangelegd"] == (d(2027, 3, 31), d(2027, 4, 7), 7)
    assert moves(found[1])["Warmtebron gekozen"] == (d(2027, 1, 1), d(2027, 1, 31), 30)


def test_effects_for_a_neighbourhood_cost_a_fixed_number_of_queries(
    neighbourhood, chain, gas_free, make_development, django_assert_num_queries
):
    a, b, c, other = chain
    make_development([(a, 10)])
    with django_assert_num_queries(7):
        developments.effects_for_neighbourhood(neighbourhood)
    for milestone in (b, c, other, a):
        developments.accept(make_development([(milestone, 3)]))
        make_development([(milestone, 4)])
    with django_assert_num_queries(7):
        assert len(developments.effects_for_neighbourhood(neighbourhood)) == 9


# --- The pages --------------------------------------------------------------------------------


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=["testdal", *args])


def form_data(impacts=(), **fields) -> dict:
    data = {
        "title": "Subsidie voor isolatie stopt",
        "description": "Het Rijk stopt de regeling per 1 januari.",
        "occurs_on": "2026-12-01",
        "kind": "subsidie",
        "likelihood": "redelijk",
        "gevolgen-TOTAL_FORMS": str(max(3, len(impacts))),
        "gevolgen-INITIAL_FORMS": "0",
        "gevolgen-MIN_NUM_FORMS": "0",
        "gevolgen-MAX_NUM_FORMS": "50",
        **fields,
    }
    for i, (milestone, days) in enumerate(impacts):
        data[f"gevolgen-{i}-milestone"] = str(milestone)
        data[f"gevolgen-{i}-delay_days"] = str(days)
    return data


def test_a_lead_records_a_development_with_its_impacts_and_sees_the_scenario(client, lead, chain):
    a, b, *_ = chain
    client.force_login(lead)
    response = client.post(url("development_create"), form_data([(a.pk, 30), (b.pk, -5)]))
    development = Development.objects.get()
    assert response.status_code == 302
    assert response.url == url("development_detail", development.pk)
    assert development.created_by == lead
    assert development.status == Development.Status.OPEN
    assert sorted(development.impacts.values_list("milestone__title", "delay_days")) == [
        ("Warmtebron gekozen", 30),
        ("Warmtenet aangelegd", -5),
    ]
    entry = AuditEntry.objects.get(action="create", object_type="development")
    assert entry.changes["impacts"] == ["Warmtebron gekozen: +30", "Warmtenet aangelegd: -5"]
    page = client.get(response.url).text
    assert "Wat het zou doen" in page
    # A 30 days later; B follows A but is 5 days quicker itself, and C follows B.
    assert "31 januari 2027" in page and "26 maart 2027" in page and "26 juni 2027" in page
    assert "Verwerken in de planning" in page


def test_the_form_groups_milestones_by_neighbourhood_and_leaves_out_achieved_ones(
    client, lead, municipality, chain, make_milestone
):
    chain[3].mark_achieved(on=d(2026, 1, 5))
    aster = NeighbourhoodFactory(municipality=municipality, name="Asterwijk", slug="asterwijk")
    make_milestone(Roadmap.objects.create(neighbourhood=aster), "Plan Aster", d(2027, 5, 1))
    client.force_login(lead)
    page = client.get(url("development_create")).text
    assert '<optgroup label="Asterwijk">' in page and '<optgroup label="Bloemenwijk">' in page
    assert page.index("Plan Aster") < page.index("Warmtebron gekozen")
    assert "Energieloket open" not in page


def test_bad_input_is_explained_and_nothing_typed_is_lost(client, lead, chain):
    a, *_ = chain
    client.force_login(lead)
    data = form_data([(a.pk, 30), (a.pk, 10), (chain[1].pk, 0)], title="")
    response = client.post(url("development_create"), data)
    assert response.status_code == 200
    page = response.text
    assert "Dit tussendoel staat er al" in page
    assert "0 verandert niets" in page
    assert "Het Rijk stopt de regeling per 1 januari." in page
    assert 'value="30"' in page
    assert not Development.objects.exists()


def test_accepting_through_the_page_moves_forecasts_once_and_is_audited(
    client, lead, chain, make_development
):
    a, b, c, _ = chain
    development = make_development([(a, 30)])
    client.force_login(lead)
    for _ in range(2):
        response = client.post(url("development_accept", development.pk))
        assert response.status_code == 302
    assert [m.forecast_date for m in reload(a, b, c)] == [
        d(2027, 1, 31),
        d(2027, 3, 31),
        d(2027, 7, 1),
    ]
    [entry] = AuditEntry.objects.filter(action="accept")
    assert entry.changes["moved"]["Warmtenet aangelegd"] == "2027-03-01 → 2027-03-31"
    page = client.get(url("development_detail", development.pk), follow=True).text
    assert "Wat het heeft gedaan" in page
    assert "Verwerken in de planning" not in page


def test_dismissing_through_the_page_moves_nothing(client, admin, chain, make_development):
    a, b, c, _ = chain
    development = make_development([(a, 30)])
    client.force_login(admin)
    assert client.post(url("development_dismiss", development.pk)).status_code == 302
    development.refresh_from_db()
    assert development.status == Development.Status.DISMISSED
    assert [m.forecast_date for m in reload(a, b, c)] == [None, None, None]
    assert AuditEntry.objects.filter(action="dismiss").count() == 1


def test_a_decided_development_can_no_longer_be_edited(client, lead, chain, make_development):
    development = make_development([(chain[0], 30)])
    developments.accept(development)
    client.force_login(lead)
    response = client.post(url("development_edit", development.pk), form_data(title="Anders"))
    assert response.status_code == 302
    development.refresh_from_db()
    assert development.title == "Netbeheerder stelt aansluiting uit"


def test_editing_an_open_development_changes_and_removes_impacts(
    client, lead, chain, make_development
):
    a, b, *_ = chain
    development = make_development([(a, 30), (b, 4)])
    impact_a, impact_b = development.impacts.order_by("milestone__baseline_date")
    client.force_login(lead)
    data = form_data(title="Netbeheerder stelt langer uit")
    data.update(
        {
            "gevolgen-TOTAL_FORMS": "3",
            "gevolgen-INITIAL_FORMS": "2",
            "gevolgen-0-id": str(impact_a.pk),
            "gevolgen-0-milestone": str(a.pk),
            "gevolgen-0-delay_days": "60",
            "gevolgen-1-id": str(impact_b.pk),
            "gevolgen-1-milestone": str(b.pk),
            "gevolgen-1-delay_days": "4",
            "gevolgen-1-DELETE": "on",
        }
    )
    response = client.post(url("development_edit", development.pk), data)
    assert response.status_code == 302
    assert list(development.impacts.values_list("milestone__title", "delay_days")) == [
        ("Warmtebron gekozen", 60)
    ]


# --- Who may do what --------------------------------------------------------------------------


@pytest.fixture
def limited_lead(municipality):
    """A project lead limited to "Asterwijk", which has one milestone."""
    aster = NeighbourhoodFactory(municipality=municipality, name="Asterwijk", slug="asterwijk")
    Roadmap.objects.create(neighbourhood=aster)
    user = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.add(aster)
    return user


def test_a_limited_lead_sees_only_developments_touching_their_neighbourhoods(
    client, limited_lead, chain, make_milestone, make_development
):
    aster = Roadmap.objects.get(neighbourhood__slug="asterwijk")
    plan = make_milestone(aster, "Plan Aster", d(2027, 5, 1))
    theirs = make_development([(plan, 10)], title="Raakt Asterwijk")
    both = make_development([(plan, 10), (chain[0], 30)], title="Raakt beide")
    other = make_development([(chain[0], 30)], title="Alleen Bloemenwijk")
    client.force_login(limited_lead)
    page = client.get(url("development_list")).text
    assert "Raakt Asterwijk" in page and "Raakt beide" in page
    assert "Alleen Bloemenwijk" not in page
    assert client.get(url("development_detail", other.pk)).status_code == 404
    page = client.get(url("development_detail", both.pk)).text
    assert "Plan Aster" in page and "Warmtebron gekozen" not in page
    assert "raakt ook 1 wijk waar u niet bij kunt" in page
    assert "Verwerken in de planning" not in page
    # Deciding for a neighbourhood they cannot see is not theirs to do.
    assert client.post(url("development_accept", both.pk)).status_code == 403
    assert client.get(url("development_edit", both.pk)).status_code == 403
    assert client.post(url("development_accept", theirs.pk)).status_code == 302
    assert Milestone.objects.get(pk=chain[0].pk).forecast_date is None


def test_a_limited_lead_can_only_choose_their_own_milestones(
    client, limited_lead, chain, make_milestone
):
    plan = make_milestone(
        Roadmap.objects.get(neighbourhood__slug="asterwijk"), "Plan Aster", d(2027, 5, 1)
    )
    client.force_login(limited_lead)
    page = client.get(url("development_create")).text
    assert "Plan Aster" in page and "Warmtebron gekozen" not in page
    response = client.post(url("development_create"), form_data([(chain[0].pk, 30)]))
    assert response.status_code == 200
    assert "Kies een tussendoel uit de lijst" in response.text
    response = client.post(url("development_create"), form_data([(plan.pk, 30)]))
    assert response.status_code == 302
    # What they recorded stays theirs to see.
    assert client.get(response.url).status_code == 200


ROLES = ["anonymous", "outsider", "partner", "council_member", "lead", "limited_lead", "admin"]
MEMBERS_READ = {**dict.fromkeys(ROLES, 200), "anonymous": 302, "outsider": 404}
WRITERS = {**MEMBERS_READ, "partner": 403, "council_member": 403}
NOT_ALLOWED = dict.fromkeys(ROLES, 405)
POST_ONLY = {**NOT_ALLOWED, "anonymous": 302}
DECIDE = {**WRITERS, "lead": 302, "admin": 302, "limited_lead": 404}

# The same rows as the permission matrix: (url name, needs the development, GET, POST).
MATRIX = [
    ("development_list", False, MEMBERS_READ, POST_ONLY),
    ("development_create", False, WRITERS, WRITERS),
    ("development_detail", True, {**MEMBERS_READ, "limited_lead": 404}, POST_ONLY),
    ("development_edit", True, {**WRITERS, "limited_lead": 404}, {**WRITERS, "limited_lead": 404}),
    ("development_accept", True, POST_ONLY, DECIDE),
    ("development_dismiss", True, POST_ONLY, DECIDE),
]


@pytest.fixture
def users(admin, lead, council_member, partner, outsider, limited_lead):
    return {
        "anonymous": None,
        "outsider": outsider,
        "partner": partner,
        "council_member": council_member,
        "lead": lead,
        "limited_lead": limited_lead,
        "admin": admin,
    }


@pytest.mark.parametrize(("name", "needs_pk", "on_get", "on_post"), MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_permissions(client, users, chain, make_development, name, needs_pk, on_get, on_post, role):
    development = make_development([(chain[0], 30)])
    if users[role]:
        client.force_login(users[role])
    target = url(name, development.pk) if needs_pk else url(name)
    assert client.get(target).status_code == on_get[role], f"GET as {role}"
    assert client.post(target, {}).status_code == on_post[role], f"POST as {role}"


def test_the_list_costs_a_fixed_number_of_queries(
    client,
    council_member,
    municipality,
    chain,
    make_milestone,
    make_development,
    django_assert_num_queries,
):
    make_development([(chain[0], 30)])
    client.force_login(council_member)
    client.get(url("development_list"))
    with django_assert_num_queries(5) as before:
        client.get(url("development_list"))
    for i in range(8):
        n = NeighbourhoodFactory(municipality=municipality)
        m = make_milestone(Roadmap.objects.create(neighbourhood=n), f"Start {i}", d(2027, 1, 1))
        make_development([(m, 10), (chain[1], 5)])
    with django_assert_num_queries(len(before.captured_queries)):
        page = client.get(url("development_list")).text
    assert page.count("Netbeheerder stelt aansluiting uit") == 9


def test_the_scenario_page_costs_a_fixed_number_of_queries(
    client,
    council_member,
    municipality,
    chain,
    gas_free,
    make_milestone,
    make_development,
    django_assert_num_queries,
):
    small = make_development([(chain[0], 30)])
    big = make_development([(chain[0], 30)])
    for i in range(6):
        n = NeighbourhoodFactory(municipality=municipality)
        road = Roadmap.objects.create(neighbourhood=n)
        first = make_milestone(road, f"Start {i}", d(2027, 1, 1))
        make_milestone(road, f"Daarna {i}", d(2027, 4, 1), depends_on=[first])
        DevelopmentImpact.objects.create(development=big, milestone=first, delay_days=10)
    client.force_login(council_member)
    client.get(url("development_detail", small.pk))
    with django_assert_num_queries(11) as counted:
        client.get(url("development_detail", small.pk))
    with django_assert_num_queries(len(counted.captured_queries)):
        page = client.get(url("development_detail", big.pk)).text
    assert page.count("<h3") == 7
