"""PDF reports: content, the restricted fetcher (no files, no network), reuse, access, failure and
retry, the sweep and idempotency. Tasks run eagerly here; tests/roadmap/test_report_worker.py
runs a real worker."""

from __future__ import annotations

import datetime
import hashlib
import io
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from dialogue import report as session_report
from dialogue import svg_charts as dialogue_charts
from dialogue.models import DialogueSession, Participant, Score
from reports import pdf as rendering
from reports import tasks
from reports.models import Report
from roadmap import report as roadmap_report
from roadmap import svg_charts
from roadmap.models import (
    Ambition,
    CoreValue,
    Milestone,
    Roadmap,
    RoadmapVersion,
    snapshot_checksum,
)
from tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory
from wup.models import Role

HOSTILE = (
    '<link rel="attachment" href="file:///etc/hostname">'
    '<img src="http://example.com/x.png"><img src="file:///etc/passwd">'
)

SNAPSHOT = {
    "format": 1,
    "summary": "De Bloemenwijk gaat samen over op een warmtenet. " + HOSTILE,
    "roles": [
        {
            "phase": "uitvoering",
            "phase_label": "Uitvoering",
            "role": "regisseur",
            "role_label": "Regisseur",
            "reasoning": "Veel partijen moeten samenwerken.",
        }
    ],
    "ambitions": [
        {
            "id": 1,
            "party_name": "Woonstichting Testdal",
            "text": "Alle 400 huurwoningen aangesloten",
            "target_value": "400.00",
            "target_unit": "woningen",
            "target_year": 2031,
        }
    ],
    "core_values": [
        {
            "id": 1,
            "name": "Betaalbaarheid voorop",
            "why": "Bewoners vroegen om woonlasten die niet stijgen.",
            "outcomes": [
                {
                    "id": 1,
                    "kind": "kader",
                    "kind_label": "Kader",
                    "text": "Niemand gaat er in woonlasten op achteruit.",
                    "session_id": 1,
                    "session_title": "Avond in De Linde",
                    "session_date": "2026-03-12",
                }
            ],
        }
    ],
    "milestones": [
        {
            "id": 9001,
            "title": "Warmtebron gekozen",
            "description": "",
            "owner_name": "Woonstichting Testdal",
            "baseline_date": "2027-03-01",
            "depends_on": [],
        },
        {
            "id": 9002,
            "title": "Eerste straat aangesloten",
            "description": "De Tulpstraat eerst.",
            "owner_name": "Warmtebedrijf Oost",
            "baseline_date": "2028-06-01",
            "depends_on": [9001],
        },
    ],
    "agreements": [
        {
            "id": 1,
            "title": "Intentieovereenkomst warmtenet",
            "description": "",
            "type": "intentieovereenkomst",
            "status": "vastgesteld",
            "woo_category": "convenanten",
            "signed_on": "2026-04-01",
            "parties": ["Gemeente Testdal", "Woonstichting Testdal"],
        }
    ],
    "safeguards": [
        {"kind": "betaalbaarheid", "status": "geborgd", "evidence": "Woonlastengarantie."}
    ],
}


@pytest.fixture(autouse=True)
def _eager_tasks(settings, tmp_path):
    """Tasks run in the test (REDIS_URL would send them to a worker), files go to tmp_path."""
    from wup.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REPORT_QUEUE = ""
    had_change = "task_always_eager" in app.conf.changes
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    if had_change:
        app.conf.task_always_eager = previous
    else:
        app.conf.changes.pop("task_always_eager", None)


@pytest.fixture
def renders(monkeypatch):
    """Count real renders."""
    calls = []
    original = rendering.render

    def counting(report):
        calls.append(report.pk)
        return original(report)

    monkeypatch.setattr(rendering, "render", counting)
    return calls


@pytest.fixture
def report_roadmap(neighbourhood, party):
    roadmap = Roadmap.objects.create(
        neighbourhood=neighbourhood, summary="Het concept van de Bloemenwijk. " + HOSTILE
    )
    roadmap.ensure_safeguards()
    Ambition.objects.create(roadmap=roadmap, party=party, text="Alle huurwoningen aangesloten")
    CoreValue.objects.create(roadmap=roadmap, name="Samen beslissen", why="Zo vroegen bewoners.")
    Milestone.objects.create(
        roadmap=roadmap,
        owner=party,
        title="Conceptmijlpaal",
        baseline_date=datetime.date(2027, 1, 1),
        forecast_date=datetime.date(2027, 5, 1),
    )
    return roadmap


