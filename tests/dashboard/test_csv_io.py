"""Measurements as CSV: one format both ways, every bad row reported with its line number,
nothing half-imported, and partners limited to their own party's indicators."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dashboard import csv_io
from dashboard.models import Indicator, Measurement
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    PartyFactory,
    UserFactory,
)
from wup.csv_files import MAX_ERRORS_SHOWN
from wup.models import AuditEntry, Role

pytestmark = pytest.mark.django_db

HEADER = "wijk;indicator_id;indicator;datum;waarde;bron;status;opmerking"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def own(neighbourhood, party):
    return Indicator.objects.create(
        neighbourhood=neighbourhood,
        name="Corporatiewoningen aardgasvrij",
        category="output",
        unit="aantal",
        source="corporatie",
        party=party,
    )


@pytest.fixture
def foreign(neighbourhood, municipality):
    other = PartyFactory(municipality=municipality, name="Netbeheerder Testdal")
    return Indicator.objects.create(
        neighbourhood=neighbourhood,
        name="=Aansluitingen",
        category="output",
        unit="aantal",
        source="netbeheerder",
        party=other,
    )


@pytest.fixture
def import_url():
    return reverse("dashboard:measurements_import", args=["testdal"])


@pytest.fixture
def export_url():
    return reverse("dashboard:measurements_export", args=["testdal"])


def upload(client, url, text: str, *, encoding="utf-8", name="metingen.csv"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def errors(response) -> list[str]:
    return response.context["errors"]


# --- Numbers and dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1234.5", "1234.5"),
        ("1234,5", "1234.5"),
        ("  12 ", "12"),
        ("-3,25", "-3.25"),
        ("0", "0"),
        ("1 234", "1234"),
    ],
)
def test_numbers_with_a_point_or_a_comma(text, number):
    assert csv_io.parse_number(text) == Decimal(number)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "ontbreekt"),
        ("1.234,5", "duizendtallen"),
        ("1,234.5", "duizendtallen"),
        ("twaalf", "geen getal"),
        ("1,234", None),  # a comma is a decimal separator: 1.234 has three decimals
        ("12.345", "meer dan 2 cijfers"),
        ("1e5", "geen getal"),
        ("1234567890123", "te groot"),
    ],
)
def test_numbers_that_are_refused(text, reason):
    with pytest.raises(ValueError) as raised:
        csv_io.parse_number(text)
    assert reason is None or reason in str(raised.value)


def test_dates_iso_and_as_dutch_excel_writes_them():
    assert csv_io.parse_date("2026-03-31") == datetime.date(2026, 3, 31)
    assert csv_io.parse_date("31-3-2026") == datetime.date(2026, 3, 31)
    for bad in ("2026-02-30", "31/03/2026", "20260331", ""):
        with pytest.raises(ValueError):
            csv_io.parse_date(bad)


# --- Export ---------------------------------------------------------------------------------


def test_export_is_a_download_with_the_import_columns(client, lead, own, foreign, export_url):
    Measurement.objects.create(
        indicator=own,
        date=datetime.date(2026, 3, 1),
        value=Decimal("1234.50"),
        source="corporatie",
        data_status="voorlopig",
        note="=SUM(A1)",
    )
    Measurement.objects.create(
        indicator=foreign, date=datetime.date(2026, 4, 1), value=1000, source="netbeheerder"
    )
    client.force_login(lead)
    response = client.get(export_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="metingen-testdal-2026-06-15.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff" + HEADER + "\r\n")
    lines = text[1:].splitlines()
    assert (
        f"bloemenwijk;{own.pk};Corporatiewoningen aardgasvrij;2026-03-01;1234,5;"
        "corporatie;voorlopig;'=SUM(A1)" in lines
    )
    # Formulas are defused in text cells; a number stays a number (no 1E+3).
    assert f"bloemenwijk;{foreign.pk};'=Aansluitingen;2026-04-01;1000;netbeheerder;;" in lines


def test_partner_exports_only_their_partys_measurements(client, partner, own, foreign, export_url):
    Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 3, 1), value=5, source="corporatie"
    )
    Measurement.objects.create(
        indicator=foreign, date=datetime.date(2026, 3, 1), value=6, source="netbeheerder"
    )
    client.force_login(partner)
    lines = client.get(export_url).content.decode()[1:].splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(f"bloemenwijk;{own.pk};")


def test_council_member_exports_but_does_not_import(
    client, council_member, own, export_url, import_url
):
    Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 3, 1), value=5, source="corporatie"
    )
    client.force_login(council_member)
    assert len(client.get(export_url).content.decode().splitlines()) == 2
    assert client.get(import_url).status_code == 403
    assert (
        upload(
            client, import_url, f"{HEADER}\nbloemenwijk;{own.pk};x;2026-04-01;9;;;\n"
        ).status_code
        == 403
    )
    assert own.measurements.count() == 1


def test_export_leaves_out_other_municipalities_and_the_limited_leads_blind_spot(
    client, municipality, own, export_url
):
    elsewhere = NeighbourhoodFactory(municipality=MunicipalityFactory(), slug="ver-weg")
    Measurement.objects.create(
        indicator=elsewhere.indicators.first(),
        date=datetime.date(2026, 3, 1),
        value=1,
        source="bag",
    )
    Measurement.objects.create(indicator=own, date=datetime.date(2026, 3, 1), value=2, source="bag")
    limited = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=limited,
        municipality=municipality,
        role=Role.PROJECT_LEAD,
        limited_to_neighbourhoods=True,
    )
    membership.neighbourhoods.add(NeighbourhoodFactory(municipality=municipality))
    client.force_login(limited)
    assert client.get(export_url).content.decode()[1:].splitlines() == [HEADER]


# --- Import ---------------------------------------------------------------------------------


def test_round_trip_export_then_import_changes_nothing(
    client, lead, own, foreign, export_url, import_url
):
    Measurement.objects.create(
        indicator=own,
        date=datetime.date(2025, 12, 31),
        value=Decimal("1234.56"),
        source="corporatie",
        data_status="definitief",
        note="Eind 2025; met “aanhalingstekens”",
    )
    Measurement.objects.create(
        indicator=own,
        date=datetime.date(2026, 3, 1),
        value=Decimal("-3"),
        source="overig",
        note="+ correctie",
    )
    Measurement.objects.create(
        indicator=foreign,
        date=datetime.date(2026, 3, 1),
        value=Decimal("0.5"),
        source="netbeheerder",
    )
    before = list(
        Measurement.objects.order_by("pk").values(
            "indicator_id", "date", "value", "source", "data_status", "note", "via", "entered_at"
        )
    )
    client.force_login(lead)
    exported = client.get(export_url).content
    response = upload(client, import_url, exported)
    assert response.status_code == 302
    message = [str(m) for m in response.wsgi_request._messages][0]
    assert "0 nieuwe metingen, 0 veranderd en 3 al gelijk" in message
    after = list(
        Measurement.objects.order_by("pk").values(
            "indicator_id", "date", "value", "source", "data_status", "note", "via", "entered_at"
        )
    )
    assert after == before


NOTES_THAT_LOOK_LIKE_FORMULAS = ["'=1+1", "=1+1", "''twee", "'citaat", "-5", "@x", "+31 6"]


def test_notes_that_start_like_a_formula_or_a_quote_come_back_exactly(
    client, lead, own, export_url, import_url
):
    for day, note in enumerate(NOTES_THAT_LOOK_LIKE_FORMULAS, start=1):
        Measurement.objects.create(
            indicator=own,
            date=datetime.date(2026, 1, day),
            value=day,
            source="corporatie",
            note=note,
        )
    client.force_login(lead)
    exported = client.get(export_url).content
    # One apostrophe added in front of each; the import takes exactly that one off.
    assert b";''=1+1\r\n" in exported and b";'=1+1\r\n" in exported
    response = upload(client, import_url, exported)
    assert response.status_code == 302
    message = [str(m) for m in response.wsgi_request._messages][0]
    assert "0 nieuwe metingen, 0 veranderd en 7 al gelijk" in message
    notes = Measurement.objects.order_by("date").values_list("note", flat=True)
    assert list(notes) == NOTES_THAT_LOOK_LIKE_FORMULAS


def test_import_creates_and_updates_and_counts_them(client, lead, own, import_url):
    old = Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 3, 1), value=10, source="corporatie"
    )
    same = Measurement.objects.create(
        indicator=own, date=datetime.date(2026, 4, 1), value=20, source="corporatie"
    )
    client.force_login(lead)
    text = (
        f"{HEADER}\n"
        f"bloemenwijk;{own.pk};naam mag afwijken;2026-03-01;11,5;;definitief;bijgesteld\n"
        f"bloemenwijk;{own.pk};;2026-04-01;20;corporatie;;\n"
        f"bloemenwijk;{own.pk};;1-5-2026;30.25;cbs_kwb;;\n"
    )
    response = upload(client, import_url, text)
    assert response.status_code == 302
    message = [str(m) for m in response.wsgi_request._messages][0]
    assert "1 nieuwe metingen, 1 veranderd en 1 al gelijk" in message
    old.refresh_from_db()
    assert (old.value, old.source, old.data_status, old.note, old.via, old.entered_by) == (
        Decimal("11.5"),
        "corporatie",
        "definitief",
        "bijgesteld",
        "csv",
        lead,
    )
    new = own.measurements.get(date=datetime.date(2026, 5, 1))
    assert (new.value, new.source, new.via, new.entered_by) == (
        Decimal("30.25"),
        "cbs_kwb",
        "csv",
        lead,
    )
    same.refresh_from_db()
    assert same.via == "hand"  # an unchanged row is left alone
    entry = AuditEntry.objects.get(action="import_measurements")
    assert entry.changes["file"] == "metingen.csv"
    assert len(entry.changes["created"]) == 1 and len(entry.changes["updated"]) == 1


def test_commas_between_columns_and_no_bom(client, lead, own, import_url):
    client.force_login(lead)
    text = f'{HEADER.replace(";", ",")}\r\nbloemenwijk,{own.pk},x,2026-03-01,"1234,5",,,\r\n'
    assert upload(client, import_url, text).status_code == 302
    assert own.measurements.get().value == Decimal("1234.5")


def test_semicolons_with_bom(client, lead, own, import_url):
    client.force_login(lead)
    text = f"\ufeff{HEADER}\r\nbloemenwijk;{own.pk};x;2026-03-01;7;;;\r\n"
    assert upload(client, import_url, text).status_code == 302
    assert own.measurements.get().value == Decimal("7")


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    client, lead, own, import_url
):
    other = NeighbourhoodFactory(municipality=MunicipalityFactory(), slug="ver-weg")
    theirs = other.indicators.first()
    client.force_login(lead)
    text = (
        f"{HEADER}\n"
        f"bloemenwijk;{own.pk};goed;2026-03-01;1;;;\n"  # line 2: fine, but must not be imported
        f"bloemenwijk;{own.pk};;2026-13-01;1;;;\n"  # 3
        "\n"  # 4: an empty line is skipped but counted
        f"bloemenwijk;{own.pk};;2026-04-01;1.234,5;;;\n"  # 5
        f"bloemenwijk;{theirs.pk};;2026-04-01;1;;;\n"  # 6: another municipality
        f"andere;{own.pk};;2026-04-02;1;;;\n"  # 7: wrong neighbourhood
        f"bloemenwijk;{own.pk};;2026-03-01;2;;;\n"  # 8: same date as line 2
        f"bloemenwijk;{own.pk};;2026-05-01;1;zon;final;\n"  # 9
        f"bloemenwijk;{own.pk};;2026-05-02\n"  # 10: too few columns
        f"bloemenwijk;abc;;2026-07-01;1;;;\n"  # 11
        f"bloemenwijk;{own.pk};;2026-07-01;1;;;{'x' * 301}\n"  # 12
    )
    response = upload(client, import_url, text)
    assert response.status_code == 200
    found = errors(response)
    assert found[0].startswith("regel 3: “2026-13-01” is geen bestaande datum")
    assert found[1].startswith("regel 5: “1.234,5” is geen getal")
    assert (
        found[2] == f"regel 6: indicator {theirs.pk} bestaat niet in een wijk van deze gemeente "
        "die u beheert"
    )
    assert (
        found[3] == f"regel 7: indicator {own.pk} hoort bij wijk “bloemenwijk”, niet bij “andere”"
    )
    assert found[4] == f"regel 8: indicator {own.pk} op 2026-03-01 staat ook al op regel 2"
    assert found[5].startswith("regel 9: onbekende bron “zon”")
    assert found[6].startswith("regel 9: onbekende status “final”")
    assert found[7] == "regel 10: 8 kolommen verwacht, 4 gevonden"
    assert found[8] == "regel 11: indicator_id “abc” is geen nummer"
    assert found[9] == "regel 11: de datum 2026-07-01 ligt in de toekomst"
    assert found[10].startswith("regel 12: de datum 2026-07-01 ligt in de toekomst")
    assert found[11] == "regel 12: de opmerking is langer dan 300 tekens"
    assert len(found) == 12
    page = response.content.decode()
    assert "Er is niets ingelezen" in page
    assert not Measurement.objects.exists()
    assert not AuditEntry.objects.filter(action="import_measurements").exists()


def test_partner_imports_only_their_own_partys_indicators(
    client, partner, own, foreign, import_url
):
    client.force_login(partner)
    text = (
        f"{HEADER}\nbloemenwijk;{own.pk};;2026-03-01;1;;;\n"
        f"bloemenwijk;{foreign.pk};;2026-03-01;1;;;\n"
    )
    response = upload(client, import_url, text)
    assert errors(response) == [
        f"regel 3: indicator {foreign.pk} bestaat niet in deze gemeente of wordt niet door "
        "uw partij gemeten"
    ]
    assert not Measurement.objects.exists()
    response = upload(client, import_url, f"{HEADER}\nbloemenwijk;{own.pk};;2026-03-01;1;;;\n")
    assert response.status_code == 302
    assert own.measurements.get().entered_by == partner


def test_limited_lead_cannot_import_into_a_neighbourhood_out_of_reach(
    client, municipality, own, import_url
):
    limited = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=limited,
        municipality=municipality,
        role=Role.PROJECT_LEAD,
        limited_to_neighbourhoods=True,
    )
    membership.neighbourhoods.add(NeighbourhoodFactory(municipality=municipality))
    client.force_login(limited)
    response = upload(client, import_url, f"{HEADER}\nbloemenwijk;{own.pk};;2026-03-01;1;;;\n")
    assert errors(response)[0].startswith("regel 2: indicator")
    assert not Measurement.objects.exists()


def test_wrong_header_is_line_one(client, lead, import_url):
    client.force_login(lead)
    response = upload(
        client, import_url, "wijk;indicator;datum;waarde\nbloemenwijk;1;2026-01-01;1\n"
    )
    assert errors(response) == [
        f"regel 1: de eerste regel moet precies deze kolommen hebben: {HEADER}"
    ]


def test_not_utf8_names_the_line(client, lead, own, import_url):
    client.force_login(lead)
    text = (
        f"{HEADER}\nbloemenwijk;{own.pk};;2026-03-01;1;;;\n"
        f"bloemenwijk;{own.pk};;2026-03-02;1;;;café\n"
    )
    response = upload(client, import_url, text, encoding="latin-1")
    assert errors(response)[0].startswith("regel 3: het bestand is niet opgeslagen als UTF-8")
    assert not Measurement.objects.exists()


def test_file_without_rows_and_too_large_files_are_refused(client, lead, import_url, monkeypatch):
    client.force_login(lead)
    assert errors(upload(client, import_url, f"{HEADER}\n\n")) == [
        "Het bestand heeft geen regels met metingen."
    ]
    monkeypatch.setattr("dashboard.forms.indicators.MAX_UPLOAD_BYTES", 100)
    response = upload(client, import_url, HEADER + "\n" + "x" * 200)
    assert response.status_code == 200
    assert "Het bestand is te groot" in response.content.decode()
    assert response.context["errors"] == []


def test_import_is_all_or_nothing_when_writing_fails(client, lead, own, import_url, monkeypatch):
    """A failure after the measurements were written (here: the audit entry) undoes them."""

    def broken(*args, **kwargs):
        raise RuntimeError("audit failed")

    monkeypatch.setattr("wup.audit.record", broken)
    client.force_login(lead)
    text = (
        f"{HEADER}\nbloemenwijk;{own.pk};;2026-03-01;1;;;\nbloemenwijk;{own.pk};;2026-03-02;2;;;\n"
    )
    with pytest.raises(RuntimeError):
        upload(client, import_url, text)
    assert not Measurement.objects.exists()


def test_too_many_errors_are_cut_short(lead, own):
    membership = lead.memberships.get()
    text = HEADER + "\n" + "".join(f"bloemenwijk;{own.pk};;nooit;1;;;\n" for _ in range(60))
    with pytest.raises(csv_io.CsvImportError) as raised:
        csv_io.read_csv(text.encode(), membership=membership)
    assert len(raised.value.errors) == MAX_ERRORS_SHOWN + 1
    assert raised.value.errors[-1] == "… en nog 10 fouten."


def test_import_page_query_count_does_not_grow_with_rows(
    client, lead, own, import_url, django_assert_max_num_queries
):
    client.force_login(lead)
    text = (
        HEADER
        + "\n"
        + "".join(f"bloemenwijk;{own.pk};;2025-{m:02d}-01;{m};;;\n" for m in range(1, 13))
    )
    # (two of them the audit chain's: its lock and the last entry's hash)
    with django_assert_max_num_queries(14):
        assert upload(client, import_url, text).status_code == 302
    assert own.measurements.count() == 12
