"""The warmteprogramma: the statutory deadline, the five-yearly refresh, the sequence, the
written review from the second version on, and its public page."""

import datetime

from django.urls import reverse

from dashboard.models import Indicator, Measurement
from designation import programme as programmes
from designation.models import HeatProgramme, ProgrammeNeighbourhood
from designation.review import draft_review
from wup.models import AuditEntry


def test_without_an_adopted_programme_the_law_sets_the_end_of_2026(municipality):
    d = programmes.deadline(municipality, today=datetime.date(2026, 3, 1))
    assert (d.due, d.overdue, d.first) == (datetime.date(2026, 12, 31), False, True)
    late = programmes.deadline(municipality, today=datetime.date(2027, 1, 1))
    assert late.overdue
    assert (
        late.message
        == "Het eerste warmteprogramma had vastgesteld moeten zijn op 31 december 2026."
    )


def test_the_refresh_is_due_five_years_after_adoption_and_warned_when_overdue(programme):
    d = programmes.deadline(programme.municipality, today=datetime.date(2031, 6, 2))
    assert (d.due, d.overdue, d.first) == (datetime.date(2031, 6, 1), True, False)
    assert "te laat" in d.message


def test_a_lead_creates_a_version_and_the_sequence_carries_over(
    client, lead, programme, neighbourhood
):
    ProgrammeNeighbourhood.objects.create(
        programme=programme,
        neighbourhood=neighbourhood,
        designation_intended=True,
        designation_year=2028,
    )
    client.force_login(lead)
    response = client.post(
        reverse("designation:programme_create", args=["testdal"]),
        {
            "title": "Warmteprogramma 2031",
            "summary": "",
            "adopted_on": "",
            "decision_reference": "",
            "decision_url": "",
        },
    )
    second = HeatProgramme.objects.get(number=2)
    assert response.url == reverse("designation:programme", args=["testdal", 2])
    entry = second.entries.get()
    assert (entry.neighbourhood, entry.designation_year) == (neighbourhood, 2028)
    assert AuditEntry.objects.filter(object_type="heatprogramme", action="create").exists()


def test_the_second_programme_is_adopted_only_with_its_review(client, lead, programme):
    second = HeatProgramme.objects.create(
        municipality=programme.municipality, number=2, title="Tweede"
    )
    client.force_login(lead)
    url = reverse("designation:programme", args=["testdal", 2])
    data = {
        "title": "Tweede",
        "summary": "",
        "adopted_on": "2031-05-01",
        "decision_reference": "R-2031-3",
        "decision_url": "",
        "review": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        "Vanaf het tweede warmteprogramma is een terugblik verplicht." in response.content.decode()
    )
    second.refresh_from_db()
    assert second.adopted_on is None
    response = client.post(url, {**data, "review": "Het ging goed."})
    assert response.status_code == 302


def test_the_review_draft_holds_the_previous_sequence_and_the_monitoring_figures(
    programme, neighbourhood
):
    ProgrammeNeighbourhood.objects.create(
        preferred_solution="warmtenet_lt",
        programme=programme,
        neighbourhood=neighbourhood,
        designation_intended=True,
        designation_year=2028,
    )
    indicator = Indicator.objects.create(
        neighbourhood=neighbourhood,
        code="test_aardgasvrij",
        name="Aardgasvrije woningen",
        category="output",
        unit="aantal",
        source="gemeente",
    )
    Measurement.objects.create(
        indicator=indicator, date=datetime.date(2027, 1, 1), value=40, source="gemeente"
    )
    Measurement.objects.create(
        indicator=indicator, date=datetime.date(2030, 1, 1), value=400, source="gemeente"
    )
    second = HeatProgramme.objects.create(
        municipality=programme.municipality, number=2, title="Tweede"
    )
    text = draft_review(second, today=datetime.date(2031, 4, 1))
    assert "Terugblik op de periode van 1 juni 2026 tot 1 april 2031." in text
    assert "Bloemenwijk: Warmtenet (lage temperatuur), aanwijzen beoogd in 2028" in text
    assert f"{indicator.name}: 40 (01-01-2027) → 400 (01-01-2030)" in text


def test_the_public_page_shows_the_adopted_programme_never_a_draft(
    client, programme, neighbourhood
):
    ProgrammeNeighbourhood.objects.create(
        programme=programme,
        neighbourhood=neighbourhood,
        designation_intended=True,
        designation_year=2028,
    )
    HeatProgramme.objects.create(
        municipality=programme.municipality, number=2, title="Concept 2031"
    )
    page = client.get(reverse("designation:public_programme", args=["testdal"])).content.decode()
    assert "Warmteprogramma Testdal 2026" in page
    assert "R-2026-14" in page
    assert "Concept 2031" not in page
    assert "beoogd in 2028" in page
    municipality_page = client.get(
        reverse("residents:municipality", args=["testdal"])
    ).content.decode()
    assert reverse("designation:public_programme", args=["testdal"]) in municipality_page


def test_without_an_adopted_programme_the_public_page_says_so(client, municipality):
    HeatProgramme.objects.create(municipality=municipality, number=1, title="Concept")
    page = client.get(reverse("designation:public_programme", args=["testdal"])).content.decode()
    assert "Er is nog geen vastgesteld warmteprogramma." in page
    assert "Concept" not in page.split("<main", 1)[-1].split("Er is nog geen")[0]