@pytest.fixture
def version(report_roadmap, party):
    # Live progress of a milestone that the snapshot names: reported between versions.
    live = Milestone.objects.create(
        roadmap=report_roadmap,
        owner=party,
        title="Warmtebron gekozen",
        baseline_date=datetime.date(2027, 3, 1),
        achieved_date=datetime.date(2027, 2, 15),
        status="behaald",
    )
    snapshot = {**SNAPSHOT, "milestones": [{**SNAPSHOT["milestones"][0], "id": live.pk}]}
    snapshot["milestones"].append({**SNAPSHOT["milestones"][1], "depends_on": [live.pk]})
    return RoadmapVersion.objects.create(
        roadmap=report_roadmap,
        number=1,
        adopted_by="raad",
        decision_date=datetime.date(2026, 5, 12),
        decision_reference="RB-2026-042",
        snapshot=snapshot,
        checksum=snapshot_checksum(snapshot),
    )


@pytest.fixture
def session(neighbourhood):
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title="Avond in De Linde",
        proposition="Een warmtenet op lage temperatuur voor de hele wijk.",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        location="Buurthuis De Linde",
        can_influence="De volgorde van de straten.",
        cannot_influence="Het jaar 2035.",
        status=DialogueSession.Status.CLOSED,
    )
    session.add_default_prompts()
    for i in range(6):
        participant = Participant.objects.create(
            session=session, token=Participant.new_token(), group="huurder"
        )
        for prompt in session.prompts.all():
            Score.objects.create(participant=participant, prompt=prompt, value=2 + i % 3)
    return session


def request(
    django_capture_on_commit_callbacks,
    *,
    kind: str,
    version: RoadmapVersion | None = None,
    neighbourhood=None,
    session: DialogueSession | None = None,
    user=None,
) -> Report:
    """Request a report the way the views do, running the worker's task on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        if kind == session_report.KIND:
            report = session_report.request_session_report(session, user=user)
        elif version is not None:
            report = roadmap_report.request_version_report(version, user=user)
        else:
            report = roadmap_report.request_draft_report(neighbourhood, user=user)
    report.refresh_from_db()
    return report


def pdf_of(report: Report) -> bytes:
    with report.file.open("rb") as f:
        return f.read()


def text_of(pdf: bytes) -> str:
    """Return the PDF's text with all whitespace (table cells wrap) as single spaces."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() or "" for page in pages).split())


# --- Content ---------------------------------------------------------------------------------


def test_version_report_holds_the_roadmap(django_capture_on_commit_callbacks, version, lead):
    report = request(
        django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version, user=lead
    )
    assert report.status == Report.Status.DONE, report.error
    pdf = pdf_of(report)
    assert report.checksum == hashlib.sha256(pdf).hexdigest()
    assert report.attempts == 1
    text = text_of(pdf)
    for expected in [
        "Gemeente Testdal",
        "Routekaart Bloemenwijk, versie 1",
        "De Bloemenwijk gaat samen over op een warmtenet.",
        "Regisseur",
        "Alle 400 huurwoningen aangesloten",
        "400 woningen in 2031",
        "Betaalbaarheid voorop",
        "Niemand gaat er in woonlasten op achteruit.",
        "Avond in De Linde",
        "Warmtebron gekozen",
        "Eerste straat aangesloten",
        "Intentieovereenkomst warmtenet",
        "Woonlastengarantie.",
        "RB-2026-042",
        "Behaald",  # live progress of a milestone the version names
        "pagina 2 van",
        "Inhoud",
    ]:
        assert expected in text, expected
    # The draft's own milestone is not part of version 1.
    assert "Conceptmijlpaal" not in text
    reader = PdfReader(io.BytesIO(pdf))
    title = reader.metadata.title
    assert title == "Routekaart Bloemenwijk, versie 1 – Gemeente Testdal"
    assert lead.username not in str(reader.metadata) and lead.email not in str(reader.metadata)
    assert len(reader.pages) >= 4
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged (PDF/UA-1)
    assert root["/Lang"] == "nl"


