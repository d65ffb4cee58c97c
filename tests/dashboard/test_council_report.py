"""The council's progress report: a PDF per municipality on the reports app's machinery, what it
holds, who may request and read it, reuse of a finished file, and its query count."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from dashboard.council import report as council_report
from reports import kinds, service, tasks
from reports import pdf as rendering
from reports.models import Report
from tests.dashboard import test_council as council_tests
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from wup.models import Role


@pytest.fixture(autouse=True)
def _registered():
    """What dashboard/apps.py ready() does (register_report)."""
    council_report.register_report()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# The story of tests/dashboard/test_council.py (three neighbourhoods); use it here too.
story = council_tests.story
populate = council_tests.populate


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=["testdal", *args])


def _pdf_text(report: Report) -> str:
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    with report.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def requested(client, story, council_member, django_capture_on_commit_callbacks):
    """A council member asks for the report; the worker (eager here) renders it."""
    client.force_login(council_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("council_report"))
    report = Report.objects.get(kind=council_report.REPORT_KIND)
    assert response.status_code == 302
    assert response["Location"] == url("council_report_status", report.pk)
    return report


def test_the_pdf_holds_every_neighbourhood_and_its_status(requested, story):
    text = _pdf_text(requested)
    assert "Voortgang warmtetransitie Gemeente Testdal" in text
    assert "Van de 3 wijken liggen er 1 op route, 0 achter en 1 ver achter." in text
    for name, status in [
        ("Bloemenwijk", "Ver achter"),
        ("Vogelwijk", "Op route"),
        ("Zonnewijk", "Geen gegevens"),
    ]:
        assert f"{name} Verkennen {status}" in text
    # Deviations, slipping milestones, developments, steering and the raad's next decisions.
    assert "Bloemenwijk: Ver achter" in text
    assert "Woningen aardgasvrij (aantal) Ver achter" in text
    assert "Eerste woningen aangesloten" in text
    assert "+90" in text
    assert "Netcongestie bij het onderstation" in text
    assert "Extra subsidieloket voor eigenaren" in text
    assert "Volgende besluiten voor de raad" in text
    # Participation: numbers, no names.
    assert "1 van 2 beantwoord, 100% op tijd, mediaan 1 dag; 1 open en te laat" in text
    assert "Geheime Naam" not in text
    assert "bewoner@example.org" not in text


def test_the_pdf_shows_figures_dates_and_forecasts_as_a_council_member_reads_them(
    story, municipality, django_capture_on_commit_callbacks
):
    today = story["today"]
    council_tests.add_routes_that_speed_up(story)
    content = council_report.report_content(municipality, today=today)
    bloemen = next(n for n in content["neighbourhoods"] if n["slug"] == "bloemenwijk")
    (gas_free,) = bloemen["deviations"]
    # Planned on the day of the latest measurement: 600 × 700 / 2190 homes, a whole number.
    assert (gas_free["planned"], gas_free["measured"]) == ("192", "80")
    assert gas_free["outlook"] == "late"
    # Only the one a little behind within the margin; the route that speeds up later is on plan.
    assert [(r["indicator"], r["outlook"]) for r in content["late_on_route"]] == [
        ("Aansluitingen oost", "late"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        report = service.request_report(council_report.REPORT_KIND, municipality=municipality)
    text = _pdf_text(report)
    measured_on = date_format(today - datetime.timedelta(days=30), "j F Y")
    assert f"Woningen aardgasvrij (aantal) Ver achter 192 80 ({measured_on})" in text
    assert "Op route, maar met de achterstand van nu later klaar" in text
    assert "opgeschoven met de achterstand of voorsprong die de laatste meting laat zien" in text
    assert re.search(r"Aansluitingen oost \(aantal\) 200 \(.+?\) .+ \(later dan gepland\)", text)
    assert "later dan 2050" not in text
    assert not re.search(r"\b2[1-9]\d\d\b", text)  # no forecast like 2103
    assert not re.search(r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec) \d{4}", text)


def test_the_pdf_has_its_charts_and_fetches_nothing_else(story, municipality, monkeypatch):
    report = Report.objects.create(
        kind=council_report.REPORT_KIND, municipality=municipality, source_hash="x"
    )
    html = rendering.render_html(report)
    # The bar chart, the status map and the timeline of slipping milestones, as data: URLs.
    assert html.count('src="data:image/svg+xml;base64,') == 3
    fetcher = rendering.ReportURLFetcher()
    pdf = rendering.html_to_pdf(html, fetcher)
    assert pdf.startswith(b"%PDF")
    assert fetcher.refused == []


def test_a_municipality_without_neighbourhoods_still_gets_a_report(
    municipality, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = service.request_report(council_report.REPORT_KIND, municipality=municipality)
    text = _pdf_text(report)
    assert "Er zijn nog geen wijken." in text
    assert kinds.download_name(report) == (
        f"voortgang-testdal-{timezone.localdate(report.created_at):%Y-%m-%d}.pdf"
    )


def test_an_unchanged_municipality_reuses_the_report_and_a_change_makes_a_new_one(
    requested, client, story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("council_report"))
    assert Report.objects.filter(kind=council_report.REPORT_KIND).count() == 1
    story["first_homes"].forecast_date = story["today"] + datetime.timedelta(days=400)
    story["first_homes"].save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("council_report"))
    assert Report.objects.filter(kind=council_report.REPORT_KIND).count() == 2


def test_the_status_page_follows_the_report_and_offers_the_download(
    client, story, council_member, municipality
):
    report = Report.objects.create(
        kind=council_report.REPORT_KIND, municipality=municipality, source_hash="x"
    )
    client.force_login(council_member)
    page = client.get(url("council_report_status", report.pk)).content.decode()
    assert "In de wachtrij" in page
    assert f'hx-get="{url("council_report_status", report.pk)}"' in page
    assert tasks.render_report(report.pk) == "done"
    fragment = client.get(url("council_report_status", report.pk), HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "<html" not in body
    assert "Uw rapport is klaar." in body
    assert "hx-get" not in body  # done: no more polling
    assert fragment["Cache-Control"] == "private, no-store"
    download = client.get(url("council_report_download", report.pk))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="voortgang-testdal-')
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_failed_report_can_be_requested_again(client, story, council_member, municipality):
    report = Report.objects.create(
        kind=council_report.REPORT_KIND,
        municipality=municipality,
        source_hash="x",
        status=Report.Status.FAILED,
        error=tasks.FAILED,
    )
    client.force_login(council_member)
    page = client.get(url("council_report_status", report.pk)).content.decode()
    assert "Het rapport is niet gelukt." in page
    assert f'action="{url("council_report")}"' in page


def test_the_report_page_lists_the_latest_reports(client, story, council_member, municipality):
    done = Report.objects.create(
        kind=council_report.REPORT_KIND, municipality=municipality, source_hash="x", status="klaar"
    )
    client.force_login(council_member)
    page = client.get(url("council_report")).content.decode()
    assert url("council_report_status", done.pk) in page
    assert "Klaar" in page


# --- Who may request and read it ------------------------------------------------------------


@pytest.fixture
def done_report(municipality):
    report = Report.objects.create(
        kind=council_report.REPORT_KIND, municipality=municipality, source_hash="x", status="klaar"
    )
    report.file.save("raad.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return report


@pytest.fixture
def limited_member(municipality, neighbourhood):
    user = UserFactory(username="raadslid-beperkt")
    membership = MembershipFactory(
        user=user,
        municipality=municipality,
        role=Role.COUNCIL_MEMBER,
        limited_to_neighbourhoods=True,
    )
    membership.neighbourhoods.add(neighbourhood)
    return user


@pytest.mark.parametrize(
    ("persona", "read", "request_"),
    [
        ("council_member", 200, 302),
        ("lead", 200, 302),
        ("admin", 200, 302),
        ("partner", 403, 403),
        ("limited_member", 403, 403),  # the report covers neighbourhoods it does not reach
        ("outsider", 404, 404),
    ],
)
def test_who_may_request_and_read_the_report(
    client, request, municipality, done_report, persona, read, request_
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("council_report")).status_code == read
    assert client.get(url("council_report_status", done_report.pk)).status_code == read
    assert client.get(url("council_report_download", done_report.pk)).status_code == read
    assert client.post(url("council_report")).status_code == request_


def test_anonymous_users_go_to_the_login_page(client, done_report):
    for name, args in [
        ("council_report", []),
        ("council_report_status", [done_report.pk]),
        ("council_report_download", [done_report.pk]),
    ]:
        response = client.get(url(name, *args))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_another_municipalitys_report_is_not_found(client, council_member):
    elsewhere = MunicipalityFactory(slug="ergens")
    report = Report.objects.create(
        kind=council_report.REPORT_KIND, municipality=elsewhere, source_hash="x", status="klaar"
    )
    client.force_login(council_member)
    assert client.get(url("council_report_status", report.pk)).status_code == 404
    assert client.get(url("council_report_download", report.pk)).status_code == 404


def test_a_council_report_is_never_public(client, done_report, council_member):
    assert kinds.is_public(done_report) is False
    # Not through roadmap's public report pages either, not even for members.
    client.force_login(council_member)
    assert client.get(reverse("roadmap:report", args=[done_report.pk])).status_code == 404
    assert client.get(reverse("roadmap:report_download", args=[done_report.pk])).status_code == 404


def test_registering_guards_another_apps_kind():
    with pytest.raises(ValueError):
        kinds.register_kind(
            "routekaart",
            label="Routekaart",
            template="x.html",
            source=dict,
            context=dict,
            title=str,
            download_name=str,
        )


def test_a_worker_without_the_registration_fails_the_report_cleanly(municipality, monkeypatch):
    report = Report.objects.create(
        kind=council_report.REPORT_KIND, municipality=municipality, source_hash="x"
    )
    monkeypatch.delitem(kinds.REGISTERED_KINDS, council_report.REPORT_KIND)
    assert tasks.render_report(report.pk) == "failed"
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED


# --- Query count ------------------------------------------------------------------------------


def _content_queries(municipality) -> int:
    with CaptureQueriesContext(connection) as queries:
        council_report.report_content(municipality)
    return len(queries)


def test_report_content_query_count_does_not_grow_with_the_neighbourhoods(municipality, party):
    today = timezone.localdate()
    populate(municipality, 5, today=today)
    council_report.report_content(municipality)  # fills the dialogue results cache, if any
    few = _content_queries(municipality)
    populate(municipality, 45, today=today)
    assert _content_queries(municipality) == few
