"""A neighbourhood the warmteprogramma intends to designate, with its track and roadmap."""

import datetime

import pytest

from designation.models import HeatProgramme, ProgrammeNeighbourhood
from designation.track import ensure_track
from roadmap.models import Roadmap


@pytest.fixture
def programme(municipality):
    return HeatProgramme.objects.create(
        municipality=municipality,
        number=1,
        title="Warmteprogramma Testdal 2026",
        adopted_on=datetime.date(2026, 6, 1),
        decision_reference="R-2026-14",
    )


@pytest.fixture
def track(programme, neighbourhood):
    ProgrammeNeighbourhood.objects.create(
        programme=programme,
        neighbourhood=neighbourhood,
        designation_intended=True,
        designation_year=2028,
        preferred_solution="warmtenet_lt",
    )
    Roadmap.objects.create(neighbourhood=neighbourhood).ensure_safeguards()
    return ensure_track(neighbourhood)
