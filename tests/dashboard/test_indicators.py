"""The indicator pages in the back office: who sees and changes what, the draft route, and
measurements entered by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboard.models import Indicator, Measurement, PulseResponse, RoutePoint
from roadmap.models import Milestone, Roadmap, adopt
from tests.factories import MembershipFactory, NeighbourhoodFactory, PartyFactory, UserFactory
from wup.models import AuditEntry, Role

TODAY = datetime.date(2026, 6, 15)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def own(neighbourhood, party):
    """A custom indicator the partner's party measures."""
    return Indicator.objects.create(
        neighbourhood=neighbourhood,
        name="Corporatiewoningen aardgasvrij",
        category="output",
        unit="aantal",
        source="corporatie",
        party=party,
        order=20,
    )


@pytest.fixture
def foreign(neighbourhood, municipality):
    """A custom indicator another party measures."""
    other = PartyFactory(municipality=municipality, name="Netbeheerder Testdal")
    return Indicator.objects.create(
        neighbourhood=neighbourhood,
        name="Aansluitingen verzwaard",
        category="output",
        unit="aantal",
        source="netbeheerder",
        party=other,
        order=21,
    )


@pytest.fixture
def limited_lead(municipality):
    elsewhere = NeighbourhoodFactory(municipality=municipality, slug="andere-wijk")
    user = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.add(elsewhere)
    return user


def url(name, neighbourhood, *args):
    return reverse(
        f"dashboard:{name}", args=[neighbourhood.municipality.slug, neighbourhood.slug, *args]
    )


# --- The list ----------------------------------------------------------------------------------


def test_members_see_every_indicator_with_its_latest_measurement(
    client, council_member, neighbourhood, own, foreign
):
    Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 3, 1), value=40, source="corporatie"
    )
    Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 5, 1), value=55, source="corporatie"
    )
    client.force_login(council_member)
    response = client.get(url("indicator_list", neighbourhood))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Corporatiewoningen aardgasvrij" in page
    assert "Aansluitingen verzwaard" in page
    assert "Woningen aardgasvrij" in page  # the standard set
    assert [r.latest.value for r in response.context["rows"] if r.indicator == own] == [55.0]
    # Council members read only: no links to change anything.
    assert reverse("dashboard:indicator_create", args=["testdal", "bloemenwijk"]) not in page
    assert "Meting invoeren" not in page
    assert "Bereken opnieuw" not in page


def test_partner_sees_only_their_own_partys_indicators(
    client, partner, neighbourhood, own, foreign
):
    client.force_login(partner)
    response = client.get(url("indicator_list", neighbourhood))
    assert response.status_code == 200
    assert [r.indicator for r in response.context["rows"]] == [own]
    page = response.content.decode()
    assert "Aansluitingen verzwaard" not in page
    assert "Woningen aardgasvrij" not in page
    assert url("measurement_create", neighbourhood, own.pk) in page


def test_partner_without_party_sees_no_indicators(client, municipality, neighbourhood, own):
    user = UserFactory(username="partner-zonder-partij")
    MembershipFactory(user=user, municipality=municipality, role=Role.PARTNER)
    client.force_login(user)
    response = client.get(url("indicator_list", neighbourhood))
    assert response.status_code == 200
    assert response.context["rows"] == []


@pytest.mark.parametrize(
    ("who", "status"),
    [("outsider", 404), ("limited_lead", 404), ("council_member", 200), ("lead", 200)],
)
def test_list_access(client, request, neighbourhood, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("indicator_list", neighbourhood)).status_code == status


def test_anonymous_goes_to_the_login_page(client, neighbourhood):
    response = client.get(url("indicator_list", neighbourhood))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _fill(neighbourhood, count):
    for i in range(count):
        indicator = Indicator.objects.create(
            neighbourhood=neighbourhood,
            name=f"Extra {i}",
            category="output",
            unit="aantal",
            source="bag",
            order=30 + i,
        )
        RoutePoint.objects.create(indicator=indicator, date=datetime.date(2025, 1, 1), value=0)
        RoutePoint.objects.create(indicator=indicator, date=datetime.date(2028, 1, 1), value=100)
        for month in (1, 3, 5):
            Measurement.objects.create(
                indicator=indicator,
                date=datetime.date(2026, month, 1),
                value=10 * month,
                source="bag",
            )


