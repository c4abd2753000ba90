"""The single way money moves: ``ledger_transaction_post``.

Integer cents only. Entries of one transaction sum to zero. Every affected account is
locked in primary-key order and updated with a conditional UPDATE, so that a balance
that may not go negative never does, even under concurrency (on SQLite the IMMEDIATE
transaction serialises writers; on PostgreSQL the row locks do). The database backs
this up: CHECK on the balance, append-only triggers, and on PostgreSQL a deferred
trigger that refuses an unbalanced transaction at commit. ``manage.py ledger_verify``
re-checks every invariant.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.pagecache import public_pages_changed
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


def _lock_accounts(account_ids: Sequence[int]) -> dict[int, Account]:
    # Lock in primary-key order (Saleor lock_objects) to avoid deadlocks.
    locked = {
        a.pk: a
        for a in Account.objects.select_for_update()
        .filter(pk__in=account_ids)
        .order_by("pk")
    }
    if len(locked) != len(set(account_ids)):
        raise ValidationError(_("Unknown ledger account."), code="unknown_account")
    return locked


def _apply_deltas(per_account: dict[int, int], locked: dict[int, Account]) -> None:
    for account_id in sorted(per_account):
        delta = per_account[account_id]
        if delta == 0:
            continue
        updated = Account.objects.filter(
            Q(allow_negative=True) | Q(balance_cents__gte=-delta), pk=account_id
        ).update(balance_cents=F("balance_cents") + delta)
        if updated != 1:
            raise InsufficientBalance(
                _("Not enough balance on %(account)s."),
                code="insufficient_balance",
                params={"account": locked[account_id].name},
            )
        # Read under the lock just before: this is now the stored balance.
        locked[account_id].balance_cents += delta


def ledger_transaction_post(
    *,
    actor: User | None,
    kind: TransactionKind,
    entries: Sequence[tuple[Account, int]],
    memo: str = "",
    reverses: LedgerTransaction | None = None,
) -> LedgerTransaction:
    """Post one balanced transaction. Raises ``InsufficientBalance`` (code
    ``insufficient_balance``) and changes nothing if any account would go below zero;
    raises ``ValidationError`` for malformed entries. With ``reverses``, the entries
    must be exactly the negated entries of that transaction. Afterwards the accounts
    given in ``entries`` hold their balance after the posting (no need to read it
    again)."""
    per_account = _validate_entries(entries)
    with transaction.atomic():
        if reverses is not None:
            _validate_reversal(reverses, entries)
        locked = _lock_accounts(list(per_account))
        _apply_deltas(per_account, locked)
        for account, _amount in entries:
            account.balance_cents = locked[account.pk].balance_cents
        posted = LedgerTransaction.objects.create(
            kind=kind,
            memo=memo[:300],
            actor=actor if actor and actor.pk else None,
            reverses=reverses,
        )
        Entry.objects.bulk_create(
            [
                Entry(transaction=posted, account_id=account.pk, amount_cents=amount)
                for account, amount in entries
            ]
        )
        public_pages_changed()
        audit_record(
            actor=actor,
            action="ledger.transaction_post",
            subject=posted,
            data={
                "kind": str(kind),
                "memo": memo[:300],
                "entries": [[locked[a.pk].code, amount] for a, amount in entries],
                "reverses": str(reverses.uuid) if reverses else None,
            },
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
