"""Rows for the transition-table tests of the vouchers app's machines: a wijk with
money, a plan with a voucher, a provider's redemption, and the people who act on
them; made once per test module (``shared_rows``)."""

from __future__ import annotations

# factory_boy's factories return model instances at run time; mypy sees the factory type.
# mypy: disable-error-code="assignment,arg-type,misc,return-value"
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.tests.workflow_cases import shared_rows
from wijkvoucher.decisions.tests.helpers import contact_of, funded
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import official, on_day
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption, Voucher
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    plan_with_vouchers,
)


def wijk_with_money() -> Neighbourhood:
    wijk = neighbourhood_ready()
    funded(wijk)
    return wijk


def plan_and_voucher(wijk: Neighbourhood) -> tuple[Initiative, Voucher, User]:
    """A plan in execution with one voucher of € 450, and its contact official."""
    initiative, vouchers = plan_with_vouchers(wijk, 450 * EUR)
    return initiative, vouchers[0], contact_of(initiative)


def cash_manager(wijk: Neighbourhood, name: str = "Kasbeheerder") -> User:
    return official(
        municipality=wijk.municipality, role=Role.CASH_MANAGER, full_name=name
    )


@dataclass(frozen=True)
class World:
    wijk: Neighbourhood
    initiative: Initiative
    voucher: Voucher
    official: User
    manager: User
    second_manager: User
    coordinator: User
    redemption: Redemption


@pytest.fixture(scope="module", name="world")
def world_fixture(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Import ``world_fixture`` into a test module to use ``world``."""
    with shared_rows(django_db_blocker), on_day():
        wijk = wijk_with_money()
        initiative, voucher, contact = plan_and_voucher(wijk)
        provider, user = approved_provider(wijk)
        redemption = redemption_create(
            actor=user,
            provider=provider,
            code=voucher.code,
            amount_cents=20 * EUR,
            description="Steigerhout",
            channel=Channel.PORTAL,
        )
        yield World(
            wijk=wijk,
            initiative=initiative,
            voucher=voucher,
            official=contact,
            manager=cash_manager(wijk),
            second_manager=cash_manager(wijk, "Kas twee"),
            coordinator=official(municipality=wijk.municipality, role=Role.COORDINATOR),
            redemption=redemption,
        )
