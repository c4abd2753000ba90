"""The money invariants of docs/adr/0009 and 0013 that need the payments app's rows
(I6, I10, I11),
found by ``wijkvoucher.ledger.verify`` through this module's ``CHECKS`` and so run by
``manage.py ledger_verify`` and ``ledger_problems()``. The vouchers app checks I5
and I7 in its own ``ledger_checks``; I6 and I10 take its voucher-side parts.

Each check compares the domain rows (refunds, payout batches, claims, vouchers) with
the ledger entries they claim to be, using aggregate queries merged in Python."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from django.db.models import Count, F, Q, Sum

from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction
from wijkvoucher.ledger.verify import DEFAULT_LIMIT, Check, Problem, capped
from wijkvoucher.payments.constants import COMMITTED_PAYOUT, PayoutStatus
from wijkvoucher.payments.models import Claim, PayoutBatch, PayoutLine
from wijkvoucher.providers.models import Provider
from wijkvoucher.vouchers.ledger_checks import (
    K,
    _legs_by_kind,
    _refund_sum_problems,
    _voucher_problems,
)
from wijkvoucher.vouchers.models import Redemption, Refund


def _owed_accounts() -> dict[str, int]:
    """Account id per code of every provider's "owed" account."""
    return dict(
        Account.objects.filter(kind=AccountKind.PROVIDER_OWED).values_list("code", "pk")
    )


def _payable_problems() -> Iterator[str]:
    legs = _legs_by_kind(AccountKind.PROVIDER_PAYABLE)
    owed_legs = _legs_by_kind(AccountKind.PROVIDER_OWED)
    owed_accounts = _owed_accounts()
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
            "pk", "uuid", "name", "payable_account_id", "payable_account__balance_cents"
        )
    )
    for pk, uuid, name, account_id, balance in providers:
        account = cast("int | None", account_id)  # null until its first redemption
        if account is None:
            yield f"provider {name}: has redemptions but no payable account"
            continue
        sums = legs.get(account, Counter())
        owed_sums = owed_legs.get(
            owed_accounts.get(f"provider:{uuid}:owed", 0), Counter()
        )
        if sums[K.VOUCHER_REDEEM] != int(redeemed.get(pk) or 0):
            yield (
                f"provider {name}: redemptions add up to {redeemed.get(pk) or 0} "
                f"cents, its payable received {sums[K.VOUCHER_REDEEM]} cents"
            )
        # A refund comes out of the payable, or (money sent to the bank) out of the
        # provider's "owed" account (docs/adr/0013).
        back = -sums[K.VOUCHER_REFUND] - owed_sums[K.VOUCHER_REFUND]
        if back != int(refunded.get(pk) or 0):
            yield (
                f"provider {name}: refunds add up to {refunded.get(pk) or 0} cents, "
                f"its payable and owed accounts gave back {back} cents"
            )
        owed = int(redeemed.get(pk) or 0) + sums[K.VOUCHER_REFUND]
        paid = -sum(
            amount
            for kind, amount in sums.items()
            if kind in TransactionKind.values
            and kind not in (K.VOUCHER_REDEEM, K.VOUCHER_REFUND)
        )
        if paid > owed:
            yield (
                f"provider {name}: {paid} cents paid out, more than the {owed} cents "
                "redeemed minus refunded from its payable"
            )
        if int(balance) != owed - paid:
            yield (
                f"provider {name}: payable balance {balance} cents, but redeemed "
                f"minus refunded minus paid out is {owed - paid} cents"
            )


def _payout_lines() -> dict[int, Counter[int]]:
    """Per batch: what each of its lines should take out of its payable account
    (its amount and what it nets)."""
    lines: dict[int, Counter[int]] = defaultdict(Counter)
    for batch, account, amount, netted in (
        PayoutLine.objects.order_by()
        .values_list("batch_id", "account_id", "amount_cents", "netted_cents")
        .iterator()
    ):
        lines[batch][account] -= int(amount) + int(netted)
    return lines


