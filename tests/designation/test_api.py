"""The open data holds the adopted warmteprogramma and the designation track, without names."""

import datetime

from django.urls import reverse

from designation.models import HeatProgramme, StepKind, Verdict
from designation.safeguards import assessments_for
from roadmap.models import Roadmap


def test_the_api_lists_adopted_programmes_only(client, programme, track):
    HeatProgramme.objects.create(municipality=programme.municipality, number=2, title="Concept")
    data = client.get(reverse("dashboard:api_heat_programmes", args=["testdal"])).json()
    assert [p["version"] for p in data] == [1]
    assert data[0]["refresh_due"] == "2031-06-01"
    entry = data[0]["neighbourhoods"][0]
    assert entry["neighbourhood"] == "bloemenwijk"
    assert entry["designation_intended"] is True
    assert entry["preferred_solution_label"] == "Warmtenet (lage temperatuur)"


def test_the_api_shows_the_track_with_roles_never_names(client, lead, track, neighbourhood):
    step = track.steps.get(kind=StepKind.OBJECTIONS)
    step.status, step.date, step.objection_count = "afgerond", datetime.date(2027, 2, 1), 9
    step.save()
    a = assessments_for(Roadmap.objects.get(neighbourhood=neighbourhood))[0]
    a.verdict, a.judged_by, a.judged_role = Verdict.MET, lead, "Projectleider"
    a.save()
    response = client.get(
        reverse("dashboard:api_designation_track", args=["testdal", "bloemenwijk"])
    )
    data = response.json()
    steps = {s["step"]: s for s in data["steps"]}
    assert steps["zienswijzen"]["objection_count"] == 9
    assert steps["raadsbesluit"]["body"] == "raad"
    assert data["safeguards"][0]["judged_role"] == "Projectleider"
    assert lead.username not in response.content.decode()


def test_a_neighbourhood_without_a_track_is_404(client, neighbourhood):
    url = reverse("dashboard:api_designation_track", args=["testdal", "bloemenwijk"])
    assert client.get(url).status_code == 404


def test_the_schema_names_the_new_operations(client, municipality):
    schema = client.get(reverse("dashboard:api_schema"), HTTP_ACCEPT="application/json").content
    assert b"heat_programmes_list" in schema
    assert b"designation_track_retrieve" in schema
