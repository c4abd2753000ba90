"""Helpers of the accountability tests."""

from __future__ import annotations

from wijkvoucher.ledger.selectors import account_balance_cents
from wijkvoucher.neighbourhoods.models import BudgetPeriod


def budget(period: BudgetPeriod) -> int:
    """What the wijk budget period's ledger account holds now."""
    period.refresh_from_db()
    assert period.account is not None
    return account_balance_cents(account=period.account)
