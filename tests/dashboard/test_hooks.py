"""What the dashboard adds to the apps below it, called explicitly where it happens: the
standard indicators of every new neighbourhood (however it is created) and the route, which is
in every snapshot and frozen into each adopted roadmap version."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from dashboard import progress
from dashboard.models import (
    STANDARD_SET,
    Indicator,
    Measurement,
    RoutePoint,
    StandardIndicator,
    create_standard_indicators,
)
from dashboard.route import RouteStatus
from roadmap.models import Roadmap, adopt
from roadmap.snapshots import diff, take_snapshot
from tests.factories import NeighbourhoodFactory
from wup.models import AuditEntry, Neighbourhood

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("dashboard.migrations.0003_standard_indicators_for_existing")


def test_a_new_neighbourhood_gets_the_nine_standard_indicators_once(municipality):
    neighbourhood = NeighbourhoodFactory(municipality=municipality)
    codes = list(neighbourhood.indicators.order_by("order").values_list("code", flat=True))
    assert codes == list(StandardIndicator.values)
    assert len(codes) == 9
    neighbourhood.name = "Nieuwe naam"
    neighbourhood.save()
    assert create_standard_indicators([neighbourhood]) == []
    assert neighbourhood.indicators.count() == 9
    gas_free = neighbourhood.indicators.get(code="aardgasvrij")
    assert (gas_free.name, gas_free.unit, gas_free.source) == (
        "Woningen aardgasvrij",
        "aantal",
        "cbs_aardgasvrij",
    )


def test_a_missing_standard_indicator_is_added_back_without_doubles(neighbourhood):
    neighbourhood.indicators.filter(code="warmtenet").delete()
    added = create_standard_indicators([neighbourhood])
    assert [i.code for i in added] == ["warmtenet"]
    assert neighbourhood.indicators.filter(code="warmtenet").count() == 1


def _standard_codes(neighbourhoods) -> dict[str, list[str]]:
    return {
        n.slug: list(n.indicators.exclude(code="").order_by("order").values_list("code", flat=True))
        for n in neighbourhoods
    }


def test_one_call_gives_many_neighbourhoods_their_set_in_one_insert(
    municipality, django_assert_num_queries
):
    new = Neighbourhood.objects.bulk_create(
        Neighbourhood(municipality=municipality, name=f"Wijk {i}", slug=f"wijk-{i}")
        for i in range(3)
    )
    with django_assert_num_queries(2):  # what they have, then one insert
        added = create_standard_indicators(new)
    assert len(added) == 3 * 9
    assert set(map(tuple, _standard_codes(new).values())) == {tuple(StandardIndicator.values)}


def test_creating_with_parts_and_adding_parts_after_a_bulk_create(municipality):
    one = Neighbourhood.objects.create_with_parts(municipality=municipality, name="Een", slug="een")
    many = Neighbourhood.objects.bulk_create(
        [
            Neighbourhood(municipality=municipality, name="Twee", slug="twee"),
            Neighbourhood(municipality=municipality, name="Drie", slug="drie"),
        ]
    )
    assert not Indicator.objects.filter(neighbourhood__in=many).exists()  # bulk_create alone
    Neighbourhood.objects.add_parts(many)
    for codes in _standard_codes([one, *many]).values():
        assert codes == list(StandardIndicator.values)


def test_the_back_office_gives_a_new_neighbourhood_its_set(client, lead, municipality):
    client.force_login(lead)
    response = client.post(
        reverse("wup:bo_neighbourhood_create", args=[municipality.slug]),
        {
            "name": "De Gaarde",
            "slug": "",
            "phase": "verkennen",
            "phase_detail": "",
            "preferred_solution": "nog_onbekend",
            "startanalyse_variant": "",
            "planned_gas_free_year": "2035",
            "summary": "",
        },
    )
    assert response.status_code == 302
    created = Neighbourhood.objects.get(municipality=municipality, name="De Gaarde")
    assert _standard_codes([created])["de-gaarde"] == list(StandardIndicator.values)


def test_the_cbs_import_gives_each_new_plan_area_its_set(db):
    sample = Path(__file__).resolve().parent.parent / "data" / "kwb_sample.csv"
    call_command("import_cbs", str(sample), "--year", "2024", stdout=StringIO(), stderr=StringIO())
    created = list(Neighbourhood.objects.all())
    assert len(created) == 5
    for codes in _standard_codes(created).values():
        assert codes == list(StandardIndicator.values)
    # Importing again creates no neighbourhood and no indicator.
    before = Indicator.objects.count()
    call_command("import_cbs", str(sample), "--year", "2024", stdout=StringIO(), stderr=StringIO())
    assert Indicator.objects.count() == before == 5 * 9


def test_seed_scale_gives_each_neighbourhood_its_set(db):
    call_command("seed_scale", municipalities=2, neighbourhoods=3, stdout=StringIO())
    created = list(Neighbourhood.objects.filter(municipality__slug__startswith="scale-"))
    assert len(created) == 6
    assert Indicator.objects.filter(neighbourhood__in=created).count() == 6 * 9
    for codes in _standard_codes(created).values():
        assert codes == list(StandardIndicator.values)


def test_the_data_migration_gives_existing_neighbourhoods_the_set(neighbourhood, municipality):
    bare = NeighbourhoodFactory(municipality=municipality)
    bare.indicators.all().delete()
    neighbourhood.indicators.filter(code__in=["label_b", "deelname"]).delete()
    custom = Indicator.objects.create(
        neighbourhood=neighbourhood, name="Eigen", category="output", unit="aantal", source="bag"
    )
    MIGRATION.forwards(apps, None)
    for n in (bare, neighbourhood):
        assert sorted(n.indicators.exclude(code="").values_list("code", flat=True)) == sorted(
            StandardIndicator.values
        )
    assert Indicator.objects.filter(pk=custom.pk).exists()
    MIGRATION.forwards(apps, None)  # running it again adds nothing
    assert bare.indicators.count() == 9
    assert neighbourhood.indicators.count() == 10


def test_the_migrations_frozen_set_matches_the_standard_set():
    frozen = {code: rest for code, _name, *rest in MIGRATION.STANDARD}
    assert frozen == {code: list(values) for code, values in STANDARD_SET.items()}
    assert [name for _code, name, *_ in MIGRATION.STANDARD] == [
        str(label) for label in StandardIndicator.labels
    ]


@pytest.fixture
def roadmap(neighbourhood):
    return Roadmap.objects.create(neighbourhood=neighbourhood)


@pytest.fixture
def gas_free(neighbourhood):
    return neighbourhood.indicators.get(code="aardgasvrij")


def _draft(indicator, *points):
    indicator.route_points.filter(version=None).delete()
    RoutePoint.objects.bulk_create(
        RoutePoint(indicator=indicator, date=datetime.date.fromisoformat(day), value=value)
        for day, value in points
    )


def _adopt(roadmap, number):
    return adopt(
        roadmap,
        by="raad",
        decision_date=datetime.date(2026, number, 1),
        decision_reference=f"R-{number}",
        reason="" if number == 1 else "Nieuwe route",
    )


def test_adopting_copies_the_draft_route_to_the_version(roadmap, gas_free):
    _draft(gas_free, ("2026-01-01", 0), ("2030-01-01", 800))
    first = _adopt(roadmap, 1)
    assert list(first.route_points.values_list("indicator_id", "date", "value")) == [
        (gas_free.pk, datetime.date(2026, 1, 1), Decimal("0")),
        (gas_free.pk, datetime.date(2030, 1, 1), Decimal("800")),
    ]
    assert gas_free.route_points.filter(version=None).count() == 2  # the draft stays

    _draft(gas_free, ("2026-01-01", 0), ("2031-01-01", 800))
    second = _adopt(roadmap, 2)
    assert list(second.route_points.values_list("date", flat=True)) == [
        datetime.date(2026, 1, 1),
        datetime.date(2031, 1, 1),
    ]
    # The first version keeps the route it was adopted with.
    assert list(first.route_points.values_list("date", flat=True)) == [
        datetime.date(2026, 1, 1),
        datetime.date(2030, 1, 1),
    ]


def test_only_this_neighbourhoods_route_is_copied(roadmap, gas_free, municipality):
    other = NeighbourhoodFactory(municipality=municipality)
    _draft(other.indicators.get(code="aardgasvrij"), ("2026-01-01", 5))
    _draft(gas_free, ("2026-01-01", 1))
    version = _adopt(roadmap, 1)
    assert list(version.route_points.values_list("indicator_id", flat=True)) == [gas_free.pk]


def test_the_snapshot_holds_the_route_and_the_difference_shows_a_change(roadmap, gas_free):
    _draft(gas_free, ("2026-01-01", 0), ("2030-01-01", 800))
    first = _adopt(roadmap, 1)
    assert first.snapshot["route"] == [
        {
            "id": gas_free.pk,
            "name": "Woningen aardgasvrij",
            "unit": "aantal",
            "unit_label": "aantal",
            "points": [["2026-01-01", "0"], ["2030-01-01", "800"]],
        }
    ]
    _draft(gas_free, ("2026-01-01", 0), ("2030-01-01", 650.5))
    second = _adopt(roadmap, 2)
    changes = diff(first.snapshot, second.snapshot)
    assert list(changes) == ["route"]
    [changed] = changes["route"]["changed"]
    assert changed["title"] == "Woningen aardgasvrij"
    [field] = changed["fields"]
    assert field["field"] == "points"
    assert "800" in field["before"] and "650,5" in field["after"]


def test_an_unchanged_route_makes_no_difference(roadmap, gas_free):
    _draft(gas_free, ("2026-01-01", 0), ("2030-01-01", 800))
    first = _adopt(roadmap, 1)
    assert "route" not in diff(first.snapshot, take_snapshot(roadmap))


def test_progress_measures_against_the_adopted_route_not_the_draft(
    roadmap, neighbourhood, gas_free
):
    Measurement.objects.create(
        indicator=gas_free, date=datetime.date(2026, 6, 1), value=100, source="bag"
    )
    on = datetime.date(2026, 6, 15)
    _draft(gas_free, ("2026-01-01", 0), ("2026-06-01", 100))
    # Nothing adopted yet: no route for the council, the draft one for the back office.
    adopted = progress.indicator_progress([neighbourhood], on=on)[neighbourhood.pk]
    assert next(p for p in adopted if p.indicator == gas_free).status == RouteStatus.NO_DATA

    _adopt(roadmap, 1)
    _draft(gas_free, ("2026-01-01", 0), ("2026-06-01", 400))  # a more ambitious draft
    adopted = progress.indicator_progress([neighbourhood], on=on)[neighbourhood.pk]
    draft = progress.indicator_progress([neighbourhood], on=on, draft=True)[neighbourhood.pk]
    row = next(p for p in adopted if p.indicator == gas_free)
    assert [point.value for point in row.route] == [0.0, 100.0]
    assert row.status == RouteStatus.ON_ROUTE
    row = next(p for p in draft if p.indicator == gas_free)
    assert [point.value for point in row.route] == [0.0, 400.0]
    assert row.status == RouteStatus.FAR_BEHIND


def test_adopting_in_the_back_office_freezes_the_route_and_audits_once(
    client, lead, roadmap, gas_free
):
    _draft(gas_free, ("2026-01-01", 0), ("2030-01-01", 800))
    client.force_login(lead)
    url = reverse(
        "roadmap:adopt", args=[roadmap.neighbourhood.municipality.slug, roadmap.neighbourhood.slug]
    )
    checksum = client.get(url).context["form"]["checksum"].value()
    response = client.post(
        url,
        {
            "adopted_by": "college",
            "decision_date": "2026-05-12",
            "decision_reference": "CB-2026-1",
            "checksum": checksum,
        },
    )
    assert response.status_code == 302
    version = roadmap.versions.get()
    assert [p[0] for p in version.snapshot["route"][0]["points"]] == ["2026-01-01", "2030-01-01"]
    assert version.route_points.count() == 2
    assert version.created_by == lead
    assert AuditEntry.objects.filter(action="adopt", object_id=str(version.pk)).count() == 1
