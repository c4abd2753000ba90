"""The single way money moves: ``ledger_transaction_post``.

Integer cents only. Entries of one transaction sum to zero. Every affected account is
locked in primary-key order and checked under the lock before one UPDATE moves the
money, so that a balance that may not go negative never does, even under concurrency
(on SQLite the IMMEDIATE transaction serialises writers; on PostgreSQL the row locks
do). The database backs
this up: CHECK on the balance, append-only triggers, and on PostgreSQL a deferred
trigger that refuses an unbalanced transaction at commit. ``manage.py ledger_verify``
re-checks every invariant.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core import sql
from wijkvoucher.core.db import transaction_join
from wijkvoucher.core.pagecache import WijkLike, public_pages_changed
from wijkvoucher.core.services import audit_record
from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User

# €100 billion: far above any real amount, far below where 64-bit sums could overflow.
MAX_ENTRY_CENTS = 10**13


class InsufficientBalance(ValidationError):
    """Posting would take an account below zero."""


def ledger_account_open(
    *,
    actor: User | None,
    code: str,
    kind: AccountKind,
    name: str,
    allow_negative: bool = False,
) -> Account:
    with transaction.atomic():
        if Account.objects.filter(code=code).exists():
            raise ValidationError(
                _("A ledger account with code %(code)s already exists."),
                code="duplicate_account",
                params={"code": code},
            )
        account = Account.objects.create(
            code=code, kind=kind, name=name, allow_negative=allow_negative
        )
        audit_record(
            actor=actor,
            action="ledger.account_open",
            subject=account,
            data={"code": code, "kind": str(kind), "allow_negative": allow_negative},
        )
    return account


def _validate_amount(amount: object) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise ValidationError(_("Amounts are whole cents."), code="amount_not_integer")
    if amount == 0:
        raise ValidationError(_("An entry cannot be zero."), code="zero_entry")
    if abs(amount) > MAX_ENTRY_CENTS:
        raise ValidationError(_("An amount is too large."), code="amount_too_large")


def _validate_entries(entries: Sequence[tuple[Account, int]]) -> dict[int, int]:
    """The net change per account id; refuses anything that is not a balanced set of
    at least two whole-cent, non-zero entries on saved accounts."""
    if len(entries) < 2:
        raise ValidationError(
            _("A ledger transaction needs at least two entries."),
            code="too_few_entries",
        )
    per_account: dict[int, int] = defaultdict(int)
    for account, amount in entries:
        _validate_amount(amount)
        if account.pk is None:
            raise ValidationError(_("Unknown ledger account."), code="unknown_account")
        per_account[account.pk] += amount
    if sum(amount for _account, amount in entries) != 0:
        raise ValidationError(
            _("The entries of a transaction must add up to zero."), code="unbalanced"
        )
    return per_account


def _validate_reversal(
    original: LedgerTransaction, entries: Sequence[tuple[Account, int]]
) -> None:
    if LedgerTransaction.objects.filter(reverses=original).exists():
        raise ValidationError(
            _("This transaction has already been reversed."), code="already_reversed"
        )
    expected = Counter(
        (account_id, -amount)
        for account_id, amount in original.entries.values_list(
            "account_id", "amount_cents"
        )
    )
    given = Counter((account.pk, amount) for account, amount in entries)
    if given != expected:
        raise ValidationError(
            _("A reversal must negate every entry of the original transaction."),
            code="reversal_mismatch",
        )


_LOCKED = sql.Loader(
    Account, "a", only=("code", "name", "kind", "allow_negative", "balance_cents")
)


def _lock_accounts(account_ids: Sequence[int]) -> dict[int, Account]:
    """Lock the accounts in primary-key order (Saleor lock_objects) to avoid
    deadlocks. On PostgreSQL the rows are locked in the sorted order and read as last
    committed; on SQLite the IMMEDIATE transaction already holds the write lock. Plain
    SQL: the posting runs on every spend (wijkvoucher/core/sql.py)."""
    ids = sorted(set(account_ids))
    rows = sql.fetch_all(
        f"SELECT {_LOCKED.columns} FROM {sql.table(Account)} a "  # noqa: S608 (names from _meta; values are parameters)
        f"WHERE a.id IN ({sql.placeholders(len(ids))}) ORDER BY a.id{sql.for_update()}",
        ids,
    )
    if len(rows) != len(ids):
        raise ValidationError(_("Unknown ledger account."), code="unknown_account")
    accounts = [_LOCKED.take(row, 0)[0] for row in rows]
    return {account.pk: account for account in accounts}


def _check_balances(per_account: dict[int, int], locked: dict[int, Account]) -> None:
    """Refuse before any write when an account would go below zero: the balances were
    read under the lock, so they are the stored ones until this transaction ends."""
    for account_id in sorted(per_account):
        account = locked[account_id]
        delta = per_account[account_id]
        if not account.allow_negative and account.balance_cents + delta < 0:
            raise InsufficientBalance(
                _("Not enough balance on %(account)s."),
                code="insufficient_balance",
                params={"account": account.name},
            )


def _apply_deltas(per_account: dict[int, int], locked: dict[int, Account]) -> None:
    """One UPDATE for every account that changes. The CHECK constraint on the
    balance backs up ``_check_balances`` (docs/money.md, I4)."""
    moving = sorted((pk, delta) for pk, delta in per_account.items() if delta != 0)
    if not moving:
        return
    cases = " ".join("WHEN %s THEN %s" for _move in moving)
    # The rows are locked, so all of them change (checked: a DatabaseError if not).
    sql.update(
        f"UPDATE {sql.table(Account)} SET balance_cents = balance_cents + "  # noqa: S608 (names from _meta; values are parameters)
        f"CASE id {cases} END WHERE id IN ({sql.placeholders(len(moving))})",
        [value for move in moving for value in move] + [pk for pk, _delta in moving],
        rows=len(moving),
    )
    for account_id, delta in moving:
        locked[account_id].balance_cents += delta


def ledger_transaction_post(
    *,
    actor: User | None,
    kind: TransactionKind,
    entries: Sequence[tuple[Account, int]],
    memo: str = "",
    reverses: LedgerTransaction | None = None,
    shown_in: WijkLike | None = None,
    audit_into: dict[str, Any] | None = None,
) -> LedgerTransaction:
    """Post one balanced transaction. Raises ``InsufficientBalance`` (code
    ``insufficient_balance``) and changes nothing if any account would go below zero;
    raises ``ValidationError`` for malformed entries. With ``reverses``, the entries
    must be exactly the negated entries of that transaction. Afterwards the accounts
    given in ``entries`` hold their balance after the posting (no need to read it
    again).

    It joins the caller's transaction without a savepoint (``transaction_join``):
    every refusal comes before the first write, so a caller may catch one and go on.
    Statements: lock the accounts, one UPDATE of the balances, the transaction row,
    its entries, and the audit event (joined to the caller's ``audit_batch``).

    ``shown_in``: the one wijk whose public pages show this movement, when the caller
    knows it (a spend or refund of a voucher); otherwise every wijk's kept pages are
    renewed (docs/caching.md).

    ``audit_into``: a caller that records its own audit event for the same step (a
    spend, a refund) passes a dict; the posting's facts go into it under ``ledger``
    for the caller's event, instead of into an event of their own. One step, one
    event (docs/money.md#the-write-path)."""
    per_account = _validate_entries(entries)
    with transaction_join():
        if reverses is not None:
            _validate_reversal(reverses, entries)
        locked = _lock_accounts(list(per_account))
        _check_balances(per_account, locked)
        _apply_deltas(per_account, locked)
        for account, _amount in entries:
            account.balance_cents = locked[account.pk].balance_cents
        posted = LedgerTransaction(
            kind=kind,
            memo=memo[:300],
            actor=actor if actor and actor.pk else None,
            reverses=reverses,
        )
        sql.insert([posted])
        sql.insert(
            [
                Entry(transaction=posted, account_id=account.pk, amount_cents=amount)
                for account, amount in entries
            ]
        )
        public_pages_changed(neighbourhood=shown_in)
        facts = {
            "kind": str(kind),
            "memo": memo[:300],
            "entries": [[locked[a.pk].code, amount] for a, amount in entries],
            "reverses": str(reverses.uuid) if reverses else None,
        }
        if audit_into is not None:
            audit_into["ledger"] = {"transaction": str(posted.uuid), **facts}
        else:
            audit_record(
                actor=actor,
                action="ledger.transaction_post",
                subject=posted,
                data=facts,
            )
    return posted


@transaction.atomic
def ledger_transaction_reverse(
    *, actor: User | None, original: LedgerTransaction, memo: str
) -> LedgerTransaction:
    """Correct a mistake the only allowed way: a new transaction with every entry
    negated. The original is locked first, so two concurrent reversals cannot both
    pass the already-reversed check in the posting service (the one-to-one
    ``reverses`` column backs this up)."""
    original = LedgerTransaction.objects.select_for_update().get(pk=original.pk)
    entries = [
        (e.account, -e.amount_cents)
        for e in original.entries.select_related("account").order_by("pk")
    ]
    return ledger_transaction_post(
        actor=actor,
        kind=TransactionKind.REVERSAL,
        entries=entries,
        memo=memo,
        reverses=original,
    )
