"""The CBS import: `manage.py import_cbs` reads the KWB CSV (and PDOK boundaries) all or nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import CbsAreaFactory, MunicipalityFactory, NeighbourhoodFactory
from wup.cbs_import import parse_number, unique_slug
from wup.models import CbsArea, Municipality, Neighbourhood, Phase

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "kwb_sample.csv"
SAMPLE_GEOMETRY = DATA / "kwb_sample.geojson"
BUURTEN = ["BU09990101", "BU09990102", "BU09990103", "BU09990201", "BU09990202"]
WIJKEN = ["WK099901", "WK099902"]


def run(path, *args):
    """Run the command and return what it printed on stdout."""
    out = StringIO()
    call_command("import_cbs", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def run_failing(path, *args):
    """Run the command, expect it to fail, and return the error lines it printed."""
    err = StringIO()
    with pytest.raises(CommandError, match="er is niets ingelezen"):
        call_command("import_cbs", str(path), *args, stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def sample_rows():
    return [line.split(";") for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def set_cell(rows, line, column, value):
    rows[line - 1][rows[0].index(column)] = value


def write_rows(tmp_path, rows, name="kwb.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding=encoding)
    return path


def sample_with(tmp_path, *changes):
    """Return a copy of the sample with (line, column, value) changes."""
    rows = sample_rows()
    for line, column, value in changes:
        set_cell(rows, line, column, value)
    return write_rows(tmp_path, rows)


def database_state():
    return (
        list(Municipality.objects.order_by("cbs_code").values()),
        list(CbsArea.objects.order_by("code", "reference_year").values()),
        list(Neighbourhood.objects.order_by("pk").values()),
    )


def sample_geometry():
    return json.loads(SAMPLE_GEOMETRY.read_text(encoding="utf-8"))


def write_geometry(tmp_path, collection):
    path = tmp_path / "grenzen.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


# --- the happy path ---------------------------------------------------------------------------


def test_sample_creates_municipality_areas_and_plan_areas_with_cbs_figures():
    output = run(SAMPLE, "--year", "2024")

    assert output.strip() == (
        "Peiljaar 2024 ingelezen. Gemeenten: 1 nieuw, 0 bijgewerkt. "
        "CBS-wijken en -buurten: 7 nieuw, 0 bijgewerkt. Plangebieden: 5 nieuw. "
        "Grenzen: 0 nieuw of gewijzigd."
    )
    municipality = Municipality.objects.get()
    assert (municipality.cbs_code, municipality.name, municipality.slug) == (
        "GM0999",
        "Nieuwerland",
        "nieuwerland",
    )
    assert sorted(CbsArea.objects.values_list("code", flat=True)) == BUURTEN + WIJKEN

    buurt = CbsArea.objects.get(code="BU09990102", reference_year=2024)
    assert buurt.level == CbsArea.Level.NEIGHBOURHOOD
    assert buurt.name == "Stationsbuurt"
    assert buurt.municipality == municipality
    assert buurt.homes == 1180
    assert buurt.share_owner_occupied == 34.0
    assert buurt.share_corporation == 45.0
    assert buurt.share_other_rental == 21.0
    assert buurt.avg_gas_m3 == 980.0
    assert buurt.build_periods == {"voor_2000": 85.0, "vanaf_2000": 15.0}
    assert buurt.geometry is None

    wijk = CbsArea.objects.get(code="WK099902")
    assert (wijk.level, wijk.name, wijk.homes, wijk.avg_gas_m3) == (
        "wijk",
        "Nieuwerland-Oost",
        3270,
        1428.0,
    )
    assert wijk.neighbourhood is None

    plan_areas = {n.slug: n for n in Neighbourhood.objects.filter(municipality=municipality)}
    assert sorted(plan_areas) == [
        "bloemenbuurt",
        "havenkwartier",
        "oude-kern",
        "stationsbuurt",
        "vogelwijk",
    ]
    assert buurt.neighbourhood == plan_areas["stationsbuurt"]
    assert plan_areas["stationsbuurt"].name == "Stationsbuurt"
    assert plan_areas["stationsbuurt"].phase == Phase.EXPLORING


def test_country_row_is_skipped():
    run(SAMPLE, "--year", "2024")

    assert not CbsArea.objects.filter(code__startswith="NL").exists()
    assert not Municipality.objects.filter(name="Nederland").exists()


def test_running_twice_creates_and_changes_nothing():
    run(SAMPLE, "--year", "2024", "--geometry", str(SAMPLE_GEOMETRY))
    before = database_state()

    output = run(SAMPLE, "--year", "2024", "--geometry", str(SAMPLE_GEOMETRY))

    assert "Gemeenten: 0 nieuw, 0 bijgewerkt" in output
    assert "CBS-wijken en -buurten: 0 nieuw, 0 bijgewerkt" in output
    assert "Plangebieden: 0 nieuw" in output
    assert "Grenzen: 0 nieuw of gewijzigd" in output
    assert database_state() == before


def test_changed_figures_update_the_area_of_that_year(tmp_path):
    run(SAMPLE, "--year", "2024")

    output = run(
        sample_with(tmp_path, (5, "a_woning", "655"), (5, "g_gas", "1610")), "--year", "2024"
    )

    assert "CBS-wijken en -buurten: 0 nieuw, 1 bijgewerkt" in output
    area = CbsArea.objects.get(code="BU09990101")
    assert (area.homes, area.avg_gas_m3) == (655, 1610.0)
    assert CbsArea.objects.count() == 7


def test_comma_decimals_and_missing_values_are_read(tmp_path):
    path = sample_with(
        tmp_path,
        (5, "p_koopw", "47,5"),
        (5, "p_huurw", "52,5"),
        (5, "g_gas", "1.640,4"),
        (6, "g_gas", "."),
        (6, "p_wcorpw", ""),
        (7, "a_woning", "-99999999"),
        (7, "p_bjj2k", "x"),
        (7, "p_ov_hw", "-99999997"),
    )

    run(path, "--year", "2024")

    oude_kern = CbsArea.objects.get(code="BU09990101")
    assert oude_kern.share_owner_occupied == 47.5
    assert oude_kern.avg_gas_m3 == 1640.4
    station = CbsArea.objects.get(code="BU09990102")
    assert station.avg_gas_m3 is None
    assert station.share_corporation is None
    assert station.share_other_rental == 21.0
    haven = CbsArea.objects.get(code="BU09990103")
    assert haven.homes is None
    assert haven.share_other_rental is None
    assert haven.build_periods == {"vanaf_2000": 94.0}


def test_header_variants_and_windows_encoding_are_accepted(tmp_path):
    rows = sample_rows()
    header = rows[0]
    header[header.index("gwb_code_10")] = " GWB_CODE_10 "
    header[header.index("g_gas")] = "G_Gas_Tot"
    set_cell(rows, 5, "regio", "Ëlsterhoek")
    path = tmp_path / "kwb.csv"
    path.write_bytes(("\n".join(";".join(r) for r in rows) + "\n").encode("cp1252"))

    run(path, "--year", "2024")

    area = CbsArea.objects.get(code="BU09990101")
    assert area.name == "Ëlsterhoek"
    assert area.avg_gas_m3 == 1640.0


def test_byte_order_mark_and_crlf_line_ends_are_accepted(tmp_path):
    path = tmp_path / "kwb.csv"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes().replace(b"\n", b"\r\n"))

    run(path, "--year", "2024")

    assert CbsArea.objects.count() == 7


def test_six_detailed_build_periods_are_read_when_present(tmp_path):
    rows = [
        ["gwb_code_10", "regio", "recs", "a_woning", "p_bj_tot_1945", "p_bj_1946_1964"],
        ["GM0999", "Nieuwerland", "Gemeente", "5510", "12", "30"],
        ["BU09990101", "Oude Kern", "Buurt", "640", "61", "."],
    ]

    run(write_rows(tmp_path, rows), "--year", "2024")

    assert CbsArea.objects.get().build_periods == {"tot_1945": 61.0}


def test_wijk_level_makes_plan_areas_for_wijken_only():
    output = run(SAMPLE, "--year", "2024", "--level", "wijk")

    assert "Plangebieden: 2 nieuw" in output
    assert sorted(Neighbourhood.objects.values_list("slug", flat=True)) == [
        "centrum",
        "nieuwerland-oost",
    ]
    assert CbsArea.objects.get(code="WK099901").neighbourhood.name == "Centrum"
    assert CbsArea.objects.get(code="BU09990101").neighbourhood is None


def test_existing_plan_area_keeps_its_code_name_phase_and_summary():
    municipality = MunicipalityFactory(
        cbs_code="GM0999", name="Gemeente Nieuwerland", slug="nieuwerland"
    )
    oude_kern = NeighbourhoodFactory(
        municipality=municipality,
        name="De Oude Kern",
        slug="de-oude-kern",
        phase=Phase.PLANNING,
        summary="Het oude centrum rond de kerk.",
    )
    CbsAreaFactory(neighbourhood=oude_kern, code="BU09990101", reference_year=2023, homes=630)
    station = NeighbourhoodFactory(municipality=municipality, name="Station", slug="station")
    CbsAreaFactory(neighbourhood=station, code="BU09990102", reference_year=2024, homes=1)
    NeighbourhoodFactory(municipality=municipality, name="Vogels", slug="vogelwijk")

    output = run(SAMPLE, "--year", "2024")

    assert "Gemeenten: 0 nieuw, 1 bijgewerkt" in output
    assert "CBS-wijken en -buurten: 6 nieuw, 1 bijgewerkt" in output
    assert "Plangebieden: 3 nieuw" in output
    municipality.refresh_from_db()
    assert (municipality.name, municipality.slug) == ("Nieuwerland", "nieuwerland")
    assert CbsArea.objects.get(code="BU09990101", reference_year=2024).neighbourhood == oude_kern
    assert CbsArea.objects.get(code="BU09990101", reference_year=2023).homes == 630
    updated = CbsArea.objects.get(code="BU09990102", reference_year=2024)
    assert (updated.neighbourhood, updated.homes) == (station, 1180)
    oude_kern.refresh_from_db()
    assert (oude_kern.name, oude_kern.phase, oude_kern.summary) == (
        "De Oude Kern",
        Phase.PLANNING,
        "Het oude centrum rond de kerk.",
    )
    assert CbsArea.objects.get(code="BU09990202").neighbourhood.slug == "vogelwijk-2"


def test_buurt_of_a_known_municipality_needs_no_gemeente_row(tmp_path):
    MunicipalityFactory(cbs_code="GM0999", name="Nieuwerland", slug="nieuwerland")
    rows = [row for row in sample_rows() if not row[0].startswith(("GM", "NL"))]

    output = run(write_rows(tmp_path, rows), "--year", "2024")

    assert "Gemeenten: 0 nieuw, 0 bijgewerkt" in output
    assert Municipality.objects.count() == 1
    assert CbsArea.objects.count() == 7


def test_municipality_slug_avoids_reserved_words_and_taken_slugs(tmp_path):
    MunicipalityFactory(cbs_code="GM0001", name="Nieuwerland aan Zee", slug="nieuwerland")
    rows = [
        ["gwb_code_10", "regio", "recs", "a_woning"],
        ["GM0999", "Nieuwerland", "Gemeente", "5510"],
        ["GM0998", "Beheer", "Gemeente", "100"],
    ]

    run(write_rows(tmp_path, rows), "--year", "2024")

    assert Municipality.objects.get(cbs_code="GM0999").slug == "nieuwerland-2"
    assert Municipality.objects.get(cbs_code="GM0998").slug == "beheer-2"


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Oude Kern", set(), "oude-kern"),
        ("Oude Kern", {"oude-kern", "oude-kern-2"}, "oude-kern-3"),
        ("API", set(), "api-2"),
        ("!!!", set(), "bu09990101"),
        ("x" * 60, {"x" * 50}, "x" * 48 + "-2"),
    ],
)
def test_unique_slug_is_short_free_and_not_reserved(name, taken, expected):
    assert unique_slug(name, taken, fallback="BU09990101") == expected
    assert expected in taken


# --- the reference year -------------------------------------------------------------------------


def test_year_comes_from_the_jaar_column(tmp_path):
    rows = sample_rows()
    for row in rows:
        row.append("2023JJ00")
    rows[0][-1] = "Peiljaar"

    output = run(write_rows(tmp_path, rows))

    assert output.startswith("Peiljaar 2023 ingelezen.")
    assert set(CbsArea.objects.values_list("reference_year", flat=True)) == {2023}


def test_year_comes_from_the_file_name(tmp_path):
    path = tmp_path / "kwb-2022.csv"
    path.write_bytes(SAMPLE.read_bytes())

    run(path)

    assert set(CbsArea.objects.values_list("reference_year", flat=True)) == {2022}


def test_year_option_wins_over_the_file_name(tmp_path):
    path = tmp_path / "kwb-2022.csv"
    path.write_bytes(SAMPLE.read_bytes())

    run(path, "--year", "2024")

    assert set(CbsArea.objects.values_list("reference_year", flat=True)) == {2024}


def test_missing_year_is_an_error():
    errors = run_failing(SAMPLE)

    assert errors == [
        "geen peiljaar gevonden: geef --year op, gebruik een kolom jaar of peiljaar, "
        "of zet het jaar in de bestandsnaam (zoals kwb-2024.csv)"
    ]
    assert not Municipality.objects.exists()


def test_different_years_in_one_file_are_reported_by_line(tmp_path):
    rows = sample_rows()
    for row in rows:
        row.append("2024")
    rows[0][-1] = "jaar"
    rows[6][-1] = "2023"
    rows[7][-1] = "twintig"

    errors = run_failing(write_rows(tmp_path, rows))

    assert errors == [
        "regel 7: peiljaar 2023 is anders dan 2024 op eerdere regels; "
        "één bestand hoort bij één peiljaar",
        "regel 8: peiljaar 'twintig' is geen jaartal",
    ]
    assert not CbsArea.objects.exists()


# --- bad rows and bad files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "value", "reason"),
    [
        (5, "gwb_code_10", "BU999101", "'BU999101' is geen geldige CBS-code"),
        (5, "gwb_code_10", "bu09990101", "'bu09990101' is geen geldige CBS-code"),
        (6, "gwb_code_10", "BU08880102", "gemeente GM0888 staat niet in het bestand"),
        (7, "a_woning", "veel", "a_woning is geen getal: 'veel'"),
        (7, "p_koopw", "120", "p_koopw is een percentage en moet tussen 0 en 100 liggen"),
        (7, "p_wcorpw", "-5", "p_wcorpw is een percentage en moet tussen 0 en 100 liggen"),
        (9, "gwb_code_10", "BU09990101", "code BU09990101 staat ook al op regel 5"),
        (4, "recs", "Buurt", "soort gebied 'Buurt' past niet bij code WK099901"),
        (10, "a_woning", "12,5", "a_woning moet een heel getal zijn, niet 12,5"),
        (10, "g_gas", "-40", "g_gas mag niet negatief zijn: -40"),
        (8, "regio", "", "de naam (kolom regio) is leeg"),
    ],
)
def test_bad_row_is_reported_with_line_number_and_nothing_is_imported(
    tmp_path, line, column, value, reason
):
    run(SAMPLE, "--year", "2024")
    before = database_state()
    # A good change on another line must not be stored either.
    path = sample_with(tmp_path, (3, "regio", "Nieuwerland-Nieuw"), (line, column, value))

    errors = run_failing(path, "--year", "2024")

    assert len(errors) == 1
    assert errors[0].startswith(f"regel {line}: {reason}")
    assert database_state() == before


def test_all_bad_rows_are_reported_together_and_nothing_is_imported():
    errors = run_failing(DATA / "kwb_bad_rows.csv", "--year", "2024")

    assert errors == [
        "regel 4: 'BU0999011' is geen geldige CBS-code (GM met 4 cijfers, WK met 6 tekens "
        "of BU met 8 tekens)",
        "regel 5: p_wcorpw is een percentage en moet tussen 0 en 100 liggen, niet 145",
        "regel 5: g_gas is geen getal: 'negen'",
        "regel 7: code BU09990103 staat ook al op regel 6",
        "regel 8: gemeente GM0777 staat niet in het bestand en ook niet in Wijkwaarde",
    ]
    assert database_state() == ([], [], [])


def test_row_with_too_few_fields_is_reported(tmp_path):
    rows = sample_rows()
    rows[5] = rows[5][:4]

    errors = run_failing(write_rows(tmp_path, rows), "--year", "2024")

    assert errors == ["regel 6: deze regel heeft 4 velden, de eerste regel 24"]
    assert not CbsArea.objects.exists()


def test_missing_required_columns_are_reported_on_line_one(tmp_path):
    rows = [row[:10] + row[11:] for row in sample_rows()]  # without a_woning
    rows[0][0], rows[0][5] = "code", "code_8"

    errors = run_failing(write_rows(tmp_path, rows), "--year", "2024")

    assert errors == ["regel 1: deze kolommen ontbreken: gwb_code_10 of gwb_code, a_woning"]
    assert not Municipality.objects.exists()


def test_file_that_is_not_text_is_reported(tmp_path):
    path = tmp_path / "kwb.csv"
    path.write_bytes(b"gwb_code_10;regio;a_woning\nGM0999;Nieuw\x81\x8d;100\n")

    errors = run_failing(path, "--year", "2024")

    assert errors == ["regel 2: het bestand is geen tekst in UTF-8 of Windows-1252"]


def test_missing_and_empty_files_are_reported(tmp_path):
    assert run_failing(tmp_path / "weg.csv", "--year", "2024")[0].startswith("kan ")
    empty = tmp_path / "leeg.csv"
    empty.write_text("")
    assert run_failing(empty, "--year", "2024") == [
        "regel 1: het bestand is leeg of de eerste regel is leeg"
    ]
    header_only = tmp_path / "kop.csv"
    header_only.write_text("gwb_code_10;regio;a_woning\n")
    assert run_failing(header_only, "--year", "2024") == [
        "het bestand bevat geen gemeenten, wijken of buurten"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234", 1234.0),
        (" 12,5 ", 12.5),
        ("1.234,5", 1234.5),
        ("0.75", 0.75),
        (".", None),
        ("", None),
        ("x", None),
        ("-99999999", None),
        ("-7", -7.0),
    ],
)
def test_parse_number_reads_cbs_cells(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1e5", "nan", "1_000", "12,5,3", "--1"])
def test_parse_number_refuses_what_is_not_a_plain_number(raw):
    with pytest.raises(ValueError):
        parse_number(raw)


# --- boundaries ---------------------------------------------------------------------------------


def test_boundaries_are_stored_rounded_on_the_areas_of_that_year():
    CbsAreaFactory(code="BU09990101", reference_year=2023, geometry=None)

    output = run(SAMPLE, "--year", "2024", "--geometry", str(SAMPLE_GEOMETRY))

    assert "Grenzen: 7 nieuw of gewijzigd." in output
    assert CbsArea.objects.get(code="BU09990101", reference_year=2024).geometry == {
        "type": "Polygon",
        "coordinates": [[[5.1, 52.1], [5.12, 52.1], [5.12, 52.107], [5.1, 52.107], [5.1, 52.1]]],
    }
    wijk = CbsArea.objects.get(code="WK099902")
    assert wijk.geometry["type"] == "MultiPolygon"
    assert wijk.geometry["coordinates"][0][0][0] == [5.12, 52.1]
    assert CbsArea.objects.get(code="BU09990101", reference_year=2023).geometry is None


def test_boundaries_can_follow_for_areas_imported_earlier(tmp_path):
    run(SAMPLE, "--year", "2024")
    gemeente_only = write_rows(tmp_path, sample_rows()[:3])
    collection = sample_geometry()
    collection["features"].append(
        {
            "type": "Feature",
            "properties": {"statcode": "GM0999"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[5.1, 52.1], [5.14, 52.1], [5.14, 52.12], [5.1, 52.1]]],
            },
        }
    )

    output = run(
        gemeente_only, "--year", "2024", "--geometry", str(write_geometry(tmp_path, collection))
    )

    assert "Grenzen: 7 nieuw of gewijzigd. 1 gemeentegrenzen overgeslagen" in output
    assert not CbsArea.objects.filter(geometry__isnull=True).exists()


def _unclosed(feature):
    feature["geometry"]["coordinates"][0].pop()


def _as_point(feature):
    feature["geometry"] = {"type": "Point", "coordinates": [5.1, 52.1]}


def _in_rd_new(feature):
    feature["geometry"]["coordinates"][0] = [
        [136000, 455000],
        [137000, 455000],
        [137000, 456000],
        [136000, 455000],
    ]


def _unknown_code(feature):
    feature["properties"]["buurtcode"] = "BU09990109"


def _no_code(feature):
    feature["properties"] = {"buurtnaam": "Stationsbuurt"}


def _duplicate_code(feature):
    feature["properties"]["buurtcode"] = "BU09990101"


def _text_coordinates(feature):
    feature["geometry"]["coordinates"][0][1] = ["5.12", "52.1"]


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (_unclosed, "BU09990102: een rand van een vlak is niet gesloten"),
        (
            _as_point,
            "BU09990102: de geometrie is een 'Point'; alleen Polygon en MultiPolygon kunnen",
        ),
        (_in_rd_new, "BU09990102: de coördinaten zijn geen lengte- en breedtegraden"),
        (_unknown_code, "geen wijk of buurt met code BU09990109 in peiljaar 2024"),
        (_no_code, "geen code gevonden (buurtcode, wijkcode, gemeentecode of statcode)"),
        (_duplicate_code, "code BU09990101 staat ook al bij object 1"),
        (_text_coordinates, "BU09990102: een coördinaat is geen getal"),
    ],
)
def test_bad_geometry_is_reported_with_feature_index_and_nothing_is_imported(
    tmp_path, spoil, reason
):
    collection = sample_geometry()
    spoil(collection["features"][1])

    errors = run_failing(
        SAMPLE, "--year", "2024", "--geometry", str(write_geometry(tmp_path, collection))
    )

    assert len(errors) == 1
    assert errors[0].startswith(f"grenzen, object 2: {reason}")
    assert database_state() == ([], [], [])


def test_row_and_geometry_errors_are_reported_together(tmp_path):
    collection = sample_geometry()
    _as_point(collection["features"][4])
    path = sample_with(tmp_path, (5, "p_koopw", "101"))

    errors = run_failing(
        path, "--year", "2024", "--geometry", str(write_geometry(tmp_path, collection))
    )

    assert [e.split(":")[0] for e in errors] == ["regel 5", "grenzen, object 5"]
    assert database_state() == ([], [], [])


def test_boundaries_in_rd_new_are_refused_as_a_whole(tmp_path):
    collection = sample_geometry()
    collection["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}

    errors = run_failing(
        SAMPLE, "--year", "2024", "--geometry", str(write_geometry(tmp_path, collection))
    )

    assert errors == [
        "het grenzenbestand gebruikt urn:ogc:def:crs:EPSG::28992; exporteer de grenzen in "
        "EPSG:4326 (WGS 84)"
    ]
    assert database_state() == ([], [], [])


def test_boundary_file_that_is_not_geojson_is_reported(tmp_path):
    path = tmp_path / "grenzen.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [')

    errors = run_failing(SAMPLE, "--year", "2024", "--geometry", str(path))

    assert errors[0].startswith("het grenzenbestand is geen geldige JSON (regel 1)")
    assert database_state() == ([], [], [])


def test_impossible_year_option_is_an_error():
    errors = run_failing(SAMPLE, "--year", "24")

    assert errors == ["peiljaar 24 kan niet: kies een jaar van 1990 tot en met 2100"]
    assert not Municipality.objects.exists()


# --- a new reference year -----------------------------------------------------------------------


def _figures(slug):
    neighbourhood = Neighbourhood.objects.for_page().get(slug=slug)
    return neighbourhood, neighbourhood.key_figures()


def test_a_new_years_kwb_replaces_the_figures_and_never_adds_them(tmp_path):
    """Importing the next year's KWB keeps the old year as history; the plan area's key
    figures are those of the newest year, not the sum of both (1,180 homes stay 1,180)."""
    run(SAMPLE, "--year", "2024")
    # Havenkwartier's buurt belongs to the Stationsbuurt plan area as well: a plan area of two.
    CbsArea.objects.filter(code="BU09990103").update(
        neighbourhood=Neighbourhood.objects.get(slug="stationsbuurt")
    )
    _, before = _figures("stationsbuurt")
    assert (before.reference_year, before.homes) == (2024, 1180 + 420)

    output = run(SAMPLE, "--year", "2025")
    assert "Peiljaar 2025 ingelezen" in output
    assert "Plangebieden: 0 nieuw" in output  # the new year's areas join the plan areas
    neighbourhood, after = _figures("stationsbuurt")
    assert (after.reference_year, after.homes) == (2025, before.homes)
    assert after == before.__class__(**{**before.__dict__, "reference_year": 2025})
    # Both years are kept, each once per code.
    assert sorted(
        CbsArea.objects.filter(neighbourhood=neighbourhood).values_list("code", "reference_year")
    ) == [("BU09990102", 2024), ("BU09990102", 2025), ("BU09990103", 2024), ("BU09990103", 2025)]
    assert [a.reference_year for a in neighbourhood.current_areas()] == [2025, 2025]

    # The next year counts 20 homes more in the Stationsbuurt: that figure, not a sum.
    newer = sample_with(tmp_path, (6, "a_woning", "1200"))
    run(newer, "--year", "2026")
    _, latest = _figures("stationsbuurt")
    assert (latest.reference_year, latest.homes) == (2026, 1200 + 420)
    # Importing an older year again afterwards changes nothing in the key figures.
    run(SAMPLE, "--year", "2023")
    assert _figures("stationsbuurt")[1] == latest
    for slug in ("oude-kern", "bloemenbuurt", "vogelwijk"):
        assert _figures(slug)[1].reference_year == 2026


def test_the_public_page_lists_the_areas_of_the_newest_year_once(client):
    run(SAMPLE, "--year", "2024")
    run(SAMPLE, "--year", "2025")
    neighbourhood = Neighbourhood.objects.get(slug="stationsbuurt")
    page = client.get(
        f"/{neighbourhood.municipality.slug}/{neighbourhood.slug}/", HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert page.count("Stationsbuurt (BU09990102)") == 1
