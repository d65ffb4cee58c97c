"""The Zonnedal demo shows the raad its next decisions, a motie, an overdue toezegging, the
target year and a public council report residents can download; seeding again changes
nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dashboard.council import report as council_report
from dashboard.council.decisions import promises, records_in_scope, upcoming_decisions
from dashboard.models import CouncilRecord, CouncilRecordKind, MunicipalityTarget
from demo.council import seed_council
from dialogue import reach
from reports.models import Report
from wup.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_demo_raad_sees_decisions_promises_and_a_public_report(client):
    call_command("seed_demo", stdout=io.StringIO())
    zonnedal = Municipality.objects.get(slug="zonnedal")
    today = timezone.localdate()
    coming = upcoming_decisions(zonnedal, today=today)
    assert any(d.is_council for d in coming)
    assert "Krediet versterking hoofdleiding warmtenet De Akkers" in [d.title for d in coming]
    assert any(d.source == "Tussendoel" for d in coming)
    assert CouncilRecord.objects.filter(municipality=zonnedal, kind=CouncilRecordKind.MOTION)
    open_ones = promises(records_in_scope(zonnedal), today=today)
    assert [p.title for p in open_ones if p.overdue] == [
        "Raad informeren over de tarieven van het warmtenet De Akkers"
    ]
    assert MunicipalityTarget.objects.get(municipality=zonnedal).target_year == 2040
    # Some people came to two sessions: they count once.
    counted = reach.reach_by_neighbourhood(zonnedal.neighbourhoods.values_list("pk", flat=True))
    assert any(r.people < r.attendances for r in counted.values())

    public = Report.objects.get(
        municipality=zonnedal,
        kind=council_report.REPORT_KIND,
        subject_id=council_report.PUBLIC_SUBJECT,
        status=Report.Status.DONE,
    )
    link = reverse("dashboard:council_report_public", args=["zonnedal", public.pk])
    assert link in client.get(reverse("residents:municipality", args=["zonnedal"])).content.decode()
    assert client.get(link).status_code == 200

    before = CouncilRecord.objects.count()
    seed_council(zonnedal)
    assert CouncilRecord.objects.count() == before