def test_list_query_count_does_not_grow_with_indicators(client, lead, neighbourhood):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood)
    client.force_login(lead)
    _fill(neighbourhood, 3)
    adopt(roadmap, by="college", decision_date=datetime.date(2026, 1, 1), decision_reference="B-1")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("indicator_list", neighbourhood)).status_code == 200
    _fill(neighbourhood, 30)
    adopt(
        roadmap,
        by="college",
        decision_date=datetime.date(2026, 2, 1),
        decision_reference="B-2",
        reason="meer",
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("indicator_list", neighbourhood))
    assert len(response.context["rows"]) == 9 + 33
    assert len(many) == len(few)
    # session, user, membership, neighbourhood, indicators; draft: points + measurements;
    # adopted: latest version, points, measurements.
    assert len(many) == 10


def test_status_against_draft_and_adopted_route_differ(client, lead, neighbourhood, own):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood)
    RoutePoint.objects.create(indicator=own, date=datetime.date(2026, 1, 1), value=0)
    RoutePoint.objects.create(indicator=own, date=datetime.date(2026, 6, 1), value=100)
    adopt(roadmap, by="raad", decision_date=datetime.date(2026, 1, 10), decision_reference="R-1")
    # The draft now asks for much more; the council still measures against 100.
    RoutePoint.objects.filter(indicator=own, version=None, date=datetime.date(2026, 6, 1)).update(
        value=300
    )
    Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 6, 1), value=100, source="corporatie"
    )
    client.force_login(lead)
    response = client.get(url("indicator_list", neighbourhood))
    row = next(r for r in response.context["rows"] if r.indicator == own)
    assert row.adopted.label == "Op route"
    assert row.draft.label == "Ver achter"
    assert "Ver achter" in response.content.decode()


# --- Creating, editing, deleting indicators ----------------------------------------------


def _indicator_data(**changes):
    return {
        "name": "Warmtepompen geplaatst",
        "description": "",
        "category": "output",
        "unit": "aantal",
        "direction": "up",
        "source": "overig",
        "party": "",
        "milestone": "",
        "behind_percent": "5",
        "far_behind_percent": "15",
        **changes,
    }


def test_lead_creates_an_indicator_with_a_milestone_of_this_neighbourhood(
    client, lead, neighbourhood, party
):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood)
    milestone = Milestone.objects.create(
        roadmap=roadmap, owner=party, title="Eerste straat", baseline_date=datetime.date(2027, 1, 1)
    )
    client.force_login(lead)
    response = client.post(
        url("indicator_create", neighbourhood),
        _indicator_data(milestone=milestone.pk, party=party.pk),
    )
    indicator = Indicator.objects.get(name="Warmtepompen geplaatst")
    assert response.status_code == 302
    assert response["Location"] == url("indicator_detail", neighbourhood, indicator.pk)
    assert (indicator.neighbourhood, indicator.milestone, indicator.party, indicator.code) == (
        neighbourhood,
        milestone,
        party,
        "",
    )
    entry = AuditEntry.objects.get(action="create", object_type="indicator")
    assert entry.object_id == str(indicator.pk)


def test_milestone_of_another_neighbourhood_is_refused(
    client, lead, neighbourhood, municipality, party
):
    other = NeighbourhoodFactory(municipality=municipality)
    roadmap = Roadmap.objects.create(neighbourhood=other)
    milestone = Milestone.objects.create(
        roadmap=roadmap, owner=party, title="Elders", baseline_date=datetime.date(2027, 1, 1)
    )
    client.force_login(lead)
    response = client.post(
        url("indicator_create", neighbourhood), _indicator_data(milestone=milestone.pk)
    )
    assert response.status_code == 200
    assert "Kies een tussendoel uit de routekaart van deze wijk." in response.content.decode()
    assert not Indicator.objects.filter(name="Warmtepompen geplaatst").exists()


