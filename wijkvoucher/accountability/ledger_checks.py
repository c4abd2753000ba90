"""The money invariants of settlement and recovery (docs/money.md, I12 and I13), found
by ``wijkvoucher.ledger.verify`` through ``CHECKS`` and so run by ``manage.py
ledger_verify`` and ``ledger_problems()``. Aggregate queries merged in Python."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Sum

from wijkvoucher.accountability.constants import RecoveryStatus
from wijkvoucher.accountability.models import (
    Recovery,
    RecoveryPayment,
    RecoveryWaiver,
    Settlement,
)
from wijkvoucher.decisions.models import Decision
from wijkvoucher.ledger.constants import AccountKind
from wijkvoucher.ledger.constants import TransactionKind as K
from wijkvoucher.ledger.models import Account, Entry
from wijkvoucher.ledger.verify import DEFAULT_LIMIT, Check, Problem, capped
from wijkvoucher.vouchers.models import Voucher

RETURN_KINDS = (K.VOUCHER_EXPIRE, K.VOUCHER_VOID, K.DECISION_RELEASE)


def _plan_accounts(plans: list[int]) -> dict[int, int]:
    """Each voucher and reservation account of these plans, to its plan."""
    owner: dict[int, int] = {}
    for plan, account in Voucher.objects.filter(initiative_id__in=plans).values_list(
        "initiative_id", "account_id"
    ):
        owner[account] = plan
    for plan, account in Decision.objects.filter(
        initiative_id__in=plans, reservation_account__isnull=False
    ).values_list("initiative_id", "reservation_account_id"):
        owner[account] = plan
    return owner


def _plan_money(
    plans: list[int],
) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Per plan: what its reservation received, what went back from it and its
    vouchers (expired, voided, released), and what its accounts still hold."""
    owner = _plan_accounts(plans)
    balances: dict[int, int] = defaultdict(int)
    for pk, balance in Account.objects.filter(pk__in=list(owner)).values_list(
        "pk", "balance_cents"
    ):
        balances[owner[pk]] += int(balance)
    reserved: dict[int, int] = defaultdict(int)
    returned: dict[int, int] = defaultdict(int)
    for account, kind, total in (
        Entry.objects.filter(account_id__in=list(owner))
        .values("account_id", "transaction__kind")
        .annotate(total=Sum("amount_cents"))
        .values_list("account_id", "transaction__kind", "total")
    ):
        if kind == K.DECISION_RESERVE:
            reserved[owner[account]] += int(total)
        elif kind in RETURN_KINDS:
            returned[owner[account]] -= int(total)
    return reserved, returned, balances


def _settlement_problems() -> Iterator[str]:
    """I12: a settled plan holds no money (its vouchers and its reservation are
    empty), and its final amount is what was reserved minus everything that went
    back (expired, voided, released)."""
    settlements = list(
        Settlement.objects.order_by("pk").values_list(
            "initiative_id",
            "initiative__uuid",
            "awarded_cents",
            "established_cents",
        )
    )
    if not settlements:
        return
    reserved, returned, balances = _plan_money([row[0] for row in settlements])
    for plan, uuid, awarded, established in settlements:
        if balances[plan]:
            yield f"settled plan {uuid}: still holds {balances[plan]} cents"
        if reserved[plan] != awarded:
            yield (
                f"settled plan {uuid}: awarded {awarded} cents, its reservation "
                f"received {reserved[plan]} cents"
            )
        if established != reserved[plan] - returned[plan]:
            yield (
                f"settled plan {uuid}: final amount {established} cents, but "
                f"reserved minus returned is {reserved[plan] - returned[plan]} cents"
            )


