"""Setup data for tests. Factories make valid, minimal rows; when a test needs state
produced by a workflow (a published budget period), reach it through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

import factory

from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import (
    Address,
    BudgetPeriod,
    Municipality,
    Neighbourhood,
    PostcodeRange,
    Regulation,
    RegulationVersion,
    RoleAssignment,
)


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = "Gemeente Dijkstad"
    slug = "dijkstad"
    contact_email = "wijkvoucher@dijkstad.example.nl"


class RegulationFactory(factory.django.DjangoModelFactory[Regulation]):
    class Meta:
        model = Regulation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = "Regeling wijkvouchers Dijkstad 2026"
    legal_basis = (
        "Art. 149 Gemeentewet, art. 4:23 Awb, Algemene subsidieverordening art. 2"
    )
    valid_from = dt.date(2026, 1, 1)


class RegulationVersionFactory(factory.django.DjangoModelFactory[RegulationVersion]):
    class Meta:
        model = RegulationVersion

    regulation = factory.SubFactory(RegulationFactory)
    number = factory.Sequence(lambda n: n + 1)
    valid_from = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=365))


class NeighbourhoodFactory(factory.django.DjangoModelFactory[Neighbourhood]):
    class Meta:
        model = Neighbourhood

    municipality = factory.SubFactory(MunicipalityFactory)
    regulation = factory.SubFactory(
        RegulationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    population = 8000
    designated_from = dt.date(2026, 1, 1)


class PostcodeRangeFactory(factory.django.DjangoModelFactory[PostcodeRange]):
    class Meta:
        model = PostcodeRange

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    start = factory.Sequence(lambda n: f"{1000 + n:04d}AA")
    end = factory.LazyAttribute(lambda o: o.start[:4] + "ZZ")


class BudgetPeriodFactory(factory.django.DjangoModelFactory[BudgetPeriod]):
    """An unpublished period; publish it with budget_period_publish."""

    class Meta:
        model = BudgetPeriod

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    name = "2026"
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2026, 12, 31)
    ceiling_cents = 5_000_000
    publication_date = dt.date(2025, 12, 1)


class AddressFactory(factory.django.DjangoModelFactory[Address]):
    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    postcode = "1000AB"
    house_number = factory.Sequence(lambda n: n + 1)
    street = "Dijkstraat"
    city = "Dijkstad"


class RoleAssignmentFactory(factory.django.DjangoModelFactory[RoleAssignment]):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.STEERING_MEMBER
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    municipality = factory.SelfAttribute("neighbourhood.municipality")
    valid_from = dt.date(2026, 1, 1)