def _netted_lines() -> dict[int, Counter[int]]:
    """Per batch: what its lines net into each provider's "owed" account."""
    owed_accounts = _owed_accounts()
    netted: dict[int, Counter[int]] = defaultdict(Counter)
    for batch, provider, amount in (
        PayoutLine.objects.filter(netted_cents__gt=0)
        .order_by()
        .values_list("batch_id", "provider__uuid", "netted_cents")
        .iterator()
    ):
        account = owed_accounts.get(f"provider:{provider}:owed", 0)
        netted[batch][account] += int(amount)
    return netted


def _entries_of(
    transactions: list[int],
) -> tuple[dict[int, str], dict[int, dict[str, Counter[int]]]]:
    """Per transaction: its kind, and its entries per account kind and account."""
    kinds = dict(
        LedgerTransaction.objects.filter(pk__in=transactions).values_list("pk", "kind")
    )
    entries: dict[int, dict[str, Counter[int]]] = defaultdict(
        lambda: defaultdict(Counter)
    )
    for transaction, account, kind, amount in Entry.objects.filter(
        transaction_id__in=transactions
    ).values_list("transaction_id", "account_id", "account__kind", "amount_cents"):
        entries[transaction][kind][account] += int(amount)
    return kinds, entries


PAYABLE_KINDS = (AccountKind.PROVIDER_PAYABLE, AccountKind.INITIATOR_PAYABLE)


def _payables(got: dict[str, Counter[int]]) -> Counter[int]:
    """The entries of a transaction on payable accounts, per account (plain sums:
    ``Counter`` addition would drop the negative ones)."""
    out: Counter[int] = Counter()
    for kind in PAYABLE_KINDS:
        for account, amount in got.get(kind, {}).items():
            out[account] += amount
    return out


def _kind_sums(got: dict[str, Counter[int]]) -> dict[str, int]:
    return {kind: sum(accounts.values()) for kind, accounts in got.items()}


@dataclass(frozen=True)
class _Batch:
    pk: int
    reference: str
    status: str
    total: int
    paid: int | None  # the payout transaction
    commit: int | None  # the approval's transaction


@dataclass
class _Books:
    """What the batch checks compare with: the lines' wanted entries, the ledger
    entries of the batches' transactions, and which approvals were reversed."""

    lines: dict[int, Counter[int]]
    netted: dict[int, Counter[int]]
    kinds: dict[int, str]
    entries: dict[int, dict[str, Counter[int]]]
    reversed: set[int]


_COMMIT_KINDS = {
    AccountKind.PROVIDER_PAYABLE,
    AccountKind.INITIATOR_PAYABLE,
    AccountKind.PROVIDER_OWED,
    AccountKind.PAYOUT_COMMITTED,
}


def _commit_problems(b: _Batch, books: _Books) -> Iterator[str]:
    assert b.commit is not None  # noqa: S101 (the caller checked)
    if b.status not in (*COMMITTED_PAYOUT, PayoutStatus.FAILED):
        yield f"payout batch {b.reference} is {b.status} but has an approval transaction"
    if books.kinds.get(b.commit) != K.PAYOUT_COMMIT:
        yield f"payout batch {b.reference}: its approval is not a payout.commit"
    got = books.entries.get(b.commit, {})
    if (
        _payables(got) != books.lines.get(b.pk, Counter())
        or Counter(got.get(AccountKind.PROVIDER_OWED, {}))
        != books.netted.get(b.pk, Counter())
        or _kind_sums(got).get(AccountKind.PAYOUT_COMMITTED, 0) != b.total
        or set(got) - _COMMIT_KINDS
    ):
        yield (
            f"payout batch {b.reference}: its approval does not take exactly its "
            "lines from their payables into the committed account"
        )
    undone = b.commit in books.reversed
    if (b.status == PayoutStatus.FAILED) != undone:
        yield (
            f"payout batch {b.reference} is {b.status} but its approval is "
            f"{'' if undone else 'not '}reversed"
        )


