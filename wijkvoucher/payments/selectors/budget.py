"""Where the money of one budget period is (issue #4: the budget view for the cash
manager, officials and the public), read from the ledger (docs/adr/0009).

Every number is in cents and comes from ledger entries, attributed to the period by
two facts: the period's own ledger account (``BudgetPeriod.account``) and the
vouchers issued from it (``Voucher.budget_period``). Definitions (see
``BudgetOverview``):

- ``funded``: what entered the period account from the council: the publication of
  the ceiling and later ceiling changes (every entry on the account except
  reservations, releases and returned vouchers). Equals the ceiling once published.
- ``reserved``: reserved by beschikkingen from this period and not yet turned into
  vouchers = reservations − releases − ``issued``.
- ``issued``: the face value of the vouchers issued from this period (``voucher.issue``
  entries; a replacement of a lost voucher is not issued again).
- ``outstanding``: what those vouchers still hold (the sum of their balances).
- ``spent``: redeemed at providers − refunded + approved reimbursements/advances.
- ``paid_out``: the part of ``spent`` already paid by bank, attributed per payable
  account first-in-first-out: a payout pays the oldest unpaid money on that account;
  a refund takes back the newest unpaid money of its own period (when that had
  already been paid, the earlier payout is counted as paying other money instead).
- ``returned``: the balances of expired and voided vouchers of this period, split
  into ``returned_to_budget`` (back into this period's account, so part of
  ``available`` again) and ``returned_away`` (to the wijk's ``returned`` account,
  i.e. to the council, or carried over to a later period).
- ``carried_in``: balances of earlier periods' vouchers that came back into this
  period's account (carry-over).
- ``available``: the period account's balance.

The identity, which holds for every period whatever happened (tests assert it):

    funded + carried_in = available + reserved + outstanding + spent + returned_away

and ``issued = outstanding + spent + returned``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncDate

from wijkvoucher.ledger.constants import AccountKind, TransactionKind
from wijkvoucher.ledger.models import Account, Entry
from wijkvoucher.neighbourhoods.models import BudgetPeriod
from wijkvoucher.vouchers.models import Voucher

K = TransactionKind
RETURN_KINDS = (K.VOUCHER_EXPIRE, K.VOUCHER_VOID)
SPEND_KINDS = (K.VOUCHER_REDEEM, K.VOUCHER_REFUND, K.CLAIM_APPROVE)
NOT_FUNDING = (K.DECISION_RESERVE, K.DECISION_RELEASE, *RETURN_KINDS)
PAYABLE_KINDS = (AccountKind.PROVIDER_PAYABLE, AccountKind.INITIATOR_PAYABLE)
NEARLY_USED_PERCENT = 80
MAX_POINTS = 60


@dataclass(frozen=True)
class BudgetOverview:
    period: BudgetPeriod
    published: bool
    ceiling_cents: int
    funded_cents: int
    reserved_cents: int
    issued_cents: int
    outstanding_cents: int
    redeemed_cents: int
    refunded_cents: int
    claims_cents: int
    spent_cents: int
    paid_out_cents: int
    returned_cents: int
    returned_to_budget_cents: int
    returned_away_cents: int
    carried_in_cents: int
    available_cents: int

    @property
    def awarded_cents(self) -> int:
        """Reserved plus issued: everything beschikkingen gave to plans."""
        return self.reserved_cents + self.issued_cents

    @property
    def unpaid_cents(self) -> int:
        """Spent but not yet paid out by bank."""
        return self.spent_cents - self.paid_out_cents

    @property
    def used_percent(self) -> int:
        if self.funded_cents <= 0:
            return 0
        return min(100, self.awarded_cents * 100 // self.funded_cents)

    @property
    def nearly_used_up(self) -> bool:
        """At least 80% of the ceiling reserved or issued."""
        return self.funded_cents > 0 and (
            self.awarded_cents * 100 >= NEARLY_USED_PERCENT * self.funded_cents
        )


class SeriesPoint(NamedTuple):
    day: dt.date
    available_cents: int
    spent_cents: int
    # Reserved for plans or on vouchers not yet spent.
    committed_cents: int


def _by_kind(rows: object) -> dict[str, int]:
    return {str(kind): int(total or 0) for kind, total in rows}  # type: ignore[attr-defined]


def _empty(period: BudgetPeriod) -> BudgetOverview:
    return BudgetOverview(
        period=period,
        published=False,
        ceiling_cents=int(period.ceiling_cents),
        **dict.fromkeys(
            (
                "funded_cents",
                "reserved_cents",
                "issued_cents",
                "outstanding_cents",
                "redeemed_cents",
                "refunded_cents",
                "claims_cents",
                "spent_cents",
                "paid_out_cents",
                "returned_cents",
                "returned_to_budget_cents",
                "returned_away_cents",
                "carried_in_cents",
                "available_cents",
            ),
            0,
        ),
    )


def _voucher_accounts(period: BudgetPeriod) -> QuerySet[Voucher, Any]:
    """The ledger accounts of the period's vouchers, as a subquery: however many
    vouchers there are, their ids never travel to Python."""
    return Voucher.objects.filter(budget_period=period).values("account_id")


def budget_overview(*, budget_period: BudgetPeriod) -> BudgetOverview:
    """The money of ``budget_period`` as the module docstring defines it."""
    period = budget_period
    if period.published_at is None or period.account_id is None:
        return _empty(period)
    account_id = int(period.account_id)
    vouchers = _voucher_accounts(period)
    on_budget = _by_kind(
        Entry.objects.filter(account_id=account_id)
        .values_list("transaction__kind")
        .annotate(total=Sum("amount_cents"))
        .values_list("transaction__kind", "total")
    )
    on_vouchers = _by_kind(
        Entry.objects.filter(account_id__in=vouchers)
        .values_list("transaction__kind")
        .annotate(total=Sum("amount_cents"))
        .values_list("transaction__kind", "total")
    )
    returned_home = int(
        Entry.objects.filter(
            account_id=account_id,
            transaction__kind__in=RETURN_KINDS,
            transaction_id__in=Entry.objects.filter(
                account_id__in=vouchers, transaction__kind__in=RETURN_KINDS
            ).values("transaction_id"),
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    funded = sum(v for k, v in on_budget.items() if k not in NOT_FUNDING)
    returns_in = sum(on_budget.get(k, 0) for k in RETURN_KINDS)
    issued = on_vouchers.get(K.VOUCHER_ISSUE, 0)
    redeemed = -on_vouchers.get(K.VOUCHER_REDEEM, 0)
    refunded = on_vouchers.get(K.VOUCHER_REFUND, 0)
    claims = -on_vouchers.get(K.CLAIM_APPROVE, 0)
    returned = -sum(on_vouchers.get(k, 0) for k in RETURN_KINDS)
    spent = redeemed - refunded + claims
    reserved = (
        -on_budget.get(K.DECISION_RESERVE, 0)
        - on_budget.get(K.DECISION_RELEASE, 0)
        - issued
    )
    available = int(
        Account.objects.values_list("balance_cents", flat=True).get(pk=account_id)
    )
    return BudgetOverview(
        period=period,
        published=True,
        ceiling_cents=int(period.ceiling_cents),
        funded_cents=funded,
        reserved_cents=reserved,
        issued_cents=issued,
        outstanding_cents=sum(on_vouchers.values()),
        redeemed_cents=redeemed,
        refunded_cents=refunded,
        claims_cents=claims,
        spent_cents=spent,
        paid_out_cents=paid_out_cents(budget_period=period, voucher_accounts=vouchers),
        returned_cents=returned,
        returned_to_budget_cents=returned_home,
        returned_away_cents=returned - returned_home,
        carried_in_cents=returns_in - returned_home,
        available_cents=available,
    )


def _take_newest(
    lots: list[list[int | None]], amount: int, period_id: int | None
) -> list[tuple[int | None, int]]:
    """Remove up to ``amount`` from the newest lots (of ``period_id`` only, unless
    None); returns what was taken per lot period."""
    taken: list[tuple[int | None, int]] = []
    for lot in reversed(lots):
        if amount <= 0:
            break
        if period_id is not None and lot[0] != period_id:
            continue
        take = min(amount, int(lot[1] or 0))
        if take > 0:
            lot[1] = int(lot[1] or 0) - take
            amount -= take
            taken.append((lot[0], take))
    lots[:] = [lot for lot in lots if int(lot[1] or 0) > 0]
    return taken


def _pay_oldest(
    lots: list[list[int | None]], paid: dict[int | None, int], amount: int
) -> None:
    """A payout pays the oldest unpaid money first."""
    while amount > 0 and lots:
        lot = lots[0]
        take = min(amount, int(lot[1] or 0))
        paid[lot[0]] += take
        lot[1] = int(lot[1] or 0) - take
        amount -= take
        if int(lot[1] or 0) <= 0:
            lots.pop(0)


def _give_back(
    lots: list[list[int | None]],
    paid: dict[int | None, int],
    amount: int,
    to_vouchers: list[tuple[int | None, int]],
) -> None:
    """A refund takes back the newest unpaid money of its own period; when that had
    been paid already, the earlier payout counts as paying other money instead."""
    left = amount
    for period_id, cents in to_vouchers:
        got = sum(c for _p, c in _take_newest(lots, cents, period_id))
        short = cents - got
        left -= cents
        if short > 0:
            paid[period_id] -= short
            for other, take in _take_newest(lots, short, None):
                paid[other] += take
    if left > 0:
        _take_newest(lots, left, None)


def _fifo_paid(
    entries: list[tuple[int, str, int]],
    legs: dict[int, list[tuple[int | None, int]]],
) -> dict[int | None, int]:
    """Paid per period on one payable account; ``entries`` are (transaction id,
    kind, amount) in posting order, ``legs`` the voucher legs per transaction as
    (period id, amount)."""
    lots: list[list[int | None]] = []
    paid: dict[int | None, int] = defaultdict(int)
    for tx_id, kind, amount in entries:
        tx_legs = legs.get(tx_id, [])
        if amount > 0:
            from_vouchers = [(p, -a) for p, a in tx_legs if a < 0]
            lots.extend([period_id, cents] for period_id, cents in from_vouchers)
            rest = amount - sum(c for _p, c in from_vouchers)
            if rest > 0:
                lots.append([None, rest])
        elif kind in (K.PAYOUT, K.PAYOUT_COMMIT):
            # Legacy batches paid straight from the payable; since ADR 0013 the
            # approval (the commit) takes the money out of it.
            _pay_oldest(lots, paid, -amount)
        else:
            _give_back(lots, paid, -amount, [(p, a) for p, a in tx_legs if a > 0])
    return paid


def paid_out_cents(
    *,
    budget_period: BudgetPeriod,
    voucher_accounts: QuerySet[Voucher, Any] | None = None,
) -> int:
    """The part of the period's spent money already paid out (FIFO per payable)."""
    vouchers = (
        voucher_accounts
        if voucher_accounts is not None
        else _voucher_accounts(budget_period)
    )
    spend_tx = Entry.objects.filter(
        account_id__in=vouchers, transaction__kind__in=SPEND_KINDS
    ).values("transaction_id")
    payables = set(
        Entry.objects.filter(
            transaction_id__in=spend_tx, account__kind__in=PAYABLE_KINDS
        ).values_list("account_id", flat=True)
    )
    if not payables:
        return 0
    rows = list(
        Entry.objects.filter(account_id__in=payables)
        .order_by("transaction__created_at", "transaction_id", "pk")
        .values_list(
            "account_id", "transaction_id", "transaction__kind", "amount_cents"
        )
    )
    tx_ids = {row[1] for row in rows}
    leg_rows = list(
        Entry.objects.filter(
            transaction_id__in=tx_ids, account__kind=AccountKind.VOUCHER
        ).values_list("transaction_id", "account_id", "amount_cents")
    )
    period_of = dict(
        Voucher.objects.filter(account_id__in={r[1] for r in leg_rows}).values_list(
            "account_id", "budget_period_id"
        )
    )
    legs: dict[int, list[tuple[int | None, int]]] = defaultdict(list)
    for tx_id, account_id, cents in leg_rows:
        legs[tx_id].append((period_of.get(account_id), int(cents)))
    per_account: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for account_id, tx_id, kind, cents in rows:
        per_account[account_id].append((tx_id, str(kind), int(cents)))
    total = 0
    for entries in per_account.values():
        total += _fifo_paid(entries, legs).get(budget_period.pk, 0)
    return total


