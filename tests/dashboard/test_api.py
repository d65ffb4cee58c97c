"""Open data: the read-only JSON API, its OpenAPI schema, the CSV downloads and the /api/ page.

The world has one adopted roadmap (two versions) with draft changes after it, personal data
in every place it can hide (users, entered_by, notes, questions, followers, pulse answers), and
a second municipality whose data must stay out of the first one's files.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from rest_framework.throttling import AnonRateThrottle

from dashboard import csv_io
from dashboard.models import (
    Indicator,
    Measurement,
    PulseResponse,
    RoutePoint,
    StandardIndicator,
)
from dashboard.views import api
from roadmap.models import Milestone, Roadmap, adopt
from tests.factories import CbsAreaFactory, NeighbourhoodFactory, PartyFactory
from wup.csv_files import unquote_cell
from wup.models import CbsArea, ConsentRecord, Follower, Municipality, Question

# What the lead engineer puts in wup/settings.py; the tests run with it.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute"},
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 500,
    "NUM_PROXIES": 0,
}

SECRET_NOTE = "Gebeld met Jan Jansen, Dorpsstraat 12"
PERSONAL = [
    SECRET_NOTE,
    "Jan Jansen",
    "vraagsteller@example.net",
    "Mijn persoonlijke vraag over mijn huis",
    "Piet Vragensteller",
    "volger@example.org",
    "@example.org",  # every user's e-mail (factories)
    "projectleider@",
    "Lotte Leidster",  # the lead's name
    "entered_by",
    "created_by",
    "client_key",
    "checksum",
]

JSON_NAMES = [
    "dashboard:api_root",
    "dashboard:api_municipalities",
    "dashboard:api_municipality",
    "dashboard:api_neighbourhoods",
    "dashboard:api_neighbourhood",
    "dashboard:api_roadmaps",
    "dashboard:api_roadmap",
    "dashboard:api_milestones",
    "dashboard:api_indicators",
    "dashboard:api_measurements",
]
CSV_NAMES = [
    "dashboard:api_csv_neighbourhoods",
    "dashboard:api_csv_indicators",
    "dashboard:api_csv_route",
    "dashboard:api_csv_milestones",
    "dashboard:api_csv_measurements",
]
ALL_NAMES = [*JSON_NAMES, *CSV_NAMES, "dashboard:api_schema", "dashboard:api_docs"]
# The warmteprogramma and the designation tracks (tests/designation/test_api.py).
DESIGNATION_NAMES = ["dashboard:api_heat_programmes", "dashboard:api_designation_track"]


@pytest.fixture(autouse=True)
def _api_settings(settings):
    settings.REST_FRAMEWORK = REST_FRAMEWORK


def _kwargs(name: str) -> dict:
    m = {"municipality_slug": "testdal"}
    n = {**m, "neighbourhood_slug": "bloemenwijk"}
    if name in ("dashboard:api_root", "dashboard:api_municipalities"):
        return {}
    if name in ("dashboard:api_schema", "dashboard:api_docs"):
        return {}
    if name in (
        "dashboard:api_municipality",
        "dashboard:api_neighbourhoods",
        "dashboard:api_heat_programmes",
        *CSV_NAMES,
    ):
        return m
    if name == "dashboard:api_roadmap":
        return {**n, "number": 2}
    return n


def _url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs or _kwargs(name))


def _standard(neighbourhood, code) -> Indicator:
    return neighbourhood.indicators.get(code=code)


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    decoded = text.decode("utf-8")
    assert decoded.startswith("\ufeff"), "a BOM, so Excel reads UTF-8"
    return list(csv.reader(io.StringIO(decoded[1:], newline=""), delimiter=";"))


@pytest.fixture
def world(municipality, neighbourhood, party, lead, admin, council_member, partner):
    lead.first_name, lead.last_name = "Lotte", "Leidster"
    lead.save()
    CbsAreaFactory(
        neighbourhood=neighbourhood,
        municipality=municipality,
        code="BU99990001",
        homes=1000,
        share_owner_occupied=60.0,
        build_periods={"tot_1945": 20.0, "1965_1974": 80.0},
    )
    CbsAreaFactory(
        neighbourhood=neighbourhood,
        municipality=municipality,
        code="BU99990002",
        homes=1000,
        share_owner_occupied=40.0,
        build_periods={"tot_1945": 40.0, "1965_1974": 60.0},
        geometry={"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.0, 52.1]]]},
    )
    gas_free = _standard(neighbourhood, StandardIndicator.GAS_FREE)
    label_b = _standard(neighbourhood, StandardIndicator.LABEL_B)
    label_b.party = party
    label_b.save()

    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood, summary="Eerste versie")
    first = Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Warmtenet aangelegd",
        description="De hoofdleiding ligt er.",
        baseline_date=datetime.date(2027, 1, 1),
    )
    second = Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Eerste woningen aangesloten",
        baseline_date=datetime.date(2028, 1, 1),
    )
    second.depends_on.add(first)
    gas_free.milestone = first
    gas_free.save()
    RoutePoint.objects.create(indicator=gas_free, date=datetime.date(2026, 1, 1), value=0)
    RoutePoint.objects.create(indicator=gas_free, date=datetime.date(2030, 1, 1), value=400)
    adopt(
        roadmap,
        by="college",
        decision_date=datetime.date(2026, 3, 1),
        decision_reference="CB-2026-1",
        user=lead,
    )
    roadmap.summary = "Tweede versie"
    roadmap.save()
    RoutePoint.objects.filter(indicator=gas_free, date=datetime.date(2030, 1, 1)).update(value=500)
    adopt(
        roadmap,
        by="raad",
        decision_date=datetime.date(2026, 6, 1),
        decision_reference="R-2026-7",
        reason="Meer woningen in het eerste deel",
        user=lead,
    )
    # Draft changes after the last adoption: none of these is public.
    roadmap.summary = "Conceptsamenvatting die nog geheim is"
    roadmap.save()
    draft_milestone = Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Conceptdoel nog niet vastgesteld",
        baseline_date=datetime.date(2029, 1, 1),
    )
    label_b.milestone = draft_milestone
    label_b.save()
    RoutePoint.objects.create(indicator=gas_free, date=datetime.date(2035, 1, 1), value=999)
    # Today's progress of an adopted milestone: public, as on the roadmap page.
    first.forecast_date = datetime.date(2027, 4, 1)
    first.status = "vertraagd"
    first.save()

    Measurement.objects.create(
        indicator=gas_free,
        date=datetime.date(2026, 1, 1),
        value=Decimal("12.50"),
        source="cbs_aardgasvrij",
        data_status="voorlopig",
        note=SECRET_NOTE,
        entered_by=lead,
    )
    Measurement.objects.create(
        indicator=gas_free,
        date=datetime.date(2026, 7, 1),
        value=Decimal("80"),
        source="cbs_aardgasvrij",
        data_status="definitief",
        entered_by=partner,
    )
    Measurement.objects.create(
        indicator=label_b,
        date=datetime.date(2026, 2, 1),
        value=Decimal("300"),
        source="rvo_eponline",
        note='=HYPERLINK("http://evil")',
        entered_by=partner,
    )

    # Personal data that must never reach the open data.
    consent = ConsentRecord.objects.create(
        email="volger@example.org", purpose="updates", text_version="t", text="t"
    )
    Follower.objects.create(
        neighbourhood=neighbourhood, email="volger@example.org", consent=consent
    )
    Question.objects.create(
        neighbourhood=neighbourhood,
        asker_name="Piet Vragensteller",
        asker_email="vraagsteller@example.net",
        text="Mijn persoonlijke vraag over mijn huis",
        due_on=datetime.date(2026, 11, 12),
    )
    PulseResponse.objects.create(
        neighbourhood=neighbourhood,
        trust=1,
        co_ownership=2,
        legitimacy=3,
        month=datetime.date(2026, 5, 1),
        client_key="geheime-sleutel",
    )

    without_roadmap = NeighbourhoodFactory(
        municipality=municipality, name="Aan de Haven", slug="aan-de-haven"
    )
    elsewhere = Municipality.objects.create(cbs_code="GM9997", name="Gemeente Ver", slug="ver")
    far = NeighbourhoodFactory(municipality=elsewhere, name="Verre wijk", slug="verre-wijk")
    Measurement.objects.create(
        indicator=_standard(far, StandardIndicator.GAS_FREE),
        date=datetime.date(2026, 1, 1),
        value=777,
        source="app",
    )
    PartyFactory(municipality=elsewhere, name="Verre partij")
    return {
        "gas_free": gas_free,
        "label_b": label_b,
        "first": first,
        "second": second,
        "draft_milestone": draft_milestone,
        "without_roadmap": without_roadmap,
        "roadmap": roadmap,
    }


# --- JSON ---------------------------------------------------------------------------------------


def test_root_links_to_the_municipalities_schema_and_documentation(client, world):
    data = client.get(_url("dashboard:api_root")).json()
    assert data == {
        "municipalities": "http://testserver/api/v1/gemeenten/",
        "schema": "http://testserver/api/v1/schema/",
        "documentation": "http://testserver/api/",
    }


def test_municipalities_are_listed_with_code_slug_and_name(client, world):
    data = client.get(_url("dashboard:api_municipalities")).json()
    assert {(m["code"], m["slug"], m["name"]) for m in data} == {
        ("GM9999", "testdal", "Gemeente Testdal"),
        ("GM9997", "ver", "Gemeente Ver"),
    }
    testdal = next(m for m in data if m["slug"] == "testdal")
    assert testdal["url"] == "http://testserver/api/v1/gemeenten/testdal/"
    assert client.get(testdal["url"]).status_code == 200


def test_municipality_links_to_its_neighbourhoods_and_files(client, world):
    data = client.get(_url("dashboard:api_municipality")).json()
    assert data["code"] == "GM9999"
    links = data["links"]
    assert links["neighbourhoods"].endswith("/api/v1/gemeenten/testdal/wijken/")
    assert links["measurements_csv"].endswith("/api/v1/gemeenten/testdal/metingen.csv")
    for url in links.values():
        assert client.get(url).status_code == 200, url


def test_neighbourhoods_show_phase_solution_codes_and_key_figures(client, world):
    data = client.get(_url("dashboard:api_neighbourhoods")).json()
    assert [n["slug"] for n in data] == ["aan-de-haven", "bloemenwijk"]
    bloemenwijk = data[1]
    assert bloemenwijk["name"] == "Bloemenwijk"
    assert bloemenwijk["phase"] == "verkennen"
    assert bloemenwijk["phase_label"] == "Verkennen"
    assert bloemenwijk["preferred_solution"] == "nog_onbekend"
    assert bloemenwijk["preferred_solution_label"] == "Nog niet bekend"
    assert bloemenwijk["planned_gas_free_year"] == 2035
    assert bloemenwijk["roadmap_version"] == 2
    assert data[0]["roadmap_version"] is None
    assert [a["code"] for a in bloemenwijk["cbs_areas"]] == ["BU99990001", "BU99990002"]
    assert bloemenwijk["cbs_areas"][0] == {
        "code": "BU99990001",
        "level": "buurt",
        "name": "Bloemenwijk",
        "reference_year": 2024,
    }
    figures = bloemenwijk["key_figures"]
    assert figures["homes"] == 2000
    assert figures["share_owner_occupied"] == 50.0
    assert figures["build_periods"] == {"tot_1945": 30.0, "1965_1974": 70.0}
    assert "coordinates" not in json.dumps(data), "boundaries are not in the list"
    assert bloemenwijk["url"] == "http://testserver/api/v1/gemeenten/testdal/wijken/bloemenwijk/"


def test_a_neighbourhood_adds_its_summary_parties_and_links(client, world):
    data = client.get(_url("dashboard:api_neighbourhood")).json()
    assert data["summary"].startswith("Een wijk met vooral rijtjeshuizen")
    assert data["parties"] == [
        {
            "name": "Woonstichting Testdal",
            "type": "woningcorporatie",
            "type_label": "Woningcorporatie",
        }
    ]
    assert data["links"]["public_page"] == "http://testserver/testdal/bloemenwijk/"
    for key in ("roadmap_versions", "milestones", "indicators", "measurements"):
        assert client.get(data["links"][key]).status_code == 200


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("dashboard:api_municipality", {"municipality_slug": "nergens"}),
        ("dashboard:api_neighbourhoods", {"municipality_slug": "nergens"}),
        # A neighbourhood is found only under its own municipality.
        (
            "dashboard:api_neighbourhood",
            {"municipality_slug": "ver", "neighbourhood_slug": "bloemenwijk"},
        ),
        (
            "dashboard:api_measurements",
            {"municipality_slug": "ver", "neighbourhood_slug": "bloemenwijk"},
        ),
        (
            "dashboard:api_roadmap",
            {"municipality_slug": "testdal", "neighbourhood_slug": "bloemenwijk", "number": 3},
        ),
        ("dashboard:api_csv_measurements", {"municipality_slug": "nergens"}),
    ],
)
def test_unknown_things_are_404_in_json(client, world, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_roadmap_versions_are_the_adopted_ones_newest_first(client, world):
    data = client.get(_url("dashboard:api_roadmaps")).json()
    assert [v["number"] for v in data] == [2, 1]
    assert data[0] == {
        "number": 2,
        "adopted_by": "raad",
        "adopted_by_label": "Gemeenteraad",
        "decision_date": "2026-06-01",
        "decision_reference": "R-2026-7",
        "reason": "Meer woningen in het eerste deel",
        "url": "http://testserver/api/v1/gemeenten/testdal/wijken/bloemenwijk/routekaart/2/",
    }
    assert data[1]["reason"] == ""
    assert "snapshot" not in data[0], "the list stays light; a version has its snapshot"


def test_a_version_carries_its_snapshot_as_adopted_never_the_draft(client, world):
    data = client.get(_url("dashboard:api_roadmap")).json()
    stored = world["roadmap"].versions.get(number=2).snapshot
    assert data["snapshot"] == stored
    assert data["snapshot"]["summary"] == "Tweede versie"
    body = json.dumps(data)
    assert "Conceptsamenvatting" not in body
    assert "Conceptdoel" not in body
    first = client.get(
        _url(
            "dashboard:api_roadmap",
            municipality_slug="testdal",
            neighbourhood_slug="bloemenwijk",
            number=1,
        )
    ).json()
    assert first["snapshot"]["summary"] == "Eerste versie"


def test_milestones_are_those_of_the_latest_adopted_version_with_todays_progress(client, world):
    data = client.get(_url("dashboard:api_milestones")).json()
    first, second = world["first"], world["second"]
    assert data == [
        {
            "id": first.pk,
            "title": "Warmtenet aangelegd",
            "description": "De hoofdleiding ligt er.",
            "owner": "Woonstichting Testdal",
            "baseline_date": "2027-01-01",
            "forecast_date": "2027-04-01",
            "achieved_date": None,
            "status": "vertraagd",
            "status_label": "Vertraagd",
            "depends_on": [],
            "roadmap_version": 2,
        },
        {
            "id": second.pk,
            "title": "Eerste woningen aangesloten",
            "description": "",
            "owner": "Woonstichting Testdal",
            "baseline_date": "2028-01-01",
            "forecast_date": None,
            "achieved_date": None,
            "status": "gepland",
            "status_label": "Gepland",
            "depends_on": [first.pk],
            "roadmap_version": 2,
        },
    ]


def test_a_neighbourhood_without_an_adopted_roadmap_has_no_public_milestones(client, world):
    Roadmap.objects.create(neighbourhood=world["without_roadmap"], summary="Concept")
    Milestone.objects.create(
        roadmap=world["without_roadmap"].roadmap,
        owner=PartyFactory(municipality=world["without_roadmap"].municipality),
        title="Geheim concept",
        baseline_date=datetime.date(2030, 1, 1),
    )
    kwargs = {"municipality_slug": "testdal", "neighbourhood_slug": "aan-de-haven"}
    assert client.get(_url("dashboard:api_milestones", **kwargs)).json() == []
    assert client.get(_url("dashboard:api_roadmaps", **kwargs)).json() == []
    indicators = client.get(_url("dashboard:api_indicators", **kwargs)).json()
    assert len(indicators) == 9
    assert all(i["route"] == [] and i["route_version"] is None for i in indicators)


def test_indicators_carry_the_adopted_route_not_the_draft(client, world):
    data = client.get(_url("dashboard:api_indicators")).json()
    assert len(data) == 9, "the standard set"
    by_code = {i["code"]: i for i in data}
    gas_free = by_code["aardgasvrij"]
    assert gas_free == {
        "id": world["gas_free"].pk,
        "code": "aardgasvrij",
        "name": "Woningen aardgasvrij",
        "description": "",
        "category": "output",
        "category_label": "Resultaat",
        "unit": "aantal",
        "unit_label": "aantal",
        "direction": "up",
        "direction_label": "Hoger is beter",
        "source": "cbs_aardgasvrij",
        "source_label": "CBS Aardgasvrije woningen",
        "measured_by": None,
        "milestone": world["first"].pk,
        "route_version": 2,
        "route": [{"date": "2026-01-01", "value": 0.0}, {"date": "2030-01-01", "value": 500.0}],
    }
    label_b = by_code["label_b"]
    assert label_b["measured_by"] == "Woonstichting Testdal"
    assert label_b["milestone"] is None, "its milestone is only in the draft"


def test_measurements_have_public_fields_only(client, world):
    data = client.get(_url("dashboard:api_measurements")).json()
    assert data["count"] == 3
    assert data["next"] is None
    gas_free = world["gas_free"].pk
    assert data["results"][0] == {
        "indicator": gas_free,
        "date": "2026-01-01",
        "value": 12.5,
        "source": "cbs_aardgasvrij",
        "source_label": "CBS Aardgasvrije woningen",
        "data_status": "voorlopig",
        "data_status_label": "voorlopig",
    }
    assert [(r["indicator"], r["date"]) for r in data["results"]] == [
        (gas_free, "2026-01-01"),
        (gas_free, "2026-07-01"),
        (world["label_b"].pk, "2026-02-01"),
    ], "in the indicators' order, then by date"
    assert data["results"][2]["data_status"] == ""


def test_measurements_come_a_page_at_a_time_and_filter_by_indicator(client, world):
    url = _url("dashboard:api_measurements")
    first = client.get(url, {"page_size": 2}).json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["previous"]
    only = client.get(url, {"indicator": world["label_b"].pk}).json()
    assert [r["value"] for r in only["results"]] == [300.0]
    assert client.get(url, {"page": 9}).status_code == 404
    refused = client.get(url, {"indicator": "abc"})
    assert refused.status_code == 400
    assert "indicator" in refused.json()


def test_labels_are_dutch_whatever_language_the_visitor_chose(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(_url("dashboard:api_indicators"))
    assert response["Content-Language"] == "nl"
    assert response.json()[0]["direction_label"] == "Hoger is beter"


def test_answers_can_be_cached_and_revalidated(client, world):
    url = _url("dashboard:api_neighbourhoods")
    response = client.get(url)
    assert "public" in response["Cache-Control"]
    assert f"max-age={api.MAX_AGE}" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    csv_response = client.get(_url("dashboard:api_csv_neighbourhoods"))
    assert (
        client.get(
            _url("dashboard:api_csv_neighbourhoods"),
            headers={"if-none-match": csv_response["ETag"]},
        ).status_code
        == 304
    )
    # A change makes a new ETag.
    world["without_roadmap"].name = "Aan de Nieuwe Haven"
    world["without_roadmap"].save()
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_errors_are_not_cached_publicly(client, world):
    response = client.get(_url("dashboard:api_municipality", municipality_slug="nergens"))
    assert "public" not in response.get("Cache-Control", "")


# --- Writes are refused -------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*JSON_NAMES, *CSV_NAMES, "dashboard:api_schema"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused(client, world, name, method):
    before = (Measurement.objects.count(), Municipality.objects.count(), Milestone.objects.count())
    response = getattr(client, method)(
        _url(name), data=json.dumps({"name": "x"}), content_type="application/json"
    )
    assert response.status_code == 405
    assert "GET" in response["Allow"] and "POST" not in response["Allow"]
    after = (Measurement.objects.count(), Municipality.objects.count(), Milestone.objects.count())
    assert before == after


def test_writes_are_refused_to_staff_too(client, world, admin):
    client.force_login(admin)
    response = client.post(_url("dashboard:api_measurements"), {"value": 1})
    assert response.status_code == 405


def test_the_page_for_people_refuses_post(client, world):
    assert client.post(_url("dashboard:api_docs")).status_code == 405


@pytest.mark.parametrize("name", [*JSON_NAMES, *CSV_NAMES])
def test_head_and_options_work(client, world, name):
    head = client.head(_url(name))
    assert head.status_code == 200
    assert b"".join(head.streaming_content if head.streaming else [head.content]) == b""
    options = client.options(_url(name))
    assert options.status_code == 200


def test_head_of_the_measurements_file_reads_no_measurements(client, world):
    with CaptureQueriesContext(connection) as queries:
        response = client.head(_url("dashboard:api_csv_measurements"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="testdal-metingen.csv"'
    assert len(queries) == 1, "the municipality only"


def test_the_api_is_throttled_per_address(client, world, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    url = _url("dashboard:api_municipalities")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert "Retry-After" in refused


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "file_name"),
    [
        ("dashboard:api_csv_neighbourhoods", "testdal-wijken.csv"),
        ("dashboard:api_csv_indicators", "testdal-indicatoren.csv"),
        ("dashboard:api_csv_route", "testdal-route.csv"),
        ("dashboard:api_csv_milestones", "testdal-tussendoelen.csv"),
        ("dashboard:api_csv_measurements", "testdal-metingen.csv"),
    ],
)
def test_csv_files_are_attachments_whatever_the_client_accepts(client, world, name, file_name):
    for accept in ("*/*", "application/json", "text/html"):
        response = client.get(_url(name), headers={"accept": accept})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{file_name}"'


def test_measurements_csv_has_the_back_office_columns_without_the_note(client, world):
    rows = _rows(client.get(_url("dashboard:api_csv_measurements")))
    assert rows[0] == ["wijk", "indicator_id", "indicator", "datum", "waarde", "bron", "status"]
    assert rows[0] == csv_io.HEADER[:-1]
    gas_free, label_b = world["gas_free"].pk, world["label_b"].pk
    assert rows[1:] == [
        [
            "bloemenwijk",
            str(gas_free),
            "Woningen aardgasvrij",
            "2026-01-01",
            "12,5",
            "cbs_aardgasvrij",
            "voorlopig",
        ],
        [
            "bloemenwijk",
            str(gas_free),
            "Woningen aardgasvrij",
            "2026-07-01",
            "80",
            "cbs_aardgasvrij",
            "definitief",
        ],
        [
            "bloemenwijk",
            str(label_b),
            "Woningen met energielabel B of beter",
            "2026-02-01",
            "300",
            "rvo_eponline",
            "",
        ],
    ], "another municipality's measurements stay out"


def test_neighbourhoods_csv(client, world):
    rows = _rows(client.get(_url("dashboard:api_csv_neighbourhoods")))
    header = rows[0]
    assert header[:4] == ["wijk", "naam", "cbs_codes", "fase"]
    bloemenwijk = dict(zip(header, rows[2], strict=True))
    assert bloemenwijk["wijk"] == "bloemenwijk"
    assert bloemenwijk["cbs_codes"] == "BU99990001 BU99990002"
    assert bloemenwijk["fase"] == "verkennen"
    assert bloemenwijk["routekaart_versie"] == "2"
    assert bloemenwijk["woningen"] == "2000"
    assert bloemenwijk["koopwoningen_procent"] == "50"
    assert bloemenwijk["bouwjaar_tot_1945_procent"] == "30"
    assert bloemenwijk["bouwjaar_2006_later_procent"] == ""
    assert [r[0] for r in rows[1:]] == ["aan-de-haven", "bloemenwijk"]


def test_indicators_and_route_csv(client, world):
    indicators = _rows(client.get(_url("dashboard:api_csv_indicators")))
    assert len(indicators) == 1 + 18, "two neighbourhoods with the standard set"
    header = indicators[0]
    gas_free = next(
        dict(zip(header, r, strict=True)) for r in indicators if r[1] == str(world["gas_free"].pk)
    )
    assert gas_free["tussendoel_id"] == str(world["first"].pk)
    assert gas_free["routekaart_versie"] == "2"
    label_b = next(
        dict(zip(header, r, strict=True)) for r in indicators if r[1] == str(world["label_b"].pk)
    )
    assert label_b["gemeten_door"] == "Woonstichting Testdal"
    assert label_b["tussendoel_id"] == "", "a draft milestone is not public"

    route = _rows(client.get(_url("dashboard:api_csv_route")))
    assert route == [
        ["wijk", "indicator_id", "indicator", "routekaart_versie", "datum", "waarde"],
        ["bloemenwijk", str(world["gas_free"].pk), "Woningen aardgasvrij", "2", "2026-01-01", "0"],
        [
            "bloemenwijk",
            str(world["gas_free"].pk),
            "Woningen aardgasvrij",
            "2",
            "2030-01-01",
            "500",
        ],
    ]


def test_milestones_csv(client, world):
    rows = _rows(client.get(_url("dashboard:api_csv_milestones")))
    first, second = world["first"].pk, world["second"].pk
    assert rows == [
        [
            "wijk",
            "routekaart_versie",
            "tussendoel_id",
            "tussendoel",
            "eigenaar",
            "gepland",
            "verwacht",
            "behaald",
            "status",
            "hangt_af_van",
        ],
        [
            "bloemenwijk",
            "2",
            str(first),
            "Warmtenet aangelegd",
            "Woonstichting Testdal",
            "2027-01-01",
            "2027-04-01",
            "",
            "vertraagd",
            "",
        ],
        [
            "bloemenwijk",
            "2",
            str(second),
            "Eerste woningen aangesloten",
            "Woonstichting Testdal",
            "2028-01-01",
            "",
            "",
            "gepland",
            str(first),
        ],
    ]


def test_csv_text_cannot_run_as_a_spreadsheet_formula(client, world):
    world["gas_free"].name = "=SUM(A1:A9)"
    world["gas_free"].save()
    rows = _rows(client.get(_url("dashboard:api_csv_measurements")))
    assert rows[1][2] == "'=SUM(A1:A9)"


@pytest.mark.parametrize("name", ["'=1+1", "=1+1", "''twee", "'citaat", "-5 graden", "@x"])
def test_csv_text_reads_back_exactly_once_its_quote_is_taken_off(client, world, name):
    world["gas_free"].name = name
    world["gas_free"].save()
    for file, column in [("measurements", 2), ("indicators", 3), ("route", 2)]:
        rows = _rows(client.get(_url(f"dashboard:api_csv_{file}")))
        cells = {r[column] for r in rows[1:] if r[1] == str(world["gas_free"].pk)}
        assert {unquote_cell(cell) for cell in cells} == {name}, file


# --- No personal data anywhere ------------------------------------------------------------------


def _everything(client, world) -> str:
    """Return the text of every open-data answer, JSON, CSV, schema and page."""
    bodies = []
    for name in ALL_NAMES:
        response = client.get(_url(name))
        assert response.status_code == 200, name
        content = b"".join(response.streaming_content) if response.streaming else response.content
        bodies.append(content.decode("utf-8"))
    bodies.append(client.get(_url("dashboard:api_schema"), {"format": "json"}).content.decode())
    version_1 = _url(
        "dashboard:api_roadmap",
        municipality_slug="testdal",
        neighbourhood_slug="bloemenwijk",
        number=1,
    )
    bodies.append(client.get(version_1).content.decode())
    return "\n".join(bodies)


def test_no_personal_data_in_any_answer(client, world):
    text = _everything(client, world)
    for secret in PERSONAL:
        assert secret not in text, secret
    assert "geheime-sleutel" not in text
    assert "Conceptsamenvatting" not in text
    assert "Conceptdoel" not in text
    assert '"note"' not in text and "opmerking;" not in text


def test_logged_in_staff_get_exactly_the_public_answer(client, world, lead):
    anonymous = client.get(_url("dashboard:api_indicators")).content
    client.force_login(lead)
    assert client.get(_url("dashboard:api_indicators")).content == anonymous


# --- Schema -------------------------------------------------------------------------------------


def _openapi_path(name: str) -> str:
    """Return the URL's route as OpenAPI writes it: /api/v1/gemeenten/{municipality_slug}/…"""
    route = resolve(_url(name)).route
    return "/" + route.replace("<slug:", "{").replace("<int:", "{").replace(">", "}")


