"""The money invariants of docs/money.md#the-invariants that need the vouchers app's
rows (I5 and I7; the payments app's ``ledger_checks`` checks I6 and I10 with parts from
here), found by ``wijkvoucher.ledger.verify`` through this module's ``CHECKS``
(docs/adr/0009) and so run by ``manage.py ledger_verify`` and ``ledger_problems()``.

Each check compares the domain rows (redemptions, refunds, idempotency keys,
vouchers) with the ledger entries they claim to be, using aggregate queries merged in
Python, one row per voucher or provider at most."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Entry, LedgerTransaction
from wijkvoucher.ledger.verify import DEFAULT_LIMIT, Check, Problem, capped
from wijkvoucher.vouchers.constants import CLOSED, VoucherStatus
from wijkvoucher.vouchers.models import IdempotencyKey, Redemption, Refund, Voucher

K = TransactionKind


def _pairs_problems(
    *, kind: TransactionKind, rows: type[Redemption] | type[Refund], name: str
) -> Iterator[str]:
    """Every ``kind`` transaction has exactly one ``rows`` row, every row's transaction
    is of ``kind``, and its entries are the row's amount out of one account and into
    another."""
    orphans = (
        LedgerTransaction.objects.filter(kind=kind)
        .filter(**{f"{name}__isnull": True})
        .order_by("pk")
        .values_list("uuid", flat=True)
    )
    for uuid in orphans.iterator():
        yield f"{kind} transaction {uuid} has no {name} row"
    wrong_kind = (
        rows.objects.exclude(transaction__kind=kind)
        .order_by("pk")
        .values_list("uuid", "transaction__uuid", "transaction__kind")
    )
    for uuid, transaction, other in wrong_kind.iterator():
        yield f"{name} {uuid} points at {other} transaction {transaction}, not {kind}"
    shared = (
        rows.objects.order_by()
        .values("transaction_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("transaction__uuid", "n")
    )
    for transaction, n in shared:
        yield f"{n} {name} rows share ledger transaction {transaction}"
    legs = (
        rows.objects.order_by()
        .annotate(
            out=Sum(
                "transaction__entries__amount_cents",
                filter=Q(transaction__entries__amount_cents__lt=0),
                default=0,
            ),
            into=Sum(
                "transaction__entries__amount_cents",
                filter=Q(transaction__entries__amount_cents__gt=0),
                default=0,
            ),
            legs=Count("transaction__entries"),
        )
        .filter(~Q(into=F("amount_cents")) | ~Q(out=-F("amount_cents")) | ~Q(legs=2))
        .order_by("pk")
        .values_list("uuid", "amount_cents", "into", "legs")
    )
    for uuid, amount, into, n in legs.iterator():
        yield (
            f"{name} {uuid} of {amount} cents: its transaction has {n} entries moving "
            f"{into} cents (needs 2 entries moving exactly the amount)"
        )


def _response_id(body: str) -> str | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return str(value) if value is not None else None


def _idempotency_problems() -> Iterator[str]:
    """Every completed 2xx key reports one redemption or refund of its provider, and
    no redemption or refund is reported by two keys."""
    redemptions = {
        str(uuid): provider
        for uuid, provider in Redemption.objects.values_list("uuid", "provider_id")
    }
    refunds = {
        str(uuid): provider
        for uuid, provider in Refund.objects.values_list(
            "uuid", "redemption__provider_id"
        )
    }
    keys = (
        IdempotencyKey.objects.filter(
            response_status__gte=200,
            response_status__lt=300,
        )
        .order_by("pk")
        .values_list("pk", "provider_id", "key", "response_body")
    )
    seen: dict[str, str] = {}
    for _pk, provider, key, body in keys.iterator():
        reported = _response_id(body)
        if reported is None:
            yield f"idempotency key {key!r}: its 2xx response names no id"
            continue
        owner = redemptions.get(reported, refunds.get(reported))
        if owner is None:
            yield (
                f"idempotency key {key!r} reports {reported}, but no redemption or "
                "refund has that id"
            )
        elif owner != provider:
            yield (
                f"idempotency key {key!r} reports {reported}, which belongs to "
                "another provider"
            )
        if reported in seen:
            yield (
                f"{reported} is reported by two idempotency keys: {seen[reported]!r} "
                f"and {key!r}"
            )
        else:
            seen[reported] = key


def redemption_once_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I5: one redemption (refund) per ledger transaction and the other way round,
    and one redemption or refund per completed idempotency key."""

    def messages() -> Iterator[str]:
        yield from _pairs_problems(
            kind=K.VOUCHER_REDEEM, rows=Redemption, name="redemption"
        )
        yield from _pairs_problems(kind=K.VOUCHER_REFUND, rows=Refund, name="refund")
        yield from _idempotency_problems()

    return capped("I5", messages(), limit)