def test_behind_must_not_exceed_far_behind_and_nothing_typed_is_lost(client, lead, neighbourhood):
    client.force_login(lead)
    response = client.post(
        url("indicator_create", neighbourhood),
        _indicator_data(name="Mijn eigen naam", behind_percent="20", far_behind_percent="10"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "minstens zo groot" in page
    assert 'value="Mijn eigen naam"' in page
    assert not Indicator.objects.filter(name="Mijn eigen naam").exists()


@pytest.mark.parametrize(
    ("who", "status"), [("council_member", 403), ("partner", 403), ("outsider", 404)]
)
def test_only_writers_create_indicators(client, request, neighbourhood, who, status):
    client.force_login(request.getfixturevalue(who))
    assert (
        client.post(url("indicator_create", neighbourhood), _indicator_data()).status_code == status
    )
    assert not Indicator.objects.filter(name="Warmtepompen geplaatst").exists()


def test_standard_indicator_keeps_unit_and_direction(client, lead, neighbourhood):
    standard = neighbourhood.indicators.get(code="aardgasvrij")
    client.force_login(lead)
    response = client.post(
        url("indicator_edit", neighbourhood, standard.pk),
        _indicator_data(
            name="Aardgasvrije woningen",
            unit="procent",
            direction="down",
            behind_percent="10",
            far_behind_percent="20",
        ),
    )
    assert response.status_code == 302
    standard.refresh_from_db()
    assert (standard.name, standard.unit, standard.direction, standard.behind_percent) == (
        "Aardgasvrije woningen",
        "aantal",
        "up",
        10,
    )
    assert AuditEntry.objects.get(action="update").changes["name"] == "Aardgasvrije woningen"


def test_standard_indicator_cannot_be_deleted(client, lead, neighbourhood):
    standard = neighbourhood.indicators.get(code="aardgasvrij")
    client.force_login(lead)
    assert client.get(url("indicator_delete", neighbourhood, standard.pk)).status_code == 403
    assert client.post(url("indicator_delete", neighbourhood, standard.pk)).status_code == 403
    assert Indicator.objects.filter(pk=standard.pk).exists()
    detail = client.get(url("indicator_detail", neighbourhood, standard.pk)).content.decode()
    assert url("indicator_delete", neighbourhood, standard.pk) not in detail


def test_custom_indicator_is_deleted_after_confirmation(client, admin, neighbourhood, own):
    Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 3, 1), value=40, source="corporatie"
    )
    client.force_login(admin)
    confirm = client.get(url("indicator_delete", neighbourhood, own.pk))
    assert confirm.status_code == 200
    assert "alle 1 metingen" in confirm.content.decode()
    assert Indicator.objects.filter(pk=own.pk).exists()  # a GET changes nothing
    response = client.post(url("indicator_delete", neighbourhood, own.pk))
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=own.pk).exists()
    assert not Measurement.objects.filter(indicator_id=own.pk).exists()
    assert AuditEntry.objects.filter(
        action="delete", object_type="indicator", object_id=str(own.pk)
    ).exists()


def test_indicator_of_another_neighbourhood_is_not_found(client, lead, municipality, neighbourhood):
    other = NeighbourhoodFactory(municipality=municipality, slug="overkant")
    theirs = other.indicators.first()
    client.force_login(lead)
    assert client.get(url("indicator_edit", neighbourhood, theirs.pk)).status_code == 404


# --- The draft route ---------------------------------------------------------------------


def _route_data(rows, initial=0, **extra):
    data = {"route-TOTAL_FORMS": str(len(rows)), "route-INITIAL_FORMS": str(initial), **extra}
    for i, row in enumerate(rows):
        date, value, *delete = row
        data[f"route-{i}-date"] = date
        data[f"route-{i}-value"] = value
        if delete:
            data[f"route-{i}-DELETE"] = "on"
    return data


def test_lead_saves_the_draft_route(client, lead, neighbourhood, own):
    client.force_login(lead)
    response = client.post(
        url("route_edit", neighbourhood, own.pk),
        _route_data(
            [("2028-01-01", "400"), ("2026-01-01", "0"), ("", ""), ("2027-01-01", "150,5")]
        ),
    )
    assert response.status_code == 302
    points = list(own.route_points.filter(version=None).values_list("date", "value"))
    assert points == [
        (datetime.date(2026, 1, 1), Decimal("0")),
        (datetime.date(2027, 1, 1), Decimal("150.5")),
        (datetime.date(2028, 1, 1), Decimal("400")),
    ]
    entry = AuditEntry.objects.get(action="update_route")
    assert entry.changes == {
        "before": "",
        "after": "2026-01-01: 0; 2027-01-01: 150,5; 2028-01-01: 400",
    }


