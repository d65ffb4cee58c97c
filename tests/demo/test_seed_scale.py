"""seed_scale builds N × M synthetic data, once, and leaves real data alone."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.factories import MunicipalityFactory, NeighbourhoodFactory
from wup.models import CbsArea, Membership, Municipality, Neighbourhood, Party, Role

pytestmark = pytest.mark.django_db


def seed(**kwargs) -> str:
    out = StringIO()
    call_command("seed_scale", stdout=out, **kwargs)
    return out.getvalue()


def counts() -> dict[str, int]:
    scale = Municipality.objects.filter(slug__startswith="scale-")
    return {
        "municipalities": scale.count(),
        "neighbourhoods": Neighbourhood.objects.filter(municipality__in=scale).count(),
        "areas": CbsArea.objects.filter(municipality__in=scale).count(),
        "parties": Party.objects.filter(municipality__in=scale).count(),
        "memberships": Membership.objects.filter(municipality__in=scale).count(),
        "users": get_user_model().objects.filter(username__startswith="scale-").count(),
    }


EXPECTED = {
    "municipalities": 2,
    "neighbourhoods": 10,
    "areas": 10,
    "parties": 10,
    "memberships": 4,
    "users": 4,
}


def test_builds_proportional_data():
    output = seed(municipalities=2, neighbourhoods=5)
    assert "Built 2 municipalities, 10 neighbourhoods" in output
    assert counts() == EXPECTED

    first = Municipality.objects.get(slug="scale-1")
    hood = Neighbourhood.objects.for_page().get(municipality=first, slug="wijk-001")
    figures = hood.key_figures()
    assert figures.homes and figures.homes >= 300
    assert figures.reference_year == 2024
    assert hood.parties.count() >= 2  # the municipality and the grid operator work everywhere
    roles = set(Membership.objects.filter(municipality=first).values_list("role", flat=True))
    assert roles == {Role.PROJECT_LEAD, Role.COUNCIL_MEMBER}
    lead = get_user_model().objects.get(username="scale-1-projectleider")
    assert not lead.has_usable_password()


def test_second_run_with_same_shape_does_nothing():
    seed(municipalities=2, neighbourhoods=5)
    ids = set(Neighbourhood.objects.values_list("pk", flat=True))
    output = seed(municipalities=2, neighbourhoods=5)
    assert "nothing to do" in output
    assert counts() == EXPECTED
    assert set(Neighbourhood.objects.values_list("pk", flat=True)) == ids


def test_other_shape_is_refused_without_replace():
    seed(municipalities=2, neighbourhoods=5)
    with pytest.raises(CommandError, match="--replace"):
        seed(municipalities=3, neighbourhoods=5)
    assert counts() == EXPECTED


def test_replace_rebuilds_without_duplicates_and_keeps_real_data():
    real = MunicipalityFactory(slug="testdal", cbs_code="GM0999")
    NeighbourhoodFactory(municipality=real, slug="bloemenwijk")
    seed(municipalities=2, neighbourhoods=5)
    old_ids = set(
        Neighbourhood.objects.filter(municipality__slug="scale-1").values_list("pk", flat=True)
    )

    seed(municipalities=2, neighbourhoods=5, replace=True)
    assert counts() == EXPECTED
    new_ids = set(
        Neighbourhood.objects.filter(municipality__slug="scale-1").values_list("pk", flat=True)
    )
    assert old_ids.isdisjoint(new_ids)

    seed(municipalities=1, neighbourhoods=3, replace=True)
    assert counts()["municipalities"] == 1
    assert counts()["neighbourhoods"] == 3
    assert counts()["users"] == 2
    assert Neighbourhood.objects.filter(municipality=real).count() == 1


def test_rejects_nonsense_sizes():
    with pytest.raises(CommandError):
        seed(municipalities=0, neighbourhoods=5)
