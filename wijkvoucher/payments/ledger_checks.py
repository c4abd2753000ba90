"""The money invariants of docs/adr/0009 that need the payments app's rows (I6, I10),
found by ``wijkvoucher.ledger.verify`` through this module's ``CHECKS`` and so run by
``manage.py ledger_verify`` and ``ledger_problems()``. The vouchers app checks I5
and I7 in its own ``ledger_checks``; I6 and I10 take its voucher-side parts.

Each check compares the domain rows (refunds, payout batches, claims, vouchers) with
the ledger entries they claim to be, using aggregate queries merged in Python."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import cast

from django.db.models import F, Q, Sum

from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Entry, LedgerTransaction
from wijkvoucher.ledger.verify import DEFAULT_LIMIT, Check, Problem, capped
from wijkvoucher.payments.constants import PayoutStatus
from wijkvoucher.payments.models import Claim, PayoutBatch, PayoutLine
from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.ledger_checks import (
    K,
    _legs_by_kind,
    _refund_sum_problems,
    _voucher_problems,
)
from wijkvoucher.vouchers.models import Redemption, Refund


def _payable_problems() -> Iterator[str]:
    legs = _legs_by_kind(AccountKind.PROVIDER_PAYABLE)
    redeemed = dict(
        Redemption.objects.order_by()
        .values("provider_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("provider_id", "total")
    )
    refunded = dict(
        Refund.objects.order_by()
        .values("redemption__provider_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("redemption__provider_id", "total")
    )
    providers = (
        Provider.objects.filter(
            Q(payable_account__isnull=False) | Q(redemptions__isnull=False)
        )
        .distinct()
        .order_by("pk")
        .values_list(
            "pk", "name", "payable_account_id", "payable_account__balance_cents"
        )
    )
    for pk, name, account_id, balance in providers:
        account = cast("int | None", account_id)  # null until its first redemption
        owed = int(redeemed.get(pk) or 0) - int(refunded.get(pk) or 0)
        if account is None:
            yield f"provider {name}: has redemptions but no payable account"
            continue
        sums = legs.get(account, Counter())
        if sums[K.VOUCHER_REDEEM] != int(redeemed.get(pk) or 0):
            yield (
                f"provider {name}: redemptions add up to {redeemed.get(pk) or 0} "
                f"cents, its payable received {sums[K.VOUCHER_REDEEM]} cents"
            )
        if -sums[K.VOUCHER_REFUND] != int(refunded.get(pk) or 0):
            yield (
                f"provider {name}: refunds add up to {refunded.get(pk) or 0} cents, "
                f"its payable gave back {-sums[K.VOUCHER_REFUND]} cents"
            )
        paid = -sum(
            amount
            for kind, amount in sums.items()
            if kind in TransactionKind.values
            and kind not in (K.VOUCHER_REDEEM, K.VOUCHER_REFUND)
        )
        if paid > owed:
            yield (
                f"provider {name}: {paid} cents paid out, more than the {owed} cents "
                "redeemed minus refunded"
            )
        if int(balance) != owed - paid:
            yield (
                f"provider {name}: payable balance {balance} cents, but redeemed "
                f"minus refunded minus paid out is {owed - paid} cents"
            )


def _payout_lines() -> dict[int, Counter[int]]:
    """Per batch: what each of its lines should take out of its account."""
    lines: dict[int, Counter[int]] = defaultdict(Counter)
    for batch, account, amount in (
        PayoutLine.objects.order_by()
        .values_list("batch_id", "account_id", "amount_cents")
        .iterator()
    ):
        lines[batch][account] -= int(amount)
    return lines


def _payout_entries(
    transactions: list[int],
) -> tuple[dict[int, str], dict[int, Counter[int]], dict[int, int]]:
    """Per payout transaction: its kind, its entries outside the clearing account,
    and what went into the clearing account."""
    kinds = dict(
        LedgerTransaction.objects.filter(pk__in=transactions).values_list("pk", "kind")
    )
    entries: dict[int, Counter[int]] = defaultdict(Counter)
    clearing: dict[int, int] = defaultdict(int)
    for transaction, account, kind, amount in Entry.objects.filter(
        transaction_id__in=transactions
    ).values_list("transaction_id", "account_id", "account__kind", "amount_cents"):
        if kind == AccountKind.PAYOUT_CLEARING:
            clearing[transaction] += int(amount)
        else:
            entries[transaction][account] += int(amount)
    return kinds, entries, clearing


def _payout_batch_problems() -> Iterator[str]:
    batches = list(
        PayoutBatch.objects.order_by("pk").values_list(
            "pk", "reference", "status", "total_cents", "transaction_id"
        )
    )
    lines = _payout_lines()
    kinds, entries, clearing = _payout_entries(
        [t for *_rest, t in batches if t is not None]
    )
    for batch, reference, status, total, transaction in batches:
        wanted = lines.get(batch, Counter())
        if -sum(wanted.values()) != total:
            yield (
                f"payout batch {reference}: total {total} cents, its lines add up "
                f"to {-sum(wanted.values())} cents"
            )
        if status != PayoutStatus.PAID or transaction is None:
            if (status == PayoutStatus.PAID) != (transaction is not None):
                yield (
                    f"payout batch {reference} is {status} but "
                    f"{'has no' if transaction is None else 'has a'} ledger transaction"
                )
            continue
        if kinds.get(transaction) != K.PAYOUT:
            yield f"payout batch {reference}: its transaction is not a payout"
        if entries.get(transaction, Counter()) != wanted or (
            clearing.get(transaction, 0) != total
        ):
            yield (
                f"payout batch {reference}: its transaction does not take exactly its "
                "lines' amounts from their accounts into the clearing account"
            )


def refund_and_payout_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I6: a redemption's refunds add up to its ``refunded_cents`` and at most its
    amount; a provider is paid out at most what was redeemed minus refunded; a paid
    payout batch's transaction moves exactly its lines."""

    def messages() -> Iterator[str]:
        yield from _refund_sum_problems()
        yield from _payable_problems()
        yield from _payout_batch_problems()

    return capped("I6", messages(), limit)


