"""The council report's Woo status, per report (issue 11, item 9): public by default, as progress
reports to the raad are; the lead may keep a report back on a ground of the Woo when asking for
it. The PDF and the pages say which it is; public ones are listed on the municipality's public
page and download without login, others are a 404 for the public."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dashboard.council import report as council_report
from reports import service
from reports.models import Report
from tests.dashboard import test_council_report as report_tests
from wup.models import WooGround, WooStatus

story = report_tests.story
_pdf_text = report_tests._pdf_text


@pytest.fixture(autouse=True)
def _registered():
    council_report.register_report()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=["testdal", *args])


def make_report(municipality, capture, subject: int = council_report.PUBLIC_SUBJECT) -> Report:
    with capture(execute=True):
        return service.request_report(
            council_report.REPORT_KIND, municipality=municipality, subject_id=subject
        )


@pytest.mark.django_db
def test_a_council_report_is_public_by_default(
    client, story, municipality, council_member, django_capture_on_commit_callbacks
):
    assert council_report.report_content(municipality)["woo"] == {"public": True, "ground": ""}
    client.force_login(council_member)
    page = client.get(url("council_report")).content.decode()
    assert 'name="woo_status"' not in page  # a council member does not choose it
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("council_report"))
    report = Report.objects.get()
    assert response.status_code == 302
    assert report.subject_id == council_report.PUBLIC_SUBJECT
    assert council_report.report_woo(report) == {"public": True, "ground": ""}
    text = _pdf_text(Report.objects.get())
    assert "Voor de gemeenteraad. Openbaar (Woo)." in text
    assert "Niet openbaar" not in text


@pytest.mark.django_db
def test_the_lead_keeps_one_report_back_on_a_ground_and_the_pdf_says_so(
    client, story, municipality, lead, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    page = client.get(url("council_report")).content.decode()
    assert 'name="woo_status"' in page
    # Not public without a ground is refused, next to the field, and nothing is made.
    response = client.post(url("council_report"), {"woo_status": "niet_openbaar"})
    assert response.status_code == 400
    assert "Kies de grond uit de Woo" in response.content.decode()
    assert not Report.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("council_report"),
            {"woo_status": "niet_openbaar", "woo_ground": WooGround.BUSINESS},
        )
    assert response.status_code == 302
    kept_back = Report.objects.get()
    assert council_report.report_woo(kept_back)["public"] is False
    text = _pdf_text(kept_back)
    assert "Niet openbaar (Woo): Vertrouwelijk verstrekte bedrijfsgegevens" in text
    page = client.get(url("council_report_status", kept_back.pk)).content.decode()
    assert "Deze rapportage is niet openbaar onder de Woo" in page

    # The next report is public again: the status belongs to each report, not the municipality.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("council_report"), {"woo_status": "openbaar"})
    public = Report.objects.exclude(pk=kept_back.pk).get()
    assert council_report.report_woo(public) == {"public": True, "ground": ""}
    assert council_report.report_woo(Report.objects.get(pk=kept_back.pk))["public"] is False
    page = client.get(url("council_report")).content.decode()
    assert "Niet openbaar: Vertrouwelijk verstrekte bedrijfsgegevens" in page


@pytest.mark.django_db
def test_a_public_and_a_kept_back_report_are_different_files(municipality, story):
    public = council_report.report_content(
        municipality, woo=council_report.woo_words_of(WooStatus.PUBLIC, "")
    )
    kept_back = council_report.report_content(
        municipality, woo=council_report.woo_words_of(WooStatus.NOT_PUBLIC, WooGround.PRIVACY)
    )
    assert public["woo"] != kept_back["woo"]
    assert kept_back["woo"]["ground"].startswith("Eerbiediging van de persoonlijke levenssfeer")


@pytest.mark.django_db
def test_public_reports_are_listed_for_residents_and_download_without_login(
    client, story, municipality, django_capture_on_commit_callbacks
):
    public = make_report(municipality, django_capture_on_commit_callbacks)
    kept_back = make_report(
        municipality,
        django_capture_on_commit_callbacks,
        council_report.woo_subject(WooStatus.NOT_PUBLIC, WooGround.STATE),
    )
    assert public.pk != kept_back.pk
    public_url = reverse("dashboard:council_report_public", args=["testdal", public.pk])
    hidden_url = reverse("dashboard:council_report_public", args=["testdal", kept_back.pk])
    page = client.get(reverse("residents:municipality", args=["testdal"])).content.decode()
    assert "Voortgangsrapportages aan de gemeenteraad" in page
    assert public_url in page
    assert hidden_url not in page
    section = page.split('id="raadsrapportages"')[1]
    assert "@" not in section  # dates and links only: no one who asked for it

    response = client.get(public_url)  # no login
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert client.get(hidden_url).status_code == 404
    other = reverse("dashboard:council_report_public", args=["elders", public.pk])
    assert client.get(other).status_code == 404


@pytest.mark.django_db
def test_the_pdf_has_the_totals_sentence_the_decisions_and_open_promises(
    story, municipality, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from dashboard.models import CouncilRecord, MunicipalityTarget

    today = timezone.localdate()
    MunicipalityTarget.objects.create(municipality=municipality, target_year=2040)
    CouncilRecord.objects.create(
        municipality=municipality,
        kind="toezegging",
        title="Raad informeren over tarieven",
        date=today,
        owner="Wethouder Jansen",
        due_on=today - datetime.timedelta(days=3),
    )
    text = _pdf_text(make_report(municipality, django_capture_on_commit_callbacks))
    assert "De gemeente in totaal" in text
    assert "tegen het doeljaar 2040 waarin de gemeente alle woningen van het aardgas af wil" in text
    assert "Open toezeggingen" in text and "Raad informeren over tarieven" in text
