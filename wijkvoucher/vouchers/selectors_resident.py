"""Reading an initiative's vouchers, their movements and its claims, as the initiator
and co-initiators see them (issue #4 point 3). The ledger is the truth for amounts:
balances come from the vouchers' accounts, movements from their ledger entries, each
explained by the Redemption, Refund or Claim row of its transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet, Sum
from django.utils import timezone

from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_co_initiator
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account, Entry
from wijkvoucher.neighbourhoods.constants import Role
from wijkvoucher.neighbourhoods.models import Neighbourhood
from wijkvoucher.neighbourhoods.selectors.roles import role_holders
from wijkvoucher.vouchers.constants import (
    DISPUTE_DAYS,
    SPENDABLE,
    ClaimKind,
    ClaimStatus,
    DisputeStatus,
)
from wijkvoucher.vouchers.models import Claim, Redemption, Refund, Voucher

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def vouchers_visible(*, user: User, initiative: Initiative) -> QuerySet[Voucher]:
    qs = Voucher.objects.filter(initiative=initiative).select_related(
        "account", "replaces"
    )
    if user.pk == initiative.initiator_id:
        return qs.order_by("number")
    if not is_co_initiator(user=user, initiative=initiative):
        return qs.none()
    return qs.filter(shared_with_coinitiators=True).order_by("number")


def voucher_balance_cents(voucher: Voucher) -> int:
    """What is left on the voucher now (its ledger account's balance)."""
    return int(
        Account.objects.values_list("balance_cents", flat=True).get(
            pk=voucher.account_id
        )
    )


def initiative_vouchers(*, initiative: Initiative) -> list[Voucher]:
    """Every voucher of the plan with its account, in the order they were issued."""
    return list(
        Voucher.objects.filter(initiative=initiative)
        .select_related("account")
        .order_by("pk")
    )


def initiative_has_vouchers(*, initiative: Initiative) -> bool:
    return Voucher.objects.filter(initiative=initiative).exists()


def voucher_replacement(*, voucher: Voucher) -> Voucher | None:
    """The voucher that replaced ``voucher`` (a lost one), or None."""
    return Voucher.objects.filter(replaces=voucher).first()


def voucher_is_spendable(voucher: Voucher, on: dt.date | None = None) -> bool:
    day = on or timezone.localdate()
    return voucher.status in SPENDABLE and voucher.valid_until >= day


def vouchers_left_cents(*, initiative: Initiative) -> int:
    """What can still be spent or claimed: the balances of the plan's spendable
    vouchers (not blocked, expired or voided, not past their end date)."""
    today = timezone.localdate()
    total = Voucher.objects.filter(
        initiative=initiative, status__in=sorted(SPENDABLE), valid_until__gte=today
    ).aggregate(total=Sum("account__balance_cents"))["total"]
    return int(total or 0)


def claims_waiting_cents(*, initiative: Initiative) -> int:
    """Reimbursements and advances sent and not yet decided: they will come off the
    vouchers when approved, so they are not available for another claim."""
    total = Claim.objects.filter(
        initiative=initiative, status=ClaimStatus.SUBMITTED
    ).aggregate(total=Sum("amount_cents"))["total"]
    return int(total or 0)


def claimable_cents(*, initiative: Initiative) -> int:
    """What a new claim may ask for at most."""
    return max(
        0,
        vouchers_left_cents(initiative=initiative)
        - claims_waiting_cents(initiative=initiative),
    )


def awarded_total_cents(*, initiative: Initiative) -> int:
    """The award as vouchers (replacements carry no new money), or the latest
    awarding beschikking's amount before vouchers were issued."""
    total = Voucher.objects.filter(
        initiative=initiative, replaces__isnull=True
    ).aggregate(total=Sum("amount_cents"))["total"]
    if total:
        return int(total)
    decision = decision_award_latest(initiative=initiative)
    return int(decision.amount_cents or 0) if decision is not None else 0


def advances_requested_cents(*, initiative: Initiative) -> int:
    """Advances asked for and not rejected."""
    total = (
        Claim.objects.filter(initiative=initiative, kind=ClaimKind.ADVANCE)
        .exclude(status=ClaimStatus.REJECTED)
        .aggregate(total=Sum("amount_cents"))["total"]
    )
    return int(total or 0)


def advance_max_percent(initiative: Initiative) -> int:
    version = initiative.regulation_version
    return int(version.advance_max_percent) if version is not None else 50


def claims_for_initiative(*, initiative: Initiative) -> QuerySet[Claim]:
    return Claim.objects.filter(initiative=initiative).select_related("budget_line")


def cash_managers(*, neighbourhood: Neighbourhood) -> list[User]:
    """The cash managers of the wijk or of its whole municipality, today."""
    return list(role_holders(neighbourhood=neighbourhood, roles=[Role.CASH_MANAGER]))


def redemption_may_be_disputed(
    redemption: Redemption, now: dt.datetime | None = None
) -> bool:
    """Less than DISPUTE_DAYS days old and no dispute open on it."""
    moment = now or timezone.now()
    if moment - redemption.created_at >= dt.timedelta(days=DISPUTE_DAYS):
        return False
    return not redemption.disputes.filter(status=DisputeStatus.OPEN).exists()


@dataclass(frozen=True)
class Movement:
    """One change of a voucher's balance (positive: money came on it)."""

    when: dt.datetime
    kind: str
    voucher: Voucher
    amount_cents: int
    provider: str = ""
    description: str = ""
    reference: str = ""
    redemption: Redemption | None = None
    claim: Claim | None = None
    dispute_status: str = ""
    may_dispute: bool = False


def voucher_movements(*, vouchers: list[Voucher]) -> list[Movement]:
    """Every ledger entry on these vouchers, oldest first, with what it was for."""
    by_account = {v.account_id: v for v in vouchers}
    entries = (
        Entry.objects.filter(account_id__in=list(by_account))
        .select_related("transaction")
        .order_by("created_at", "pk")
    )
    redemptions = {
        r.transaction_id: r
        for r in Redemption.objects.filter(voucher__in=vouchers)
        .select_related("provider")
        .prefetch_related("disputes")
    }
    refunds = {
        row.transaction_id: row
        for row in Refund.objects.filter(
            redemption__voucher__in=vouchers
        ).select_related("redemption__provider")
    }
    transaction_ids = [e.transaction_id for e in entries]
    claims = {
        c.transaction_id: c
        for c in Claim.objects.filter(transaction_id__in=transaction_ids)
    }
    now = timezone.now()
    result: list[Movement] = []
    for entry in entries:
        voucher = by_account[entry.account_id]
        tx = entry.transaction
        redemption = redemptions.get(tx.pk)
        refund = refunds.get(tx.pk)
        claim = claims.get(tx.pk)
        if tx.kind == TransactionKind.VOUCHER_REDEEM and redemption is not None:
            disputes = list(redemption.disputes.all())
            open_ = [d for d in disputes if d.status == DisputeStatus.OPEN]
            latest = max(disputes, key=lambda d: d.created_at) if disputes else None
            result.append(
                Movement(
                    when=redemption.created_at,
                    kind="redeem",
                    voucher=voucher,
                    amount_cents=int(entry.amount_cents),
                    provider=redemption.provider.name,
                    description=redemption.description,
                    reference=redemption.reference,
                    redemption=redemption,
                    dispute_status=latest.status if latest else "",
                    may_dispute=not open_
                    and now - redemption.created_at < dt.timedelta(days=DISPUTE_DAYS),
                )
            )
        elif tx.kind == TransactionKind.VOUCHER_REFUND and refund is not None:
            result.append(
                Movement(
                    when=refund.created_at,
                    kind="refund",
                    voucher=voucher,
                    amount_cents=int(entry.amount_cents),
                    provider=refund.redemption.provider.name,
                    description=refund.reason,
                    redemption=refund.redemption,
                )
            )
        elif tx.kind == TransactionKind.CLAIM_APPROVE:
            result.append(
                Movement(
                    when=entry.created_at,
                    kind="claim",
                    voucher=voucher,
                    amount_cents=int(entry.amount_cents),
                    description=claim.description if claim else "",
                    claim=claim,
                )
            )
        else:
            kind = {
                TransactionKind.VOUCHER_ISSUE: "issue",
                TransactionKind.VOUCHER_REPLACE: "replace",
                TransactionKind.VOUCHER_EXPIRE: "expire",
                TransactionKind.VOUCHER_VOID: "void",
            }.get(TransactionKind(tx.kind), "other")
            result.append(
                Movement(
                    when=entry.created_at,
                    kind=kind,
                    voucher=voucher,
                    amount_cents=int(entry.amount_cents),
                )
            )
    return result


@dataclass(frozen=True)
class Totals:
    awarded_cents: int
    spent_cents: int
    left_cents: int


def voucher_totals(*, vouchers: list[Voucher]) -> Totals:
    """Awarded (the original vouchers), spent (redemptions less refunds, approved
    claims) and left (balances of the spendable vouchers)."""
    awarded = sum(int(v.amount_cents) for v in vouchers if v.replaces_id is None)
    left = sum(
        int(v.account.balance_cents) for v in vouchers if voucher_is_spendable(v)
    )
    spent = 0
    for row in Redemption.objects.filter(voucher__in=vouchers):
        spent += row.refundable_cents
    claimed = (
        Entry.objects.filter(
            account_id__in=[v.account_id for v in vouchers],
            transaction__kind=TransactionKind.CLAIM_APPROVE,
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    spent += -int(claimed)
    return Totals(awarded_cents=awarded, spent_cents=spent, left_cents=left)
