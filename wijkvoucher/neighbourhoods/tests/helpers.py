"""Test helpers others may import: signing in (with a verified second factor), officials
with a role, and wijken with a postcode range."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.test import Client

import django_otp
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.core.models import AuditEvent
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Address, Municipality, Neighbourhood
from wijkvoucher.neighbourhoods.tests.factories import (
    NeighbourhoodFactory,
    PostcodeRangeFactory,
    RoleAssignmentFactory,
)

# A fixed working day inside the factories' default periods (which start 2026-01-01).
TODAY = dt.date(2026, 6, 15)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def on_day(day: dt.date = TODAY, hour: int = 10) -> time_machine.travel:
    """``with on_day(): ...`` runs at ``hour`` o'clock in Amsterdam on ``day``."""
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)
    return time_machine.travel(moment, tick=False)


class HttpsClient(Client):
    """A browser on https, as production requires (SECURE_SSL_REDIRECT)."""

    def generic(self, *args: Any, secure: bool = True, **kwargs: Any) -> Any:
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


def sign_in(client: Client, user: User) -> None:
    client.force_login(user)


def sign_in_verified(client: Client, user: User) -> Any:
    """Sign ``user`` in as if they had also passed the TOTP step."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def addresses_snapshot() -> tuple[int, list[tuple[Any, ...]]]:
    """The number of audit events and every address's deciding fields: compare before
    and after a refusal to show that nothing changed."""
    rows = Address.objects.order_by("pk").values_list(
        "pk",
        "user_id",
        "postcode",
        "house_number",
        "neighbourhood_id",
        "valid_until",
        "residency_confirmed_at",
        "residency_confirmed_by_id",
        "birth_date_confirmed",
    )
    return AuditEvent.objects.count(), list(rows)


def neighbourhood_with_postcodes(
    *, start: str = "1000AA", end: str = "1000ZZ", **kwargs: Any
) -> Neighbourhood:
    """A wijk (designated from 2026-01-01 unless told) holding ``start``..``end``."""
    neighbourhood = NeighbourhoodFactory.create(**kwargs)
    PostcodeRangeFactory(neighbourhood=neighbourhood, start=start, end=end)
    return neighbourhood


def official(
    *,
    neighbourhood: Neighbourhood | None = None,
    municipality: Municipality | None = None,
    role: Role = Role.CONTACT_OFFICIAL,
    **user_fields: Any,
) -> User:
    """A person holding ``role`` for ``neighbourhood``, or for the whole
    ``municipality`` when no wijk is given."""
    user = UserFactory.create(**user_fields)
    if neighbourhood is not None:
        RoleAssignmentFactory(user=user, role=role, neighbourhood=neighbourhood)
    else:
        assert municipality is not None, "give a neighbourhood or a municipality"
        RoleAssignmentFactory(
            user=user, role=role, neighbourhood=None, municipality=municipality
        )
    return user
