"""The demo's Molenbuurt: activities of every kind with what was done with them, and a published
participatieverslag that names every session, answered question and activity."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from dialogue.models import DialogueSession
from participation.models import Activity, ActivityKind, Input, OutcomeLink, Response, Verslag
from reports import pdf
from reports.models import Report
from reports.tasks import render_report
from wup.models import Municipality, Question


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            yield Municipality.objects.get(slug="zonnedal")
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def molenbuurt(seeded, db):
    return seeded.neighbourhoods.get(slug="molenbuurt")


def test_the_molenbuurt_has_activities_of_several_kinds_and_every_kind_of_response(molenbuurt):
    kinds = set(Activity.objects.filter(neighbourhood=molenbuurt).values_list("kind", flat=True))
    assert kinds == set(ActivityKind.values) - {ActivityKind.OTHER}
    responses = set(
        Input.objects.filter(activity__neighbourhood=molenbuurt).values_list("response", flat=True)
    )
    assert responses == set(Response.values)
    for item in Input.objects.filter(activity__neighbourhood=molenbuurt):
        if item.response in {"kernwaarde", "mijlpaal", "afspraak", "indicator"}:
            assert item.target is not None, item.text  # every demo link found its object
    assert OutcomeLink.objects.filter(outcome__session__neighbourhood=molenbuurt).count() == 5


def test_the_published_verslag_names_every_session_question_and_activity(client, molenbuurt):
    assert Verslag.objects.get(neighbourhood=molenbuurt).is_published
    page = client.get(reverse("participation:public", args=["zonnedal", "molenbuurt"]))
    assert page.status_code == 200
    report = Report.objects.get(kind="participatie", neighbourhood=molenbuurt)
    render_report(report.pk)  # seed_demo queued it on commit; the test's transaction never commits
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    html = pdf.render_html(report)
    names = (
        list(Activity.objects.filter(neighbourhood=molenbuurt).values_list("title", flat=True))
        + list(
            DialogueSession.objects.filter(
                neighbourhood=molenbuurt, status__in=["gesloten", "gepubliceerd"]
            ).values_list("title", flat=True)
        )
        + list(
            Question.objects.filter(
                neighbourhood=molenbuurt, answered_at__isnull=False, published=True
            ).values_list("public_text", flat=True)
        )
    )
    assert len(names) >= 12
    private = Question.objects.filter(
        neighbourhood=molenbuurt, answered_at__isnull=False, published=False
    )
    for text in (page.text, html):
        for name in names:
            assert name.replace("'", "&#x27;") in text, name
        assert f"Nog {private.count()} vra" in text
        for question in private:
            assert question.text[:30] not in text  # the asker's own wording stays private
