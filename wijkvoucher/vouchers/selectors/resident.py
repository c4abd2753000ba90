"""Reading an initiative's vouchers as the initiator and co-initiators see them
(issue #4 point 3): who may see a voucher, which can still be spent, what is left
and what was awarded. Balances come from the vouchers' ledger accounts. The movements
and the claims are read in ``payments.selectors.resident``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet, Sum
from django.utils import timezone

from wijkvoucher.decisions.selectors import decision_award_latest
from wijkvoucher.initiatives.models import Initiative
from wijkvoucher.initiatives.services.participation import is_co_initiator
from wijkvoucher.vouchers.constants import SPENDABLE
from wijkvoucher.vouchers.models import Voucher

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def may_see_voucher(*, user: User, voucher: Voucher) -> bool:
    """The initiator sees every voucher of the plan; an accepted co-initiator only
    those the initiator shared."""
    initiative = voucher.initiative
    if user.pk == initiative.initiator_id:
        return True
    return voucher.shared_with_coinitiators and is_co_initiator(
        user=user, initiative=initiative
    )


def vouchers_visible(*, user: User, initiative: Initiative) -> QuerySet[Voucher]:
    qs = Voucher.objects.filter(initiative=initiative).select_related(
        "account", "replaces"
    )
    if user.pk == initiative.initiator_id:
        return qs.order_by("number")
    if not is_co_initiator(user=user, initiative=initiative):
        return qs.none()
    return qs.filter(shared_with_coinitiators=True).order_by("number")


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