def test_schema_generates_without_warnings_and_lists_every_endpoint(client, world):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.validation import validate_schema

    GENERATOR_STATS.reset()
    response = client.get(_url("dashboard:api_schema"), {"format": "json"})
    assert response.status_code == 200
    assert not GENERATOR_STATS._warn_cache, dict(GENERATOR_STATS._warn_cache)
    assert not GENERATOR_STATS._error_cache, dict(GENERATOR_STATS._error_cache)
    schema = response.json()
    validate_schema(schema)
    assert schema["info"]["title"] == api.TITLE
    listed = set(schema["paths"])
    for name in [*JSON_NAMES, *CSV_NAMES, *DESIGNATION_NAMES]:
        path = _openapi_path(name)
        assert path in listed, name
        assert set(schema["paths"][path]) == {"get"}, f"{name}: read only"
    assert len(listed) == len(JSON_NAMES) + len(CSV_NAMES) + len(DESIGNATION_NAMES)
    measurements = schema["paths"][_openapi_path("dashboard:api_measurements")]["get"]
    assert {p["name"] for p in measurements["parameters"]} >= {"page", "page_size", "indicator"}
    csv_get = schema["paths"]["/api/v1/gemeenten/{municipality_slug}/metingen.csv"]["get"]
    assert "text/csv" in csv_get["responses"]["200"]["content"]


