from django.core.exceptions import ValidationError

import pytest

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.core.selectors import audit_chain_problems
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Entry, LedgerTransaction
from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.ledger.services import (
    InsufficientBalance,
    ledger_account_open,
    ledger_transaction_post,
)


@pytest.mark.django_db
def test_post_moves_money_and_refuses_overdraft_without_side_effects() -> None:
    # given
    funding = ledger_account_open(
        actor=None,
        code="funding:x",
        kind=AccountKind.FUNDING,
        name="f",
        allow_negative=True,
    )
    budget = ledger_account_open(
        actor=None, code="budget:x", kind=AccountKind.BUDGET, name="b"
    )
    # when
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.BUDGET_PUBLISH,
        entries=[(funding, -1000), (budget, 1000)],
    )
    # then
    assert account_balance_cents(account=budget) == 1000
    assert account_balance_cents(account=funding) == -1000
    # and an overdraft changes nothing
    before = (
        LedgerTransaction.objects.count(),
        Entry.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(InsufficientBalance) as exc:
        ledger_transaction_post(
            actor=None,
            kind=TransactionKind.ADJUSTMENT,
            entries=[(budget, -1001), (funding, 1001)],
        )
    assert exc.value.code == "insufficient_balance"
    assert account_balance_cents(account=budget) == 1000
    assert before == (
        LedgerTransaction.objects.count(),
        Entry.objects.count(),
        AuditEvent.objects.count(),
    )
    assert audit_chain_problems() == []


@pytest.mark.django_db
def test_unbalanced_is_refused() -> None:
    a = ledger_account_open(
        actor=None, code="a", kind=AccountKind.FUNDING, name="a", allow_negative=True
    )
    b = ledger_account_open(actor=None, code="b", kind=AccountKind.BUDGET, name="b")
    with pytest.raises(ValidationError) as exc:
        ledger_transaction_post(
            actor=None, kind=TransactionKind.ADJUSTMENT, entries=[(a, -5), (b, 4)]
        )
    assert exc.value.code == "unbalanced"