def _paid_problems(b: _Batch, books: _Books) -> Iterator[str]:
    assert b.paid is not None  # noqa: S101 (the caller checked)
    if books.kinds.get(b.paid) != K.PAYOUT:
        yield f"payout batch {b.reference}: its transaction is not a payout"
    got = books.entries.get(b.paid, {})
    sums = _kind_sums(got)
    if b.commit is None:  # paid before ADR 0013: straight from the payables
        right = (
            _payables(got) == books.lines.get(b.pk, Counter())
            and sums.get(AccountKind.PAYOUT_CLEARING) == b.total
            and set(sums) <= {*PAYABLE_KINDS, AccountKind.PAYOUT_CLEARING}
        )
    else:
        right = sums == {
            AccountKind.PAYOUT_COMMITTED: -b.total,
            AccountKind.PAYOUT_CLEARING: b.total,
        }
    if not right:
        yield (
            f"payout batch {b.reference}: its transaction does not take exactly its "
            "lines' amounts into the clearing account"
        )


def _payout_batch_problems() -> Iterator[str]:
    """A batch's total is the sum of its lines; an approved batch's approval moves
    exactly its lines (each payable out by amount + netted, the netted part into the
    provider's "owed" account, the total into committed); a paid batch's payout moves
    its total from committed to clearing (or, paid before ADR 0013, its lines straight
    from the payables); a batch the bank did not pay out has its approval reversed."""
    batches = [
        _Batch(*row)
        for row in PayoutBatch.objects.order_by("pk").values_list(
            "pk",
            "reference",
            "status",
            "total_cents",
            "transaction_id",
            "commit_transaction_id",
        )
    ]
    commits = [b.commit for b in batches if b.commit is not None]
    kinds, entries = _entries_of(
        [t for b in batches for t in (b.paid, b.commit) if t is not None]
    )
    books = _Books(
        lines=_payout_lines(),
        netted=_netted_lines(),
        kinds=kinds,
        entries=entries,
        reversed=set(
            LedgerTransaction.objects.filter(reverses_id__in=commits).values_list(
                "reverses_id", flat=True
            )
        ),
    )
    for b in batches:
        paid_by_lines = -sum(books.lines.get(b.pk, Counter()).values()) - sum(
            books.netted.get(b.pk, Counter()).values()
        )
        if paid_by_lines != b.total:
            yield (
                f"payout batch {b.reference}: total {b.total} cents, its lines add up "
                f"to {paid_by_lines} cents"
            )
        if (b.status == PayoutStatus.PAID) != (b.paid is not None):
            yield (
                f"payout batch {b.reference} is {b.status} but "
                f"{'has no' if b.paid is None else 'has a'} ledger transaction"
            )
        if b.commit is not None:
            yield from _commit_problems(b, books)
        if b.status == PayoutStatus.PAID and b.paid is not None:
            yield from _paid_problems(b, books)


def refund_and_payout_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I6: a redemption's refunds add up to its ``refunded_cents`` and at most its
    amount; a provider is paid out at most what was redeemed minus refunded; a paid
    payout batch's transaction moves exactly its lines."""

    def messages() -> Iterator[str]:
        yield from _refund_sum_problems()
        yield from _payable_problems()
        yield from _payout_batch_problems()

    return capped("I6", messages(), limit)


def _sent() -> Q:
    """Lines whose money is in a bank file: of a paid batch, or of an approved one
    that committed them (one approved before ADR 0013 commits when marked paid)."""
    return Q(batch__status=PayoutStatus.PAID) | Q(
        batch__status=PayoutStatus.APPROVED, batch__commit_transaction__isnull=False
    )


def _sent_twice_problems() -> Iterator[str]:
    for relation, name in (("redemptions", "redemption"), ("claims", "claim")):
        through = getattr(PayoutLine, relation).through
        field = f"{name}_id"
        twice = (
            through.objects.filter(payoutline__batch__status__in=list(COMMITTED_PAYOUT))
            .order_by()
            .values(field)
            .annotate(n=Count("payoutline__batch", distinct=True))
            .filter(n__gt=1)
            .values_list(f"{name}__uuid", "n")
        )
        for uuid, n in twice:
            yield f"{name} {uuid} is in {n} approved or paid payout batches"
    on_lines = set(
        PayoutLine.redemptions.through.objects.filter(
            payoutline__batch__status__in=list(COMMITTED_PAYOUT)
        ).values_list("redemption_id", flat=True)
    )
    flagged = set(
        Redemption.objects.filter(payout_committed=True).values_list("pk", flat=True)
    )
    for pk in sorted(on_lines ^ flagged):
        yield (
            f"redemption {pk} is {'not ' if pk in on_lines else ''}marked as sent to "
            f"the bank, but it is {'' if pk in on_lines else 'not '}on an approved or "
            "paid payout batch"
        )


