"""A neighbourhood's status is the worse of its indicators and its critical path, and says which
of the two sets it; without a status it says what is missing (issue 11, items 1 and 3)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from dashboard import developments
from dashboard.council.common import verdict_label, verdict_reason
from dashboard.council.milestones import (
    forecasts_for,
    milestone_outlooks,
    milestones_by_neighbourhood,
)
from dashboard.council.neighbourhood import neighbourhood_dashboard
from dashboard.council.overview import overview_rows, table_lines
from dashboard.models import (
    Development,
    DevelopmentImpact,
    DevelopmentKind,
    Likelihood,
)
from dashboard.models import Measurement as MeasurementRow
from dashboard.progress import (
    Driver,
    Missing,
    SlipThresholds,
    critical_slip,
    verdict,
)
from dashboard.route import Measurement, Position, RouteStatus
from roadmap.models import Milestone
from wup.models import Municipality

S = RouteStatus


@dataclass
class Fake:
    """What `verdict` reads of an indicator."""

    status: RouteStatus
    name: str = "Woningen aardgasvrij"
    shortfall: float = 0.0
    has_route: bool = True
    is_measured: bool = True

    @property
    def position(self):
        if self.status == S.NO_DATA:
            return None
        return Position(Measurement(datetime.date(2026, 1, 1), 1), 1, self.shortfall, self.status)


# --- The rule ---------------------------------------------------------------------------------


def test_thresholds_default_and_boundaries():
    t = SlipThresholds()
    assert (t.behind, t.far_behind) == (90, 365)
    assert t.status(None) is None
    assert t.status(0) == S.ON_ROUTE
    assert t.status(90) == S.ON_ROUTE
    assert t.status(91) == S.BEHIND
    assert t.status(365) == S.BEHIND
    assert t.status(366) == S.FAR_BEHIND


def test_thresholds_come_from_the_municipality():
    assert SlipThresholds.of(
        Municipality(milestone_behind_days=10, milestone_far_behind_days=20)
    ) == (SlipThresholds(10, 20))
    assert SlipThresholds.of(None) == SlipThresholds()


def test_the_critical_path_drives_when_it_is_worse():
    found = verdict([Fake(S.ON_ROUTE)], 360)
    assert (found.status, found.driver, found.slip_days) == (S.BEHIND, Driver.MILESTONES, 360)
    assert verdict([Fake(S.BEHIND, shortfall=0.1)], 400).status == S.FAR_BEHIND


def test_the_indicator_drives_when_it_is_worse_and_is_named():
    found = verdict(
        [Fake(S.BEHIND, "Label B", 0.06), Fake(S.FAR_BEHIND, "Warmtenet", 0.3), Fake(S.ON_ROUTE)],
        100,
    )
    assert (found.status, found.driver, found.indicator) == (
        S.FAR_BEHIND,
        Driver.INDICATOR,
        "Warmtenet",
    )


def test_the_one_furthest_behind_is_named_and_a_tie_names_both():
    found = verdict([Fake(S.BEHIND, "A", 0.06), Fake(S.BEHIND, "B", 0.1)], 200)
    assert (found.status, found.driver, found.indicator) == (S.BEHIND, Driver.BOTH, "B")


def test_on_route_without_a_driver_and_a_path_on_time_changes_nothing():
    found = verdict([Fake(S.ON_ROUTE)], 30)
    assert (found.status, found.driver) == (S.ON_ROUTE, Driver.NONE)
    assert verdict([Fake(S.ON_ROUTE)], None).status == S.ON_ROUTE


def test_a_path_on_time_does_not_make_a_neighbourhood_without_measurements_on_route():
    found = verdict([Fake(S.NO_DATA, is_measured=False)], 0)
    assert (found.status, found.missing) == (S.NO_DATA, Missing.NOT_MEASURED)
    # ...but a path that slips puts it behind all the same.
    assert verdict([Fake(S.NO_DATA, is_measured=False)], 120).status == S.BEHIND


@pytest.mark.parametrize(
    ("has_route", "is_measured", "missing", "words"),
    [
        (False, True, Missing.NO_ROUTE, "Nog geen vastgestelde route"),
        (True, False, Missing.NOT_MEASURED, "Nog niet gemeten"),
        (False, False, Missing.NO_DATA, "Geen gegevens"),
    ],
)
def test_missing_data_has_honest_words(has_route, is_measured, missing, words):
    found = verdict([Fake(S.NO_DATA, has_route=has_route, is_measured=is_measured)], None)
    assert found.missing == missing
    with translation.override("nl"):
        assert verdict_label(found) == words
        assert verdict_reason(found) == ""
    assert verdict([], None).missing == Missing.NO_DATA


def test_the_reason_in_words():
    with translation.override("nl"):
        assert verdict_reason(verdict([Fake(S.ON_ROUTE)], 360)) == (
            "door de tussendoelen: het kritieke pad loopt 360 dagen uit"
        )
        assert verdict_reason(verdict([Fake(S.BEHIND, "Label B", 0.1)], None)) == (
            "door indicator Label B"
        )
        assert verdict_reason(verdict([Fake(S.ON_ROUTE)], None)) == ""
    with translation.override("en"):
        assert "critical path" in verdict_reason(verdict([Fake(S.ON_ROUTE)], 360))


# --- On the demo --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            yield Municipality.objects.get(slug="zonnedal")
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def zonnedal(seeded, db):
    return Municipality.objects.get(pk=seeded.pk)  # a fresh object: a test may change it


def rows_by_slug(municipality, *, detail=False):
    hoods = list(municipality.neighbourhoods.order_by("name"))
    rows = overview_rows(
        hoods,
        today=timezone.localdate(),
        detail=detail,
        thresholds=SlipThresholds.of(municipality),
    )
    return {r.neighbourhood.slug: r for r in rows}


def delay(municipality, milestone: Milestone, days: int, title: str) -> None:
    development = Development.objects.create(
        municipality=municipality,
        title=title,
        occurs_on=timezone.localdate(),
        kind=DevelopmentKind.SUPPLIER,
        likelihood=Likelihood.CERTAIN,
    )
    DevelopmentImpact.objects.create(development=development, milestone=milestone, delay_days=days)
    assert developments.accept(development) is not None


def first_critical(neighbourhood) -> Milestone:
    forecasts = forecasts_for(milestones_by_neighbourhood([neighbourhood.pk])[neighbourhood.pk])
    pending = [f for f in forecasts if f.critical and f.milestone.achieved_date is None]
    return min(pending, key=lambda f: f.expected).milestone


@pytest.mark.django_db
@pytest.mark.parametrize("detail", [False, True], ids=["overview", "report"])
def test_two_accepted_half_year_delays_put_a_neighbourhood_on_route_behind(zonnedal, detail):
    zonnehoek = zonnedal.neighbourhoods.get(slug="zonnehoek")
    before = rows_by_slug(zonnedal, detail=detail)["zonnehoek"]
    assert before.status == S.ON_ROUTE

    milestone = first_critical(zonnehoek)
    delay(zonnedal, milestone, 180, "Netcongestie")
    delay(zonnedal, milestone, 180, "Afleversets later")

    row = rows_by_slug(zonnedal, detail=detail)["zonnehoek"]
    assert row.status == S.BEHIND
    assert row.verdict.driver == Driver.MILESTONES
    assert row.verdict.slip_days == 360
    with translation.override("nl"):
        assert row.status_label == "Achter"
        assert row.status_reason == "door de tussendoelen: het kritieke pad loopt 360 dagen uit"
        (line,) = [
            line
            for line in table_lines([row], url=lambda slug: f"/{slug}/")
            if line["name"] == "Zonnehoek"
        ]
        assert (line["status"], line["reason"]) == ("Achter", row.status_reason)

    view = neighbourhood_dashboard(zonnehoek, thresholds=SlipThresholds.of(zonnedal))
    assert view.status == S.BEHIND
    with translation.override("nl"):
        assert view.status_reason == row.status_reason

    # The municipality sets its own thresholds.
    Municipality.objects.filter(pk=zonnedal.pk).update(
        milestone_behind_days=400, milestone_far_behind_days=500
    )
    zonnedal.refresh_from_db()
    assert rows_by_slug(zonnedal, detail=detail)["zonnehoek"].status == S.ON_ROUTE
    Municipality.objects.filter(pk=zonnedal.pk).update(
        milestone_behind_days=30, milestone_far_behind_days=300
    )
    zonnedal.refresh_from_db()
    assert rows_by_slug(zonnedal, detail=detail)["zonnehoek"].status == S.FAR_BEHIND


@pytest.mark.django_db
def test_overview_and_report_agree_on_the_critical_path(zonnedal):
    ids = list(zonnedal.neighbourhoods.values_list("pk", flat=True))
    outlooks = milestone_outlooks(ids)
    milestones = milestones_by_neighbourhood(ids)
    for pk in ids:
        expected = critical_slip(forecasts_for(milestones.get(pk, [])))
        found = outlooks[pk].critical_slip if pk in outlooks else None
        assert found == expected
    summary, detail = rows_by_slug(zonnedal), rows_by_slug(zonnedal, detail=True)
    assert {s: r.verdict for s, r in summary.items()} == {s: r.verdict for s, r in detail.items()}


@pytest.mark.django_db
def test_the_demo_says_why_there_is_no_status(zonnedal):
    rows = rows_by_slug(zonnedal)
    # Measurements, but only a draft route or none at all.
    for slug in ("bloemenwijk", "de-gaarde", "lindehof"):
        assert rows[slug].verdict.missing == Missing.NO_ROUTE
        with translation.override("nl"):
            assert rows[slug].status_label == "Nog geen vastgestelde route"
    # The demo story: statuses as before for the neighbourhoods whose milestones are on time.
    assert rows["rivierzicht"].status == S.BEHIND
    assert rows["de-akkers"].status == S.FAR_BEHIND
    assert rows["molenbuurt"].status == S.ON_ROUTE


@pytest.mark.django_db
def test_the_pages_say_what_sets_the_status(client, zonnedal):
    zonnehoek = zonnedal.neighbourhoods.get(slug="zonnehoek")
    milestone = first_critical(zonnehoek)
    delay(zonnedal, milestone, 180, "Netcongestie")
    delay(zonnedal, milestone, 180, "Afleversets later")
    member = zonnedal.memberships.get(user__email="raadslid@zonnedal.example").user
    client.force_login(member)
    reason = "door de tussendoelen: het kritieke pad loopt 360 dagen uit"
    overview = client.get(
        reverse("dashboard:council_overview", args=[zonnedal.slug]), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert reason in overview
    assert "Nog geen vastgestelde route" in overview
    assert "loopt het kritieke pad meer dan 90 dagen uit, dan staat de wijk achter" in overview
    page = client.get(
        reverse("dashboard:council_neighbourhood", args=[zonnedal.slug, "zonnehoek"]),
        HTTP_ACCEPT_LANGUAGE="nl",
    ).content.decode()
    header = page[page.index("ww-facts") : page.index("</dl>")]
    assert "Achter" in header and reason in header


@pytest.mark.django_db
def test_honest_words_per_indicator_and_per_neighbourhood(zonnedal):
    with translation.override("nl"):
        molenbuurt = neighbourhood_dashboard(zonnedal.neighbourhoods.get(slug="molenbuurt"))
        words = {v.indicator.code: v.status_label for v in molenbuurt.indicators}
        # The heat network has a route and nothing measured yet; participation is measured
        # but has no route in the adopted roadmap.
        assert words["warmtenet"] == "Nog niet gemeten"
        assert words["deelname"] == "Nog geen vastgestelde route"
        assert words["aardgasvrij"] == "Op route"

        # An adopted route and no measurement at all: "nog niet gemeten", not "Geen gegevens".
        havenkwartier = zonnedal.neighbourhoods.get(slug="havenkwartier")
        MeasurementRow.objects.filter(indicator__neighbourhood=havenkwartier).delete()
        row = rows_by_slug(zonnedal)["havenkwartier"]
        assert (row.status, row.verdict.missing) == (S.NO_DATA, Missing.NOT_MEASURED)
        assert row.status_label == "Nog niet gemeten"
        assert rows_by_slug(zonnedal, detail=True)["havenkwartier"].status_label == (
            "Nog niet gemeten"
        )
        view = neighbourhood_dashboard(havenkwartier)
        assert view.status_label == "Nog niet gemeten"
    with translation.override("en"):
        assert rows_by_slug(zonnedal)["havenkwartier"].status_label == "Not measured yet"
        assert rows_by_slug(zonnedal)["lindehof"].status_label == "No adopted route yet"
