"""Shared roadmap fixtures: the persona neighbourhood's roadmap and a milestone maker."""

import datetime
import itertools

import pytest

from roadmap.models import Milestone, Roadmap


@pytest.fixture
def roadmap(neighbourhood):
    """The roadmap of the persona neighbourhood "bloemenwijk", with its six safeguards."""
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood)
    roadmap.ensure_safeguards()
    return roadmap


@pytest.fixture
def milestone_factory(roadmap, party):
    """Return a function that makes a milestone of `roadmap`, owned by the persona party.

    Keyword arguments override the defaults; `depends_on` takes a list of milestones.
    """
    numbers = itertools.count(1)

    def make(**kwargs) -> Milestone:
        n = next(numbers)
        depends_on = kwargs.pop("depends_on", [])
        defaults = {
            "roadmap": roadmap,
            "owner": party,
            "title": f"Tussendoel {n}",
            "baseline_date": datetime.date(2027, 1, 1) + datetime.timedelta(days=30 * n),
        }
        milestone = Milestone.objects.create(**{**defaults, **kwargs})
        if depends_on:
            milestone.depends_on.set(depends_on)
        return milestone

    return make