def _claim_problems() -> Iterator[str]:
    """A claim's approval takes exactly its amount out of the plan's vouchers."""
    orphans = (
        LedgerTransaction.objects.filter(kind=K.CLAIM_APPROVE, claim__isnull=True)
        .order_by("pk")
        .values_list("uuid", flat=True)
    )
    for uuid in orphans.iterator():
        yield f"{K.CLAIM_APPROVE} transaction {uuid} has no claim"
    claims = (
        Claim.objects.filter(transaction__isnull=False)
        .order_by()
        .annotate(
            taken=Sum(
                "transaction__entries__amount_cents",
                filter=Q(transaction__entries__account__kind=AccountKind.VOUCHER),
                default=0,
            )
        )
        .exclude(taken=-F("amount_cents"))
        .order_by("pk")
        .values_list("uuid", "amount_cents", "taken")
    )
    for uuid, amount, taken in claims.iterator():
        yield (
            f"claim {uuid} of {amount} cents: its transaction takes {-taken} cents "
            "from vouchers"
        )


def conservation_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I10: per voucher and in total, issued − redeemed + refunded − claims −
    returned − replaced = the balance, and each voucher's status fits its balance."""

    def messages() -> Iterator[str]:
        yield from _voucher_problems()
        yield from _claim_problems()

    return capped("I10", messages(), limit)


CHECKS: tuple[Check, ...] = (
    Check(
        "I6",
        "refunds at most the redemption; payouts at most the payable",
        refund_and_payout_problems,
    ),
    Check(
        "I10",
        "conservation: issued − redeemed + refunded − claims − returned = balances",
        conservation_problems,
    ),
)