def test_draft_report_shows_the_draft_and_says_so(django_capture_on_commit_callbacks, version):
    report = request(
        django_capture_on_commit_callbacks,
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
    )
    assert report.status == Report.Status.DONE, report.error
    assert report.subject_id is None
    text = text_of(pdf_of(report))
    assert "Concept: nog niet vastgesteld" in text
    assert "Conceptmijlpaal" in text and "Samen beslissen" in text
    assert "RB-2026-042" in text  # the version history


def test_session_report_holds_the_scores(django_capture_on_commit_callbacks, session):
    report = request(django_capture_on_commit_callbacks, kind=session_report.KIND, session=session)
    assert report.status == Report.Status.DONE, report.error
    text = text_of(pdf_of(report))
    for expected in [
        "Avond in De Linde",
        "Een warmtenet op lage temperatuur",
        "Legitimiteit",
        "Betrokkenheid",
        "Rendement",
        "Scores van 6 deelnemers",
        "Huurder",  # a group of six may be shown
        "Nog niet gepubliceerd",
    ]:
        assert expected in text, expected


def test_svg_charts_are_described_and_labelled():
    rows = [
        svg_charts.TimelineRow("Warmtebron gekozen", datetime.date(2027, 3, 1)),
        svg_charts.TimelineRow(
            "Straat <1> & co", datetime.date(2027, 6, 1), forecast=datetime.date(2028, 1, 1)
        ),
        svg_charts.TimelineRow(
            "Klaar", datetime.date(2028, 6, 1), achieved=datetime.date(2028, 5, 1)
        ),
    ]
    svg = svg_charts.milestone_timeline(rows)
    assert '<title id="tl-title">' in svg and '<desc id="tl-desc">' in svg
    assert "3 tussendoelen" in svg and "1 is later dan gepland" in svg and "1 is behaald" in svg
    assert "Straat &lt;1&gt; &amp; co" in svg and "<1>" not in svg
    assert ">2027<" in svg and ">2028<" in svg
    bars = dialogue_charts.side_means_bars([("Legitimiteit", 3.25), ("Rendement", None)])
    assert "<title" in bars and "<desc" in bars and "geen scores" in bars and "Legitimiteit" in bars


# --- No files, no network (E1) -----------------------------------------------------------------


def test_hostile_text_embeds_nothing(django_capture_on_commit_callbacks, version):
    report = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    pdf = pdf_of(report)
    assert b"/EmbeddedFile" not in pdf
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    assert '<link rel="attachment" href="file:///' in text_of(pdf)  # shown as text, escaped


def test_a_report_fetches_nothing_but_its_data_urls(version, monkeypatch):
    fetchers = []

    class Spy(rendering.ReportURLFetcher):
        def __init__(self):
            super().__init__()
            fetchers.append(self)

    monkeypatch.setattr(rendering, "ReportURLFetcher", Spy)
    report = Report(
        kind=roadmap_report.KIND, neighbourhood=version.roadmap.neighbourhood, subject_id=version.pk
    )
    rendering.render(report)
    [fetcher] = fetchers
    assert fetcher.refused == []
    assert fetcher.served and set(fetcher.served) == {"data:"}  # the timeline chart


def test_fetcher_refuses_files_and_network_even_in_raw_html():
    fetcher = rendering.ReportURLFetcher()
    pdf = rendering.html_to_pdf(f"<html lang='nl'><title>x</title><p>Hoi</p>{HOSTILE}", fetcher)
    assert b"/EmbeddedFile" not in pdf
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    assert "file:///etc/hostname" in fetcher.refused
    assert "http://example.com/x.png" in fetcher.refused
    assert "file:///etc/passwd" in fetcher.refused
    assert fetcher.served == []


