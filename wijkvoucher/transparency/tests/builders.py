"""Test set-up for the public pages: state reached through the services."""

from __future__ import annotations

from wijkvoucher.accounts.models import User
from wijkvoucher.accounts.tests.factories import UserFactory
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.services import ledger_account_open, ledger_transaction_post
from wijkvoucher.neighbourhoods.models import BudgetPeriod, Neighbourhood
from wijkvoucher.neighbourhoods.services.budgets import budget_period_publish
from wijkvoucher.neighbourhoods.tests.factories import BudgetPeriodFactory

COORDINATOR_EMAIL = "coordinator@dijkstad.example.nl"


def coordinator() -> User:
    """The official who configures budgets and the regeling (one per test)."""
    existing = User.objects.filter(email=COORDINATOR_EMAIL).first()
    return existing or UserFactory.create(email=COORDINATOR_EMAIL)


def published_period(
    *, neighbourhood: Neighbourhood, ceiling_cents: int, awarded_cents: int = 0
) -> BudgetPeriod:
    """The 2026 budget period, published, of which ``awarded_cents`` has gone to
    initiatives."""
    period = BudgetPeriodFactory.create(
        neighbourhood=neighbourhood, ceiling_cents=ceiling_cents
    )
    period = budget_period_publish(actor=coordinator(), budget_period=period)
    if awarded_cents:
        award(period=period, cents=awarded_cents)
    period.refresh_from_db()
    return period


def award(*, period: BudgetPeriod, cents: int) -> None:
    """Money leaves the budget for an initiative's voucher (a stand-in for the award
    service, which does not exist yet)."""
    assert period.account is not None
    voucher = ledger_account_open(
        actor=None,
        code=f"voucher:test:{period.uuid}:{Account.objects.count()}",
        kind=AccountKind.VOUCHER,
        name="voucher",
    )
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.ADJUSTMENT,
        entries=[(period.account, -cents), (voucher, cents)],
    )
