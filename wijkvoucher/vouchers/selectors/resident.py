"""Reading an initiative's vouchers as the initiator and co-initiators see them
(issue #4 point 3): which vouchers one sees, their balances, which can still be
spent, what is left and what was awarded. Balances come from the vouchers' ledger
accounts. The movements and the claims are read in ``payments.selectors.resident``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet, Sum
from django.utils import timezone

from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.permissions import is_co_initiator
from wijkvoucher.ledger.models import Account
from wijkvoucher.vouchers.constants import SPENDABLE
from wijkvoucher.vouchers.models import Voucher

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