def test_schema_is_yaml_by_default(client, world):
    response = client.get(_url("dashboard:api_schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(response.content)["openapi"].startswith("3.")


# --- The page for people ------------------------------------------------------------------------


def test_the_page_explains_the_data_and_links_schema_and_files(client, world):
    response = client.get(_url("dashboard:api_docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("dashboard:api_schema") in page
    assert reverse("dashboard:api_root") in page
    for name in CSV_NAMES:
        assert reverse(name, args=["testdal"]) in page
        assert reverse(name, args=["ver"]) in page
    assert "opmerking" in page
    assert "<script>" not in page and 'style="' not in page


def test_api_paths_are_not_read_as_a_municipality(world):
    for name in ALL_NAMES:
        assert resolve(_url(name)).namespace == "dashboard", name


# --- Query counts -------------------------------------------------------------------------------

EXPECTED_QUERIES = {
    "dashboard:api_root": 0,
    "dashboard:api_municipalities": 1,
    "dashboard:api_municipality": 1,
    "dashboard:api_neighbourhoods": 4,  # municipality, neighbourhoods, areas, versions
    "dashboard:api_neighbourhood": 4,  # neighbourhood, areas, parties, versions
    "dashboard:api_roadmaps": 2,
    "dashboard:api_roadmap": 2,
    "dashboard:api_milestones": 3,  # neighbourhood, latest version, live milestones
    "dashboard:api_indicators": 4,  # neighbourhood, latest version, indicators, route
    "dashboard:api_measurements": 3,  # neighbourhood, count, page
    "dashboard:api_csv_neighbourhoods": 4,
    "dashboard:api_csv_indicators": 5,  # municipality, slugs, versions, indicators, route
    "dashboard:api_csv_route": 5,
    "dashboard:api_csv_milestones": 4,  # municipality, slugs, versions, live milestones
    "dashboard:api_csv_measurements": 2,  # municipality, measurements
    "dashboard:api_docs": 1,
}


def _grow(world, municipality, party, count: int) -> None:
    """Add `count` neighbourhoods with areas, adopted roadmaps, milestones and measurements."""
    for i in range(count):
        n = NeighbourhoodFactory(municipality=municipality, name=f"Groei {i}", slug=f"groei-{i}")
        CbsArea.objects.create(
            municipality=municipality,
            neighbourhood=n,
            code=f"BU8888{i:04d}",
            reference_year=2024,
            level="buurt",
            name=n.name,
            homes=100 + i,
        )
        roadmap = Roadmap.objects.create(neighbourhood=n, summary=f"Kaart {i}")
        a = Milestone.objects.create(
            roadmap=roadmap, owner=party, title=f"A{i}", baseline_date=datetime.date(2027, 1, 1)
        )
        b = Milestone.objects.create(
            roadmap=roadmap, owner=party, title=f"B{i}", baseline_date=datetime.date(2028, 1, 1)
        )
        b.depends_on.add(a)
        indicator = _standard(n, StandardIndicator.GAS_FREE)
        RoutePoint.objects.create(indicator=indicator, date=datetime.date(2026, 1, 1), value=0)
        RoutePoint.objects.create(indicator=indicator, date=datetime.date(2030, 1, 1), value=9)
        adopt(
            roadmap, by="college", decision_date=datetime.date(2026, 1, 1), decision_reference="x"
        )
        adopt(
            roadmap,
            by="raad",
            decision_date=datetime.date(2026, 2, 1),
            decision_reference="y",
            reason="z",
        )
    gas_free = world["gas_free"]
    Measurement.objects.bulk_create(
        Measurement(
            indicator=gas_free,
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=d),
            value=d,
            source="app",
        )
        for d in range(count)
    )
    for i in range(count):  # more versions, milestones and parties in the world's own roadmap
        Milestone.objects.create(
            roadmap=world["roadmap"],
            owner=party,
            title=f"Extra {i}",
            baseline_date=datetime.date(2030, 1, 1),
        )
        PartyFactory(municipality=municipality, name=f"Extra partij {i}").neighbourhoods.add(
            gas_free.neighbourhood
        )
    adopt(
        world["roadmap"],
        by="raad",
        decision_date=datetime.date(2026, 9, 1),
        decision_reference="R-3",
        reason="Meer tussendoelen",
    )


def _count(client, name, kwargs=None) -> int:
    url = _url(name, **(kwargs or {}))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, name
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def test_query_counts_are_fixed_and_do_not_grow_with_rows(client, world, municipality, party):
    names = list(EXPECTED_QUERIES)
    small = {name: _count(client, name) for name in names}
    assert small == EXPECTED_QUERIES
    _grow(world, municipality, party, 25)
    large = {name: _count(client, name) for name in names}
    assert large == EXPECTED_QUERIES
    # The grown data is really in the answers, so the counts above measured real work.
    assert len(client.get(_url("dashboard:api_neighbourhoods")).json()) == 27
    # Two adopted, the draft one adopted since, and 25 new.
    assert len(client.get(_url("dashboard:api_milestones")).json()) == 28
    assert client.get(_url("dashboard:api_measurements")).json()["count"] == 28
