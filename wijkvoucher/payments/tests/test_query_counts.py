"""The cash manager's lists and the budget views answer in the same number of queries
when plans, vouchers, spends, claims, disputes and payouts grow tenfold (issue #11,
docs/quality.md#load)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import reverse

import pytest

from wijkvoucher.accounts.models import User
from wijkvoucher.core.tests.query_counts import page_queries
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.tests.helpers import (
    TODAY,
    HttpsClient,
    on_day,
    sign_in_verified,
)
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_mark_paid,
    payout_batch_prepare,
)
from wijkvoucher.payments.tests.test_claims_decide import (
    cash_manager,
    claim_for,
    dispute_for,
)
from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption
from wijkvoucher.vouchers.services.redemption import redemption_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)

pytestmark = pytest.mark.django_db


@dataclass
class World:
    wijk: Neighbourhood
    provider: Provider
    cashier: User
    preparer: User
    approver: User


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


@pytest.fixture
def world() -> World:
    wijk = neighbourhood_ready()
    funded(wijk, ceiling_cents=100_000 * EUR)
    municipality = wijk.municipality
    municipality.payout_account_name = "Gemeente Dijkstad"
    municipality.payout_iban = "NL91ABNA0417164300"
    municipality.save()
    provider, cashier = approved_provider(wijk)
    return World(
        wijk=wijk,
        provider=provider,
        cashier=cashier,
        preparer=cash_manager(wijk, "Kas Een"),
        approver=cash_manager(wijk, "Kas Twee"),
    )


def spent_plan(
    wijk: Neighbourhood, provider: Provider, cashier: User
) -> tuple[Initiative, list[Redemption]]:
    """An awarded plan with two vouchers of € 100, € 10 spent from each."""
    plan, vouchers = plan_with_vouchers(
        wijk, 200 * EUR, amounts_cents=[100 * EUR, 100 * EUR]
    )
    spends = [
        redemption_create(
            actor=cashier,
            provider=provider,
            code=voucher.code,
            amount_cents=10 * EUR,
            description="Verf",
            channel=Channel.PORTAL,
        )
        for voucher in vouchers
    ]
    return plan, spends


def _grow(world: World, plans: int) -> None:
    """``plans`` more spent plans, each with an open claim and dispute; then a
    payout batch of what is owed, approved and paid."""
    for _ in range(plans):
        initiative, spends = spent_plan(world.wijk, world.provider, world.cashier)
        claim_for(initiative, 5 * EUR)
        dispute_for(spends[-1])
    batch = payout_batch_prepare(
        actor=world.preparer,
        municipality=world.wijk.municipality,
        execution_date=TODAY + dt.timedelta(days=1),
    )
    batch = payout_batch_approve(actor=world.approver, batch=batch)
    payout_batch_mark_paid(actor=world.approver, batch=batch)


PAGES = ["cash_home", "cash_budget", "cash_claims", "cash_disputes", "cash_payouts"]


def _all_queries(world: World, client: HttpsClient) -> dict[str, int]:
    counts = {}
    for name in PAGES:
        kwargs = (
            {"neighbourhood_slug": world.wijk.slug} if name == "cash_budget" else {}
        )
        counts[name] = page_queries(client, reverse(f"payments:{name}", kwargs=kwargs))
    return counts


def test_cash_pages_do_not_grow_with_the_money(world: World) -> None:
    # given
    client = HttpsClient()
    sign_in_verified(client, world.preparer)
    _grow(world, 1)
    before = _all_queries(world, client)
    # when
    _grow(world, 9)
    # then
    assert _all_queries(world, client) == before