def test_default_fetcher_would_embed_the_file():
    """The control: without our fetcher, WeasyPrint attaches the local file."""
    from weasyprint import HTML

    pdf = HTML(string='<link rel="attachment" href="file:///etc/hostname"><p>x</p>').write_pdf()
    assert b"/EmbeddedFile" in pdf
    assert PdfReader(io.BytesIO(pdf)).attachments == {
        "hostname": [Path("/etc/hostname").read_bytes()]
    }


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "FILE:///etc/hostname",
        "http://example.com/x.png",
        "https://example.com/x.png",
        "http://127.0.0.1:8000/static/css/wijkwaarde.css",
        "https://wijkwaarde.invalid/media/logos/x.png",
        "https://wijkwaarde.invalid/static/../../etc/hostname",
        "https://wijkwaarde.invalid/static/%2e%2e/%2e%2e/etc/hostname",
        "https://wijkwaarde.invalid/static/nonexistent.css",
        "ftp://example.com/x",
    ],
)
def test_fetcher_refuses(url):
    fetcher = rendering.ReportURLFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_data_and_our_static_files():
    fetcher = rendering.ReportURLFetcher()
    response = fetcher.fetch("data:text/plain;base64,SGFsbG8=")
    assert response.read() == b"Hallo"
    css = fetcher.fetch("https://wijkwaarde.invalid/static/css/wijkwaarde.css")
    assert css.content_type == "text/css" and len(css.read()) > 100


# --- Reuse -------------------------------------------------------------------------------------


def test_identical_source_reuses_the_file(django_capture_on_commit_callbacks, version, renders):
    first = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    second = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    assert second.pk == first.pk
    assert renders == [first.pk]
    assert Report.objects.count() == 1


def test_changed_progress_makes_a_new_report(django_capture_on_commit_callbacks, version, renders):
    first = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    milestone = Milestone.objects.get(title="Warmtebron gekozen")
    milestone.forecast_date = datetime.date(2027, 9, 1)
    milestone.save()
    second = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    assert second.pk != first.pk and len(renders) == 2


def test_a_lost_file_is_rendered_again(django_capture_on_commit_callbacks, version, renders):
    first = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    first.file.storage.delete(first.file.name)
    second = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    assert second.pk != first.pk and second.status == Report.Status.DONE


# --- Views and access --------------------------------------------------------------------------


@pytest.fixture
def limited_lead(municipality):
    other = NeighbourhoodFactory(municipality=municipality, name="Elders", slug="elders-wijk")
    user = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.add(other)
    return user


def _status_codes(client, report, users) -> dict:
    codes = {}
    for name, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        codes[name] = (
            client.get(reverse("roadmap:report", args=[report.pk])).status_code,
            client.get(reverse("roadmap:report_download", args=[report.pk])).status_code,
        )
    return codes


@pytest.fixture
def users(outsider, council_member, partner, limited_lead, lead):
    return {
        "anonymous": None,
        "outsider": outsider,
        "partner": partner,
        "council_member": council_member,
        "limited_lead": limited_lead,
        "lead": lead,
    }


def test_version_report_is_public(client, django_capture_on_commit_callbacks, version, users):
    report = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    assert set(_status_codes(client, report, users).values()) == {(200, 200)}
    client.logout()
    response = client.get(reverse("roadmap:report_download", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "routekaart-bloemenwijk-versie-1.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_draft_report_is_for_members_only(
    client, django_capture_on_commit_callbacks, version, users
):
    report = request(
        django_capture_on_commit_callbacks,
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
    )
    codes = _status_codes(client, report, users)
    assert codes == {
        "anonymous": (404, 404),
        "outsider": (404, 404),
        "partner": (200, 200),
        "council_member": (200, 200),
        "limited_lead": (404, 404),
        "lead": (200, 200),
    }
    client.force_login(users["lead"])
    response = client.get(reverse("roadmap:report_download", args=[report.pk]))
    assert response["Cache-Control"] == "private, no-store"


def test_session_report_is_public_once_published(
    client, django_capture_on_commit_callbacks, session, users
):
    report = request(django_capture_on_commit_callbacks, kind=session_report.KIND, session=session)
    assert _status_codes(client, report, users)["anonymous"] == (404, 404)
    session.publish()
    assert set(_status_codes(client, report, users).values()) == {(200, 200)}


def test_staff_request_endpoints(client, django_capture_on_commit_callbacks, version, lead):
    url = reverse("roadmap:request_report", args=["testdal", "bloemenwijk"])
    assert client.post(url).status_code == 302  # to the login page
    assert Report.objects.count() == 0
    client.force_login(lead)
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    report = Report.objects.get()
    assert response.url == reverse("roadmap:report", args=[report.pk])
    assert report.subject_id == version.pk and report.status == Report.Status.DONE
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"bron": "concept"})
    assert Report.objects.filter(subject_id__isnull=True, kind="routekaart").count() == 1