def _provider_sent_problems() -> Iterator[str]:
    owed_balances = dict(
        Account.objects.filter(kind=AccountKind.PROVIDER_OWED).values_list(
            "code", "balance_cents"
        )
    )
    for code, balance in sorted(owed_balances.items()):
        if int(balance) > 0:
            yield f"account {code}: a provider owes {-int(balance)} cents (above zero)"
    earned = dict(
        Redemption.objects.order_by()
        .values("provider_id")
        .annotate(total=Sum(F("amount_cents") - F("refunded_cents")))
        .values_list("provider_id", "total")
    )
    sent = dict(
        PayoutLine.objects.filter(_sent(), provider__isnull=False)
        .order_by()
        .values("provider_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("provider_id", "total")
    )
    providers = (
        Provider.objects.filter(pk__in={*earned, *sent})
        .order_by("pk")
        .values_list("pk", "uuid", "name", "payable_account__balance_cents")
    )
    outside = dict(
        Redemption.objects.filter(payout_committed=False)
        .order_by()
        .values("provider_id")
        .annotate(total=Sum(F("amount_cents") - F("refunded_cents")))
        .values_list("provider_id", "total")
    )
    for pk, uuid, name, payable in providers:
        if int(payable or 0) < int(outside.get(pk) or 0):
            yield (
                f"provider {name}: payable {payable or 0} cents, less than the "
                f"{outside.get(pk)} cents its redemptions outside a bank file can "
                "still be refunded"
            )
        owes = -int(owed_balances.get(f"provider:{uuid}:owed", 0))
        paid = int(sent.get(pk) or 0)
        right = int(earned.get(pk) or 0) - int(payable or 0) + owes
        if paid != right:
            yield (
                f"provider {name}: {paid} cents sent to the bank, but earned minus "
                f"still owed to it plus owed back by it is {right} cents"
            )


def _committed_account_problems() -> Iterator[str]:
    waiting = dict(
        PayoutBatch.objects.filter(
            status=PayoutStatus.APPROVED, commit_transaction__isnull=False
        )
        .order_by()
        .values("municipality__slug")
        .annotate(total=Sum("total_cents"))
        .values_list("municipality__slug", "total")
    )
    balances = {
        code.removeprefix("payout:committed:"): int(balance)
        for code, balance in Account.objects.filter(
            kind=AccountKind.PAYOUT_COMMITTED
        ).values_list("code", "balance_cents")
    }
    for slug in sorted({*waiting, *balances}):
        if int(waiting.get(slug) or 0) != balances.get(slug, 0):
            yield (
                f"municipality {slug}: {balances.get(slug, 0)} cents sent to the bank "
                f"and not marked paid, but its approved batches hold "
                f"{waiting.get(slug) or 0} cents"
            )


def committed_payout_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I11: money sent to the bank is never sent again (docs/adr/0013). A redemption
    or claim is in at most one approved or paid batch; per provider, what its lines
    sent equals what it earned (redeemed − refunded) minus what is still owed to it
    plus what it owes back, so it is never paid more than it earned beyond what it
    owes back; an "owed" account never goes above zero; the committed account holds
    exactly the approved batches not yet marked paid."""

    def messages() -> Iterator[str]:
        yield from _sent_twice_problems()
        yield from _provider_sent_problems()
        yield from _committed_account_problems()

    return capped("I11", messages(), limit)


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
        "I11",
        "money sent to the bank is never sent again",
        committed_payout_problems,
    ),
    Check(
        "I10",
        "conservation: issued − redeemed + refunded − claims − returned = balances",
        conservation_problems,
    ),
)
