"""The council report's Woo status (issue 11, item 9): public by default, as progress reports to
the raad are; the lead may keep the reports made next back on a ground of the Woo, and the PDF
and the pages say which it is."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dashboard.council import report as council_report
from reports import service
from reports.models import Report
from tests.dashboard import test_council_report as report_tests
from wup.models import AuditEntry, Municipality, WooGround, WooStatus

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


def make_report(municipality, capture) -> Report:
    with capture(execute=True):
        return service.request_report(council_report.REPORT_KIND, municipality=municipality)


@pytest.mark.django_db
def test_a_council_report_is_public_by_default(
    client, story, municipality, council_member, django_capture_on_commit_callbacks
):
    assert municipality.council_report_woo == WooStatus.PUBLIC
    assert council_report.report_content(municipality)["woo"] == {"public": True, "ground": ""}
    text = _pdf_text(make_report(municipality, django_capture_on_commit_callbacks))
    assert "Voor de gemeenteraad. Openbaar (Woo)." in text
    assert "Niet openbaar" not in text
    client.force_login(council_member)
    page = client.get(url("council_report")).content.decode()
    assert "Deze rapportage is openbaar onder de Woo" in page
    assert 'name="council_report_woo"' not in page  # a council member does not choose it


@pytest.mark.django_db
def test_the_lead_keeps_it_back_on_a_ground_and_the_pdf_says_so(
    client, story, municipality, lead, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    page = client.get(url("council_report")).content.decode()
    assert 'name="council_report_woo"' in page
    # Not public without a ground is refused.
    response = client.post(
        url("council_report"), {"woo": "1", "council_report_woo": "niet_openbaar"}
    )
    assert response.status_code == 200
    assert "Kies de grond uit de Woo" in response.content.decode()
    assert Municipality.objects.get(pk=municipality.pk).council_report_woo == WooStatus.PUBLIC

    response = client.post(
        url("council_report"),
        {
            "woo": "1",
            "council_report_woo": "niet_openbaar",
            "council_report_woo_ground": WooGround.BUSINESS,
        },
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert (municipality.council_report_woo, municipality.council_report_woo_ground) == (
        WooStatus.NOT_PUBLIC,
        WooGround.BUSINESS,
    )
    assert AuditEntry.objects.filter(
        action="update", object_type="municipality", municipality=municipality
    ).exists()
    assert not Report.objects.exists()  # choosing the status makes no report

    text = _pdf_text(make_report(municipality, django_capture_on_commit_callbacks))
    assert "Niet openbaar (Woo): Vertrouwelijk verstrekte bedrijfsgegevens" in text
    page = client.get(url("council_report")).content.decode()
    assert "Deze rapportage is niet openbaar onder de Woo" in page

    # Back to public: the ground goes with it.
    client.post(url("council_report"), {"woo": "1", "council_report_woo": "openbaar"})
    municipality.refresh_from_db()
    assert (municipality.council_report_woo, municipality.council_report_woo_ground) == (
        "openbaar",
        "",
    )


@pytest.mark.django_db
def test_a_council_member_cannot_change_the_woo_status(client, story, council_member):
    client.force_login(council_member)
    response = client.post(
        url("council_report"),
        {"woo": "1", "council_report_woo": "niet_openbaar", "council_report_woo_ground": "5.2"},
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_public_and_a_kept_back_report_are_different_files(municipality, story):
    public = council_report.report_content(municipality)
    municipality.council_report_woo = WooStatus.NOT_PUBLIC
    municipality.council_report_woo_ground = WooGround.PRIVACY
    kept_back = council_report.report_content(municipality)
    assert public["woo"] != kept_back["woo"]
    assert kept_back["woo"]["ground"].startswith("Eerbiediging van de persoonlijke levenssfeer")