def test_rows_are_removed_by_ticking_or_emptying_them(client, lead, neighbourhood, own):
    for day, value in [
        (datetime.date(2026, 1, 1), 0),
        (datetime.date(2027, 1, 1), 50),
        (datetime.date(2028, 1, 1), 100),
    ]:
        RoutePoint.objects.create(indicator=own, date=day, value=value)
    client.force_login(lead)
    response = client.post(
        url("route_edit", neighbourhood, own.pk),
        _route_data([("2026-01-01", "0"), ("2027-01-01", "50", "delete"), ("", "")], initial=3),
    )
    assert response.status_code == 302
    assert list(own.route_points.filter(version=None).values_list("date", flat=True)) == [
        datetime.date(2026, 1, 1)
    ]


def test_duplicate_dates_are_refused_and_nothing_typed_is_lost(client, lead, neighbourhood, own):
    RoutePoint.objects.create(indicator=own, date=datetime.date(2026, 1, 1), value=7)
    client.force_login(lead)
    response = client.post(
        url("route_edit", neighbourhood, own.pk),
        _route_data(
            [("2026-01-01", "0"), ("2027-01-01", "123,45"), ("2026-01-01", "99")], initial=1
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "staat er twee keer in (regel 1 en 3)" in page
    assert "Deze datum staat al op regel 1." in page
    assert 'value="123,45"' in page and 'value="99"' in page
    # Nothing saved: the old draft stays as it was.
    assert list(own.route_points.values_list("value", flat=True)) == [Decimal("7")]


def test_half_filled_rows_and_bad_numbers_are_explained(client, lead, neighbourhood, own):
    client.force_login(lead)
    response = client.post(
        url("route_edit", neighbourhood, own.pk),
        _route_data([("2026-01-01", ""), ("", "12"), ("2027-01-01", "1.234,5")]),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vul ook de geplande waarde in" in page
    assert "Vul ook de datum in" in page
    assert "zonder punt of komma voor duizendtallen" in page
    assert 'aria-invalid="true"' in page
    assert not own.route_points.exists()


def test_more_rows_keeps_what_was_typed_without_errors(client, lead, neighbourhood, own):
    client.force_login(lead)
    response = client.post(
        url("route_edit", neighbourhood, own.pk),
        _route_data([("2026-01-01", "10"), ("2027-01-01", "")], meer_regels="1"),
    )
    assert response.status_code == 200
    formset = response.context["formset"]
    assert not formset.is_bound
    assert formset.total_form_count() == 2 + 3
    page = response.content.decode()
    assert 'value="2026-01-01"' in page and 'value="10"' in page and 'value="2027-01-01"' in page
    assert "Vul ook" not in page
    assert not own.route_points.exists()


def test_route_page_shows_both_routes_and_links_to_adoption(client, lead, neighbourhood, own):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood)
    RoutePoint.objects.create(indicator=own, date=datetime.date(2027, 1, 1), value=111)
    adopt(roadmap, by="raad", decision_date=datetime.date(2026, 2, 1), decision_reference="R-1")
    RoutePoint.objects.filter(indicator=own, version=None).update(value=222)
    client.force_login(lead)
    response = client.get(url("route_edit", neighbourhood, own.pk))
    page = response.content.decode()
    assert [p.value for p in response.context["adopted"]] == [Decimal("111")]
    assert [p.value for p in response.context["draft"]] == [Decimal("222")]
    assert "Uit versie 1 van de routekaart" in page
    assert (
        reverse(
            "roadmap:adopt",
            kwargs={"municipality_slug": "testdal", "neighbourhood_slug": "bloemenwijk"},
        )
        in page
    )
    assert "pas als de routekaart opnieuw is vastgesteld" in page


@pytest.mark.parametrize(
    ("who", "status"), [("council_member", 403), ("partner", 403), ("limited_lead", 404)]
)
def test_only_writers_edit_the_route(client, request, neighbourhood, own, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        url("route_edit", neighbourhood, own.pk), _route_data([("2026-01-01", "1")])
    )
    assert response.status_code == status
    assert not own.route_points.exists()


# --- Measurements by hand ----------------------------------------------------------------


def _measurement(**changes):
    return {
        "date": "2026-05-01",
        "value": "1234,5",
        "source": "corporatie",
        "data_status": "",
        "note": "",
        **changes,
    }


def test_a_new_measurement_starts_with_the_indicators_own_source(client, lead, neighbourhood, own):
    client.force_login(lead)
    page = client.get(url("measurement_create", neighbourhood, own.pk)).content.decode()
    assert f'<option value="{own.source}" selected>' in page
    # Django 6.1's empty choice has no Dutch in Django yet: locale/nl fills it in.
    assert "- Kies een optie -" in page and "Select an option" not in page


def test_lead_enters_a_measurement(client, lead, neighbourhood, own):
    client.force_login(lead)
    response = client.post(url("measurement_create", neighbourhood, own.pk), _measurement())
    assert response.status_code == 302
    m = own.measurements.get()
    assert (m.date, m.value, m.via, m.entered_by) == (
        datetime.date(2026, 5, 1),
        Decimal("1234.5"),
        "hand",
        lead,
    )
    assert (
        AuditEntry.objects.get(action="create", object_type="measurement").changes["value"]
        == "1234.5"
    )


def test_partner_enters_measurements_for_their_own_indicator_only(
    client, partner, neighbourhood, own, foreign
):
    client.force_login(partner)
    assert (
        client.post(url("measurement_create", neighbourhood, own.pk), _measurement()).status_code
        == 302
    )
    assert own.measurements.get().entered_by == partner
    # Another party's indicator does not exist for the partner.
    assert client.get(url("measurement_create", neighbourhood, foreign.pk)).status_code == 404
    assert (
        client.post(
            url("measurement_create", neighbourhood, foreign.pk), _measurement()
        ).status_code
        == 404
    )
    assert client.get(url("indicator_detail", neighbourhood, foreign.pk)).status_code == 404
    assert not foreign.measurements.exists()


def test_partner_may_not_change_their_indicator_or_its_route(client, partner, neighbourhood, own):
    client.force_login(partner)
    assert client.get(url("indicator_edit", neighbourhood, own.pk)).status_code == 403
    assert client.get(url("route_edit", neighbourhood, own.pk)).status_code == 403
    assert client.post(url("indicator_delete", neighbourhood, own.pk)).status_code == 403


def test_council_member_cannot_enter_measurements(client, council_member, neighbourhood, own):
    client.force_login(council_member)
    assert client.get(url("indicator_detail", neighbourhood, own.pk)).status_code == 200
    assert (
        client.post(url("measurement_create", neighbourhood, own.pk), _measurement()).status_code
        == 403
    )
    assert not own.measurements.exists()


def test_an_existing_date_is_replaced_only_after_saying_so(client, lead, neighbourhood, own):
    old = Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 5, 1), value=10, source="corporatie"
    )
    client.force_login(lead)
    response = client.post(
        url("measurement_create", neighbourhood, own.pk), _measurement(value="20", note="herzien")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Op 1 mei 2026 is al een meting: 10,00" in page
    assert 'type="checkbox" name="replace"' in page
    assert 'value="herzien"' in page  # nothing typed lost
    old.refresh_from_db()
    assert old.value == Decimal("10")

    response = client.post(
        url("measurement_create", neighbourhood, own.pk),
        _measurement(value="20", note="herzien", replace="on"),
    )
    assert response.status_code == 302
    assert own.measurements.count() == 1
    old.refresh_from_db()
    assert (old.value, old.note, old.entered_by) == (Decimal("20"), "herzien", lead)
    assert AuditEntry.objects.get(object_type="measurement").changes["replaced"] == "ja"


def test_editing_onto_another_measurements_date_is_refused(client, lead, neighbourhood, own):
    Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 4, 1), value=10, source="corporatie"
    )
    second = Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 5, 1), value=20, source="corporatie"
    )
    client.force_login(lead)
    response = client.post(
        url("measurement_edit", neighbourhood, own.pk, second.pk),
        _measurement(date="2026-04-01", value="25"),
    )
    assert response.status_code == 200
    assert "Op 1 april 2026 is al een andere meting" in response.content.decode()
    second.refresh_from_db()
    assert (second.date, second.value) == (datetime.date(2026, 5, 1), Decimal("20"))


