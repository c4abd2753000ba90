"""A small world of people and objects for the role × URL × object access matrix."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
import datetime as dt
from dataclasses import dataclass, field

from django.test import Client

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Address, Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import (
    AddressFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    PostcodeRangeFactory,
    RoleAssignmentFactory,
)
from wijkvoucher.providers.models import Provider, ProviderMembership

# The people of the matrix. "verified" personas passed the TOTP step in this session.
PERSONAS = (
    "anonymous",
    "resident",
    "steering_member",
    "official_unverified",
    "official",
    "cash_manager",
    "coordinator",
    "provider_user",
    "council",
)


@dataclass
class World:
    wijk: Neighbourhood
    other_wijk: Neighbourhood
    users: dict[str, User] = field(default_factory=dict)
    own_address: Address | None = None
    other_address: Address | None = None
    wijk_address: Address | None = None
    other_wijk_address: Address | None = None

    def client_for(self, persona: str) -> Client:
        client = Client()
        if persona == "anonymous":
            return client
        user = self.users[persona]
        client.force_login(user)
        if persona not in ("resident", "official_unverified"):
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client


def _official(
    role: Role,
    wijk: Neighbourhood | None,
    municipality_wijk: Neighbourhood,
    **extra: object,
) -> User:
    user = UserFactory(**extra)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    RoleAssignmentFactory(
        user=user,
        role=role,
        neighbourhood=wijk,
        municipality=municipality_wijk.municipality,
        valid_from=dt.date(2020, 1, 1),
    )
    return user


def build_world() -> World:
    municipality = MunicipalityFactory()
    wijk = NeighbourhoodFactory(
        municipality=municipality, designated_from=dt.date(2020, 1, 1)
    )
    other_wijk = NeighbourhoodFactory(
        municipality=municipality,
        regulation=wijk.regulation,
        designated_from=dt.date(2020, 1, 1),
    )
    PostcodeRangeFactory(neighbourhood=wijk, start="2811AA", end="2811ZZ")
    PostcodeRangeFactory(neighbourhood=other_wijk, start="2812AA", end="2812ZZ")
    world = World(wijk=wijk, other_wijk=other_wijk)

    resident = UserFactory()
    neighbour = UserFactory()
    world.users["resident"] = resident
    world.own_address = AddressFactory(
        user=resident, postcode="2811AB", neighbourhood=wijk
    )
    world.other_address = AddressFactory(
        user=neighbour, postcode="2811AC", neighbourhood=wijk
    )
    world.wijk_address = world.other_address
    stranger = UserFactory()
    world.other_wijk_address = AddressFactory(
        user=stranger, postcode="2812AB", neighbourhood=other_wijk
    )

    world.users["steering_member"] = _official(Role.STEERING_MEMBER, wijk, wijk)
    world.users["official"] = _official(Role.CONTACT_OFFICIAL, wijk, wijk)
    unverified = UserFactory()
    TOTPDevice.objects.create(user=unverified, name="phone", confirmed=True)
    RoleAssignmentFactory(
        user=unverified,
        role=Role.CONTACT_OFFICIAL,
        neighbourhood=wijk,
        municipality=municipality,
        valid_from=dt.date(2020, 1, 1),
    )
    world.users["official_unverified"] = unverified
    world.users["cash_manager"] = _official(Role.CASH_MANAGER, None, wijk)
    world.users["coordinator"] = _official(Role.COORDINATOR, None, wijk, is_staff=True)
    world.users["council"] = _official(Role.COUNCIL, None, wijk)
    provider_user = UserFactory()
    TOTPDevice.objects.create(user=provider_user, name="phone", confirmed=True)
    provider = Provider.objects.create(municipality=municipality, name="Bouwmarkt")
    ProviderMembership.objects.create(
        provider=provider, user=provider_user, valid_from=dt.date(2020, 1, 1)
    )
    world.users["provider_user"] = provider_user
    return world
