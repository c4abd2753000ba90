"""Setup helpers for ledger tests. Accounts and money reach their state through the
services, as the rest of the app would (docs/conventions.md#tests)."""

from __future__ import annotations

from dataclasses import dataclass

from wijkvoucher.core.models import AuditEvent
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction
from wijkvoucher.ledger.services import ledger_account_open, ledger_transaction_post


def open_account(
    code: str,
    *,
    kind: AccountKind = AccountKind.BUDGET,
    allow_negative: bool = False,
) -> Account:
    return ledger_account_open(
        actor=None,
        code=code,
        kind=kind,
        name=code.replace(":", " "),
        allow_negative=allow_negative,
    )


def funding_account(code: str = "funding:council") -> Account:
    return open_account(code, kind=AccountKind.FUNDING, allow_negative=True)


def funded_budget(
    cents: int, *, code: str = "budget:centrum:2026", funding: Account | None = None
) -> tuple[Account, Account]:
    """A budget account holding ``cents``, and the funding account it came from."""
    source = funding if funding is not None else funding_account()
    budget = open_account(code)
    ledger_transaction_post(
        actor=None,
        kind=TransactionKind.BUDGET_PUBLISH,
        entries=[(source, -cents), (budget, cents)],
        memo="ceiling published",
    )
    return source, budget


@dataclass(frozen=True)
class LedgerState:
    transactions: int
    entries: int
    audit_events: int
    balances: dict[str, int]


def ledger_state() -> LedgerState:
    """Everything a refused write must leave alone."""
    return LedgerState(
        transactions=LedgerTransaction.objects.count(),
        entries=Entry.objects.count(),
        audit_events=AuditEvent.objects.count(),
        balances=dict(Account.objects.values_list("code", "balance_cents")),
    )
