"""The public wijk page and a public plan page (anonymous, and for its signed-in
initiator) ask the same number of queries when plans, vouchers and spends grow
tenfold (issue #11). The page cache is off here (config/settings_test.py): these
are the queries of a page that is rendered."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.test import Client
from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.tests.query_counts import page_queries
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import on_day
from wijkvoucher.payments.tests.test_query_counts import spent_plan
from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.tests.helpers import EUR, approved_provider, funded

pytestmark = pytest.mark.django_db


@dataclass
class World:
    wijk: Neighbourhood
    provider: Provider
    cashier: User
    plan: Initiative


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def _spent_plan(wijk: Neighbourhood, provider: Provider, cashier: User) -> Initiative:
    plan, _spends = spent_plan(wijk, provider, cashier)
    return plan


@pytest.fixture
def world() -> World:
    wijk = neighbourhood_ready()
    funded(wijk, ceiling_cents=100_000 * EUR)
    provider, cashier = approved_provider(wijk)
    plan = _spent_plan(wijk, provider, cashier)
    return World(wijk=wijk, provider=provider, cashier=cashier, plan=plan)


def _pages(world: World) -> dict[str, int]:
    wijk_url = reverse("transparency:neighbourhood", kwargs={"slug": world.wijk.slug})
    plan_url = reverse(
        "transparency:plan",
        kwargs={"slug": world.wijk.slug, "initiative_uuid": world.plan.uuid},
    )
    initiator = Client()
    initiator.force_login(world.plan.initiator)
    return {
        "wijk": page_queries(Client(), wijk_url),
        "plans": page_queries(Client(), f"{wijk_url}initiatieven/"),
        "plan": page_queries(Client(), plan_url),
        "plan, signed in as its initiator": page_queries(initiator, plan_url),
    }


def test_public_pages_do_not_grow_with_plans_vouchers_and_spends(
    world: World,
) -> None:
    # given
    before = _pages(world)
    # when
    for _ in range(9):
        _spent_plan(world.wijk, world.provider, world.cashier)
    # then
    assert _pages(world) == before
