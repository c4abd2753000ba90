"""Concurrent posts never overdraw (docs/quality.md#concurrency-and-model-based-tests). On PostgreSQL the row locks
serialise the posts; on SQLite the IMMEDIATE transactions do (select_for_update is a
no-op there), so the same counts hold on both back-ends."""

from __future__ import annotations

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.selectors import audit_chain_problems
from wijkvoucher.core.services import audit_seal
from wijkvoucher.core.tests.concurrency import run_together
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, LedgerTransaction
from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.ledger.services import (
    ledger_transaction_post,
    ledger_transaction_reverse,
)
from wijkvoucher.ledger.tests.helpers import funded_budget, open_account
from wijkvoucher.ledger.verify import ledger_problems

# One xdist worker runs every many-thread test, so that two of them never open more
# database connections together than PostgreSQL allows (100 by default).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("concurrency"),
]

EUR = 100


def test_thirty_concurrent_withdrawals_of_1000_from_10000_exactly_ten_succeed() -> None:
    # given
    _funding, budget = funded_budget(10_000 * EUR)
    vouchers = [
        open_account(f"voucher:{n}", kind=AccountKind.VOUCHER) for n in range(30)
    ]
    events_before = AuditEvent.objects.count()

    def withdraw(voucher: Account) -> None:
        ledger_transaction_post(
            actor=None,
            kind=TransactionKind.ADJUSTMENT,
            entries=[(budget, -1_000 * EUR), (voucher, 1_000 * EUR)],
        )

    # when
    outcomes = run_together(withdraw, vouchers)
    # then
    assert outcomes == {"ok": 10, "insufficient_balance": 20}
    assert account_balance_cents(account=budget) == 0
    assert (
        sorted(
            Account.objects.filter(kind=AccountKind.VOUCHER).values_list(
                "balance_cents", flat=True
            )
        )
        == [0] * 20 + [1_000 * EUR] * 10
    )
    assert LedgerTransaction.objects.count() == 1 + 10
    assert AuditEvent.objects.count() == events_before + 10
    assert ledger_problems() == []
    audit_seal()
    assert audit_chain_problems() == []


def test_concurrent_reversals_of_one_transaction_exactly_one_succeeds() -> None:
    # given
    _funding, budget = funded_budget(10_000 * EUR)
    original = LedgerTransaction.objects.get()

    def reverse(n: int) -> None:
        ledger_transaction_reverse(actor=None, original=original, memo=f"undo {n}")

    # when
    outcomes = run_together(reverse, list(range(10)))
    # then
    assert outcomes == {"ok": 1, "already_reversed": 9}
    assert LedgerTransaction.objects.filter(reverses=original).count() == 1
    assert account_balance_cents(account=budget) == 0
    assert ledger_problems() == []
