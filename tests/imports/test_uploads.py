"""Uploading published files in the back office: preview, confirm or cancel, all or nothing."""

from __future__ import annotations

import datetime
import shutil
from decimal import Decimal

import pytest
import shapely
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dashboard.models import DataSource, Indicator, Measurement, StandardIndicator
from imports.boundaries import read_boundaries
from imports.models import ImportJob
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from tests.imports.files import DATA, KWB_CSV, gpkg, kwb_rows, kwb_xlsx, sample_gpkg
from wup.models import AuditEntry, CbsArea, Neighbourhood, Role, StartanalyseResult
from wup.startanalyse import advice_for


@pytest.fixture
def nieuwerland(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return MunicipalityFactory(cbs_code="GM0999", name="Nieuwerland", slug="nieuwerland")


@pytest.fixture
def admin_client(client, nieuwerland, django_capture_on_commit_callbacks):
    user = UserFactory(username="nieuwbeheer")
    MembershipFactory(user=user, municipality=nieuwerland, role=Role.ADMIN)
    client.force_login(user)
    client.capture = django_capture_on_commit_callbacks
    return client


def upload(client, source, files, **data):
    url = reverse("imports:upload", args=["nieuwerland", source])
    payload = {**data}
    for field, path in files.items():
        payload[field] = SimpleUploadedFile(path.name, path.read_bytes())
    with client.capture(execute=True):  # the task starts when the upload is committed
        response = client.post(url, payload)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.latest("pk")
    return job, client.get(response["Location"])


def confirm(client, job):
    with client.capture(execute=True):
        response = client.post(reverse("imports:job_confirm", args=["nieuwerland", job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def test_kwb_workbook_is_previewed_without_storing_then_stored_on_confirm(admin_client, tmp_path):
    path = kwb_xlsx(tmp_path / "kwb-2024.xlsx")
    job, page = upload(admin_client, "kwb", {"file": path}, level="buurt")
    text = page.content.decode()
    assert job.status == ImportJob.Status.CHECKED
    assert "Wat er verandert" in text and "BU09990101" in text and "Oude Kern" in text
    assert dict(job.preview["counts"]) == {
        "CBS-wijken en -buurten nieuw": 7,
        "CBS-wijken en -buurten gewijzigd": 0,
        "CBS-wijken en -buurten ongewijzigd": 0,
        "nieuwe wijken in Wijkwaarde": 5,
    }
    # Nothing stored yet; the file waits for the lead.
    assert not CbsArea.objects.exists() and not Neighbourhood.objects.exists()
    stored_file = job.file.path
    assert shutil.os.path.exists(stored_file)

    job = confirm(admin_client, job)
    assert job.status == ImportJob.Status.DONE
    assert CbsArea.objects.filter(reference_year=2024).count() == 7
    oude_kern = Neighbourhood.objects.get(name="Oude Kern")
    assert oude_kern.key_figures().homes == 640
    assert oude_kern.indicators.filter(code=StandardIndicator.LABEL_B).exists()
    entry = AuditEntry.objects.get(action="import_kwb")
    assert entry.changes["bestand"] == "kwb-2024.xlsx"
    # The upload is gone once stored.
    assert not job.file.name and not shutil.os.path.exists(stored_file)


def test_a_national_file_keeps_only_the_own_municipality(admin_client, tmp_path):
    rows = kwb_rows()
    other = list(rows[4])
    other[0] = other[5] = "BU03630101"
    rows.append(other)
    path = kwb_xlsx(tmp_path / "kwb-2024.xlsx", rows=rows)
    job, page = upload(admin_client, "kwb", {"file": path}, level="")
    assert "1 regels van andere gemeenten worden overgeslagen." in page.content.decode()
    confirm(admin_client, job)
    assert not CbsArea.objects.filter(code="BU03630101").exists()
    assert not Neighbourhood.objects.exists()  # "only the figures" was chosen


def test_onboarding_makes_a_neighbourhood_per_wijk_with_map_from_a_geopackage(
    admin_client, tmp_path
):
    job, page = upload(
        admin_client,
        "kwb",
        {"file": KWB_CSV, "second_file": sample_gpkg(tmp_path / "wijkenbuurten_2024.gpkg")},
        level="wijk",
        year=2024,
    )
    assert job.status == ImportJob.Status.CHECKED, job.errors
    # five buurten, and the two wijken as the union of their buurten
    assert dict(job.preview["counts"])["grenzen nieuw of gewijzigd"] == 7
    confirm(admin_client, job)
    assert sorted(Neighbourhood.objects.values_list("name", flat=True)) == [
        "Centrum",
        "Nieuwerland-Oost",
    ]
    buurt = CbsArea.objects.get(code="BU09990101")
    lon, lat = buurt.geometry["coordinates"][0][0][0]
    assert 5.09 < lon < 5.13 and 52.09 < lat < 52.13  # back in WGS 84
    page = admin_client.get(reverse("residents:municipality", args=["nieuwerland"]))
    assert "<svg" in page.content.decode()


def test_a_bad_workbook_lists_every_line_in_dutch_and_stores_nothing(admin_client, tmp_path):
    rows = kwb_rows()
    rows[3][10] = "veel"  # a_woning of WK099901, Excel row 4
    rows[5][14] = "140"  # p_koopw of BU09990102, Excel row 6
    path = kwb_xlsx(tmp_path / "kwb-2024.xlsx", rows=rows)
    job, page = upload(admin_client, "kwb", {"file": path}, level="buurt")
    text = page.content.decode()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        "regel 4: a_woning is geen getal: 'veel'",
        "regel 6: p_koopw is een percentage en moet tussen 0 en 100 liggen, niet 140",
    ]
    assert 'id="import-errors"' in text and "regel 4: a_woning is geen getal" in text
    assert not CbsArea.objects.exists() and not Neighbourhood.objects.exists()
    assert not job.file.name  # a failed upload is not kept


def test_a_file_of_the_wrong_kind_is_refused_next_to_the_field(admin_client):
    response = admin_client.post(
        reverse("imports:upload", args=["nieuwerland", "kwb"]),
        {"file": SimpleUploadedFile("kaart.pdf", b"%PDF-1.4"), "level": "buurt"},
    )
    assert response.status_code == 200
    assert "Kies een bestand van het soort .csv, .xlsx" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_next_reference_year_replaces_the_figures_and_leaves_homes_unchanged(
    admin_client, tmp_path
):
    confirm(
        admin_client, upload(admin_client, "kwb", {"file": KWB_CSV}, level="buurt", year=2024)[0]
    )
    bloemen = Neighbourhood.objects.get(name="Bloemenbuurt")
    before = Neighbourhood.objects.for_page().get(pk=bloemen.pk).key_figures()
    job, _page = upload(
        admin_client, "kwb", {"file": kwb_xlsx(tmp_path / "kwb-2025.xlsx")}, level="buurt"
    )
    assert dict(job.preview["counts"])["nieuwe wijken in Wijkwaarde"] == 0
    confirm(admin_client, job)
    after = Neighbourhood.objects.for_page().get(pk=bloemen.pk).key_figures()
    assert (before.reference_year, after.reference_year) == (2024, 2025)
    assert before.homes == after.homes == 2310
    assert Neighbourhood.objects.count() == 5


def test_cancel_keeps_nothing(admin_client, tmp_path):
    job, _page = upload(admin_client, "kwb", {"file": KWB_CSV}, level="buurt", year=2024)
    path = job.file.path
    response = admin_client.post(reverse("imports:job_cancel", args=["nieuwerland", job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    assert not shutil.os.path.exists(path) and not CbsArea.objects.exists()
    # A cancelled upload cannot be stored afterwards.
    confirm(admin_client, job)
    assert not CbsArea.objects.exists()


def test_geopackage_buurten_keep_sharing_their_border_after_simplifying(tmp_path):
    # Two buurten in RD New whose shared border zigzags by a metre every ten metres (survey detail).
    edge = [(155000 + (0.5 if i % 2 else -0.5), 463000 + i * 10) for i in range(51)]
    west = shapely.Polygon([(154500, 463000), *edge, (154500, 463500)])
    east = shapely.Polygon([*edge, (155500, 463500), (155500, 463000)])
    path = gpkg(
        tmp_path / "wijkenbuurten.gpkg",
        [("BU09990101", "West", west), ("BU09990102", "Oost", east)],
    )
    result = read_boundaries(path, municipality_code="GM0999")
    assert result.problems == []
    buurten = {x.code: shapely.geometry.shape(x.geometry) for x in result.boundaries}
    a, b = buurten["BU09990101"], buurten["BU09990102"]
    # Their wijk, which the file has no outline of, is the two together.
    assert buurten["WK099901"].area == pytest.approx(a.area + b.area)
    assert len(a.exterior.coords if a.geom_type == "Polygon" else a.geoms[0].exterior.coords) < 20
    shared = a.intersection(b)
    assert shared.length > 0.0044  # the whole 500 m of border (0.0045° of latitude)
    assert a.intersection(b).area == 0  # touching, not overlapping
    assert a.union(b).area == pytest.approx(a.area + b.area)


@pytest.fixture
def stored_buurten(admin_client):
    job, _page = upload(admin_client, "kwb", {"file": KWB_CSV}, level="buurt", year=2024)
    confirm(admin_client, job)


def test_energy_labels_become_label_b_counts_per_neighbourhood(admin_client, stored_buurten):
    job, page = upload(
        admin_client,
        "energielabels",
        {"file": DATA / "eponline_sample.csv", "second_file": DATA / "pc6hnr_sample.csv"},
        date="2026-01-01",
        data_status="definitief",
    )
    assert job.status == ImportJob.Status.CHECKED, job.errors
    assert dict(job.preview["counts"])["metingen nieuw"] == 3
    assert "9991AA" not in page.content.decode()  # no address in the preview
    confirm(admin_client, job)
    values = {
        m.indicator.neighbourhood.name: m.value
        for m in Measurement.objects.filter(indicator__code=StandardIndicator.LABEL_B)
    }
    # Oude Kern: A+ and B (not C); Stationsbuurt: A (not G); Bloemenbuurt: A++ (not D);
    # Vogelwijk's only label is a utility building.
    assert values == {"Oude Kern": 2, "Stationsbuurt": 1, "Bloemenbuurt": 1}
    measurement = Measurement.objects.filter(indicator__code=StandardIndicator.LABEL_B).first()
    assert (measurement.source, measurement.data_status, measurement.via) == (
        DataSource.EP_ONLINE,
        "definitief",
        Measurement.Via.CSV,
    )
    assert measurement.date == datetime.date(2026, 1, 1)


def test_a_bad_energy_label_file_names_its_lines(admin_client, stored_buurten):
    job, page = upload(
        admin_client,
        "energielabels",
        {"file": DATA / "eponline_bad.csv", "second_file": DATA / "pc6hnr_sample.csv"},
        date="2026-01-01",
    )
    assert job.errors == [
        "regel 3: '99XX' is geen postcode",
        "regel 4: 'Q' is geen energieklasse (A++++ tot G)",
    ]
    assert not Measurement.objects.exists()


def test_gas_free_homes_per_buurt_become_provisional_measurements(admin_client, stored_buurten):
    job, _page = upload(
        admin_client, "aardgasvrij", {"file": DATA / "aardgasvrij_sample.csv"}, date="2025-01-01"
    )
    assert job.status == ImportJob.Status.CHECKED, job.errors
    confirm(admin_client, job)
    bloemen = Indicator.objects.get(
        code=StandardIndicator.GAS_FREE, neighbourhood__name="Bloemenbuurt"
    )
    measurement = bloemen.measurements.get()
    assert (measurement.value, measurement.data_status, measurement.source) == (
        Decimal(300),
        "voorlopig",
        DataSource.CBS_GAS_FREE,
    )
    # Havenkwartier is secret (x) in the file: no measurement rather than a zero.
    assert not Measurement.objects.filter(indicator__neighbourhood__name="Havenkwartier").exists()


def test_startanalyse_names_the_cheapest_strategy_and_warns_without_motivation(
    admin_client, stored_buurten
):
    job, _page = upload(
        admin_client, "startanalyse", {"file": DATA / "startanalyse_sample.csv"}, edition="2020"
    )
    assert job.status == ImportJob.Status.CHECKED, job.errors
    confirm(admin_client, job)
    assert StartanalyseResult.objects.count() == 6
    oude_kern = Neighbourhood.objects.get(name="Oude Kern")
    oude_kern.preferred_solution = "all_electric_wp"
    oude_kern.save()
    advice = advice_for(oude_kern)
    assert advice.cheapest.code == "S2A" and advice.needs_motivation
    url = reverse("wup:bo_neighbourhood_edit", args=["nieuwerland", oude_kern.slug])
    page = admin_client.get(url).content.decode()
    assert 'id="startanalyse-warning"' in page
    oude_kern.solution_motivation = "Het warmtenet komt hier pas na 2040."
    oude_kern.save()
    assert 'id="startanalyse-warning"' not in admin_client.get(url).content.decode()


def test_plan_area_is_composed_of_buurten_by_code(admin_client, stored_buurten):
    bloemen = Neighbourhood.objects.get(name="Bloemenbuurt")
    url = reverse("imports:plan_area", args=["nieuwerland", bloemen.slug])
    page = admin_client.get(url, {"q": "vogel"}).content.decode()
    assert "BU09990202 Vogelwijk" in page and "BU09990101 Oude Kern" not in page
    response = admin_client.post(url, {"codes": ["BU09990201", "BU09990202"]})
    assert response.status_code == 302
    figures = Neighbourhood.objects.for_page().get(pk=bloemen.pk).key_figures()
    assert figures.homes == 2310 + 960
    assert AuditEntry.objects.filter(action="plan_area").exists()
    response = admin_client.post(url, {})
    assert "Kies minstens één CBS-wijk of -buurt." in response.content.decode()


def test_operators_use_the_same_readers_on_the_command_line(nieuwerland, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = kwb_xlsx(tmp_path / "kwb-2024.xlsx")
    out = StringIO()
    call_command(
        "import_files", "kwb", str(path), "--municipality", "GM0999", "--level", "buurt",
        "--dry-run", stdout=out,
    )  # fmt: skip
    assert "CBS-wijken en -buurten nieuw: 7" in out.getvalue()
    assert not CbsArea.objects.exists()
    call_command(
        "import_files", "kwb", str(path), "--municipality", "GM0999", "--level", "buurt",
        "--second-file", str(sample_gpkg(tmp_path / "buurten.gpkg")), stdout=out,
    )  # fmt: skip
    assert CbsArea.objects.filter(geometry__isnull=False).count() == 7
    assert Neighbourhood.objects.count() == 5


def test_boundaries_alone_go_onto_the_newest_year_and_unknown_codes_are_named(
    admin_client, stored_buurten, tmp_path
):
    job, _page = upload(admin_client, "grenzen", {"file": DATA / "kwb_sample.geojson"})
    assert job.status == ImportJob.Status.CHECKED, job.errors
    assert dict(job.preview["counts"])["grenzen nieuw of gewijzigd"] == 7
    confirm(admin_client, job)
    assert CbsArea.objects.filter(geometry__isnull=False).count() == 7
    # A buurt the figures do not have: named by its object, nothing stored.
    square = shapely.box(155000, 463000, 155400, 463400)
    path = gpkg(tmp_path / "nieuw.gpkg", [("BU09990199", "Nieuwbouw", square)])
    job, page = upload(admin_client, "grenzen", {"file": path}, year=2024)
    assert job.errors == [
        "grenzen, object 1: geen wijk of buurt met code BU09990199 in peiljaar 2024; "
        "lees eerst de kerncijfers van dat jaar in"
    ]


def test_an_upload_left_for_a_day_loses_its_file(admin_client, time_machine):
    from imports.tasks import sweep_abandoned_uploads

    job, _page = upload(admin_client, "kwb", {"file": KWB_CSV}, level="buurt", year=2024)
    path = job.file.path
    assert sweep_abandoned_uploads() == 0
    time_machine.move_to(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=2))
    assert sweep_abandoned_uploads() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED and not shutil.os.path.exists(path)
