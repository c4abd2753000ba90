"""Money that was not spent goes back (issue #4 point 7): a voucher past its end date
expires, a voucher of a cancelled plan is voided, and its balance returns in one
ledger transaction to the budget period it came from while that period runs; after
it, to the wijk's current period when the period allows carry-over, otherwise to the
wijk's ``returned`` account (back to the council). ``vouchers_return_due`` does it
for everything due; the ``vouchers_run`` command enqueues it every hour."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.dates import message_day
from wijkvoucher.core.money import format_euro
from wijkvoucher.initiatives.constants import InitiativeStatus
from wijkvoucher.ledger.constants import TransactionKind
from wijkvoucher.ledger.models import Account
from wijkvoucher.ledger.services import ledger_transaction_post
from wijkvoucher.neighbourhoods.selectors.budgets import budget_period_current
from wijkvoucher.notifications.services import notification_send
from wijkvoucher.vouchers.constants import SPENDABLE, VoucherStatus
from wijkvoucher.vouchers.links import vouchers_url
from wijkvoucher.vouchers.models import Voucher
from wijkvoucher.vouchers.services.accounts import returned_account
from wijkvoucher.vouchers.services.transitions import vouchers_transition
from wijkvoucher.vouchers.workflow_voucher import VOUCHER

if TYPE_CHECKING:
    from wijkvoucher.accounts.models import User


def return_destination(*, actor: User | None, voucher: Voucher, on: dt.date) -> Account:
    period = voucher.budget_period
    if period.starts_on <= on <= period.ends_on and period.account_id is not None:
        return period.account  # type: ignore[return-value]
    if period.carry_over_allowed:
        current = budget_period_current(neighbourhood=voucher.neighbourhood, on=on)
        if current is not None and current.account_id is not None:
            return current.account  # type: ignore[return-value]
    return returned_account(actor=actor, neighbourhood=voucher.neighbourhood)


@transaction.atomic
def voucher_close(
    *, actor: User | None, voucher: Voucher, status: VoucherStatus, reason: str
) -> int:
    """Expire or void one voucher; returns the cents that went back (0 when it was
    empty or already closed: running twice changes nothing)."""
    if status not in (VoucherStatus.EXPIRED, VoucherStatus.VOIDED):
        raise ValueError(status)
    voucher = (
        Voucher.objects.select_for_update(of=("self",))
        .select_related("budget_period__account", "neighbourhood", "initiative")
        .get(pk=voucher.pk)
    )
    action = f"vouchers.{'expire' if status == VoucherStatus.EXPIRED else 'void'}"
    if voucher.status not in VOUCHER.sources(action):
        return 0
    on = timezone.localdate()
    account = Account.objects.select_for_update().get(pk=voucher.account_id)
    balance = int(account.balance_cents)
    posted = None
    if balance > 0:
        destination = return_destination(actor=actor, voucher=voucher, on=on)
        posted = ledger_transaction_post(
            actor=actor,
            kind=(
                TransactionKind.VOUCHER_EXPIRE
                if status == VoucherStatus.EXPIRED
                else TransactionKind.VOUCHER_VOID
            ),
            entries=[(account, -balance), (destination, balance)],
            memo=f"{status} {voucher.number}",
        )
    vouchers_transition(
        actor=actor,
        machine=VOUCHER,
        row=voucher,
        to=status,
        action=action,
        fields={"closed_at": timezone.now(), "close_reason": reason[:300]},
        note=reason[:300],
        audit_data={
            "number": voucher.number,
            "returned_cents": balance,
            "to": destination.code if posted else None,
            "transaction": str(posted.uuid) if posted else None,
        },
    )
    if balance > 0 and status == VoucherStatus.EXPIRED:
        notification_send(
            recipients=[voucher.initiative.initiator],
            kind="vouchers.expired",
            subject=_("Voucher %(number)s has expired"),
            body=_(
                "Voucher %(number)s of your plan %(title)s was valid until "
                "%(day)s. The %(amount)s that was left has gone back to the wijk "
                "budget."
            ),
            params={
                "number": voucher.number,
                "title": voucher.initiative.title,
                "day": message_day(voucher.valid_until),
                "amount": format_euro(balance),
            },
            url=vouchers_url(voucher.initiative),
        )
    return balance


@dataclass(frozen=True)
class ReturnResult:
    expired: int
    voided: int
    returned_cents: int


def vouchers_return_due(*, on: dt.date | None = None) -> ReturnResult:
    """Expire every spendable voucher past its end date and void every voucher of a
    cancelled plan, each in its own transaction."""
    day = on or timezone.localdate()
    open_states = [*sorted(SPENDABLE), VoucherStatus.REDEEMED]
    expired = voided = cents = 0
    for voucher in Voucher.objects.filter(
        status__in=open_states, initiative__status=InitiativeStatus.CANCELLED
    ).order_by("pk"):
        cents += voucher_close(
            actor=None,
            voucher=voucher,
            status=VoucherStatus.VOIDED,
            reason="plan cancelled",
        )
        voided += 1
    for voucher in Voucher.objects.filter(
        status__in=sorted(SPENDABLE), valid_until__lt=day
    ).order_by("pk"):
        cents += voucher_close(
            actor=None,
            voucher=voucher,
            status=VoucherStatus.EXPIRED,
            reason="past its end date",
        )
        expired += 1
    return ReturnResult(expired=expired, voided=voided, returned_cents=cents)