def test_staff_session_request(client, django_capture_on_commit_callbacks, session, lead, outsider):
    url = reverse("roadmap:request_session_report", args=["testdal", session.pk])
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert Report.objects.get().subject_id == session.pk


def test_public_request_needs_an_adopted_version(
    client, django_capture_on_commit_callbacks, report_roadmap
):
    url = reverse("roadmap:request_public_report", args=["testdal", "bloemenwijk"])
    assert client.post(url).status_code == 404  # only a draft: nothing public to report
    assert client.get(url).status_code == 405
    RoadmapVersion.objects.create(
        roadmap=report_roadmap,
        number=1,
        adopted_by="college",
        decision_date=datetime.date(2026, 5, 12),
        decision_reference="CB-1",
        snapshot=SNAPSHOT,
        checksum=snapshot_checksum(SNAPSHOT),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    report = Report.objects.get()
    assert response.status_code == 302 and roadmap_report.version_of(report).number == 1
    assert report.requested_by is None


def test_status_page_polls_until_done(client, version):
    report = Report.objects.create(
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
        subject_id=version.pk,
        source_hash="x",
    )
    url = reverse("roadmap:report", args=[report.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page and "<html" in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment
    assert "wachtrij" in fragment
    tasks.render_report.apply((report.pk,))
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment
    assert reverse("roadmap:report_download", args=[report.pk]) in fragment


# --- Failure, retry, idempotency, sweep (E2, F1, F3) -------------------------------------------


def test_failure_then_retry(client, django_capture_on_commit_callbacks, version, monkeypatch):
    def broken(report):
        raise ValueError("a bug")

    monkeypatch.setattr(rendering, "render", broken)
    report = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    assert report.status == Report.Status.FAILED and report.attempts == 1
    assert "a bug" not in report.error and "kon niet worden gemaakt" in report.error
    page = client.get(reverse("roadmap:report", args=[report.pk])).content.decode()
    assert "kon niet worden gemaakt" in page and "Opnieuw proberen" in page
    assert "hx-trigger" not in page
    # A failed report is not reused: a new request makes a new row.
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("roadmap:report_retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.error == ""
    assert Report.objects.count() == 1


def test_retry_of_a_done_report_does_nothing(
    client, django_capture_on_commit_callbacks, version, renders
):
    report = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("roadmap:report_retry", args=[report.pk])).status_code == 302
    assert renders == [report.pk]


def test_draft_retry_is_members_only(client, django_capture_on_commit_callbacks, version, outsider):
    report = request(
        django_capture_on_commit_callbacks,
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
    )
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED)
    assert client.post(reverse("roadmap:report_retry", args=[report.pk])).status_code == 404
    client.force_login(outsider)
    assert client.post(reverse("roadmap:report_retry", args=[report.pk])).status_code == 404
    assert Report.objects.get().status == Report.Status.FAILED


@pytest.fixture
def retries_run_eagerly():
    """Eager retries run at once, but only when the Retry exception is not propagated."""
    from wup.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.mark.usefixtures("retries_run_eagerly")
def test_transient_errors_are_retried(django_capture_on_commit_callbacks, version, monkeypatch):
    original = rendering.render
    failures = []

    def flaky(report):
        if len(failures) < 3:
            failures.append(1)
            raise OperationalError("connection lost")
        return original(report)

    monkeypatch.setattr(rendering, "render", flaky)
    report = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    assert report.status == Report.Status.DONE
    assert report.attempts == 4


@pytest.mark.usefixtures("retries_run_eagerly")
def test_transient_errors_give_up_after_five_retries(
    django_capture_on_commit_callbacks, version, monkeypatch
):
    calls = []

    def down(report):
        calls.append(1)
        raise OSError("disk gone")

    monkeypatch.setattr(rendering, "render", down)
    report = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    assert report.status == Report.Status.FAILED
    assert len(calls) == 6  # the first try and five retries
    assert "een paar keer niet" in report.error


def test_soft_time_limit_fails_with_a_message(
    django_capture_on_commit_callbacks, version, monkeypatch
):
    def slow(report):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(rendering, "render", slow)
    report = request(django_capture_on_commit_callbacks, kind=roadmap_report.KIND, version=version)
    assert report.status == Report.Status.FAILED
    assert report.error.startswith("Het maken duurde te lang")


def test_render_twice_renders_once(version, renders, settings):
    report = Report.objects.create(
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
        subject_id=version.pk,
        source_hash="x",
    )
    assert tasks.render_report.apply((report.pk,)).get() == "done"
    assert tasks.render_report.apply((report.pk,)).get() == "skipped"
    assert renders == [report.pk]
    report.refresh_from_db()
    assert report.attempts == 1
    files = list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert [f.name for f in files] == [f"routekaart-{report.pk}.pdf"]


def test_a_row_being_rendered_is_left_alone(version, renders):
    report = Report.objects.create(
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
        subject_id=version.pk,
        source_hash="x",
    )
    assert report.mark_started()
    assert tasks.render_report.apply((report.pk,)).get() == "skipped"
    assert renders == []


def test_sweep_requeues_a_stuck_row(django_capture_on_commit_callbacks, version, renders, settings):
    settings.REPORT_STUCK_AFTER = 10
    stuck = Report.objects.create(
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
        subject_id=version.pk,
        source_hash="x",
    )
    assert stuck.mark_started()  # a worker claimed it, then died
    recent = Report.objects.create(
        kind=session_report.KIND, neighbourhood=version.roadmap.neighbourhood, source_hash="y"
    )
    Report.objects.filter(pk=recent.pk).update(
        status=Report.Status.RENDERING, started_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    Report.objects.filter(pk=stuck.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.sweep_stuck_reports()
    assert result == {"requeued": [stuck.pk], "resent": [], "failed": []}
    stuck.refresh_from_db()
    assert stuck.status == Report.Status.DONE and stuck.attempts == 2
    assert renders == [stuck.pk]
    assert Report.objects.get(pk=recent.pk).status == Report.Status.RENDERING


def test_sweep_resends_old_queued_rows_and_gives_up_on_poison(
    django_capture_on_commit_callbacks, version, renders, settings
):
    settings.REPORT_STUCK_AFTER = datetime.timedelta(minutes=10)
    old = timezone.now() - datetime.timedelta(minutes=30)
    lost = Report.objects.create(
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
        subject_id=version.pk,
        source_hash="x",
    )
    poison = Report.objects.create(
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
        subject_id=version.pk,
        source_hash="z",
    )
    Report.objects.filter(pk=lost.pk).update(created_at=old)
    Report.objects.filter(pk=poison.pk).update(
        status=Report.Status.RENDERING, started_at=old, attempts=tasks.max_attempts()
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.sweep_stuck_reports()
    assert result == {"requeued": [], "resent": [lost.pk], "failed": [poison.pk]}
    assert Report.objects.get(pk=lost.pk).status == Report.Status.DONE
    poison.refresh_from_db()
    assert poison.status == Report.Status.FAILED and "afgebroken" in poison.error
    assert renders == [lost.pk]


def test_empty_sources_still_make_a_report(django_capture_on_commit_callbacks, neighbourhood):
    """A neighbourhood without a roadmap, a session without scores: a short, honest report."""
    draft = request(
        django_capture_on_commit_callbacks, kind=roadmap_report.KIND, neighbourhood=neighbourhood
    )
    assert draft.status == Report.Status.DONE, draft.error
    text = text_of(pdf_of(draft))
    assert "Er zijn nog geen tussendoelen." in text and "nog niet vastgesteld" in text
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title="Nog niemand",
        proposition="Iets",
        starts_at=timezone.now(),
        can_influence="a",
        cannot_influence="b",
    )
    empty = request(django_capture_on_commit_callbacks, kind=session_report.KIND, session=session)
    assert empty.status == Report.Status.DONE, empty.error
    assert "Er zijn nog geen scores." in text_of(pdf_of(empty))


def test_a_row_left_by_a_dead_worker_is_reclaimed_by_a_redelivery(version, renders, settings):
    """A redelivered message (visibility timeout) takes over a row that has been "bezig" for
    longer than the hard time limit: no worker can still be rendering it."""
    report = Report.objects.create(
        kind=roadmap_report.KIND,
        neighbourhood=version.roadmap.neighbourhood,
        subject_id=version.pk,
        source_hash="x",
    )
    assert report.mark_started()
    Report.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 31)
    )
    assert tasks.render_report.apply((report.pk,)).get() == "done"
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.attempts == 2
    assert renders == [report.pk]