def _bucket(day: dt.date, days: int) -> dt.date:
    if days <= MAX_POINTS:
        return day
    if days <= MAX_POINTS * 7:
        return day + dt.timedelta(days=6 - day.weekday())  # the week's Sunday
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(
        days=1
    )  # the month's last day


def budget_series(*, budget_period: BudgetPeriod) -> list[SeriesPoint]:
    """The period's available, spent and committed (reserved or on vouchers not yet
    spent) money at the end of each day with a transaction; by week (then month)
    when that would be more than 60 points. Empty before publication.

    One aggregate query gives the day's changes (a row per day, however many
    entries); the running totals are added up over those days."""
    period = budget_period
    if period.published_at is None or period.account_id is None:
        return []
    account_id = int(period.account_id)
    on_budget = Q(account_id=account_id)
    on_vouchers = ~on_budget
    days = list(
        Entry.objects.filter(on_budget | Q(account_id__in=_voucher_accounts(period)))
        .annotate(day=TruncDate("transaction__created_at"))
        .values("day")
        .annotate(
            available=Sum("amount_cents", filter=on_budget),
            reserved=Sum(
                "amount_cents",
                filter=on_budget
                & Q(transaction__kind__in=(K.DECISION_RESERVE, K.DECISION_RELEASE)),
            ),
            spent=Sum(
                "amount_cents",
                filter=on_vouchers & Q(transaction__kind__in=SPEND_KINDS),
            ),
            on_vouchers=Sum(
                "amount_cents",
                filter=on_vouchers & ~Q(transaction__kind=K.VOUCHER_ISSUE),
            ),
        )
        .order_by("day")
        .values_list("day", "available", "reserved", "spent", "on_vouchers")
    )
    if not days:
        return []
    first, last = days[0][0], days[-1][0]
    span = len(days) if len(days) <= MAX_POINTS else (last - first).days + 1
    available = spent = committed = 0
    points: dict[dt.date, SeriesPoint] = {}
    for day, day_available, day_reserved, day_spent, day_on_vouchers in days:
        available += int(day_available or 0)
        spent -= int(day_spent or 0)
        committed += int(day_on_vouchers or 0) - int(day_reserved or 0)
        bucket = _bucket(day, span)
        points[bucket] = SeriesPoint(bucket, available, spent, committed)
    return [points[day] for day in sorted(points)]
