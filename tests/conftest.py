"""Persona fixtures shared by every test: one municipality with a member of each role, and an
outsider who is a member elsewhere."""

import pytest

from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    PartyFactory,
    UserFactory,
)
from wup.models import PartyType, Role


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_login_step_off(settings):
    """Most tests sign in with force_login and test what comes after; the second login step
    (wup/mfa.py) has its own tests, which switch it on (MFA_REQUIRED)."""
    settings.MFA_REQUIRED = False


@pytest.fixture(autouse=True)
def _tasks_run_in_the_test(request, settings):
    """Celery tasks run eagerly in the test process (make test sets REDIS_URL, which would
    otherwise send them to a broker nobody works for); integration tests start real workers."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    from wup.celery import app

    saved = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: live results and rate limits live there."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(cbs_code="GM9999", name="Gemeente Testdal", slug="testdal")


@pytest.fixture
def neighbourhood(municipality):
    return NeighbourhoodFactory(municipality=municipality, name="Bloemenwijk", slug="bloemenwijk")


@pytest.fixture
def party(municipality, neighbourhood):
    party = PartyFactory(
        municipality=municipality,
        name="Woonstichting Testdal",
        party_type=PartyType.HOUSING_CORPORATION,
    )
    party.neighbourhoods.add(neighbourhood)
    return party


def _member(municipality, role, username, **kwargs):
    user = UserFactory(username=username)
    MembershipFactory(user=user, municipality=municipality, role=role, **kwargs)
    return user


@pytest.fixture
def admin(municipality):
    return _member(municipality, Role.ADMIN, "beheerder")


@pytest.fixture
def lead(municipality):
    return _member(municipality, Role.PROJECT_LEAD, "projectleider")


@pytest.fixture
def council_member(municipality):
    return _member(municipality, Role.COUNCIL_MEMBER, "raadslid")


@pytest.fixture
def partner(municipality, party):
    return _member(municipality, Role.PARTNER, "partner", party=party)


@pytest.fixture
def outsider(db):
    other = MunicipalityFactory(cbs_code="GM9998", name="Gemeente Elders", slug="elders")
    return _member(other, Role.ADMIN, "buitenstaander")