def _payment_legs() -> tuple[dict[int, int], dict[int, int]]:
    """Per recovery: what its payments record, and what their transactions took off
    the receivable."""
    paid = dict(
        RecoveryPayment.objects.order_by()
        .values("recovery_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("recovery_id", "total")
    )
    payment_of = dict(
        RecoveryPayment.objects.values_list("transaction_id", "recovery_id")
    )
    taken: dict[int, int] = defaultdict(int)
    for transaction, amount in Entry.objects.filter(
        transaction_id__in=list(payment_of),
        transaction__kind=K.RECOVERY_RECEIVE,
        account__kind=AccountKind.RECEIVABLE,
    ).values_list("transaction_id", "amount_cents"):
        taken[payment_of[transaction]] -= int(amount)
    return {k: int(v or 0) for k, v in paid.items()}, taken


@dataclass
class _Waivers:
    """Per recovery: the amount its waiver records, what the waiver's transaction
    took off the receivable and put on a written-off account, and wrong kinds."""

    amount: dict[int, int] = field(default_factory=dict)
    taken: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    written: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    problems: list[str] = field(default_factory=list)


def _waiver_legs() -> _Waivers:
    found = _Waivers()
    waiver_of: dict[int, int] = {}
    for recovery, transaction, amount in RecoveryWaiver.objects.values_list(
        "recovery_id", "transaction_id", "amount_cents"
    ):
        found.amount[recovery] = int(amount)
        waiver_of[transaction] = recovery
    for transaction, kind, account_kind, amount in Entry.objects.filter(
        transaction_id__in=list(waiver_of)
    ).values_list(
        "transaction_id", "transaction__kind", "account__kind", "amount_cents"
    ):
        recovery = waiver_of[transaction]
        if kind != K.RECOVERY_WAIVE:
            found.problems.append(
                f"waiver of recovery {recovery}: its transaction is a {kind}"
            )
        elif account_kind == AccountKind.RECEIVABLE:
            found.taken[recovery] -= int(amount)
        elif account_kind == AccountKind.WRITTEN_OFF:
            found.written[recovery] += int(amount)
    return found


def _expected_status(left: int, waived: int) -> str:
    if left:
        return RecoveryStatus.OPEN
    return RecoveryStatus.WAIVED if waived else RecoveryStatus.PAID


def _recovery_problems() -> Iterator[str]:
    """I13: each recovery's claim put exactly its amount on the plan's receivable;
    its payments took exactly what they say off it, and its waiver (if any) exactly
    the amount waived, which went to a written-off account; what is still owed is
    the receivable's balance; and a recovery is open exactly while something is
    owed: paid when all came in, waived when the rest was waived. The written-off
    accounts hold exactly the waivers."""
    recoveries = list(
        Recovery.objects.order_by("pk").values_list(
            "pk",
            "decision__number",
            "account_id",
            "claim_id",
            "amount_cents",
            "received_cents",
            "waived_cents",
            "status",
        )
    )
    if not recoveries:
        return
    paid, paid_off = _payment_legs()
    waivers = _waiver_legs()
    yield from waivers.problems
    legs: dict[tuple[int, int], int] = defaultdict(int)
    for transaction, account, amount in Entry.objects.filter(
        transaction_id__in=[r[3] for r in recoveries]
    ).values_list("transaction_id", "account_id", "amount_cents"):
        legs[(transaction, account)] += int(amount)
    owed: dict[int, int] = defaultdict(int)
    for pk, number, account, claim, amount, received, waived, status in recoveries:
        if legs[(claim, account)] != amount:
            yield (
                f"recovery {number}: {amount} cents reclaimed, its claim put "
                f"{legs[(claim, account)]} cents on the receivable"
            )
        if paid.get(pk, 0) != received or paid_off[pk] != received:
            yield (
                f"recovery {number}: {received} cents received, its payments add up "
                f"to {paid.get(pk, 0)} cents and took {paid_off[pk]} cents off "
                "the receivable"
            )
        recorded = waivers.amount.get(pk, 0)
        if not recorded == waived == waivers.taken[pk] == waivers.written[pk]:
            yield (
                f"recovery {number}: {waived} cents waived, its waiver says "
                f"{recorded} cents, took {waivers.taken[pk]} cents off the "
                f"receivable and wrote off {waivers.written[pk]} cents"
            )
        left = amount - received - waived
        if left < 0 or status != _expected_status(left, waived):
            yield f"recovery {number} is {status} with {left} cents owed"
        owed[account] += left
    yield from _balance_problems(owed, sum(waivers.amount.values()))


def _balance_problems(owed: dict[int, int], waived: int) -> Iterator[str]:
    """Each receivable holds what is still owed on it; the written-off accounts
    hold what was waived."""
    for pk, code, balance in Account.objects.filter(pk__in=list(owed)).values_list(
        "pk", "code", "balance_cents"
    ):
        if int(balance) != owed[pk]:
            yield (
                f"receivable {code}: balance {balance} cents, but {owed[pk]} cents "
                "are still owed"
            )
    written = Account.objects.filter(kind=AccountKind.WRITTEN_OFF).aggregate(
        total=Sum("balance_cents")
    )["total"]
    if int(written or 0) != waived:
        yield (
            f"written-off accounts hold {written or 0} cents, but the waivers add "
            f"up to {waived} cents"
        )


def settlement_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    return capped("I12", _settlement_problems(), limit)


def recovery_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    return capped("I13", _recovery_problems(), limit)


CHECKS = (
    Check(
        "I12",
        "a settled plan holds no money; its final amount is what was reserved "
        "minus what went back",
        settlement_problems,
    ),
    Check(
        "I13",
        "a recovery's claim, payments and waiver match the receivable; closed "
        "when nothing is owed",
        recovery_problems,
    ),
)