def _legs_by_kind(account_kind: AccountKind) -> dict[int, Counter[str]]:
    """Per account of ``account_kind``: the sum of its entries per transaction kind,
    with ``<kind>+`` and ``<kind>-`` for the incoming and outgoing parts."""
    rows = (
        Entry.objects.filter(account__kind=account_kind)
        .order_by()
        .values("account_id", "transaction__kind")
        .annotate(
            into=Sum("amount_cents", filter=Q(amount_cents__gt=0), default=0),
            out=Sum("amount_cents", filter=Q(amount_cents__lt=0), default=0),
        )
        .values_list("account_id", "transaction__kind", "into", "out")
    )
    sums: dict[int, Counter[str]] = defaultdict(Counter)
    for account, kind, into, out in rows:
        sums[account][f"{kind}+"] += int(into)
        sums[account][f"{kind}-"] += int(out)
        sums[account][kind] += int(into) + int(out)
    return sums


def _refund_sum_problems() -> Iterator[str]:
    rows = (
        Redemption.objects.order_by()
        .annotate(refund_sum=Sum("refunds__amount_cents", default=0))
        .filter(
            ~Q(refunded_cents=F("refund_sum")) | Q(refunded_cents__gt=F("amount_cents"))
        )
        .order_by("pk")
        .values_list("uuid", "amount_cents", "refunded_cents", "refund_sum")
    )
    for uuid, amount, refunded, refunds in rows.iterator():
        yield (
            f"redemption {uuid} of {amount} cents says {refunded} cents refunded; its "
            f"refunds add up to {refunds} cents (and may not exceed the amount)"
        )


def after_expiry_problems(limit: int = DEFAULT_LIMIT) -> list[Problem]:
    """I7: nothing redeemed after the voucher's last day (Amsterdam date), nothing
    redeemed or refunded after the voucher was closed."""
    local = timezone.get_default_timezone()

    def messages() -> Iterator[str]:
        late = (
            Redemption.objects.annotate(day=TruncDate("created_at", tzinfo=local))
            .filter(day__gt=F("voucher__valid_until"))
            .order_by("pk")
            .values_list("uuid", "voucher__number", "day", "voucher__valid_until")
        )
        for uuid, number, day, valid_until in late.iterator():
            yield (
                f"redemption {uuid} on voucher {number} was made on {day}, after its "
                f"last day {valid_until}"
            )
        for rows, name, voucher in (
            (Redemption.objects, "redemption", "voucher"),
            (Refund.objects, "refund", "redemption__voucher"),
        ):
            closed = (
                rows.filter(
                    **{
                        f"{voucher}__status__in": sorted(CLOSED),
                        f"{voucher}__closed_at__lt": F("created_at"),
                    }
                )
                .order_by("pk")
                .values_list("uuid", f"{voucher}__number", f"{voucher}__status")
            )
            for uuid, number, status in closed.iterator():
                yield f"{name} {uuid} on voucher {number} was made after it was {status}"

    return capped("I7", messages(), limit)


def _status_problem(status: str, balance: int, amount: int) -> str | None:
    if status in CLOSED:
        return None if balance == 0 else "is closed but still has a balance"
    if balance < 0:
        return "has a negative balance"
    expected = (
        VoucherStatus.REDEEMED
        if balance == 0
        else VoucherStatus.PARTLY_REDEEMED
        if balance < amount
        else VoucherStatus.ISSUED
    )
    return None if status == expected else f"should be {expected}"