def test_measurement_in_the_future_is_refused(client, lead, neighbourhood, own):
    client.force_login(lead)
    response = client.post(
        url("measurement_create", neighbourhood, own.pk), _measurement(date="2026-06-16")
    )
    assert response.status_code == 200
    assert "ligt in de toekomst" in response.content.decode()
    assert not own.measurements.exists()


def test_partner_edits_and_deletes_their_measurement(client, partner, neighbourhood, own):
    m = Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 5, 1), value=10, source="corporatie"
    )
    client.force_login(partner)
    form = client.get(url("measurement_edit", neighbourhood, own.pk, m.pk))
    assert 'value="10"' in form.content.decode()
    response = client.post(
        url("measurement_edit", neighbourhood, own.pk, m.pk), _measurement(value="11.25")
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert (m.value, m.entered_by) == (Decimal("11.25"), partner)
    assert client.get(url("measurement_delete", neighbourhood, own.pk, m.pk)).status_code == 200
    assert Measurement.objects.filter(pk=m.pk).exists()
    assert client.post(url("measurement_delete", neighbourhood, own.pk, m.pk)).status_code == 302
    assert not Measurement.objects.filter(pk=m.pk).exists()
    assert list(
        AuditEntry.objects.filter(object_type="measurement")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["update", "delete"]


def test_measurement_of_another_indicator_is_not_found(client, lead, neighbourhood, own, foreign):
    m = Measurement.objects.create(
        indicator=foreign, date=datetime.date(2026, 5, 1), value=10, source="netbeheerder"
    )
    client.force_login(lead)
    assert client.get(url("measurement_edit", neighbourhood, own.pk, m.pk)).status_code == 404
    assert client.post(url("measurement_delete", neighbourhood, own.pk, m.pk)).status_code == 404
    assert Measurement.objects.filter(pk=m.pk).exists()


def test_detail_page_query_count_does_not_grow_with_measurements(client, lead, neighbourhood, own):
    client.force_login(lead)
    Measurement.objects.create(
        indicator=own, date=datetime.date(2025, 1, 1), value=1, source="bag", entered_by=lead
    )
    with CaptureQueriesContext(connection) as few:
        client.get(url("indicator_detail", neighbourhood, own.pk))
    for month in range(1, 13):
        Measurement.objects.create(
            indicator=own,
            date=datetime.date(2024, month, 1),
            value=month,
            source="bag",
            entered_by=lead,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("indicator_detail", neighbourhood, own.pk))
    assert len(response.context["measurements"]) == 13
    assert len(many) == len(few)


# --- Recomputing what Wijkwaarde measures ------------------------------------------------


def test_lead_recomputes_the_app_measurements(client, lead, neighbourhood):
    PulseResponse.objects.bulk_create(
        PulseResponse(
            neighbourhood=neighbourhood,
            month=datetime.date(2026, 5, 1),
            client_key=f"k{i}",
            trust=4,
            co_ownership=3,
            legitimacy=2,
        )
        for i in range(5)
    )
    client.force_login(lead)
    response = client.post(url("measurements_refresh", neighbourhood), follow=True)
    assert "3 metingen" in response.content.decode()
    trust = neighbourhood.indicators.get(code="peiling_vertrouwen").measurements.get()
    assert (trust.date, trust.value, trust.via) == (
        datetime.date(2026, 5, 1),
        Decimal("4.00"),
        "app",
    )
    assert AuditEntry.objects.filter(action="refresh_measurements").count() == 1
    response = client.post(url("measurements_refresh", neighbourhood), follow=True)
    assert "alles was al bij" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("council_member", 403), ("partner", 403)])
def test_only_writers_recompute(client, request, neighbourhood, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.post(url("measurements_refresh", neighbourhood)).status_code == status
    assert client.get(url("measurements_refresh", neighbourhood)).status_code == 405
