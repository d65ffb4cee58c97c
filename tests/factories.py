"""A few factories for the base domain; tests build what they need on top of them."""

import factory
from django.contrib.auth import get_user_model

from wup.models import CbsArea, Membership, Municipality, Neighbourhood, Party, PartyType, Role

TEST_PASSWORD = "een-lang-testwachtwoord-2026"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    cbs_code = factory.Sequence(lambda n: f"GM{1000 + n % 8000:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    summary = "Een wijk met vooral rijtjeshuizen uit de jaren zestig."
    planned_gas_free_year = 2035

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the application creates them: with the parts every new neighbourhood gets.
        return model_class.objects.create_with_parts(**kwargs)


class CbsAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CbsArea

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    municipality = factory.LazyAttribute(lambda a: a.neighbourhood.municipality)
    code = factory.Sequence(lambda n: f"BU{80000000 + n % 10000000:08d}")
    reference_year = 2024
    level = CbsArea.Level.NEIGHBOURHOOD
    name = factory.LazyAttribute(lambda a: a.neighbourhood.name)
    homes = 1200
    share_owner_occupied = 55.0
    share_corporation = 35.0
    share_other_rental = 10.0
    avg_gas_m3 = 1210.0


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Partij {n}")
    party_type = PartyType.HOUSING_CORPORATION


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.PROJECT_LEAD
