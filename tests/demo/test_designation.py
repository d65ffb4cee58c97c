"""Zonnedal's warmteprogramma and the Molenbuurt's designation track hang together: the end of
gas supply respects the term, the raadsbesluit is planned on its roadmap milestone, the gate is
still closed, and a second run changes nothing."""

import pytest

from demo.base import seed_base
from demo.designation import seed_designation
from demo.dialogue import seed_dialogue
from demo.roadmap import seed_roadmap
from designation.models import DesignationTrack, HeatProgramme, StepKind
from designation.track import check_term, council_decision_date, unmet_safeguards

pytestmark = pytest.mark.django_db


@pytest.fixture
def zonnedal():
    municipality = seed_base()
    seed_dialogue(municipality)
    seed_roadmap(municipality)
    seed_designation(municipality)
    return municipality


def test_zonnedal_has_an_adopted_programme_naming_every_neighbourhood(zonnedal):
    programme = HeatProgramme.objects.get(municipality=zonnedal)
    assert programme.adopted
    assert programme.entries.count() == zonnedal.neighbourhoods.count()
    intended = set(
        programme.entries.filter(designation_intended=True).values_list(
            "neighbourhood__slug", flat=True
        )
    )
    assert intended == {"molenbuurt", "rivierzicht"}


def test_the_molenbuurt_track_is_at_the_nota_after_inspection_with_objections(zonnedal):
    track = DesignationTrack.objects.get(neighbourhood__slug="molenbuurt")
    steps = {s.kind: s for s in track.steps.all()}
    inspection = steps[StepKind.INSPECTION]
    assert inspection.status == "afgerond" and inspection.end_date > inspection.date
    assert steps[StepKind.OBJECTIONS].objection_count == 23
    assert steps[StepKind.RESPONSE].status == "bezig"
    decision = steps[StepKind.COUNCIL_DECISION]
    assert decision.milestone is not None
    assert decision.milestone.baseline_date == decision.date
    assert check_term(track.gas_end_date, council_decision_date(track)).ok
    assert unmet_safeguards(track.neighbourhood) == [
        "doenvermogen",
        "participatie_rechtsbescherming",
    ]


def test_a_second_run_changes_nothing(zonnedal):
    seed_designation(zonnedal)
    assert HeatProgramme.objects.filter(municipality=zonnedal).count() == 1
