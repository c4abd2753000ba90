"""An approval racing refunds (docs/adr/0013, docs/quality.md#concurrency-and-model-based-tests): the approval locks
the line's redemptions, then the payables, the order a refund takes them in, so the
two wait for each other instead of deadlocking, and either order leaves the ledger
sound: a refund that came first makes the approval refuse (nothing booked); one that
came after is owed by the provider. On SQLite the IMMEDIATE transactions serialise
the writers; on PostgreSQL (DATABASE_URL) the row locks do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import connection
from django.utils import timezone

import pytest

from wijkvoucher.core.tests.concurrency import run_together
from wijkvoucher.initiatives.tests.factories import neighbourhood_ready
from wijkvoucher.ledger.verify import ledger_problems
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.tests.helpers import official, on_day
from wijkvoucher.payments.constants import PayoutStatus
from wijkvoucher.payments.models import PayoutBatch
from wijkvoucher.payments.services.payouts import (
    payout_batch_approve,
    payout_batch_cancel,
    payout_batch_mark_paid,
    payout_batch_prepare,
)
from wijkvoucher.vouchers.constants import Channel
from wijkvoucher.vouchers.models import Redemption
from wijkvoucher.vouchers.services.accounts import provider_owed_account
from wijkvoucher.vouchers.services.redemption import redemption_create, refund_create
from wijkvoucher.vouchers.tests.helpers import (
    EUR,
    approved_provider,
    funded,
    plan_with_vouchers,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("concurrency"),
]

ROUNDS = {"postgresql": 10, "sqlite": 3}
REFUNDS = 8


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with on_day():
        yield


def test_approval_and_refunds_at_once_never_pay_twice() -> None:
    # given a shop with eight € 10 sales per round and two cash managers
    wijk = neighbourhood_ready()
    funded(wijk)
    municipality = wijk.municipality
    municipality.payout_account_name = "Gemeente Wijkstad"
    municipality.payout_iban = "NL91ABNA0417164300"
    municipality.save()
    rounds = ROUNDS[connection.vendor]
    _plan, (voucher,) = plan_with_vouchers(
        wijk, rounds * REFUNDS * 10 * EUR, amounts_cents=[rounds * REFUNDS * 10 * EUR]
    )
    shop, cashier = approved_provider(wijk)
    first, second = (
        official(municipality=municipality, role=Role.CASH_MANAGER, full_name=n)
        for n in ("Kas Een", "Kas Twee")
    )
    owed = provider_owed_account(actor=None, provider=shop)
    for n in range(rounds):
        sales = [
            redemption_create(
                actor=cashier,
                provider=shop,
                code=voucher.code,
                amount_cents=10 * EUR,
                description=f"Hout {n}-{m}",
                channel=Channel.PORTAL,
            )
            for m in range(REFUNDS)
        ]
        batch = payout_batch_prepare(
            actor=first,
            municipality=municipality,
            execution_date=timezone.localdate() + dt.timedelta(days=1),
        )

        def act(
            step: int, batch: PayoutBatch = batch, sales: list[Redemption] = sales
        ) -> None:
            if step == REFUNDS:
                payout_batch_approve(actor=second, batch=batch)
                return
            refund_create(
                actor=cashier,
                provider=shop,
                redemption=sales[step],
                amount_cents=1 * EUR,
                channel=Channel.PORTAL,
            )

        # when the approval and eight refunds of the batch's sales start together
        outcomes = run_together(act, list(range(REFUNDS + 1)))
        # then every refund succeeds; the approval succeeds or refuses cleanly
        assert set(outcomes) <= {"ok", "payable_changed"}, outcomes
        assert outcomes["ok"] >= REFUNDS, outcomes
        batch.refresh_from_db()
        if batch.status == PayoutStatus.PREPARED:
            assert outcomes["payable_changed"] == 1
            payout_batch_cancel(actor=first, batch=batch)
        else:
            payout_batch_mark_paid(actor=first, batch=batch)
        assert ledger_problems() == [], (n, outcomes)
    owed.refresh_from_db()
    assert int(owed.balance_cents) <= 0