VOUCHER_KINDS = frozenset(
    {
        K.VOUCHER_ISSUE,
        K.VOUCHER_REPLACE,
        K.VOUCHER_REDEEM,
        K.VOUCHER_REFUND,
        K.VOUCHER_EXPIRE,
        K.VOUCHER_VOID,
        K.CLAIM_APPROVE,
    }
)


def _voucher_problems() -> Iterator[str]:
    legs = _legs_by_kind(AccountKind.VOUCHER)
    redeemed = dict(
        Redemption.objects.order_by()
        .values("voucher_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("voucher_id", "total")
    )
    refunded = dict(
        Refund.objects.order_by()
        .values("redemption__voucher_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("redemption__voucher_id", "total")
    )
    totals: Counter[str] = Counter()
    vouchers = Voucher.objects.order_by("pk").values_list(
        "pk", "number", "account_id", "account__balance_cents", "amount_cents", "status"
    )
    for pk, number, account, cached, amount, status in vouchers.iterator():
        sums = legs.get(account, Counter())
        issued = sums[f"{K.VOUCHER_ISSUE}+"] + sums[f"{K.VOUCHER_REPLACE}+"]
        spent = int(redeemed.get(pk) or 0)
        back = int(refunded.get(pk) or 0)
        claims = -sums[K.CLAIM_APPROVE]
        returned = -(sums[K.VOUCHER_EXPIRE] + sums[K.VOUCHER_VOID])
        replaced = -sums[f"{K.VOUCHER_REPLACE}-"]
        expected = amount - spent + back - claims - returned - replaced
        totals.update(
            issued=issued,
            redeemed=spent,
            refunded=back,
            claims=claims,
            returned=returned,
            replaced=replaced,
            outstanding=int(cached),
        )
        if issued != amount:
            yield (
                f"voucher {number}: issued at {amount} cents, but {issued} cents went "
                "into it by issue or replacement"
            )
        if -sums[K.VOUCHER_REDEEM] != spent or sums[K.VOUCHER_REFUND] != back:
            yield (
                f"voucher {number}: its redemptions ({spent}) and refunds ({back}) do "
                f"not match its ledger entries ({-sums[K.VOUCHER_REDEEM]}, "
                f"{sums[K.VOUCHER_REFUND]}) cents"
            )
        if int(cached) != expected:
            yield (
                f"voucher {number}: balance {cached} cents, but issued {amount} − "
                f"redeemed {spent} + refunded {back} − claims {claims} − returned "
                f"{returned} − replaced {replaced} = {expected} cents"
            )
        others = sorted(
            kind
            for kind, value in sums.items()
            if kind in TransactionKind.values and kind not in VOUCHER_KINDS and value
        )
        for kind in others:
            yield (
                f"voucher {number}: {sums[kind]} cents of {kind} entries that no "
                "voucher operation explains"
            )
        problem = _status_problem(str(status), int(cached), int(amount))
        if problem:
            yield f"voucher {number} ({status}, balance {cached} cents) {problem}"
    conserved = (
        totals["issued"]
        - totals["redeemed"]
        + totals["refunded"]
        - totals["claims"]
        - totals["returned"]
        - totals["replaced"]
    )
    if conserved != totals["outstanding"]:
        yield (
            f"in total: issued {totals['issued']} − redeemed {totals['redeemed']} + "
            f"refunded {totals['refunded']} − claims {totals['claims']} − returned "
            f"{totals['returned']} − replaced {totals['replaced']} = {conserved} "
            f"cents, but the vouchers hold {totals['outstanding']} cents"
        )


CHECKS: tuple[Check, ...] = (
    Check(
        "I5",
        "one redemption or refund per transaction and per idempotency key",
        redemption_once_problems,
    ),
    Check("I7", "nothing redeemed after expiry or closing", after_expiry_problems),
)
