"""The Zonnedal demo dashboard tells a story: some neighbourhoods on route, some behind, one far
behind, one hit by an accepted development; the route is part of the adopted roadmap, the
measurements cover two years with CBS-like status, and seeding again changes nothing."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from dashboard.models import (
    DataStatus,
    Development,
    DevelopmentImpact,
    DevelopmentKind,
    Indicator,
    Measurement,
    RoutePoint,
    SteeringAction,
    SteeringStatus,
)
from dashboard.progress import indicator_progress, milestone_forecasts, worst_status
from dashboard.route import RouteStatus
from demo.dashboard import seed_dashboard
from demo.data.dashboard import ACTIONS, DEVELOPMENTS
from demo.data.roadmap import PLANS
from roadmap.models import DecisionBody, Milestone, MilestoneStatus, RoadmapVersion
from roadmap.snapshots import diff, take_snapshot
from wup.models import Municipality

pytestmark = pytest.mark.django_db

STORY = {
    "zonnehoek": RouteStatus.ON_ROUTE,
    "molenbuurt": RouteStatus.ON_ROUTE,
    "havenkwartier": RouteStatus.ON_ROUTE,
    "rivierzicht": RouteStatus.BEHIND,
    "oude-dorp": RouteStatus.BEHIND,
    "de-akkers": RouteStatus.FAR_BEHIND,
    # Planvorming: only a draft route, so nothing to measure against yet.
    "bloemenwijk": RouteStatus.NO_DATA,
    "het-weiland": RouteStatus.NO_DATA,
    "kerkeveld": RouteStatus.NO_DATA,
    # Verkenning: measurements, no route.
    "de-gaarde": RouteStatus.NO_DATA,
    "lindehof": RouteStatus.NO_DATA,
    "noorderpark": RouteStatus.NO_DATA,
}


def seed_demo() -> Municipality:
    call_command("seed_demo", stdout=io.StringIO())
    return Municipality.objects.get(slug="zonnedal")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (a full demo takes seconds), in a transaction rolled back at
    the end; each test runs in a savepoint inside it, so a test that changes data changes it
    for itself only."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield seed_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def zonnedal(seeded, db):
    return seeded


def forget_dashboard(municipality) -> None:
    """Remove what seed_dashboard adds, as if it had never run (the route stays)."""
    mine = {"indicator__neighbourhood__municipality": municipality}
    Measurement.objects.filter(**mine).delete()
    Development.objects.filter(municipality=municipality).delete()
    SteeringAction.objects.filter(neighbourhood__municipality=municipality).delete()


def statuses(municipality) -> dict[str, RouteStatus]:
    neighbourhoods = list(municipality.neighbourhoods.all())
    progress = indicator_progress(neighbourhoods)
    return {n.slug: worst_status(progress[n.pk]) for n in neighbourhoods}


def counts(municipality) -> dict[str, int]:
    mine = {"indicator__neighbourhood__municipality": municipality}
    return {
        "indicators": Indicator.objects.filter(neighbourhood__municipality=municipality).count(),
        "route_points": RoutePoint.objects.filter(**mine).count(),
        "measurements": Measurement.objects.filter(**mine).count(),
        "developments": Development.objects.filter(municipality=municipality).count(),
        "impacts": DevelopmentImpact.objects.filter(development__municipality=municipality).count(),
        "actions": SteeringAction.objects.filter(neighbourhood__municipality=municipality).count(),
        "linked": Indicator.objects.filter(
            neighbourhood__municipality=municipality, milestone__isnull=False
        ).count(),
    }


def forecasts(municipality) -> dict[int, tuple]:
    return dict(
        Milestone.objects.filter(roadmap__neighbourhood__municipality=municipality).values_list(
            "pk", "forecast_date"
        )
    )


def test_the_council_sees_some_neighbourhoods_on_route_some_behind_and_one_far_behind(zonnedal):
    found = statuses(zonnedal)
    assert found == STORY
    assert list(found.values()).count(RouteStatus.FAR_BEHIND) == 1


def test_the_far_behind_neighbourhood_is_behind_on_its_heat_network_and_steers_on_it(zonnedal):
    akkers = zonnedal.neighbourhoods.get(slug="de-akkers")
    progress = indicator_progress([akkers])[akkers.pk]
    far = [p for p in progress if p.status == RouteStatus.FAR_BEHIND]
    assert {p.indicator.code for p in far} == {"warmtenet", "aardgasvrij"}
    heat = next(p for p in far if p.indicator.code == "warmtenet")
    assert heat.indicator.milestone.title == "Woningen westkant aangesloten"
    assert heat.indicator.party.name == "Warmtebedrijf Zonnedal"
    assert heat.position.shortfall > 0.3
    assert "hoofdleiding" in heat.indicator.measurements.order_by("date").last().note
    action = akkers.steering_actions.get(indicator=heat.indicator)
    assert action.reason_key == f"indicator:{heat.indicator.pk}"
    assert action.status == SteeringStatus.IN_PROGRESS


def test_the_route_is_part_of_every_adopted_version_and_its_snapshot(zonnedal):
    versions = RoadmapVersion.objects.filter(roadmap__neighbourhood__municipality=zonnedal)
    assert versions.count() >= 6
    for version in versions.select_related("roadmap"):
        neighbourhood_id = version.roadmap.neighbourhood_id
        draft = set(
            RoutePoint.objects.filter(
                indicator__neighbourhood_id=neighbourhood_id, version=None
            ).values_list("indicator_id", "date", "value")
        )
        frozen = set(version.route_points.values_list("indicator_id", "date", "value"))
        assert draft and frozen == draft
        assert {item["id"] for item in version.snapshot["route"]} == {p[0] for p in draft}
    # Where the roadmap has no draft changes, the draft is the adopted version, route included.
    for slug in ("zonnehoek", "de-akkers", "havenkwartier", "oude-dorp"):
        roadmap = zonnedal.neighbourhoods.get(slug=slug).roadmap
        assert diff(roadmap.latest_version().snapshot, take_snapshot(roadmap)) == {}


def test_neighbourhoods_in_planvorming_have_a_draft_route_only(zonnedal):
    for neighbourhood in zonnedal.neighbourhoods.filter(slug__in=["bloemenwijk", "kerkeveld"]):
        points = RoutePoint.objects.filter(indicator__neighbourhood=neighbourhood)
        assert points.exists()
        assert not points.filter(version__isnull=False).exists()
        draft = indicator_progress([neighbourhood], draft=True)[neighbourhood.pk]
        assert worst_status(draft) != RouteStatus.NO_DATA


def test_two_years_of_measurements_older_final_recent_provisional(zonnedal):
    today = timezone.localdate()
    measured = Measurement.objects.filter(
        indicator__neighbourhood__municipality=zonnedal, indicator__code="warmtenet"
    )
    for indicator in Indicator.objects.filter(measurements__in=measured).distinct():
        rows = list(indicator.measurements.order_by("date"))
        assert len(rows) >= 12  # monthly
        assert rows[-1].date < today
        assert (rows[-1].date - rows[0].date).days > 600
        assert rows[0].data_status == DataStatus.FINAL
        assert rows[-1].data_status == DataStatus.PROVISIONAL
        values = [row.value for row in rows]
        assert values == sorted(values)  # homes connected never go down
    labels = Measurement.objects.filter(
        indicator__neighbourhood__municipality=zonnedal, indicator__code="label_b"
    )
    assert labels.filter(via=Measurement.Via.CSV).count() == labels.count()
    assert not labels.filter(date__gte=today - dt.timedelta(days=45)).exists()  # published later
    statuses = set(labels.values_list("data_status", flat=True))
    assert statuses == {DataStatus.FINAL, DataStatus.REVISED, DataStatus.PROVISIONAL}


def test_counts_of_homes_stay_within_the_neighbourhood(zonnedal):
    for neighbourhood in zonnedal.neighbourhoods.prefetch_related("areas"):
        homes = max(area.homes for area in neighbourhood.areas.all())
        highest = (
            Measurement.objects.filter(
                indicator__neighbourhood=neighbourhood,
                indicator__code__in=["aardgasvrij", "aardgasvrij_klaar", "warmtenet", "label_b"],
            )
            .order_by("-value")
            .first()
        )
        if highest:
            assert highest.value <= homes


def test_the_pulse_and_the_triangle_are_measured_from_the_residents_and_the_sessions(zonnedal):
    pulse = Measurement.objects.filter(
        indicator__neighbourhood__municipality=zonnedal, indicator__code="peiling_vertrouwen"
    )
    assert pulse.count() >= 20
    assert all(1 <= m.value <= 5 for m in pulse)
    balance = Measurement.objects.filter(
        indicator__neighbourhood__municipality=zonnedal, indicator__code="driehoek_balans"
    )
    assert balance.exists()
    assert all(0 <= m.value <= 1 for m in balance)


def test_an_accepted_grid_development_moved_a_milestone_and_its_dependents(zonnedal):
    development = Development.objects.get(municipality=zonnedal, kind=DevelopmentKind.GRID)
    assert development.status == Development.Status.ACCEPTED
    assert development.decided_at is not None
    assert development.occurs_on < development.decided_at.date() <= timezone.localdate()
    assert development.applied  # accepted through developments.accept, which records it
    impact = development.impacts.get()
    hit = impact.milestone
    roadmap = hit.roadmap
    assert roadmap.neighbourhood.slug == "rivierzicht"
    assert hit.forecast_date == hit.baseline_date + dt.timedelta(days=impact.delay_days)
    assert hit.status == MilestoneStatus.DELAYED
    dependents = list(hit.dependents.all())
    assert dependents
    for dependent in dependents:
        assert dependent.forecast_date > dependent.baseline_date
        assert dependent.status == MilestoneStatus.DELAYED
    # The stored forecasts are what the schedule now computes: the slip is propagated.
    milestones = list(roadmap.milestones.prefetch_related("depends_on"))
    for forecast in milestone_forecasts(milestones):
        assert forecast.expected == forecast.milestone.expected_date


def test_an_open_development_has_impacts_but_moved_nothing_yet(zonnedal):
    development = Development.objects.get(municipality=zonnedal, status=Development.Status.OPEN)
    assert development.decided_at is None
    impacts = list(development.impacts.select_related("milestone__roadmap__neighbourhood"))
    assert len(impacts) >= 2
    for impact in impacts:
        milestone = impact.milestone
        plan = PLANS[milestone.roadmap.neighbourhood.slug]
        spec = next(m for m in plan.milestones if m.title == milestone.title)
        assert milestone.forecast_date == spec.forecast
        milestones = list(milestone.roadmap.milestones.prefetch_related("depends_on"))
        scenario = milestone_forecasts(milestones, delays={milestone.pk: impact.delay_days})
        after = next(f for f in scenario if f.milestone.pk == milestone.pk)
        assert after.expected > milestone.expected_date


def test_steering_actions_done_with_an_outcome_and_in_progress_by_college_and_raad(zonnedal):
    actions = SteeringAction.objects.filter(neighbourhood__municipality=zonnedal)
    assert actions.count() == len(ACTIONS)
    today = timezone.localdate()
    done = actions.filter(status=SteeringStatus.DONE)
    assert done.exists()
    for action in done:
        assert action.outcome
        assert action.due_on < today
    assert actions.filter(status=SteeringStatus.IN_PROGRESS, due_on__gt=today).exists()
    assert {DecisionBody.EXECUTIVE, DecisionBody.COUNCIL} <= set(
        actions.values_list("decided_by", flat=True)
    )


def test_indicators_belong_to_milestones_of_their_own_roadmap(zonnedal):
    linked = Indicator.objects.filter(
        neighbourhood__municipality=zonnedal, milestone__isnull=False
    ).select_related("milestone__roadmap")
    assert linked.count() >= 8
    for indicator in linked:
        assert indicator.milestone.roadmap.neighbourhood_id == indicator.neighbourhood_id
    custom = Indicator.objects.filter(neighbourhood__municipality=zonnedal, code="")
    assert custom.count() == 4


def test_seeding_twice_changes_nothing(zonnedal):
    before = counts(zonnedal), forecasts(zonnedal), statuses(zonnedal)
    seed_demo()
    assert (counts(zonnedal), forecasts(zonnedal), statuses(zonnedal)) == before
    assert Development.objects.filter(municipality=zonnedal).count() == len(DEVELOPMENTS)


def test_the_story_holds_when_the_demo_is_seeded_later(zonnedal):
    forget_dashboard(zonnedal)
    with time_machine.travel(dt.datetime(2028, 3, 14, 10, tzinfo=dt.UTC), tick=False):
        seed_dashboard(zonnedal)
        assert statuses(zonnedal) == STORY
        latest = Measurement.objects.filter(indicator__neighbourhood__municipality=zonnedal)
        assert latest.order_by("-date").first().date.year == 2028


def test_a_roadmap_adopted_before_the_route_existed_gets_it_in_its_latest_version(zonnedal):
    # A database where the roadmap demo ran before the route was part of the demo: the
    # versions hold no route.
    forget_dashboard(zonnedal)
    RoutePoint.objects.filter(
        indicator__neighbourhood__municipality=zonnedal, version__isnull=False
    ).delete()
    assert statuses(zonnedal)["zonnehoek"] == RouteStatus.NO_DATA
    seed_dashboard(zonnedal)
    assert statuses(zonnedal) == STORY
    zonnehoek = zonnedal.neighbourhoods.get(slug="zonnehoek").roadmap
    assert zonnehoek.latest_version().route_points.exists()
    assert not zonnehoek.versions.get(number=1).route_points.exists()
